"""Hostile uploads are refused before any reader runs; clean files pass quickly.

Every file here is built for real (xlsxwriter, xlwt, zipfile, raw bytes); nothing is mocked.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

from sheets.safety import (
    DEFAULT_LIMITS,
    Limits,
    RefusedFile,
    ScanResult,
    _xlsx,
    _zip,
    csv_dialect,
    decode_csv,
    html_table,
    prescan,
)
from sheets.safety._xml import tag_complete

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
SURVEY = "调研表"
HOSTILE_SECONDS = 2.0
PEAK_MB = 200
CJK = re.compile(r"[\u4e00-\u9fff]")


# --------------------------------------------------------------------------- builders


def workbook(rows: int = 3, cols: int = 3, sheet: str = SURVEY,
             extra: Callable[[xlsxwriter.Workbook, object], None] | None = None) -> bytes:
    """A real xlsx: a header row, then ``rows`` rows of text and numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    ws.write_row(0, 0, [f"列{c + 1}" for c in range(cols)])
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [f"学校{r}" if c == 0 else r * 10.0 + c for c in range(cols)])
    if extra is not None:
        extra(book, ws)
    book.close()
    return buffer.getvalue()


def rewrite(data: bytes, part: str | None = None, edit: Callable[[bytes], bytes] | None = None,
            add: dict[str, bytes] | None = None) -> bytes:
    """Copy an xlsx entry by entry, editing one part and adding others."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part and edit is not None:
                content = edit(content)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def with_cell(cell_xml: bytes, row: int = 200_000) -> bytes:
    """A clean workbook whose sheet XML gains one row holding ``cell_xml``."""
    def edit(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="%d">%s</row></sheetData>' % (row, cell_xml))
    return rewrite(workbook(), SHEET, edit)


def spaces_bomb(target_mb: int = 210, where: str = SHEET) -> bytes:
    """A valid xlsx whose sheet XML (or one shared string) is padded with ``target_mb`` MiB."""
    base = zipfile.ZipFile(io.BytesIO(workbook()))
    pad = b" " * (1024 * 1024) if where == SHEET else b"A" * (1024 * 1024)
    anchor = b"<sheetData>" if where == SHEET else b"<t>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in base.infolist():
            content = base.read(info.filename)
            if info.filename != where:
                target.writestr(info.filename, content)
                continue
            head, tail = content.split(anchor, 1)
            with target.open(where, "w", force_zip64=True) as stream:
                stream.write(head + anchor)
                for _ in range(target_mb):
                    stream.write(pad)
                stream.write(tail)
    return out.getvalue()


def refused(data: bytes, filename: str, code: str, limits: Limits = DEFAULT_LIMITS
            ) -> RefusedFile:
    """Assert a refusal with ``code``, bilingual messages, costing under two seconds of CPU
    (CPU rather than wall time: what the attacker costs the service, whatever else runs)."""
    start = time.process_time()
    with pytest.raises(RefusedFile) as caught:
        prescan(data, filename, limits)
    elapsed = time.process_time() - start
    error = caught.value
    assert error.code == code, str(error)
    assert CJK.search(error.message_zh), error.message_zh
    assert not CJK.search(error.message_en.replace(SURVEY, "")), error.message_en
    assert str(error) == f"{error.message_zh} / {error.message_en}"
    assert elapsed < HOSTILE_SECONDS, f"{code} took {elapsed:.2f} s"
    return error


def peak_memory(path: Path, filename: str) -> dict:
    """Run prescan in a fresh interpreter; return its refusal code and peak memory [MB].

    ``VmHWM`` is the peak resident set of the child's own address space. ``ru_maxrss`` is
    reported too, but after fork + exec it may still carry the parent's (pytest's) peak.
    """
    script = (
        "import json, resource, sys, tracemalloc\n"
        "from sheets.safety import RefusedFile, prescan\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "tracemalloc.start()\n"
        "try:\n"
        "    prescan(data, sys.argv[2]); code = None\n"
        "except RefusedFile as error:\n"
        "    code = error.code\n"
        "traced = tracemalloc.get_traced_memory()[1] / 2**20\n"
        "maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "status = open('/proc/self/status').read().split('VmHWM:')\n"
        "hwm = int(status[1].split()[0]) / 1024 if len(status) > 1 else maxrss\n"
        "print(json.dumps({'code': code, 'peak_mb': hwm, 'maxrss_mb': maxrss,\n"
        "                  'traced_mb': traced}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path), filename], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return spaces_bomb()


@pytest.fixture(scope="module")
def far_book() -> bytes:
    """Written by xlsxwriter itself: a small table and one value at ZZ200000."""
    return workbook(extra=lambda _book, ws: ws.write(199_999, 701, "x"))


# --------------------------------------------------------------------------- clean files


def test_clean_survey_passes_with_extent_and_kind():
    result = prescan(workbook(rows=10, cols=23), "调研表.xlsx")
    assert result == ScanResult("xlsx", (), {SURVEY: "W11"})


def test_extents_follow_workbook_order_and_sheet_names():
    def more(book, _ws):
        second = book.add_worksheet("Notes")
        second.write("C5", "备注")
        book.add_worksheet("空表")
    result = prescan(workbook(extra=more), "x.xlsx")
    assert list(result.sheet_extents.items()) == [(SURVEY, "C4"), ("Notes", "C5")]


def test_project_template_passes():
    from surveys.template import write_template
    blank = io.BytesIO()
    write_template(blank)
    assert prescan(blank.getvalue(), "template.xlsx").kind == "xlsx"


def test_cell_at_the_limit_and_styled_far_cell_pass():
    at_limit = with_cell(b'<c r="IV100000"><v>1</v></c>', row=100_000)
    wide_open = Limits(max_cells=256 * 100_000)
    assert prescan(at_limit, "a.xlsx", wide_open).sheet_extents == {SURVEY: "IV100000"}
    error = refused(at_limit, "a.xlsx", "too_many_cells")
    assert error.cell == "IV100000" and "25,600,000" in error.message_en
    styled_only = with_cell(b'<c r="ZZ200000" s="0"/>')
    assert prescan(styled_only, "b.xlsx").sheet_extents == {SURVEY: "C4"}


def test_real_xls_and_csv_pass():
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    book.add_sheet("S").write(0, 0, "学校")
    buffer = io.BytesIO()
    book.save(buffer)
    assert prescan(buffer.getvalue(), "old.xls") == ScanResult("xls", (), {"S": "A1"})
    text = "学校,面积\r\n一中,1200\r\n二中,900\r\n".encode("gb18030")
    assert prescan(text, "list.csv") == ScanResult("csv", (), {"list": "B3"})
    assert prescan(b"a\tb\tc\n1\t2\t3", "list.txt").sheet_extents == {"list": "C2"}


# --------------------------------------------------------------------------- size and type


def test_empty_file():
    refused(b"", "x.xlsx", "empty")


def test_too_large_file():
    error = refused(b"a,b\n" * (5 * 1024 * 1024 + 1), "big.csv", "too_large")
    assert "20.0 MB" in error.message_en and "20.0 MB" in error.message_zh


@pytest.mark.parametrize("name", ["macro.xlsm", "macro.XLTM", "binary.xlsb"])
def test_macro_extensions(name):
    refused(workbook(), name, "macro")


def test_xlsx_with_vba_project():
    data = rewrite(workbook(), add={"xl/vbaProject.bin": b"\x00" * 64})
    refused(data, "innocent.xlsx", "macro")


def test_xlsx_with_macro_enabled_content_type():
    def edit(xml: bytes) -> bytes:
        return xml.replace(b"spreadsheetml.sheet.main+xml",
                           b"ms-excel.sheet.macroEnabled.main+xml")
    refused(rewrite(workbook(), "[Content_Types].xml", edit), "x.xlsx", "macro")


def test_unknown_extension():
    error = refused(b"whatever", "survey.et", "wrong_type")
    assert ".xlsx" in error.message_en


def test_xlsx_renamed_xls_is_read_as_what_it_is():
    for name in ("old.xls", "wps.et"):
        scan = prescan(workbook(), name)
        assert scan.kind == "xlsx"
        assert any("really an Excel .xlsx workbook" in en for _, en in scan.warnings)
    assert prescan(workbook(), "book.xlsx").warnings == ()


def test_html_table_named_xls_is_read_as_a_table():
    html = ("<html><head><meta charset='gb2312'><style>td{x:1}</style></head><body>"
            "<table><tr><td colspan=2>汇总</td></tr><tr><td>建筑名称</td><td>面积</td></tr>"
            "<tr><td>教学楼</td><td>1,200</td></tr></table></body></html>").encode("gbk")
    scan = prescan(html, "export.xls")
    assert scan.kind == "html" and scan.sheet_extents == {"export": "B3"}
    assert any("web page" in en for _, en in scan.warnings)
    rows, merges = html_table(html, "export.xls", DEFAULT_LIMITS)
    assert rows == [["汇总", None], ["建筑名称", "面积"], ["教学楼", "1,200"]]
    assert merges == [((0, 0), (0, 1))]
    refused(html, "export.csv", "wrong_type")  # a page named .csv is still not text


SMALL = Limits(max_rows=1_000, max_cells=5_000)


@pytest.mark.parametrize("body, code", [
    ("<tr>" + "<td colspan=9999>x</td>" * 2 + "</tr>", "far_cell"),
    ("<tr><td>1</td></tr>" * 1_001, "far_cell"),
    (("<tr>" + "<td>x</td>" * 100 + "</tr>") * 51, "too_many_cells"),
    ("<tr><td rowspan=200 colspan=30>x</td></tr>", "too_many_cells"),
    ("<tr><td>" + "字" * 40_000 + "</td></tr>", "far_cell"),
    ("<p>no table</p>", "no_table"),
])
def test_hostile_html_pages_are_refused(body, code):
    page = f"<html><body><table>{body}</table></body></html>".encode()
    refused(page, "export.xls", code, SMALL)


def test_pdf_named_csv():
    error = refused(b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n", "list.csv", "wrong_type")
    assert "PDF" in error.message_en and "PDF" in error.message_zh


def test_binary_named_csv_is_refused_and_utf16_text_read():
    refused(b"a,b\n\x00\x01\x02", "list.csv", "not_text")
    scan = prescan("学校\t面积\r\n一中\t1200\r\n".encode("utf-16"), "list.txt")
    assert scan.kind == "csv" and scan.sheet_extents == {"list": "B2"}


def test_csv_named_xlsx_and_docx_named_xlsx():
    refused(b"a,b\n1,2\n", "x.xlsx", "wrong_type")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    error = refused(docx.getvalue(), "x.xlsx", "wrong_type")
    assert "Word" in error.message_en


def test_encrypted_office_file():
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    refused(ole, "secret.xlsx", "encrypted")


def test_damaged_zip():
    refused(workbook()[:-200], "cut.xlsx", "bad_zip")


# --------------------------------------------------------------------------- archives


def test_zip_bomb_by_ratio(bomb):
    assert len(bomb) < 400_000
    error = refused(bomb, "bomb.xlsx", "zip_bomb")
    assert SHEET in error.message_en


def test_zip_bomb_by_total_size(bomb):
    error = refused(bomb, "bomb.xlsx", "zip_bomb", Limits(max_ratio=1e9))
    assert "200.0 MB" in error.message_en


@pytest.mark.parametrize(("limits", "words"), [(DEFAULT_LIMITS, SHEET),
                                               (Limits(max_ratio=1e9), "200.0 MB")])
def test_streaming_alone_refuses_the_bomb(bomb, monkeypatch, limits, words):
    # Without the shortcut on declared sizes, the streamed counts must catch it by themselves.
    monkeypatch.setattr(_zip, "_check_declared_sizes", lambda infos, limits: None)
    assert words in refused(bomb, "bomb.xlsx", "zip_bomb", limits).message_en


def test_entry_lying_about_its_size_is_not_read_past_it():
    data = bytearray(workbook(rows=2_000))
    size = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET).file_size
    record = data.rfind(b"PK\x01\x02", 0, data.rfind(SHEET.encode()))
    declared = record + 24                          # uncompressed size in the directory record
    assert int.from_bytes(data[declared:declared + 4], "little") == size
    data[declared:declared + 4] = (size // 2).to_bytes(4, "little")
    refused(bytes(data), "lying.xlsx", "bad_zip")


def test_zip_bomb_in_one_huge_shared_string():
    refused(spaces_bomb(target_mb=210, where=STRINGS), "strings.xlsx", "zip_bomb")


def test_too_many_entries():
    extra = {f"xl/media/pad{i}.txt": b"" for i in range(600)}
    error = refused(rewrite(workbook(), add=extra), "many.xlsx", "too_many_entries")
    assert "500" in error.message_en


def test_tens_of_thousands_of_entries_refused_before_zipfile_parses_them():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for i in range(30_000):
            archive.writestr(f"p{i}", b"")
    refused(out.getvalue(), "many.xlsx", "too_many_entries")


def test_doctype_entity_bomb_in_shared_strings():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              b'count="1" uniqueCount="1"><si><t>&lol2;</t></si></sst>')
    error = refused(rewrite(workbook(), STRINGS, lambda _xml: laughs), "x.xlsx", "xml_entity")
    assert STRINGS in error.message_en


@pytest.mark.parametrize("shift", [-9, -4, -1, 0, 3])
def test_doctype_split_across_chunks(shift):
    start = _zip.CHUNK + shift
    head = b'<?xml version="1.0"?>'

    def edit(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1]
        return head + b" " * (start - len(head)) + b'<!DOCTYPE x [<!ENTITY a "b">]>' + body
    refused(rewrite(workbook(), STRINGS, edit), "x.xlsx", "xml_entity")


def test_shared_string_table_declaring_billions():
    def edit(xml: bytes) -> bytes:
        return re.sub(rb'uniqueCount="\d+"', b'uniqueCount="2000000000"', xml)
    error = refused(rewrite(workbook(), STRINGS, edit), "x.xlsx", "bad_zip")
    assert "2000000000" in error.message_en


# --------------------------------------------------------------------------- far cells


def test_far_cell_written_by_xlsxwriter(far_book):
    error = refused(far_book, "far.xlsx", "far_cell")
    assert error.cell == "ZZ200000"
    for message in (error.message_zh, error.message_en):
        assert "ZZ200000" in message and SURVEY in message
    assert "请删除该单元格后重新上传" in error.message_zh
    assert "far outside the table: delete it and upload again" in error.message_en.replace(
        " (allowed range A1:IV100000)", "")


@pytest.mark.parametrize(("cell_xml", "cell"), [
    (b'<c r="ZZ200000"><v>1</v></c>', "ZZ200000"),
    (b'<c r="A200000" t="s"><v>0</v></c>', "A200000"),
    (b'<c r="IW5"><v>1</v></c>', "IW5"),
    (b'<c t="n" r="ZZ200000"><v>1</v></c>', "ZZ200000"),              # r not first
    (b"<c r='ZZ200000'><v>1</v></c>", "ZZ200000"),                    # single quotes
    (b'<c r="ZZ200000" x="/>"><v>1</v></c>', "ZZ200000"),             # '/>' inside a value
    (b"<c><v>1</v></c>", "A200000"),                                  # position implied
    (b'<c  r="ZZ200000"><v>1</v></c>', "ZZ200000"),                   # two spaces
    (b'<c r="&#90;Z200000"><v>1</v></c>', "ZZ200000"),               # character reference
    (b'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
     b'r="ZZ200000"><x:v>1</x:v></x:c>', "ZZ200000"),                 # namespace prefix
], ids=["plain", "row", "column", "order", "quotes", "slash", "implied", "spaces", "charref",
        "prefix"])
def test_far_cell_in_any_markup(cell_xml, cell):
    error = refused(with_cell(cell_xml), "far.xlsx", "far_cell")
    assert error.cell == cell
    assert cell in error.message_zh and cell in error.message_en


def test_first_far_cell_is_named():
    cells = b'<c r="B150000"><v>1</v></c><c r="ZZ150000"><v>2</v></c>'
    assert refused(with_cell(cells, row=150_000), "far.xlsx", "far_cell").cell == "B150000"


@pytest.mark.parametrize("shift", [-12, -5, -1, 0, 2])
def test_far_cell_split_across_chunks(shift):
    tag = b'<c r="ZZ200000"><v>1</v></c>'

    def edit(xml: bytes) -> bytes:
        head, tail = xml.split(b"<sheetData>", 1)
        head += b"<sheetData>"
        padding = b" " * (_zip.CHUNK + shift - len(head) - len(b'<row r="200000">'))
        return head + padding + b'<row r="200000">' + tag + b"</row>" + tail
    assert refused(rewrite(workbook(), SHEET, edit), "far.xlsx", "far_cell").cell == "ZZ200000"


def unusual_markup(rows: int) -> bytes:
    """A survey whose cells put ``s`` before ``r``: valid XML that needs the exact walk."""
    return rewrite(workbook(rows=rows, cols=23), SHEET,
                   lambda xml: xml.replace(b'<c r="', b'<c s="0" r="'))


def test_unusual_markup_is_placed_exactly():
    result = prescan(unusual_markup(rows=50), "odd.xlsx")
    assert result.sheet_extents == {SURVEY: "W51"}


def test_far_cell_behind_the_largest_unusual_sheet_is_refused_in_time():
    data = unusual_markup(rows=4_500)
    size = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET).file_size
    assert 0.75 * _xlsx.WALK_IRREGULAR_CAP < size < _xlsx.WALK_IRREGULAR_CAP
    far = rewrite(data, SHEET, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="200000"><c s="0" r="ZZ200000"><v>1</v></c></row></sheetData>'))
    assert refused(far, "odd.xlsx", "far_cell").cell == "ZZ200000"


def test_unusual_markup_beyond_the_walk_budget_is_refused():
    error = refused(unusual_markup(rows=10_000), "odd.xlsx", "too_large")
    assert SURVEY in error.message_zh and "Excel" in error.message_en


def test_deep_nesting_in_a_walked_sheet():
    nested = b"<x>" * 100 + b"</x>" * 100
    data = with_cell(b"<c><v>1</v>" + nested + b"</c>", row=5)
    refused(data, "deep.xlsx", "bad_zip")


def test_prefixed_cells_are_scanned_on_the_fast_path():
    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)(?!\?)([a-zA-Z])", rb"<\1x:\2", xml)
        xml = xml.replace(b' xmlns="', b' xmlns:x="', 1)
        return xml.replace(b"<x:v>0</x:v>", b"")
    data = rewrite(workbook(rows=20, extra=lambda _b, ws: ws.write_formula("E3", "=1+1")),
                   SHEET, edit)
    assert b"<x:c r=" in zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    result = prescan(data, "prefixed.xlsx")
    assert result.sheet_extents == {SURVEY: "E21"}
    assert result.formulas_without_value == ((SURVEY, "E3"),)


def test_csv_too_many_rows_and_too_wide():
    error = refused(b"1,2\n" * 100_001, "long.csv", "too_many_rows")
    assert "100001" in error.message_en
    wide = b"a,b\n" + b"," * 1_000_000 + b"x\n"
    error = refused(wide, "wide.csv", "far_cell")
    assert error.cell == "IW2" and "wide" in error.message_en


# --------------------------------------------------------------------------- formulas


def test_formula_with_cached_value_is_not_reported():
    data = workbook(extra=lambda _book, ws: ws.write_formula("D2", "=B2*2", None, 22))
    assert prescan(data, "f.xlsx").formulas_without_value == ()


def test_xlsxwriter_default_cached_zero_counts_as_a_value():
    data = workbook(extra=lambda _book, ws: ws.write_formula("D2", "=B2*2"))
    assert b"<v>0</v>" in zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    assert prescan(data, "f.xlsx").formulas_without_value == ()


@pytest.mark.parametrize("value", [b"", b"<v></v>", b"<v/>", b"<v>  </v>"])
def test_formula_without_cached_value(value):
    def extra(_book, ws):
        ws.write_formula("D7", "=SUM(A7:C7)", None, 0)
        ws.write_formula("E7", "=1+1", None, 2)

    def edit(xml: bytes) -> bytes:
        return xml.replace(b"<f>SUM(A7:C7)</f><v>0</v>", b"<f>SUM(A7:C7)</f>" + value)
    data = rewrite(workbook(rows=8, extra=extra), SHEET, edit)
    result = prescan(data, "f.xlsx")
    assert result.formulas_without_value == ((SURVEY, "D7"),)
    assert result.sheet_extents == {SURVEY: "E9"}


def test_a_text_formula_whose_result_is_the_empty_text_has_a_value():
    """=IF(F5>E5,"错","") calculated and saved: Excel writes t="str" and an empty <v>."""
    def extra(_book, ws):
        ws.write_formula("D7", '=IF(A7>B7,"x","")', None, "")
        ws.write_formula("E7", "=1+1", None, 2)

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<c r="D7"( s="\d+")?( t="str")?>', rb'<c r="D7"\1 t="str">', xml)
        return re.sub(rb'(<c r="D7"[^>]*><f>[^<]*</f>)<v>[^<]*</v>', rb"\1<v></v>", xml)
    data = rewrite(workbook(rows=8, extra=extra), SHEET, edit)
    assert b't="str"><f>' in zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    assert prescan(data, "f.xlsx").formulas_without_value == ()


def test_shared_formula_children_without_value():
    def edit(xml: bytes) -> bytes:
        cells = (b'<c r="D2"><f t="shared" ref="D2:D3" si="0">B2*2</f><v>4</v></c>'
                 b'<c r="D3"><f t="shared" si="0"/></c>')
        return xml.replace(b"</sheetData>", b'<row r="20">' + cells + b"</row></sheetData>")
    result = prescan(rewrite(workbook(), SHEET, edit), "f.xlsx")
    assert result.formulas_without_value == ((SURVEY, "D3"),)


# --------------------------------------------------------------------------- memory


@pytest.mark.parametrize("case", ["bomb", "far"])
def test_peak_memory_in_a_subprocess(case, bomb, far_book, tmp_path):
    data, code = (bomb, "zip_bomb") if case == "bomb" else (far_book, "far_cell")
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(data)
    measured = peak_memory(path, path.name)
    assert measured["code"] == code
    assert measured["peak_mb"] < PEAK_MB, measured
    assert measured["traced_mb"] < PEAK_MB, measured


# --------------------------------------------------------------------------- structure


def test_a_gt_inside_a_quoted_value_does_not_finish_a_tag():
    assert not tag_complete(b'<c r="A1" x=">', 0)
    assert tag_complete(b'<c r="A1" x=">">', 0)
    assert tag_complete(b"<c r='A1' x='\">'>", 0)
    assert not tag_complete(b"<c r='A1' x='>\"", 0)


@pytest.mark.parametrize("shift", [-2, 0, 3])
def test_far_cell_cut_inside_a_quoted_gt(shift):
    tag = b'<c r="ZZ200000" x=">"><v>1</v></c>'

    def edit(xml: bytes) -> bytes:
        head, tail = xml.split(b"<sheetData>", 1)
        head += b"<sheetData>"
        cut = tag.index(b'">"') + 2                    # just after the '>' inside the value
        padding = b" " * (_zip.CHUNK + shift - len(head) - len(b'<row r="200000">') - cut)
        return head + padding + b'<row r="200000">' + tag + b"</row>" + tail
    assert refused(rewrite(workbook(), SHEET, edit), "far.xlsx", "far_cell").cell == "ZZ200000"


def test_a_worksheet_nobody_names_is_found_by_its_root():
    sheet = zipfile.ZipFile(io.BytesIO(with_cell(b'<c r="ZZ200000"><v>1</v></c>'))).read(SHEET)
    data = rewrite(workbook(), add={"xl/spare/part7.xml": sheet})
    assert refused(data, "x.xlsx", "far_cell").cell == "ZZ200000"


def test_clean_files_carry_no_warnings():
    assert prescan(workbook(), "a.xlsx").warnings == ()
    assert prescan(b"a,b\n1,2\n", "a.csv").warnings == ()


def test_embedded_objects_without_macros_pass():
    from tests.security import hostile
    ole = hostile.compound_file([("WordDocument", "stream", "VBA 与宏说明".encode("utf-16-le"))])
    docx = hostile.zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<d/>"})
    data = rewrite(workbook(), add={"xl/embeddings/oleObject1.bin": ole,
                                    "xl/embeddings/Document1.docx": docx})
    assert prescan(data, "a.xlsx").kind == "xlsx"


def test_external_link_warning_reaches_the_reader():
    from surveys.intake import read_survey
    from tests.security.hostile import by_id
    attack = by_id("external-link")
    parsed = read_survey(attack.data(), attack.filename)
    warnings = [i for i in parsed.issues if i.code == "file_warning"]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert "2025" in warnings[0].message_en and "断开链接" in warnings[0].message_zh


# --------------------------------------------------------------------------- xls


def test_ole_reader_agrees_with_an_independent_one():
    from sheets.safety._ole import OleFile
    from tests.security.hostile import workbook_stream
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    for name in ("调研表", "Notes"):
        book.add_sheet(name).write(3, 2, name)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    assert OleFile(data).stream("Workbook") == workbook_stream(data)
    assert prescan(data, "two.xls").sheet_extents == {"调研表": "C4", "Notes": "C4"}


@pytest.mark.parametrize(("records", "code"), [
    (lambda h: h.record(0x0203, b"\x01\x00"), "bad_xls"),              # cell record too short
    (lambda h: h.record(0x00E5, b"\x05\x00"), "bad_xls"),              # merged cells past the end
    (lambda h: h.record(0x002F, b"\x01\x00"), "encrypted"),            # FILEPASS
    (lambda h: h.record(0x0200, b"\x00" * 9), "bad_xls"),              # DIMENSION of 9 bytes
], ids=["short-cell", "merge-overrun", "filepass", "dimension-size"])
def test_xls_records_calamine_would_trip_on(records, code):
    from tests.security import hostile
    refused(hostile.xls_file(hostile.table_records() + records(hostile)), "old.xls", code)


def test_xls_stream_ending_inside_a_record():
    from tests.security import hostile
    claims_more = struct.pack("<HH", 0x0203, 60_000) + b"\x00" * 10
    refused(hostile.xls_file(hostile.table_records() + claims_more), "cut.xls", "bad_xls")


# --------------------------------------------------------------------------- csv


def test_csv_extent_counts_records_not_lines():
    text = '学校,建筑,备注\r\n一中,1号楼,"第一行\r\n第二行"\r\n二中,2号楼,\r\n'.encode()
    assert prescan(text, "list.csv").sheet_extents == {"list": "C3"}


def test_csv_dialect_is_one_decision():
    text = "学校|面积\n一中|1200\n"
    assert csv_dialect(text) is csv_dialect(text)
    assert csv_dialect(text).delimiter == "|"
    assert decode_csv("学校代码,建筑名称".encode("gb18030")) == "学校代码,建筑名称"
    assert decode_csv(b"\xff\xfe\x00") is None


def test_csv_widest_is_bounded_for_every_delimiter():
    for delimiter in ",;\t|":
        wide = ("a" + delimiter * 300 + "\n").encode()
        assert refused(wide, "wide.csv", "far_cell").cell == "IW1"


def test_an_svg_picture_with_a_doctype_passes():
    svg = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/'
           b'2000/svg"><circle r="4"/></svg>')
    assert prescan(rewrite(workbook(), add={"xl/media/image1.svg": svg}), "a.xlsx").kind == "xlsx"


def test_tab_separated_text_named_xls_is_read_as_text_with_a_warning():
    """Old web systems' 导出Excel: GBK tab-separated text saved as .xls, which Excel opens."""
    text = "建筑名称\t建筑面积\r\n教学楼\t5000\r\n".encode("gbk")
    for name in ("导出.xls", "导出.et"):
        scan = prescan(text, name)
        assert scan.kind == "csv" and scan.sheet_extents
        assert any("plain text" in en for _, en in scan.warnings)
    utf16 = prescan("建筑名称\t建筑面积\r\n教学楼\t5000\r\n".encode("utf-16"), "导出.xls")
    assert utf16.kind == "csv" and any("UTF-16" in en for _, en in utf16.warnings)
    refused(b"just a note, not a table\n" * 0 + b"whatever", "notes.xls", "wrong_type")
