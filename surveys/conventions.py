"""Conventions a sheet states in its header, applied to the column's values.

PVGIS and many design tools measure a roof's facing from south (正南为0°，偏东为负，偏西为正);
the survey, like pvlib, measures it clockwise from north (south = 180°). A header that says
so is believed: its numbers are turned to the survey's convention before they are judged.
"""

from __future__ import annotations

import re

from sheets.cells import NumberProblem, parse_number
from sheets.reader import ParsedSheet
from sheets.report import INFO
from sheets.values import Collector

_SOUTH_ZERO = re.compile(r"(?:正南|南向|朝南|南|south)\s*(?:为|=|是|:|：|取)?\s*0(?![\d.])",
                         re.IGNORECASE)
AZIMUTH = "roof_azimuth_deg"


def from_south(degrees: float) -> float:
    """A facing measured from south (east negative) as the survey measures it [°]."""
    return (180.0 + degrees) % 360.0


def apply_header_conventions(parsed: ParsedSheet, out: Collector) -> None:
    """Turn the values of a column whose header states another convention; say so once."""
    match = next((m for m in parsed.mapping if m.field == AZIMUTH), None)
    if match is None or not _SOUTH_ZERO.search(match.header):
        return
    turned = 0
    for rec in parsed.records:
        located = rec.values.get(AZIMUTH)
        if located is None or isinstance(located.value, bool):
            continue
        try:
            number = parse_number(located.value)
        except NumberProblem:
            continue  # a compass word (南偏东) says its own direction
        if number is not None and -180.0 <= number <= 180.0:
            rec.values[AZIMUTH] = located._replace(value=from_south(number))
            turned += 1
    if turned:
        out.add(INFO, "azimuth_from_south", None, AZIMUTH, cell=match.cell,
                header=match.header, n=turned)
