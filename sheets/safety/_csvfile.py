"""CSV uploads: one decoding and one dialect decision for the pre-scan and the reader.

The reader sniffs the delimiter among ``, ; tab |``; a check counting fewer delimiters than
the reader may choose lets a 3-row file with 6.5 million ``|``-separated fields through.
Here every line is first bounded, as bytes, for every delimiter the reader could use (an
upper bound: quoted delimiters count too, and a GB18030 trail byte may be a ``|``); then
the text is decoded and parsed with the very dialect the reader will use
(:func:`csv_dialect`), so records spanning lines (quoted line breaks) are measured exactly:
fields per record, the longest field, records × widest record.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import lru_cache
from pathlib import PurePath

from sheets.safety._common import (
    Limits,
    RefusedFile,
    ScanResult,
    cell_name,
    far_cell,
    mb,
    refuse,
    too_many_cells,
)

CSV_DELIMITERS = ",;\t|"
SNIFF_CHARS = 8192             # characters the dialect is guessed from [characters]
_BOM = b"\xef\xbb\xbf"
# A record is parsed only while its lines hold few delimiters, so one record spanning
# thousands of lines (an unclosed quote) never becomes a huge list [delimiters].
_PENDING_FACTOR = 4


def decode_csv(data: bytes) -> str | None:
    """Decode CSV bytes: UTF-16 by its BOM, else UTF-8 (BOM dropped), else GB18030.

    Returns
    -------
    str or None
        The text, or None when no encoding fits.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    data = data.removeprefix(_BOM)  # a BOM before GBK text happens too
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def csv_dialect(text: str):
    """The dialect a CSV is read with: sniffed among ``, ; tab |``, else Excel's.

    The one decision for the pre-scan and the reader; a sample seen before gets the very
    same dialect back (the sniffer costs up to 0.4 s on crafted text).
    """
    return _sniff(text[:SNIFF_CHARS])


@lru_cache(maxsize=8)
def _sniff(sample: str):
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        return _by_table_lines(sample)
    return dialect if dialect.delimiter in CSV_DELIMITERS else csv.excel


class _Delimited(csv.excel):
    """Excel's dialect with another delimiter."""


def _by_table_lines(sample: str):
    """The dialect for a sample the sniffer gives up on, else Excel's.

    A school block or a title above the table gives lines with fewer delimiters than the
    table's, which defeats :class:`csv.Sniffer`. The table's delimiter is the one that
    splits the most lines into its most common number of fields (two or more); ties go to
    Excel's comma. One pass over the sample per delimiter.
    """
    lines = [line for line in sample.splitlines()[:-1] if line.strip()]
    best, best_lines = ",", 0
    for delimiter in CSV_DELIMITERS:
        counts = Counter(line.count(delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        n = counts.most_common(1)[0][1]
        if n >= 2 and n > best_lines:
            best, best_lines = delimiter, n
    if best == ",":
        return csv.excel
    return type("Delimited", (_Delimited,), {"delimiter": best})



def scan_csv(data: bytes, name: str, limits: Limits) -> ScanResult:
    """Bound lines, fields and cells of a text file; return its extent."""
    lines = _count_lines(data)
    if lines > limits.max_rows:
        raise refuse(
            "too_many_rows",
            f"文件“{name}”有 {lines} 行，超过上限 {limits.max_rows} 行。请删除多余的行后重新上传。",
            f"'{name}' has {lines} lines, more than the {limits.max_rows} allowed: delete the "
            "extra lines and upload again.",
        )
    sheet = PurePath(name).stem
    _check_lines(data, sheet, limits)
    text = decode_csv(data)
    if text is None:  # the reader refuses the encoding itself
        return ScanResult("csv", (), {})
    records, widest = _Records(sheet, limits).measure(text)
    extents = {sheet: cell_name(records, widest)} if records and widest else {}
    return ScanResult("csv", (), extents)


def _count_lines(data: bytes) -> int:
    """Lines of a text file, counting ``\\n``, ``\\r\\n`` and ``\\r`` endings [lines]."""
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return breaks + (0 if data.endswith((b"\n", b"\r")) else 1)


def _check_lines(data: bytes, sheet: str, limits: Limits) -> None:
    """Every line (as the reader splits them, at ``\\n``) within length and width."""
    lines = data.split(b"\n")
    for delimiter in CSV_DELIMITERS.encode():
        mark = bytes([delimiter])
        if data.count(mark) < limits.max_cols:
            continue
        for row, line in enumerate(lines, 1):
            if line.count(mark) >= limits.max_cols:
                raise far_cell(sheet, cell_name(row, limits.max_cols + 1), limits)
    longest = max(map(len, lines))
    if longest > limits.max_line_bytes:
        row = next(i for i, line in enumerate(lines, 1) if len(line) == longest)
        raise _long_line(sheet, row, limits)


class _Records:
    """Parses the text with the reader's dialect, measuring records as they come.

    Parameters
    ----------
    sheet : str
        Name shown in messages (the file name without extension).
    limits : Limits
        Column, field and cell bounds.
    """

    def __init__(self, sheet: str, limits: Limits):
        self.sheet = sheet
        self.limits = limits
        self.records = 0
        self.widest = 0
        self._pending = 0        # delimiters in the lines of the record being read
        self._chars = 0          # characters in those lines

    def measure(self, text: str) -> tuple[int, int]:
        """Records and fields of the widest record [records, fields]."""
        dialect = csv_dialect(text)
        reader = csv.reader(self._lines(text, dialect.delimiter), dialect)
        try:
            for row in reader:
                self._record(row)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise _long_field(self.sheet, f"A{self.records + 1}", self.limits) from exc
            # Any other parse error is reported by the reader, which meets it too.
        return self.records, self.widest

    def _lines(self, text: str, delimiter: str):
        """The lines csv reads, refusing a record whose lines hold too many delimiters."""
        cap = _PENDING_FACTOR * self.limits.max_cols
        for line in io.StringIO(text, newline=""):  # \r, \n and \r\n all end a line
            self._pending += line.count(delimiter)
            self._chars += len(line)
            if self._pending > cap:
                raise far_cell(self.sheet, cell_name(self.records + 1, self.limits.max_cols + 1),
                               self.limits)
            yield line

    def _record(self, row: list[str]) -> None:
        """Check one record (a row of the sheet the reader will build)."""
        self.records += 1
        limits = self.limits
        if len(row) > limits.max_cols:
            raise far_cell(self.sheet, cell_name(self.records, limits.max_cols + 1), limits)
        if self._chars > limits.max_field_chars:
            for col, value in enumerate(row, 1):
                if len(value) > limits.max_field_chars:
                    raise _long_field(self.sheet, cell_name(self.records, col), limits)
        self._pending = self._chars = 0
        self.widest = max(self.widest, len(row))
        if self.records * self.widest > limits.max_cells:
            raise too_many_cells(self.sheet, cell_name(self.records, self.widest),
                                 self.records, self.widest, limits)


def _long_field(sheet: str, cell: str, limits: Limits) -> RefusedFile:
    """The refusal for a field longer than a cell may be."""
    n = limits.max_field_chars
    return refuse(
        "long_field",
        f"文件“{sheet}”的单元格 {cell} 超过 {n} 个字符（Excel 单元格的上限），多半是引号没有成对。"
        "请检查该处后另存为“CSV UTF-8”或 .xlsx 再上传。",
        f"Cell {cell} of '{sheet}' is longer than {n} characters (Excel's limit for a cell), "
        "most likely because a quote mark is not closed: check it, save as 'CSV UTF-8' or "
        ".xlsx and upload again.",
        cell,
    )


def _long_line(sheet: str, row: int, limits: Limits) -> RefusedFile:
    """The refusal for a line longer than any survey row."""
    cap = mb(limits.max_line_bytes)
    return refuse(
        "long_field",
        f"文件“{sheet}”的第 {row} 行超过 {cap} MB，不像调研表中的一行。请检查该行后另存为“CSV UTF-8”"
        "或 .xlsx 再上传。",
        f"Line {row} of '{sheet}' is longer than {cap} MB, which no survey row needs: check "
        "it, save as 'CSV UTF-8' or .xlsx and upload again.",
        f"A{row}",
    )
