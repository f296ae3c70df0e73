"""The overview's district map in a real browser, offline: the 16 district polygons drawn
under the campuses, shaded by the measure chosen, a district picked by clicking it on the
map, the analysis report downloaded; and no request leaves the machine (the browser refuses
and logs any that would, see the ``page`` fixture in conftest.py)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import shapely

from dashboard.i18n import t
from tests.e2e.conftest import CHROMIUM, COMMITTEE_PASSWORD, COMMITTEE_USER, is_local

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium and "
                "fonts-noto-cjk (or run `make browser`)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-dev.txt")

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.slow

WAIT_MS = 60_000
PICK = "浦东新区"


def _idle(page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=WAIT_MS)


def _sign_in_and_open_overview(page, url: str) -> None:
    page.goto(url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label(t("user_name", "zh"), exact=True).fill(COMMITTEE_USER)
    sidebar.get_by_label(t("password", "zh"), exact=True).fill(COMMITTEE_PASSWORD)
    sidebar.get_by_role("button", name=t("sign_in", "zh"), exact=True).click()
    expect(sidebar.get_by_text(t("signed_in_as", "zh", user=COMMITTEE_USER))).to_be_visible(
        timeout=WAIT_MS)
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=re.compile("^总览$")).click()
    page.get_by_role("heading", name=t("overview_title", "zh"), level=1).wait_for(
        timeout=WAIT_MS)
    _wait_for_map(page)


def _wait_for_map(page) -> None:
    _idle(page)
    page.wait_for_function("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        return gd && gd._fullLayout && gd._fullLayout.map && gd._fullData.length >= 2
               && gd._fullData[0].type === 'choroplethmap'; }""", timeout=WAIT_MS)


def _radio(page, group: str, option: str) -> None:
    page.get_by_role("radiogroup", name=t(group, "zh")).get_by_text(option, exact=True).click()


def _layer(page) -> dict:
    return page.evaluate("""() => {
        const trace = document.querySelector('.js-plotly-plot')._fullData[0];
        return {type: trace.type, locations: Array.from(trace.locations),
                z: Array.from(trace.z, v => (v === null || Number.isNaN(v)) ? null : v)}; }""")


def _empty_spot(district: str, db) -> tuple[float, float]:
    """A point deep in the district and far from every campus marker [degrees]."""
    from geo.districts import boundaries
    from surveys.store import SurveyStore

    with SurveyStore(db, read_only=True) as store:
        schools = store.current_schools().dropna(subset=["latitude", "longitude"])
    polygon = boundaries()[district]
    inner = polygon.buffer(-0.03)
    lon_min, lat_min, lon_max, lat_max = inner.bounds
    best, spot = -1.0, None
    for lat in np.linspace(lat_min, lat_max, 30):
        for lon in np.linspace(lon_min, lon_max, 30):
            if not inner.contains(shapely.Point(lon, lat)):
                continue
            gap = np.min(np.hypot(schools["latitude"] - lat,
                                  (schools["longitude"] - lon) * math.cos(math.radians(31.2))))
            if gap > best:
                best, spot = gap, (float(lat), float(lon))
    return spot


def _click_map_at(page, lat: float, lon: float) -> None:
    """Click the map where (lat, lon) is drawn (maplibre's own projection)."""
    canvas = page.locator(".js-plotly-plot canvas.maplibregl-canvas").first
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(800)              # maplibre paints on the next animation frames
    xy = page.evaluate("""([lon, lat]) => {
        const m = document.querySelector('.js-plotly-plot')._fullLayout.map._subplot.map;
        const p = m.project([lon, lat]); return [p.x, p.y]; }""", [lon, lat])
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + xy[0], box["y"] + xy[1])
    page.wait_for_timeout(300)
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])


def test_district_polygons_are_drawn_under_the_campuses(page, dashboard, artifacts):
    _sign_in_and_open_overview(page, dashboard.url)
    layer = _layer(page)
    assert layer["type"] == "choroplethmap" and len(layer["locations"]) == 16
    assert PICK in layer["locations"]
    assert sum(v is not None and v > 0 for v in layer["z"]) >= 10   # potential per district
    kinds = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullData"
                          ".map(d => d.type)")
    assert kinds[0] == "choroplethmap" and "scattermap" in kinds[1:]
    canvas = page.locator(".js-plotly-plot").first
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    canvas.screenshot(path=str(artifacts / "overview_district_map.png"))


def test_the_measure_radio_reshades_the_districts(page):
    assert max(v for v in _layer(page)["z"] if v is not None) > 1.0     # MWh
    _radio(page, "map_measure", t("measure_demand_covered_share", "zh"))
    _wait_for_map(page)
    page.wait_for_function("""() => {
        const z = Array.from(document.querySelector('.js-plotly-plot')._fullData[0].z)
            .filter(v => v !== null && !Number.isNaN(v));
        return z.length > 0 && Math.max(...z) <= 1; }""", timeout=WAIT_MS)
    shares = [v for v in _layer(page)["z"] if v is not None]
    assert len(shares) >= 10 and 0 < max(shares) <= 1.0
    _radio(page, "map_measure", t("measure_annual_yield_mwh", "zh"))
    _wait_for_map(page)


def test_clicking_a_district_on_the_map_filters_to_it(page, dashboard):
    buildings_before = page.locator('[data-testid="stMetric"]').nth(1).inner_text()
    lat, lon = _empty_spot(PICK, dashboard.db)
    _click_map_at(page, lat, lon)
    chosen = page.locator('[data-testid="stMultiSelect"]').first
    expect(chosen).to_contain_text(PICK, timeout=WAIT_MS)
    _wait_for_map(page)
    expect(page.locator('[data-testid="stMetric"]').nth(1)).not_to_have_text(
        buildings_before, timeout=WAIT_MS)
    widths = page.evaluate("() => Array.from(document.querySelector('.js-plotly-plot')"
                           "._fullData[0].marker.line.width)")
    locations = _layer(page)["locations"]
    assert widths[locations.index(PICK)] == max(widths) > min(widths)


def test_the_report_downloads_as_pdf(page, tmp_path):
    _radio(page, "analysis_format", "pdf")
    _idle(page)
    page.get_by_role("button", name=t("analysis_make", "zh")).click()
    button = page.get_by_role("button", name=t("analysis_download", "zh"))
    button.wait_for(timeout=180_000)
    with page.expect_download(timeout=WAIT_MS) as caught:
        button.click()
    saved = tmp_path / "report.pdf"
    caught.value.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-" and saved.stat().st_size > 50_000


def test_no_request_left_the_machine(traffic):
    assert len(traffic.urls) > 20, "the request log is (nearly) empty: the listener did not run"
    outside = sorted({url for _, url in traffic.urls if not is_local(url)})
    assert not outside and not traffic.refused, outside
    assert not traffic.page_errors, traffic.page_errors
