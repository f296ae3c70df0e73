"""The campus PV report as an Excel workbook: bilingual headers, units and number formats
from the PV output declarations (:mod:`energy.pv.outputs`), raw values."""

from __future__ import annotations

import datetime as _dt
import io

import pandas as pd
import xlsxwriter

from energy.pv.outputs import ASSUMPTIONS, MONTHLY, REPORT_BUILDINGS, SUMMARY
from energy.pv.parameters import PVAssumptions, describe_assumptions
from sheets.export_safety import XLSX_OPTIONS, quoted_format, write_safe
from sheets.outputs import OutputTable, excel_format, for_export


class _NumberFormats:
    """One xlsxwriter format per declared Excel number format."""

    def __init__(self, book) -> None:
        self.book, self.made = book, {}

    def of(self, column):
        code = excel_format(column)
        if code is None:
            return None
        if code not in self.made:
            self.made[code] = self.book.add_format({"num_format": code})
        return self.made[code]


def _write_table(book, sheet_name: str, frame: pd.DataFrame, table: OutputTable,
                 header_format, quoted, numbers: _NumberFormats) -> None:
    """One sheet: the declared columns of ``frame`` under bilingual headers, raw values with
    the declared number formats."""
    sheet = book.add_worksheet(sheet_name)
    columns = table.present(frame)
    exported = for_export(frame, table)
    for j, (column, header) in enumerate(zip(columns, exported.columns)):
        sheet.write(0, j, header, header_format)
        sheet.set_column(j, j, max(column.width, min(40, len(header) + 2)))
    for i, row in enumerate(exported.astype(object).itertuples(index=False), start=1):
        for j, (column, value) in enumerate(zip(columns, row)):
            write_safe(sheet, i, j, value, quoted, numbers.of(column))
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _summary(book, campus: pd.Series, weather_label: str, head, quoted,
             numbers: _NumberFormats) -> None:
    summary = book.add_worksheet("概要 Summary")
    summary.set_column(0, 0, 34)
    summary.set_column(1, 1, 60)
    rows = [("学校 School", f"{campus['school_name']} ({campus['school_code']})", None),
            ("区 District", campus["district"], None)]
    rows += [(c.bilingual_header, campus.get(c.name), numbers.of(c)) for c in SUMMARY.columns]
    rows += [("气象数据 Weather", weather_label, None),
             ("生成日期 Generated", _dt.date.today().isoformat(), None)]
    for i, (label, value, number_format) in enumerate(rows):
        summary.write(i, 0, label, head)
        write_safe(summary, i, 1, value, quoted, number_format)


def campus_report_xlsx(campus: pd.Series, buildings: pd.DataFrame, monthly: pd.DataFrame,
                       assumptions: PVAssumptions, weather_label: str) -> bytes:
    """Excel report of one campus.

    Parameters
    ----------
    campus : Series
        The campus row of :func:`energy.pv.explore.campus_table`.
    buildings : DataFrame
        The campus's per-building results.
    monthly : DataFrame
        :func:`energy.pv.explore.campus_monthly` of the campus.
    assumptions : PVAssumptions
        Parameters used.
    weather_label : str
        Weather source label, printed on the summary.

    Returns
    -------
    bytes
        The workbook: raw values with the declared number formats. Text from the survey is
        written as text, never as a formula.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **XLSX_OPTIONS})
    quoted = quoted_format(book)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                            "border": 1})
    numbers = _NumberFormats(book)
    _summary(book, campus, weather_label, head, quoted, numbers)
    _write_table(book, "建筑 Buildings", buildings, REPORT_BUILDINGS, head, quoted, numbers)
    _write_table(book, "逐月 Monthly", monthly, MONTHLY, head, quoted, numbers)
    described = describe_assumptions(assumptions).astype({"value": str, "default": str})
    _write_table(book, "假设 Assumptions", described, ASSUMPTIONS, head, quoted, numbers)
    book.close()
    return buffer.getvalue()
