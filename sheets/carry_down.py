"""School columns filled once per school: a bureau's list types each school's code and name
on its first row only and leaves them blank below, until the next school. A person reads the
rows under as that school's; so does :func:`carry_school_down`, and says so for each run.
"""

from __future__ import annotations

from sheets.grid import ParsedSheet, Record
from sheets.report import INFO, Issue

MESSAGES = {
    "school_carried_down": (
        "第 {rows} 行的学校栏（{labels}）空白，按上方第 {source} 行的学校读取。",
        "Row(s) {rows} leave the school columns ({labels_en}) blank: read as the school "
        "of row {source} above."),
}


def _school_fields(parsed: ParsedSheet) -> list[str]:
    return [c.name for c in parsed.spec.block_columns if c.name in parsed.columns]


def _blank(record: Record, fields: list[str]) -> bool:
    return not any(name in record.values for name in fields)


def carry_school_down(parsed: ParsedSheet) -> None:
    """Give each record whose school columns are all blank the school of the record above
    (the last one that names it), with one note per run of such rows."""
    fields = _school_fields(parsed)
    if not fields:
        return
    source: Record | None = None
    run: list[Record] = []
    for record in parsed.records:
        if _blank(record, fields) and source is not None and record.block is None:
            record.values.update({k: source.values[k] for k in fields if k in source.values})
            run.append(record)
            continue
        _note(parsed, source, run, fields)
        run = []
        source = None if _blank(record, fields) else record
    _note(parsed, source, run, fields)


def _note(parsed: ParsedSheet, source: Record | None, run: list[Record],
          fields: list[str]) -> None:
    if not run or source is None:
        return
    spec = parsed.spec
    zh, en = spec.messages.get("school_carried_down") or MESSAGES["school_carried_down"]
    names = [spec.by_name[k] for k in fields]
    rows = f"{run[0].row}–{run[-1].row}" if len(run) > 1 else str(run[0].row)
    words = dict(rows=rows, source=source.row,
                 labels="、".join(c.label_zh for c in names),
                 labels_en=", ".join(c.label_en for c in names))
    first_cell = parsed.columns[fields[0]].rstrip("0123456789") + str(run[0].row)
    parsed.issues.append(Issue(INFO, "school_carried_down", zh.format(**words), en.format(**words),
                               cell=first_cell, row=run[0].row, sheet=parsed.sheet,
                               value=None))
