"""The home map reads at a glance where its people look at it: the sekko's laptop
(1440×900), the lurah's phone (390×844, touch) and the meeting screen (1920×1080),
in Bahasa Indonesia and English, with no tile server (the map's own base layer).

For each: the map starts within the first screen; every site marker's centre can
be clicked (nothing covers it); the legend is folded and small; kecamatan names
are drawn and no two names overlap. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Frame, Page

from tests.browser.conftest import ARTIFACTS, Server, open_as, switch_language, wait_for_app
from tests.browser.test_language_browser import sites_in_pluit
from tests.browser.test_map_browser import expect_sites, map_frame, sites_in

JU_KECAMATAN = {"Penjaringan", "Pademangan", "Tanjung Priok", "Koja", "Kelapa Gading", "Cilincing"}

# Measured inside the map's frame: what a person sees and can click.
READING = """() => {
  const map = document.querySelector('.leaflet-container');
  const box = map.getBoundingClientRect();
  const markers = [...document.querySelectorAll('.pw-site-marker')].filter(el => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return x > box.left && x < box.right && y > box.top && y < box.bottom;
  });
  const missed = markers.filter(el => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(hit && (el === hit || el.contains(hit)));
  }).map(el => el.innerText || el.className);
  const legend = document.querySelector('.pw-legend').getBoundingClientRect();
  const names = [...document.querySelectorAll('.pw-label')].filter(
    el => getComputedStyle(el).display !== 'none');
  const rects = names.map(el => el.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
    const a = rects[i], b = rects[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  }
  return {
    markers: markers.length, missed: missed,
    legendShare: legend.width * legend.height / (box.width * box.height),
    kecamatan: names.filter(el => el.classList.contains('pw-l-kec')).map(el => el.textContent),
    overlaps: overlaps, zoom: window.map.getZoom(),
  };
}"""


@pytest.fixture
def context_for(browser: Any) -> Iterator[Any]:
    opened: list[Any] = []
    errors: list[str] = []

    def make(width: int, height: int, touch: bool) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
        )
        opened.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page  # type: ignore[no-any-return]

    yield make
    for context in opened:
        context.close()
    assert not errors, errors  # no script error in the page or the map


def _reading(pg: Page, frame: Frame, shot: str) -> dict[str, Any]:
    frame.wait_for_selector(".pw-site-marker", state="attached", timeout=30_000)
    wait_for_app(pg)
    # the names have been placed (the map counts its placements); whether the
    # kecamatan's name is among them is for the caller to check, with the zoom beside it
    frame.wait_for_selector(".leaflet-container[data-pw-placed]", state="attached", timeout=30_000)
    pg.wait_for_timeout(300)  # let a last resize settle (not an assertion)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"map_reads_{shot}.png"))
    return dict(frame.evaluate(READING))


def _map_in(pg: Page, text: str) -> Frame:
    """The map frame once it is the one drawn in the new language (the old frame is
    replaced, and may still be found while it goes)."""
    for _ in range(300):
        try:
            frame = map_frame(pg)
            if frame.evaluate(f"document.body.innerHTML.includes({text!r})"):
                return frame
        except Exception:  # the old frame went away while being read
            pass
        pg.wait_for_timeout(100)
    raise AssertionError(f"no map with {text!r}")


@pytest.mark.parametrize(
    ("width", "height", "who", "touch"),
    [(1440, 900, "sekko", False), (390, 844, "lurah.pluit", True), (1920, 1080, "sekko", False)],
    ids=["sekko-laptop", "lurah-phone", "meeting-screen"],
)
def test_the_map_reads_at_a_glance(
    server: Server, context_for: Any, width: int, height: int, who: str, touch: bool
) -> None:
    pg = context_for(width, height, touch)
    open_as(pg, server.url, who)
    frame = map_frame(pg)
    top = pg.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert top is not None and top["y"] < height * 0.6, top  # the map is on the first screen
    phone = who.startswith("lurah")
    expect_sites(frame, sites_in_pluit(server) if phone else 46)
    tag = f"{width}x{height}"
    for lang in ("id", "en"):
        if lang == "en":
            if phone:  # the sidebar is folded on a phone: open it, switch, fold it
                pg.get_by_test_id("stExpandSidebarButton").click()
            switch_language(pg)
            if phone:
                pg.get_by_test_id("stSidebarCollapseButton").click()
            frame = _map_in(pg, "Base map")
        seen = _reading(pg, frame, f"{tag}_{lang}")
        assert seen["markers"] > 0, seen
        assert seen["missed"] == [], seen  # every site's centre is clickable
        assert seen["legendShare"] < 0.15, seen
        assert seen["overlaps"] == 0, seen  # no two names collide
        if phone:
            assert seen["kecamatan"] == ["Penjaringan"] or seen["zoom"] >= 15, seen
        else:
            assert set(seen["kecamatan"]) == JU_KECAMATAN, seen  # tiles off: names drawn


def test_a_cluster_click_zooms_to_its_extent_not_to_an_empty_field(
    server: Server, context_for: Any
) -> None:
    pg = context_for(1440, 900, False)
    open_as(pg, server.url)
    frame = map_frame(pg)
    frame.wait_for_selector(".pw-report-group", state="visible", timeout=30_000)
    before = float(frame.evaluate("window.map.getZoom()"))
    # the smallest report cluster: the one that used to jump to zoom 19
    frame.evaluate(
        """() => { const groups = [...document.querySelectorAll('.pw-report-group')];
                   groups.sort((a, b) => Number(a.innerText) - Number(b.innerText));
                   groups[0].click(); }"""
    )
    pg.wait_for_timeout(800)
    after = float(frame.evaluate("window.map.getZoom()"))
    assert before <= after <= 17, (before, after)
    # what the cluster held is on screen: markers or spread-out reports
    shown = frame.evaluate(
        "document.querySelectorAll('.pw-report, .pw-report-late, .pw-report-group').length"
    )
    assert shown > 0
    assert sites_in(server) == 46
