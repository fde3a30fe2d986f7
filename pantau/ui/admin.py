"""The administration page's parts: account list, new account, one account's actions.

Every action calls the core (pantau.access.accounts), which checks that the actor is an
admin and logs the change; this module only draws and reports.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from pantau.access import accounts
from pantau.access.permissions import Actor
from pantau.city import areas
from pantau.city.seam import current
from pantau.city.timefmt import format_wib
from pantau.geo import stranded
from pantau.kernel import vocab
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import PantauError
from pantau.ui import kept
from pantau.ui.actions import drawing, flash, flash_here, run
from pantau.ui.context import database, error_fields, error_text, lang, settings, tr
from pantau.ui.session import area_label
from pantau.ui.text import plain

OTP = "admin_one_time_password"


def is_locked(row: dict[str, Any], now: datetime) -> bool:
    return row["locked_until"] is not None and row["locked_until"] > now


def state_text(row: dict[str, Any], now: datetime) -> str:
    if not row["active"]:
        text = tr("state_inactive")
    elif is_locked(row, now):
        text = tr("state_locked", until=format_wib(row["locked_until"], lang()))
    else:
        text = tr("state_active")
    flags = [
        tr(key)
        for key, on in (
            ("state_demo_pw", row["default_password"]),
            ("state_must_change", row["must_change_password"]),
        )
        if on
    ]
    return text + (f" ({', '.join(flags)})" if flags else "")


def user_table(rows: list[dict[str, Any]], now: datetime) -> None:
    lg = lang()
    st.dataframe(
        pd.DataFrame(
            {
                tr("col_username"): [r["username"] for r in rows],
                tr("col_name"): [r["display_name"] for r in rows],
                tr("col_role"): [vocab.label("role", r["role"], lg) for r in rows],
                tr("col_area"): [
                    area_label(r["kecamatan_kode"], r["kelurahan_kode"], r.get("kota_kode"))
                    for r in rows
                ],
                tr("col_state"): [state_text(r, now) for r in rows],
                tr("col_last_login"): [format_wib(r["last_login_at"], lg) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def show_one_time_password() -> None:
    """Show a just-made one-time password, once: it is gone on the next rerun."""
    shown = st.session_state.pop(OTP, None)
    if shown:
        message, password = shown
        st.success(message, icon=":material/key:")
        st.code(password, language=None)
        st.caption(tr("admin_otp_shown_once"))


def _optional_area(
    where: Any, label: str, names: dict[str, str], chosen: str | None, key: str
) -> str | None:
    """A select of one area (code -> name) or none, starting on `chosen`."""
    options = ["", *names]  # "" for none (see pantau/ui/reportlist.py)
    picked = where.selectbox(
        label,
        options,
        index=options.index(chosen) if chosen in options else 0,
        format_func=lambda c: names[c] if c else tr("none"),
        key=kept.labelled(key),
    )
    return str(picked) if picked else None


def _area_inputs(prefix: str, kec: str | None, kel: str | None) -> tuple[str | None, str | None]:
    c1, c2 = st.columns(2)
    kecamatan = {k.kode: k.nama for k in areas.kecamatan_list()}
    kelurahan = {k.kode: area_label(None, k.kode) for k in areas.kelurahan_list()}
    return (
        _optional_area(c1, tr("filter_kecamatan") + " (camat)", kecamatan, kec, f"{prefix}_kec"),
        _optional_area(c2, tr("filter_kelurahan") + " (lurah)", kelurahan, kel, f"{prefix}_kel"),
    )


def _kota_input(prefix: str, kota: str | None) -> str | None:
    """A province-wide database only: the kota a pimpinan is scoped to (none: all)."""
    here = current()
    if here.level != "provinsi":
        return None
    names = {k.kode: k.nama for k in here.kota}
    return _optional_area(st, tr("filter_kota") + " (pimpinan)", names, kota, f"{prefix}_kota")


def _role_input(prefix: str, role: str) -> str:
    roles = vocab.codes("role")
    return str(
        st.selectbox(
            tr("col_role"),
            roles,
            index=roles.index(role),
            format_func=lambda c: vocab.label("role", c, lang()),
            key=kept.labelled(f"{prefix}_role"),
        )
    )


def _report(exc: PantauError) -> None:
    st.error(plain(error_text(exc)))
    for field, message in error_fields(exc).items():
        st.caption(f"• {field}: {plain(message)}")


def new_account_form(actor: Actor) -> None:
    with st.form("new_account", clear_on_submit=False):
        c1, c2 = st.columns(2)
        username = c1.text_input(tr("col_username"), key="new_username", max_chars=32)
        name = c2.text_input(tr("col_name"), key="new_name", max_chars=80)
        role = _role_input("new", "tamu")
        kec, kel = _area_inputs("new", None, None)
        kota = _kota_input("new", None)
        if not st.form_submit_button(tr("admin_create"), type="primary"):
            return
    try:
        _, password = accounts.create_user(
            database(), actor, now_utc(), username, name, role, kec, kel, kota_kode=kota
        )
    except PantauError as exc:
        _report(exc)
        return
    st.session_state[OTP] = (
        tr("admin_created", username=plain(username.strip().lower())),
        password,
    )
    for key in ("new_username", "new_name"):
        st.session_state.pop(key, None)
    st.rerun()


def account_actions(actor: Actor, row: dict[str, Any], now: datetime) -> None:
    uid = int(row["id"])
    prefix = f"user_{uid}_v{row['version']}"
    st.markdown(
        f"**{plain(row['display_name'])}** · `{plain(row['username'])}` · {state_text(row, now)}"
    )
    with st.form(f"{prefix}_form"):
        name = st.text_input(tr("col_name"), row["display_name"], key=f"{prefix}_name")
        role = _role_input(prefix, str(row["role"]))
        kec, kel = _area_inputs(prefix, row["kecamatan_kode"], row["kelurahan_kode"])
        kota = _kota_input(prefix, row.get("kota_kode"))
        saved = st.form_submit_button(tr("admin_save"), type="primary")
    if saved:
        _run(
            lambda: accounts.update_user(
                database(),
                actor,
                now_utc(),
                uid,
                int(row["version"]),
                name,
                role,
                kec,
                kel,
                kota,
            ),
            tr("admin_saved"),
        )
    c1, c2, c3 = st.columns(3)
    if c1.button(tr("admin_reset"), key=f"{prefix}_reset", icon=":material/key:"):
        try:
            password = accounts.reset_password(database(), actor, now_utc(), uid)
        except PantauError as exc:
            _report(exc)
        else:
            st.session_state[OTP] = (
                tr("admin_reset_done", username=plain(str(row["username"]))),
                password,
            )
            st.rerun()
    if is_locked(row, now) and c2.button(
        tr("admin_unlock"), key=f"{prefix}_unlock", icon=":material/lock_open:"
    ):
        _run(lambda: accounts.unlock(database(), actor, now_utc(), uid), tr("admin_unlocked"))
    active = bool(row["active"])
    if c3.button(
        tr("admin_deactivate") if active else tr("admin_activate"),
        key=f"{prefix}_active",
        icon=":material/person_off:" if active else ":material/person:",
    ):
        _run(
            lambda: accounts.set_active(
                database(), actor, now_utc(), uid, int(row["version"]), not active
            ),
            tr("admin_saved"),
        )


def _run(action: Callable[[], object], done: str) -> None:
    try:
        action()
    except PantauError as exc:
        _report(exc)
        return
    flash(done)
    st.rerun()


def stranded_records(actor: Actor, now: datetime) -> None:
    """Records a forced boundary import left outside every kelurahan: each is moved
    to its right point or confirmed where it stands (both through `pantau.geo.stranded`,
    which checks the admin's right and logs the change). Nothing is drawn when there
    is none."""
    frame = stranded.stranded(database(), settings().gap_tolerance_m)
    if frame.empty:
        return
    st.subheader(tr("stranded_heading", n=len(frame)))
    st.caption(tr("stranded_caption"))
    view = pd.DataFrame(
        {
            "label": frame["label"],  # a table cell is text, not Markdown
            "kelurahan": frame["kelurahan"],
            "far": [f"{d:,.0f} m".replace(",", ".") for d in frame["distance_m"]],
            "nearest": frame["nearest"],
            "lat": frame["lat"],
            "lon": frame["lon"],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn(tr("stranded_record")),
            "kelurahan": st.column_config.TextColumn(tr("col_kelurahan")),
            "far": st.column_config.TextColumn(tr("stranded_far")),
            "nearest": st.column_config.TextColumn(tr("stranded_nearest")),
            "lat": st.column_config.NumberColumn(tr("stranded_lat"), format="%.5f"),
            "lon": st.column_config.NumberColumn(tr("stranded_lon"), format="%.5f"),
        },
    )
    rows = {f"{r['table']}:{r['id']}": r for r in frame.to_dict("records")}
    flash_here("stranded")
    pick = st.selectbox(
        tr("stranded_pick"),
        list(rows),
        index=None,
        placeholder=tr("choose"),
        format_func=lambda k: str(rows[k]["label"]),
        key=kept.labelled("stranded_pick"),
    )
    if pick is None:
        return
    r = rows[pick]
    table, rid, version = str(r["table"]), int(r["id"]), int(r["version"])
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{tr('stranded_move')}**")
        drawn = drawing(f"stranded_move_{pick}")
        with st.form(drawn.form):
            lat = st.number_input(tr("stranded_lat"), value=None, format="%.6f",
                                  key=drawn.key("lat"))  # fmt: skip
            lon = st.number_input(tr("stranded_lon"), value=None, format="%.6f",
                                  key=drawn.key("lon"))  # fmt: skip
            go = st.form_submit_button(tr("stranded_move_button"), type="primary")
        if go:
            run(
                lambda: stranded.move(
                    database(),
                    actor,
                    table,
                    rid,
                    version,
                    lon,
                    lat,
                    now,
                    settings().gap_tolerance_m,
                ),
                tr("saved"),
                drawn,
                at="stranded",
            )
    with right:
        st.markdown(f"**{tr('stranded_confirm')}**")
        st.caption(tr("stranded_confirm_caption"))
        drawn = drawing(f"stranded_confirm_{pick}")
        with st.form(drawn.form):
            go = st.form_submit_button(tr("stranded_confirm_button"))
        if go:
            run(
                lambda: stranded.confirm(database(), actor, table, rid, version, now),
                tr("saved"),
                drawn,
                at="stranded",
            )
