"""Bounds, results and refusals shared by every format's pre-scan."""

from __future__ import annotations

from dataclasses import dataclass, field

from sheets.cells import column_index, column_letter

_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds an upload must stay within.

    Attributes
    ----------
    max_bytes : int
        Largest upload accepted [bytes].
    max_zip_entries : int
        Most entries an xlsx archive (or a package embedded in it) may hold [entries].
    max_unpacked_bytes : int
        Total unpacked size of all xlsx entries, embedded packages included, counted while
        streaming [bytes].
    max_ratio : float
        Largest unpacked/packed ratio of one entry, checked once the entry passes 1 MiB
        unpacked [-].
    max_rows : int
        Last allowed Excel row number (1-based) [rows].
    max_cols : int
        Last allowed column index (1-based; 256 is ``IV``) [columns].
    max_cells : int
        Largest populated extent (last row × last column) of one sheet and of all sheets
        together, and the most strings a shared-string table may declare [cells]. Readers
        build the whole rectangle of every sheet: python-calamine plus ``to_python()`` cost
        about 40 bytes a cell (3,000,000 cells: 127 MB peak, the whole intake 220 MB).
    max_field_chars : int
        Longest CSV field, Excel's own limit for a cell [characters].
    max_line_bytes : int
        Longest CSV line [bytes].
    """

    max_bytes: int = 20 * _MIB
    max_zip_entries: int = 500
    max_unpacked_bytes: int = 200 * _MIB
    max_ratio: float = 200.0
    max_rows: int = 100_000
    max_cols: int = 256
    max_cells: int = 3_000_000
    max_field_chars: int = 32_767
    max_line_bytes: int = 1 * _MIB


DEFAULT_LIMITS = Limits()


class RefusedFile(Exception):
    """An upload refused before parsing.

    Attributes
    ----------
    code : str
        Machine-readable reason: ``too_large``, ``empty``, ``wrong_type``, ``macro``,
        ``encrypted``, ``not_text``, ``bad_zip``, ``bad_xls``, ``duplicate_part``,
        ``too_many_entries``, ``zip_bomb``, ``xml_entity``, ``far_cell``,
        ``too_many_cells``, ``too_many_rows`` or ``long_field``.
    message_zh, message_en : str
        What is wrong and what to do, in Chinese and in English.
    cell : str or None
        The offending cell (e.g. ``"ZZ200000"``) for ``far_cell``, ``too_many_cells`` and
        ``long_field``; its sheet is named in the messages.
    """

    code: str
    message_zh: str
    message_en: str
    cell: str | None

    def __init__(self, code: str, message_zh: str, message_en: str, cell: str | None = None):
        super().__init__(code, message_zh, message_en, cell)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.cell = cell

    def __str__(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


@dataclass(frozen=True)
class ScanResult:
    """What the pre-scan learned about a file that passed.

    Attributes
    ----------
    kind : str
        ``"xlsx"``, ``"xls"`` or ``"csv"``.
    formulas_without_value : tuple of (str, str)
        ``(sheet name, cell)`` of every formula cell with no cached value (xlsx only); such
        cells read as empty or 0.
    sheet_extents : dict of str to str
        Sheet name → last used cell (highest row, highest column among cells with content),
        e.g. ``{"调研表": "W10012"}``, in workbook order; sheets without content are left out.
        For a CSV the key is the file name without extension. For an .xls the extent counts
        every cell record, empty formatted ones too.
    warnings : tuple of (str, str)
        ``(message_zh, message_en)`` of what the reader's user should know although the file
        passed, e.g. links to other workbooks.
    """

    kind: str
    formulas_without_value: tuple[tuple[str, str], ...]
    sheet_extents: dict[str, str]
    warnings: tuple[tuple[str, str], ...] = ()
    # Sheet name → (hidden Excel row numbers, hidden zero-based column indices), xlsx only:
    # what a person does not see (a demolished building's row hidden, a helper column).
    hidden: dict[str, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)
    # Sheet name → Excel rows hidden by a saved filter or a collapsed group: out of sight for
    # the moment, not put away, so they are read (and said to be).
    folded: dict[str, frozenset[int]] = field(default_factory=dict)
    # Sheet name → (Excel row, zero-based column) of cells written struck through (删除线).
    struck: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict)


def refuse(code: str, zh: str, en: str, cell: str | None = None) -> RefusedFile:
    """Build (not raise) a refusal, so callers write ``raise refuse(...)``."""
    return RefusedFile(code, zh, en, cell)


def mb(n_bytes: float) -> str:
    """A byte count as megabytes with one decimal [MB]."""
    return f"{n_bytes / _MIB:.1f}"


def col_letters(index: int) -> str:
    """Excel column letters of a 1-based column index (1 → ``A``, 256 → ``IV``)."""
    return column_letter(index - 1)


def col_index(letters: str) -> int:
    """1-based column index of Excel column letters (``IV`` → 256)."""
    return column_index(letters) + 1


def cell_name(row: int, col: int) -> str:
    """Excel address of a 1-based row and column (``(7, 2)`` → ``B7``)."""
    return f"{col_letters(col)}{row}"


def is_far(row: int, col: int, limits: Limits) -> bool:
    """Whether a cell lies beyond the allowed rows or columns."""
    return row > limits.max_rows or col > limits.max_cols


def far_cell(sheet: str, cell: str, limits: Limits) -> RefusedFile:
    """The refusal for content far outside the table."""
    last = cell_name(limits.max_rows, limits.max_cols)
    return refuse(
        "far_cell",
        f"工作表“{sheet}”的单元格 {cell} 有内容，远在表格之外（允许范围 A1:{last}），"
        "请删除该单元格后重新上传。",
        f"Sheet '{sheet}' has content in cell {cell}, far outside the table (allowed range "
        f"A1:{last}): delete it and upload again.",
        cell,
    )


def too_many_cells(sheet: str, cell: str, rows: int, cols: int, limits: Limits
                   ) -> RefusedFile:
    """The refusal for a sheet whose populated extent (rows × columns) is too large."""
    corner = cell_name(rows, cols)
    n = rows * cols
    return refuse(
        "too_many_cells",
        f"工作表“{sheet}”的单元格 {cell} 有内容，使表格范围扩大到 A1:{corner}（{n:,} 个单元格，"
        f"上限 {limits.max_cells:,} 个），多半是远处误填的内容。请删除该单元格（或多余的行、列）"
        "后重新上传。",
        f"Sheet '{sheet}' has content in cell {cell}, which stretches the table to A1:{corner} "
        f"({n:,} cells, more than the {limits.max_cells:,} allowed), most likely a stray entry: "
        "delete it (or the extra rows and columns) and upload again.",
        cell,
    )


def too_many_cells_in_all(sheet: str, rows: int, cols: int, total: int, limits: Limits
                          ) -> RefusedFile:
    """The refusal for sheets that together span too many cells (readers keep them all)."""
    corner = cell_name(rows, cols)
    return refuse(
        "too_many_cells",
        f"该工作簿的各工作表合计 {total:,} 个单元格（按每张表的使用范围计，上限 {limits.max_cells:,} 个），"
        f"其中工作表“{sheet}”的范围为 A1:{corner}。请删除多余的工作表（或远处误填的内容）后重新上传。",
        f"The sheets of this workbook span {total:,} cells together (counting each sheet's used "
        f"range; at most {limits.max_cells:,} are allowed), sheet '{sheet}' alone A1:{corner}: "
        "delete the extra sheets (or stray far entries) and upload again.",
        corner,
    )


def check_total(sheets: list[tuple[str, int, int, int]], limits: Limits) -> None:
    """Refuse when ``(sheet, rows, columns, times read)`` add up to more than ``max_cells``."""
    total = sum(rows * cols * times for _sheet, rows, cols, times in sheets)
    if total > limits.max_cells:
        sheet, rows, cols, _times = max(sheets, key=lambda s: s[1] * s[2])
        raise too_many_cells_in_all(sheet, rows, cols, total, limits)


class Extent:
    """The populated extent of one sheet, refusing far cells and oversized rectangles.

    Parameters
    ----------
    sheet : str
        Sheet name shown to the user.
    limits : Limits
        Row, column and cell bounds.
    """

    def __init__(self, sheet: str, limits: Limits):
        self.sheet = sheet
        self.limits = limits
        self.max_row = 0
        self.max_col = 0

    def add(self, row: int, col: int) -> None:
        """Take one cell (1-based row and column); refuse it when it breaks a bound."""
        if row <= self.max_row and col <= self.max_col:
            return
        if is_far(row, col, self.limits):
            raise far_cell(self.sheet, cell_name(row, col), self.limits)
        rows, cols = max(self.max_row, row), max(self.max_col, col)
        if rows * cols > self.limits.max_cells:
            raise too_many_cells(self.sheet, cell_name(row, col), rows, cols, self.limits)
        self.max_row, self.max_col = rows, cols

    @property
    def last_cell(self) -> str | None:
        """The last used cell, or None when the sheet holds nothing."""
        return cell_name(self.max_row, self.max_col) if self.max_row and self.max_col else None


def macro(name: str) -> RefusedFile:
    """The refusal for workbooks that carry macros."""
    return refuse(
        "macro",
        f"文件“{name}”是启用宏（或二进制）的工作簿，出于安全原因不能上传。"
        "请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后重新上传。",
        f"'{name}' is a macro-enabled (or binary) workbook, refused for safety: save it in "
        "Excel as 'Excel Workbook (*.xlsx)' and upload again.",
    )


def embedded_macro(name: str, part: str) -> RefusedFile:
    """The refusal for a workbook embedding an object or document that carries macros."""
    return refuse(
        "macro",
        f"文件“{name}”中嵌入的对象“{part}”含有宏（VBA）或启用宏的文档，出于安全原因不能上传。"
        "请删除该嵌入对象（或改为粘贴图片/数值），另存为“Excel 工作簿 (*.xlsx)”后重新上传。",
        f"'{name}' embeds an object ('{part}') that carries macros (VBA) or is a "
        "macro-enabled document, refused for safety: delete the object (or paste it as a "
        "picture or values), save as 'Excel Workbook (*.xlsx)' and upload again.",
    )


def encrypted(name: str) -> RefusedFile:
    """The refusal for a password-protected file."""
    return refuse(
        "encrypted",
        f"文件“{name}”设有打开密码（已加密），无法检查。请取消密码后另存为 .xlsx 再上传。",
        f"'{name}' is password-protected (encrypted) and cannot be checked: remove the "
        "password, save it as .xlsx and upload again.",
    )
