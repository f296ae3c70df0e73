"""xlsx uploads: which parts readers load, streamed through the checks; embedded objects; links."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import unquote

from sheets.safety._common import (
    Limits,
    RefusedFile,
    ScanResult,
    cell_name,
    check_total,
    embedded_macro,
    macro,
    mb,
    refuse,
)
from sheets.safety._kind import mismatch
from sheets.safety._strike import struck_cells
from sheets.safety._xml import (
    SHEET_ROOTS,
    Collector,
    ContentTypes,
    SheetScanner,
    local,
    parse_xml,
    walk_sheet,
)
from sheets.safety._zip import Archive, bad_zip, entry_key

# Sheets walked element by element, in total per upload [bytes]. The walk costs about
# 0.2 s/MB: unusual cell markup (which can hide far cells) gets a budget that keeps a refusal
# under 2 s; formulas without a cached value (harmless, slow to list) a larger one.
WALK_IRREGULAR_CAP = 4 * 1024 * 1024
WALK_FORMULA_CAP = 32 * 1024 * 1024

_XML_SUFFIXES = (".xml", ".vml")
_MACRO_DOCUMENTS = (".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".xlsb", ".pptm", ".potm",
                    ".ppsm", ".ppam", ".sldm")
_XLSB_PARTS = ("xl/workbook.bin", "xl/sharedstrings.bin", "xl/styles.bin")
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_REL_WORKBOOK = "/officeDocument"
_REL_STRINGS = "/sharedStrings"


def _utf16_name(name: str) -> bytes:
    """A regular expression for a directory entry name in UTF-16LE, NUL-terminated."""
    return b"".join(re.escape(ch.encode()) + b"\x00" for ch in name) + b"\x00\x00"


# Storages that hold VBA in Office compound files (Excel, Word, PowerPoint), as directory
# entry names; and traces of a macro-enabled package or file inside an OLE object.
_OLE_VBA = re.compile(rb"(?<![A-Za-z0-9_]\x00)(?:"
                      + b"|".join(_utf16_name(n) for n in ("_VBA_PROJECT_CUR", "_VBA_PROJECT",
                                                             "VBA", "Macros")) + rb")", re.I)
_OLE_MACRO_TRACE = re.compile(rb"vbaproject|macroenabled|\.(?:docm|dotm|xlsm|xltm|xlam|xlsb"
                              rb"|pptm|potm|ppsm|ppam|sldm)\x00", re.I)
_OLE_OVERLAP = 64              # bytes kept between chunks so no name is split [bytes]
_VBA_RELATIONSHIP = re.compile(rb"(?i)relationships/vbaProject|relationships/wordVbaData")


# --------------------------------------------------------------------------- the scan


def scan_xlsx(data: bytes, name: str, limits: Limits) -> ScanResult:
    """Stream every entry of an xlsx through the checks; walk sheets that need it.

    Raises
    ------
    RefusedFile
        When a rule is broken.
    """
    archive = Archive(data, limits)
    _check_foreign_parts(archive, name)
    layout = _layout(archive)
    streamed = _stream_all(archive, layout, name)
    sheets = [pair for pair in streamed.sheets if pair[1].is_sheet]
    formulas = _finish_sheets(archive, sheets)
    check_total([(scanner.sheet, scanner.max_row, scanner.max_col,
                  layout.reads.get(entry_key(info.filename), 1)) for info, scanner in sheets],
                limits)
    order = {key: i for i, key in enumerate(layout.sheets)}
    sheets.sort(key=lambda pair: order.get(entry_key(pair[0].filename), len(order)))
    extents = {}
    for _info, scanner in sheets:
        if scanner.max_row and scanner.max_col:
            extents.setdefault(scanner.sheet, cell_name(scanner.max_row, scanner.max_col))
    warnings = _link_warnings(archive, streamed.rels)
    hidden, folded = {}, {}
    for _info, scanner in sheets:
        shown_later = set(scanner.hidden_rows) if scanner.filtered else scanner.grouped_rows
        rows = frozenset(scanner.hidden_rows - shown_later)
        if rows or scanner.hidden_cols:
            hidden[scanner.sheet] = (rows, frozenset(scanner.hidden_cols))
        if shown_later:
            folded[scanner.sheet] = frozenset(shown_later)
    struck = struck_cells(data, archive.limits, [(info, sc.sheet) for info, sc in sheets])
    return ScanResult("xlsx", tuple(formulas), extents, warnings, hidden, folded, struck)


def _check_foreign_parts(archive: Archive, name: str) -> None:
    """Refuse VBA, macro sheets, embedded macro documents and other formats' parts.

    python-calamine tries its xlsb and ods readers when the xlsx reader fails, so a part
    those readers start from (``xl/workbook.bin``, ``mimetype``) is refused outright.
    """
    for key, info in archive.by_name.items():
        if "vbaproject" in key or key.startswith("xl/macrosheets/"):
            raise macro(name)
        if key in _XLSB_PARTS or key.endswith(".bin.rels") or (
                key.startswith("xl/worksheets/") and key.endswith(".bin")):
            raise macro(name)
        if key == "mimetype":
            raise mismatch(name, "xlsx", "ods")
        if key.endswith(_MACRO_DOCUMENTS):
            raise embedded_macro(name, info.filename)


# --------------------------------------------------------------------------- which parts


@dataclass
class _Layout:
    """Parts some reader loads as worksheets (key → sheet name) or as shared strings."""

    sheets: dict[str, str] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    reads: dict[str, int] = field(default_factory=dict)   # key → <sheet> entries naming it


def _relationships(archive: Archive, rels_path: str
                   ) -> tuple[list[tuple[str, str, str, bool]], bytes]:
    """``(Id, Type, Target, external)`` of every relationship in a ``.rels`` part, and the
    part's bytes (empty when absent)."""
    data = archive.read_part(rels_path, Collector)
    if data is None:
        return [], b""
    found = []
    for elem in parse_xml(rels_path, data).iter():
        target = elem.get("Target")
        if local(elem.tag) != "Relationship" or not target:
            continue
        external = (elem.get("TargetMode") or "").lower() == "external"
        found.append((elem.get("Id", ""), elem.get("Type", ""), target, external))
    return found, data


def _layout(archive: Archive) -> _Layout:
    """Worksheets and string tables, resolved the way openpyxl and the way calamine do.

    openpyxl follows the package to the workbook and normalises relative targets;
    calamine takes the directory of the (last) workbook relationship, reads
    ``workbook.xml`` there and joins targets to it literally (``xl/../x.xml`` stays so).
    Every part either names, plus ``xl/workbook.xml`` itself, is scanned.
    """
    layout = _Layout()
    rels, data = _relationships(archive, "_rels/.rels")
    documents = [target for _rid, rel_type, target, external in rels
                 if rel_type.endswith(_REL_WORKBOOK) and not external]
    found = False
    for target in documents:
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(target)
        found |= _add_workbook(archive, layout, path, _normalised(posixpath.dirname(path)))
    raw = _raw_targets(data, ("officedocument",))
    bases = {t[: t.rfind("/") + 1].removeprefix("/") for t in [*documents, *raw]} | {"xl/"}
    for base in sorted(bases):
        found |= _add_workbook(archive, layout, base + "workbook.xml", _literal(base))
    if not found:
        raise bad_zip("xl/workbook.xml is missing")
    layout.tables.update(key for key in archive.by_name
                         if posixpath.basename(key) == "sharedstrings.xml")
    return layout


def _normalised(base: str):
    """openpyxl's resolution of a relationship target."""
    def resolve(target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(base, target))
    return resolve


def _literal(base: str):
    """calamine's resolution of a relationship target."""
    def resolve(target: str) -> str:
        return target[1:] if target.startswith("/") else base + target
    return resolve


def _add_workbook(archive: Archive, layout: _Layout, workbook: str, resolve) -> bool:
    """Add the sheets and string tables one workbook part names; False if it is absent."""
    data = archive.read_part(workbook, Collector)
    if data is None:
        return False
    directory, base = posixpath.split(workbook)
    rels, raw_rels = _relationships(archive, posixpath.join(directory, "_rels", base + ".rels"))
    targets = {}
    for rid, rel_type, target, external in rels:
        if external:
            continue
        if rel_type.endswith(_REL_STRINGS):
            layout.tables.add(entry_key(resolve(target)))
        elif rel_type.rpartition("/")[2].lower() in SHEET_ROOTS:
            targets[rid] = entry_key(resolve(target))
    for raw in _raw_targets(raw_rels, SHEET_ROOTS):
        layout.sheets.setdefault(entry_key(resolve(raw)), PurePath(raw).stem)
    reads: dict[str, int] = {}
    for elem in parse_xml(workbook, data).iter():
        if local(elem.tag) != "sheet":
            continue
        rids = [v for k, v in elem.attrib.items() if local(k).rpartition(":")[2] == "id"]
        key = targets.get(rids[-1]) if rids else None
        if key:
            layout.sheets.setdefault(key, elem.get("name") or rids[-1])
            reads[key] = reads.get(key, 0) + 1
    for key, times in reads.items():
        layout.reads[key] = max(layout.reads.get(key, 0), times)
    return True


_RELATIONSHIP_TAG = re.compile(rb"""<(?:[\w.-]+:)?Relationship\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_RAW_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _raw_targets(data: bytes, kinds: tuple[str, ...]) -> list[str]:
    """Targets holding ``&`` of relationships of the given kinds, as written (calamine does
    not unescape attribute values: ``Target="a&amp;b.xml"`` is ``a&amp;b.xml`` to it)."""
    found = []
    for tag in _RELATIONSHIP_TAG.finditer(data):
        attrs = {m[1]: m[2] if m[2] is not None else m[3] for m in _RAW_ATTRIBUTE.finditer(tag[1])}
        target, rel_type = attrs.get(b"Target", b""), attrs.get(b"Type", b"")
        kind = rel_type.rpartition(b"/")[2].decode("utf-8", "replace").lower()
        if b"&" in target and kind in kinds:
            found.append(target.decode("utf-8", "replace"))
    return found


# --------------------------------------------------------------------------- streaming


@dataclass
class _Streamed:
    """What streaming every entry gathered."""

    sheets: list[tuple[zipfile.ZipInfo, SheetScanner]] = field(default_factory=list)
    rels: dict[str, bytes] = field(default_factory=dict)


class _Embedded:
    """A part not named as XML: an OLE object or a package is checked, XML scanned.

    OLE compound files are searched for VBA storages as they stream; zip packages are kept
    (up to ``limits.max_bytes``) and opened once complete; a part that starts like XML is
    scanned like any XML part (whatever its name, a reader may be pointed at it).
    """

    def __init__(self, part: str, limits: Limits, name: str):
        self.part = part
        self.limits = limits
        self.name = name
        self.kind: str | None = None
        self.xml: SheetScanner | None = None
        self._tail = b""
        self._chunks: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        if self.kind is None:
            self.kind = _content_kind(chunk)
            if self.kind == "xml":
                self.xml = SheetScanner(self.part, PurePath(self.part).stem, self.limits,
                                        named=False, check_dtd=False)
        if self.kind == "xml":
            self.xml.feed(chunk)
        elif self.kind == "ole":
            window = self._tail + chunk
            if _OLE_VBA.search(window) or _OLE_MACRO_TRACE.search(window):
                raise embedded_macro(self.name, self.part)
            self._tail = window[-_OLE_OVERLAP:]
        elif self.kind == "zip":
            self._size += len(chunk)
            if self._size > self.limits.max_bytes:
                raise _too_large_to_check(self.part, self.limits)
            self._chunks.append(chunk)

    def close(self) -> None:
        """Finish an XML scan; a package is opened by :func:`_check_package`."""
        if self.xml is not None:
            self.xml.close()

    def package(self) -> bytes | None:
        """The whole part when it is a zip package, else None."""
        return b"".join(self._chunks) if self.kind == "zip" else None


def _content_kind(head: bytes) -> str:
    """``ole``, ``zip``, ``xml`` or ``other``, from a part's first bytes."""
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    return "other"


def _too_large_to_check(part: str, limits: Limits) -> RefusedFile:
    """The refusal for an embedded package too large to open safely."""
    cap = mb(limits.max_bytes)
    return refuse(
        "zip_bomb",
        f"该 .xlsx 中嵌入的文件“{part}”解压后超过 {cap} MB，无法安全检查，已拒绝。请删除该嵌入对象后"
        "另存为新文件再上传。",
        f"The file '{part}' embedded in this .xlsx unpacks to more than {cap} MB and cannot be "
        "checked safely; it was refused: delete the embedded object, save as a new file and "
        "upload again.",
    )


class _Tee:
    """Feeds one entry to several checks (a part that is, say, a sheet and a ``.rels``)."""

    def __init__(self, sinks: list):
        self.sinks = sinks

    def feed(self, chunk: bytes) -> None:
        for sink in self.sinks:
            sink.feed(chunk)

    def close(self) -> None:
        for sink in self.sinks:
            sink.close()


def _sinks(info: zipfile.ZipInfo, key: str, layout: _Layout, limits: Limits, name: str
           ) -> list:
    """The checks an entry streams into."""
    table = key in layout.tables
    sinks: list = []
    if key == "[content_types].xml":
        sinks.append(ContentTypes(info.filename, limits, name))
    if key.endswith(".rels"):
        sinks.append(Collector(info.filename, limits))
    if key in layout.sheets:
        sinks.append(SheetScanner(info.filename, layout.sheets[key], limits, True, table))
    elif key.endswith(_XML_SUFFIXES) or table:
        named = key.startswith("xl/worksheets/")
        sinks.append(SheetScanner(info.filename, PurePath(info.filename).stem, limits, named,
                                  table))
    return sinks or [_Embedded(info.filename, limits, name)]


def _stream_all(archive: Archive, layout: _Layout, name: str) -> _Streamed:
    """Stream every entry through its checks; keep sheet scanners and relationship parts."""
    streamed = _Streamed()
    for info in archive.zip.infolist():
        key = entry_key(info.filename)
        sinks = _sinks(info, key, layout, archive.limits, name)
        archive.stream(info, sinks[0] if len(sinks) == 1 else _Tee(sinks))
        for sink in sinks:
            if isinstance(sink, SheetScanner):
                streamed.sheets.append((info, sink))
            elif isinstance(sink, Collector) and key.endswith(".rels"):
                streamed.rels[info.filename] = sink.data()
            elif isinstance(sink, _Embedded):
                if sink.xml is not None:
                    streamed.sheets.append((info, sink.xml))
                elif (package := sink.package()) is not None:
                    _check_package(archive, info.filename, package, name)
    return streamed


def _check_package(archive: Archive, part: str, data: bytes, name: str) -> None:
    """An embedded zip (docx, pptx, xlsx…), one level deep, counted in the upload's budget.

    Refused when it holds a VBA project, macro sheets or macro documents by name, or
    declares macro content types or a VBA relationship.
    """
    try:
        inner = Archive(data, archive.limits, archive.budget)
        for key, info in inner.by_name.items():
            if ("vbaproject" in key or "macrosheets/" in key or key.endswith(_MACRO_DOCUMENTS)
                    or key.endswith(".bin.rels")):
                raise embedded_macro(name, part)
            if key == "[content_types].xml":
                inner.stream(info, ContentTypes(f"{part}/{info.filename}", archive.limits))
            elif key.endswith(".rels"):
                sink = Collector(f"{part}/{info.filename}", archive.limits)
                inner.stream(info, sink)
                if _VBA_RELATIONSHIP.search(sink.data()):
                    raise embedded_macro(name, part)
    except RefusedFile as refusal:
        if refusal.code == "macro":
            raise embedded_macro(name, part) from refusal
        raise _in_embedded(part, refusal) from refusal


def _in_embedded(part: str, refusal: RefusedFile) -> RefusedFile:
    """A refusal of an embedded package, saying which one."""
    return refuse(refusal.code, f"嵌入的文件“{part}”：{refusal.message_zh}",
                  f"Embedded file '{part}': {refusal.message_en}", refusal.cell)


# --------------------------------------------------------------------------- exact walks


def _finish_sheets(archive: Archive, sheets: list[tuple[zipfile.ZipInfo, SheetScanner]]
                   ) -> list[tuple[str, str]]:
    """Walk the sheets the regular scan could not settle; collect formulas without value."""
    formulas: list[tuple[str, str]] = []
    walked = {"irregular": 0, "formula": 0}
    caps = {"irregular": WALK_IRREGULAR_CAP, "formula": WALK_FORMULA_CAP}
    # Unusual markup first: it may hide a far cell, and refusing should not wait.
    pending = sorted((pair for pair in sheets if pair[1].irregular or pair[1].formula_suspect),
                     key=lambda pair: not pair[1].irregular)
    for info, scanner in pending:
        reason = "irregular" if scanner.irregular else "formula"
        walked[reason] += info.file_size
        if walked[reason] > caps[reason]:
            raise _too_irregular(scanner.sheet, caps[reason])
        walker = walk_sheet(archive, info, scanner)
        scanner.max_row, scanner.max_col = walker.extent.max_row, walker.extent.max_col
        formulas.extend((scanner.sheet, cell) for cell in walker.formulas)
    return formulas


def _too_irregular(sheet: str, cap_bytes: int) -> RefusedFile:
    """The refusal for sheets too large to walk within the time budget."""
    cap = mb(cap_bytes)
    return refuse(
        "too_large",
        f"工作表“{sheet}”（连同之前的工作表）超过 {cap} MB，且含有未计算的公式或非常规的单元格写法，"
        "无法在限定时间内安全检查。请用 Excel 或 WPS 打开并保存（会计算公式）后重新上传。",
        f"Sheet '{sheet}' (with the sheets before it) is larger than {cap} MB and holds "
        "uncalculated formulas or unusual cell markup, so it cannot be checked safely in time: "
        "open and save it in Excel or WPS (which calculates the formulas) and upload again.",
    )


# --------------------------------------------------------------------------- links


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MAX_LISTED = 5


def _link_warnings(archive: Archive, rels: dict[str, bytes]) -> tuple[tuple[str, str], ...]:
    """Warnings naming links to other workbooks and objects linked to outside files."""
    books: list[str] = []
    objects: list[str] = []
    for part, data in rels.items():
        for elem in parse_xml(part, data).iter():
            if local(elem.tag) != "Relationship":
                continue
            if (elem.get("TargetMode") or "").lower() != "external":
                continue
            rel_type = (elem.get("Type") or "").lower()
            target = _shown(elem.get("Target") or "")
            if "externallink" in rel_type or "xlexternallinkpath" in rel_type:
                books.append(target)
            elif rel_type.endswith("/oleobject"):
                objects.append(target)
    linked_parts = any(key.startswith("xl/externallinks/") for key in archive.by_name)
    warnings = []
    if books or linked_parts:
        zh_list, en_list = _listed(books) if books else ("位置未知", "location unknown")
        warnings.append((
            f"该文件链接了其他工作簿（{zh_list}）。导入的是文件中保存的数值，可能与在 Excel 中刷新链接后"
            "显示的不同；如需一致，请在 Excel 中“数据 → 编辑链接 → 断开链接”后重新保存上传。",
            f"This file links to other workbooks ({en_list}). The values imported are those "
            "saved in the file and may differ from what Excel shows after updating the links; "
            "to be sure, break the links in Excel (Data → Edit Links → Break Link), save and "
            "upload again.",
        ))
    if objects:
        zh_list, en_list = _listed(objects)
        warnings.append((
            f"该文件包含链接到外部文件的对象（{zh_list}），这些对象的内容不会被导入。",
            f"This file holds objects linked to outside files ({en_list}); their contents "
            "are not imported.",
        ))
    return tuple(warnings)


def _listed(targets: list[str]) -> tuple[str, str]:
    """The first few distinct targets, joined for the Chinese and the English message."""
    shown = list(dict.fromkeys(targets))[:_MAX_LISTED]
    return "、".join(shown), ", ".join(shown)


def _shown(target: str) -> str:
    """A link target fit to show: percent-escapes decoded, no control characters, at most
    80 characters."""
    text = _CONTROL.sub("", unquote(target)).strip()
    return text if len(text) <= 80 else text[:77] + "…"

