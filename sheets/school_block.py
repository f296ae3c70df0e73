"""The school block: school fields written above the table (学校名称：…), beside it, in a
footer (填表人：…), under the last building, in a text box, or stacked over each school of a
committee sheet."""

from __future__ import annotations

import re

from sheets import cells
from sheets import headers as hdr
from sheets import rows as rowkinds
from sheets.cells import clean_text, is_blank
from sheets.grid import Grid, HeaderSpan, Located, ParsedSheet
from sheets.report import INFO, Issue
from sheets.skips import row_text
from sheets.spec import TableSpec, normalise_key


def read_school_block(grid: Grid, span: HeaderSpan, parsed: ParsedSheet) -> dict[str, Located]:
    block: dict[str, Located] = {}
    values_row = None
    for i in range(span.top):
        if i == values_row:
            continue
        if i + 1 < span.top and labels_over_values(grid, i, parsed, block):
            values_row = i + 1
            continue
        before = len(block)
        block_fields_of_row(grid, i, parsed, block)
        texts = [(j, v) for j, v in enumerate(grid.rows[i]) if not is_blank(v)]
        if len(block) == before and len(texts) == 1 and isinstance(texts[0][1], str):
            j, text = texts[0]
            parsed.title_lines.append(Located(text.strip(), grid.address(i, j),
                                              grid.first_row + i, grid.sheet))
    return block


LABEL_SCORE = 0.9  # a cell this close to a school field's words is its label


def is_label(value: object, spec: TableSpec) -> bool:
    text = clean_text(value) if isinstance(value, str) else None
    hit = hdr.best_field(text, spec, spec.block_columns) if text else None
    return hit is not None and hit[1] >= LABEL_SCORE


def labels_over_values(grid: Grid, i: int, parsed: ParsedSheet,
                        block: dict[str, Located]) -> bool:
    """The school's details as a small table: row ``i`` holds labels only (学校名称 | 学校代码 |
    所在区 …), the row below their values in the same columns, and no label. ``True`` when
    read so."""
    labels = [(j, v) for j, v in enumerate(grid.rows[i]) if not is_blank(v)]
    below = grid.rows[i + 1]
    if len(labels) < 2 or not all(is_label(v, parsed.spec) and not cells.label_pairs(v)
                                  for _, v in labels):
        return False
    values = [(j, below[j]) for j, _ in labels if j < len(below) and not is_blank(below[j])]
    if len(values) < 2 or any(is_label(v, parsed.spec) for v in below if not is_blank(v)):
        return False
    for j, value in values:
        label = grid.rows[i][j]
        hit = block_field(label, parsed, block)
        if hit is None:
            join_free_text(label, clean_text(value) or "", grid, i + 1, parsed, block)
            continue
        parsed.school_value_cells.setdefault(hit, grid.address(i + 1, j))
        block[hit] = Located(value, grid.address(i + 1, j), grid.first_row + i + 1)
    return True


def block_fields_of_row(grid: Grid, i: int, parsed: ParsedSheet,
                         block: dict[str, Located]) -> None:
    """School-block fields of grid row ``i``: a label cell with its value to the right
    (学校名称 | 上海市某中学), or ``label：value`` pairs, several in one cell (学校名称：…
    学校代码：… 所在区：…)."""
    row = grid.rows[i]
    for j, value in enumerate(row):
        if not isinstance(value, str) or not value.strip():
            continue
        value = bracketed_fields(grid, i, j, parsed, block)
        if not value:
            continue
        pairs = cells.label_pairs(value)
        if pairs:
            for label, text, _ in pairs:
                if text and rowkinds.is_hint(text):
                    continue  # 学校名称：填写学校全称 in the 填表说明 above: how, not what
                hit = block_field(label, parsed, block)
                if hit is None and text:
                    note_former(label, text, grid, i, j, parsed)
                    join_free_text(label, text, grid, i, parsed, block)
                if hit:
                    parsed.school_value_cells.setdefault(hit, grid.address(i, j))
                    if text:
                        block[hit] = Located(text, grid.address(i, j), grid.first_row + i)
                    else:
                        value_to_the_right(grid, i, j, hit, block)
            continue
        if spaced_pair(value, grid, i, j, parsed, block):
            continue
        hit = block_field(value, parsed, block)
        if hit:
            parsed.school_value_cells.setdefault(hit, grid.address(i, j + 1))
            value_to_the_right(grid, i, j, hit, block)
        elif j + 1 < len(row) and isinstance(row[j + 1], (str, int, float)) \
                and not is_blank(row[j + 1]):
            note_former(value, clean_text(row[j + 1]) or "", grid, i, j, parsed)
            join_free_text(value, clean_text(row[j + 1]) or "", grid, i, parsed, block)


_BRACKETED_PAIR = re.compile(r"[（(]\s*([^（()）:：]{2,12}?)\s*[:：]\s*([^（()）]+?)\s*[）)]")


def bracketed_fields(grid: Grid, i: int, j: int, parsed: ParsedSheet,
                      block: dict[str, Located]) -> str:
    """Fields in brackets inside a title (上海市闵行区马桥中学（学校代码：3101120077）校舍屋顶
    情况表): each is read, and the words around them are a title line, where the school's
    name may be found. Returns the cell's text left to read (none for such a title)."""
    text = grid.rows[i][j]
    found = [(m[0], m[2], block_field(m[1], parsed, block)) for m in _BRACKETED_PAIR.finditer(text)]
    found = [(whole, value, hit) for whole, value, hit in found if hit]
    code = _bare_code(text, parsed, block)
    if code is not None:  # 上海市某学校（3101170031）节能项目申报: the code, unlabelled
        found.append(code)
    rest = text
    for whole, value, hit in found:
        parsed.school_value_cells.setdefault(hit, grid.address(i, j))
        block[hit] = Located(value, grid.address(i, j), grid.first_row + i)
        rest = rest.replace(whole, "")
    if not found or cells.label_pairs(rest):
        return rest  # 学校名称：某中学（学校代码：…）: the pairs outside are read as usual
    if rest.strip():
        parsed.title_lines.append(Located(rest.strip(), grid.address(i, j), grid.first_row + i,
                                          grid.sheet))
    return ""


_BARE_CODE = re.compile(r"[（(]\s*([0-9A-Za-z]{10}|[0-9A-Za-z]{18})\s*[）)]")


def _bare_code(text: str, parsed: ParsedSheet, block: dict[str, Located]
               ) -> tuple[str, str, str] | None:
    """A school code in brackets after the school's name in a title, without its label:
    ``(bracketed text, code, field)`` for the table's code field (the block column whose
    codes fold to half width), else ``None``."""
    field = next((c.name for c in parsed.spec.block_columns if c.fold_width), None)
    match = _BARE_CODE.search(text)
    if field is None or field in block or match is None:
        return None
    if not cells.is_usual_school_code(match[1].upper()):
        return None
    return match[0], match[1], field


def block_field(label: str, parsed: ParsedSheet, block: dict[str, Located]) -> str | None:
    """The school field a block label names, if not read already: a field's own label
    (学校代码) still takes it over from an alias read first (统一社会信用代码), saying so."""
    spec = parsed.spec
    text = clean_text(label)
    hit = hdr.best_field(text, spec, spec.block_columns) if text else None
    if not hit:
        return None
    name, _, factor, _ = hit
    own = normalise_key(text) == normalise_key(spec.by_name[name].label_zh)
    if name in block:
        if not own or name in parsed.block_own_labels:
            return None
        earlier = block.pop(name)
        parsed.issues.append(Issue(INFO, "block_alias_set_aside", *spec.text(
            "block_alias_set_aside", value=clean_text(earlier.value), label=text,
            label_en=spec.by_name[name].label_en), cell=earlier.cell, row=earlier.row,
            value=clean_text(earlier.value), sheet=earlier.sheet))
    if own:
        parsed.block_own_labels.add(name)
    if factor != 1.0 and name not in parsed.columns:
        parsed.header_factors[name] = factor  # 年用电量（万度） in the school block
    return name


_SPACED_PAIR = re.compile(r"^\s*(\S{2,10}?)[\s\u3000]+(\S.*?)\s*$")


def spaced_pair(value: str, grid: Grid, i: int, j: int, parsed: ParsedSheet,
                block: dict[str, Located]) -> bool:
    """``学校名称  上海市某小学``: a label and its value in one cell, spaces for the colon.
    ``True`` when read so."""
    match = _SPACED_PAIR.match(value)
    if not match or not is_label(match[1], parsed.spec) or is_label(match[2], parsed.spec) \
            or hdr.best_field(match[2], parsed.spec, parsed.spec.block_columns):
        return False  # 学校代码 School code: the label in two languages, the value beside it
    hit = block_field(match[1], parsed, block)
    if hit is None:
        return False
    parsed.school_value_cells.setdefault(hit, grid.address(i, j))
    block[hit] = Located(match[2], grid.address(i, j), grid.first_row + i)
    return True


def note_former(label: str, text: str, grid: Grid, i: int, j: int, parsed: ParsedSheet) -> None:
    """A label of what the school was (原学校名称：…, 原学校代码) is said as not read, at its cell."""
    keys = hdr.parse_header(clean_text(label) or "")
    if keys is None or not hdr.FORMER_PREFIX.match(keys.keys[0]):
        return
    current = hdr.FORMER_PREFIX.sub("", keys.keys[0])
    if not current or hdr.top_field((current,), parsed.spec)[0] < hdr.APPLY_SCORE:
        return
    spec = parsed.spec
    parsed.issues.append(Issue(INFO, "block_former_value", *spec.text(
        "block_former_value", label=clean_text(label), value=text), cell=grid.address(i, j),
        row=grid.first_row + i, value=text, sheet=grid.sheet))


def join_free_text(label: str, text: str, grid: Grid, i: int, parsed: ParsedSheet,
                    block: dict[str, Located]) -> None:
    """A second label of the same free-text field on the same row (填表人：张老师 联系电话：
    021-…) adds its value to the first rather than being lost."""
    spec = parsed.spec
    hit = hdr.best_field(clean_text(label) or "", spec, spec.block_columns)
    if not hit or hit[0] not in block or not hdr.is_free_text(spec.by_name[hit[0]]):
        return
    first = block[hit[0]]
    if text not in str(first.value):  # 联系人：李老师 … 联系电话：139…, same row or the next
        block[hit[0]] = Located(f"{first.value} {text}", first.cell, first.row, first.sheet)


def value_to_the_right(grid: Grid, i: int, j: int, name: str,
                        block: dict[str, Located]) -> None:
    row = grid.rows[i]
    for k in range(j + 1, len(row)):
        if not is_blank(row[k]):
            block[name] = Located(row[k], grid.address(i, k), grid.first_row + i)
            return


def stacked_block(grid: Grid, i: int, parsed: ParsedSheet) -> dict[str, Located]:
    """School-block fields of a row under the table (a committee sheet stacking schools,
    each with its own 学校名称 | … block): only when the row holds nothing but labels and
    their values."""
    row = grid.rows[i]
    filled = []
    for v in row:
        if v is not None and not is_blank(v):
            filled.append(v)
            if len(filled) > 8:
                return {}  # a building row: a block row holds a few labels and values
    if not filled or not isinstance(filled[0], str):
        return {}
    found: dict[str, Located] = {}
    cells_before = dict(parsed.school_value_cells)
    block_fields_of_row(grid, i, parsed, found)
    parsed.school_value_cells = cells_before  # the first school's cells stay where they are
    if not found or len(filled) > 2 * len(found):
        return {}
    return found


def footer_block(grid: Grid, parsed: ParsedSheet) -> None:
    """School fields written in the footer (填表人：… 联系电话：…) that the block above the
    table did not give."""
    first = grid.first_row
    for number, kind in parsed.skipped_rows:
        if kind == rowkinds.FOOTER:
            block_fields_of_row(grid, number - first, parsed, parsed.school_block)


def block_below_the_table(parsed: ParsedSheet, grid: Grid, block: dict[str, Located],
                           rows: list[int]) -> None:
    """School fields written under the last building, with no rows under them, are the
    sheet's own school (学校名称：… 学校代码：… beside the signature lines)."""
    own = parsed.school_block
    if any(name in own and clean_text(own[name].value) != clean_text(v.value)
           for name, v in block.items() if not hdr.is_free_text(parsed.spec.by_name[name])):
        return  # another school's details with no rows of its own: stays a listed skip
    for name, located in block.items():
        own.setdefault(name, located)
    numbers = {grid.first_row + i for i in rows}
    for k, issue in enumerate(parsed.issues):
        if issue.code == "row_skipped_school_block" and issue.row in numbers \
                and issue.sheet == grid.sheet:
            text = row_text(grid.rows[issue.row - grid.first_row])
            parsed.issues[k] = Issue(INFO, "row_read_school_below", *parsed.spec.text(
                "row_read_school_below", row=issue.row, text=text), cell=issue.cell,
                row=issue.row, sheet=issue.sheet)


def box_block(box: Grid, parsed: ParsedSheet) -> None:
    """The school's details in a label | value box beside the table, listed as read."""
    found: dict[str, Located] = {}
    for i in range(len(box.rows)):
        block_fields_of_row(box, i, parsed, found)
    for name, located in found.items():
        parsed.school_block.setdefault(name, located)
    first = box.address(0, 0)
    last = box.address(len(box.rows) - 1, max(len(r) for r in box.rows) - 1)
    parsed.issues.append(Issue(INFO, "school_box_read", *parsed.spec.text(
        "school_box_read", cells=f"{first}:{last}"), cell=first, sheet=box.sheet))
