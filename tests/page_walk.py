"""What a committee member must never read on a page, checked the same way by the AppTest walk
(tests/test_page_walk.py) and the browser walk (tests/e2e/test_page_walk.py).

- a table header that is a raw identifier: ``snake_case`` or a bare lower-case word
  (``active``, ``actor``), the way a database names a column;
- cell or page text ``None``, ``nan``, ``NaN``, ``NaT``, ``<NA>`` or ``empty`` (Streamlit's
  word for a table without rows);
- a number of four or more digits with decimals and no thousands separator (``2004.0``,
  ``1850000.0``): a float printed as it is stored, not formatted for reading;
- a year written with a thousands separator (``2,015`` under 建成年份);
- a drop-down option that is a ``snake_case`` name (``year_built``) instead of its label;
- in the Chinese view, widget text without a Chinese character, unless it is only numbers,
  units, Excel cells (``A5``, ``AB``) and names that are the same in both languages
  (:data:`SAME_IN_BOTH`).
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RAW_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
MISSING_WORDS = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>|null|empty)(?![\w-])")
# In running text "empty" and "null" may be words of a sentence; the others never are.
MISSING_IN_TEXT = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>)(?![\w-])")
UNFORMATTED_NUMBER = re.compile(r"^-?\d{4,}\.\d+$")
YEAR_HEADER = re.compile(r"年份|年度|\bYear\b(?!s)")
GROUPED_YEAR = re.compile(r"^[12],\d{3}$")
EXCEL_CELL = re.compile(r"^[A-Z]{1,3}[0-9]*$")   # a column (AB) or a cell (A5) of a sheet
CJK = re.compile(r"[\u4e00-\u9fff]")
# Words a Chinese reader meets in Chinese text too: units, file types, method and data names.
SAME_IN_BOTH = {
    "kwp", "mwp", "kwh", "mwh", "gwh", "kw", "mw", "w", "m", "m²", "b", "kb", "mb", "t", "tco",
    "co",
    "xlsx", "xls", "csv", "txt", "docx", "epw", "tmy", "tmy3", "pvgis", "json", "topsis", "era5",
    "cswd", "cma", "sha", "id", "toml", "wgs84", "pdf", "word", "excel", "cny", "yr",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# What Streamlit 1.67 writes in an empty drop-down when the page gives no placeholder.
STREAMLIT_PLACEHOLDERS = ("Choose an option", "Choose options", "No options to select")


def page_modules() -> list[str]:
    """Every page module of the dashboard (``dashboard/*_page.py``)."""
    return sorted(p.stem for p in (REPO / "dashboard").glob("*_page.py"))


def raw_headers(headers) -> list[str]:
    """The headers that read like database column names."""
    return [str(h) for h in headers if RAW_IDENTIFIER.match(str(h).strip())]


def raw_options(options) -> list[str]:
    """Drop-down options that are ``snake_case`` names, not labels."""
    return [str(o) for o in options if "_" in str(o) and RAW_IDENTIFIER.match(str(o))]


def unformatted_numbers(cells) -> list[str]:
    """Cells holding a big number with decimals as stored (``1850000.0``), not formatted."""
    return [str(c) for c in cells if UNFORMATTED_NUMBER.match(str(c).strip())]


def grouped_years(header: str, cells) -> list[str]:
    """Cells of a year column (``header`` names a year) written like amounts: ``2,015``."""
    if not YEAR_HEADER.search(str(header)):
        return []
    return [str(c) for c in cells if GROUPED_YEAR.match(str(c).strip())]


def missing_words(text: str) -> list[str]:
    """Words in a table cell or header that stand for a missing value."""
    return MISSING_WORDS.findall(str(text))


def missing_in_text(text: str) -> list[str]:
    """Words in the text of a page that stand for a missing value."""
    return MISSING_IN_TEXT.findall(str(text))


def streamlit_placeholders(text: str) -> list[str]:
    """Streamlit's own English placeholders in the text of a page."""
    return [words for words in STREAMLIT_PLACEHOLDERS if words in str(text)]


def english_only(text: str) -> bool:
    """True when ``text`` has words but no Chinese character, and a word that is not in
    :data:`SAME_IN_BOTH` (numbers, units and punctuation alone are fine)."""
    text = str(text)
    if not text.strip() or CJK.search(text) or EXCEL_CELL.match(text.strip()):
        return False
    return any(word.lower() not in SAME_IN_BOTH for word in WORD.findall(text))
