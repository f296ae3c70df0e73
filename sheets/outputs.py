"""Output columns declared once, as data: every table the product shows or writes.

Input sheets are declared in :mod:`sheets.spec`; this is the same for what comes out. An
:class:`OutputColumn` names a column (canonical name with its unit suffix, as in the frames:
``capacity_kwp``, ``annual_yield_mwh``), its dtype, Chinese and English label, unit, display
rounding, Excel number format and a description. An :class:`OutputTable` is an ordered set
of them with a title. Pages, Excel and CSV files and the Word/PDF report all take their
headers, units and number formats from these declarations, through three functions:

* :func:`labelled` – for reading (pages, Word/PDF tables): the declared columns present in
  the frame, in declaration order, headers in one language with the unit
  (``容量（kWp）``), every cell as text with thousands separators and the declared rounding,
  missing values as ``–``, booleans as 是/否 (yes/no), UTC times in Beijing time.
* :func:`for_export` – for files (CSV, Excel): the same columns with bilingual headers
  (``容量 Capacity (kWp)``) and the raw values, unrounded; missing values stay missing.
* :func:`excel_format` – the xlsxwriter ``num_format`` of a column (``#,##0.0``).

Declarations live beside their component (``energy/pv/outputs.py``,
``energy/subsidy/outputs.py``, ``core/outputs.py``, ``surveys/outputs.py``); this module
knows none of them. Example::

    from sheets.outputs import OutputColumn, OutputTable, labelled

    CAMPUSES = OutputTable("campuses", "校园", "Campuses", (
        OutputColumn("school_name", "学校", "School"),
        OutputColumn("capacity_kwp", "容量", "Capacity", "float", unit="kWp", decimals=0),
    ))
    st.dataframe(labelled(frame, CAMPUSES, lang), hide_index=True)
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

# dtype vocabulary of output columns
DTYPES = ("text", "int", "float", "share", "bool", "datetime", "date", "year")
MISSING_TEXT = "–"    # what a missing value reads as on a page or in a report
BEIJING = _dt.timezone(_dt.timedelta(hours=8), "CST")  # Shanghai: UTC+8, no daylight saving
BOOL_TEXT = {"zh": ("是", "否"), "en": ("yes", "no")}
# Numbers on a chart's axis: 25,000 and 1,400,000 with separators, as in the tables (plotly's
# default abbreviates them as 25k and 1.4M, letters a Chinese reader does not read as 万).
AXIS_NUMBER_FORMAT = ",~f"


@dataclass(frozen=True)
class OutputColumn:
    """One column the product shows or writes, declared once.

    Parameters
    ----------
    name : str
        Canonical column name in the frame, with its unit suffix (``roof_area_m2``).
    label_zh, label_en : str
        Header words without the unit.
    dtype : str
        One of :data:`DTYPES`. ``share`` is a fraction shown as a percentage; ``datetime``
        values are UTC and shown in Beijing time; ``year`` is a calendar year, a whole number
        without thousands separator (2015, not 2,015).
    unit : str
        Unit as written in both languages (``kWp``, ``m²``, ``°``); empty for none.
    unit_en : str or None
        The English unit where it differs (``元`` → ``CNY``, ``年`` → ``years``).
    decimals : int or None
        Display rounding; None: 0 for ``int``, 1 for ``share``, 2 for ``float``.
    values_en : Mapping
        English words of stored Chinese values (``{"平屋面": "Flat roof"}``).
    description_zh, description_en : str
        What the column holds, for help texts and report footnotes.
    width : int
        Column width in Excel [characters].
    """

    name: str
    label_zh: str
    label_en: str
    dtype: str = "text"
    unit: str = ""
    unit_en: str | None = None
    decimals: int | None = None
    values_en: Mapping[str, str] = field(default_factory=dict)
    description_zh: str = ""
    description_en: str = ""
    width: int = 12

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"{self.name}: dtype {self.dtype!r} is not one of {DTYPES}")

    @property
    def places(self) -> int:
        """Digits shown after the decimal point."""
        if self.decimals is not None:
            return self.decimals
        return {"float": 2, "share": 1}.get(self.dtype, 0)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def unit_text(self, lang: str) -> str:
        return self.unit if lang == "zh" or self.unit_en is None else self.unit_en

    def header(self, lang: str) -> str:
        """Header in one language with the unit: ``容量（kWp）``, ``Capacity (kWp)``."""
        unit = self.unit_text(lang)
        if not unit:
            return self.label(lang)
        return f"{self.label_zh}（{unit}）" if lang == "zh" else f"{self.label_en} ({unit})"

    @property
    def bilingual_header(self) -> str:
        """Header of files: ``容量 Capacity (kWp)``; with a Chinese unit of its own
        ``申请补助（元） Subsidy requested (CNY)``."""
        unit = self.unit_text("en")
        if unit != self.unit:
            return f"{self.header('zh')} {self.header('en')}"
        return f"{self.label_zh} {self.label_en}" + (f" ({unit})" if unit else "")

    @property
    def excel_format(self) -> str | None:
        """xlsxwriter ``num_format`` of the column, None for text."""
        return excel_format(self)

    def text(self, value, lang: str = "zh") -> str:
        """``value`` as a person reads it (see :func:`format_value`)."""
        return format_value(value, self, lang)


def is_missing(value) -> bool:
    """True for None, NaN, NaT and pandas' NA (not for empty text)."""
    if value is None or isinstance(value, str):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # sequences and other objects are values
        return False


def _number(value: float, places: int) -> str:
    if not math.isfinite(value):
        return MISSING_TEXT
    shown = f"{value:,.{places}f}"
    return shown[1:] if shown.startswith("-") and not shown.strip("-0.,") else shown  # no -0


def _when(value, with_time: bool) -> str:
    stamp = pd.Timestamp(value)
    if with_time:
        if stamp.tzinfo is None:
            stamp = stamp.tz_localize("UTC")
        return stamp.tz_convert(BEIJING).strftime("%Y-%m-%d %H:%M")
    return stamp.strftime("%Y-%m-%d")


def format_value(value, column: OutputColumn, lang: str = "zh") -> str:
    """One cell as text: thousands separators and the column's rounding, ``–`` when missing,
    是/否 for booleans, shares as percentages, UTC times in Beijing time, stored Chinese
    words in English where the column declares them."""
    if is_missing(value):
        return MISSING_TEXT
    kind = column.dtype
    if kind == "bool":
        yes, no = BOOL_TEXT["zh" if lang == "zh" else "en"]
        return yes if bool(value) else no
    if kind in ("datetime", "date"):
        return _when(value, kind == "datetime")
    if kind == "year" and not isinstance(value, str):
        return f"{float(value):.0f}"
    if kind in ("int", "float", "share") and not isinstance(value, str):
        number = float(value)
        if kind == "share":
            return _number(100 * number, column.places) + " %"
        return _number(number, column.places)
    text = str(value)
    if lang != "zh":
        text = column.values_en.get(text, text)
    return text if text.strip() else MISSING_TEXT


def excel_format(column: OutputColumn) -> str | None:
    """The Excel number format of ``column``: ``#,##0`` with its decimals, ``0.0%`` for
    shares, ``yyyy-mm-dd hh:mm`` for times, ``0`` for years; None for text and booleans."""
    decimals = "." + "0" * column.places if column.places else ""
    return {"int": f"#,##0{decimals}", "float": f"#,##0{decimals}",
            "share": f"0{decimals}%", "datetime": "yyyy-mm-dd hh:mm",
            "date": "yyyy-mm-dd", "year": "0"}.get(column.dtype)


@dataclass(frozen=True, eq=False)
class OutputTable:
    """An ordered set of output columns with a title (a page table, a sheet of a workbook)."""

    name: str
    title_zh: str
    title_en: str
    columns: tuple[OutputColumn, ...]

    @cached_property
    def by_name(self) -> dict[str, OutputColumn]:
        return {c.name: c for c in self.columns}

    def __getitem__(self, name: str) -> OutputColumn:
        return self.by_name[name]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def present(self, frame: pd.DataFrame) -> tuple[OutputColumn, ...]:
        """The declared columns ``frame`` has, in declaration order."""
        return tuple(c for c in self.columns if c.name in frame.columns)

    def pick(self, *names: str, name: str | None = None) -> OutputTable:
        """A table of some of these columns, in the order given."""
        return OutputTable(name or self.name, self.title_zh, self.title_en,
                           tuple(self.by_name[n] for n in names))

    def plus(self, columns: Iterable[OutputColumn], name: str | None = None) -> OutputTable:
        """This table with more columns after its own (e.g. one per rubric criterion)."""
        return replace(self, name=name or self.name, columns=self.columns + tuple(columns))


_INPUT_DTYPES = {"enum": "text", "azimuth": "float"}
_INPUT_UNITS_EN = {"元": "CNY", "年": "years"}


def from_input(column, **changes) -> OutputColumn:
    """The output column of an input column (:class:`sheets.spec.Column`): its name,
    labels, unit and description, and the English words of its allowed values, so a
    survey field shown on a page is not declared a second time; a field in the unit
    ``year`` is a calendar year. ``changes`` override (``decimals=0``)."""
    unit = column.unit_label
    dtype = "year" if column.unit == "year" else _INPUT_DTYPES.get(column.dtype, column.dtype)
    declared = OutputColumn(
        column.name, column.label_zh, column.label_en, dtype, unit=unit,
        unit_en=_INPUT_UNITS_EN.get(unit), decimals=0 if column.dtype == "azimuth" else None,
        values_en={c.value: c.label_en for c in column.choices},
        description_zh=column.description_zh, description_en=column.description_en,
        width=column.width)
    return replace(declared, **changes)


def labelled(frame: pd.DataFrame, table: OutputTable, lang: str = "zh") -> pd.DataFrame:
    """``frame`` for reading: the declared columns it has, headers in ``lang`` with units,
    every cell as text (see :func:`format_value`); the index is dropped.

    Columns of ``frame`` that ``table`` does not declare are left out: a page never shows a
    column nobody named.
    """
    columns = table.present(frame)
    shown = {c.header(lang): [format_value(v, c, lang) for v in frame[c.name]]
             for c in columns}
    return pd.DataFrame(shown, index=range(len(frame)), columns=[c.header(lang) for c in columns])


def for_export(frame: pd.DataFrame, table: OutputTable, bilingual: bool = True,
               lang: str = "zh") -> pd.DataFrame:
    """``frame`` for a file: the declared columns it has with their raw values (unrounded,
    missing stays missing) under bilingual headers (or ``lang``'s when not ``bilingual``)."""
    columns = table.present(frame)
    out = frame[[c.name for c in columns]].reset_index(drop=True)
    return out.set_axis([c.bilingual_header if bilingual else c.header(lang) for c in columns],
                        axis=1)
