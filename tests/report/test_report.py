"""The survey analysis report (energy.report): Word and PDF of the demo data, figures equal to
the API's, the rollout plan equal to energy.plan's with its costs stated as the committee's
assumptions, Chinese text really in the PDF (embedded font, extractable, rendered)."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pandas as pd
import pytest

from energy.api import estimate_pv, open_survey_db
from energy.plan import plan_from_store
from energy.plan.tables import DEFAULT_BUDGET_CNY_PER_YEAR, DEFAULT_YEARS
from energy.pv.demand import LOAD_SHAPES
from energy.pv.explore import city_summary, district_table
from energy.report import build_report
from energy.report.data import gather
from energy.report.document import blocks
from energy.report.labels import DISTRICTS, PLAN, SUMMARY, TEXT
from sheets.outputs import BEIJING
from surveys.demo import seed_demo
from surveys.outputs import MISSING_SCHOOLS
from surveys.roster import completeness, import_roster, schools_with_gaps
from surveys.store import SurveyStore
from tests.sheets.files import csv_bytes

N_SCHOOLS = 30
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext") and shutil.which("pdffonts")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "campus_energy.duckdb"
    seed_demo(path, n_schools=N_SCHOOLS, progress=None)
    return path


def _cli_report(demo_db: Path, name: str) -> Path:
    out = demo_db.with_name(name)
    done = subprocess.run([sys.executable, "-m", "energy.report", str(out), "--db", str(demo_db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def docx_file(demo_db) -> Path:
    return _cli_report(demo_db, "报告.docx")


@pytest.fixture(scope="module")
def pdf_file(demo_db) -> Path:
    return _cli_report(demo_db, "报告.pdf")


def _number(text: str) -> float:
    """A table cell back to a number: ``1,234`` → 1234, ``20.5 %`` → 0.205."""
    value = float(text.replace(",", "").rstrip("%"))
    return value / 100 if text.endswith("%") else value


def _resolution(column) -> float:
    """Half the last printed digit of a declared column (shares are printed in %)."""
    return 0.5 * 10 ** -(column.places + (2 if column.dtype == "share" else 0))


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in
            docx.Document(str(path)).tables]


def test_docx_summary_figures_equal_the_api(demo_db, docx_file):
    with open_survey_db(demo_db) as store:
        expected = city_summary(estimate_pv(store))
    summary = next(t for t in _tables(docx_file) if t[0][0] == SUMMARY.title("zh"))
    shown = {label: value for label, value in summary[1:]}
    assert len(shown) == len(SUMMARY.columns)
    for column in SUMMARY.columns:
        difference = abs(_number(shown[column.header("zh")]) - expected[column.name])
        assert difference <= _resolution(column) * 1.0001, column.name
    assert expected["campuses"] == N_SCHOOLS


def test_docx_district_table_equals_the_api(demo_db, docx_file):
    with open_survey_db(demo_db) as store:
        api = district_table(estimate_pv(store)).set_index("district")
    shown = DISTRICTS.pick(*(c.name for c in DISTRICTS.columns
                             if c.name not in ("submitted", "expected")))   # no roster
    headers = [c.header("zh") for c in shown.columns]
    table = next(t for t in _tables(docx_file) if t[0] == headers)
    rows = {row[0]: dict(zip(shown.by_name, row)) for row in table[1:]}
    assert len(rows) == 16                           # every district, surveyed or not
    for district, row in api.iterrows():
        assert int(row["n_schools"]) == _number(rows[district]["campuses"])
        shown = _number(rows[district]["annual_yield_mwh"])
        assert abs(row["annual_yield_kwh"] / 1e3 - shown) <= 0.05


def test_docx_says_demo_data_and_the_costs_are_assumptions(demo_db, docx_file):
    paragraphs = "\n".join(p.text for p in docx.Document(str(docx_file)).paragraphs)
    assert TEXT["title"][0] in paragraphs
    assert TEXT["demo"][0] in paragraphs
    with open_survey_db(demo_db) as store:
        latest = pd.to_datetime(store.history()["submitted_at"], utc=True).max()
    beijing = latest.tz_convert(BEIJING).date().isoformat()
    version = importlib.metadata.version("campus-energy")
    assert f"数据截至：{beijing}（最近一次提交）；软件版本 campus-energy {version}" in paragraphs
    assert "测算假设" in paragraphs and "并非报价" in paragraphs
    # map, districts, school types, months, months against own use, the plan's capacity
    assert len(docx.Document(str(docx_file)).inline_shapes) == 6
    for key in ("fig_map", "fig_districts", "fig_types", "fig_monthly", "fig_plan"):
        assert TEXT[key][0] in paragraphs, key


def test_monthly_profile_against_own_use_sums_the_dashboards_campus_profiles(demo_db):
    from energy.pv.explore import campus_monthly
    from energy.pv.weather import builtin_shanghai

    with open_survey_db(demo_db) as store:
        data = gather(store, plan_years=1)
        results = estimate_pv(store)
    monthly = data.monthly_demand
    index = builtin_shanghai()[0].index
    use = results.groupby("school_code")["annual_electricity_kwh"].first()
    reported = use[pd.to_numeric(use, errors="coerce") > 0].index
    assert 0 < monthly.attrs["campuses"] == len(reported) < N_SCHOOLS   # some gave no use
    pages = sum(campus_monthly(results, code, index)[["yield_kwh", "demand_kwh"]]
                for code in reported)                # the PV page's chart, campus by campus
    assert monthly["yield_kwh"].to_numpy() == pytest.approx(pages["yield_kwh"].to_numpy())
    assert monthly["demand_kwh"].to_numpy() == pytest.approx(pages["demand_kwh"].to_numpy())
    assert monthly["demand_kwh"].sum() == pytest.approx(float(use[reported].sum()))
    # the vacations show in the assumed use: February and August below their neighbours
    demand = monthly.set_index("month")["demand_kwh"]
    assert demand[2] < min(demand[1], demand[3]) and demand[8] < min(demand[7], demand[9])


def test_docx_marks_the_vacations_and_states_the_use_is_assumed(demo_db, docx_file):
    with open_survey_db(demo_db) as store:
        monthly = gather(store, plan_years=1).monthly_demand
    paragraphs = [p.text for p in docx.Document(str(docx_file)).paragraphs]
    caption = TEXT["fig_demand"][0].format(campuses=monthly.attrs["campuses"])
    assert caption in paragraphs and "寒暑假" in caption
    said = paragraphs[paragraphs.index(caption) + 1]
    assert "测算假设" in said
    for (m0, d0), (m1, d1) in (LOAD_SHAPES["中小学"].winter_vacation,
                               LOAD_SHAPES["中小学"].summer_vacation):
        assert f"{m0}月{d0}日–{m1}月{d1}日" in said      # the load shape's own vacations
    summer = monthly[monthly["month"].isin([7, 8])]
    share = summer["yield_kwh"].sum() / summer["demand_kwh"].sum()
    assert f"{summer['yield_kwh'].sum() / 1e3:,.0f} MWh，相当于同期自身用电的 {share:.0%}" in said


def test_docx_plan_section_equals_the_plan_and_says_costs_are_assumptions(demo_db, docx_file):
    with open_survey_db(demo_db) as store:
        plan = plan_from_store(store.current_buildings(), DEFAULT_YEARS,
                               DEFAULT_BUDGET_CNY_PER_YEAR)
    document = docx.Document(str(docx_file))
    paragraphs = [p.text for p in document.paragraphs]
    assert TEXT["h_plan"][0] in paragraphs
    assert TEXT["plan_costs"][0] in paragraphs
    at = paragraphs.index(TEXT["h_plan"][0])
    assert "2,000 万元" in paragraphs[at + 1] and "贪心" in paragraphs[at + 1]
    gap = plan.optimal.mip_gap          # how exact the plan is, as the solver proved it
    assert (TEXT["plan_proven"][0] if gap <= 1e-9 else
            TEXT["plan_gap"][0].format(gap=f"{gap:.3%}")) in paragraphs[at + 1]
    headers = [c.header("zh") for c in PLAN.columns]
    table = next(t for t in _tables(docx_file) if t[0] == headers)
    phased = plan.phased()
    assert len(table) - 1 == DEFAULT_YEARS == len(phased)
    for row, (_, year) in zip(table[1:], phased.iterrows()):
        shown = dict(zip(PLAN.by_name, row))
        assert _number(shown["year"]) == year["year"]
        assert _number(shown["n_campuses"]) == year["n_campuses"]
        assert abs(_number(shown["investment_cny"]) - year["investment_cny"]) <= 0.5
        assert year["investment_cny"] <= DEFAULT_BUDGET_CNY_PER_YEAR + 1e-6
        assert abs(_number(shown["cumulative_kwp"]) - year["cumulative_kwp"]) <= 0.5
    assumptions = next(t for t in _tables(docx_file) if "系统寿命" in [r[0] for r in t])
    assert "Committee's assumption" in assumptions[1][3]


def test_the_plan_follows_the_budget_and_years_asked_for(demo_db):
    with open_survey_db(demo_db) as store:
        data = gather(store, plan_budget_cny_per_year=3_000_000, plan_years=2)
    assert data.plan.settings["years"] == 2
    phased = data.plan.phased()
    assert len(phased) == 2 and (phased["investment_cny"] <= 3_000_000 + 1e-6).all()
    table = next(b for b in blocks(data) if b.kind == "table"
                 and b.header == [c.header("zh") for c in PLAN.columns])
    assert [row[0] for row in table.rows] == ["1", "2"]


NEVER_SUBMITTED = [("3101159981", "上海市未交小学（演示）", "浦东新区"),
                   ("3101049982", "上海市徐汇区未交中学（演示）", "徐汇区")]


def test_data_quality_section_equals_the_completeness_page(demo_db, tmp_path):
    path = tmp_path / "roster.duckdb"
    shutil.copy(demo_db, path)
    with SurveyStore(path) as store:
        submitted = store.current_schools().sort_values("school_code")
        off_roster = submitted.iloc[0]["school_code"]
        rows = [["学校代码", "学校名称", "所在区"]]
        rows += [[r.school_code, r.school_name, r.district]
                 for r in submitted.iloc[1:].itertuples()]
        rows += [list(extra) for extra in NEVER_SUBMITTED]
        roster_id, report = import_roster(store, csv_bytes(rows, "utf-8-sig"), "名单.csv")
        assert roster_id is not None, report.to_text()
        content = blocks(gather(store, plan_years=1))
        schools = completeness(store)
    gaps = schools_with_gaps(schools)
    text = "\n".join(b.text for b in content)
    assert (f"名单内学校 {N_SCHOOLS - 1 + 2} 所，已提交 {N_SCHOOLS - 1} 所，未提交 2 所"
            f"（名单见下表）；另有 1 所不在名单内") in text
    assert not schools[schools["school_code"] == off_roster]["on_roster"].any()
    districts = next(b for b in content if b.kind == "table"
                     and b.header == [c.header("zh") for c in DISTRICTS.columns])
    returned = {r[0]: (r[2], r[3]) for r in districts.rows}
    assert returned["徐汇区"][1] != "–" and sum(int(e) for _, e in returned.values()
                                              if e != "–") == N_SCHOOLS - 1 + 2
    missing = next(b for b in content if b.kind == "table"
                   and b.header == [c.header("zh") for c in MISSING_SCHOOLS.columns])
    assert sorted(r[1] for r in missing.rows) == sorted(n for _, n, _ in NEVER_SUBMITTED)
    resubmitted = int((schools["n_submissions"] > 1).sum())
    assert f"{resubmitted} 所重新提交过" in text and f"{len(gaps)} 所学校的数据有缺项" in text
    appendix = content[[b.text for b in content].index(TEXT["h_appendix"][0]) + 1]
    assert sorted(r[0] for r in appendix.rows) == sorted(gaps["school_name"])


def test_a_report_of_an_empty_database_says_there_is_no_plan(tmp_path):
    store = SurveyStore(tmp_path / "empty.duckdb")
    content = blocks(gather(store))
    shown = [b.text for b in content]
    assert TEXT["h_plan"][0] in shown and TEXT["plan_none"][0] in shown
    assert not [b for b in content if b.kind == "table" and b.header[:1] == ["年度"]]


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) not installed")
def test_pdf_embeds_a_chinese_font_and_its_text_extracts(pdf_file):
    fonts = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts   # emb
    assert any("NotoSansCJK" in line for line in fonts)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf_file), "-"],
                           capture_output=True, text=True, check=True).stdout
    for words in (TEXT["title"][0], "一、调研概况", "二、光伏潜力汇总", "已调研校园"):
        assert words in first, first
    assert "\ufffd" not in first and "□" not in first    # no replacement glyphs (tofu)
    assert re.search(r"已调研校园\s+" + str(N_SCHOOLS), first)
    everything = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True,
                                text=True, check=True).stdout
    assert TEXT["plan_costs"][0][:20] in everything.replace("\n", "")
    assert "CO2" in everything and not re.search(r"CO(?![2₂])", everything)  # no glyph lost


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) not installed")
def test_pdf_first_pages_render_with_ink(pdf_file, tmp_path):
    import numpy as np
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(pdf_file),
                    str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    for page in pages:
        dark = int((np.asarray(Image.open(page).convert("L")) < 128).sum())
        assert dark > 2_000, (page.name, dark)   # text and tables drawn, not a blank page
    if os.environ.get("CAMPUS_ENERGY_REFRESH_DOCS") == "1":   # make screenshots
        _refresh_docs(tmp_path)


def _page_with(pdf_file: Path, words: str) -> int:
    """The first page (1-based) whose text has ``words``."""
    for number in range(1, 30):
        shown = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number),
                                str(pdf_file), "-"], capture_output=True, text=True)
        if shown.returncode != 0:
            break
        if words in shown.stdout:
            return number
    raise AssertionError(f"no page has {words!r}")


def _refresh_docs(folder: Path) -> None:
    """The README's pages of the report of the 300 demo schools: the district map and table,
    and the rollout plan."""
    from core.config import PROJECT_ROOT

    seed_demo(folder / "demo300.duckdb", n_schools=300, progress=None)
    pdf_file = _cli_report(folder / "demo300.duckdb", "demo300.pdf")

    plan_figure = TEXT["fig_plan"][0].split()[0]     # 图4: the plan's table and chart
    for name, words in (("report_page", "三、分区统计"), ("report_plan", plan_figure)):
        number = _page_with(pdf_file, words)
        subprocess.run(["pdftoppm", "-r", "72", "-png", "-singlefile", "-f", str(number),
                        "-l", str(number), str(pdf_file), str(PROJECT_ROOT / "docs" / name)],
                       check=True, timeout=120)


def test_english_report_for_two_districts(demo_db):
    with open_survey_db(demo_db) as store:
        data = build_report(store, "docx", districts=["黄浦区", "浦东新区"], lang="en")
        results = estimate_pv(store)
    path = demo_db.with_name("en.docx")
    path.write_bytes(data)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert TEXT["title"][1] in text and "Huangpu" in text and "Pudong" in text
    districts = next(t for t in _tables(path) if t[0][:2] == [c.header("en") for c in
                                                              DISTRICTS.columns[:2]])
    assert sorted(r[0] for r in districts[1:]) == ["Huangpu", "Pudong"]
    two = results[results["district"].isin(["黄浦区", "浦东新区"])]
    summary = next(t for t in _tables(path) if t[0][0] == TEXT["summary_table"][1])
    assert _number(summary[1][1]) == two["school_code"].nunique()


@pytest.mark.parametrize("args,message", [
    (["out.txt"], ".docx"),
    (["out.pdf", "--district", "火星区"], "火星区"),
])
def test_cli_refuses_bad_arguments_with_exit_2(demo_db, tmp_path, args, message):
    args = [str(tmp_path / args[0]), *args[1:], "--db", str(demo_db)]
    done = subprocess.run([sys.executable, "-m", "energy.report", *args], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and message in done.stderr


def test_readme_shows_the_command_and_a_page_image():
    from core.config import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    assert "python -m energy.report OUT.docx|OUT.pdf" in readme
    assert "(docs/report_page.png)" in readme and (PROJECT_ROOT / "docs/report_page.png").exists()
