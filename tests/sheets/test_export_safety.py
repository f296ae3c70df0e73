"""Formula injection: hostile text from schools and applicants, through every file we write.

School names, building names, notes, contacts, project names and comments hold text such as
``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``, ``+1+1``, ``-2+3``, ``@SUM(A1)``, the same after a
tab or a space, and a full-width ``＝1+1``. They go in through the real intake (sheets
imported into a real store) and, for the writers that take values directly, as they are.
Every workbook we produce must hold them as text (no formula cell, no hyperlink, the text
unchanged); every CSV must put ``'`` before them, start with a UTF-8 BOM and keep numbers
(also negative ones) as numbers.
"""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from energy.pv.__main__ import main as pv_main
from energy.pv.explore import campus_monthly, campus_table
from energy.pv.parameters import DEFAULT_ASSUMPTIONS
from energy.pv.portfolio import estimate_buildings
from energy.pv.report import campus_report_xlsx
from energy.pv.weather import builtin_shanghai
from energy.subsidy.export import write_csv, write_workbook
from energy.subsidy.intake import check_applications, check_reviews
from energy.subsidy.ranking import SurveyData, rank_applications
from energy.subsidy.template import to_bytes, write_applications_table, write_reviews_table
from sheets.export_safety import is_formula_like, neutralise_csv_cell, neutralise_frame
from surveys.__main__ import main as surveys_main
from surveys.demo import csv_sheet, english_sheet, template_sheet
from surveys.roster import import_roster
from surveys.store import SurveyStore
from surveys.template import write_template
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', "+1+1", "-2+3", "@SUM(A1)",
           "=cmd|' /C calc'!A0", "\t=1+1", " =1+1", "＝1+1"]
# What the intake keeps of each (it collapses whitespace inside and around text).
STORED_FORM = {h: " ".join(h.split()) for h in HOSTILE}
N = len(HOSTILE)


def _code(i: int) -> str:
    return f"31066{i:05d}"


def _campus(i: int) -> tuple[dict, list[dict]]:
    """School i: hostile name and contact; its buildings have hostile names and notes."""
    school = dict(SCHOOL, school_code=_code(i), school_name=HOSTILE[i],
                  contact=HOSTILE[(i + 1) % N])
    buildings = [dict(b, building_name=f"{HOSTILE[(i + k) % N]}#{k}",
                      notes=HOSTILE[(i + k + 3) % N]) for k, b in enumerate(BUILDINGS)]
    return school, buildings


def _roster() -> bytes:
    """The committee's roster: the hostile schools and two more that have not submitted."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("名单")
    sheet.write_row(0, 0, ["学校代码", "学校名称", "所在区"])
    rows = [(_code(i), HOSTILE[i], "浦东新区") for i in range(N)]
    rows += [(_code(90), "@未提交学校", "徐汇区"), (_code(91), "-未提交学校", "徐汇区")]
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A real survey database holding the hostile schools, imported from real sheets."""
    path = tmp_path_factory.mktemp("inject") / "campus.duckdb"
    with SurveyStore(path) as store:
        for i in range(N):
            result = store.import_bytes(template_prefilled(*_campus(i)), f"s{i}.xlsx")
            assert result.status == "stored", result.report.to_text()
        roster_id, report = import_roster(store, _roster(), "名单.xlsx")
        assert roster_id is not None, report.to_text()
        names = set(store.current_schools()["school_name"])
    assert names == {STORED_FORM[h] for h in HOSTILE}, "the intake keeps the text as written"
    return path


# --- what a safe file looks like -----------------------------------------------------------

def _xlsx_cells(data: bytes) -> list:
    """Every cell of every sheet; asserts no formula and no hyperlink anywhere."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = []
    for sheet in book.worksheets:
        assert not sheet._hyperlinks, f"hyperlink in {sheet.title}"  # openpyxl keeps them here
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
                if cell.value is not None:
                    cells.append(cell)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # not even a formula element
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    return cells


def _assert_xlsx_keeps(data: bytes, texts: set[str]) -> list:
    """No formula; each of ``texts`` is a text cell, unchanged; hostile text quote-prefixed
    or plain (both are text), never altered."""
    cells = _xlsx_cells(data)
    values = {c.value for c in cells if c.data_type == "s"}
    missing = texts - values
    assert not missing, f"text changed or lost: {missing}"
    return cells


def _csv_rows(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so that Excel shows Chinese"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _is_number(text: str) -> bool:
    """A CSV cell holding a plain number such as ``-45`` (harmless, and must stay a number)."""
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lstrip("+-")[:1].isdigit() or text.strip().lstrip("+-")[:1] == "."


def _assert_csv_safe(raw: bytes, texts: set[str]) -> list[list[str]]:
    """No cell a spreadsheet would run; each of ``texts`` present with its ``'`` prefix."""
    rows = _csv_rows(raw)
    cells = [c for row in rows for c in row]
    live = [c for c in cells if is_formula_like(c) and not _is_number(c)]
    assert not live, f"cells a spreadsheet would run: {live[:5]}"
    missing = {"'" + t for t in texts} - set(cells)
    assert not missing, f"hostile text not neutralised as expected: {missing}"
    return rows


# --- the shared neutraliser ---------------------------------------------------------------

def test_neutraliser_changes_only_text_that_could_run():
    for text in HOSTILE + ["-", "=", "@", "\r=1", "\n=1", "\u3000=1", "－5", "＠x", "+", "\tx"]:
        assert neutralise_csv_cell(text) == "'" + text, text
    for text in ["学校", "a=1", "1+1", "", "  ", "3101150001", "'=already", "中=文", "e-mail"]:
        assert neutralise_csv_cell(text) == text, text
    for value in [-5, -5.5, -1e300, 0, None, True, pd.Timestamp("2026-01-01"), float("nan")]:
        assert neutralise_csv_cell(value) is value


def test_neutralise_frame_keeps_numbers_numbers():
    frame = pd.DataFrame({"name": HOSTILE[:3] + ["学校"], "n": [-5, 2, -3, 4],
                          "x": [-5.5, 1.0, None, 2.0], "flag": [True, False, True, False],
                          "s": pd.array(["-1", "=1", None, "ok"], dtype="string")})
    safe = neutralise_frame(frame)
    assert safe["name"].tolist() == ["'" + h for h in HOSTILE[:3]] + ["学校"]
    assert safe["n"].dtype == frame["n"].dtype and safe["n"].tolist() == [-5, 2, -3, 4]
    assert safe["x"].equals(frame["x"]) and safe["flag"].equals(frame["flag"])
    assert safe["s"].tolist()[:2] == ["'-1", "'=1"] and pd.isna(safe["s"].iloc[2])
    text = safe.to_csv(index=False)
    assert "\n'+1+1," in text and ",-5,-5.5," in text
    assert frame["name"].tolist()[0] == HOSTILE[0], "the input frame is not modified"


# --- survey side: CLI exports -------------------------------------------------------------

def test_completeness_csv_neutralises_school_names(db, tmp_path, capsys):
    out = tmp_path / "completeness.csv"
    assert surveys_main(["completeness", "--db", str(db), "--csv", str(out)]) == 0
    rows = _assert_csv_safe(out.read_bytes(), {STORED_FORM[h] for h in HOSTILE}
                            | {"@未提交学校", "-未提交学校"})
    header = rows[0]
    n_buildings = [r[header.index("n_buildings")] for r in rows[1:]]
    assert sorted(float(n) for n in n_buildings if n) == [3.0] * N, "numbers stay numbers"


@pytest.fixture(scope="module")
def pv_results(db):
    with SurveyStore(db, read_only=True) as store:
        buildings = store.current_buildings()
    weather, source = builtin_shanghai()
    return estimate_buildings(buildings, weather, source), weather, source


def test_pv_campuses_csv_neutralises_school_names(db, tmp_path, capsys):
    out = tmp_path / "campuses.csv"
    assert pv_main(["campuses", "--db", str(db), "--csv", str(out)]) == 0
    rows = _assert_csv_safe(out.read_bytes(), {STORED_FORM[h] for h in HOSTILE})
    header = rows[0]
    for row in rows[1:]:  # numeric columns are plain numbers
        float(row[header.index("capacity_kwp")])
        assert row[header.index("school_code")].isdigit()


def test_campus_report_workbook_keeps_text_as_text(pv_results):
    results, weather, source = pv_results
    campuses = campus_table(results)
    for i in (0, 4, 5):
        code = _code(i)
        campus = campuses[campuses["school_code"] == code].iloc[0]
        rows = results[results["school_code"] == code]
        monthly = campus_monthly(results, code, weather.index)
        data = campus_report_xlsx(campus, rows, monthly, DEFAULT_ASSUMPTIONS, source.label())
        names = {f"{STORED_FORM[HOSTILE[(i + k) % N]]}#{k}" for k in range(len(BUILDINGS))}
        cells = _assert_xlsx_keeps(data, names)
        summary = [c.value for c in cells if isinstance(c.value, str)]
        assert f"{STORED_FORM[HOSTILE[i]]} ({code})" in summary
        risky = [c for c in cells if isinstance(c.value, str) and is_formula_like(c.value)]
        assert risky, "the hostile names reached the report"
        assert all(c.quotePrefix for c in risky), "Excel keeps them text on edit, as in the " \
            "subsidy workbook"


# --- survey side: workbooks we hand out --------------------------------------------------

def test_prefilled_template_and_demo_workbooks_keep_text_as_text():
    for i in range(N):
        school, buildings = _campus(i)
        texts = {school["school_name"], school["contact"]}
        texts |= {b["building_name"] for b in buildings} | {b["notes"] for b in buildings}
        buffer = io.BytesIO()
        write_template(buffer, school=school, buildings=buildings)
        _assert_xlsx_keeps(buffer.getvalue(), texts)
        _assert_xlsx_keeps(template_sheet(school, buildings), texts)
        _assert_xlsx_keeps(english_sheet(school, buildings), texts)


def test_demo_csv_sheets_neutralise_text_and_keep_numbers():
    for i in range(N):
        school, buildings = _campus(i)
        buildings = [dict(b, roof_azimuth_deg=-45.0) for b in buildings]
        texts = {school["school_name"], school["contact"]}
        texts |= {b["building_name"] for b in buildings} | {b["notes"] for b in buildings}
        rows = _assert_csv_safe(csv_sheet(school, buildings, "utf-8-sig"), texts)
        assert all("-45" in row for row in rows[1:]), "a negative number stays a number"
        gbk = csv_sheet(school, buildings, "gb18030").decode("gb18030")
        cells = [c for row in csv.reader(io.StringIO(gbk)) for c in row]
        assert not [c for c in cells if is_formula_like(c) and not _is_number(c)]


# --- subsidy side -------------------------------------------------------------------------

def _application(i: int) -> dict:
    return {"school_code": _code(i % N), "application_id": f"A{i}",
            "project_name": HOSTILE[i % N], "project_type": "照明改造",
            "total_investment_cny": 400_000.0, "subsidy_requested_cny": 200_000.0,
            "claimed_annual_saving_kwh": 150_000.0, "service_life_years": 10.0,
            "description": HOSTILE[(i + 1) % N], "contact": HOSTILE[(i + 2) % N]}


@pytest.fixture(scope="module")
def ranking(db):
    """A real ranking of hostile applications for the hostile schools."""
    apps = [_application(i) for i in range(N)]
    apps.append(dict(_application(N), school_code="3109999999"))  # fails a gate: no survey
    checked = check_applications(to_bytes(write_applications_table, apps), "apps.xlsx")
    assert checked.ok, checked.report.to_text()
    frame = checked.frame.copy()
    frame["project_name"] = [HOSTILE[i % N] for i in range(len(frame))]  # whitespace as sent
    scores = [{"reviewer_id": "E1", "application_id": f"A{i}", "criterion": "示范教育",
               "score": 3, "comment": HOSTILE[i % N]} for i in range(N)]
    reviews = check_reviews(to_bytes(write_reviews_table, scores), "scores.xlsx")
    assert reviews.ok, reviews.report.to_text()
    with SurveyStore(db, read_only=True) as store:
        survey = SurveyData.from_store(store)
    return rank_applications(frame, survey, 1_000_000.0, reviews=reviews.frame,
                             reference_year=2026)


def test_subsidy_workbook_keeps_hostile_text_as_quoted_text(ranking):
    buffer = io.BytesIO()
    write_workbook(ranking, buffer)
    cells = _assert_xlsx_keeps(buffer.getvalue(), set(HOSTILE) | {STORED_FORM[HOSTILE[0]]})
    hostile = [c for c in cells if isinstance(c.value, str) and c.value in HOSTILE]
    assert hostile and all(c.quotePrefix for c in hostile), "Excel keeps them text on edit"
    numbers = [c for c in cells if c.data_type == "n"]
    assert numbers, "numbers are written as numbers"


def test_subsidy_csv_neutralises_every_hostile_text(ranking, tmp_path):
    path = tmp_path / "shortlist.csv"
    write_csv(ranking, path)
    rows = _assert_csv_safe(path.read_bytes(), set(HOSTILE))
    buffer = io.StringIO()
    write_csv(ranking, buffer)  # the dashboard's download: BOM character first
    assert buffer.getvalue().encode("utf-8") == path.read_bytes()
    header = rows[0]
    subsidy = header.index("申请补助（元） Subsidy requested (CNY)")
    assert all(float(r[subsidy]) == 200_000.0 for r in rows[1:])


def test_subsidy_demo_sheets_keep_text_as_text():
    apps = [_application(i) for i in range(N)]
    _assert_xlsx_keeps(to_bytes(write_applications_table, apps), set(HOSTILE))
    scores = [{"reviewer_id": "E1", "application_id": "A1", "criterion": "示范教育",
               "score": 3, "comment": h} for h in HOSTILE]
    _assert_xlsx_keeps(to_bytes(write_reviews_table, scores), set(HOSTILE))
