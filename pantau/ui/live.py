"""Screens that stay current without a touch: a light check of the data version every
few seconds (a fragment, so nothing else reruns) that reruns the page only when
something was saved elsewhere, and says when it last looked."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from pantau.clock import now_utc
from pantau.timefmt import format_clock
from pantau.ui.context import data_version, lang, tr

CHECK_SECONDS = 4  # a change saved elsewhere shows within this (plus the page's own run)


def watch(shown_version: int) -> None:
    """Rerun the page once the data version differs from `shown_version` (the version
    the page was drawn from), and show "diperbarui HH.MM WIB" meanwhile."""

    @st.fragment(run_every=timedelta(seconds=CHECK_SECONDS))
    def check() -> None:
        if data_version() != shown_version:
            st.rerun(scope="app")
        st.caption(
            ":material/autorenew: " + tr("live_updated", at=format_clock(now_utc(), lang())),
            help=tr("live_help"),
        )

    check()
