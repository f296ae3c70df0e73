"""Units stated outside the header: in a title, a note line or a footer.

People write the unit once for the whole table: ``……汇总表（单位：万元）`` in the title,
``金额单位：万元`` on the line above the header, ``注：面积单位：万㎡`` under the table, or
``单位：万元、kW``. :func:`find_unit_notes` finds such statements with the cell they are in;
:func:`apply_unit_notes` lays each stated unit over the mapped columns of its unit family
whose own header states no unit, and says so in the report at the column's header. A unit
that could apply to columns of more than one family (``单位：万`` over amounts and
energies) is a question in the report, never a silent factor of 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sheets.cells import clean_text, is_blank, to_halfwidth
from sheets.headers import STANDALONE_NOTE, parse_header, unit_factor
from sheets.report import WARNING, Issue
from sheets.spec import UNIT_FACTORS, UNIT_LABELS

# This module's messages ({noun}: the document); a TableSpec's own ``messages`` win.
MESSAGES: dict[str, tuple[str, str]] = {
    "unit_from_note": (
        "“{label}”的表头未写单位，按 {note} 单元格的说明（{unit}）读取，已换算为 {canonical}。",
        "The header of '{label_en}' gives no unit: read in {unit} as stated in cell {note}, "
        "converted to {canonical}."),
    "unit_note_ambiguous": (
        "{note} 单元格写明单位“{unit}”，但不清楚它适用于哪些列（{labels}），未换算。请在这些列的表头中写明单位后重新上传。",
        "Cell {note} states the unit '{unit}', but it is unclear which of the columns it "
        "governs ({labels_en}); nothing was converted. Write the unit in these headers and "
        "upload again."),
}

# What a qualifier before 单位 says about the family: 金额单位 → money, 面积单位 → area.
QUALIFIER_FAMILIES: dict[str, tuple[str, ...]] = {
    "金额": ("cny",), "资金": ("cny",), "投资": ("cny",), "货币": ("cny",), "价格": ("cny",),
    "面积": ("m2",), "电量": ("kwh",), "能耗": ("kwh",), "用电": ("kwh",), "发电": ("kwh",),
    "节电": ("kwh",), "容量": ("kw", "kwp"), "装机": ("kw", "kwp"), "功率": ("kw", "kwp"),
}
# Families that are one quantity under two names (kW of a load, kWp of an array).
_SAME_QUANTITY = ({"kw", "kwp"}, {"year", "years"})

_NOTE = re.compile(
    r"(?:(?P<qualifier>" + "|".join(QUALIFIER_FAMILIES) + r")|^|(?<=[\s(（\[【,，;；:：、。注]))"
    r"\s*单位\s*[:：为]\s*(?P<units>(?:(?!(?:" + "|".join(QUALIFIER_FAMILIES) + r")?单位)"
    r"[^)）\]】;；。])+)")
_SPLIT = re.compile(r"[、,，/／\s]+|及|和")


@dataclass(frozen=True)
class UnitWord:
    """One unit word of a note and the families it may belong to."""

    word: str  # as written, e.g. "万元"
    key: str  # folded for :data:`sheets.spec.UNIT_FACTORS`
    families: tuple[str, ...]


@dataclass(frozen=True)
class UnitNote:
    """A unit statement found outside the header, e.g. ``（单位：万元）`` in the title."""

    cell: str
    text: str
    words: tuple[UnitWord, ...]


def _unit_key(word: str) -> str:
    return to_halfwidth(word).strip().lower().replace(" ", "")


def _families(key: str, qualifier: str | None) -> tuple[str, ...]:
    found = tuple(f for f, table in UNIT_FACTORS.items() if key in table)
    if qualifier:
        allowed = QUALIFIER_FAMILIES[qualifier]
        found = tuple(f for f in found if f in allowed)
    return found


def parse_note(text: str) -> tuple[UnitWord, ...]:
    """Unit words a cell's text states for a table (empty when it states none).

    Parameters
    ----------
    text
        A title or note, e.g. ``"2026年申报汇总表（单位：万元、kW）"``.
    """
    folded = to_halfwidth(str(text))
    words: list[UnitWord] = []
    for match in _NOTE.finditer(folded):
        parts = [p for p in _SPLIT.split(match["units"]) if p.strip()]
        found = [(p, _unit_key(p)) for p in parts]
        known = [(p, k, _families(k, match["qualifier"])) for p, k in found]
        if not known or any(not fams for _, _, fams in known[:1]):
            continue  # 填报单位：明珠中学 names no unit
        words.extend(UnitWord(p, k, fams) for p, k, fams in known if fams)
    return tuple(words)


def find_unit_notes(rows: list[list], address, skip_rows: set[int] = frozenset()
                    ) -> list[UnitNote]:
    """Every unit statement in ``rows`` outside ``skip_rows`` (header and record rows).

    Parameters
    ----------
    rows
        The sheet's cell values.
    address
        ``address(i, j)`` → the Excel cell of ``rows[i][j]``.
    """
    notes = []
    for i, row in enumerate(rows):
        if i in skip_rows:
            continue
        for j, value in enumerate(row):
            if is_blank(value) or not isinstance(value, str) or "单位" not in value:
                continue
            words = parse_note(value)
            if words:
                notes.append(UnitNote(address(i, j), clean_text(value, fold=False) or "", words))
    return notes


def _states_unit(header: str, col) -> bool:
    """Whether a header gives its own unit (in brackets, after a slash, or loose: 面积万㎡)."""
    parsed = parse_header(header)
    if parsed is None:
        return False
    return bool(parsed.units) or unit_factor(col, (), header)[0] != 1.0


def _one_quantity(families: set[str]) -> bool:
    return len(families) <= 1 or any(families <= same for same in _SAME_QUANTITY)


def _targets(word: UnitWord, open_columns: dict[str, str]) -> dict[str, str]:
    """Columns (field → family) without a stated unit that ``word`` could govern."""
    return {name: fam for name, fam in open_columns.items() if fam in word.families}


def apply_unit_notes(parsed, notes: list[UnitNote]) -> None:
    """Lay the units of ``notes`` over ``parsed``'s mapped columns that state none.

    Each column takes the first note word of its family; ``parsed.header_factors`` is
    updated and a warning at the column's header names the note's cell. A word that could
    govern columns of different quantities is reported as a question and not applied.
    """
    spec = parsed.spec
    header_text = {m.field: m.header for m in parsed.mapping if m.applied}
    open_columns = {name: spec.by_name[name].unit for name in parsed.columns
                    if spec.by_name[name].unit and spec.by_name[name].unit in UNIT_FACTORS
                    and not _states_unit(header_text.get(name, ""), spec.by_name[name])}
    for note in notes:
        for word in note.words:
            targets = _targets(word, open_columns)
            if not targets:
                continue
            if not _one_quantity(set(targets.values())):
                _ambiguous(parsed, note, word, targets)
                continue
            for name, fam in targets.items():
                _apply(parsed, note, word, name, UNIT_FACTORS[fam][word.key])
                del open_columns[name]


def _apply(parsed, note: UnitNote, word: UnitWord, name: str, factor: float) -> None:
    col = parsed.spec.by_name[name]
    parsed.header_factors[name] = factor * parsed.header_factors.get(name, 1.0)
    header = parsed.columns.get(name)
    zh, en = text(parsed.spec, "unit_from_note", note=note.cell, unit=word.word,
                              label=col.label_zh, label_en=col.label_en,
                              canonical=UNIT_LABELS.get(col.unit, col.unit), factor=f"{factor:g}")
    parsed.issues.append(Issue(WARNING, "unit_from_note", zh, en, cell=header, column=name,
                               value=note.text[:60], sheet=parsed.sheet))


def _ambiguous(parsed, note: UnitNote, word: UnitWord, targets: dict[str, str]) -> None:
    spec = parsed.spec
    labels_zh = "、".join(spec.by_name[n].label_zh for n in targets)
    labels_en = ", ".join(spec.by_name[n].label_en for n in targets)
    zh, en = text(spec, "unit_note_ambiguous", note=note.cell, unit=word.word,
                       labels=labels_zh, labels_en=labels_en)
    parsed.issues.append(Issue(WARNING, "unit_note_ambiguous", zh, en, cell=note.cell,
                               value=note.text[:60], sheet=parsed.sheet))


def text(spec, code: str, **fields) -> tuple[str, str]:
    """Message ``code`` of this module for ``spec``'s document (its own wording first)."""
    zh, en = spec.messages.get(code) or MESSAGES[code]
    fields.setdefault("noun", spec.noun_zh)
    fields.setdefault("noun_en", spec.noun_en)
    return zh.format(**fields), en.format(**fields)


def is_standalone_note(text: object) -> bool:
    """Whether a header cell is a unit statement, not a column (单位：万元 at the row's end)."""
    return isinstance(text, str) and bool(STANDALONE_NOTE.match(to_halfwidth(text))) \
        and bool(parse_note(text))


def header_row_notes(parsed, header_rows: set[int]) -> list[UnitNote]:
    """Unit statements typed into the header row itself, in a column that is no field."""
    grid, read = parsed.grid, {m.column for m in parsed.mapping if m.field}
    notes = []
    for i in sorted(header_rows):
        if not 0 <= i < len(grid.rows):
            continue
        for j, value in enumerate(grid.rows[i]):
            if j not in read and is_standalone_note(value):
                notes.append(UnitNote(grid.address(i, j), clean_text(value, fold=False) or "",
                                      parse_note(value)))
    return notes


def read_notes(parsed) -> list[UnitNote]:
    """Find the unit notes of a read sheet and apply them (once; later calls do nothing).

    Looks at every row of ``parsed.grid`` that is neither header nor record: the title and
    note lines above the table, skipped rows inside it and the footer under it.
    """
    grid = parsed.grid
    if grid is None or getattr(parsed, "_unit_notes", None) is not None:
        return getattr(parsed, "_unit_notes", None) or []
    header_rows = {n - grid.first_row for n in parsed.header_rows}
    taken = header_rows | {r.row - grid.first_row for r in parsed.records}
    notes = find_unit_notes(grid.rows, grid.address, taken)
    notes += header_row_notes(parsed, header_rows)
    parsed._unit_notes = notes
    apply_unit_notes(parsed, notes)
    return notes
