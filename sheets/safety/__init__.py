"""Refuse hostile uploads before any spreadsheet parser touches them.

Spreadsheet readers trust the file: a 4.9 KB xlsx holding one value at ``ZZ200000`` made
pandas + calamine build a 200,000 × 702 grid (63 s, 7.7 GB), and a 200 KB zip expanding to
200 MB cost every reader 1.6–2.2 GB. python-calamine is worse than slow on some files: it
aborts the whole process (Rust ``memory allocation failed``, exit 134, no exception) on a
shared-string table declaring 2,000,000,000 strings, or on an .xls with one value at row
65535 / column 16383. :func:`prescan` looks at the raw bytes first and raises
:class:`RefusedFile`, with a message in Chinese and English, long before that can happen.

What is checked
---------------
* Size: empty files and files above ``Limits.max_bytes``.
* Type: the extension decides the kind (``.xlsx``, ``.xls``, ``.csv``/``.txt``); macro
  workbooks (``.xlsm``, ``.xltm``, ``.xlsb``, ``.xlam``, or an xlsx holding ``vbaProject.bin``,
  Excel 4.0 macro sheets or a macro-enabled content type) are refused; the magic bytes must
  match the extension and the message says what the file really is.
* Extent, every format: no cell with content beyond ``max_rows``/``max_cols``, and a
  populated extent (last row × last column of a sheet) of at most ``max_cells``, for each
  sheet and for all sheets together (a part named by several sheet entries counting as
  often as it is read): readers build the whole rectangle of every sheet, so one value at
  ``IV99999`` costs as much as a full sheet.
* xlsx (:mod:`._xlsx`, :mod:`._xml`, :mod:`._zip`): exactly one end-of-archive record; the
  entry count (read before :mod:`zipfile` parses the directory); entry names that differ only
  in case, slashes or Unicode form (readers pick different twins); the declared sizes (an
  honest bomb is refused without inflating a byte); then every entry is decompressed in
  chunks, never whole, counting unpacked bytes in total and per entry against the packed
  bytes read. DTDs and entities are refused in every XML part. The first start tag of every
  part is parsed by expat: a root ``sst`` (in any part, under any prefix) may declare at most
  ``max_cells`` strings in ``count`` and ``uniqueCount`` (calamine reserves memory for
  ``uniqueCount`` up front); a part some reader loads as the string table (any
  ``sharedStrings.xml``, any case, any folder, or a ``sharedStrings`` relationship target)
  must be one. Worksheets are found the way openpyxl and the way calamine find them
  (calamine joins targets literally and does not unescape them), by their root element, and
  by a ``sheetData`` element in any part that starts like XML, whatever its name; their
  cells are scanned (see below). Parts of other formats calamine falls back to when its
  xlsx reader fails (``xl/workbook.bin``, ``mimetype``) are refused. Embedded objects: OLE objects holding VBA storages, macro-enabled documents
  (``.docm`` …) and embedded packages (one level deep, in the same budget) declaring VBA are
  refused as macros. Links to other workbooks and linked objects pass with a warning.
* xls (:mod:`._xls`, :mod:`._ole`): the compound file is read by a bounded reader that
  follows calamine's steps and refuses what would make calamine loop or allocate by an
  untrusted count; every BIFF record that places a cell is bounded; the offset of every
  sheet must be a record boundary; a compound file hiding a zip archive is refused.
* docx (:func:`scan_docx`, :mod:`._docx`, for attached application materials only): the
  xlsx archive rules, every entry streamed in the budget, DTDs refused, and no VBA project,
  macro content type or relationship, OLE object with VBA or embedded macro document.
* csv (:mod:`._csvfile`): line count, line length, and fields per line for every delimiter
  the reader may choose; then the records exactly as the reader parses them, with the same
  decoding and dialect (:func:`csv_dialect`): fields, longest field, records × widest.

Worksheet scanning
------------------
Sheet XML is scanned with a regular expression on streamed chunks; a chunk is cut before an
unfinished tag (a ``>`` inside a quoted value does not finish it), which is carried over to
the next chunk, so no tag is ever split. Cells written the usual way (``<c r="B7" ...>``,
also with a namespace prefix such as ``<x:c``) are handled there; a cell "holds something"
when its tag is not self-closing. Any other cell markup (no ``r``, ``r`` not first, single
quotes, character references, extra spaces, a tag cut by the chunking) marks the sheet as
irregular, and a formula not followed by a non-empty ``<v>`` marks it as a formula suspect.
Those sheets are walked a second time with :func:`defusedxml.ElementTree.iterparse`, which
places every cell exactly (there a cell holds something when it has a child or text) and
lists formulas without a cached value. The walk costs about 0.15 s/MB, so it has a budget
per upload: 4 MiB of irregular sheets (walked first: they may hide a far cell, and a refusal
stays well under 2 s) and 32 MiB of formula suspects; beyond it the file is refused with
advice to open and save it in Excel or WPS, which rewrites the markup and calculates the
formulas.

Measured on a 2-core machine: a 10,000 × 23 survey (7.3 MB of sheet XML) in about 0.12 s;
a 5 MB .xls (280,000 cell records) in 0.18 s; a 10,000-row CSV (1.2 MB) in 0.02 s; the
refusals of a 200 KB zip bomb and of a 5 KB file with a value at ``ZZ200000`` peak at
16–18 MB resident; the slowest refusal (a far cell behind 4 MiB of irregular markup) about
0.65 s. The attacks behind each check are generated in ``tests/security/hostile.py``.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from sheets.safety._common import DEFAULT_LIMITS, Limits, RefusedFile, ScanResult
from sheets.safety._csvfile import CSV_DELIMITERS, csv_dialect, decode_csv, scan_csv
from sheets.safety._docx import scan_docx
from sheets.safety._drawings import TextBox, text_boxes
from sheets.safety._html import html_table, scan_html
from sheets.safety._kind import (
    SHEET_EXTENSIONS,
    check_magic,
    check_size,
    kind_from_name,
    renamed_warning,
)
from sheets.safety._xls import scan_xls
from sheets.safety._xlsx import scan_xlsx

__all__ = ["CSV_DELIMITERS", "SHEET_EXTENSIONS", "DEFAULT_LIMITS", "Limits", "RefusedFile", "ScanResult",
           "csv_dialect", "decode_csv", "html_table", "prescan", "scan_docx", "TextBox", "text_boxes"]


def prescan(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> ScanResult:
    """Check an upload's raw bytes and refuse anything a spreadsheet reader should not see.

    Parameters
    ----------
    data : bytes
        The uploaded file, exactly as received.
    filename : str
        The uploaded file's name; its extension decides the expected format.
    limits : Limits, optional
        Size, archive and extent bounds (default :data:`DEFAULT_LIMITS`).

    Returns
    -------
    ScanResult
        Kind, formula cells without cached value, last used cell of every sheet, and
        warnings for the reader's user.

    Raises
    ------
    RefusedFile
        When the file breaks a rule; ``code`` says which, the messages say what to do.
    """
    name = PurePath(filename.replace("\\", "/")).name or filename
    check_size(data, name, limits)
    named = kind_from_name(name)
    kind = check_magic(data, name, named)
    if kind == "xlsx":
        scan = scan_xlsx(data, name, limits)
    elif kind == "xls":
        scan = scan_xls(data, name, limits)
    elif kind == "html":
        return scan_html(data, name, limits)
    else:
        scan = scan_csv(data, name, limits)
        if named == "csv":
            return scan
        text = "utf16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "text"
        return dataclasses.replace(scan, warnings=(renamed_warning(name, text), *scan.warnings))
    if kind != named:
        scan = dataclasses.replace(scan, warnings=(renamed_warning(name, kind), *scan.warnings))
    return scan
