"""Word documents (.docx): the workbook's archive rules, and no macros anywhere inside.

A .docx is never parsed by us; it is stored and handed back to the people who open it in
Word or WPS. The archive still gets every bound of an upload (:class:`._zip.Archive`: one end
record, the entry count, twin names, declared sizes), every entry is streamed within the
unpacked budget, XML parts may not declare a DTD or entities, and a VBA project, a
macro-enabled content type or relationship, an OLE object holding VBA or an embedded
macro document is refused.
"""

from __future__ import annotations

from sheets.safety._common import Limits, RefusedFile, refuse
from sheets.safety._xlsx import _MACRO_DOCUMENTS, _VBA_RELATIONSHIP, _check_package, _Embedded
from sheets.safety._xml import Collector, ContentTypes, XmlScanner
from sheets.safety._zip import Archive, bad_zip, entry_key

_MAIN_PART = "word/document.xml"


def docx_macro(name: str) -> RefusedFile:
    """The refusal for a Word document that carries macros."""
    return refuse(
        "macro",
        f"文件“{name}”含有宏（VBA）或启用宏的内容，出于安全原因不能上传。"
        "请在 Word 或 WPS 中另存为“Word 文档 (*.docx)”或 PDF 后重新上传。",
        f"'{name}' carries macros (VBA) or macro-enabled content, refused for safety: save it "
        "in Word or WPS as 'Word Document (*.docx)' or as PDF and upload again.",
    )


def _sink(key: str, part: str, limits: Limits, name: str):
    if key == "[content_types].xml":
        return ContentTypes(part, limits, name)
    if key.endswith(".rels"):
        return Collector(part, limits)
    if key.endswith(".xml"):
        return XmlScanner(part, limits)
    return _Embedded(part, limits, name)


def scan_docx(data: bytes, name: str, limits: Limits) -> None:
    """Check a .docx's raw bytes; raise :class:`RefusedFile` when it breaks a rule."""
    archive = Archive(data, limits)
    if _MAIN_PART not in archive.by_name:
        raise bad_zip(f"{name}: no {_MAIN_PART}")
    try:
        for info in archive.zip.infolist():
            key = entry_key(info.filename)
            if "vbaproject" in key or "vbadata" in key or key.endswith(_MACRO_DOCUMENTS):
                raise docx_macro(name)
            sink = _sink(key, info.filename, limits, name)
            archive.stream(info, sink)
            if isinstance(sink, Collector) and _VBA_RELATIONSHIP.search(sink.data()):
                raise docx_macro(name)
            if isinstance(sink, _Embedded) and (package := sink.package()) is not None:
                _check_package(archive, info.filename, package, name)
    except RefusedFile as refusal:
        if refusal.code == "macro":
            raise docx_macro(name) from refusal
        raise
