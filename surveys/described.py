"""One 屋面情况 cell describing the roof in a sentence: its kind first, then its state.

``平屋面，防水较好，有少量设备`` under a 屋面情况 column, with no 屋面类型 column, is what a
caretaker writes for both: a person reads the roof type from the first clause and the
condition from the rest. The type is read at the same cell, and said once at the header.
"""

from __future__ import annotations

import re

from sheets.reader import ParsedSheet
from sheets.report import INFO
from sheets.spec import TableSpec
from sheets.values import Collector

TYPE, CONDITION = "roof_type", "roof_condition"
_CLAUSE = re.compile(r"\s*[,，;；。]\s*")


def roof_described_in_one_cell(parsed: ParsedSheet, spec: TableSpec, out: Collector) -> None:
    """Read the roof type from each 屋面情况 sentence that starts with one, when the sheet
    has no roof-type column; the rest of the sentence stays the condition."""
    if TYPE in parsed.columns or CONDITION not in parsed.columns:
        return
    read = 0
    for rec in parsed.records:
        located = rec.values.get(CONDITION)
        if located is None or not isinstance(located.value, str):
            continue
        first, *rest = _CLAUSE.split(located.value.strip(), maxsplit=1)
        if spec.choice_value(TYPE, first) is None:
            continue
        rec.values[TYPE] = located._replace(value=first)
        if rest and rest[0].strip():
            rec.values[CONDITION] = located._replace(value=rest[0])
        else:
            del rec.values[CONDITION]
        read += 1
    if read:
        parsed.columns[TYPE] = parsed.columns[CONDITION]
        out.add(INFO, "roof_type_from_description", None, TYPE, cell=parsed.columns[CONDITION],
                n=read)
