"""Hostile uploads, generated in memory: every attack the pre-scan must refuse or flag.

Each :class:`Attack` has a short id, a realistic file name, a builder and the expected
outcome: a :class:`~sheets.safety.RefusedFile` code, or ``"warning"`` (the file passes and
the parsed sheet carries a warning). :data:`ATTACKS` lists them all; :func:`write_all`
writes them to a folder, e.g. for uploading each one through a real browser::

    .venv/bin/python -c "from tests.security.hostile import write_all; write_all('/tmp/h')"

The builders are plain functions: xlsx files start from a real xlsxwriter workbook and are
edited part by part; .xls files are written record by record into a compound file built
here (:func:`compound_file`, :func:`biff_workbook`), so any field can lie.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xlsxwriter

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
BILLIONS = b"2000000000"
HEADERS = ["学校代码", "学校名称", "建筑名称", "建筑面积（m²）", "屋顶面积（m²）"]


@dataclass(frozen=True)
class Attack:
    """One hostile upload.

    Attributes
    ----------
    id : str
        Short identifier (pytest id).
    filename : str
        A name a school might give it.
    build : callable
        Returns the file's bytes.
    expected : str
        The refusal code, or ``"warning"`` when the file passes with a warning.
    note : str
        What the attack does.
    """

    id: str
    filename: str
    build: Callable[[], bytes]
    expected: str
    note: str

    def data(self) -> bytes:
        """The file's bytes (built once)."""
        return _built(self.build)


@cache
def _built(build: Callable[[], bytes]) -> bytes:
    return build()


# --------------------------------------------------------------------------- xlsx helpers


def survey_xlsx(rows: int = 3, extra: Callable | None = None) -> bytes:
    """A real survey-like xlsx: a header row and ``rows`` rows of text and numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("调研表")
    sheet.write_row(0, 0, HEADERS)
    for r in range(1, rows + 1):
        sheet.write_row(r, 0, [f"3101{r:06d}", f"第{r}中学", "1号楼", 1200.0 + r, 800.0 + r])
    if extra is not None:
        extra(book, sheet)
    book.close()
    return buffer.getvalue()


def rewrite(data: bytes, edit: dict[str, Callable[[bytes], bytes]] | None = None,
            add: dict[str, bytes] | None = None, rename: dict[str, str] | None = None,
            drop: tuple[str, ...] = ()) -> bytes:
    """Copy a zip entry by entry: edit, rename or drop entries, add others."""
    edit, add, rename = edit or {}, add or {}, rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = source.read(info.filename)
            if info.filename in edit:
                content = edit[info.filename](content)
            target.writestr(rename.get(info.filename, info.filename), content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    """A zip archive holding ``entries``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return out.getvalue()


def sst_tag(tag: bytes, close: bytes = b"</sst>") -> bytes:
    """A survey whose shared-string table starts with ``tag`` and ends with ``close``."""
    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb"<sst\b[^>]*>", lambda _m: tag, xml, count=1)
        return xml.replace(b"</sst>", close)
    return rewrite(survey_xlsx(), {STRINGS: edit})


def with_cells(cells: bytes, row: int) -> bytes:
    """A survey whose sheet gains a row ``row`` holding the cell markup ``cells``."""
    def edit(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="%d">%s</row></sheetData>' % (row, cells))
    return rewrite(survey_xlsx(), {SHEET: edit})


def _sst_strict_quotes() -> bytes:
    return sst_tag(b"<sst " + NS + b" count='14' uniqueCount='" + BILLIONS + b"'>")


def _sst_renamed() -> bytes:
    """The string table moved to another name, found through the workbook relationships."""
    def rels(xml: bytes) -> bytes:
        return xml.replace(b'Target="sharedStrings.xml"', b'Target="strings/table1.xml"')

    def table(xml: bytes) -> bytes:
        return re.sub(rb'uniqueCount="\d+"', b'uniqueCount="' + BILLIONS + b'"', xml)
    data = rewrite(survey_xlsx(), {"xl/_rels/workbook.xml.rels": rels, STRINGS: table},
                   rename={STRINGS: "xl/strings/table1.xml"})
    return rewrite(data, {"[Content_Types].xml": lambda xml: xml.replace(
        b"/xl/sharedStrings.xml", b"/xl/strings/table1.xml")})


def _sst_case_variant() -> bytes:
    table = sst_tag(b"<sst " + NS + b' count="14" uniqueCount="' + BILLIONS + b'">')
    return rewrite(table, rename={STRINGS: "XL/SharedStrings.XML"})


# --------------------------------------------------------------------------- embedded objects


def _embedded_vba_ole() -> bytes:
    """An OLE object (a Word 97 document) whose compound file holds a ``Macros`` storage."""
    ole = compound_file([("WordDocument", "stream", b"\x00" * 4096),
                         ("Macros", "storage", b""), ("VBA", "storage", b""),
                         ("_VBA_PROJECT", "stream", b"\xcc\x61" + b"\x00" * 4094)])
    return _with_embedding("xl/embeddings/oleObject1.bin", ole)


def _with_embedding(part: str, content: bytes) -> bytes:
    def types(xml: bytes) -> bytes:
        return xml.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                        b'vnd.openxmlformats-officedocument.oleObject"/></Types>')
    return rewrite(survey_xlsx(), {"[Content_Types].xml": types}, add={part: content})


def docm_package() -> bytes:
    """A small Word package holding a VBA project, as a .docm does."""
    return zip_of({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
                               b'openxmlformats.org/package/2006/content-types"><Override '
                               b'PartName="/word/vbaProject.bin" ContentType="application/'
                               b'vnd.ms-office.vbaProject"/></Types>',
        "word/document.xml": b"<w:document xmlns:w=\"urn:w\"/>",
        "word/vbaProject.bin": b"\x00" * 512,
    })


def _docx_hiding_vba() -> bytes:
    """A package named like a picture whose Word part relates to a renamed VBA project."""
    package = zip_of({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
                               b'openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": b"<w:document xmlns:w=\"urn:w\"/>",
        "word/_rels/document.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats'
                                        b'.org/package/2006/relationships"><Relationship Id="r1"'
                                        b' Type="http://schemas.microsoft.com/office/2006/'
                                        b'relationships/vbaProject" Target="data.bin"/>'
                                        b"</Relationships>",
        "word/data.bin": b"\x00" * 512,
    })
    return _with_embedding("xl/media/image1.png", package)


def _case_twins() -> bytes:
    data = survey_xlsx()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    return rewrite(data, add={"XL/Worksheets/Sheet1.xml": sheet.replace(b">1201<", b">9999<")})


def _backslash_twin() -> bytes:
    data = survey_xlsx()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    return rewrite(data, add={"xl\\worksheets\\sheet1.xml": sheet})


def _backslash_sheet() -> bytes:
    """The only worksheet entry is written with backslashes; calamine still finds it."""
    far = with_cells(b'<c r="ZZ200000"><v>1</v></c>', 200_000)
    return rewrite(far, rename={SHEET: "xl\\worksheets\\sheet1.xml"})


def _dotdot_sheet() -> bytes:
    """A worksheet target ``../sheet9.xml`` and an entry literally named ``xl/../sheet9.xml``."""
    far = with_cells(b'<c r="ZZ200000"><v>1</v></c>', 200_000)

    def rels(xml: bytes) -> bytes:
        return xml.replace(b'Target="worksheets/sheet1.xml"', b'Target="../sheet9.xml"')
    return rewrite(far, {"xl/_rels/workbook.xml.rels": rels}, rename={SHEET: "xl/../sheet9.xml"})


def _escaped_target() -> bytes:
    """A sheet target written ``sheet&amp;1.dat``: calamine reads the entry of that very name
    (it does not unescape), a part with no .xml suffix and no worksheet root."""
    sheet = (b'<?xml version="1.0"?><data ' + NS + b'><sheetData><row r="1"><c r="A1"><v>1</v>'
             b'</c></row><row r="200000"><c r="ZZ200000"><v>1</v></c></row></sheetData></data>')

    def rels(xml: bytes) -> bytes:
        return xml.replace(b'Target="worksheets/sheet1.xml"', b'Target="sheet&amp;1.dat"')
    return rewrite(survey_xlsx(), {"xl/_rels/workbook.xml.rels": rels}, drop=(SHEET,),
                   add={"xl/sheet&amp;1.dat": sheet})


def _many_sheets() -> bytes:
    """Twelve sheets, each a header and one value at IV11701: 2.99 M cells each."""
    def sheets(book, first):
        first.write(11_700, 255, 1)
        for i in range(2, 13):
            extra = book.add_worksheet(f"校区{i}")
            extra.write_row(0, 0, HEADERS)
            extra.write(11_700, 255, 1)
    return survey_xlsx(extra=sheets)


def _sheet_read_twice() -> bytes:
    """One worksheet part named by forty <sheet> entries: calamine reads it forty times."""
    data = survey_xlsx(extra=lambda _b, ws: ws.write(99_999, 29, 1))

    def workbook(xml: bytes) -> bytes:
        entry = re.search(rb"<sheet [^>]*/>", xml)[0]
        copies = b"".join(entry.replace('name="调研表"'.encode(), f'name="副本{i}"'.encode())
                          .replace(b'sheetId="1"', b'sheetId="%d"' % (i + 2)) for i in range(40))
        return xml.replace(entry, entry + copies)
    return rewrite(data, {"xl/workbook.xml": workbook})


def _external_link() -> bytes:
    """A formula pointing into another workbook, with the link parts Excel writes."""
    link = (b'<?xml version="1.0"?><externalLink ' + NS + b'><externalBook xmlns:r="http://'
            b'schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1">'
            b'<sheetNames><sheetName val="S"/></sheetNames></externalBook></externalLink>')
    link_rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org'
                 b'/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                 b'openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
                 b'Target="file:///C:/%E9%A2%84%E7%AE%97/2025%E5%B9%B4.xlsx" '
                 b'TargetMode="External"/></Relationships>')

    def rels(xml: bytes) -> bytes:
        return xml.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.'
                           b'openxmlformats.org/officeDocument/2006/relationships/externalLink" '
                           b'Target="externalLinks/externalLink1.xml"/></Relationships>')
    data = survey_xlsx(extra=lambda _b, ws: ws.write_formula("F2", "=[1]S!A1", None, 42))
    return rewrite(data, {"xl/_rels/workbook.xml.rels": rels},
                   add={"xl/externalLinks/externalLink1.xml": link,
                        "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels})


def _ods_fallback() -> bytes:
    """Fails as xlsx (no package relationships), so calamine tries ods: 80 M repeated cells."""
    content = (b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               b'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:'
               b'xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="S">'
               b'<table:table-row table:number-rows-repeated="40000"><table:table-cell office:'
               b'value-type="float" office:value="1" table:number-columns-repeated="2000"/>'
               b"</table:table-row></table:table></office:spreadsheet></office:body>"
               b"</office:document-content>")
    return zip_of({
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                                 b'opendocument:xmlns:manifest:1.0"/>',
        "content.xml": content,
        "xl/workbook.xml": b"<workbook " + NS + b"><sheets/></workbook>",
    })


def _xlsb_fallback() -> bytes:
    return rewrite(survey_xlsx(), drop=("_rels/.rels",),
                   add={"xl/workbook.bin": b"\x83\x01\x00", "xl/_rels/workbook.bin.rels": b""})


def _two_end_records() -> bytes:
    """An archive whose comment holds a second end-of-archive record."""
    data = survey_xlsx()
    fake = b"PK\x05\x06" + b"\x00" * 18
    return data[:-2] + struct.pack("<H", len(fake)) + fake


# --------------------------------------------------------------------------- compound files


END_OF_CHAIN, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _directory_entry(name: str, kind: int, start: int = END_OF_CHAIN, size: int = 0,
                     child: int = FREE, right: int = FREE) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    entry = raw.ljust(64, b"\x00") + struct.pack("<HBB3I", len(raw), kind, 1, FREE, right, child)
    return entry + b"\x00" * 36 + struct.pack("<IIi", start, size, 0)


def compound_file(entries: list[tuple[str, str, bytes]]) -> bytes:
    """A version-3 compound file; streams are padded to 4096 bytes (no mini stream).

    Parameters
    ----------
    entries : list of (name, "stream" or "storage", data)
        Directory entries below the root, in order.
    """
    padded = [(n, k, d.ljust(max(4096, -(-len(d) // 512) * 512), b"\x00") if k == "stream"
               else b"") for n, k, d in entries]
    sectors = [len(d) // 512 for _n, _k, d in padded]
    n_dir = -(-(len(padded) + 1) // 4)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + sum(sectors):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("compound_file writes files up to about 6.9 MB")
    fat = [FAT_SECTOR] * n_fat
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(n_dir - 1)] + [END_OF_CHAIN]
    starts, body = [], b""
    for (_n, _k, data), count in zip(padded, sectors):
        if not count:
            starts.append(END_OF_CHAIN)
            continue
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
        body += data
    fat += [FREE] * (n_fat * 128 - len(fat))
    directory = [_directory_entry("Root Entry", 5, child=1 if padded else FREE)]
    for i, ((name, kind, data), start) in enumerate(zip(padded, starts)):
        directory.append(_directory_entry(name, 2 if kind == "stream" else 1, start, len(data),
                                          right=i + 2 if i + 1 < len(padded) else FREE))
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16
              + struct.pack("<5H6x9I", 0x3E, 3, 0xFFFE, 9, 6, 0, n_fat, dir_start, 0, 4096,
                            END_OF_CHAIN, 0, END_OF_CHAIN, 0)
              + struct.pack("<109I", *(list(range(n_fat)) + [FREE] * (109 - n_fat))))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_bytes + b"".join(directory).ljust(n_dir * 512, b"\x00") + body


def workbook_stream(data: bytes) -> bytes:
    """The ``Workbook`` stream of a well-formed compound file (e.g. one xlwt wrote)."""
    shift = struct.unpack_from("<H", data, 30)[0]
    size = 1 << shift
    fat_ids = [i for i in struct.unpack_from("<109I", data, 76) if i < FAT_SECTOR]

    def sector(i: int) -> bytes:
        return data[size + i * size: 2 * size + i * size]
    fat = [x for i in fat_ids for x in struct.unpack(f"<{size // 4}I", sector(i))]

    def chain(start: int) -> bytes:
        out = b""
        while start != END_OF_CHAIN:
            out, start = out + sector(start), fat[start]
        return out
    directory = chain(struct.unpack_from("<I", data, 48)[0])
    for at in range(0, len(directory), 128):
        name = directory[at:at + 64].decode("utf-16-le").split("\x00")[0]
        if name == "Workbook":
            start, length = struct.unpack_from("<II", directory, at + 116)
            return chain(start)[:length]
    raise ValueError("no Workbook stream")


# --------------------------------------------------------------------------- BIFF records


def record(kind: int, body: bytes = b"") -> bytes:
    """One BIFF record."""
    return struct.pack("<HH", kind, len(body)) + body


def bof(kind: int) -> bytes:
    """BOF of a BIFF8 substream: 0x0005 workbook globals, 0x0010 worksheet."""
    return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x0206))


EOF = record(0x000A)


def number(row: int, col: int, value: float) -> bytes:
    return record(0x0203, struct.pack("<HHHd", row, col, 0, value))


def label(row: int, col: int, text: str) -> bytes:
    return record(0x0204, struct.pack("<HHHHB", row, col, 0, len(text), 1)
                  + text.encode("utf-16-le"))


def blank(row: int, col: int) -> bytes:
    return record(0x0201, struct.pack("<HHH", row, col, 0))


def mulrk(row: int, first_col: int, values: list[int]) -> bytes:
    cells = b"".join(struct.pack("<Hi", 0, (v << 2) | 2) for v in values)
    return record(0x00BD, struct.pack("<HH", row, first_col) + cells
                  + struct.pack("<H", first_col + len(values) - 1))


def dimension(first_row: int, end_row: int, first_col: int, end_col: int) -> bytes:
    """DIMENSION: ``end_row`` and ``end_col`` are one past the last used (0-based)."""
    return record(0x0200, struct.pack("<IIHHH", first_row, end_row, first_col, end_col, 0))


def sst(total: int, unique: int, texts: list[str]) -> bytes:
    strings = b"".join(struct.pack("<HB", len(t), 1) + t.encode("utf-16-le") for t in texts)
    return record(0x00FC, struct.pack("<II", total, unique) + strings)


def boundsheet(offset: int, name: str, kind: int = 0) -> bytes:
    return record(0x0085, struct.pack("<IBBBB", offset, 0, kind, len(name), 1)
                  + name.encode("utf-16-le"))


def table_records(rows: int = 3) -> bytes:
    """Cell records of a small survey table at A1."""
    out = b"".join(label(0, c, h) for c, h in enumerate(HEADERS))
    for r in range(1, rows + 1):
        out += label(r, 0, f"3101{r:06d}") + label(r, 1, f"第{r}中学") + label(r, 2, "1号楼")
        out += number(r, 3, 1200.0 + r) + number(r, 4, 800.0 + r)
    return out


def biff_workbook(sheets: list[tuple[str, bytes]], globals_extra: bytes = b"",
                  offsets: list[int] | None = None, sheet_kind: int = 0) -> bytes:
    """A BIFF8 ``Workbook`` stream: globals (with one BOUNDSHEET a sheet), then the sheets.

    ``offsets`` overrides the stream offsets the BOUNDSHEET records give.
    """
    head = bof(0x0005) + record(0x0042, struct.pack("<H", 1200)) + globals_extra
    sheet_records = [bof(0x0010) + body + EOF for _name, body in sheets]
    bound_len = sum(len(boundsheet(0, n)) for n, _b in sheets)
    position = len(head) + bound_len + len(EOF)
    real = []
    for body in sheet_records:
        real.append(position)
        position += len(body)
    offsets = offsets or real
    bounds = b"".join(boundsheet(o, n, sheet_kind) for o, (n, _b) in zip(offsets, sheets))
    return head + bounds + EOF + b"".join(sheet_records)


def xls_file(sheet_body: bytes, name: str = "调研表", **kwargs) -> bytes:
    """An .xls whose single sheet holds ``sheet_body`` (records between BOF and EOF)."""
    return compound_file([("Workbook", "stream", biff_workbook([(name, sheet_body)], **kwargs))])


def _xls_offset_into_record() -> bytes:
    """BOUNDSHEET points into a LABEL's text, whose bytes are records with a far cell."""
    hidden = bof(0x0010) + number(0, 0, 1.0) + number(65535, 16383, 1.0) + EOF
    text = struct.pack("<HHHHB", 10, 0, 0, len(hidden), 0) + hidden   # 8-bit characters
    sheet = table_records() + record(0x0204, text)
    offset = biff_workbook([("调研表", sheet)]).rfind(hidden)
    stream = biff_workbook([("调研表", sheet)], offsets=[offset])
    return compound_file([("Workbook", "stream", stream)])


def _xls_shared_offsets() -> bytes:
    """Thirty BOUNDSHEET records pointing at one sheet of 2.8 M cells."""
    sheets = [("调研表", table_records() + number(11_000, 255, 1.0))]
    sheets += [(f"副本{i}", b"") for i in range(1, 30)]
    first = biff_workbook(sheets).index(bof(0x0010))
    stream = biff_workbook(sheets, offsets=[first] * len(sheets))
    return compound_file([("Workbook", "stream", stream)])


def _xls_hiding_zip() -> bytes:
    return xls_file(table_records()) + _ods_fallback()


def _xls_directory_loop() -> bytes:
    data = bytearray(xls_file(table_records()))
    dir_start = struct.unpack_from("<I", data, 48)[0]
    struct.pack_into("<I", data, 512 + 4 * dir_start, dir_start)
    return bytes(data)


# --------------------------------------------------------------------------- CSV


def _csv_wide(delimiter: str, columns: int, rows: int = 3, value: str = "1") -> bytes:
    line = delimiter.join(["学校"] + [value] * (columns - 1)) + "\r\n"
    return (line * rows).encode("utf-8")


def _csv_quoted_breaks() -> bytes:
    """One record over 20 lines, each line 20 fields: 400 columns, no line above 256."""
    piece = ",".join(["1"] * 20)
    record_text = ",\"备\n注\",".join([piece] * 20)
    return ("学校代码,建筑名称\r\n" + record_text + "\r\n").encode("utf-8")


def _csv_long_field() -> bytes:
    return ("学校代码,备注\r\n3101000001,\"" + "很长的说明" * 8000 + "\"\r\n").encode("utf-8")


def _csv_many_cells() -> bytes:
    line = ",".join(["1"] * 200) + "\n"
    return (",".join(f"列{i}" for i in range(200)) + "\n" + line * 16_000).encode()


def _csv_unclosed_quote() -> bytes:
    return ("学校代码,建筑名称\r\n3101000001,\"一号楼\r\n" + "没有结束的引号\r\n" * 30_000)\
        .encode("utf-8")


# --------------------------------------------------------------------------- the list


def _attack(id_: str, filename: str, build: Callable[[], bytes], expected: str,
            note: str) -> Attack:
    return Attack(id_, filename, build, expected, note)


_SST = b"<sst " + NS
ATTACKS: list[Attack] = [
    # shared-string tables (calamine reserves uniqueCount strings: 48 GB, abort)
    _attack("sst-leading-zeros", "2026年建筑调研表.xlsx",
            lambda: sst_tag(_SST + b' count="14" uniqueCount="' + b"0" * 30 + BILLIONS + b'">'),
            "bad_zip", "uniqueCount with 30 leading zeros"),
    _attack("sst-gt-in-attribute", "建筑调研表（修订）.xlsx",
            lambda: sst_tag(b'<sst a=">" ' + NS + b' count="14" uniqueCount="' + BILLIONS
                            + b'">'), "bad_zip", "'>' inside an earlier attribute value"),
    _attack("sst-single-quotes", "浦东新区学校建筑.xlsx", _sst_strict_quotes, "bad_zip",
            "attribute values in single quotes"),
    _attack("sst-char-reference", "闵行区建筑调研.xlsx",
            lambda: sst_tag(_SST + b' count="14" uniqueCount="&#50;000000000">'), "bad_zip",
            "a character reference for the first digit"),
    _attack("sst-spaces", "徐汇区建筑调研.xlsx",
            lambda: sst_tag(_SST + b' count="14"\n uniqueCount = " ' + BILLIONS + b' ">'),
            "bad_zip", "white space around '=' and inside the value"),
    _attack("sst-count", "杨浦区建筑调研.xlsx",
            lambda: sst_tag(_SST + b' count="' + BILLIONS + b'" uniqueCount="12">'), "bad_zip",
            "count (not uniqueCount) declaring billions"),
    _attack("sst-not-a-number", "宝山区建筑调研.xlsx",
            lambda: sst_tag(_SST + b' count="14" uniqueCount="2e9">'), "bad_zip",
            "uniqueCount that is not a plain number"),
    _attack("sst-prefixed", "嘉定区建筑调研.xlsx",
            lambda: sst_tag(b'<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
                            b'2006/main" x:count="14" uniqueCount="' + BILLIONS + b'">',
                            b"</x:sst>"), "bad_zip", "x:sst with a namespace prefix"),
    _attack("sst-self-closing", "松江区建筑调研.xlsx",
            lambda: sst_tag(_SST + b' uniqueCount="' + BILLIONS + b'"/><sst ' + NS + b">"),
            "bad_zip", "<sst .../> (calamine expands empty elements)"),
    _attack("sst-nested", "青浦区建筑调研.xlsx",
            lambda: sst_tag(b"<list>" + _SST + b' uniqueCount="' + BILLIONS + b'">',
                            b"</sst></list>"),
            "bad_zip", "the table nested below another root (calamine takes the first sst)"),
    _attack("sst-case-variant", "金山区建筑调研.xlsx", _sst_case_variant, "bad_zip",
            "XL/SharedStrings.XML (calamine looks parts up case-insensitively)"),
    _attack("sst-renamed-by-rels", "奉贤区建筑调研.xlsx", _sst_renamed, "bad_zip",
            "the table renamed, found through xl/_rels/workbook.xml.rels"),
    # extent (readers build the whole rectangle)
    _attack("xlsx-iv99999", "崇明区建筑调研.xlsx",
            lambda: with_cells(b'<c r="IV99999"><v>1</v></c>', 99_999), "too_many_cells",
            "one value at IV99999 beside the table: 25.6 M cells"),
    _attack("xlsx-backslash-sheet", "黄浦区建筑调研.xlsx", _backslash_sheet, "far_cell",
            "the sheet stored as xl\\worksheets\\sheet1.xml, value at ZZ200000"),
    _attack("xlsx-dotdot-sheet", "静安区建筑调研.xlsx", _dotdot_sheet, "far_cell",
            "sheet target ../sheet9.xml and an entry literally named xl/../sheet9.xml"),
    _attack("xlsx-many-sheets", "全区各校区建筑.xlsx", _many_sheets, "too_many_cells",
            "12 sheets of 2.99 M cells each (every one just within the per-sheet bound)"),
    _attack("xlsx-sheet-read-twice", "全区汇总（合并）.xlsx", _sheet_read_twice,
            "too_many_cells", "one 3 M-cell sheet part named by 41 <sheet> entries"),
    _attack("xlsx-escaped-target", "长宁区建筑调研（续）.xlsx", _escaped_target, "far_cell",
            "sheet target sheet&amp;1.dat, read literally by calamine; root <data>"),
    # active content and ambiguity
    _attack("embedded-vba-ole", "长宁区建筑调研.xlsx", _embedded_vba_ole, "macro",
            "embedded OLE object whose compound file holds Macros/VBA storages"),
    _attack("embedded-docm", "普陀区建筑调研.xlsx",
            lambda: _with_embedding("xl/embeddings/Microsoft_Word_Document1.docm",
                                    docm_package()), "macro", "an embedded .docm"),
    _attack("embedded-package-vba", "虹口区建筑调研.xlsx", _docx_hiding_vba, "macro",
            "a package named image1.png whose Word part relates to a VBA project"),
    _attack("case-twin-entries", "浦东新区汇总.xlsx", _case_twins, "duplicate_part",
            "xl/worksheets/sheet1.xml and XL/Worksheets/Sheet1.xml with different numbers"),
    _attack("backslash-twin-entries", "浦东新区汇总（2）.xlsx", _backslash_twin,
            "duplicate_part", "xl/worksheets/sheet1.xml and xl\\worksheets\\sheet1.xml"),
    _attack("ods-fallback", "区县汇总表.xlsx", _ods_fallback, "wrong_type",
            "not an xlsx to calamine, so it reads the ods inside: 80 M repeated cells"),
    _attack("xlsb-fallback", "区县汇总表（二进制）.xlsx", _xlsb_fallback, "macro",
            "xl/workbook.bin for calamine's xlsb fallback"),
    _attack("two-end-records", "区县汇总表（副本）.xlsx", _two_end_records, "bad_zip",
            "a second end-of-archive record in the comment"),
    _attack("external-link", "2026年预算对照表.xlsx", _external_link, "warning",
            "a formula reading another workbook on drive C:"),
    # .xls
    _attack("xls-far-16383", "2003版调研表.xls",
            lambda: xls_file(table_records() + number(65535, 16383, 1.0)), "far_cell",
            "NUMBER at row 65535, column 16383 (calamine: 34 GB, abort)"),
    _attack("xls-iv65536", "2003版调研表（汇总）.xls",
            lambda: xls_file(table_records() + number(65535, 255, 1.0)), "too_many_cells",
            "NUMBER at IV65536 (calamine: 537 MB grid plus to_python)"),
    _attack("xls-dimension-lying", "旧版调研表.xls",
            lambda: xls_file(dimension(0, 0xFFFFFFFF, 0, 256) + table_records()), "far_cell",
            "DIMENSION claiming 4 billion rows (calamine reserves 44 TB)"),
    _attack("xls-dimension-reversed", "旧版调研表（2）.xls",
            lambda: xls_file(dimension(100, 1, 0, 5) + table_records()), "bad_xls",
            "DIMENSION rows 100..0: calamine's subtraction wraps (515 GB)"),
    _attack("xls-sst-huge", "旧版调研表（3）.xls",
            lambda: xls_file(table_records(),
                             globals_extra=sst(4_000_000_000, 4_000_000_000, ["学校"])),
            "bad_xls", "SST declaring 4 billion strings"),
    _attack("xls-mulrk-far", "旧版调研表（4）.xls",
            lambda: xls_file(table_records() + mulrk(3, 16_380, [1, 2, 3])), "far_cell",
            "MULRK running from column 16380"),
    _attack("xls-blank-far", "旧版调研表（5）.xls",
            lambda: xls_file(table_records() + blank(65535, 255)), "too_many_cells",
            "a formatted BLANK at IV65536"),
    _attack("xls-boundsheet-offset", "旧版调研表（6）.xls", _xls_offset_into_record, "bad_xls",
            "BOUNDSHEET offset into a LABEL whose bytes are records with a far cell"),
    _attack("xls-shared-offsets", "旧版调研表（9）.xls", _xls_shared_offsets, "too_many_cells",
            "30 BOUNDSHEETs at one 2.8 M-cell sheet: calamine builds it 30 times"),
    _attack("xls-macro-sheet", "旧版调研表（宏）.xls",
            lambda: xls_file(table_records(), sheet_kind=1), "macro",
            "an Excel 4.0 macro sheet"),
    _attack("xls-hiding-zip", "旧版调研表（7）.xls", _xls_hiding_zip, "bad_xls",
            "an .xls followed by a zip: calamine's fallback reads the zip"),
    _attack("xls-directory-loop", "旧版调研表（8）.xls", _xls_directory_loop, "bad_xls",
            "the directory's sector chain points to itself (calamine grows memory forever)"),
    # CSV
    _attack("csv-pipe-6.5m-columns", "学校名单.csv",
            lambda: _csv_wide("|", 6_500_000, value=""), "far_cell",
            "3 rows × 6.5 million '|'-separated fields (19.5 MB)"),
    _attack("csv-semicolon-wide", "学校名单（分号）.csv",
            lambda: _csv_wide(";", 300), "far_cell", "300 ';'-separated columns"),
    _attack("csv-tab-wide", "学校名单（制表符）.txt",
            lambda: _csv_wide("\t", 300), "far_cell", "300 tab-separated columns"),
    _attack("csv-quoted-line-breaks", "学校名单（备注）.csv", _csv_quoted_breaks, "far_cell",
            "one record of 400 fields spread over 20 lines by quoted line breaks"),
    _attack("csv-long-field", "学校名单（说明）.csv", _csv_long_field, "long_field",
            "one field of 40,000 characters"),
    _attack("csv-many-cells", "全市建筑汇总.csv", _csv_many_cells, "too_many_cells",
            "16,001 rows × 200 columns: 3.2 M cells"),
    _attack("csv-unclosed-quote", "学校名单（引号）.csv", _csv_unclosed_quote, "long_field",
            "a quote never closed: the rest of the file is one field"),
]


def by_id(attack_id: str) -> Attack:
    """The attack with that id."""
    return next(a for a in ATTACKS if a.id == attack_id)


def write_all(folder: str | Path) -> list[Path]:
    """Write every attack to ``folder`` under its file name (prefixed by its id)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for attack in ATTACKS:
        path = target / f"{attack.id}__{attack.filename}"
        path.write_bytes(attack.data())
        paths.append(path)
    return paths
