"""Check one attached file's bytes: its type from the bytes, then the rules of that type.

The worker's task (:func:`check_material`) for :mod:`energy.subsidy.materials`: it runs in
the isolated worker process (:func:`surveys.intake.isolated`), never in the dashboard's,
because it opens bytes a school sent.

* The type is decided by the first bytes (PDF, PNG, JPEG, zip, OLE2, text) and must be the
  one the file name says; anything else (an ``.pdf`` that is a zip or a web page) is refused,
  saying what the file really is.
* Spreadsheets (.xlsx, .xls, .csv) go through :func:`sheets.safety.prescan`, Word documents
  through :func:`sheets.safety.scan_docx` (zip bombs, macros).
* Pictures: the header gives the size; more than ``max_pixels`` is refused before any pixel
  is decoded (Pillow's ``MAX_IMAGE_PIXELS`` is set to the same bound); the file is verified,
  and a small PNG preview (``preview_px`` on its long side) is drawn here, so the page only
  ever shows pixels the worker re-encoded.
* PDF: refused when encrypted or when any name (``#xx`` escapes decoded) is an active
  content key (:data:`PDF_FORBIDDEN`: JavaScript, Launch actions, embedded files …), in the
  file and in every compressed object stream, inflated within ``max_inflated_bytes``.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from sheets.reader import UnreadableFile
from sheets.safety import Limits, RefusedFile, prescan, scan_docx

_MIB = 1024 * 1024

# Extension → kind; kind → media type.
KINDS = {".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".xlsx": "xlsx",
         ".xls": "xls", ".csv": "csv", ".docx": "docx"}
MEDIA_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel", "csv": "text/csv",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
IMAGE_KINDS = ("png", "jpeg")
# PDF names that run or carry something beyond the page: scripts, actions, attachments.
PDF_FORBIDDEN = frozenset({b"JS", b"JavaScript", b"Launch", b"EmbeddedFile", b"EmbeddedFiles",
                           b"RichMedia"})
# Names short enough to occur by chance in a picture's bytes: looked for outside stream data
# only (a script action always names /JavaScript as well, which is looked for everywhere).
_PDF_SHORT = frozenset({b"JS"})

# What the first bytes say a file is: (kind or look, zh, en).
_LOOKS = {"pdf": ("PDF 文档", "a PDF document"), "png": ("PNG 图片", "a PNG picture"),
          "jpeg": ("JPEG 图片", "a JPEG picture"), "gif": ("GIF 图片", "a GIF picture"),
          "zip": ("压缩包或 Office 文档（zip）", "a zip archive or Office document"),
          "ole": ("旧版 Office 文件", "an old-format Office file"),
          "html": ("网页（HTML）", "a web page (HTML)"), "text": ("纯文本", "plain text"),
          "binary": ("无法识别的二进制文件", "an unrecognised binary file")}
# Which looks each kind may have (its own checks then decide).
_EXPECTED = {"pdf": {"pdf"}, "png": {"png"}, "jpeg": {"jpeg"}, "xlsx": {"zip"}, "xls": {"ole"},
             "csv": {"text"}, "docx": {"zip"}}

_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]{1,127})")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PDF_DICT_WINDOW = 2048        # bytes before a "stream" keyword searched for its dictionary
_PNG_ARGS = {"format": "PNG", "optimize": False}


@dataclass(frozen=True)
class MaterialLimits:
    """Bounds an attached file must stay within.

    Attributes
    ----------
    max_bytes : int
        Largest file [bytes].
    max_total_bytes : int
        All active files of one application together [bytes].
    max_files : int
        Most active files of one application [files].
    max_pixels : int
        Largest picture, width × height, read from its header [px].
    max_inflated_bytes : int
        Compressed PDF object streams inflated to look for scripts, in total [bytes].
    preview_px : int
        Long side of a picture's preview [px].
    """

    max_bytes: int = 20 * _MIB
    max_total_bytes: int = 100 * _MIB
    max_files: int = 30
    max_pixels: int = 40_000_000
    max_inflated_bytes: int = 64 * _MIB
    preview_px: int = 1200


DEFAULT_MATERIAL_LIMITS = MaterialLimits()


@dataclass(frozen=True)
class CheckedMaterial:
    """What the worker learned about a file that passed."""

    kind: str
    media_type: str
    width_px: int | None = None
    height_px: int | None = None
    preview: bytes | None = None


def _refuse(code: str, zh: str, en: str) -> UnreadableFile:
    return UnreadableFile(code, zh, en)


def kind_from_name(file_name: str) -> str:
    """The kind a file name says (``pdf`` …); refuse any other ending."""
    ext = PurePath(file_name).suffix.lower()
    if ext not in KINDS:
        raise _refuse("wrong_type", f"不支持扩展名为 {ext or '（无）'} 的文件。请上传 PDF、PNG/JPEG 图片、"
                      "Excel（.xlsx/.xls/.csv）或 Word（.docx）文件。",
                      f"Files ending in {ext or '(nothing)'} are not accepted: upload a PDF, a "
                      "PNG/JPEG picture, a spreadsheet (.xlsx/.xls/.csv) or a Word file (.docx).")
    return KINDS[ext]


def check_name_and_size(data: bytes, file_name: str,
                        limits: MaterialLimits = DEFAULT_MATERIAL_LIMITS) -> str:
    """The kind the name says, for a file neither empty nor too large (no byte is parsed:
    also run before the worker, so that a huge file is never sent to it)."""
    kind = kind_from_name(file_name)
    if not data:
        raise _refuse("empty", "文件是空的（0 字节）。", "the file is empty (0 bytes).")
    if len(data) > limits.max_bytes:
        raise _refuse("too_large", f"文件大小 {len(data) / _MIB:.1f} MB，超过上限 "
                      f"{limits.max_bytes / _MIB:.0f} MB。",
                      f"it is {len(data) / _MIB:.1f} MB, above the "
                      f"{limits.max_bytes / _MIB:.0f} MB limit.")
    return kind


def looks_like(data: bytes) -> str:
    """What the first bytes say the file is (a key of the looks table)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"GIF8"):
        return "gif"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        return "ole"
    if b"\x00" in data[:65536]:
        return "binary"
    probe = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<?xml",
                         b"<svg")):
        return "html"
    return "text"


def _check_type(data: bytes, file_name: str, kind: str) -> None:
    looks = looks_like(data)
    if looks in _EXPECTED[kind]:
        return
    ext = PurePath(file_name).suffix.lower()
    zh, en = _LOOKS[looks]
    raise _refuse("wrong_type", f"扩展名是 {ext}，但实际内容是{zh}，不予接收。",
                  f"it is named {ext} but is really {en}, and is refused.")


def check_material(data: bytes, file_name: str,
                   limits: MaterialLimits = DEFAULT_MATERIAL_LIMITS) -> CheckedMaterial:
    """Check an attached file's bytes (the isolated worker's task).

    Raises
    ------
    sheets.reader.UnreadableFile
        ``code`` says why (``wrong_type``, ``too_large``, ``encrypted``, ``pdf_active``,
        ``image_too_large``, ``bad_image``, ``bad_pdf`` or a prescan code such as
        ``zip_bomb`` or ``macro``); the messages say it in Chinese and English.
    """
    kind = check_name_and_size(data, file_name, limits)
    _check_type(data, file_name, kind)
    try:
        if kind == "pdf":
            check_pdf(data, limits)
        elif kind in IMAGE_KINDS:
            return check_image(data, kind, limits)
        elif kind == "docx":
            scan_docx(data, file_name, Limits(max_bytes=limits.max_bytes))
        else:
            prescan(data, file_name, Limits(max_bytes=limits.max_bytes))
    except RefusedFile as refusal:
        raise _refuse(refusal.code, refusal.message_zh, refusal.message_en) from None
    return CheckedMaterial(kind, MEDIA_TYPES[kind])


# --- PDF ------------------------------------------------------------------------------------

def pdf_names(data: bytes) -> set[bytes]:
    """Every PDF name in ``data`` (``/JavaScript``, also written ``/J#61vaScript``)."""
    return {_PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), m.group(1))
            for m in _PDF_NAME.finditer(data)}


def _object_streams(data: bytes, budget: int):
    """The inflated content of every compressed object stream, within ``budget`` [bytes]."""
    for match in _PDF_STREAM.finditer(data):
        head = data[max(0, match.start() - _PDF_DICT_WINDOW):match.start()]
        located = b" obj" in head   # else a padded dictionary: inflated in any case
        if located and b"ObjStm" not in pdf_names(head[head.rfind(b" obj"):]):
            continue
        try:
            out = zlib.decompressobj().decompress(data[match.end():], budget + 1)
        except zlib.error:
            if not located:
                continue
            raise _refuse("bad_pdf", "文件中有无法检查的压缩对象流，不予接收。请用常用软件重新导出 PDF 后上传。",
                          "it holds a compressed object stream that cannot be checked: export "
                          "the PDF again with a common program and upload it.") from None
        budget -= len(out)
        if budget < 0:
            raise _refuse("bad_pdf", "文件的压缩内容解压后过大（疑似“压缩炸弹”），无法安全检查，不予接收。",
                          "its compressed content unpacks to too much (a likely 'zip bomb') "
                          "to be checked safely, and is refused.")
        yield out


def _outside_streams(data: bytes) -> bytes:
    """The file without the data of its streams (from ``stream`` to ``endstream``)."""
    parts, start = [], 0
    for match in _PDF_STREAM.finditer(data):
        if match.start() < start:
            continue
        parts.append(data[start:match.start()])
        end = data.find(b"endstream", match.end())
        start = len(data) if end < 0 else end
    parts.append(data[start:])
    return b" ".join(parts)


def check_pdf(data: bytes, limits: MaterialLimits = DEFAULT_MATERIAL_LIMITS) -> None:
    """Refuse an encrypted PDF, or one with scripts, launch actions or embedded files."""
    names = (pdf_names(data) - _PDF_SHORT) | pdf_names(_outside_streams(data))
    for inflated in _object_streams(data, limits.max_inflated_bytes):
        names |= pdf_names(inflated)
    if b"Encrypt" in names:
        raise _refuse("encrypted", "PDF 设有密码或已加密，无法检查。请取消密码后重新导出再上传。",
                      "the PDF is password-protected or encrypted and cannot be checked: "
                      "remove the password, export it again and upload it.")
    found = sorted(n.decode("latin-1") for n in names & PDF_FORBIDDEN)
    if found:
        listed = ", ".join(f"/{n}" for n in found)
        raise _refuse("pdf_active", f"PDF 含有脚本、启动程序的动作或嵌入文件（{listed}），出于安全原因不予接收。"
                      "请用“打印为 PDF”重新生成后上传。",
                      f"the PDF carries scripts, launch actions or embedded files ({listed}) "
                      "and is refused for safety: 'print to PDF' again and upload that.")


# --- pictures -------------------------------------------------------------------------------

def _too_many_pixels(width: int, height: int, limits: MaterialLimits) -> UnreadableFile:
    return _refuse("image_too_large",
                   f"图片为 {width:,} × {height:,} 像素，超过上限 {limits.max_pixels:,} 像素"
                   "（疑似“解压炸弹”）。请缩小后重新上传。",
                   f"the picture is {width:,} × {height:,} pixels, more than the "
                   f"{limits.max_pixels:,} allowed (a likely decompression bomb): make it "
                   "smaller and upload again.")


def check_image(data: bytes, kind: str,
                limits: MaterialLimits = DEFAULT_MATERIAL_LIMITS) -> CheckedMaterial:
    """Size from the header, then verified and a preview drawn (in the worker)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    fmt = "PNG" if kind == "png" else "JPEG"
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            width, height = image.size
            if width * height > limits.max_pixels:
                raise _too_many_pixels(width, height, limits)
            image.verify()
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            image.draft("RGB", (limits.preview_px, limits.preview_px))
            image.thumbnail((limits.preview_px, limits.preview_px))
            shown = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            out = io.BytesIO()
            shown.save(out, **_PNG_ARGS)
    except Image.DecompressionBombError:
        raise _too_many_pixels(*_header_size(data), limits) from None
    except UnreadableFile:
        raise
    except Exception as exc:   # Pillow says a damaged file many ways (OSError, SyntaxError …)
        raise _refuse("bad_image", f"图片已损坏，无法读取（{type(exc).__name__}）。请重新导出后上传。",
                      f"the picture is damaged and cannot be read ({type(exc).__name__}): "
                      "export it again and upload it.") from None
    return CheckedMaterial(kind, MEDIA_TYPES[kind], width, height, out.getvalue())


def _header_size(data: bytes) -> tuple[int, int]:
    if data.startswith(b"\x89PNG") and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 0, 0
