"""Struck-through cells (sheets.safety._strike): found from the styles, bounded."""

from __future__ import annotations

import io

import xlsxwriter

from sheets.safety import prescan
from sheets.safety._strike import MAX_STRUCK, struck_formats

STYLES = (b'<styleSheet><fonts count="3"><font><sz val="11"/></font><font><strike/><sz val="11"/>'
          b'</font><font><strike val="0"/></font></fonts><cellXfs count="4">'
          b'<xf fontId="0"/><xf fontId="1" applyFont="1"/><xf fontId="2"/><xf fontId="1"/>'
          b'</cellXfs></styleSheet>')


def test_formats_whose_font_is_struck():
    assert struck_formats(STYLES) == {1, 3}
    assert struck_formats(b"<styleSheet><fonts><font/></fonts></styleSheet>") == frozenset()


def _book(struck_rows: range, n_rows: int = 10) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("表")
    strike = book.add_format({"font_strikeout": True})
    for i in range(n_rows):
        sheet.write_row(i, 0, [f"楼{i}", 100 + i], strike if i in struck_rows else None)
    book.close()
    return buffer.getvalue()


def test_the_prescan_names_the_struck_cells():
    scan = prescan(_book(range(3, 5)), "a.xlsx")
    assert scan.struck == {"表": frozenset({(4, 0), (4, 1), (5, 0), (5, 1)})}
    assert prescan(_book(range(0)), "a.xlsx").struck == {}


def test_struck_cells_are_kept_up_to_a_bound():
    n = MAX_STRUCK // 2 + 100  # two struck cells a row
    scan = prescan(_book(range(n), n_rows=n), "a.xlsx")
    assert len(scan.struck["表"]) == MAX_STRUCK
