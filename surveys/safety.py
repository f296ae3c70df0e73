"""Refuse hostile uploads before any spreadsheet parser touches them.

Spreadsheet readers trust the file: a 4.9 KB xlsx holding one value at ``ZZ200000`` made
pandas + calamine build a 200,000 × 702 grid (63 s, 7.7 GB), and a 200 KB zip expanding to
200 MB cost every reader 1.6–2.2 GB. :func:`prescan` looks at the raw bytes first and raises
:class:`RefusedFile`, with a message in Chinese and English, long before that can happen.

What is checked
---------------
* Size: empty files and files above ``Limits.max_bytes``.
* Type: the extension decides the kind (``.xlsx``, ``.xls``, ``.csv``/``.txt``); macro
  workbooks (``.xlsm``, ``.xltm``, ``.xlsb``, ``.xlam``, or an xlsx holding ``vbaProject.bin``,
  Excel 4.0 macro sheets or a macro-enabled content type) are refused; the magic bytes must
  match the extension and the message says what the file really is.
* xlsx: entry count (read from the central directory before :mod:`zipfile` parses it); the
  declared sizes (an honest bomb is refused without inflating a byte); then every entry is
  decompressed in chunks, never whole, counting unpacked bytes in total and per entry against
  the packed bytes actually read. DTDs and entities are refused in every XML part, and so is
  a shared-string table declaring more strings than an allowed sheet has cells (calamine
  reserves memory for them up front). Worksheet XML is scanned for cells with content beyond
  ``max_rows``/``max_cols``; formula cells without a cached value are listed.
* csv: line count and the widest line (both upper bounds: quoted line breaks and quoted
  delimiters are counted too).
* xls: magic bytes, encryption and VBA storage only. BIFF8 itself caps a sheet at 65,536 rows
  and 256 columns, inside the default limits.

Worksheet scanning
------------------
Sheet XML is scanned with a regular expression on streamed chunks; a chunk is cut before an
unfinished tag, which is carried over to the next chunk, so no tag is ever split. Cells
written the usual way (``<c r="B7" ...>``, also with a namespace prefix such as ``<x:c``) are
handled there; a cell "holds something" when its tag is not self-closing. Any other cell
markup (no ``r``, ``r`` not first, single quotes, character references, extra spaces) marks the
sheet as irregular, and a formula not followed by a non-empty ``<v>`` marks it as a formula
suspect. Those sheets are walked a second time with :func:`defusedxml.ElementTree.iterparse`,
which places every cell exactly (there a cell holds something when it has a child or text)
and lists formulas without a cached value. The walk costs about 0.15 s/MB, so it has a
budget per upload: 4 MiB of irregular sheets (walked first: they may hide a far cell, and a
refusal stays well under 2 s) and 32 MiB of formula suspects; beyond it the file is refused
with advice to open and save it in Excel or WPS, which rewrites the markup and calculates the
formulas.

Measured on a 2-core machine: a 10,000 × 23 survey (7.3 MB of sheet XML) in about 0.12 s;
the refusals of a 200 KB zip bomb and of a 5 KB file with a value at ``ZZ200000`` peak at
16–18 MB resident; the slowest refusal (a far cell behind 4 MiB of irregular markup) about
0.65 s.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from surveys.cells import column_index, column_letter

__all__ = ["DEFAULT_LIMITS", "Limits", "RefusedFile", "ScanResult", "prescan"]

_MIB = 1024 * 1024
_CHUNK = 512 * 1024            # unpacked bytes read from a zip entry at a time [bytes]
_MAX_TAG = 4 * _MIB            # longest single XML tag accepted [bytes]
_META_CAP = 8 * _MIB           # largest workbook / relationship part read whole [bytes]
# Sheets walked element by element, in total per upload [bytes]. The walk costs about
# 0.2 s/MB: unusual cell markup (which can hide far cells) gets a budget that keeps a refusal
# under 2 s; formulas without a cached value (harmless, slow to list) a larger one.
_WALK_IRREGULAR_CAP = 4 * _MIB
_WALK_FORMULA_CAP = 32 * _MIB
_NAME_CACHE = 1000             # distinct tag names remembered by the walk [names]
_MAX_DEPTH = 64                # deepest XML nesting accepted in a walked sheet [elements]
_TEXT_WINDOW = 64 * 1024       # bytes of a CSV checked for NUL bytes [bytes]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_EOCD = b"PK\x05\x06"
_CD_SIGNATURE = b"PK\x01\x02"

_KINDS = {".xlsx": "xlsx", ".xls": "xls", ".csv": "csv", ".txt": "csv"}
_MACRO_EXTENSIONS = {".xlsm", ".xltm", ".xlsb", ".xlam"}
_XML_SUFFIXES = (".xml", ".rels", ".vml")

# A cell start tag with local name ``c``. Group 1 is the reference of a cell written the usual
# way that holds something (not self-closing). Any other form matches with an empty group and
# sends the sheet to the exact walk; only the usual self-closing form does not match at all.
_ATTRS = rb'(?:\s+[\w:.-]+="[^"<]*")*\s*'
_REGULAR = rb' r="[A-Z]{1,7}[0-9]{1,10}"' + _ATTRS
_CELL_TAIL = rb'(?: r="([A-Z]{1,7}[0-9]{1,10})"' + _ATTRS + rb'>|(?=[\s/>])(?!' + _REGULAR \
    + rb'/>))'
_CELL = re.compile(rb"<c" + _CELL_TAIL)
_CELL_ANY = re.compile(rb"<(?:[\w.-]+:)?c" + _CELL_TAIL)     # slower: also prefixed cells
_PREFIXED_CELL = re.compile(rb"<[\w.-]+:c[\s/>]")
_DTD = re.compile(rb"<!(?i:doctype|entity)")
_SST = re.compile(rb"<(?:[\w.-]+:)?sst(\s[^>]*)?>")
_SST_COUNT = re.compile(rb"""(?:count|uniqueCount)\s*=\s*["']\s*([0-9]{1,30})""")
_MACRO_TYPE = re.compile(rb"(?i)macroenabled|vbaproject|macrosheet")
# A formula element not followed by a ``<v>`` holding text: a candidate for the exact walk.
_FORMULA_SUSPECT = re.compile(rb"(?:</f>|<f(?:\s[^>]*)?/>)(?!\s*<v(?:\s[^>]*)?>[^<]*[^<\s])")
_FORMULA_SUSPECT_ANY = re.compile(rb"(?:</(?:[\w.-]+:)?f>|<(?:[\w.-]+:)?f(?:\s[^>]*)?/>)"
                                  rb"(?!\s*<(?:[\w.-]+:)?v(?:\s[^>]*)?>[^<]*[^<\s])")
_REF = re.compile(r"\$?([A-Za-z]{1,7})\$?([0-9]{1,10})")
_DIGITS = b"0123456789"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
               ValueError, NotImplementedError, RuntimeError, struct.error)

_REL_WORKBOOK = "/officeDocument"
_REL_WORKSHEET = "/worksheet"


@dataclass(frozen=True)
class Limits:
    """Bounds an upload must stay within.

    Attributes
    ----------
    max_bytes : int
        Largest upload accepted [bytes].
    max_zip_entries : int
        Most entries an xlsx archive may hold [entries].
    max_unpacked_bytes : int
        Total unpacked size of all xlsx entries, counted while streaming [bytes].
    max_ratio : float
        Largest unpacked/packed ratio of one entry, checked once the entry passes 1 MiB
        unpacked [-].
    max_rows : int
        Last allowed Excel row number (1-based) [rows].
    max_cols : int
        Last allowed column index (1-based; 256 is ``IV``) [columns].
    """

    max_bytes: int = 20 * 1024 * 1024
    max_zip_entries: int = 500
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_ratio: float = 200.0
    max_rows: int = 100_000
    max_cols: int = 256


DEFAULT_LIMITS = Limits()


class RefusedFile(Exception):
    """An upload refused before parsing.

    Attributes
    ----------
    code : str
        Machine-readable reason: ``too_large``, ``empty``, ``wrong_type``, ``macro``,
        ``encrypted``, ``not_text``, ``bad_zip``, ``too_many_entries``, ``zip_bomb``,
        ``xml_entity``, ``far_cell`` or ``too_many_rows``.
    message_zh, message_en : str
        What is wrong and what to do, in Chinese and in English.
    cell : str or None
        The offending cell (e.g. ``"ZZ200000"``) for ``far_cell``; its sheet is named in the
        messages.
    """

    code: str
    message_zh: str
    message_en: str
    cell: str | None

    def __init__(self, code: str, message_zh: str, message_en: str, cell: str | None = None):
        super().__init__(code, message_zh, message_en, cell)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.cell = cell

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


@dataclass(frozen=True)
class ScanResult:
    """What the pre-scan learned about a file that passed.

    Attributes
    ----------
    kind : str
        ``"xlsx"``, ``"xls"`` or ``"csv"``.
    formulas_without_value : tuple of (str, str)
        ``(sheet name, cell)`` of every formula cell with no cached value (xlsx only); such
        cells read as empty or 0.
    sheet_extents : dict of str to str
        Sheet name → last used cell (highest row, highest column among cells with content),
        e.g. ``{"调研表": "W10012"}``, in workbook order; sheets without content are left out.
        For a CSV the key is the file name without extension and the extent is an upper bound.
        Empty for ``.xls``.
    """

    kind: str
    formulas_without_value: tuple[tuple[str, str], ...]
    sheet_extents: dict[str, str]


def prescan(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> ScanResult:
    """Check an upload's raw bytes and refuse anything a spreadsheet reader should not see.

    Parameters
    ----------
    data : bytes
        The uploaded file, exactly as received.
    filename : str
        The uploaded file's name; its extension decides the expected format.
    limits : Limits, optional
        Size, archive and extent bounds (default :data:`DEFAULT_LIMITS`).

    Returns
    -------
    ScanResult
        Kind, formula cells without cached value and last used cell of every sheet.

    Raises
    ------
    RefusedFile
        When the file breaks a rule; ``code`` says which, the messages say what to do.
    """
    name = PurePath(filename.replace("\\", "/")).name or filename
    _check_size(data, name, limits)
    kind = _kind_from_name(name)
    _check_magic(data, name, kind)
    if kind == "xlsx":
        return _scan_xlsx(data, name, limits)
    if kind == "xls":
        return _scan_xls(data, name)
    return _scan_csv(data, name, limits)


# --------------------------------------------------------------------------- small helpers


def _refuse(code: str, zh: str, en: str, cell: str | None = None) -> RefusedFile:
    """Build (not raise) a refusal, so callers write ``raise _refuse(...)``."""
    return RefusedFile(code, zh, en, cell)


def _mb(n_bytes: float) -> str:
    """A byte count as megabytes with one decimal [MB]."""
    return f"{n_bytes / _MIB:.1f}"


def _col_letters(index: int) -> str:
    """Excel column letters of a 1-based column index (1 → ``A``, 256 → ``IV``)."""
    return column_letter(index - 1)


def _col_index(letters: str) -> int:
    """1-based column index of Excel column letters (``IV`` → 256)."""
    return column_index(letters) + 1


def _is_far(row: int, col: int, limits: Limits) -> bool:
    """Whether a cell lies beyond the allowed rows or columns."""
    return row > limits.max_rows or col > limits.max_cols


def _far_cell(sheet: str, cell: str, limits: Limits) -> RefusedFile:
    """The refusal for content far outside the table."""
    last = f"{_col_letters(limits.max_cols)}{limits.max_rows}"
    return _refuse(
        "far_cell",
        f"工作表“{sheet}”的单元格 {cell} 有内容，远在表格之外（允许范围 A1:{last}），"
        "请删除该单元格后重新上传。",
        f"Sheet '{sheet}' has content in cell {cell}, far outside the table (allowed range "
        f"A1:{last}): delete it and upload again.",
        cell,
    )


# --------------------------------------------------------------------------- size and type


def _check_size(data: bytes, name: str, limits: Limits) -> None:
    """Refuse empty uploads and uploads above ``limits.max_bytes``."""
    if not data:
        raise _refuse("empty", f"文件“{name}”是空的（0 字节），请检查后重新上传。",
                      f"'{name}' is empty (0 bytes): check the file and upload again.")
    if len(data) > limits.max_bytes:
        raise _refuse(
            "too_large",
            f"文件“{name}”大小 {_mb(len(data))} MB，超过上限 {_mb(limits.max_bytes)} MB。"
            "请删除无关的工作表、图片后重新保存上传。",
            f"'{name}' is {_mb(len(data))} MB, above the {_mb(limits.max_bytes)} MB limit: "
            "remove unrelated sheets and pictures, save and upload again.",
        )


def _kind_from_name(name: str) -> str:
    """``xlsx``, ``xls`` or ``csv`` from the file extension; refuse anything else."""
    ext = PurePath(name).suffix.lower()
    if ext in _MACRO_EXTENSIONS:
        raise _macro(name)
    if ext not in _KINDS:
        shown = ext or "（无）"
        raise _refuse(
            "wrong_type",
            f"不支持文件“{name}”的类型（扩展名 {shown}）。请上传 .xlsx、.xls 或 .csv 文件，"
            "可用 Excel 或 WPS 另存为 .xlsx。",
            f"'{name}' has an unsupported type (extension {ext or '(none)'}): upload an .xlsx, "
            ".xls or .csv file; Excel or WPS can save it as .xlsx.",
        )
    return _KINDS[ext]


def _macro(name: str) -> RefusedFile:
    """The refusal for workbooks that carry macros."""
    return _refuse(
        "macro",
        f"文件“{name}”是启用宏（或二进制）的工作簿，出于安全原因不能上传。"
        "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后重新上传。",
        f"'{name}' is a macro-enabled (or binary) workbook, refused for safety: save it in "
        "Excel as 'Excel Workbook (*.xlsx)' and upload again.",
    )


_LOOKS: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel 2007 及以后的 .xlsx 工作簿", "an Excel .xlsx workbook"),
    "docx": ("Word 文档（.docx）", "a Word document (.docx)"),
    "pptx": ("PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"),
    "ods": ("OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)"),
    "zip": ("压缩包（zip）", "a zip archive"),
    "xls": ("旧版 Excel 97-2003 工作簿（.xls）", "an old Excel 97-2003 workbook (.xls)"),
    "doc": ("旧版 Word 文档（.doc）", "an old Word document (.doc)"),
    "ole": ("旧版 Office 文件", "an old-format Office file"),
    "pdf": ("PDF 文档", "a PDF document"),
    "image": ("图片", "a picture"),
    "html": ("网页（HTML）表格，常见于从网上系统导出的“xls”",
             "a web page (HTML table), as exported as 'xls' by many web systems"),
    "xml2003": ("“XML 电子表格 2003”", "an 'XML Spreadsheet 2003'"),
    "xml": ("XML 文件", "an XML file"),
    "utf16": ("UTF-16 编码的“Unicode 文本”", "'Unicode text' in UTF-16"),
    "text": ("纯文本（CSV）", "plain text (CSV)"),
    "binary": ("无法识别的二进制文件", "an unrecognised binary file"),
}

_ADVICE: dict[str, tuple[str, str]] = {
    "xlsx": ("请用 Excel 或 WPS 打开，另存为 .xlsx 格式后重新上传",
             "open it in Excel or WPS, save it again as .xlsx and upload"),
    "csv": ("请另存为“CSV UTF-8”或 .xlsx 格式后重新上传",
            "save it as 'CSV UTF-8' or as .xlsx and upload again"),
}
_ADVICE["xls"] = _ADVICE["xlsx"]

_EXPECTED = {"xlsx": {"xlsx"}, "xls": {"xls"}, "csv": {"text"}}


def _check_magic(data: bytes, name: str, kind: str) -> None:
    """Refuse a file whose content does not match its extension, saying what it really is."""
    looks = _sniff(data)
    if looks == "encrypted":
        raise _refuse(
            "encrypted",
            f"文件“{name}”设有打开密码（已加密），无法检查。请取消密码后另存为 .xlsx 再上传。",
            f"'{name}' is password-protected (encrypted) and cannot be checked: remove the "
            "password, save it as .xlsx and upload again.",
        )
    if looks in _EXPECTED[kind]:
        return
    if kind == "csv" and looks in ("utf16", "binary"):
        raise _not_text(name, looks)
    raise _mismatch(name, kind, looks)


def _not_text(name: str, looks: str) -> RefusedFile:
    """The refusal for a CSV that is not plain text."""
    zh, en = _LOOKS[looks]
    advice_zh, advice_en = _ADVICE["csv"]
    return _refuse("not_text", f"文件“{name}”不是纯文本 CSV，而是{zh}。{advice_zh}。",
                   f"'{name}' is not a plain-text CSV but {en}: {advice_en}.")


def _mismatch(name: str, kind: str, looks: str) -> RefusedFile:
    """The refusal for an extension that lies about the content."""
    ext = PurePath(name).suffix.lower()
    zh, en = _LOOKS[looks]
    advice_zh, advice_en = _ADVICE[kind]
    return _refuse("wrong_type", f"文件“{name}”的扩展名是 {ext}，但实际内容是{zh}。{advice_zh}。",
                   f"'{name}' is named {ext} but is really {en}: {advice_en}.")


def _sniff(data: bytes) -> str:
    """What the bytes look like, as a key of ``_LOOKS`` (or ``encrypted``)."""
    if data.startswith(_ZIP_MAGIC):
        return _zip_flavour(data)
    if data.startswith(_OLE_MAGIC):
        return _ole_flavour(data)
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    if b"\x00" in data[:_TEXT_WINDOW]:
        return "binary"
    return _text_flavour(data[:4096])


def _zip_flavour(data: bytes) -> str:
    """Which zip-based format: the central directory names its parts."""
    if b"xl/" in data:
        return "xlsx"
    if b"word/document.xml" in data:
        return "docx"
    if b"ppt/presentation.xml" in data:
        return "pptx"
    if b"application/vnd.oasis.opendocument" in data[:200]:
        return "ods"
    return "zip"


def _utf16(text: str) -> bytes:
    """A stream name as it appears in an OLE2 directory (UTF-16LE)."""
    return text.encode("utf-16-le")


def _ole_flavour(data: bytes) -> str:
    """Which OLE2 compound file: its directory names its streams in UTF-16."""
    if _utf16("EncryptedPackage") in data:
        return "encrypted"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    if _utf16("WordDocument") in data:
        return "doc"
    return "ole"


def _text_flavour(head: bytes) -> str:
    """Plain text, HTML or XML, from the first bytes of a text file."""
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    html_starts = (b"<!doctype html", b"<html", b"<table", b"<head", b"<meta", b"<body",
                   b"<style", b"mime-version:")
    if probe.startswith(html_starts):
        return "html"
    if probe.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in probe:
            return "xml2003"
        return "html" if b"<html" in probe else "xml"
    return "text"


# --------------------------------------------------------------------------- xls and csv


def _scan_xls(data: bytes, name: str) -> ScanResult:
    """An OLE2 workbook: refuse a VBA project; BIFF8 bounds the extent by itself."""
    if _utf16("_VBA_PROJECT_CUR") in data:
        raise _macro(name)
    return ScanResult("xls", (), {})


def _scan_csv(data: bytes, name: str, limits: Limits) -> ScanResult:
    """Bound the line count and the widest line of a text file."""
    lines = _count_lines(data)
    if lines > limits.max_rows:
        raise _refuse(
            "too_many_rows",
            f"文件“{name}”有 {lines} 行，超过上限 {limits.max_rows} 行。请删除多余的行后重新上传。",
            f"'{name}' has {lines} lines, more than the {limits.max_rows} allowed: delete the "
            "extra lines and upload again.",
        )
    sheet = PurePath(name).stem
    width = _widest_line(data, sheet, limits)
    extents = {sheet: f"{_col_letters(width)}{lines}"} if lines and width else {}
    return ScanResult("csv", (), extents)


def _count_lines(data: bytes) -> int:
    """Lines of a text file, counting ``\\n``, ``\\r\\n`` and ``\\r`` endings [lines]."""
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return breaks + (0 if data.endswith((b"\n", b"\r")) else 1)


def _widest_line(data: bytes, sheet: str, limits: Limits) -> int:
    """Fields in the widest line (an upper bound); refuse lines past ``max_cols`` [fields]."""
    lines = data.splitlines()
    first = lines[0] if lines else b""
    delimiter = max((b",", b"\t", b";"), key=first.count)
    widths = [line.count(delimiter) + 1 for line in lines if line]
    if widths and max(widths) > limits.max_cols:
        row = next(i for i, line in enumerate(lines, 1)
                   if line.count(delimiter) + 1 > limits.max_cols)
        raise _far_cell(sheet, f"{_col_letters(limits.max_cols + 1)}{row}", limits)
    return max(widths, default=0)


# --------------------------------------------------------------------------- xlsx: archive


class _CountingReader(io.BytesIO):
    """An in-memory file that counts the bytes read from it (the packed side of a zip)."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        """Read like BytesIO, counting the bytes returned [bytes]."""
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


class _Archive:
    """An xlsx opened for streaming, with the unpacked-size budget of the whole upload.

    Parameters
    ----------
    data : bytes
        The upload [bytes].
    limits : Limits
        Bounds to enforce.
    """

    def __init__(self, data: bytes, limits: Limits):
        _check_entry_count(data, limits)
        self.limits = limits
        self.unpacked = 0
        self._raw = _CountingReader(data)
        try:
            self.zip = zipfile.ZipFile(self._raw)
        except _ZIP_ERRORS as exc:
            raise _bad_zip(str(exc)) from exc
        if len(self.zip.infolist()) > limits.max_zip_entries:
            raise _too_many_entries(len(self.zip.infolist()), limits)
        _check_declared_sizes(self.zip.infolist(), limits)
        self.by_name = {info.filename.lower(): info for info in self.zip.infolist()}

    def stream(self, info: zipfile.ZipInfo, sink: _XmlScanner | None) -> int:
        """Decompress one entry chunk by chunk into ``sink``; return its unpacked size [bytes]."""
        try:
            return self._stream(info, sink)
        except _ZIP_ERRORS as exc:
            raise _bad_zip(f"{info.filename}: {exc}") from exc

    def _stream(self, info: zipfile.ZipInfo, sink: _XmlScanner | None) -> int:
        """Stream one entry; ``stream`` turns zip errors into refusals."""
        start = self._raw.bytes_read
        size = 0
        with self.zip.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                self._charge(info, size, len(chunk), self._raw.bytes_read - start)
                if sink is not None:
                    sink.feed(chunk)
        if sink is not None:
            sink.close()
        return size

    def _charge(self, info: zipfile.ZipInfo, size: int, added: int, packed_read: int) -> None:
        """Count ``added`` unpacked bytes; refuse when the total or the ratio is too high."""
        self.unpacked += added
        if self.unpacked > self.limits.max_unpacked_bytes:
            raise _bomb_total(self.limits)
        packed = max(1, min(info.compress_size, packed_read))
        if size > _MIB and size > self.limits.max_ratio * packed:
            raise _bomb_ratio(info.filename, self.limits)

    def read_part(self, path: str) -> bytes | None:
        """A small XML part, streamed and checked like every other, or None if absent."""
        info = self.by_name.get(path.lower())
        if info is None:
            return None
        sink = _Collector(info.filename, self.limits)
        self.stream(info, sink)
        return sink.data()


def _check_entry_count(data: bytes, limits: Limits) -> None:
    """Bound the entries before :mod:`zipfile` builds one object per central-directory record."""
    eocd = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if eocd < 0 or len(data) < eocd + 22:
        raise _bad_zip("no end-of-central-directory record")
    declared, cd_size = struct.unpack("<10xHI", data[eocd:eocd + 16])
    declared = 0 if declared == 0xFFFF else declared  # Zip64: the real count is elsewhere
    # Every record zipfile accepts starts with the signature: this bounds what it would parse.
    records = data.count(_CD_SIGNATURE, max(0, eocd - cd_size), eocd)
    if max(declared, records) > limits.max_zip_entries:
        raise _too_many_entries(max(declared, records), limits)


def _check_declared_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse at once what the directory admits to; streaming still counts what is real.

    :mod:`zipfile` never yields more than an entry's declared size (it stops there and the
    CRC check fails), so an honest bomb is refused here without inflating a byte.
    """
    for info in infos:
        if info.file_size > _MIB and info.file_size > limits.max_ratio * max(1, info.compress_size):
            raise _bomb_ratio(info.filename, limits)
    if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
        raise _bomb_total(limits)


def _bad_zip(detail: str) -> RefusedFile:
    """The refusal for a damaged archive or malformed XML."""
    return _refuse("bad_zip",
                   f"文件已损坏或不是有效的 .xlsx 工作簿（{detail}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
                   f"The file is damaged or not a valid .xlsx workbook ({detail}): open it in "
                   "Excel or WPS, save it as .xlsx and upload again.")


def _too_many_entries(count: int, limits: Limits) -> RefusedFile:
    """The refusal for an archive with too many parts."""
    return _refuse(
        "too_many_entries",
        f"该 .xlsx 文件内部包含 {count} 个部件，超过上限 {limits.max_zip_entries} 个，"
        "不像正常的调研表。请另存为新的 .xlsx 后重新上传。",
        f"This .xlsx holds {count} internal parts, more than the {limits.max_zip_entries} "
        "allowed, which no survey sheet needs: save it as a new .xlsx and upload again.",
    )


def _bomb_total(limits: Limits) -> RefusedFile:
    """The refusal for an archive unpacking beyond the total budget."""
    cap = _mb(limits.max_unpacked_bytes)
    return _refuse(
        "zip_bomb",
        f"该 .xlsx 解压后超过 {cap} MB（疑似“压缩炸弹”），已拒绝。请删除无关内容后另存为新文件再上传。",
        f"This .xlsx unpacks to more than {cap} MB (a likely 'zip bomb') and was refused: "
        "remove unrelated content, save as a new file and upload again.",
    )


def _bomb_ratio(part: str, limits: Limits) -> RefusedFile:
    """The refusal for one entry compressed beyond the allowed ratio."""
    ratio = f"{limits.max_ratio:g}"
    return _refuse(
        "zip_bomb",
        f"该 .xlsx 中的部件“{part}”压缩比超过 {ratio}:1（疑似“压缩炸弹”），已拒绝。"
        "请用 Excel 或 WPS 另存为新文件后重新上传。",
        f"Part '{part}' of this .xlsx is compressed more than {ratio}:1 (a likely 'zip "
        "bomb') and was refused: save it as a new file in Excel or WPS and upload again.",
    )


# --------------------------------------------------------------------------- xlsx: sinks


class _XmlScanner:
    """Receives an XML part in chunks; scans complete tags only and refuses DTDs.

    A chunk is cut before its last ``<`` when that tag is unfinished; the unfinished tail is
    carried over to the next chunk, so a match never straddles two scans.

    Parameters
    ----------
    part : str
        Name of the zip entry, for messages.
    limits : Limits
        Bounds to enforce.
    """

    def __init__(self, part: str, limits: Limits):
        self.part = part
        self.limits = limits
        self._carry = b""
        self._started = False

    def feed(self, chunk: bytes) -> None:
        """Take the next unpacked chunk of the part."""
        if not self._started:
            self._started = True
            _check_encoding(self.part, chunk)
        buffer = self._carry + chunk if self._carry else chunk
        cut = buffer.rfind(b"<")
        if cut >= 0 and buffer.find(b">", cut) < 0:
            self._carry, buffer = buffer[cut:], buffer[:cut]
            if len(self._carry) > _MAX_TAG:
                raise _bad_zip(f"{self.part}: XML tag longer than {_mb(_MAX_TAG)} MB")
        else:
            self._carry = b""
        if buffer:
            self._scan(buffer)

    def close(self) -> None:
        """End of the part: scan what is left over."""
        if self._carry:
            self._scan(self._carry)
            self._carry = b""

    def _scan(self, buffer: bytes) -> None:
        """Check complete tags: no DTD or entity, no oversized string table."""
        if _DTD.search(buffer):
            raise _xml_entity(self.part)
        if b"sst" in buffer:
            _check_string_table(self.part, buffer, self.limits)


def _check_string_table(part: str, buffer: bytes, limits: Limits) -> None:
    """Refuse a shared-string table declaring more strings than an allowed sheet has cells.

    calamine reserves memory for ``uniqueCount`` strings up front: a 5 KB file declaring
    2,000,000,000 made it request 48 GB and abort the whole process.
    """
    cells = limits.max_rows * limits.max_cols
    for tag in _SST.finditer(buffer):
        declared = max((int(n) for n in _SST_COUNT.findall(tag[1] or b"")), default=0)
        if declared > cells:
            raise _refuse(
                "bad_zip",
                f"该 .xlsx 的共享字符串表“{part}”声明了 {declared} 个文本，超过表格最多可容纳的 "
                f"{cells} 个单元格（文件已损坏或被篡改）。请用 Excel 或 WPS 另存为新文件后重新上传。",
                f"The shared-string table '{part}' of this .xlsx declares {declared} texts, more "
                f"than the {cells} cells an allowed sheet can hold (a damaged or crafted file): "
                "save it as a new file in Excel or WPS and upload again.",
            )


def _check_encoding(part: str, head: bytes) -> None:
    """Refuse UTF-16 XML parts: Excel writes UTF-8, and the byte scans assume it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        raise _bad_zip(f"{part}: UTF-16 XML")


def _xml_entity(part: str) -> RefusedFile:
    """The refusal for a DTD or entity declaration."""
    return _refuse(
        "xml_entity",
        f"该 .xlsx 中的部件“{part}”含有 XML 实体/DOCTYPE 声明（可被用作“XML 炸弹”），已拒绝。"
        "请用 Excel 或 WPS 另存为新文件后重新上传。",
        f"Part '{part}' of this .xlsx declares a DOCTYPE or XML entities (usable as an 'XML "
        "bomb') and was refused: save it as a new file in Excel or WPS and upload again.",
    )


class _Collector(_XmlScanner):
    """Keeps a small part (workbook, relationships) for parsing once it is complete."""

    def __init__(self, part: str, limits: Limits):
        super().__init__(part, limits)
        self._chunks: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        """Keep the chunk (within ``_META_CAP``) and check it."""
        self._size += len(chunk)
        if self._size > _META_CAP:
            raise _bad_zip(f"{self.part} is larger than {_mb(_META_CAP)} MB")
        self._chunks.append(chunk)
        super().feed(chunk)

    def data(self) -> bytes:
        """The whole part [bytes]."""
        return b"".join(self._chunks)


class _ContentTypes(_XmlScanner):
    """``[Content_Types].xml``: refuses macro-enabled and macro-sheet content types."""

    def __init__(self, part: str, limits: Limits, name: str):
        super().__init__(part, limits)
        self._name = name

    def _scan(self, buffer: bytes) -> None:
        """Refuse macro content types as well."""
        super()._scan(buffer)
        if _MACRO_TYPE.search(buffer):
            raise _macro(self._name)


class _SheetScanner(_XmlScanner):
    """Worksheet XML: cells with content, the last used cell, and what needs the exact walk.

    Parameters
    ----------
    part : str
        Zip entry of the worksheet.
    sheet : str
        Sheet name shown to the user.
    limits : Limits
        Row and column bounds.
    """

    def __init__(self, part: str, sheet: str, limits: Limits):
        super().__init__(part, limits)
        self.sheet = sheet
        self.max_row = 0
        self.max_col = 0
        self.irregular = False        # some cell needs the exact walk to be placed
        self.formula_suspect = False  # some formula may lack a cached value
        self.prefixed = False         # cells are written with a namespace prefix (x:c)

    def _scan(self, buffer: bytes) -> None:
        """Cells, prefixes and formula suspects of complete tags."""
        super()._scan(buffer)
        if not self.prefixed and b":c" in buffer and _PREFIXED_CELL.search(buffer):
            self.prefixed = True
        refs = (_CELL_ANY if self.prefixed else _CELL).findall(buffer)
        if refs:
            self._note_cells(refs)
        if not self.formula_suspect and (b"<f" in buffer or self.prefixed):
            pattern = _FORMULA_SUSPECT_ANY if self.prefixed else _FORMULA_SUSPECT
            self.formula_suspect = pattern.search(buffer) is not None

    def _note_cells(self, refs: list[bytes]) -> None:
        """Update the extent from references such as ``b"W10012"``; refuse far cells."""
        joined = b" ".join(refs)
        # An empty reference (an unusual cell) shows as a leading, trailing or double space.
        if not joined or joined[:1] == b" " or joined[-1:] == b" " or b"  " in joined:
            self.irregular = True
        letters = set(joined.translate(None, _DIGITS).split())
        if not letters:
            return
        max_col = max(_col_index(col.decode()) for col in letters)
        max_row = max(map(int, set(joined.translate(None, _LETTERS).split())))
        if _is_far(max_row, max_col, self.limits):
            raise _far_cell(self.sheet, self._first_far(refs), self.limits)
        self.max_row = max(self.max_row, max_row)
        self.max_col = max(self.max_col, max_col)

    def _first_far(self, refs: list[bytes]) -> str:
        """The first reference, in document order, beyond the limits."""
        for raw in refs:
            ref = raw.decode()
            match = _REF.fullmatch(ref)
            if match and _is_far(int(match[2]), _col_index(match[1]), self.limits):
                return ref
        raise AssertionError("no far cell among the references")  # pragma: no cover


# --------------------------------------------------------------------------- xlsx: structure


def _local(tag: str) -> str:
    """Local name of an ElementTree tag (``{ns}sheet`` → ``sheet``)."""
    return tag.rpartition("}")[2]


def _parse_xml(part: str, data: bytes):
    """Parse a small XML part with defusedxml; refuse it when damaged or hostile."""
    try:
        return safe_et.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise _xml_entity(part) from exc
    except ParseError as exc:
        raise _bad_zip(f"{part}: {exc}") from exc


def _relationships(archive: _Archive, rels_path: str, base_dir: str) -> list[tuple[str, str, str]]:
    """``(Id, Type, target entry)`` of every internal relationship in a ``.rels`` part."""
    data = archive.read_part(rels_path)
    if data is None:
        return []
    found = []
    for elem in _parse_xml(rels_path, data).iter():
        target = elem.get("Target")
        if _local(elem.tag) != "Relationship" or not target or elem.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(base_dir, target))
        found.append((elem.get("Id", ""), elem.get("Type", ""), path))
    return found


def _workbook_path(archive: _Archive) -> str:
    """The workbook part named by the package relationships (usually ``xl/workbook.xml``)."""
    for _rid, rel_type, path in _relationships(archive, "_rels/.rels", ""):
        if rel_type.endswith(_REL_WORKBOOK):
            return path
    return "xl/workbook.xml"


def _sheet_parts(archive: _Archive, workbook: str) -> dict[str, str]:
    """Worksheet entry (lower case) → sheet name, in workbook order."""
    data = archive.read_part(workbook)
    if data is None:
        raise _bad_zip(f"{workbook} is missing")
    base = posixpath.dirname(workbook)
    rels_path = posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels")
    targets = {rid: path for rid, rel_type, path in _relationships(archive, rels_path, base)
               if rel_type.endswith(_REL_WORKSHEET)}
    parts: dict[str, str] = {}
    for elem in _parse_xml(workbook, data).iter():
        if _local(elem.tag) != "sheet":
            continue
        rid = next((v for k, v in elem.attrib.items() if k.endswith("}id")), None)
        if rid in targets:
            parts.setdefault(targets[rid].lower(), elem.get("name", rid))
    return parts


def _is_worksheet(lower: str, parts: dict[str, str]) -> bool:
    """Whether a (lower-case) entry is a worksheet: referenced as one, or stored as one."""
    return lower in parts or (lower.startswith("xl/worksheets/") and lower.endswith(".xml")
                              and "/_rels/" not in lower)


# --------------------------------------------------------------------------- xlsx: scan


def _scan_xlsx(data: bytes, name: str, limits: Limits) -> ScanResult:
    """Stream every entry of an xlsx through the checks; walk sheets that need it."""
    archive = _Archive(data, limits)
    _check_macro_parts(archive, name)
    parts = _all_sheet_parts(archive)
    sheets = _stream_all(archive, parts, name)
    formulas = _finish_sheets(archive, sheets)
    order = {part: i for i, part in enumerate(parts)}
    sheets.sort(key=lambda pair: order.get(pair[0].filename.lower(), len(order)))
    extents = {s.sheet: f"{_col_letters(s.max_col)}{s.max_row}" for _info, s in sheets
               if s.max_row and s.max_col}
    return ScanResult("xlsx", tuple(formulas), extents)


def _check_macro_parts(archive: _Archive, name: str) -> None:
    """Refuse VBA projects and Excel 4.0 macro sheets by their entry names."""
    for entry in archive.by_name:
        if "vbaproject" in entry or entry.startswith("xl/macrosheets/"):
            raise _macro(name)


def _all_sheet_parts(archive: _Archive) -> dict[str, str]:
    """Worksheet entries of the workbook the package names and of ``xl/workbook.xml``.

    Readers differ (calamine reads ``xl/workbook.xml``, openpyxl follows the package), so
    the sheets of both are scanned when they differ.
    """
    workbooks = [wb for wb in dict.fromkeys([_workbook_path(archive), "xl/workbook.xml"])
                 if wb.lower() in archive.by_name]
    if not workbooks:
        raise _bad_zip("xl/workbook.xml is missing")
    parts: dict[str, str] = {}
    for workbook in workbooks:
        for part, sheet in _sheet_parts(archive, workbook).items():
            parts.setdefault(part, sheet)
    return parts


def _stream_all(archive: _Archive, parts: dict[str, str], name: str
                ) -> list[tuple[zipfile.ZipInfo, _SheetScanner]]:
    """Stream every entry through its checks; return the worksheet scanners."""
    sheets = []
    for info in archive.zip.infolist():
        lower = info.filename.lower()
        sink: _XmlScanner | None = None
        if lower == "[content_types].xml":
            sink = _ContentTypes(info.filename, archive.limits, name)
        elif _is_worksheet(lower, parts):
            sheet_name = parts.get(lower) or PurePath(info.filename).stem
            sink = _SheetScanner(info.filename, sheet_name, archive.limits)
            sheets.append((info, sink))
        elif lower.endswith(_XML_SUFFIXES):
            sink = _XmlScanner(info.filename, archive.limits)
        archive.stream(info, sink)
    return sheets


def _finish_sheets(archive: _Archive, sheets: list[tuple[zipfile.ZipInfo, _SheetScanner]]
                   ) -> list[tuple[str, str]]:
    """Walk the sheets the regular scan could not settle; collect formulas without value."""
    formulas: list[tuple[str, str]] = []
    walked = {"irregular": 0, "formula": 0}
    caps = {"irregular": _WALK_IRREGULAR_CAP, "formula": _WALK_FORMULA_CAP}
    # Unusual markup first: it may hide a far cell, and refusing should not wait.
    pending = sorted((pair for pair in sheets if pair[1].irregular or pair[1].formula_suspect),
                     key=lambda pair: not pair[1].irregular)
    for info, scanner in pending:
        reason = "irregular" if scanner.irregular else "formula"
        walked[reason] += info.file_size
        if walked[reason] > caps[reason]:
            raise _too_irregular(scanner.sheet, caps[reason])
        walker = _walk_sheet(archive, info, scanner)
        scanner.max_row, scanner.max_col = walker.max_row, walker.max_col
        formulas.extend((scanner.sheet, cell) for cell in walker.formulas)
    return formulas


def _too_irregular(sheet: str, cap_bytes: int) -> RefusedFile:
    """The refusal for sheets too large to walk within the time budget."""
    cap = _mb(cap_bytes)
    return _refuse(
        "too_large",
        f"工作表“{sheet}”（连同之前的工作表）超过 {cap} MB，且含有未计算的公式或非常规的单元格写法，"
        "无法在限定时间内安全检查。请用 Excel 或 WPS 打开并保存（会计算公式）后重新上传。",
        f"Sheet '{sheet}' (with the sheets before it) is larger than {cap} MB and holds "
        "uncalculated formulas or unusual cell markup, so it cannot be checked safely in time: "
        "open and save it in Excel or WPS (which calculates the formulas) and upload again.",
    )


# --------------------------------------------------------------------------- xlsx: exact walk


class _Walker:
    """Places every cell of a sheet exactly, as the iterparse events arrive.

    Cells without ``r`` follow the previous cell of their row, rows without ``r`` the
    previous row. A cell holds something when it has a child element or text. Every element
    is detached from its parent once it ends, so memory stays proportional to the nesting
    depth, which is capped.

    Parameters
    ----------
    scanner : _SheetScanner
        The regular scan of the same sheet (sheet name, limits, part name).
    """

    def __init__(self, scanner: _SheetScanner):
        self.sheet = scanner.sheet
        self.part = scanner.part
        self.limits = scanner.limits
        self.elems: list = []
        self.names: list[str] = []
        self.row = 0
        self.col = 0
        self.cell: tuple[int, int] | None = None   # (row, column) of the open cell
        self.has_formula = self.has_value = self.has_child = False
        self.max_row = 0
        self.max_col = 0
        self.formulas: list[str] = []

    def start(self, elem, name: str) -> None:
        """A start tag: track depth, rows and the open cell."""
        self.elems.append(elem)
        self.names.append(name)
        if len(self.elems) > _MAX_DEPTH:
            raise _bad_zip(f"{self.part}: XML nested deeper than {_MAX_DEPTH} levels")
        if name == "c":
            self._open_cell(elem.get("r"))
        elif name == "row":
            self.row = self._row_number(elem.get("r"))
            self.col = 0

    def end(self, elem, name: str) -> None:
        """An end tag: note what a cell holds, close it, detach the element."""
        self.elems.pop()
        self.names.pop()
        if self.names and self.names[-1] == "c" and self.cell is not None:
            self._child_of_cell(elem, name)
        elif name == "c":
            self._close_cell(elem)
        if self.elems:
            self.elems[-1].remove(elem)

    def _row_number(self, text: str | None) -> int:
        """Row number from ``r``, or the next one when absent."""
        if text is None:
            return self.row + 1
        if not text.strip().isdigit():
            raise _bad_zip(f"{self.part}: row number {text[:20]!r}")
        return int(text)

    def _open_cell(self, ref: str | None) -> None:
        """Place a cell from ``r``, or right of the previous one when absent."""
        if ref is None:
            self.col += 1
            self.cell = (max(self.row, 1), self.col)
        else:
            match = _REF.fullmatch(ref.strip())
            if match is None:
                raise _bad_zip(f"{self.part}: cell reference {ref[:20]!r}")
            self.col = _col_index(match[1])
            self.cell = (int(match[2]), self.col)
        self.has_formula = self.has_value = self.has_child = False

    def _child_of_cell(self, elem, name: str) -> None:
        """Note a child of the open cell: formula, value or inline string."""
        self.has_child = True
        if name == "f":
            self.has_formula = True
        elif name == "v":
            self.has_value = self.has_value or bool((elem.text or "").strip())
        elif name == "is":
            self.has_value = True

    def _close_cell(self, elem) -> None:
        """Check and record the cell just closed."""
        if self.cell is None:
            return
        row, col = self.cell
        self.cell = None
        if self.has_child or (elem.text or "").strip():
            if _is_far(row, col, self.limits):
                raise _far_cell(self.sheet, f"{_col_letters(col)}{row}", self.limits)
            self.max_row, self.max_col = max(self.max_row, row), max(self.max_col, col)
        if self.has_formula and not self.has_value:
            self.formulas.append(f"{_col_letters(col)}{row}")


def _walk_sheet(archive: _Archive, info: zipfile.ZipInfo, scanner: _SheetScanner) -> _Walker:
    """Second, exact pass over a sheet with defusedxml ``iterparse``."""
    walker = _Walker(scanner)
    try:
        with archive.zip.open(info) as handle:
            _walk_events(handle, walker)
    except DefusedXmlException as exc:
        raise _xml_entity(info.filename) from exc
    except ParseError as exc:
        raise _bad_zip(f"{info.filename}: {exc}") from exc
    except _ZIP_ERRORS as exc:
        raise _bad_zip(f"{info.filename}: {exc}") from exc
    return walker


def _walk_events(handle, walker: _Walker) -> None:
    """Feed the iterparse events of one sheet to the walker."""
    names: dict[str, str] = {}
    for event, elem in safe_et.iterparse(handle, events=("start", "end"), forbid_dtd=True):
        name = names.get(elem.tag)
        if name is None:
            name = _local(elem.tag)
            if len(names) < _NAME_CACHE:
                names[elem.tag] = name
        if event == "start":
            walker.start(elem, name)
        else:
            walker.end(elem, name)
