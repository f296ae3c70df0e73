"""Rows that are not records, each listed as a skip with its reason: blank runs, struck or
folded rows, group headings and totals carrying their rows' sums."""

from __future__ import annotations

import re
from collections.abc import Mapping

from sheets import headers as hdr
from sheets import rows as rowkinds
from sheets import sums
from sheets.cells import clean_text, is_blank
from sheets.grid import Grid, Located, ParsedSheet, Record
from sheets.report import INFO, WARNING, Issue
from sheets.spec import TableSpec


def row_text(row: list) -> str:
    texts = [clean_text(v, fold=False) for v in row if not is_blank(v)]
    return " ".join(t for t in texts[:3] if t)[:40]


def skip_row(parsed: ParsedSheet, grid: Grid, i: int, kind: str, row: list) -> None:
    number = grid.first_row + i
    parsed.skipped_rows.append((number, kind))
    code = "total_row_skipped" if kind == rowkinds.TOTAL else f"row_skipped_{kind}"
    # a hidden row may be a building the school meant: a warning they see, not a note
    severity = WARNING if kind in (rowkinds.HIDDEN, rowkinds.STRUCK, rowkinds.DEMOLISHED,
                                   rowkinds.WITHDRAWN) else INFO
    parsed.issues.append(Issue(severity, code, *parsed.spec.text(code, row=number, text=row_text(row)),
                               cell=grid.address(i, 0), row=number, sheet=grid.sheet))


def join_merged_continuation(parsed: ParsedSheet, grid: Grid, i: int, record: Record,
                             values: dict[str, Located]) -> bool:
    """Join row ``i`` to ``record`` when it lies under the record's building-name cell merged
    down over both (a Word table's two-paragraph cell pasted as two rows) and gives nothing
    that contradicts it: a note's text is added to the note above, a field the record
    lacks is taken, and the row is listed as joined. ``False`` (nothing done) when the row
    gives another value of a field the record has: then it is a row of its own."""
    spec = parsed.spec
    taken, added = {}, {}
    for name, located in values.items():
        first = record.values.get(name)
        if first is None:
            taken[name] = located
        elif hdr.is_free_text(spec.by_name[name]):
            if clean_text(located.value) not in str(first.value):
                added[name] = Located(f"{first.value}；{located.value}", first.cell,
                                      first.row, first.sheet)
        elif clean_text(located.value) != clean_text(first.value):
            return False
    record.values.update(taken)
    record.values.update(added)
    number = grid.first_row + i
    joined = [spec.by_name[n] for n in (*taken, *added)]
    parsed.skipped_rows.append((number, rowkinds.CONTINUED))
    parsed.issues.append(Issue(INFO, "row_merged_continued", *spec.text(
        "row_merged_continued", row=number, first=record.row, text=row_text(grid.rows[i]),
        fields="、".join(c.label_zh for c in joined) or "无新内容",
        fields_en=", ".join(c.label_en for c in joined) or "nothing new"),
        cell=grid.address(i, 0), row=number, sheet=grid.sheet))
    return True


_SERIAL_HEAD = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


def _group_of(label: str | None, spec: TableSpec) -> tuple[str | None, bool]:
    """(group named, whether the label closes its group as a subtotal) of a row label:
    本部小计 → (本部, True), 一、东校区 → (东校区, False), 全校合计 → (None, True)."""
    key = _SERIAL_HEAD.sub("", "".join((label or "").split()))
    closing = False
    for word in spec.total_words:
        if key.endswith(word):
            key, closing = key[:-len(word)], True
            break
    key = key.rstrip(":：-—_")
    named = 2 <= len(key) <= 12 and key.endswith(spec.group_endings)
    return (key if named else None), closing


def group_labels(parsed: ParsedSheet, grid: Grid, first_record: int, header_row: int) -> None:
    """Give blank ``spec.group_field`` cells the group their rows stand in: a heading row
    (东校区) names the rows under it, a subtotal (本部小计) the rows above it since the last
    group; each reading is said, at the label's cell. ``header_row``: the table's last
    header row (Excel numbering); labels under it count."""
    spec = parsed.spec
    records = parsed.records[first_record:]
    if spec.group_field is None or not records:
        return
    events = [(r.row, 0, r) for r in records]
    for number, kind in parsed.skipped_rows:
        if header_row < number and kind in (rowkinds.SECTION, rowkinds.TOTAL):
            events.append((number, 1, None))
    current, pending = None, []
    found: dict[tuple[int, str], list[Record]] = {}
    for number, is_label, record in sorted(events, key=lambda e: (e[0], e[1])):
        if not is_label:
            if spec.group_field in record.values:
                continue
            if current is not None:
                found.setdefault(current, []).append(record)
            else:
                pending.append(record)
            continue
        row = grid.rows[number - grid.first_row]
        label = next((v for v in row if isinstance(v, str) and v.strip()), None)
        group, closing = _group_of(label, spec)
        if closing:
            if group is not None and pending:
                found.setdefault((number, group), []).extend(pending)
            current, pending = None, []
        elif group is not None:
            current, pending = (number, group), []
    for (number, group), given in found.items():
        _give_group(parsed, grid, number, group, given)


def _give_group(parsed: ParsedSheet, grid: Grid, number: int, group: str,
                records: list[Record]) -> None:
    spec, i = parsed.spec, number - grid.first_row
    row = grid.rows[i]
    j = next(k for k, v in enumerate(row) if isinstance(v, str) and v.strip())
    cell = grid.address(i, j)
    for record in records:
        record.values[spec.group_field] = Located(group, cell, record.row)
    col = spec.by_name[spec.group_field]
    rows = "、".join(str(r.row) for r in records[:20]) + ("…" if len(records) > 20 else "")
    parsed.issues.append(Issue(INFO, "group_from_label", *spec.text(
        "group_from_label", rows=rows, row=number, text=clean_text(row[j], fold=False),
        value=group, label=col.label_zh, label_en=col.label_en),
        cell=cell, row=number, sheet=grid.sheet))


def blank_run(parsed: ParsedSheet, grid: Grid, first: int, last: int) -> None:
    numbers = (grid.first_row + first, grid.first_row + last)
    parsed.skipped_rows.extend((n, "blank") for n in range(numbers[0], numbers[1] + 1))
    rows = str(numbers[0]) if numbers[0] == numbers[1] else f"{numbers[0]}–{numbers[1]}"
    parsed.issues.append(Issue(INFO, "rows_blank", *parsed.spec.text("rows_blank", rows=rows),
                               row=numbers[0], sheet=grid.sheet))


def struck_row(grid: Grid, i: int, name_col: int | None) -> bool:
    """Whether a row is struck through: its name cell, or most of its filled cells."""
    number = grid.first_row + i
    if name_col is not None and (number, grid.first_col + name_col) in grid.struck:
        return True
    filled = [j for j, v in enumerate(grid.rows[i]) if not is_blank(v)]
    struck = sum((number, grid.first_col + j) in grid.struck for j in filled)
    return bool(filled) and struck * 2 > len(filled)


def folded_rows_read(parsed: ParsedSheet, grid: Grid, first_record: int) -> None:
    """Say which buildings were read from rows a saved filter or a collapsed group hides."""
    rows = sorted(r.row for r in parsed.records[first_record:] if r.row in grid.folded_rows)
    if rows:
        listed = "、".join(map(str, rows[:20])) + ("…" if len(rows) > 20 else "")
        parsed.issues.append(Issue(INFO, "rows_folded_read", *parsed.spec.text(
            "rows_folded_read", rows=listed, n=len(rows)), row=rows[0], sheet=grid.sheet))


class _RawValues(Mapping):
    """A record's raw values by field, read through its located ones (no copy)."""

    def __init__(self, located: dict[str, Located]):
        self._located = located

    def __getitem__(self, name: str):
        return self._located[name].value

    def get(self, name: str, default=None):
        found = self._located.get(name)
        return default if found is None else found.value

    def __iter__(self):
        return iter(self._located)

    def values(self):
        return (v.value for v in self._located.values())

    def __len__(self) -> int:
        return len(self._located)


def drop_sum_rows(parsed: ParsedSheet, grid: Grid, first_record: int) -> None:
    """Group headings carrying their rows' sums (一、教学区 | … | 12400) and unlabelled totals
    are listed skips, not buildings."""
    additive = tuple(c.name for c in parsed.spec.columns if c.unit in sums.ADDITIVE_UNITS)
    mine = list(range(first_record, len(parsed.records)))  # this table's records
    found = sums.sum_rows([_RawValues(parsed.records[k].values) for k in mine], additive)
    if not found:
        return
    dropped = set()
    for hit in found:
        k = mine[hit.index]
        rec = parsed.records[k]
        dropped.add(k)
        i = rec.row - grid.first_row
        code = "row_skipped_group_sum" if hit.below else "row_skipped_unlabelled_total"
        parsed.skipped_rows.append((rec.row, rowkinds.TOTAL))
        parsed.issues.append(Issue(INFO, code, *parsed.spec.text(
            code, row=rec.row, text=row_text(grid.rows[i]), n=hit.n),
            cell=grid.address(i, 0), row=rec.row, sheet=grid.sheet))
    parsed.records[:] = [r for k, r in enumerate(parsed.records) if k not in dropped]
