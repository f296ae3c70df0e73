"""Text written by schools and applicants never becomes a formula in a file we export.

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` — a school name
such as ``=HYPERLINK("http://…","点我")`` or ``=cmd|' /C calc'!A0`` would be a live link or a
DDE command in the committee's Excel. Excel and WPS also accept such text after leading
spaces, a tab or a line break, and Chinese and Japanese input modes turn full-width ``＝ ＋ －
＠`` into the ASCII operators as they are typed, so those count too.

How every export stays safe
---------------------------
* **CSV** (no cell types): :func:`neutralise_csv_cell` puts an apostrophe before such text,
  the usual convention (OWASP "CSV injection"); Excel shows the text with the apostrophe and
  never evaluates it. Only text is changed: numbers, dates and booleans keep their value, so
  ``-5`` stays a number while the text ``-2+3`` becomes ``'-2+3``.
  :func:`neutralise_frame` does this for a whole DataFrame before ``to_csv``. CSV files are
  written as UTF-8 with a BOM (``encoding="utf-8-sig"``) so that Excel shows Chinese.
* **xlsx**: cells have types, so text needs no change. Workbooks are written with xlsxwriter
  and :data:`XLSX_OPTIONS` (``strings_to_formulas``, ``strings_to_urls`` and
  ``strings_to_numbers`` off): every string becomes a text cell, never a formula, link or
  number. Writers that want the cell to stay text even when someone edits it in Excel give
  :func:`is_formula_like` text a format with ``quote_prefix`` (Excel's leading apostrophe,
  invisible, the text itself unchanged). Never write survey text with ``DataFrame.to_excel``'s
  openpyxl engine or xlsxwriter's defaults: both store ``=…`` as a formula.

``tests/security/test_export_safety.py`` feeds hostile text through every writer of the
product and checks the files.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["XLSX_OPTIONS", "FORMULA_TRIGGERS", "is_formula_like", "neutralise_csv_cell",
           "neutralise_frame", "quoted_format", "write_safe"]

# First characters (after any leading whitespace) that make a spreadsheet evaluate the text.
FORMULA_TRIGGERS = frozenset("=+-@＝＋－＠")
# A tab or carriage return first is escaped too (some programs drop them, exposing what follows).
_CONTROL_FIRST = ("\t", "\r")

XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula.

    True when the text starts with a tab or carriage return, or when its first character
    after leading whitespace (including the ideographic space U+3000) is one of
    ``= + - @`` or their full-width forms.
    """
    if text.startswith(_CONTROL_FIRST):
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS


def neutralise_csv_cell(value):
    """``value`` unchanged, unless it is text a spreadsheet could run: then ``"'" + value``.

    Numbers (also negative ones), dates, booleans and missing values are returned as they
    are; only ``str`` is ever changed.
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`neutralise_csv_cell` applied to every text cell.

    Numeric, boolean and datetime columns are left exactly as they are; columns holding text
    (object, string or categorical dtype) have their string cells neutralised.
    """
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)
                or isinstance(column.dtype, pd.CategoricalDtype)):
            out[name] = column.astype(object).map(neutralise_csv_cell)
    return out


def quoted_format(book, **properties):
    """An xlsxwriter format that keeps formula-like text a text cell for good: Excel's
    invisible leading apostrophe (``quote_prefix``), so that editing the cell in Excel does
    not turn it into a formula either."""
    return book.add_format({**properties, "quote_prefix": True})


def write_safe(sheet, row: int, col: int, value, quoted, cell_format=None) -> None:
    """Write one cell of an export: numpy scalars as Python values, missing values as blank,
    formula-like text with the ``quoted`` format (see :func:`quoted_format`)."""
    if value is None or (isinstance(value, float) and value != value):
        return
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str) and is_formula_like(value):
        sheet.write_string(row, col, value, quoted)
    elif cell_format is None:
        sheet.write(row, col, value)
    else:
        sheet.write(row, col, value, cell_format)
