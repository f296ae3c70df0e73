"""Columns read in a particular way: a name column without a header, pairs typed a/b,
above- and below-ground parts added, √ tick columns, a unit column beside its numbers."""

from __future__ import annotations

import re

from sheets import cells
from sheets import headers as hdr
from sheets.cells import clean_text, column_letter, is_blank
from sheets.grid import Grid, HeaderSpan, Located, ParsedSheet
from sheets.report import INFO, WARNING, Issue
from sheets.spec import UNIT_FACTORS, TableSpec

_ABOVE, _BELOW = "地上", "地下"


def field_label(spec: TableSpec, name: str) -> tuple[str, str]:
    """(Chinese, English) label of a declared field."""
    col = spec.by_name[name]
    return col.label_zh, col.label_en


def _unheaded(cells: list[hdr.HeaderCell], grid: Grid, span: HeaderSpan,
              mapping: dict[int, str], upto: int | None = None):
    """``(column, sample values)`` of each column left of ``upto`` (all) with no header and
    not mapped, its non-blank values from the first data rows."""
    headed = {c.column for c in cells}
    rows = grid.rows[span.last + 1:span.last + 1 + hdr.SAMPLE_ROWS]
    width = upto if upto is not None else max((len(r) for r in rows), default=0)
    for j in range(width):
        if j not in headed and j not in mapping:
            yield j, [r[j] for r in rows if j < len(r) and not is_blank(r[j])]


def _claim_unheaded(parsed: ParsedSheet, mapping: dict[int, str], grid: Grid,
                    span: HeaderSpan, j: int, name: str) -> None:
    """Read the unheaded column ``j`` as field ``name``, asking to confirm."""
    cell = grid.address(span.bottom, j)
    mapping[j] = name
    parsed.columns[name] = cell
    col = parsed.spec.by_name[name]
    parsed.issues.append(Issue(WARNING, "unheaded_name_column", *parsed.spec.text(
        "unheaded_name_column", letter=column_letter(grid.first_col + j),
        label=col.label_zh, label_en=col.label_en), cell=cell,
        row=grid.first_row + span.bottom, sheet=grid.sheet))


def unheaded_name_column(parsed: ParsedSheet, mapping: dict[int, str],
                          cells: list[hdr.HeaderCell], grid: Grid, span: HeaderSpan) -> None:
    """A table whose name column has no header (the first cell left blank) has its names in
    the column without a header left of the others: read as the names, to be confirmed."""
    name = parsed.spec.example_key
    if name is None or name in mapping.values() or not mapping:
        return
    for j, values in _unheaded(cells, grid, span, mapping, upto=min(mapping)):
        texts = [v for v in values if isinstance(v, str) and not _is_number(v)]
        if len(texts) >= 2 and len(texts) == len(values) and len(set(texts)) == len(texts):
            _claim_unheaded(parsed, mapping, grid, span, j, name)
            return


def unheaded_group_column(parsed: ParsedSheet, mapping: dict[int, str],
                           cells: list[hdr.HeaderCell], grid: Grid, span: HeaderSpan) -> None:
    """A column without a header whose values all name a group (本部 | 分部, 东校区): the
    declaration's group field (校区), to be confirmed."""
    spec = parsed.spec
    name = spec.group_field
    if name is None or name in mapping.values() or not spec.group_endings:
        return
    for j, values in _unheaded(cells, grid, span, mapping):
        if len(values) >= 2 and all(isinstance(v, str) and 2 <= len(v.strip()) <= 12
                                    and v.strip().endswith(spec.group_endings) for v in values):
            _claim_unheaded(parsed, mapping, grid, span, j, name)
            return


def _is_number(text: str) -> bool:
    try:
        return cells.parse_number(text) is not None
    except cells.NumberProblem:
        return False


_PAIR = re.compile(r"^\s*[\d.,]+\s*[/／]\s*[\d.,]+\s*$")


_HEADER_PAIR = re.compile(r"^(?P<a>[^/／]+)[/／](?P<b>[^/／]+)$")


def paired_columns(parsed: ParsedSheet, mapping: dict[int, str], samples: dict[int, list],
                    used: dict[str, str], grid: Grid, row: int) -> None:
    """A header naming two fields (屋顶面积/可利用面积（㎡）) over values typed as pairs
    (1200/800) gives each field its half."""
    spec = parsed.spec
    for match in parsed.mapping:
        values = samples.get(match.column, [])
        found = _HEADER_PAIR.match(match.header.replace("\n", ""))
        if not match.applied or not found or not values or not all(
                isinstance(v, str) and _PAIR.match(v) for v in values):
            continue
        unit = hdr.parse_header(match.header)
        tail = "".join(f"（{u}）" for u in (unit.units if unit else ()))
        first = hdr.best_field(found["a"] + tail, spec)
        second = hdr.best_field(found["b"], spec)
        if not first or not second or first[0] == second[0] or second[0] in used:
            continue
        mapping[match.column] = first[0]
        parsed.columns.pop(match.field, None)
        used.pop(match.field, None)
        for name in (first[0], second[0]):
            parsed.columns[name] = match.cell
            parsed.header_factors[name] = match.factor
            used[name] = match.header
        parsed.paired_columns[match.column] = (first[0], second[0])
        zh_a, en_a = field_label(spec, first[0])
        zh_b, en_b = field_label(spec, second[0])
        parsed.issues.append(Issue(INFO, "column_paired", *spec.text(
            "column_paired", header=match.header, label=zh_a, label_en=en_a, other=zh_b,
            other_en=en_b), cell=match.cell, row=row, value=match.header, sheet=grid.sheet))


def split_pairs(values: dict[str, Located], paired: dict[int, tuple[str, str]],
                 mapping: dict[int, str]) -> None:
    """1200/800 under 屋顶面积/可利用面积: 1200 for the first field, 800 for the second."""
    for j, (first, second) in paired.items():
        located = values.get(mapping[j])
        if located is None or not isinstance(located.value, str) or not _PAIR.match(
                located.value):
            continue
        a, b = re.split(r"[/／]", located.value)
        values[first] = located._replace(value=a.strip())
        values[second] = located._replace(value=b.strip())


def addend_columns(parsed: ParsedSheet, mapping: dict[int, str], grid: Grid, row: int) -> None:
    """An area split into 地上 and 地下 columns with no total is their sum: the 地下 column
    is added to the 地上 one that was read as the field."""
    spec = parsed.spec
    by_header = {m.header.replace(" ", ""): m for m in parsed.mapping if not m.applied}
    for match in parsed.mapping:
        col = spec.by_name.get(match.field) if match.applied else None
        if col is None or col.unit != "m2" or _ABOVE not in match.header:
            continue
        below = by_header.get(match.header.replace(" ", "").replace(_ABOVE, _BELOW))
        if below is None or below.column in mapping:
            continue
        parsed.addend_columns[below.column] = match.column
        parsed.issues.append(Issue(INFO, "columns_added", *spec.text(
            "columns_added", first=match.header, second=below.header, label=col.label_zh,
            label_en=col.label_en), cell=below.cell, row=row, sheet=grid.sheet))


_TICKS = frozenset({"√", "✓", "✔", "☑", "■", "●", "v", "V", "是", "有", "1", "x", "X", "×", "☒"})


def tick_columns(parsed: ParsedSheet, mapping: dict[int, str], cells: list[hdr.HeaderCell],
                  grid: Grid, row: int) -> None:
    """A paper form's tick columns (屋面类型 over 平屋面 | 坡屋面 | 彩钢瓦, √ in one): each
    child names a value of the parent's field, and a ticked cell gives its row that value."""
    spec = parsed.spec
    groups: dict[str, list[tuple[int, str]]] = {}
    for cell in cells:
        if not cell.parent:
            continue
        parent = hdr.parse_header(cell.parent)
        if parent is None:
            continue
        field_name = spec.header_aliases.get(parent.keys[0])
        col = spec.by_name.get(field_name) if field_name else None
        if col is None or col.dtype != "enum":
            continue
        value = spec.choice_value(col.name, _choice_text(cell.child))
        if value is not None:
            groups.setdefault(col.name, []).append((cell.column, value))
    for name, columns in groups.items():
        read_elsewhere = any(f == name and j not in dict(columns) for j, f in mapping.items())
        if len(columns) < 2 or read_elsewhere:
            continue
        for j, value in columns:
            mapping.pop(j, None)
            parsed.tick_columns[j] = (name, value)
        parsed.columns[name] = next(m.cell for m in parsed.mapping if m.column == columns[0][0])
        col = spec.by_name[name]
        for j, value in columns:
            header = next(m for m in parsed.mapping if m.column == j)
            parsed.issues.append(Issue(INFO, "tick_column", *spec.text(
                "tick_column", header=header.header, label=col.label_zh, label_en=col.label_en,
                value=value), cell=header.cell, row=row, sheet=grid.sheet))


def _choice_text(text: str) -> str:
    return clean_text(text) or ""


def unit_columns(parsed: ParsedSheet, mapping: dict[int, str], samples: dict[int, list],
                  grid: Grid, row: int) -> None:
    """Tie each 单位 column to the nearest number column on its left whose unit family holds
    its words (建筑面积 | 单位: ㎡ / 万㎡); one that fits none is listed as not read."""
    spec = parsed.spec
    for match in parsed.mapping:
        if match.level != hdr.UNITS:
            continue
        words = {hdr.unit_key(v) for v in samples.get(match.column, [])}
        target = next((j for j in sorted(mapping, reverse=True) if j < match.column
                       and words <= set(UNIT_FACTORS.get(spec.by_name[mapping[j]].unit, ()))),
                      None)
        where = dict(cell=match.cell, row=row, value=match.header, sheet=grid.sheet)
        if target is None:
            parsed.issues.append(Issue(WARNING, "ignored_column", *spec.text(
                "ignored_column", header=match.header), **where))
            continue
        parsed.unit_columns[match.column] = target
        zh, en = field_label(spec, mapping[target])
        parsed.issues.append(Issue(INFO, "column_units", *spec.text(
            "column_units", header=match.header, label=zh, label_en=en), **where))


def add_below_ground(values: dict[str, Located], row: list, addends: dict[int, int],
                      mapping: dict[int, str]) -> None:
    """地上 + 地下 where both are numbers; a blank or a dash under 地下 adds nothing."""
    for k, j in addends.items():
        located = values.get(mapping[j])
        extra = row[k] if k < len(row) else None
        if located is None or not isinstance(located.value, (int, float)) \
                or isinstance(extra, bool) or not isinstance(extra, (int, float)):
            continue
        values[mapping[j]] = located._replace(value=float(located.value) + float(extra))


def ticked(values: dict[str, Located], row: list, ticks: dict[int, tuple[str, str]],
            grid: Grid, i: int) -> None:
    """The value of the tick column whose cell is ticked (√), at that cell."""
    for j, (name, value) in ticks.items():
        mark = row[j] if j < len(row) else None
        if isinstance(mark, (int, float)) and not isinstance(mark, bool):
            mark = str(int(mark)) if float(mark).is_integer() else str(mark)
        if isinstance(mark, str) and mark.strip() in _TICKS and name not in values:
            values[name] = Located(value, grid.address(i, j), grid.first_row + i)


def with_row_units(values: dict[str, Located], row: list, unit_columns: dict[int, int],
                    mapping: dict[int, str]) -> None:
    """A number whose unit stands in the row's 单位 cell is read with it (0.32 | 万㎡)."""
    for j_unit, j_number in unit_columns.items():
        name = mapping[j_number]
        unit = row[j_unit] if j_unit < len(row) else None
        located = values.get(name)
        if located is None or is_blank(unit) or not isinstance(located.value, (int, float, str)):
            continue
        values[name] = located._replace(value=f"{located.value}{str(unit).strip()}")
