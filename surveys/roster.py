"""The committee's roster of schools expected to submit, and completeness against it."""

from __future__ import annotations

import hashlib

import pandas as pd

from core.store import utc_now
from sheets.reader import read_table
from sheets.report import ERROR, Report
from sheets.values import Collector, convert, typed_frame
from surveys import messages as msg
from surveys import sql
from surveys.intake import isolated
from surveys.schema import COLUMNS_BY_NAME, TableSpec
from surveys.store import SurveyStore
from surveys.validate import check_school_code

_ROSTER_COLUMNS = tuple(COLUMNS_BY_NAME[name] for name in
                        ("school_code", "school_name", "district", "school_type", "contact"))
ROSTER = TableSpec("roster", "应提交学校名单", "Roster of expected schools",
                   block_columns=(), row_columns=_ROSTER_COLUMNS, min_header_matches=2,
                   noun_zh="学校名单", noun_en="roster")
ROSTER_COLUMNS = [c.name for c in _ROSTER_COLUMNS]


def read_roster(data: bytes, file_name: str,
                profiles: dict | None = None) -> tuple[pd.DataFrame, Report]:
    """Read a roster sheet (school code and name; district, type and contact optional); a layout
    with a saved column-mapping profile in ``profiles`` is read as it says.

    Returns the schools and a located, bilingual report; duplicate codes are errors.

    Raises
    ------
    sheets.reader.UnreadableFile
        When the file is refused or cannot be parsed.
    """
    parsed = read_table(data, file_name, ROSTER, profiles=profiles)
    report = Report(file_name, list(parsed.issues), parsed.sheet)
    out = Collector(report, parsed.sheet, msg.MESSAGES, (ROSTER.noun_zh, ROSTER.noun_en))
    if parsed.header_row is None:
        out.add(ERROR, "no_header")
        return pd.DataFrame(columns=ROSTER_COLUMNS), report
    rows, seen = [], {}
    for rec in parsed.records:
        row = {}
        for col in _ROSTER_COLUMNS:
            located = rec.values.get(col.name)
            if located is None and col.name in ("school_code", "school_name"):
                out.add(ERROR, "missing_value", None, col.name, row=rec.row,
                        label=f"{col.label_zh} {col.label_en}")
            row[col.name] = convert(col, located, 1.0, out, ROSTER)
        check_school_code(row, rec.values.get("school_code"), out)
        code = row["school_code"]
        if code in seen:
            out.add(ERROR, "duplicate_school", rec.values["school_code"], "school_code",
                    value=code, first=seen[code])
        elif code:
            seen[code] = rec.values["school_code"].cell
        rows.append(row)
    return typed_frame(rows, ROSTER_COLUMNS, ROSTER), report


def import_roster(store: SurveyStore, data: bytes, file_name: str) -> tuple[int | None, Report]:
    """Store a roster in one transaction when it has no errors; returns its import id.

    The sheet is read in the isolated worker (:func:`surveys.intake.isolated`), like every
    file from outside.
    """
    from surveys.mappings import saved_profiles

    schools, report = isolated(read_roster, data, file_name,
                               saved_profiles(store, ROSTER.name))
    if not report.ok:
        return None, report
    with store.transaction() as cur:
        roster_id = cur.execute(sql.query("insert_roster_import"), {
            "imported_at": utc_now(), "file_name": file_name,
            "sha256": hashlib.sha256(data).hexdigest(), "n_schools": len(schools),
        }).fetchone()[0]
        cur.register("staged_roster", schools.assign(roster_import_id=roster_id))
        cur.execute(sql.query("insert_roster_schools"))
        cur.unregister("staged_roster")
    return roster_id, report


def completeness(store: SurveyStore) -> pd.DataFrame:
    """One row per school on the roster or in the store.

    Columns: ``on_roster``, ``submitted``, ``n_submissions``, first and last submission time,
    ``n_buildings``, ``n_warnings`` of the latest upload, and gaps in the data
    (``missing_coordinates``, ``missing_electricity``, ``n_pitched_without_azimuth``,
    ``n_without_usable_area``, ``n_roof_above_floor``).
    """
    return store.frame(sql.query("completeness"))


def completeness_by_district(table: pd.DataFrame) -> pd.DataFrame:
    """Expected, submitted and missing schools per district, with the share submitted."""
    expected = table[table["on_roster"]]
    grouped = expected.groupby("district", dropna=False).agg(
        expected=("school_code", "size"), submitted=("submitted", "sum"),
        warnings=("n_warnings", "sum"), missing_coordinates=("missing_coordinates", "sum"))
    grouped["missing"] = grouped["expected"] - grouped["submitted"]
    grouped["share_submitted"] = grouped["submitted"] / grouped["expected"]
    return grouped.reset_index()


def schools_with_gaps(table: pd.DataFrame) -> pd.DataFrame:
    """Submitted schools with a warning or a data gap in their latest sheet.

    A gap: no coordinates, no annual electricity use, pitched roofs without azimuth, or a
    roof larger than its floor area (columns of :func:`completeness`).
    """
    submitted = table[table["submitted"]]
    has_gap = ((submitted["n_warnings"] > 0) | submitted["missing_coordinates"]
               | submitted["missing_electricity"]
               | (submitted["n_pitched_without_azimuth"] > 0)
               | (submitted["n_roof_above_floor"] > 0))
    return submitted[has_gap]
