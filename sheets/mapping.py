"""The reader's column mapping, put to a person: what to ask, what they chose, what was used.

The reader keeps how it read every header (:attr:`sheets.reader.ParsedSheet.mapping`). When
it is unsure of some (``uncertain`` matches it read, ``suggested`` ones it did not, columns
with values it could not place), :func:`needs_confirmation` says to ask before the values are
judged; :func:`proposal` gives one :class:`MappingRow` per header with the reader's proposal;
:func:`check_choices` and :func:`profile_from_choices` turn a person's choices into a mapping
profile (header wording → field or ``None``) for :mod:`core.profiles`. :func:`mapping_used`
describes the mapping a check used (command line, ``--json``).

A weak guess (``suggested``) is shown but not proposed: the proposal reads it only when the
person picks the field, so confirming without looking never reads a column on a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from sheets.cells import is_blank
from sheets.headers import SUGGESTED, UNCERTAIN, UNMATCHED, HeaderMatch
from sheets.spec import TableSpec

ASK_LEVELS = (UNCERTAIN, SUGGESTED)
NOT_READ = {"zh": "不读取", "en": "not read"}


@dataclass(frozen=True)
class MappingRow:
    """One header as put to a person.

    ``proposed`` is the field the reader would read the column as (``None``: not read);
    ``guess`` the field a ``suggested`` or displaced header resembles; ``has_values`` whether
    an unread column holds values in the table's rows.
    """

    column: int
    cell: str
    header: str
    proposed: str | None
    level: str
    score: float
    guess: str | None = None
    has_values: bool = False


def columns_with_values(parsed) -> frozenset[int]:
    """Grid columns (zero-based) of unread headers that hold a value in a record's row.

    Needs the parsed cells (``parsed.grid``): run it where the sheet was read (the isolated
    worker), before the cells are dropped.
    """
    grid = parsed.grid
    unread = [m.column for m in parsed.mapping if m.field is None]
    if grid is None or not unread:
        return frozenset()
    rows = [rec.row - grid.first_row for rec in parsed.records]
    found = set()
    for j in unread:
        if any(0 <= i < len(grid.rows) and not is_blank(grid.value(i, j)) for i in rows):
            found.add(j)
    return frozenset(found)


def _asks(match: HeaderMatch, with_values: frozenset[int]) -> bool:
    if match.level in ASK_LEVELS:
        return True
    return match.level == UNMATCHED and (match.suggestion is not None
                                         or match.column in with_values)


def needs_confirmation(parsed, with_values: frozenset[int] = frozenset()) -> bool:
    """Whether to put the mapping to a person before the values are judged: some header is
    uncertain or only suggested, or an unplaced column holds values; never when a saved
    profile was applied."""
    if parsed.profile_applied:
        return False
    return any(_asks(m, with_values) for m in parsed.mapping)


def proposal(parsed, with_values: frozenset[int] = frozenset()) -> list[MappingRow]:
    """One row per header cell, in column order, with the reader's proposal."""
    return [MappingRow(m.column, m.cell, m.header, m.field if m.applied else None, m.level,
                       m.score, m.suggestion, m.column in with_values)
            for m in parsed.mapping]


@dataclass(frozen=True)
class SheetMapping:
    """How one sheet's headers were read, as the upload page shows it: ``rows`` from
    :func:`proposal`, ``ask`` from :func:`needs_confirmation`, the layout's ``signature``
    (the key its profile is saved under) and whether a saved profile was applied."""

    sheet: str | None
    spec_name: str
    signature: str | None
    rows: list[MappingRow]
    ask: bool
    profile_applied: bool


def sheet_mappings(sheets) -> list[SheetMapping]:
    """One :class:`SheetMapping` per parsed sheet with a header (cells still present: run
    where the file was read)."""
    out = []
    for parsed in sheets:
        if parsed is None or not parsed.mapping:
            continue
        with_values = columns_with_values(parsed)
        out.append(SheetMapping(parsed.sheet, parsed.spec.name, parsed.signature,
                                proposal(parsed, with_values),
                                needs_confirmation(parsed, with_values), parsed.profile_applied))
    return out


def field_label(spec: TableSpec, name: str | None, lang: str) -> str:
    """A field's label in ``lang`` (``"zh"`` or ``"en"``); "not read" for ``None``."""
    if name is None:
        return NOT_READ["zh" if lang == "zh" else "en"]
    col = spec.by_name[name]
    return col.label_zh if lang == "zh" else col.label_en


def field_options(spec: TableSpec) -> list[str | None]:
    """The choices of a header's drop-down: not read, then every declared field."""
    return [None, *(c.name for c in spec.columns)]


def check_choices(rows: list[MappingRow], choices: Mapping[int, str | None],
                  spec: TableSpec) -> list[tuple[str, str]]:
    """Problems with a person's choices (by grid column), in Chinese and English; empty when
    they make a profile: each field read from one column at most, headers of the same
    wording read alike (a profile tells columns apart by their wording)."""
    problems: list[tuple[str, str]] = []
    chosen: dict[str, MappingRow] = {}
    by_wording: dict[str, str | None] = {}
    for row in rows:
        name = choices.get(row.column, row.proposed)
        if name is not None and name not in spec.by_name:
            problems.append((f"“{row.header}”：没有字段 {name}。",
                             f"'{row.header}': there is no field {name}."))
            continue
        if name is not None and name in chosen:
            zh, en = field_label(spec, name, "zh"), field_label(spec, name, "en")
            problems.append((f"“{zh}”被选给了两列：{chosen[name].cell}“{chosen[name].header}”和 "
                             f"{row.cell}“{row.header}”。每个字段只能对应一列。",
                             f"'{en}' is chosen for two columns: {chosen[name].cell} "
                             f"'{chosen[name].header}' and {row.cell} '{row.header}'. A field "
                             "can be read from one column only."))
        elif name is not None:
            chosen[name] = row
        if row.header in by_wording and by_wording[row.header] != name:
            problems.append((f"有两列表头都是“{row.header}”，无法分别对应：请在表格中改一个表头。",
                             f"Two columns are both headed '{row.header}' and cannot be told "
                             "apart: rename one of them in the sheet."))
        by_wording.setdefault(row.header, name)
    return problems


def profile_from_choices(rows: list[MappingRow], choices: Mapping[int, str | None]
                         ) -> dict[str, str | None]:
    """The profile a person's choices make: every header's wording → the chosen field, or
    ``None`` (not read); a header not in ``choices`` keeps the reader's proposal."""
    return {row.header: choices.get(row.column, row.proposed) for row in rows}


def mapping_used(parsed) -> list[dict]:
    """How each header was read, as data: ``cell``, ``header``, ``field`` (``None``: not
    read), ``level`` (``confirmed``/``declined`` from a saved profile), ``score`` and the
    ``suggestion`` of a header not read."""
    keys = ("cell", "header", "field", "level", "score", "suggestion")
    return [{k: v for k, v in asdict(m).items() if k in keys} for m in parsed.mapping]


def mapping_lines(parsed, indent: str = "  ") -> list[str]:
    """The mapping a check used, for a terminal: a heading naming its source (a saved
    profile or the reader's own matching), then ``cell header → field (level)`` per header."""
    if parsed is None or not parsed.mapping:
        return []
    source = (f"按已保存的列对应读取 read with the saved mapping {parsed.signature}"
              if parsed.profile_applied else
              f"系统自动识别 matched by the reader (layout {parsed.signature})")
    lines = [f"{indent}列对应 Column mapping — {source}:"]
    for m in parsed.mapping:
        target = m.field or "—"
        extra = f", ~{m.suggestion}?" if m.suggestion and not m.field else ""
        lines.append(f"{indent}  {m.cell:>6} {m.header} → {target} ({m.level}{extra})")
    return lines
