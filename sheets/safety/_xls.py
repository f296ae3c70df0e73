"""Old Excel workbooks (.xls): the compound file, then every BIFF record that places a cell.

python-calamine sizes a sheet by its cells: one value at row 65535 / column 16383 beside a
table at A1 made it request 34 GB and abort the process; a ``DIMENSION`` record claiming
rows 100…0 (it subtracts without checking) 515 GB. BIFF8 limits a sheet to 65,536 × 256 by
convention only: every position is a 16-bit field (32-bit in ``DIMENSION``).

The ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream is read with :class:`~._ole.OleFile`
and walked record by record from offset 0, placing the cells of every record type that
carries a position (``NUMBER``, ``LABEL``, ``LABELSST``, ``RK``, ``MULRK``, ``BLANK``,
``MULBLANK``, ``BOOLERR``, ``FORMULA``, ``RSTRING``, the cell span of ``ROW``, the used
range of ``DIMENSION``) into the extent of the substream (sheet) it belongs to.

calamine reads each sheet from the stream offset its ``BOUNDSHEET`` record gives, not in
sequence, so a crafted offset could start a walk in the middle of another record's data.
Every such offset must therefore be the start of a ``BOF`` record met by the walk from 0:
a walk starting on a record boundary meets the same records, so the single pass bounds
what calamine reads too (it stops at the sheet's ``EOF``, inside one substream).

A stream that ends inside a record or a substream, a record too short for the fields
calamine reads unchecked, a ``BOUNDSHEET`` of unknown kind and a compound file that also
holds a zip archive (calamine falls back to its xlsx, xlsb and ods readers when its xls
reader fails, and a zip crate finds an archive anywhere in the bytes) are refused as
damaged; macro sheets, VBA storages and ``FILEPASS`` (encryption) likewise, as macros or
encryption.
"""

from __future__ import annotations

import struct

from sheets.safety._common import (
    Extent,
    Limits,
    RefusedFile,
    ScanResult,
    check_total,
    encrypted,
    macro,
    refuse,
)
from sheets.safety._kind import utf16
from sheets.safety._ole import OleError, OleFile

_ZIP_END = b"PK\x05\x06"
# calamine looks the stream up by these names, in this order, among all directory entries.
_STREAM_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")
_VBA_STORAGES = ("_vba_project_cur", "_vba_project", "vba", "macros")
_VBA_MARK = utf16("_VBA_PROJECT_CUR")

_BOF, _EOF, _CONTINUE = 0x0809, 0x000A, 0x003C
_BOUNDSHEET, _SST, _FILEPASS, _MERGECELLS = 0x0085, 0x00FC, 0x002F, 0x00E5
_CODEPAGE, _DATEMODE = 0x0042, 0x0022
_DIMENSION, _ROW, _MULRK, _MULBLANK = 0x0200, 0x0208, 0x00BD, 0x00BE
# Records whose first two 16-bit fields are the cell's row and column (0-based).
_CELLS = frozenset({
    0x0203,  # NUMBER
    0x0204,  # LABEL
    0x00D6,  # RSTRING
    0x0205,  # BOOLERR
    0x027E,  # RK
    0x00FD,  # LABELSST
    0x0006,  # FORMULA
    0x0201,  # BLANK
})
# Records calamine reads a 16-bit field of without checking the length (a panic).
_MIN_SIZE = {_BOF: 2, _CODEPAGE: 2, _DATEMODE: 2, _MERGECELLS: 2, _SST: 8, _BOUNDSHEET: 7,
             _DIMENSION: 10, _MULRK: 6, _MULBLANK: 6}


def scan_xls(data: bytes, name: str, limits: Limits) -> ScanResult:
    """Check an .xls upload; return the extent of every sheet.

    Raises
    ------
    RefusedFile
        ``bad_xls``, ``macro``, ``encrypted``, ``far_cell`` or ``too_many_cells``.
    """
    if _ZIP_END in data:
        raise _hidden_zip(name)
    if _VBA_MARK in data:
        raise macro(name)
    try:
        ole = OleFile(data)
        if any(entry.lower() in _VBA_STORAGES for entry in ole.names):
            raise macro(name)
        stream = next((s for s in map(ole.stream, _STREAM_NAMES) if s is not None), None)
    except OleError as exc:
        raise bad_xls(name, str(exc)) from exc
    if stream is None:
        raise bad_xls(name, "no Workbook stream")
    return ScanResult("xls", (), _BiffWalk(stream, name, limits).run())


def bad_xls(name: str, detail: str) -> RefusedFile:
    """The refusal for a damaged or crafted .xls."""
    return refuse(
        "bad_xls",
        f"文件“{name}”已损坏或不是有效的 .xls 工作簿（{detail}）。请用 Excel 或 WPS 打开后"
        "另存为 .xlsx 再上传。",
        f"'{name}' is damaged or not a valid .xls workbook ({detail}): open it in Excel or "
        "WPS, save it as .xlsx and upload again.",
    )


def _hidden_zip(name: str) -> RefusedFile:
    """The refusal for an .xls that also holds a zip archive."""
    return refuse(
        "bad_xls",
        f"文件“{name}”内部除 .xls 工作簿外还藏有一个压缩包（zip），不同的软件会读到不同的内容，"
        "已拒绝。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
        f"'{name}' holds a zip archive besides the .xls workbook, so different programs would "
        "read different contents; it was refused: open it in Excel or WPS, save it as .xlsx "
        "and upload again.",
    )


class _BiffWalk:
    """One pass over a BIFF stream from offset 0, bounding the cells of every substream.

    Parameters
    ----------
    stream : bytes
        The ``Workbook`` or ``Book`` stream.
    name : str
        File name, for messages.
    limits : Limits
        Row, column and cell bounds.
    """

    def __init__(self, stream: bytes, name: str, limits: Limits):
        self.stream = stream
        self.name = name
        self.limits = limits
        self.biff8 = True
        self.depth = 0
        self.in_globals = True       # before the first EOF: what calamine's first loop reads
        self.bofs: set[int] = set()
        self.sheets: list[tuple[int, str]] = []      # (BOF offset, name) from BOUNDSHEET
        self.extents: dict[int, Extent] = {}         # BOF offset -> extent of its substream
        self.enclosing: dict[int, Extent] = {}       # BOF offset -> extent it counts into
        self.extent = Extent(name, limits)
        self._handlers = {
            _BOF: self._bof, _EOF: self._eof, _BOUNDSHEET: self._boundsheet, _SST: self._sst,
            _FILEPASS: self._filepass, _MERGECELLS: self._mergecells,
            _DIMENSION: self._dimension, _ROW: self._row, _MULRK: self._mulrk,
            _MULBLANK: self._mulblank, _CODEPAGE: _ignore, _DATEMODE: _ignore,
        }

    def run(self) -> dict[str, str]:
        """Walk the stream; check the sheet offsets; return sheet name → last used cell."""
        if self.stream[:2] != struct.pack("<H", _BOF):
            raise bad_xls(self.name, "the stream does not start with a BOF record")
        self._walk()
        extents = {}
        for offset, sheet in self.sheets:
            if offset not in self.bofs:
                raise bad_xls(self.name, f"sheet '{sheet}' starts at offset {offset}, "
                                         "which is not the start of a sheet")
            extent = self.extents.get(offset)   # None: a nested BOF, inside another sheet
            if extent is not None and extent.last_cell:
                extents.setdefault(sheet, extent.last_cell)
        # calamine builds every sheet's range, one per BOUNDSHEET, even for a shared offset.
        check_total([(sheet, self.enclosing[offset].max_row, self.enclosing[offset].max_col, 1)
                     for offset, sheet in self.sheets], self.limits)
        return extents

    def _walk(self) -> None:
        """Every record in order; cell records inline, the rest through ``_handlers``."""
        data, size_of_stream = self.stream, len(self.stream)
        unpack, cells, handlers = struct.unpack_from, _CELLS, self._handlers
        extent = self.extent
        max_row, max_col = extent.max_row, extent.max_col
        pos = 0
        while pos < size_of_stream:
            if pos + 4 > size_of_stream:
                self._truncated(pos)
                return
            typ, size = unpack("<HH", data, pos)
            body = pos + 4
            if body + size > size_of_stream:
                self._truncated(pos)
                return
            if typ in cells:
                if size < 4:
                    raise bad_xls(self.name, f"record {typ:#06x} at offset {pos} is too short")
                row, col = unpack("<HH", data, body)
                if row >= max_row or col >= max_col:
                    extent.add(row + 1, col + 1)
                    max_row, max_col = extent.max_row, extent.max_col
            else:
                handler = handlers.get(typ)
                if handler is not None:
                    if size < _MIN_SIZE.get(typ, 0):
                        raise bad_xls(self.name, f"record {typ:#06x} at offset {pos} is too "
                                                 "short")
                    handler(pos, data[body:body + size])
                    extent = self.extent
                    max_row, max_col = extent.max_row, extent.max_col
            pos = body + size

    def _truncated(self, pos: int) -> None:
        """A record cut off by the end of the stream: harmless only after every substream."""
        if self.in_globals or self.depth:
            raise bad_xls(self.name, f"the stream ends inside the record at offset {pos}")

    # ---------------------------------------------------------------- record handlers

    def _bof(self, pos: int, body: bytes) -> None:
        self.bofs.add(pos)
        if self.depth == 0 and pos:
            self.extent = self.extents[pos] = Extent(self._sheet_name(pos), self.limits)
        elif pos == 0:
            self.biff8 = _is_biff8(body)
            self.extents[0] = self.extent
        self.enclosing[pos] = self.extent
        self.depth += 1

    def _eof(self, _pos: int, _body: bytes) -> None:
        self.depth = max(0, self.depth - 1)
        self.in_globals = False

    def _sheet_name(self, pos: int) -> str:
        return next((sheet for offset, sheet in self.sheets if offset == pos), f"#{pos}")

    def _boundsheet(self, pos: int, body: bytes) -> None:
        if not self.in_globals:
            return
        offset, state, kind = struct.unpack_from("<IBB", body)
        if kind in (0x01, 0x06):       # Excel 4.0 macro sheet, VBA module
            raise macro(self.name)
        if state & 0x3F > 2 or kind not in (0x00, 0x02):
            raise bad_xls(self.name, f"sheet record at offset {pos} has an unknown kind")
        self.sheets.append((offset, self._decode_name(body[6:], pos)))

    def _decode_name(self, raw: bytes, pos: int) -> str:
        """A sheet name (``ShortXLUnicodeString`` in BIFF8, code-page bytes in BIFF5)."""
        count = raw[0]
        if self.biff8:
            if len(raw) < 2:
                raise bad_xls(self.name, f"sheet record at offset {pos} is too short")
            wide = raw[1] & 1
            text = raw[2:2 + count * (2 if wide else 1)]
            name = text.decode("utf-16-le" if wide else "latin-1", "replace")
        else:
            name = raw[1:1 + count].decode("gbk", "replace")
        return name.replace("\x00", "") or f"#{pos}"

    def _sst(self, pos: int, body: bytes) -> None:
        total, unique = struct.unpack_from("<II", body)
        if max(total, unique) > self.limits.max_cells:
            raise bad_xls(self.name, f"the shared-string table at offset {pos} declares "
                                     f"{max(total, unique)} texts")

    def _filepass(self, _pos: int, _body: bytes) -> None:
        raise encrypted(self.name)

    def _mergecells(self, pos: int, body: bytes) -> None:
        count = struct.unpack_from("<H", body)[0]
        if 2 + 8 * count > len(body):
            raise bad_xls(self.name, f"merged-cell record at offset {pos} is too short")

    def _dimension(self, pos: int, body: bytes) -> None:
        """The used range: bound calamine's reservation and the declared corner."""
        if len(body) == 10:
            first_row, last_row, first_col, last_col = struct.unpack_from("<4H", body)
        elif len(body) == 14:
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
        else:
            raise bad_xls(self.name, f"range record at offset {pos} has {len(body)} bytes")
        if _calamine_reserve(first_row, last_row, first_col, last_col) > self.limits.max_cells:
            self.extent.add(max(last_row, first_row + 1), max(last_col, first_col + 1))
            raise bad_xls(self.name, f"the range record at offset {pos} claims rows "
                                     f"{first_row}–{last_row}, columns {first_col}–{last_col}")
        if last_row and last_col:
            self.extent.add(last_row, last_col)

    def _row(self, _pos: int, body: bytes) -> None:
        if len(body) >= 6:
            row, _first_col, end_col = struct.unpack_from("<3H", body)
            if end_col:
                self.extent.add(row + 1, end_col)

    def _mulrk(self, _pos: int, body: bytes) -> None:
        self._span(body, 6)

    def _mulblank(self, _pos: int, body: bytes) -> None:
        self._span(body, 2)

    def _span(self, body: bytes, per_cell: int) -> None:
        """Cells along one row; calamine counts them by the length, readers like xlrd by the
        last-column field, so the farther of both counts."""
        row, first_col = struct.unpack_from("<HH", body)
        last_col = struct.unpack_from("<H", body, len(body) - 2)[0]
        count = (len(body) - 6) // per_cell
        self.extent.add(row + 1, first_col + 1)
        self.extent.add(row + 1, max(first_col + count, last_col + 1))


def _ignore(_pos: int, _body: bytes) -> None:
    """Records checked for length only."""


def _is_biff8(bof: bytes) -> bool:
    """The BIFF version of a BOF record, as calamine decides it."""
    version = struct.unpack_from("<H", bof)[0]
    kind = struct.unpack_from("<H", bof, 2)[0] if len(bof) >= 4 else 0
    return not (version in (0x0200, 0x0002, 0x0007, 0x0300, 0x0400, 0x0500)
                or (version == 0 and kind == 0x1000))


def _calamine_reserve(first_row: int, last_row: int, first_col: int, last_col: int) -> int:
    """Cells calamine reserves for a ``DIMENSION`` record (its 32-bit subtraction wraps)."""
    if first_col > 0xFF or last_col < first_col:
        first_col = 0
    if last_row < 1 or last_col < 1:
        return 1
    rows = (last_row - 1 - first_row + 1) & 0xFFFFFFFF
    cols = (last_col - 1 - first_col + 1) & 0xFFFFFFFF
    return rows * cols
