"""Size, type and magic bytes: refuse what is not the spreadsheet its name says."""

from __future__ import annotations

from pathlib import PurePath

from sheets.safety._common import Limits, RefusedFile, encrypted, macro, mb, refuse

_TEXT_WINDOW = 64 * 1024       # bytes of a CSV checked for NUL bytes [bytes]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

# .et is WPS's own name for a workbook it saves in the .xls format.
_KINDS = {".xlsx": "xlsx", ".xls": "xls", ".et": "xls", ".csv": "csv", ".txt": "csv"}
# The file endings an uploader offers, from the one table above.
SHEET_EXTENSIONS = tuple(ext.lstrip(".") for ext in _KINDS)
_MACRO_EXTENSIONS = {".xlsm", ".xltm", ".xlsb", ".xlam"}


def check_size(data: bytes, name: str, limits: Limits) -> None:
    """Refuse empty uploads and uploads above ``limits.max_bytes``."""
    if not data:
        raise refuse("empty", f"文件“{name}”是空的（0 字节），请检查后重新上传。",
                      f"'{name}' is empty (0 bytes): check the file and upload again.")
    if len(data) > limits.max_bytes:
        raise refuse(
            "too_large",
            f"文件“{name}”大小 {mb(len(data))} MB，超过上限 {mb(limits.max_bytes)} MB。"
            "请删除无关的工作表、图片后重新保存上传。",
            f"'{name}' is {mb(len(data))} MB, above the {mb(limits.max_bytes)} MB limit: "
            "remove unrelated sheets and pictures, save and upload again.",
        )


def kind_from_name(name: str) -> str:
    """``xlsx``, ``xls`` or ``csv`` from the file extension; refuse anything else."""
    ext = PurePath(name).suffix.lower()
    if ext in _MACRO_EXTENSIONS:
        raise macro(name)
    if ext not in _KINDS:
        shown = ext or "（无）"
        raise refuse(
            "wrong_type",
            f"不支持文件“{name}”的类型（扩展名 {shown}）。请上传 .xlsx、.xls 或 .csv 文件，"
            "可用 Excel 或 WPS 另存为 .xlsx。",
            f"'{name}' has an unsupported type (extension {ext or '(none)'}): upload an .xlsx, "
            ".xls or .csv file; Excel or WPS can save it as .xlsx.",
        )
    return _KINDS[ext]


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


def check_magic(data: bytes, name: str, kind: str) -> str:
    """The kind the file is read as; refuse a file whose content is no spreadsheet of its
    family, saying what it really is.

    A workbook named for the other workbook format (an .xlsx renamed .xls) is read as what
    it is, Excel's "Unicode 文本" (UTF-16) as text, and text named .xls (what old web systems
    export as "Excel") as text; anything else that does not match its extension is refused.
    """
    looks = _sniff(data)
    if looks == "encrypted":
        raise encrypted(name)
    if looks in _EXPECTED[kind]:
        return kind
    if kind in ("xlsx", "xls") and looks in ("xlsx", "xls", "html"):
        return looks  # renamed, or a web system's HTML table saved as "xls"
    if kind == "xls" and looks in ("text", "utf16") and _delimited(data):
        return "csv"  # a web system's 导出Excel: tab-separated text named .xls, as Excel opens it
    if kind == "csv" and looks == "utf16":
        return "csv"
    if kind == "csv" and looks == "binary":
        raise _not_text(name, looks)
    raise mismatch(name, kind, looks)


def _delimited(data: bytes) -> bool:
    """Whether text looks like a table: a tab, comma or semicolon in its first 4 KB (UTF-16
    text has its delimiters as two bytes, the first of which is the ASCII one)."""
    head = data[:4096]
    return any(mark in head for mark in (b"\t", b",", b";"))


def renamed_warning(name: str, kind: str) -> tuple[str, str]:
    """What the user is told when a workbook's extension names the other format."""
    zh, en = _LOOKS[kind]
    return (f"文件“{name}”的扩展名与内容不符，实际是{zh}，已按实际格式读取。",
            f"'{name}' is named as another format but is really {en}; it was read as that.")


def _not_text(name: str, looks: str) -> RefusedFile:
    """The refusal for a CSV that is not plain text."""
    zh, en = _LOOKS[looks]
    advice_zh, advice_en = _ADVICE["csv"]
    return refuse("not_text", f"文件“{name}”不是纯文本 CSV，而是{zh}。{advice_zh}。",
                   f"'{name}' is not a plain-text CSV but {en}: {advice_en}.")


def mismatch(name: str, kind: str, looks: str) -> RefusedFile:
    """The refusal for an extension that lies about the content."""
    ext = PurePath(name).suffix.lower()
    zh, en = _LOOKS[looks]
    advice_zh, advice_en = _ADVICE[kind]
    return refuse("wrong_type", f"文件“{name}”的扩展名是 {ext}，但实际内容是{zh}。{advice_zh}。",
                   f"'{name}' is named {ext} but is really {en}: {advice_en}.")


def _sniff(data: bytes) -> str:
    """What the bytes look like, as a key of ``_LOOKS`` (or ``encrypted``)."""
    if data.startswith(ZIP_MAGIC):
        return _zip_flavour(data)
    if data.startswith(OLE_MAGIC):
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


def utf16(text: str) -> bytes:
    """A stream name as it appears in an OLE2 directory (UTF-16LE)."""
    return text.encode("utf-16-le")


def _ole_flavour(data: bytes) -> str:
    """Which OLE2 compound file: its directory names its streams in UTF-16."""
    if utf16("EncryptedPackage") in data:
        return "encrypted"
    if utf16("Workbook") in data or utf16("Book") in data:
        return "xls"
    if utf16("WordDocument") in data:
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
