"""Cells written struck through (删除线): a school's way of deleting a building it still shows.

Fonts live in ``xl/styles.xml``; a cell names its format by index (``<c r="A8" s="5">``).
Most workbooks have no struck font at all, so the sheets are walked a second time only when
one exists, and only for the cells that use it. Both steps are bounded like the pre-scan:
the styles part is read only when small, and at most :data:`MAX_STRUCK` cells are kept.
"""

from __future__ import annotations

import re
import zipfile

from sheets.safety._common import Limits
from sheets.safety._zip import Archive, entry_key

STYLES_CAP = 4 * 1024 * 1024  # a styles part larger than this is not searched [bytes]
MAX_STRUCK = 20_000            # struck cells kept per workbook

_FONTS = re.compile(rb"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", re.S)
_FONT = re.compile(rb"<(?:\w+:)?font\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?font>)", re.S)
_STRIKE_ON = re.compile(rb"<(?:\w+:)?strike\b(?![^>]*\bval=\"(?:0|false)\")")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_FONT_ID = re.compile(rb"\bfontId=\"(\d+)\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b[^>]*>")
_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d{1,7})\"")
_STYLE = re.compile(rb"\bs=\"(\d+)\"")


def struck_formats(styles: bytes) -> frozenset[int]:
    """Indices of the cell formats (``cellXfs``) whose font is struck through."""
    fonts = _FONTS.search(styles)
    xfs = _CELL_XFS.search(styles)
    if fonts is None or xfs is None:
        return frozenset()
    struck_fonts = {i for i, font in enumerate(_FONT.finditer(fonts[1]))
                    if font[1] and _STRIKE_ON.search(font[1])}
    if not struck_fonts:
        return frozenset()
    found = set()
    for i, xf in enumerate(_XF.findall(xfs[1])):
        font = _FONT_ID.search(xf)
        if font and int(font[1]) in struck_fonts:
            found.add(i)
    return frozenset(found)


class StruckCells:
    """A sink for a worksheet's XML that keeps the cells using a struck format."""

    def __init__(self, formats: frozenset[int], found: set[tuple[int, int]]):
        self.formats = formats
        self.found = found
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        buffer = self._tail + chunk
        cut = buffer.rfind(b">") + 1
        self._tail = buffer[cut:][-4096:]  # a tag split across chunks, bounded
        for tag in _CELL_TAG.findall(buffer[:cut]):
            if len(self.found) >= MAX_STRUCK:
                return
            style, ref = _STYLE.search(tag), _REF.search(tag)
            if style and ref and int(style[1]) in self.formats:
                self.found.add((int(ref[2]), _column(ref[1])))

    def close(self) -> None:
        self._tail = b""


def _column(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


class _Capped:
    """Keeps at most :data:`STYLES_CAP` bytes of a part; marks a larger part as too large."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size <= STYLES_CAP:
            self.chunks.append(chunk)

    def close(self) -> None:
        pass


def struck_cells(data: bytes, limits: Limits, sheets: list[tuple[zipfile.ZipInfo, str]]
                 ) -> dict[str, frozenset[tuple[int, int]]]:
    """Sheet name → (Excel row, zero-based column) of every struck-through cell.

    ``sheets`` pairs each worksheet entry with its sheet name. Called after the pre-scan
    passed, with an archive of its own so the second walk has a budget of its own.
    """
    archive = Archive(data, limits)
    info = archive.by_name.get("xl/styles.xml")
    if info is None:
        return {}
    styles = _Capped()
    archive.stream(info, styles)
    if styles.size > STYLES_CAP:
        return {}
    formats = struck_formats(b"".join(styles.chunks))
    if not formats:
        return {}
    out = {}
    for sheet_info, name in sheets:
        found: set[tuple[int, int]] = set()
        archive.stream(archive.by_name.get(entry_key(sheet_info.filename), sheet_info),
                       StruckCells(formats, found))
        if found:
            out[name] = frozenset(found)
    return out
