"""Forms laid out vertically: one record written as label | value pairs.

An applicant's own 申报表 is often a paper form in a sheet: ``项目名称 | 屋顶光伏 | 项目类型 |
☑光伏 □照明`` (one or several pairs per row, value cells merged across columns, the unit in
the label, ``（万元）``, or in a cell after the value, a long text under its label), a title
above and the stamp and date lines below. :func:`read_form` reads such a sheet into one
:class:`~sheets.reader.Record` for any :class:`~sheets.spec.TableSpec`, each value with its
cell, every other filled cell listed in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sheets import headers as hdr
from sheets import rows as rowkinds
from sheets.cells import clean_text, is_blank, label_pairs, tick_choices
from sheets.reader import Grid, Located, ParsedSheet, Record
from sheets.report import ERROR, INFO, WARNING, Issue
from sheets.spec import Column, TableSpec

FORM = "form"

MESSAGES: dict[str, tuple[str, str]] = {
    "form_read": ("按竖排{noun}（“项目 | 内容”）读取：{n} 项。",
                  "Read as a vertical form (label | value pairs) of the {noun_en}: {n} fields."),
    "form_label_ignored": ("“{label}”（{value}）不是{noun}的项目，未读取。",
                           "'{label}' ({value}) is not a field of the {noun_en} and was not "
                           "read."),
    "form_text_skipped": ("“{text}”是说明文字，未读取。", "'{text}' is explanatory text and was "
                          "not read."),
    "form_several_ticked": ("“{label}”勾选了多项（{ticked}），只能选一项。",
                            "'{label}' has several boxes ticked ({ticked}); tick one."),
    "form_none_ticked": ("“{label}”一项都没有勾选。", "'{label}' has no box ticked."),
    "form_duplicate_label": ("“{label}”出现两次，以 {first} 的为准，{cell} 未读取。",
                             "'{label}' appears twice; {first} is read, {cell} is not."),
}

_PAIR = re.compile(r"^([^:：]{1,30})[:：]\s*(.*)$", re.S)
MAX_FORM_LABEL = 40


def text(spec: TableSpec, code: str, **fields) -> tuple[str, str]:
    """This module's message ``code`` for ``spec``'s document."""
    zh, en = spec.messages.get(code) or MESSAGES[code]
    fields.setdefault("noun", spec.noun_zh)
    fields.setdefault("noun_en", spec.noun_en)
    return zh.format(**fields), en.format(**fields)


@dataclass
class _Label:
    i: int
    j: int
    last: int  # last column of the label (merged label cells)
    field: str
    header: str
    factor: float
    inline: str | None = None  # text after 项目类型： in the label's own cell


@dataclass
class FormRead:
    """Where a form's values were found: field → value cell, cells used, issues."""

    values: dict[str, Located] = field(default_factory=dict)
    value_cells: dict[str, str] = field(default_factory=dict)
    factors: dict[str, float] = field(default_factory=dict)
    labels: list[_Label] = field(default_factory=list)
    used: set[tuple[int, int]] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)  # value cells of labels not read
    issues: list[Issue] = field(default_factory=list)


def _merge_end(grid: Grid, i: int, j: int) -> int:
    for (r0, c0), (r1, c1) in grid.merges:
        if r0 <= i <= r1 and c0 == j:
            return c1
    return j


def _covered(grid: Grid, i: int, j: int) -> bool:
    """Whether (i, j) lies inside a merge that starts elsewhere."""
    return any(r0 <= i <= r1 and c0 <= j <= c1 and (r0, c0) != (i, j)
               for (r0, c0), (r1, c1) in grid.merges)


def _as_label(value: object, spec: TableSpec) -> tuple[str, float, str, str | None] | None:
    """(field, factor, label text, inline value) when a cell reads as a field's label."""
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    pair = _PAIR.match(raw)
    label, inline = (pair[1], pair[2].strip() or None) if pair else (raw, None)
    label = clean_text(label.rstrip(":："), fold=False) or ""
    if not label or len(label) > MAX_FORM_LABEL or label[:1].isdigit() and len(label) < 3:
        return None
    hit = hdr.best_field(label, spec)
    if hit is None:
        return None
    return hit[0], hit[2], label, inline


def _is_value_of(label: _Label, value: object, spec: TableSpec) -> bool:
    """Whether a cell right after ``label`` that reads like a label is rather its value
    (项目类型 | 光伏发电: a choice of the field; 项目名称 | 屋顶光伏发电项目: a name)."""
    col = spec.by_name[label.field]
    text_value = clean_text(value) or ""
    if col.dtype == "enum":
        return spec.choice_value(col.name, text_value) is not None or (
            tick_choices(value) is not None)
    if col.dtype != "text":
        return False
    hit = hdr.best_field(text_value, spec)
    return hit is None or hit[1] < 1.0


def _pairs_in_cell(grid: Grid, i: int, j: int, spec: TableSpec) -> list[_Label]:
    """Two or more ``label：value`` pairs typed in one cell, each label a field's: a label
    each, with its value inline; ``[]`` for any other cell."""
    value = grid.rows[i][j]
    pairs = label_pairs(value) if isinstance(value, str) and value.count("：") + value.count(":") >= 2 \
        else []
    if len(pairs) < 2:
        return []
    labels = []
    for label, text_value, _ in pairs:
        hit = _as_label(f"{label}：{text_value}", spec)
        if hit is None or not text_value:
            return []
        labels.append(_Label(i, j, _merge_end(grid, i, j), hit[0], hit[2], hit[1], hit[3]))
    return labels


def _labels(grid: Grid, spec: TableSpec) -> list[_Label]:
    found = []
    for i, row in enumerate(grid.rows):
        before: _Label | None = None  # the label waiting for its value in this row
        for j, value in enumerate(row):
            if is_blank(value) or _covered(grid, i, j):
                continue
            several = _pairs_in_cell(grid, i, j, spec)
            if several:  # 计划开工：2027年3月  计划完工：2027年7月 on one line
                found += several
                before = None
                continue
            hit = _as_label(value, spec)
            if hit is not None and before is not None and _is_value_of(before, value, spec):
                hit = None
            if hit is None:
                before = None
                continue
            label = _Label(i, j, _merge_end(grid, i, j), hit[0], hit[2], hit[1], hit[3])
            found.append(label)
            before = label if label.inline is None else None
    return found


def _next_filled(grid: Grid, i: int, start: int, stop: int) -> int | None:
    row = grid.rows[i]
    for k in range(start, min(stop, len(row))):
        if not is_blank(row[k]):
            return k
    return None


def _unit_after(grid: Grid, i: int, k: int, col: Column) -> tuple[int | None, float | None]:
    """A unit word alone in the cell after a value (``350 | 万元``)."""
    end = _merge_end(grid, i, k) + 1
    value = grid.value(i, end) if end < len(grid.rows[i]) else None
    if isinstance(value, str) and hdr.is_units_row([value]) and col.unit:
        factor, understood = hdr.unit_factor(col, (value.strip(" ()（）"),))
        if understood:
            return end, factor
    return None, None


def _value_of(grid: Grid, label: _Label, stops: set[tuple[int, int]], spec: TableSpec,
              form: FormRead) -> None:
    """Find and record the value of one label (same row, else the cell below)."""
    col = spec.by_name[label.field]
    i = label.i
    if label.inline is not None:
        form.values[label.field] = Located(label.inline, grid.address(i, label.j),
                                           grid.first_row + i)
        form.value_cells[label.field] = grid.address(i, label.j)
        return
    next_label = min((j for (r, j) in stops if r == i and j > label.j), default=10**6)
    k = _next_filled(grid, i, label.last + 1, next_label)
    form.value_cells[label.field] = grid.address(i, label.last + 1)
    if k is None and i + 1 < len(grid.rows) and (i + 1, label.j) not in stops:
        below = grid.value(i + 1, label.j)
        if not is_blank(below) and _as_label(below, spec) is None and col.dtype == "text":
            k, i = label.j, i + 1
    if k is None:
        return
    cells = [k]
    if col.dtype == "enum" and tick_choices(grid.value(i, k)) is not None:
        cells += [m for m in range(k + 1, min(next_label, len(grid.rows[i])))
                  if tick_choices(grid.value(i, m)) is not None]
    value = " ".join(str(grid.value(i, m)) for m in cells) if len(cells) > 1 else grid.value(i, k)
    form.values[label.field] = Located(value, grid.address(i, k), grid.first_row + i)
    form.value_cells[label.field] = grid.address(i, k)
    form.used.update((i, m) for m in cells)
    unit_cell, factor = _unit_after(grid, i, cells[-1], col)
    if unit_cell is not None:
        form.used.add((i, unit_cell))
        form.factors[label.field] = factor


def _ticks(form: FormRead, spec: TableSpec, sheet: str | None) -> None:
    """Tick-box values become the ticked option (errors for none or several)."""
    for name, located in list(form.values.items()):
        choices = tick_choices(located.value)
        if choices is None:
            continue
        ticked, _ = choices
        label = spec.by_name[name].label_zh
        where = dict(cell=located.cell, row=located.row, column=name, sheet=sheet,
                     value=clean_text(located.value, fold=False))
        if len(ticked) == 1:
            form.values[name] = Located(ticked[0], located.cell, located.row)
            continue
        code = "form_several_ticked" if ticked else "form_none_ticked"
        severity = ERROR if ticked or spec.by_name[name].required else WARNING
        form.issues.append(Issue(severity, code, *text(spec, code, label=label,
                                                      ticked="、".join(ticked)), **where))
        del form.values[name]


def _leftovers(grid: Grid, form: FormRead, spec: TableSpec, first: int,
               skipped: list[tuple[int, str]]) -> None:
    """Every other filled cell from the first label on: a footer row, or listed."""
    label_cells = {(lb.i, lb.j) for lb in form.labels}
    for i in range(first, len(grid.rows)):
        row = grid.rows[i]
        filled = [j for j, v in enumerate(row) if not is_blank(v) and not _covered(grid, i, j)]
        rest = [j for j in filled if (i, j) not in form.used and (i, j) not in label_cells]
        if not rest:
            continue
        if not any((i, j) in form.used or (i, j) in label_cells for j in filled) and (
                rowkinds.is_footer(row)):
            skipped.append((grid.first_row + i, rowkinds.FOOTER))
            form.issues.append(Issue(WARNING, "row_skipped_footer", *spec.text(
                "row_skipped_footer", row=grid.first_row + i,
                text=" ".join(clean_text(row[j], fold=False) or "" for j in filled)[:40]),
                cell=grid.address(i, filled[0]), row=grid.first_row + i, sheet=grid.sheet))
            continue
        _list_cells(grid, form, spec, i, rest)


def _list_cells(grid: Grid, form: FormRead, spec: TableSpec, i: int, rest: list[int]) -> None:
    k = 0
    while k < len(rest):
        j = rest[k]
        label = clean_text(grid.value(i, j), fold=False) or ""
        value = ""
        if k + 1 < len(rest) and isinstance(grid.value(i, j), str):
            value = clean_text(grid.value(i, rest[k + 1]), fold=False) or ""
            form.listed.add(grid.address(i, rest[k + 1]))
            k += 1
        code = "form_label_ignored" if value else "form_text_skipped"
        zh, en = text(spec, code, label=label[:30], value=value[:30], text=label[:40])
        form.issues.append(Issue(WARNING, code, zh, en, cell=grid.address(i, j),
                                 row=grid.first_row + i, value=label[:60], sheet=grid.sheet))
        k += 1


def _dedupe(labels: list[_Label], grid: Grid, spec: TableSpec, form: FormRead) -> list[_Label]:
    seen: dict[str, _Label] = {}
    kept = []
    for label in labels:
        if label.field in seen:
            first = seen[label.field]
            form.issues.append(Issue(WARNING, "form_duplicate_label", *text(
                spec, "form_duplicate_label", label=label.header,
                first=grid.address(first.i, first.j), cell=grid.address(label.i, label.j)),
                cell=grid.address(label.i, label.j), row=grid.first_row + label.i,
                sheet=grid.sheet))
            continue
        seen[label.field] = label
        kept.append(label)
    return kept


MAX_FORM_ROWS = 200  # a paper form fits on a page or two; longer sheets are not forms


def find_form(grid: Grid, spec: TableSpec) -> list[_Label] | None:
    """The labels of a vertical form in ``grid``, or ``None`` when it is not one (fewer than
    ``spec.min_header_matches`` table fields named by labels, labels all on one row, or more
    than :data:`MAX_FORM_ROWS` rows)."""
    if len(grid.rows) > MAX_FORM_ROWS:
        return None
    labels = _labels(grid, spec)
    row_fields = {lb.field for lb in labels if not spec.is_block_column(lb.field)}
    if len(row_fields) < spec.min_header_matches or len({lb.i for lb in labels}) < 2:
        return None
    return labels


def paired_fields(grid: Grid, spec: TableSpec) -> int:
    """How many table fields of ``spec`` the sheet gives as label and value side by side
    (``项目编号：PD-01`` in one cell, or ``项目总投资 | 168``): a form's evidence. A table's
    header row has none (its labels stand next to other labels)."""
    labels = find_form(grid, spec)
    if labels is None:
        return 0
    stops = {(lb.i, lb.j) for lb in labels}
    paired = set()
    for lb in labels:
        if spec.is_block_column(lb.field):
            continue
        next_label = min((j for (r, j) in stops if r == lb.i and j > lb.j), default=10**6)
        if lb.inline is not None or _next_filled(grid, lb.i, lb.last + 1, next_label) is not None:
            paired.add(lb.field)
    return len(paired)


def read_form(grid: Grid, parsed: ParsedSheet) -> bool:
    """Read ``grid`` as a vertical form into ``parsed`` (one record); ``False`` if it is none.

    ``parsed.columns`` then maps each field to the cell its value is in (or belongs in),
    ``parsed.mapping`` holds one match per label, and ``parsed.layout`` is ``"form"``.
    """
    spec = parsed.spec
    labels = find_form(grid, spec)
    if labels is None:
        return False
    form = FormRead()
    form.labels = labels
    form.used.update((lb.i, lb.j) for lb in labels)
    for lb in labels:
        form.used.update((lb.i, m) for m in range(lb.j, lb.last + 1))
    kept = _dedupe(labels, grid, spec, form)
    stops = {(lb.i, lb.j) for lb in labels}
    for label in kept:
        _value_of(grid, label, stops, spec, form)
    _ticks(form, spec, grid.sheet)
    first = min(lb.i for lb in labels)
    _fill(parsed, grid, form, kept, first)
    _leftovers(grid, form, spec, first, parsed.skipped_rows)
    parsed.issues.extend(form.issues)
    parsed.issues.append(Issue(INFO, "form_read", *text(spec, "form_read", n=len(kept)),
                               cell=grid.address(first, kept[0].j), row=grid.first_row + first,
                               sheet=grid.sheet))
    return True


def _fill(parsed: ParsedSheet, grid: Grid, form: FormRead, labels: list[_Label],
          first: int) -> None:
    parsed.grid = grid
    parsed.sheet = grid.sheet
    parsed.layout = FORM
    parsed.header_row = grid.first_row + first
    parsed.form_cells = {grid.address(i, j) for i, j in form.used}
    parsed.form_listed = form.listed
    for label in labels:
        parsed.columns[label.field] = form.value_cells.get(label.field) or grid.address(
            label.i, label.last + 1)
        parsed.header_factors[label.field] = form.factors.get(label.field, label.factor)
        parsed.mapping.append(hdr.HeaderMatch(
            label.j, grid.address(label.i, label.j), label.header, label.field, 1.0,
            hdr.CONFIDENT, factor=parsed.header_factors[label.field]))
    parsed.records.append(Record(grid.first_row + first, dict(form.values)))
