"""Links in map popups that open a record's page in the same tab and session.

The map lives in a component frame. A plain link from there loads the page anew
(`target="_top"`), which starts a new session that must sign in again. Clicking a
marker already picks the record, and the panel beside the map then carries a page
link to it (`detailpanel.open_link`, a client-side page switch). The popup's link
clicks that panel link in the parent document (same origin), waiting briefly for
the panel to be drawn; only if the parent cannot be reached does it load the page.
"""

from __future__ import annotations

from pantau.i18n import t

# Defines window.pwLink(path, label) for popup HTML and window.pwOpen(a) behind it;
# put before each layer body that makes popups (a script in the map's header does
# not run inside st_folium's frame).
# `path` is e.g. "lokasi?id=12" (ids are integers; labels come from the catalogue).
OPEN_JS = """
window.pwOpen = window.pwOpen || function(a) {
  var want = a.getAttribute('data-open'), tries = 0;
  (function look() {
    var doc = null;
    try { doc = window.parent.document; } catch (e) { doc = null; }
    if (!doc) { window.top.location.assign('/' + want); return; }
    var links = doc.querySelectorAll('a[data-testid="stPageLink-NavLink"]');
    for (var i = 0; i < links.length; i++) {
      var h = links[i].getAttribute('href') || '';
      if (h === want || h.slice(-(want.length + 1)) === '/' + want) { links[i].click(); return; }
    }
    if (++tries < 60) setTimeout(look, 100);
  })();
  return false;
};
window.pwLink = window.pwLink || function(path, label) {
  return '<a class="pw-open" role="link" tabindex="0" style="cursor:pointer" data-open="' +
    path + '" onclick="return window.pwOpen(this)"' +
    ' onkeydown="return event.key !== \\'Enter\\' || window.pwOpen(this)">' + label + '</a>';
};
"""


def texts(lang: str) -> dict[str, str]:
    """The popup link labels, for the map's `cfg.text`."""
    return {
        "open_site": t("open_site_page", lang),
        "open_report": t("open_report_page", lang),
        "open_pocket": t("open_pocket_page", lang),
    }
