"""Cells that point at another value instead of holding one.

Caretakers write 同上, 〃 or " under a value (the value above), 同1号楼 for a twin building
(that building's value), 同建筑面积 for a one-storey hall's roof (this row's floor area), and
60% under 可利用屋顶面积 (a share of the roof). A person reads the value pointed at; so does
:func:`resolve`, after the row's own cells are converted, and says so at each cell.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sheets.cells import clean_text, to_halfwidth
from sheets.reader import Located
from sheets.report import ERROR, INFO, WARNING
from sheets.spec import Column, TableSpec, normalise_key

ABOVE, BUILDING, FIELD, SHARE = "above", "building", "field", "share"
_ABOVE = re.compile(r"^(?:同上|〃|\"|“|”|''|同上栏|同前|ditto|do\.?)$", re.IGNORECASE)
# 同1号楼, 与1号楼相同, 同建筑面积, 同 A 楼: the thing named is another building or a field.
_SAME_AS = re.compile(r"^(?:同|与|和)\s*(?P<ref>[^同与和]+?)\s*(?:相同|一致|一样)?$")
_BUILDING_WORD = re.compile(r"[楼栋幢號号#馆堂舍]|building|block", re.IGNORECASE)
_PERCENT = re.compile(r"^(?P<p>\d+(?:\.\d+)?)\s*%$")


class Reference(NamedTuple):
    """What a cell points at: the row above, a building by name, a field of this row, or
    a share of a field of this row."""

    kind: str
    target: str | None = None
    share: float | None = None


def reference(value: object, col: Column, spec: TableSpec) -> Reference | None:
    """The value a cell of ``col`` points at, or ``None`` when it holds its own.

    The row's name column (``spec.example_key``) holds its own value always: a building
    is not named 同上.
    """
    if type(value) is str:  # a cheap first look: most cells are numbers and plain words
        text = value.strip()
        if not text or text[0] not in _FIRST and not (col.share_of and text[-1] in "%％"):
            return None
    elif col.share_of is None or type(value) not in (int, float):
        return None
    if col.name == spec.example_key:
        return None
    if col.share_of is not None:
        share = _share(value)
        if share is not None:
            return Reference(SHARE, col.share_of, share)
    if not isinstance(value, str) or len(value) > 30:
        return None
    text = clean_text(value) or ""
    if _ABOVE.match(text):
        return Reference(ABOVE)
    same = _SAME_AS.match(text)
    if not same:
        return None
    field = spec.header_aliases.get(normalise_key(same["ref"]))
    if field is not None and field != col.name and field in spec.by_name:
        return Reference(FIELD, field)
    # 同济校区 is a name, not 同 + 济校区: another building is named as buildings are
    return Reference(BUILDING, same["ref"]) if _BUILDING_WORD.search(same["ref"]) else None


# How a pointing cell starts: 同, 与, 和, a ditto mark or quote, ditto / do.
_FIRST = frozenset("同与和〃\"“”＂'dD")


def _share(value: object) -> float | None:
    """60% typed, or 0.6 (a share shown as 60% whose format the file lost): a share of the
    base column; ``None`` for an area."""
    if isinstance(value, (int, float)):
        return float(value) if 0 < value <= 1 else None
    percent = _PERCENT.match("".join(to_halfwidth(str(value)).split()))
    return float(percent["p"]) / 100.0 if percent and 0 < float(percent["p"]) <= 100 else None


def resolve(pointing: list[tuple[Column, Located, Reference]], row: dict, above: dict | None,
            by_name: dict[str, dict], spec: TableSpec, out) -> None:
    """Fill ``row``'s cells that point elsewhere with the value pointed at, in canonical
    units (values already converted): a note at each cell, an error where nothing is
    there (同上 on the first row, 同5号楼 with no 5号楼 above).

    ``by_name`` maps the normalised names of the rows read so far to their values.
    """
    for col, located, ref in pointing:
        source = {ABOVE: above, FIELD: row, SHARE: row,
                  BUILDING: by_name.get(normalise_key(ref.target or ""))}[ref.kind]
        field = ref.target if ref.kind in (FIELD, SHARE) else col.name
        found = None if source is None else source.get(field)
        text = clean_text(located.value)
        if found is None:
            out.add(ERROR, "ditto_unresolved", located, col.name, label=col.label_zh,
                    value=text)
            continue
        if ref.kind == SHARE:
            row[col.name] = found * ref.share
            out.add(WARNING, "share_of_field", located, col.name, label=col.label_zh,
                    value=text, base=spec.by_name[ref.target].label_zh,
                    share=f"{ref.share:.0%}", result=f"{row[col.name]:g} {col.unit_label}".strip())
            continue
        row[col.name] = found
        where = spec.by_name[ref.target].label_zh if ref.kind == FIELD else ref.target
        out.add(INFO, f"ditto_{ref.kind}", located, col.name, label=col.label_zh, value=text,
                found=found, where=where or "")
