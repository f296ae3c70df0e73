"""Confirm and remember a column mapping, in a real browser against a real ``streamlit run``.

A school uploads a sheet in its own layout, whose headers the reader is unsure of: the upload
page shows the proposed mapping (their header → our field, a drop-down each) before any value
is checked; the school corrects two headers, confirms, and submits. A second school sends the
same layout with other values: it is read with the saved mapping and submitted without being
asked. The committee then finds the profile on its 列对应配置 page, edits a header and deletes
it. The database is checked after each step (profile, who, uses, the values read).

The tests run in file order and share one server and the first school's browser tab.
"""

from __future__ import annotations

import re

import pytest

from core import access, profiles
from dashboard.i18n import t
from surveys.intake import read_survey
from surveys.schema import SURVEY
from surveys.store import SurveyStore
from tests.e2e.conftest import CHROMIUM, COMMITTEE_USER, VIEWPORT, is_local
from tests.e2e.test_browser import (
    WAIT_MS,
    assert_no_exception,
    open_page,
    refresh_docs,
    screenshot,
    sign_in,
    title,
    upload,
    wait_idle,
)
from tests.surveys.mapping_fixtures import (
    BUILDINGS_A,
    BUILDINGS_B,
    CONFIRMED,
    CORRECTIONS,
    SCHOOL_A,
    SCHOOL_B,
    own_layout,
)

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (`make browser`)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-dev.txt")

from playwright.sync_api import expect  # noqa: E402

from tests.e2e.test_page_walk import problems_on  # noqa: E402

pytestmark = pytest.mark.slow

SHEET_A = own_layout(SCHOOL_A, BUILDINGS_A)
SHEET_B = own_layout(SCHOOL_B, BUILDINGS_B)
SIGNATURE = read_survey(SHEET_A, "a.xlsx").signature
ZH = {name: SURVEY.by_name[name].label_zh for name in SURVEY.by_name}


def enter_code(tab, code: str, school: str) -> None:
    tab.get_by_label(t("upload_code", "zh"), exact=True).fill(code)
    tab.get_by_role("button", name=t("check_code", "zh"), exact=True).click()
    tab.get_by_text(t("code_ok", "zh", school=school)).wait_for(timeout=WAIT_MS)


def choose(tab, key: str, label: str) -> None:
    """Pick ``label`` in the drop-down of the widget with ``key``."""
    shown(tab, key).click()
    tab.keyboard.type(label)  # the list is long and virtual: filter it as a person would
    tab.get_by_role("option", name=label, exact=True).click()
    expect(shown(tab, key)).to_have_value(label)


def shown(tab, key: str):
    """The drop-down of the widget with ``key`` (its value is the label chosen)."""
    return tab.locator(f".st-key-{key} input[role='combobox']")


def submit(tab) -> str:
    """Accept the warnings (if any), submit, and return the confirmation text."""
    button = tab.get_by_role("button", name=t("submit", "zh"), exact=True)
    button.wait_for(timeout=WAIT_MS)
    if button.is_disabled():  # warnings to accept first
        tab.get_by_text(t("accept_warnings", "zh"), exact=True).click()
        expect(button).to_be_enabled(timeout=WAIT_MS)
    button.click()
    done = tab.get_by_text(re.compile(r"已提交！提交编号：\d+"))
    done.wait_for(timeout=WAIT_MS)
    return done.inner_text()


def buildings_of(db, school_code: str):
    with SurveyStore(db) as store:
        frame = store.current_buildings()
    return frame[frame["school_code"] == school_code].set_index("building_name")


def saved_profile(db):
    with SurveyStore(db) as store:
        return profiles.get_profile(store, SIGNATURE)


@pytest.fixture(scope="module")
def second_school_tab(browser, dashboard):
    """Another browser (another session) for the second school, with its own upload code."""
    with SurveyStore(dashboard.db) as store:
        _, code = access.issue_code(store, SCHOOL_B["school_code"], "e2e")
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.route("**/*", lambda route: route.fallback() if is_local(route.request.url)
                  else route.abort("internetdisconnected"))
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(dashboard.url)  # signed out, the upload page is the only one
    title(tab, t("page_upload", "zh"))
    enter_code(tab, code, SCHOOL_B["school_code"])
    yield tab
    context.close()


def test_uncertain_headers_are_put_to_the_school_before_the_values(page, dashboard, artifacts):
    page.goto(dashboard.url)
    title(page, t("page_upload", "zh"))
    enter_code(page, dashboard.upload_code, SCHOOL_A["school_code"])
    upload(page, "自制格式_调研表.xlsx", SHEET_A)
    page.get_by_role("heading", name=t("mapping_title", "zh")).wait_for(timeout=WAIT_MS)
    wait_idle(page)
    # the values wait for the mapping: no report, no submit button
    expect(page.get_by_role("heading", name=t("report_title", "zh"))).to_have_count(0)
    expect(page.get_by_role("button", name=t("submit", "zh"), exact=True)).to_have_count(0)
    expect(shown(page, f"map_{SIGNATURE}_3")).to_have_value(ZH["year_built"])
    expect(page.get_by_text(t("level_uncertain", "zh"))).to_have_count(1)  # 竣工时间
    guess = t("level_suggested", "zh", guess=ZH["notes"])
    expect(page.get_by_text(guess)).to_have_count(1)  # 情况说明: a guess, not proposed
    expect(shown(page, f"map_{SIGNATURE}_9")).to_have_value("不读取")
    expect(shown(page, f"map_{SIGNATURE}_0")).to_have_value("不读取")  # 序号
    assert saved_profile(dashboard.db) is None
    assert_no_exception(page)
    assert not problems_on(page, "zh"), problems_on(page, "zh")
    screenshot(page, artifacts / "mapping_confirm.png")
    refresh_docs(artifacts / "mapping_confirm.png", "upload_mapping.png")


def test_the_school_corrects_confirms_and_submits(page, dashboard):
    for column, name in CORRECTIONS.values():
        choose(page, f"map_{SIGNATURE}_{column}", ZH[name])
    page.get_by_role("button", name=t("mapping_confirm", "zh"), exact=True).click()
    page.get_by_text(t("mapping_applied", "zh", signature=SIGNATURE)).wait_for(timeout=WAIT_MS)
    page.get_by_role("heading", name=t("report_title", "zh")).wait_for(timeout=WAIT_MS)
    expect(page.get_by_role("heading", name=t("mapping_title", "zh"))).to_have_count(0)
    saved = saved_profile(dashboard.db)
    assert saved.mapping == CONFIRMED and saved.spec_name == "survey"
    assert saved.created_by == f"school:{SCHOOL_A['school_code']}" and saved.times_used == 0
    assert not problems_on(page, "zh"), problems_on(page, "zh")   # the report after it
    assert SCHOOL_A["school_code"] in submit(page)
    stored = buildings_of(dashboard.db, SCHOOL_A["school_code"])
    assert stored.loc["1号教学楼", "roof_condition"] == "良好"  # 楼顶, as the school said
    assert stored.loc["实验楼", "roof_condition"] == "一般"
    assert stored.loc["1号教学楼", "notes"] == "北侧有高楼"  # 情况说明
    assert stored.loc["实验楼", "year_built"] == 2010
    assert saved_profile(dashboard.db).times_used == 1
    assert_no_exception(page)


def test_the_same_layout_from_another_school_imports_without_asking(second_school_tab,
                                                                   dashboard, artifacts):
    tab = second_school_tab
    upload(tab, "列对应测试小学.xlsx", SHEET_B)
    tab.get_by_text(t("mapping_applied", "zh", signature=SIGNATURE)).wait_for(timeout=WAIT_MS)
    tab.get_by_role("heading", name=t("report_title", "zh")).wait_for(timeout=WAIT_MS)
    expect(tab.get_by_role("heading", name=t("mapping_title", "zh"))).to_have_count(0)
    expect(tab.get_by_role("button", name=t("mapping_confirm", "zh"))).to_have_count(0)
    assert SCHOOL_B["school_code"] in submit(tab)
    stored = buildings_of(dashboard.db, SCHOOL_B["school_code"])
    assert len(stored) == len(BUILDINGS_B)
    assert stored.loc["行政楼", "roof_condition"] == "差"
    assert stored.loc["行政楼", "notes"] == "屋面待翻修"
    assert saved_profile(dashboard.db).times_used == 2
    assert_no_exception(tab)
    assert not problems_on(tab, "zh"), problems_on(tab, "zh")
    screenshot(tab, artifacts / "mapping_applied.png")


def test_the_committee_edits_and_deletes_the_profile(page, dashboard, artifacts):
    sign_in(page)
    open_page(page, t("page_mappings", "zh"), t("mappings_title", "zh"))
    wait_idle(page)
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_contain_text(SIGNATURE)
    expect(table).to_contain_text(f"学校 {SCHOOL_A['school_code']}")
    assert_no_exception(page)
    assert not problems_on(page, "zh"), problems_on(page, "zh")
    screenshot(page, artifacts / "mappings_page.png")
    notes_row = list(CONFIRMED).index("情况说明")
    choose(page, f"edit_{SIGNATURE}_{notes_row}", "不读取")
    page.get_by_role("button", name=t("mappings_save", "zh"), exact=True).click()
    page.get_by_text(t("mappings_saved", "zh", n=1)).wait_for(timeout=WAIT_MS)
    edited = saved_profile(dashboard.db)
    assert edited.mapping["情况说明"] is None and edited.updated_by == COMMITTEE_USER
    assert edited.created_by == f"school:{SCHOOL_A['school_code']}"
    assert {h: f for h, f in edited.mapping.items() if h != "情况说明"} == {
        h: f for h, f in CONFIRMED.items() if h != "情况说明"}
    delete = page.get_by_role("button", name=t("mappings_delete", "zh"), exact=True)
    expect(delete).to_be_disabled()
    page.get_by_text(t("mappings_delete_ok", "zh"), exact=True).click()
    expect(delete).to_be_enabled(timeout=WAIT_MS)
    delete.click()
    page.get_by_text(t("mappings_deleted", "zh", signature=SIGNATURE)).wait_for(timeout=WAIT_MS)
    expect(page.get_by_text(t("mappings_none", "zh"))).to_be_visible()
    assert saved_profile(dashboard.db) is None
    assert_no_exception(page)
