"""Fuzzing the intake: whatever a school uploads, the answer is a report or a clear refusal.

Random sheets (cells of every kind, headers in Chinese, English or an alias in any order,
title rows, school fields above the table or on every row) as .xlsx and as CSV in several
encodings; damaged archives (truncated, bit-flipped, random entries, wrong parts); random
bytes named .xls or .csv. The property: :func:`surveys.intake.check_bytes` returns a
:class:`~surveys.validate.ValidationResult` whose report reads in both languages, or raises
:class:`~sheets.reader.UnreadableFile` with both messages; a sheet it accepts is stored.
The subsidy application check gets the same treatment, lighter.

Hostile structures get their own fuzzers: BIFF records (new cells at any position, lengths,
offsets, lies inside a valid .xls that xlwt or :mod:`tests.security.hostile` wrote),
shared-string headers (attribute soups around ``uniqueCount``), whose files the pre-scan
passes are read by the real intake in a child process limited to 1 GB (python-calamine
aborts the process where it fails to allocate); and CSV dialects (any delimiter, quoting,
width), where the pre-scan and the reader must agree on the bounds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, Phase, example, find, given, settings
from hypothesis import strategies as st

from energy.subsidy.intake import check_applications
from energy.subsidy.schema import APPLICATION
from sheets.reader import UnreadableFile, read_csv_grid
from sheets.safety import CSV_DELIMITERS, Limits, RefusedFile, csv_dialect, decode_csv, prescan
from surveys.intake import check_bytes
from surveys.schema import BUILDING_COLUMNS, SCHOOL_COLUMNS, UNIT_FACTORS, Column
from surveys.store import DUPLICATE, REJECTED, STORED, SurveyStore
from surveys.validate import ValidationResult
from tests.security import hostile

try:
    import xlwt
except ImportError:  # pragma: no cover - a dev requirement
    xlwt = None
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

ROOT = Path(__file__).resolve().parents[2]

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
        assert issue.severity in ("error", "warning", "info")
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


# --- hostile structures: BIFF records, CSV dialects, shared-string headers ----------------
#
# The property: the pre-scan refuses cleanly (a RefusedFile with both messages), or the real
# reader, run in a child process limited to 1 GB of address space and 60 s of CPU, finishes
# without being killed by a signal (python-calamine aborts the process on a failed
# allocation). Each example is a batch of files, so that one child serves many of them.

BATCH = settings(FUZZ, max_examples=12)
CHILD_ADDRESS_SPACE_MB = 1024
_READER_CHILD = r"""
import json, resource, sys
limit = int(sys.argv[1]) << 20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
from pathlib import Path
from surveys.intake import check_bytes
from sheets.reader import UnreadableFile, read_csv_grid
from sheets.safety import CSV_DELIMITERS, Limits, RefusedFile, csv_dialect, decode_csv, prescan
for path in sys.argv[2:]:
    try:
        check_bytes(Path(path).read_bytes(), Path(path).name.split("__", 1)[1])
        outcome = "read"
    except UnreadableFile as refusal:
        outcome = "unreadable:" + refusal.code
    except BaseException as exc:  # e.g. a calamine panic: an exception, not a signal
        outcome = "raised:" + type(exc).__name__
    print(json.dumps([path, outcome]), flush=True)
"""


def _prescan_or_collect(files: list[tuple[bytes, str]]) -> list[tuple[bytes, str]]:
    """Files the pre-scan passes; a refusal must be clean and bilingual."""
    passed = []
    for data, name in files:
        try:
            prescan(data, name)
        except RefusedFile as refusal:
            assert refusal.code and refusal.message_zh.strip() and refusal.message_en.strip()
            assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal.message_zh), refusal
            continue
        passed.append((data, name))
    return passed


def _reader_survives(files: list[tuple[bytes, str]], tmp: Path) -> dict[str, str]:
    """Run the intake on ``files`` in one limited child; fail on a file that kills it."""
    paths = []
    for i, (data, name) in enumerate(files):
        path = tmp / f"{i}__{name}"
        path.write_bytes(data)
        paths.append(str(path))
    if not paths:
        return {}
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _READER_CHILD, str(CHILD_ADDRESS_SPACE_MB),
                           *paths], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    outcomes = dict(json.loads(line) for line in done.stdout.splitlines())
    missing = [p for p in paths if p not in outcomes]
    assert done.returncode == 0 and not missing, (
        f"the reader was killed (exit {done.returncode}) on {missing[:1]}: {done.stderr[-1500:]}")
    return outcomes


BIFF_TYPES = [0x0203, 0x0204, 0x00FD, 0x027E, 0x00BD, 0x00BE, 0x0201, 0x0205, 0x0006, 0x00D6,
              0x0207, 0x0208, 0x0200, 0x00FC, 0x0085, 0x0809, 0x000A, 0x003C, 0x00E5, 0x0042,
              0x0022, 0x002F, 0x0000]
POSITIONS = st.one_of(st.sampled_from([0, 1, 254, 255, 256, 16383, 16384, 65534, 65535]),
                      st.integers(0, 0xFFFF))


def _split_records(stream: bytes) -> list[tuple[int, bytes]]:
    """A well-formed BIFF stream as ``(type, body)`` records (trailing padding dropped)."""
    records, pos = [], 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        if kind == 0 and size == 0:
            break
        records.append((kind, stream[pos + 4:pos + 4 + size]))
        pos += 4 + size
    return records


def _join_records(records: list[tuple[int, bytes]], fix_offsets: bool) -> bytes:
    """Records back to a stream; optionally point each BOUNDSHEET at a sheet's BOF again."""
    stream = b"".join(hostile.record(kind, body) for kind, body in records)
    if not fix_offsets:
        return stream
    starts, pos, depth, bofs = [], 0, 0, []
    for kind, body in records:
        starts.append(pos)
        if kind == 0x0809:
            if depth == 0 and pos:
                bofs.append(pos)
            depth += 1
        elif kind == 0x000A:
            depth = max(0, depth - 1)
        pos += 4 + len(body)
    fixed, k = bytearray(stream), 0
    for (kind, body), start in zip(records, starts):
        if kind == 0x0085 and len(body) >= 4 and k < len(bofs):
            struct.pack_into("<I", fixed, start + 4, bofs[k])
            k += 1
    return bytes(fixed)



def _xlwt_records() -> list[tuple[int, bytes]]:
    """The records of a workbook xlwt writes (strings, floats, integers, a formula)."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("调研表")
    for col, header in enumerate(hostile.HEADERS):
        sheet.write(0, col, header)
    for row in range(1, 6):
        sheet.write(row, 0, f"3101{row:06d}")
        sheet.write(row, 3, 1200.5 + row)
        sheet.write(row, 4, 800 + row)
    sheet.write(6, 3, xlwt.Formula("SUM(D2:D6)"))
    buffer = io.BytesIO()
    book.save(buffer)
    return _split_records(hostile.workbook_stream(buffer.getvalue()))


BASE_RECORDS = {"minimal": _split_records(hostile.biff_workbook([("调研表",
                                                                   hostile.table_records())]))}
if xlwt is not None:
    BASE_RECORDS["xlwt"] = _xlwt_records()


@st.composite
def cell_record(draw) -> tuple[int, bytes]:
    """A well-formed record placing cells, at any position."""
    row, col = draw(POSITIONS), draw(POSITIONS)
    kind = draw(st.sampled_from(["number", "rk", "label", "boolerr", "formula", "mulrk",
                                 "blank", "mulblank", "row", "dimension", "labelsst"]))
    head = struct.pack("<HHH", row, col, 0)
    if kind == "number":
        return 0x0203, head + struct.pack("<d", 1.5)
    if kind == "rk":
        return 0x027E, head + struct.pack("<i", 4 << 2 | 2)
    if kind == "label":
        return 0x0204, head + struct.pack("<HB", 2, 0) + b"ab"
    if kind == "boolerr":
        return 0x0205, head + b"\x01\x00"
    if kind == "formula":
        return 0x0006, head + struct.pack("<dHI", 2.0, 0, 0) + b"\x03\x00\x1e\x01\x00"
    if kind == "labelsst":
        return 0x00FD, head + struct.pack("<I", 0)
    if kind in ("mulrk", "mulblank"):
        count = draw(st.integers(1, 40))
        last = (col + count - 1) & 0xFFFF
        cells = (struct.pack("<Hi", 0, 2) * count if kind == "mulrk"
                 else struct.pack("<H", 0) * count)
        return (0x00BD if kind == "mulrk" else 0x00BE), struct.pack("<HH", row, col) + cells \
            + struct.pack("<H", last)
    if kind == "row":
        return 0x0208, struct.pack("<HHHHHHHH", row, 0, col, 0x00FF, 0, 0, 0x0100, 0x0F)
    if kind == "blank":
        return 0x0201, head
    rows = st.integers(0, 2**32 - 1) | POSITIONS
    return 0x0200, struct.pack("<IIHHH", draw(rows), draw(rows), draw(POSITIONS),
                               draw(POSITIONS), 0)


def _sheet_start(records: list[tuple[int, bytes]]) -> int:
    """Index just after the first worksheet BOF (after the globals' EOF)."""
    seen_eof = False
    for i, (kind, _body) in enumerate(records):
        seen_eof = seen_eof or kind == 0x000A
        if seen_eof and kind == 0x0809:
            return i + 1
    return len(records)


@st.composite
def biff_mutation(draw, records: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """One change to a record list: a new record, new positions, a new length, a lie."""
    records = list(records)
    first = _sheet_start(records)
    inside = st.integers(first, max(first, len(records) - 1))
    how = draw(st.sampled_from(["cell", "cell", "cell", "insert", "position", "length",
                                "delete", "offset", "bytes"]))
    if how == "cell":
        records.insert(draw(inside), draw(cell_record()))
        return records
    at = draw(st.integers(0, len(records)))
    if how == "insert" or not records:
        kind = draw(st.one_of(st.sampled_from(BIFF_TYPES), st.integers(0, 0xFFFF)))
        head = struct.pack("<HH", draw(POSITIONS), draw(POSITIONS))
        tail = draw(st.one_of(st.binary(max_size=24),
                              st.builds(lambda a, b: struct.pack("<IIHH", a, b, 0, 0),
                                        st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))))
        records.insert(at, (kind, draw(st.sampled_from([b"", head, head + tail, tail]))))
        return records
    at = min(at, len(records) - 1)
    kind, body = records[at]
    if how == "position":
        body = struct.pack("<HH", draw(POSITIONS), draw(POSITIONS)) + body[4:]
    elif how == "length":
        body = body[:draw(st.integers(0, len(body)))] + draw(st.binary(max_size=16))
    elif how == "delete":
        return records[:at] + records[at + 1:]
    elif how == "offset":
        body = struct.pack("<I", draw(st.integers(0, 2**32 - 1))) + body[4:]
    else:
        body = draw(st.binary(min_size=len(body), max_size=len(body) + 8))
    records[at] = (kind, body)
    return records


@st.composite
def hostile_xls(draw) -> tuple[bytes, str]:
    """A valid small .xls (xlwt's or a minimal one) with a few records changed."""
    records = BASE_RECORDS[draw(st.sampled_from(sorted(BASE_RECORDS)))]
    for _ in range(draw(st.integers(1, 4))):
        records = draw(biff_mutation(records))
    stream = _join_records(records, fix_offsets=draw(st.floats(0, 1)) < 0.85)
    data = hostile.compound_file([("Workbook", "stream", stream)])
    if draw(st.floats(0, 1)) < 0.2:  # damage the compound file itself
        raw = bytearray(data)
        for _ in range(draw(st.integers(1, 6))):
            raw[draw(st.integers(8, min(len(raw), 2048) - 1))] = draw(st.integers(0, 255))
        data = bytes(raw)
    return data, "旧版调研表.xls"


@pytest.mark.slow
@BATCH
@given(st.lists(hostile_xls(), min_size=30, max_size=40))
def test_hostile_biff_records_are_refused_or_read_safely(files):
    with tempfile.TemporaryDirectory() as tmp:
        _reader_survives(_prescan_or_collect(files), Path(tmp))


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_the_biff_fuzzer_reaches_the_reader():
    """Not degenerate: some mutated workbooks pass the pre-scan and are read."""
    found = find(st.lists(hostile_xls(), min_size=20, max_size=20),
                 lambda files: len(_prescan_or_collect(files)) >= 3,
                 settings=settings(max_examples=50, database=None, deadline=None,
                                   phases=[Phase.generate],
                                   suppress_health_check=list(HealthCheck)))
    assert len(_prescan_or_collect(found)) >= 3


# CSV: random delimiters (also ones the sniffer never picks), quoting and widths, read with
# small limits so that the bounds are met often. Pre-scan and reader must agree: what the
# pre-scan passes, the reader turns into a grid within the same bounds.

SMALL = Limits(max_rows=40, max_cols=12, max_cells=150, max_field_chars=60,
               max_line_bytes=4000)
csv_field = st.one_of(st.text(st.sampled_from("ab1 ,;|\t\"'\n\r学"), max_size=12),
                      st.integers(0, 10**6).map(str), st.just(""))


@st.composite
def hostile_csv(draw) -> bytes:
    delimiter = draw(st.sampled_from(list(",;\t|") + [":", " ", "#"]))
    quotechar = draw(st.sampled_from(['"', "'"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    rows = draw(st.lists(st.lists(csv_field, min_size=1, max_size=20), min_size=1,
                         max_size=20))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quotechar=quotechar, quoting=quoting)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.floats(0, 1)) < 0.2:  # an unbalanced quote somewhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + quotechar + text[at:]
    return text.encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-8-sig"])))


@settings(FUZZ, max_examples=300)
@given(hostile_csv())
def test_csv_prescan_and_reader_agree_on_every_dialect(data):
    try:
        prescan(data, "名单.csv", SMALL)
    except RefusedFile as refusal:
        assert refusal.message_zh.strip() and refusal.message_en.strip()
        return
    try:
        grid = read_csv_grid(data)
    except UnreadableFile as refusal:
        assert refusal.message_zh.strip() and refusal.message_en.strip()
        return
    widest = max((len(row) for row in grid.rows), default=0)
    assert widest <= SMALL.max_cols, (widest, grid.rows[:3])
    assert len(grid.rows) * widest <= SMALL.max_cells
    assert all(len(v) <= SMALL.max_field_chars for row in grid.rows for v in row)
    assert csv_dialect(decode_csv(data)).delimiter in CSV_DELIMITERS


# Shared-string headers: attribute soups around uniqueCount, in any quoting and notation.

COUNT_VALUES = st.one_of(
    st.integers(0, 10**12).map(str),
    st.builds(lambda z, n: "0" * z + str(n), st.integers(0, 40), st.integers(0, 4 * 10**9)),
    st.integers(0, 4 * 10**9).map(lambda n: f"&#{ord(str(n)[0])};{str(n)[1:]}"),
    st.integers(0, 4 * 10**9).map(lambda n: f" {n} "),
    st.text(st.sampled_from("0123456789 >&#;x-+e"), max_size=14),
)
OTHER_VALUES = st.one_of(st.sampled_from([">", "a>b", "/>", "<", "x", ""]),
                         st.text(st.sampled_from("a>/ =&#;x\"'12"), max_size=8))
ATTRIBUTE_NAMES = ["uniqueCount", "uniqueCount", "count", "x:uniqueCount", "UNIQUECOUNT", "a",
                   "a", "b:c", "xmlns:x"]


@st.composite
def attribute(draw) -> str:
    name = draw(st.sampled_from(ATTRIBUTE_NAMES))
    value = draw(COUNT_VALUES if "ount" in name.lower() else OTHER_VALUES)
    quote = draw(st.sampled_from(['"', "'"]))
    if quote in value and draw(st.booleans()):
        value = value.replace(quote, "&quot;" if quote == '"' else "&apos;")
    around = draw(st.sampled_from(["", " ", "\n", "\t "]))
    return f"{name}{around}={around}{quote}{value}{quote}"


@st.composite
def string_table_header(draw) -> bytes:
    prefix = draw(st.sampled_from(["", "x:", "ss:"]))
    attributes = draw(st.lists(attribute(), max_size=5))
    if draw(st.booleans()):
        attributes.insert(draw(st.integers(0, len(attributes))),
                          'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    gap = draw(st.sampled_from([" ", "\n", "  "]))
    tag = f"<{prefix}sst{gap}{gap.join(attributes)}{draw(st.sampled_from(['>', ' >', '/>']))}"
    return hostile.sst_tag(tag.encode(), f"</{prefix}sst>".encode())


@pytest.mark.slow
@BATCH
@given(st.lists(string_table_header(), min_size=30, max_size=40))
def test_string_table_headers_are_refused_or_read_safely(tables):
    files = [(data, "调研表.xlsx") for data in tables]
    with tempfile.TemporaryDirectory() as tmp:
        _reader_survives(_prescan_or_collect(files), Path(tmp))
