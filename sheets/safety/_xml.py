"""XML parts of an xlsx, streamed in chunks: DTDs, shared-string tables, worksheet cells.

Every part is scanned on complete tags only: a chunk is cut before its last ``<`` when that
tag is unfinished (a ``>`` inside a quoted attribute value does not finish it), and the
tail is carried over to the next chunk. Independently of that cut, the part's first start
tag is parsed by expat as the bytes arrive (:class:`_RootTag`), so its attributes are read
exactly as an XML parser reads them: either quote, ``>`` inside values, white space,
character references, prefixes, leading zeros.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from sheets.safety._common import (
    Extent,
    Limits,
    RefusedFile,
    cell_name,
    col_index,
    is_far,
    macro,
    mb,
    refuse,
)
from sheets.safety._zip import MIB, ZIP_ERRORS, Archive, bad_zip

MAX_TAG = 4 * MIB              # longest single XML tag accepted [bytes]
META_CAP = 8 * MIB             # largest workbook / relationship part read whole [bytes]
_NAME_CACHE = 1000             # distinct tag names remembered by the walk [names]
_MAX_DEPTH = 64                # deepest XML nesting accepted in a walked sheet [elements]

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
_HIDDEN_ROW = re.compile(rb"<(?:[\w.-]+:)?row\b[^>]*\bhidden=\"(?:1|true)\"[^>]*>")
_HIDDEN_COL = re.compile(rb"<(?:[\w.-]+:)?col\b[^>]*\bhidden=\"(?:1|true)\"[^>]*>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d{1,7})\"")
_COL_MIN = re.compile(rb"\bmin=\"(\d{1,5})\"")
_COL_MAX = re.compile(rb"\bmax=\"(\d{1,5})\"")
MAX_HIDDEN = 10_000  # hidden rows or columns noted per sheet; beyond, they are read as shown
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData[\s/>]")
_DTD = re.compile(rb"<!(?i:doctype|entity)")
_MACRO_TYPE = re.compile(rb"(?i)macroenabled|vbaproject|macrosheet")
# A formula element not followed by a ``<v>`` holding text: a candidate for the exact walk.
_FORMULA_SUSPECT = re.compile(rb"(?:</f>|<f(?:\s[^>]*)?/>)(?!\s*<v(?:\s[^>]*)?>[^<]*[^<\s])")
_FORMULA_SUSPECT_ANY = re.compile(rb"(?:</(?:[\w.-]+:)?f>|<(?:[\w.-]+:)?f(?:\s[^>]*)?/>)"
                                  rb"(?!\s*<(?:[\w.-]+:)?v(?:\s[^>]*)?>[^<]*[^<\s])")
_REF = re.compile(r"\$?([A-Za-z]{1,7})\$?([0-9]{1,10})")
_COUNT = re.compile(r"[0-9]+")
_COUNT_ATTRS = ("count", "uniquecount")
SHEET_ROOTS = ("worksheet", "dialogsheet", "chartsheet", "macrosheet")
_DIGITS = b"0123456789"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def tag_complete(buffer: bytes, start: int) -> bool:
    """Whether the tag opened at ``buffer[start]`` (a ``<``) is closed by a ``>`` outside quotes."""
    at = start + 1
    while True:
        end = buffer.find(b">", at)
        if end < 0:
            return False
        quotes = [q for q in (buffer.find(b'"', at, end), buffer.find(b"'", at, end)) if q >= 0]
        if not quotes:
            return True
        opened = min(quotes)
        closed = buffer.find(buffer[opened:opened + 1], opened + 1)
        if closed < 0:
            return False
        at = closed + 1


class _Found(Exception):
    """Raised inside expat to stop at the first start tag."""


class _RootTag:
    """The first start tag of a part, parsed by expat while the part streams in.

    expat reads the bytes as UTF-8 whatever the declaration says (as calamine does); the
    element and attribute names keep their prefixes.
    """

    def __init__(self):
        self.name: str | None = None
        self.attrs: dict[str, str] = {}
        self.error: str | None = None
        self._seen = 0
        self._parser = expat.ParserCreate(encoding="utf-8")
        self._parser.StartElementHandler = self._start

    @property
    def done(self) -> bool:
        return self.name is not None or self.error is not None

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.name, self.attrs = name, attrs
        raise _Found

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Parse the next bytes until the first start tag has been seen."""
        if self.done:
            return
        self._seen += len(chunk)
        try:
            self._parser.Parse(chunk, final)
        except _Found:
            return
        except expat.ExpatError as exc:
            self.error = str(exc)
            return
        if final:
            self.error = "no element"
        elif self._seen > MAX_TAG:
            self.error = f"no element in the first {mb(MAX_TAG)} MB"


class XmlScanner:
    """Receives an XML part in chunks; refuses DTDs and oversized shared-string tables.

    Parameters
    ----------
    part : str
        Name of the zip entry, for messages.
    limits : Limits
        Bounds to enforce.
    table : bool, optional
        The part is a shared-string table some reader will load: its root must be one.
    check_dtd : bool, optional
        Refuse DTDs (not for parts only found to be XML by their content, such as SVG
        pictures, which often declare one and which no spreadsheet reader parses).
    """

    def __init__(self, part: str, limits: Limits, table: bool = False,
                 check_dtd: bool = True):
        self.part = part
        self.limits = limits
        self.table = table
        self.check_dtd = check_dtd
        self._carry = b""
        self._started = False
        self._root = _RootTag()

    def feed(self, chunk: bytes) -> None:
        """Take the next unpacked chunk of the part."""
        if not self._started:
            self._started = True
            _check_encoding(self.part, chunk)
        self._root.feed(chunk)
        buffer = self._carry + chunk if self._carry else chunk
        cut = buffer.rfind(b"<")
        if cut >= 0 and not tag_complete(buffer, cut):
            self._carry, buffer = buffer[cut:], buffer[:cut]
            if len(self._carry) > MAX_TAG:
                raise bad_zip(f"{self.part}: XML tag longer than {mb(MAX_TAG)} MB")
        else:
            self._carry = b""
        if buffer:
            self._scan(buffer)

    def close(self) -> None:
        """End of the part: scan what is left over, then judge the root element."""
        if self._carry:
            self._scan(self._carry)
            self._carry = b""
        self._root.feed(b"", final=True)
        _check_root(self.part, self._root, self.limits, self.table)

    def _scan(self, buffer: bytes) -> None:
        """Check complete tags: no DTD or entity."""
        if self.check_dtd and _DTD.search(buffer):
            raise xml_entity(self.part)


def _check_root(part: str, root: _RootTag, limits: Limits, table: bool) -> None:
    """A root ``sst`` (any prefix, any part) is checked; a table must have one."""
    if root.name is not None and root.name.rpartition(":")[2] == "sst":
        _check_string_counts(part, root.attrs, limits)
    elif table:
        found = f"<{root.name}>" if root.name else root.error
        raise bad_zip(f"{part} is not a shared-string table ({found})")


def _check_string_counts(part: str, attrs: dict[str, str], limits: Limits) -> None:
    """Refuse a shared-string table declaring more strings than an allowed sheet has cells.

    calamine reserves memory for ``uniqueCount`` strings up front (leading zeros skipped):
    a 5 KB file declaring 2,000,000,000 made it request 48 GB and abort the whole process.
    ``count`` is bounded the same way; a value that is not a plain number is damage.
    """
    for key, value in attrs.items():
        if key.rpartition(":")[2].lower() not in _COUNT_ATTRS:
            continue
        text = value.strip()
        if not _COUNT.fullmatch(text):
            raise bad_zip(f"{part}: {key}={value[:40]!r} is not a number")
        digits = text.lstrip("0") or "0"
        if len(digits) > len(str(limits.max_cells)) or int(digits) > limits.max_cells:
            raise _too_many_strings(part, digits, limits)


def _too_many_strings(part: str, declared: str, limits: Limits) -> RefusedFile:
    shown = declared if len(declared) <= 24 else declared[:20] + "…"
    cells = limits.max_cells
    return refuse(
        "bad_zip",
        f"该 .xlsx 的共享字符串表“{part}”声明了 {shown} 个文本，超过一张表格最多可容纳的 "
        f"{cells} 个单元格（文件已损坏或被篡改）。请用 Excel 或 WPS 另存为新文件后重新上传。",
        f"The shared-string table '{part}' of this .xlsx declares {shown} texts, more "
        f"than the {cells} cells an allowed sheet can hold (a damaged or crafted file): "
        "save it as a new file in Excel or WPS and upload again.",
    )


def _check_encoding(part: str, head: bytes) -> None:
    """Refuse UTF-16 XML parts: Excel writes UTF-8, and the byte scans assume it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        raise bad_zip(f"{part}: UTF-16 XML")


def xml_entity(part: str) -> RefusedFile:
    """The refusal for a DTD or entity declaration."""
    return refuse(
        "xml_entity",
        f"该 .xlsx 中的部件“{part}”含有 XML 实体/DOCTYPE 声明（可被用作“XML 炸弹”），已拒绝。"
        "请用 Excel 或 WPS 另存为新文件后重新上传。",
        f"Part '{part}' of this .xlsx declares a DOCTYPE or XML entities (usable as an 'XML "
        "bomb') and was refused: save it as a new file in Excel or WPS and upload again.",
    )


class Collector(XmlScanner):
    """Keeps a small part (workbook, relationships) for parsing once it is complete."""

    def __init__(self, part: str, limits: Limits, table: bool = False):
        super().__init__(part, limits, table)
        self._chunks: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        """Keep the chunk (within ``META_CAP``) and check it."""
        self._size += len(chunk)
        if self._size > META_CAP:
            raise bad_zip(f"{self.part} is larger than {mb(META_CAP)} MB")
        self._chunks.append(chunk)
        super().feed(chunk)

    def data(self) -> bytes:
        """The whole part [bytes]."""
        return b"".join(self._chunks)


class ContentTypes(Collector):
    """``[Content_Types].xml``: refuses macro-enabled and macro-sheet content types."""

    def __init__(self, part: str, limits: Limits, name: str = ""):
        super().__init__(part, limits)
        self._name = name

    def _scan(self, buffer: bytes) -> None:
        """Refuse macro content types as well."""
        super()._scan(buffer)
        if _MACRO_TYPE.search(buffer):
            raise macro(self._name)


def parse_xml(part: str, data: bytes):
    """Parse a small XML part with defusedxml; refuse it when damaged or hostile."""
    try:
        return safe_et.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise xml_entity(part) from exc
    except ParseError as exc:
        raise bad_zip(f"{part}: {exc}") from exc


def local(tag: str) -> str:
    """Local name of an ElementTree tag (``{ns}sheet`` → ``sheet``)."""
    return tag.rpartition("}")[2]


# --------------------------------------------------------------------------- worksheets


class SheetScanner(XmlScanner):
    """Worksheet XML: cells with content, the last used cell, and what needs the exact walk.

    Parameters
    ----------
    part : str
        Zip entry of the worksheet.
    sheet : str
        Sheet name shown to the user.
    limits : Limits
        Row, column and cell bounds.
    named : bool, optional
        A workbook names the part as a sheet; otherwise its root element decides.
    table : bool, optional
        The part is also a shared-string table some reader loads.
    """

    def __init__(self, part: str, sheet: str, limits: Limits, named: bool = True,
                 table: bool = False, check_dtd: bool = True):
        super().__init__(part, limits, table, check_dtd)
        self.sheet = sheet
        self.named = named
        self.max_row = 0
        self.max_col = 0
        self.irregular = False        # some cell needs the exact walk to be placed
        self.formula_suspect = False  # some formula may lack a cached value
        self.prefixed = False         # cells are written with a namespace prefix (x:c)
        self.hidden_rows: set[int] = set()   # Excel row numbers
        self.hidden_cols: set[int] = set()   # zero-based column indices
        self.grouped_rows: set[int] = set()  # hidden inside a collapsed group (数据→组合)
        self.filtered = False                # a saved filter hides rows (autoFilter criteria)

    @property
    def is_sheet(self) -> bool:
        """Named a sheet by a workbook, rooted like one (while unknown: assume so), or
        holding ``sheetData`` (calamine reads the cells of any part it is pointed at)."""
        if self.named:
            return True
        if self._root.name is None:
            return self._root.error is None
        return self._root.name.rpartition(":")[2].lower() in SHEET_ROOTS

    def _scan(self, buffer: bytes) -> None:
        """Cells, prefixes and formula suspects of complete tags."""
        super()._scan(buffer)
        if not self.is_sheet:
            if b"sheetData" not in buffer or not _SHEET_DATA.search(buffer):
                return
            self.named = True
        if not self.prefixed and b":c" in buffer and _PREFIXED_CELL.search(buffer):
            self.prefixed = True
        refs = (_CELL_ANY if self.prefixed else _CELL).findall(buffer)
        if refs:
            self._note_cells(refs)
        if b"hidden" in buffer:
            self._note_hidden(buffer)
        if not self.filtered and b"filterColumn" in buffer:
            self.filtered = True
        if not self.formula_suspect and (b"<f" in buffer or self.prefixed):
            pattern = _FORMULA_SUSPECT_ANY if self.prefixed else _FORMULA_SUSPECT
            self.formula_suspect = pattern.search(buffer) is not None

    def _note_hidden(self, buffer: bytes) -> None:
        """Rows and column ranges the sheet hides (``<row r="8" hidden="1">``,
        ``<col min="3" max="4" hidden="1"/>``), at most :data:`MAX_HIDDEN` of each."""
        for tag in _HIDDEN_ROW.findall(buffer):
            number = _ROW_NUMBER.search(tag)
            if number and len(self.hidden_rows) < MAX_HIDDEN:
                self.hidden_rows.add(int(number[1]))
                if b"outlineLevel" in tag:
                    self.grouped_rows.add(int(number[1]))
        for tag in _HIDDEN_COL.findall(buffer):
            low, high = _COL_MIN.search(tag), _COL_MAX.search(tag)
            if low and high:
                first, last = int(low[1]), min(int(high[1]), int(low[1]) + MAX_HIDDEN)
                if last - first < MAX_HIDDEN and len(self.hidden_cols) < MAX_HIDDEN:
                    self.hidden_cols.update(range(first - 1, last))

    def _note_cells(self, refs: list[bytes]) -> None:
        """Update the extent from references such as ``b"W10012"``; refuse what breaks it."""
        joined = b" ".join(refs)
        # An empty reference (an unusual cell) shows as a leading, trailing or double space.
        if not joined or joined[:1] == b" " or joined[-1:] == b" " or b"  " in joined:
            self.irregular = True
        letters = set(joined.translate(None, _DIGITS).split())
        if not letters:
            return
        max_col = max(col_index(col.decode()) for col in letters)
        max_row = max(map(int, set(joined.translate(None, _LETTERS).split())))
        rows, cols = max(self.max_row, max_row), max(self.max_col, max_col)
        if is_far(max_row, max_col, self.limits) or rows * cols > self.limits.max_cells:
            self._refuse_first(refs)
        self.max_row, self.max_col = rows, cols

    def _refuse_first(self, refs: list[bytes]) -> None:
        """Raise the refusal for the first reference, in document order, that breaks a bound."""
        extent = Extent(self.sheet, self.limits)
        extent.max_row, extent.max_col = self.max_row, self.max_col
        for raw in refs:
            match = _REF.fullmatch(raw.decode())
            if match:
                extent.add(int(match[2]), col_index(match[1]))
        raise AssertionError("no reference breaks a bound")  # pragma: no cover


class Walker:
    """Places every cell of a sheet exactly, as the iterparse events arrive.

    Cells without ``r`` follow the previous cell of their row, rows without ``r`` the
    previous row. A cell holds something when it has a child element or text. Every element
    is detached from its parent once it ends, so memory stays proportional to the nesting
    depth, which is capped.

    Parameters
    ----------
    scanner : SheetScanner
        The regular scan of the same sheet (sheet name, limits, part name).
    """

    def __init__(self, scanner: SheetScanner):
        self.sheet = scanner.sheet
        self.part = scanner.part
        self.limits = scanner.limits
        self.extent = Extent(scanner.sheet, scanner.limits)
        self.elems: list = []
        self.names: list[str] = []
        self.row = 0
        self.col = 0
        self.cell: tuple[int, int] | None = None   # (row, column) of the open cell
        self.has_formula = self.has_value = self.has_child = False
        self.text_result = False
        self.formulas: list[str] = []

    def start(self, elem, name: str) -> None:
        """A start tag: track depth, rows and the open cell."""
        self.elems.append(elem)
        self.names.append(name)
        if len(self.elems) > _MAX_DEPTH:
            raise bad_zip(f"{self.part}: XML nested deeper than {_MAX_DEPTH} levels")
        if name == "c":
            self._open_cell(elem.get("r"))
            # a text result (t="str") may be the empty text: Excel writes <v></v> for IF(…,"")
            self.text_result = elem.get("t") == "str"
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
            raise bad_zip(f"{self.part}: row number {text[:20]!r}")
        return int(text)

    def _open_cell(self, ref: str | None) -> None:
        """Place a cell from ``r``, or right of the previous one when absent."""
        if ref is None:
            self.col += 1
            self.cell = (max(self.row, 1), self.col)
        else:
            match = _REF.fullmatch(ref.strip())
            if match is None:
                raise bad_zip(f"{self.part}: cell reference {ref[:20]!r}")
            self.col = col_index(match[1])
            self.cell = (int(match[2]), self.col)
        self.has_formula = self.has_value = self.has_child = False

    def _child_of_cell(self, elem, name: str) -> None:
        """Note a child of the open cell: formula, value or inline string."""
        self.has_child = True
        if name == "f":
            self.has_formula = True
        elif name == "v":
            self.has_value = self.has_value or self.text_result or bool((elem.text or "").strip())
        elif name == "is":
            self.has_value = True

    def _close_cell(self, elem) -> None:
        """Check and record the cell just closed."""
        if self.cell is None:
            return
        row, col = self.cell
        self.cell = None
        if self.has_child or (elem.text or "").strip():
            self.extent.add(row, col)
        if self.has_formula and not self.has_value:
            self.formulas.append(cell_name(row, col))


def walk_sheet(archive: Archive, info: zipfile.ZipInfo, scanner: SheetScanner) -> Walker:
    """Second, exact pass over a sheet with defusedxml ``iterparse``."""
    walker = Walker(scanner)
    try:
        with archive.zip.open(info) as handle:
            _walk_events(handle, walker)
    except DefusedXmlException as exc:
        raise xml_entity(info.filename) from exc
    except ParseError as exc:
        raise bad_zip(f"{info.filename}: {exc}") from exc
    except ZIP_ERRORS as exc:
        raise bad_zip(f"{info.filename}: {exc}") from exc
    return walker


def _walk_events(handle, walker: Walker) -> None:
    """Feed the iterparse events of one sheet to the walker."""
    names: dict[str, str] = {}
    for event, elem in safe_et.iterparse(handle, events=("start", "end"), forbid_dtd=True):
        name = names.get(elem.tag)
        if name is None:
            name = local(elem.tag)
            if len(names) < _NAME_CACHE:
                names[elem.tag] = name
        if event == "start":
            walker.start(elem, name)
        else:
            walker.end(elem, name)
