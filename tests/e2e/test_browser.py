"""The dashboard in a real browser, as its users meet it: a school enters its upload code and
submits its sheet (a faulty one is refused), then a committee member signs in and goes through
the overview (in both languages), completeness, PV and subsidy pages, down to the Excel
shortlist. Nothing may be fetched from the internet.

One ``streamlit run`` server on a seeded demo database and one Chromium tab (one Streamlit
session) are shared by the tests below, which run in file order: each builds on the session
the previous ones left. Screenshots go to tests/artifacts/ (git-ignored); the README's images
(the Chinese overview with the district map, the subsidy ranking, and in test_mappings.py the
upload page asking a school to confirm its columns) are copied to docs/ only by ``make
screenshots`` (which sets ``CAMPUS_ENERGY_REFRESH_DOCS=1``), so that ``make test`` leaves the
working tree as it was.
"""

from __future__ import annotations

import io
import os
import re
import shutil

import numpy as np
import openpyxl
import pytest
from PIL import Image

from dashboard.i18n import t
from tests.e2e.conftest import (
    CHROMIUM,
    COMMITTEE_PASSWORD,
    COMMITTEE_USER,
    NEW_SCHOOL,
    REPO,
    is_local,
)
from tests.surveys.fixtures import BUILDINGS, template_prefilled

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium and "
                "fonts-noto-cjk (or run `make browser`)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-dev.txt")

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.slow

WAIT_MS = 30_000  # generous upper bound for one rerun of a page
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OVERVIEW_ZH = "上海市学校屋顶光伏潜力总览"
GOOD_SHEET = template_prefilled(NEW_SCHOOL, BUILDINGS)
BAD_SHEET = template_prefilled(NEW_SCHOOL, [{**BUILDINGS[0], "roof_area_m2": "2000-2500"},
                                            *BUILDINGS[1:]])


# --- helpers -------------------------------------------------------------------------------

def wait_idle(page) -> None:
    """Until the script run the last action triggered has finished."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=WAIT_MS)


def title(page, text: str) -> None:
    """Wait for the page title (``st.title``)."""
    page.get_by_role("heading", name=text, level=1).wait_for(timeout=WAIT_MS)


def open_page(page, link: str, heading: str) -> None:
    """Click a sidebar navigation link and wait for the page's title."""
    page.locator('[data-testid="stSidebarNav"] a').filter(
        has_text=re.compile(f"^{re.escape(link)}$")).click()
    title(page, heading)


def metrics(page) -> dict[str, str]:
    """``{label: value}`` of every ``st.metric`` on the page."""
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => [
            m.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
            m.querySelector('[data-testid="stMetricValue"]').innerText.trim()]))""")


def number(text: str) -> float:
    return float(text.replace(",", ""))


def upload(page, name: str, data: bytes) -> None:
    """Choose a file in the page's survey uploader, through its real file input."""
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": data}])


def assert_no_exception(page) -> None:
    shown = page.locator('[data-testid="stException"]')
    assert shown.count() == 0, shown.first.inner_text()


def screenshot(page, path, clip_to=None) -> None:
    """The whole page: Streamlit scrolls inside its main container, not the document, so the
    viewport is stretched to the content's height for the shot (``clip_to``: stop below that
    locator)."""
    wait_idle(page)
    size = page.viewport_size
    height = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return main ? main.scrollHeight : document.documentElement.scrollHeight; }""")
    page.set_viewport_size({"width": size["width"],
                            "height": min(max(height, size["height"]), 8000)})
    try:
        page.wait_for_timeout(400)  # plotly and the data grids lay out again after a resize
        clip = None
        if clip_to is not None:
            box = clip_to.bounding_box()
            clip = {"x": 0, "y": 0, "width": size["width"], "height": box["y"] + box["height"] + 24}
        page.screenshot(path=str(path), full_page=clip is None, clip=clip)
    finally:
        page.set_viewport_size(size)


def refresh_docs(shot, name: str) -> None:
    """Copy the screenshot ``shot`` to docs/``name`` for the README, only under ``make
    screenshots`` (``CAMPUS_ENERGY_REFRESH_DOCS=1``)."""
    if os.environ.get("CAMPUS_ENERGY_REFRESH_DOCS") == "1":
        shutil.copyfile(shot, REPO / "docs" / name)


# --- a school, signed out ------------------------------------------------------------------

def test_signed_out_a_school_sees_only_the_upload_page(page, dashboard):
    page.goto(f"{dashboard.url}/subsidy")  # a committee page's address, signed out
    title(page, t("page_upload", "zh"))
    expect(page.get_by_text("生态文明建设示范学校奖补资金评审")).to_have_count(0)
    not_found = page.get_by_role("dialog", name="Page not found")  # Streamlit's own, English
    not_found.get_by_role("button", name="Close").click()
    expect(not_found).to_have_count(0)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(t("committee_sign_in", "zh"))).to_be_visible()
    for committee_page in ("page_overview", "page_pv", "page_subsidy", "page_completeness"):
        expect(page.get_by_text(t(committee_page, "zh"), exact=True)).to_have_count(0)
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)  # code first
    page.get_by_label(t("upload_code", "zh"), exact=True).fill(dashboard.upload_code)
    page.get_by_role("button", name=t("check_code", "zh"), exact=True).click()
    page.get_by_text(t("code_ok", "zh", school=NEW_SCHOOL["school_code"])).wait_for(
        timeout=WAIT_MS)
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(1)
    assert_no_exception(page)


def test_school_uploads_a_good_sheet_and_submits(page, artifacts):
    upload(page, "端到端测试中学_调研表.xlsx", GOOD_SHEET)
    page.get_by_text("检查通过，没有发现问题。").wait_for(timeout=WAIT_MS)
    page.get_by_text(f"识别到 1 所学校、{len(BUILDINGS)} 栋建筑。").wait_for()
    page.get_by_role("button", name="提交", exact=True).click()
    confirmation = page.get_by_text(re.compile(r"已提交！提交编号：\d+"))
    confirmation.wait_for(timeout=WAIT_MS)
    found = re.search(rf"提交编号：(\d+)（学校：{NEW_SCHOOL['school_code']}）",
                      confirmation.inner_text())
    assert found, confirmation.inner_text()
    page.get_by_role("heading", name="提交记录").wait_for()
    history = page.locator('[data-testid="stDataFrame"]').last.locator("table")
    expect(history).to_contain_text(NEW_SCHOOL["school_name"])
    expect(history.locator("td").first).to_have_text(found.group(1))  # the submission id
    assert_no_exception(page)
    screenshot(page, artifacts / "upload.png")


def test_bad_sheet_shows_errors_and_no_submit_button(page, artifacts):
    upload(page, "错误_调研表.xlsx", BAD_SHEET)
    page.get_by_text("发现 1 个错误，请修改后重新上传（未保存任何数据）。").wait_for(timeout=WAIT_MS)
    expect(page.get_by_role("button", name="提交", exact=True)).to_have_count(0)
    issues = page.locator('[data-testid="stDataFrame"]').first.locator("table")
    expect(issues).to_contain_text("2000-2500")
    expect(issues).to_contain_text("错误")
    assert_no_exception(page)
    screenshot(page, artifacts / "upload_error.png")


# --- the committee -------------------------------------------------------------------------

def sign_in(page) -> None:
    """Sign the committee account of the run in, through the sidebar form."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label(t("user_name", "zh"), exact=True).fill(COMMITTEE_USER)
    sidebar.get_by_label(t("password", "zh"), exact=True).fill(COMMITTEE_PASSWORD)
    sidebar.get_by_role("button", name=t("sign_in", "zh"), exact=True).click()
    expect(sidebar.get_by_text(t("signed_in_as", "zh", user=COMMITTEE_USER))).to_be_visible(
        timeout=WAIT_MS)


def test_committee_signs_in_and_sees_the_overview_with_map(page, dashboard, artifacts):
    sign_in(page)
    open_page(page, "总览", OVERVIEW_ZH)
    page.get_by_text("校园光伏潜力分布").wait_for(timeout=WAIT_MS)
    wait_idle(page)
    shown = metrics(page)
    assert number(shown["已调研校园"]) == dashboard.schools + 1  # the demo and the new school
    assert number(shown["建筑数"]) == dashboard.buildings + len(BUILDINGS)
    assert number(shown["可装容量（MWp）"]) > 0
    assert re.fullmatch(r"[\d,]+–[\d,]+", shown["年发电量（GWh）"]), shown
    # the campus map: maplibre's WebGL canvas, with the campus markers painted in it
    canvas = page.locator(".js-plotly-plot canvas.maplibregl-canvas").first
    canvas.wait_for(timeout=WAIT_MS)
    expect(page.locator(".js-plotly-plot")).to_have_count(2)  # map and district chart
    page.wait_for_function("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        return gd && gd._fullLayout && gd._fullLayout.map && gd._fullData.length >= 2; }""")
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # maplibre paints on the next animation frames
    rgb = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB"), dtype=int)
    red, blue = rgb[..., 0], rgb[..., 2]
    marker_pixels = int(((red > 180) & (red - blue > 80)).sum())  # YlOrRd markers
    assert marker_pixels > 500, f"no campus markers painted on the map ({marker_pixels} px)"
    assert_no_exception(page)
    screenshot(page, artifacts / "overview_zh.png")
    screenshot(page, artifacts / "overview_zh_map.png",
               clip_to=page.locator(".js-plotly-plot").first)
    refresh_docs(artifacts / "overview_zh_map.png", "dashboard.png")


def test_completeness_lists_the_new_school(page, artifacts):
    open_page(page, "数据完整度", "数据完整度")
    page.get_by_role("heading", name="缺失或可疑数据").wait_for(timeout=WAIT_MS)
    wait_idle(page)
    # The grid draws in a canvas: use its own search, which scrolls to the match, then read the
    # grid's accessible table (it holds the rows in view).
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    grid.get_by_role("button", name="Search").click()
    grid.get_by_test_id("search-input").fill(NEW_SCHOOL["school_name"])
    expect(grid).to_contain_text("1 result")
    row = grid.locator("table tr").filter(has_text=NEW_SCHOOL["school_name"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(NEW_SCHOOL["district"])
    assert_no_exception(page)
    screenshot(page, artifacts / "completeness.png")


def test_pv_page_recalculates_with_changed_assumptions(page, artifacts):
    open_page(page, "光伏潜力", "校园光伏潜力")
    page.get_by_text("逐月发电量与学校用电").wait_for(timeout=WAIT_MS)
    wait_idle(page)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    assert_no_exception(page)
    screenshot(page, artifacts / "pv.png")
    before = number(metrics(page)["容量（kWp）"])
    page.get_by_text("计算假设（可调整）").click()
    density = page.get_by_role("spinbutton", name="组件功率密度 (W/m²)", exact=True)
    density.fill("105")
    page.get_by_role("button", name="重新计算").click()
    page.get_by_text(re.compile(r"计算完成：[\d,]+ 栋建筑")).wait_for(timeout=WAIT_MS)
    wait_idle(page)
    assert number(metrics(page)["容量（kWp）"]) == pytest.approx(before / 2, rel=0.02)
    page.get_by_role("button", name="恢复默认").click()
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(f"{before:,.0f}",
                                                                               timeout=WAIT_MS)
    assert_no_exception(page)


def test_reset_also_resets_the_form_fields(page):
    wait_idle(page)
    density = page.get_by_role("spinbutton", name="组件功率密度 (W/m²)", exact=True)
    assert number(density.input_value()) == 210


def test_subsidy_ranking_and_shortlist_workbook(page, artifacts, tmp_path):
    open_page(page, "奖补评审", "生态文明建设示范学校奖补资金评审")
    page.get_by_role("button", name="开始评审排序").click()
    page.get_by_role("heading", name="排名与各项得分").wait_for(timeout=60_000)
    wait_idle(page)
    shown = metrics(page)
    n_short = int(number(shown["入围"]))
    assert 0 < n_short <= int(number(shown["符合条件"]))
    assert_no_exception(page)
    screenshot(page, artifacts / "subsidy.png")
    screenshot(page, artifacts / "subsidy_ranking.png",
               clip_to=page.get_by_role("heading", name="排名与各项得分").locator(
                   "xpath=following::*[@data-testid='stDataFrame'][1]"))
    refresh_docs(artifacts / "subsidy_ranking.png", "subsidy.png")

    with page.expect_download(timeout=WAIT_MS) as download:
        page.get_by_role("button", name="下载入围名单（Excel）").click()
    assert download.value.suggested_filename == "入围名单_shortlist.xlsx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    book = openpyxl.load_workbook(saved)
    assert {"入围名单 Shortlist", "全部排名 Ranking", "评分细则 Rubric"} <= set(book.sheetnames)
    shortlist = book["入围名单 Shortlist"]
    headers = [cell.value for cell in shortlist[1]]
    assert {"排名 Rank", "申请编号 Application ID", "学校名称 School name"} <= set(headers)
    assert shortlist.max_row - 1 == n_short  # the same shortlist as on the page
    names = [row[headers.index("学校名称 School name")]
             for row in shortlist.iter_rows(min_row=2, values_only=True)]
    assert all(re.search("[\u4e00-\u9fff]", name) for name in names), names
    formulas = [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert not formulas, formulas


def test_language_switch_to_english_and_back(page, artifacts):
    open_page(page, "总览", OVERVIEW_ZH)
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("English", exact=True).click()
    title(page, "Rooftop PV potential of Shanghai schools")
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("School upload")
    expect(nav).to_contain_text("Subsidy review")
    wait_idle(page)
    assert "Buildings" in metrics(page)
    assert_no_exception(page)
    screenshot(page, artifacts / "overview_en.png")
    sidebar.get_by_text("中文", exact=True).click()
    title(page, OVERVIEW_ZH)
    expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("学校上传")


# --- the whole run -------------------------------------------------------------------------

def test_nothing_is_fetched_from_the_internet(traffic):
    """Every request of the whole walk stayed on this machine (the browser refuses the others,
    like the intranet would: see the ``page`` fixture), and no script error reached the page."""
    assert len(traffic.urls) > 20, "the request log is (nearly) empty: the listener did not run"
    outside = sorted({(test, url) for test, url in traffic.urls if not is_local(url)})
    assert not outside, f"{len(traffic.refused)} refused by the offline browser:\n" + "\n".join(
        f"{test}: {url}" for test, url in outside)
    assert not traffic.page_errors, traffic.page_errors
