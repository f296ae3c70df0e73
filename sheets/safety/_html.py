"""HTML tables saved as "xls": what many web systems export and Excel opens without a word.

A district's or a school's management system often offers "导出Excel" and writes an HTML
page with one ``<table>`` named ``.xls``. Excel and WPS open it, so schools send it on. It is
read here, bounded like every other upload: the standard library's event parser (no tree is
built), rows, columns and cells counted as they come, ``colspan`` and ``rowspan`` capped,
scripts and styles ignored; the result is the grid of the first table holding most cells, with
its merged ranges.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

from sheets.safety._common import (
    Limits,
    ScanResult,
    cell_name,
    far_cell,
    refuse,
    too_many_cells,
)

MAX_SPAN = 256  # a colspan or rowspan above this is clipped to it [cells]
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """The page's text: the charset it declares, else UTF-8, else GB18030."""
    declared = _CHARSET.search(data[:4096])
    tried = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*tried, "utf-8", "gb18030"]:
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"  # a superset: pages saying gb2312 hold GBK characters
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


class _Tables(HTMLParser):
    """Collects the cells of every ``<table>``; refuses what breaks ``limits``."""

    def __init__(self, sheet: str, limits: Limits):
        super().__init__(convert_charrefs=True)
        self.sheet, self.limits = sheet, limits
        self.tables: list[tuple[list[list], list]] = []
        self._rows: list[list] | None = None
        self._merges: list = []
        self._taken: set[tuple[int, int]] = set()
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._skip = 0  # inside <script> or <style>
        self._cells = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table" and self._rows is None:
            self._rows, self._merges, self._taken = [], [], set()
        elif tag == "tr" and self._rows is not None:
            self._end_cell()
            self._rows.append([])
            if len(self._rows) > self.limits.max_rows:
                raise far_cell(self.sheet, cell_name(len(self._rows), 1), self.limits)
        elif tag in ("td", "th") and self._rows is not None:
            self._end_cell()
            if not self._rows:
                self._rows.append([])
            values = dict(attrs)
            self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "table" and self._rows is not None:
            self._end_cell()
            self.tables.append((self._rows, self._merges))
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)
            if sum(map(len, self._cell)) > self.limits.max_field_chars:
                raise far_cell(self.sheet, cell_name(len(self._rows or []), 1), self.limits)

    def _end_cell(self) -> None:
        if self._cell is None or self._rows is None:
            return
        text = " ".join("".join(self._cell).replace("\xa0", " ").split(" ")).strip()
        self._cell = None
        i = len(self._rows) - 1
        row = self._rows[i]
        j = len(row)
        while (i, j) in self._taken:
            j += 1
        rowspan, colspan = self._span
        if j + colspan > self.limits.max_cols:
            raise far_cell(self.sheet, cell_name(i + 1, self.limits.max_cols + 1), self.limits)
        self._cells += rowspan * colspan
        if self._cells > self.limits.max_cells:
            raise too_many_cells(self.sheet, cell_name(i + 1, j + 1), i + 1, j + colspan,
                                 self.limits)
        for di in range(rowspan):
            for dj in range(colspan):
                self._taken.add((i + di, j + dj))
        if rowspan > 1 or colspan > 1:
            self._merges.append(((i, j), (i + rowspan - 1, j + colspan - 1)))
        row.extend([None] * (j - len(row) + 1))
        row[j] = text or None


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def html_table(data: bytes, name: str, limits: Limits) -> tuple[list[list], list]:
    """Rows (text cells, ``None`` for blank) and merged ranges of the page's largest table.

    Raises :class:`~sheets.safety.RefusedFile` when the page breaks ``limits`` or has no
    table.
    """
    sheet = PurePath(name).stem
    parser = _Tables(sheet, limits)
    parser.feed(decode_html(data))
    parser.close()
    parser.handle_endtag("table")
    tables = [t for t in parser.tables if any(any(v is not None for v in r) for r in t[0])]
    if not tables:
        raise refuse("no_table", f"文件“{name}”是网页，但其中没有表格。请用 Excel 或 WPS 打开，"
                     "另存为 .xlsx 格式后重新上传。",
                     f"'{name}' is a web page with no table in it: open it in Excel or WPS, "
                     "save it as .xlsx and upload again.")
    rows, merges = max(tables, key=lambda t: sum(len(r) for r in t[0]))
    width = max(len(r) for r in rows)
    return [r + [None] * (width - len(r)) for r in rows], merges


def scan_html(data: bytes, name: str, limits: Limits) -> ScanResult:
    """Bound an HTML table export; its extent, and the warning that it was read as a page."""
    rows, _ = html_table(data, name, limits)
    extent = {PurePath(name).stem: cell_name(len(rows), max(len(r) for r in rows))}
    warning = (f"文件“{name}”实际是网页表格（常见于从网上系统导出的“xls”），已按表格读取。",
               f"'{name}' is really a web page table (as many web systems export 'xls'); "
               "it was read as a table.")
    return ScanResult("html", (), extent, (warning,))
