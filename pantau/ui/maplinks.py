"""Links in map popups that open a record's page in the same tab and session.

The map lives in a component frame. A plain link from there loads the page anew
(`target="_top"`), which starts a new session that must sign in again. Clicking a
marker already picks the record, and the panel beside the map then carries a page
link to it (`detailpanel.open_link`, a client-side page switch). The popup's link
clicks that panel link in the parent document (same origin), waiting briefly for
the panel to be drawn; only if the parent cannot be reached does it load the page.
"""

from __future__ import annotations

from pantau.kernel.i18n import t


def texts(lang: str) -> dict[str, str]:
    """The popup link labels, for the map's `cfg.text`."""
    return {
        "open_site": t("open_site_page", lang),
        "open_report": t("open_report_page", lang),
        "open_pocket": t("open_pocket_page", lang),
    }
