"""Fuzzing the intake: whatever a school uploads, the answer is a report or a clear refusal.

Random sheets (cells of every kind, headers in Chinese, English or an alias in any order,
title rows, school fields above the table or on every row) as .xlsx and as CSV in several
encodings; damaged archives (truncated, bit-flipped, random entries, wrong parts); random
bytes named .xls or .csv. The property: :func:`surveys.intake.check_bytes` returns a
:class:`~surveys.validate.ValidationResult` whose report reads in both languages, or raises
:class:`~surveys.reader.UnreadableFile` with both messages; a sheet it accepts is stored.
The subsidy application check gets the same treatment, lighter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import xlsxwriter
from hypothesis import HealthCheck, Phase, example, find, given, settings
from hypothesis import strategies as st

from energy.subsidy.intake import check_applications
from energy.subsidy.schema import APPLICATION
from surveys.intake import check_bytes
from surveys.reader import UnreadableFile
from surveys.schema import BUILDING_COLUMNS, SCHOOL_COLUMNS, UNIT_FACTORS, Column
from surveys.store import DUPLICATE, REJECTED, STORED, SurveyStore
from surveys.validate import ValidationResult
from tests.surveys.conftest import BUILDINGS, SCHOOL, template_prefilled

FUZZ = settings(max_examples=400, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
LIGHT = settings(FUZZ, max_examples=250)

FORMULAS = ["=cmd|' /C calc'!A0", "=1+1", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", " =A1*2",
            '=HYPERLINK("http://example.invalid","点我")', "＝1+1", "=1/0", "=#REF!",
            "=WEBSERVICE(\"http://x\")"]
SPECIAL_WORDS = ["合计", "总计", "小计", "Total", "【示例】1号楼", "约2000", "2000-3000", "0.2万㎡",
                 "3,500 kWh", "１２００", "１，２００．５", "南偏东", "正南", "SE", "N/A", "-", "无",
                 "是", "TRUE", "2026年3月", "2026-13-45", "1e400", "-0", "NaN", "inf", "∞"]

cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=8)
fullwidth = st.text(st.sampled_from("０１２３４５６７８９．，－＋　万㎡"), max_size=10)
cells = st.one_of(
    st.none(), st.text(max_size=24), cjk, fullwidth, st.sampled_from(FORMULAS),
    st.sampled_from(SPECIAL_WORDS), st.integers(-10**15, 10**15), st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e-300, -1e-300, 1e300, -1e300, 5e-324, 2.0**63, 0.1 + 0.2]),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 12, 31)),
)


def _labels(col: Column) -> list[str]:
    """Header texts a school might write for a column."""
    units = list(UNIT_FACTORS.get(col.unit, {}))[:6] + ["万㎡", "bogus unit"]
    found = [col.label_zh, col.label_en, col.header, "*" + col.header, col.name, *col.aliases]
    found += [f"{col.label_zh}（{u}）" for u in units] + [f"{col.label_en} ({u})" for u in units]
    return found


@st.composite
def label_of(draw, col: Column) -> str:
    return draw(st.sampled_from(_labels(col)))


def _base_value(name: str, row: int):
    if name in SCHOOL:
        return SCHOOL[name]
    return BUILDINGS[row % len(BUILDINGS)].get(name)


@st.composite
def survey_grids(draw, columns=BUILDING_COLUMNS, school_columns=SCHOOL_COLUMNS):
    """A sheet as a list of rows: optional title rows, school block, header, data rows.

    Data start from the valid test school and buildings; a share of the cells is replaced
    by random values, so that both accepted and rejected sheets come out.
    """
    noise = draw(st.sampled_from([0.0, 0.1, 0.3, 1.0]))
    rows: list[list] = [[draw(st.one_of(cjk, st.text(max_size=30)))]
                        for _ in range(draw(st.integers(0, 3)))]
    mode = draw(st.sampled_from(["block", "columns", "none"]))
    kept = [c for c in columns if draw(st.floats(0, 1)) < 0.9]
    if mode == "block":
        for col in school_columns:
            if draw(st.floats(0, 1)) < 0.1:
                continue
            value = _base_value(col.name, 0)
            if draw(st.floats(0, 1)) < noise:
                value = draw(cells)
            label = draw(label_of(col))
            if draw(st.booleans()) and isinstance(value, str):
                rows.append([f"{label}：{value}"])
            else:
                rows.append([label, value])
        rows.append([])
    elif mode == "columns":
        kept += [c for c in school_columns if draw(st.floats(0, 1)) < 0.9]
    kept = list(draw(st.permutations(kept)))
    header = [draw(label_of(c)) for c in kept]
    if draw(st.floats(0, 1)) < 0.2:  # a column nobody declared
        at = draw(st.integers(0, len(kept)))
        kept.insert(at, None)
        header.insert(at, draw(st.text(max_size=12)))
    rows.append(header)
    for r in range(draw(st.integers(0, 6))):
        row = [None if c is None else _base_value(c.name, r) for c in kept]
        row = [draw(cells) if draw(st.floats(0, 1)) < noise else v for v in row]
        if draw(st.floats(0, 1)) < 0.1:
            row = row[: draw(st.integers(0, len(row)))]
        rows.append(row)
    return rows


def _xlsx(rows: list[list], formulas: bool) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": formulas,
                                        "strings_to_urls": False, "nan_inf_to_errors": True})
    sheet = book.add_worksheet("调研表")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(i, j, value, date_format)
            elif isinstance(value, bool):
                sheet.write_boolean(i, j, value)
            elif isinstance(value, int | float):
                sheet.write_number(i, j, value)
            else:
                sheet.write(i, j, value)
    book.close()
    return buffer.getvalue()


ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "big5", "latin-1"]


def _csv(rows: list[list], encoding: str, delimiter: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def survey_files(draw, grids=None) -> tuple[bytes, str]:
    rows = draw(grids if grids is not None else survey_grids())
    kind = draw(st.sampled_from(["xlsx", "xlsx", "csv"]))
    if kind == "xlsx":
        data, name = _xlsx(rows, draw(st.booleans())), "调研表.xlsx"
    else:
        data = _csv(rows, draw(st.sampled_from(ENCODINGS)), draw(st.sampled_from(",;\t|")))
        if draw(st.floats(0, 1)) < 0.1:  # a UTF-8 BOM before any encoding, as some tools do
            data = b"\xef\xbb\xbf" + data
        if draw(st.floats(0, 1)) < 0.15:  # garbage bytes somewhere
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
        name = "调研表.csv"
    if draw(st.floats(0, 1)) < 0.05:
        name = draw(st.sampled_from(["a.xls", "a.txt", "a.xlsx", "a.csv", "a", "a.xlsm"]))
    return data, name


# --- damaged archives -----------------------------------------------------------------------

VALID = template_prefilled(SCHOOL, BUILDINGS)
PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
         "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/app.xml"]
XML_BITS = ['<?xml version="1.0"?>', "<worksheet>", "<sheetData>", '<row r="1">',
            '<c r="A1" t="s"><v>0</v></c>', '<c r="ZZ99999"><v>1</v></c>', "<c><v>2</v></c>",
            '<c r="B2"><f>1+1</f></c>', "</row>", "</sheetData>", "</worksheet>",
            '<sst count="3" uniqueCount="3"><si><t>学校代码</t></si></sst>', "<!DOCTYPE x>",
            '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "&amp;", "<![CDATA[x]]>", "<"]


@st.composite
def broken_xlsx(draw) -> bytes:
    how = draw(st.sampled_from(["truncate", "flip", "splice", "entries", "replace_part"]))
    data = bytearray(VALID)
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    if how == "flip":
        for _ in range(draw(st.integers(1, 12))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    if how == "splice":
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 200))
        return bytes(data[:at]) + draw(st.binary(max_size=64)) + bytes(data[at + cut:])
    xml = st.lists(st.sampled_from(XML_BITS), max_size=12).map("".join)
    content = st.one_of(st.binary(max_size=200), xml.map(str.encode))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", draw(st.sampled_from([zipfile.ZIP_STORED,
                                                             zipfile.ZIP_DEFLATED]))) as out:
        if how == "entries":
            entry = st.text("abcxyz0123456789/._-[]中", min_size=1, max_size=20)
            names = draw(st.lists(st.one_of(st.sampled_from(PARTS),
                                            entry.filter(lambda n: n.strip("/"))),
                                  min_size=1, max_size=8, unique=True))
            for name in names:
                out.writestr(name, draw(content))
        else:  # a real workbook with one part replaced
            with zipfile.ZipFile(io.BytesIO(VALID)) as source:
                infos = source.infolist()
                victim = draw(st.sampled_from([i.filename for i in infos]))
                for info in infos:
                    body = draw(content) if info.filename == victim else source.read(info)
                    out.writestr(info.filename, body)
    return buffer.getvalue()


OLE = bytes.fromhex("D0CF11E0A1B11AE1")


# --- the property -------------------------------------------------------------------------

STORE = SurveyStore(":memory:")


def _assert_answered(data: bytes, name: str) -> ValidationResult | None:
    """check_bytes answers with a bilingual report or a bilingual refusal, nothing else."""
    try:
        result = check_bytes(data, name)
    except UnreadableFile as refusal:
        assert refusal.code and refusal.message_zh.strip() and refusal.message_en.strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal.message_zh)
        return None
    assert isinstance(result, ValidationResult)
    report = result.report
    for issue in report.issues:
        assert issue.message_zh.strip() and issue.message_en.strip(), issue
        assert issue.severity in ("error", "warning")
    json.loads(report.to_json())
    assert report.to_text()
    if result.ok:  # an accepted sheet is complete, and the store takes it
        assert len(result.buildings) > 0 and len(result.schools) > 0
        assert set(result.buildings["school_code"]) == set(result.schools["school_code"])
        assert int(result.schools["n_buildings"].sum()) == len(result.buildings)
        stored = STORE.import_bytes(data, name, checked=result)
        assert stored.status in (STORED, DUPLICATE), stored
    else:
        assert STORE.import_bytes(data, name, checked=result).status == REJECTED
    return result


@pytest.mark.slow
@FUZZ
@given(survey_files())
@example((template_prefilled(SCHOOL, BUILDINGS), "调研表.xlsx"))
@example((b"\xef\xbb\xbf" + "学校代码,建筑名称,建筑用途\n1,楼,教学".encode("gbk"), "a.csv"))
@example((("学校代码,建筑名称,建筑用途\n1," + "x" * 200_000 + ",教学\n").encode(), "a.csv"))
def test_random_sheets_get_a_report_or_a_refusal(file):
    _assert_answered(*file)


@settings(FUZZ, max_examples=800)
@given(broken_xlsx())
def test_damaged_workbooks_are_refused_or_reported(data):
    _assert_answered(data, "调研表.xlsx")


@settings(FUZZ, max_examples=300)
@given(st.one_of(st.binary(max_size=2000).map(lambda b: (OLE + b, "a.xls")),
                 st.binary(max_size=2000).map(lambda b: (OLE + "Workbook".encode("utf-16-le")
                                                         + b, "a.xls")),
                 st.binary(min_size=1, max_size=2000).map(lambda b: (b, "a.csv")),
                 st.binary(min_size=1, max_size=600).map(lambda b: (b"PK\x03\x04" + b,
                                                                    "a.xlsx"))))
def test_random_bytes_are_refused_or_reported(file):
    _assert_answered(*file)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@pytest.mark.parametrize("outcome", ["accepted", "rejected", "refused"])
def test_the_generators_make_every_outcome(outcome):
    """The fuzzers are not degenerate: they produce accepted, rejected and refused files."""
    strategy = st.one_of(survey_files(), broken_xlsx().map(lambda b: (b, "a.xlsx")))
    found = find(strategy, lambda file: _outcome(*file) == outcome,
                 settings=settings(max_examples=300, database=None, deadline=None,
                                   phases=[Phase.generate],
                                   suppress_health_check=list(HealthCheck)))
    assert _outcome(*found) == outcome


def _outcome(data: bytes, name: str) -> str:
    result = _assert_answered(data, name)
    return "refused" if result is None else "accepted" if result.ok else "rejected"


# --- subsidy applications -------------------------------------------------------------------

APP_BASE = {"school_code": SCHOOL["school_code"], "application_id": "P1",
            "project_name": "屋顶光伏", "project_type": "光伏", "total_investment_cny": 1_400_000.0,
            "subsidy_requested_cny": 400_000.0, "claimed_pv_capacity_kwp": 400.0,
            "claimed_annual_pv_kwh": 480_000.0, "service_life_years": 25.0,
            "planned_start": "2026-03-01", "planned_finish": "2026-09-30"}


@st.composite
def application_files(draw) -> tuple[bytes, str]:
    noise = draw(st.sampled_from([0.0, 0.2, 1.0]))
    kept = draw(st.permutations([c for c in APPLICATION.columns
                                 if draw(st.floats(0, 1)) < 0.9]))
    rows: list[list] = [[draw(cjk)] for _ in range(draw(st.integers(0, 2)))]
    rows.append([draw(label_of(c)) for c in kept])
    for r in range(draw(st.integers(0, 5))):
        base = {**APP_BASE, "application_id": f"P{r}"}
        rows.append([draw(cells) if draw(st.floats(0, 1)) < noise else base.get(c.name)
                     for c in kept])
    if draw(st.booleans()):
        return _xlsx(rows, draw(st.booleans())), "申请表.xlsx"
    return _csv(rows, draw(st.sampled_from(ENCODINGS)), ","), "申请表.csv"


@LIGHT
@given(st.one_of(application_files(), broken_xlsx().map(lambda b: (b, "申请表.xlsx"))))
def test_random_application_sheets_get_a_report_or_a_refusal(file):
    data, name = file
    try:
        result = check_applications(data, name)
    except UnreadableFile as refusal:
        assert refusal.message_zh.strip() and refusal.message_en.strip()
        return
    for issue in result.report.issues:
        assert issue.message_zh.strip() and issue.message_en.strip(), issue
    json.loads(result.report.to_json())
    if result.ok:
        assert len(result.frame) > 0
        assert result.frame["application_id"].notna().all()
