"""Validation of a parsed survey: every problem, located by cell, in Chinese and English.

Numbers are parsed here, cell by cell, before any rule runs, so that one column holding both
``约2000`` and ``-5`` reports both cells. Errors block an import; warnings are shown and
allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from geo.coords import to_wgs84
from geo.districts import outside_stated_many
from geo.shanghai import DISTRICT_BY_NAME, SHANGHAI_EXTENT
from sheets import ditto
from sheets.cells import (
    NumberProblem,
    canonical_school_code,
    cell_address,
    clean_text,
    is_usual_school_code,
    parse_coordinates,
    parse_number,
    strip_invisible,
)
from sheets.gcpause import collection_paused
from sheets.reader import Located, ParsedSheet, WorkbookRead
from sheets.report import ERROR, INFO, WARNING, Issue, Report
from sheets.values import Collector, MemoConverter, convert, typed_frame
from surveys import inferred
from surveys import messages as msg
from surveys.ages import ages_to_years
from surveys.conventions import apply_header_conventions
from surveys.described import roof_described_in_one_cell
from surveys.schema import (
    BUILDING_COLUMNS,
    COLUMNS_BY_NAME,
    SCHOOL_COLUMNS,
    SURVEY,
    normalise_key,
)

ROOF_TO_FLOOR_ERROR_RATIO = 1.5  # above this the roof area is almost surely a unit slip
FOOTPRINT_RATIO_RANGE = (0.5, 2.0)  # roof ÷ (floor area ÷ floors) outside this: a warning
MIN_PLAUSIBLE_AREA_M2 = 10.0  # smaller areas are usually 万㎡ entered as m²
# Larger than any one school building [m²]: usually m² typed under a (万㎡) header. The
# largest campus buildings in Shanghai (a university library or sports centre) stay below.
MAX_PLAUSIBLE_AREA_M2 = {"gross_floor_area_m2": 300_000.0, "roof_area_m2": 100_000.0}
MAX_EXISTING_PV_KW_PER_M2 = 0.25  # densest plausible rooftop array [kW/m²]
PITCHED_ROOF_TYPES = ("坡屋面", "彩钢瓦")
IDENTITY_FIELDS = ("school_name", "district")  # two values under one school code: an error
@dataclass
class ValidationResult:
    """The report and, when it holds no errors, the clean tables ready to store."""

    report: Report
    schools: pd.DataFrame = field(default_factory=pd.DataFrame)
    buildings: pd.DataFrame = field(default_factory=pd.DataFrame)
    parsed: ParsedSheet | None = None
    sheets: list[ParsedSheet] = field(default_factory=list)  # every sheet read, in order

    @property
    def ok(self) -> bool:
        return self.report.ok


# --- buildings -----------------------------------------------------------------------------

def _huge_areas(b: dict, rec_values: dict[str, Located], factors: dict[str, float],
                out: Collector) -> None:
    """An area no school building has: the header's unit (万㎡) multiplied a value typed in
    m², or a slip of digits. An error at its cell saying what the unit made of it."""
    for name, bound in MAX_PLAUSIBLE_AREA_M2.items():
        area = b[name]
        if area is None or area <= bound:
            continue
        factor = factors.get(name, 1.0)
        b[name] = None
        out.add(ERROR, "area_huge" if factor == 1.0 else "area_huge_header_unit",
                rec_values.get(name), name, label=COLUMNS_BY_NAME[name].label_zh, value=area,
                typed=area / factor, bound=bound)


def _building_rules(b: dict, rec_values: dict[str, Located], out: Collector) -> None:
    roof, floor, floors = b["roof_area_m2"], b["gross_floor_area_m2"], b["floors_above_ground"]
    roof_cell = rec_values.get("roof_area_m2")
    if roof and floor:
        if roof > ROOF_TO_FLOOR_ERROR_RATIO * floor:
            out.add(ERROR, "roof_much_larger_than_floor", roof_cell, "roof_area_m2",
                    roof=roof, floor=floor)
        elif roof > floor:
            out.add(WARNING, "roof_larger_than_floor", roof_cell, "roof_area_m2",
                    roof=roof, floor=floor)
        elif floors:
            footprint = floor / floors
            low, high = FOOTPRINT_RATIO_RANGE
            if not low * footprint <= roof <= high * footprint:
                out.add(WARNING, "roof_far_from_footprint", roof_cell, "roof_area_m2",
                        roof=roof, footprint=footprint)
    for name in ("gross_floor_area_m2", "roof_area_m2"):
        area = b[name]
        if area is not None and 0 < area < MIN_PLAUSIBLE_AREA_M2:
            # 0.13 beside 4 floors is 0.13万㎡ written in a ㎡ column, not a tiny building
            slip = area < 1 or (floors is not None and floors >= 2)
            out.add(ERROR if slip else WARNING, "area_tiny", rec_values.get(name), name,
                    label=COLUMNS_BY_NAME[name].label_zh, value=area,
                    as_m2=area * 1e4)
    usable = b["usable_roof_area_m2"]
    if usable and roof and usable > roof:
        out.add(ERROR, "usable_exceeds_roof", rec_values.get("usable_roof_area_m2"),
                "usable_roof_area_m2", usable=usable, roof=roof)
    pv = b["existing_pv_kw"]
    if pv and roof and pv > MAX_EXISTING_PV_KW_PER_M2 * roof:
        out.add(WARNING, "existing_pv_too_large", rec_values.get("existing_pv_kw"),
                "existing_pv_kw", pv=pv, roof=roof)
    if b["roof_type"] in PITCHED_ROOF_TYPES and b["roof_azimuth_deg"] is None:
        roof_col = COLUMNS_BY_NAME["roof_type"]
        en = next(c.label_en for c in roof_col.choices if c.value == b["roof_type"])
        out.add(WARNING, "pitched_without_azimuth", rec_values.get("roof_type"), "roof_azimuth_deg",
                roof_type=b["roof_type"], roof_type_en=en)
    gone = _GONE.search(b["notes"] or "")
    if gone:
        out.add(WARNING, "building_gone", rec_values.get("notes"), "notes", word=gone.group(0),
                name=b["building_name"] or "")


# A note saying the building is gone or going: still read, but the school is asked.
_GONE = re.compile(r"已拆除|已拆|拆除|待拆|拟拆|已停用|demolished|to be demolished")


# A sheet with this many errors is not stored anyway: checking the rest of its rows would only
# keep the school waiting (50,000 rows of wrong cells took 14 s of a worker's time).
ERROR_BUDGET = 5000


class _BlankCampus:
    """The campus of a building whose 校区 cell is blank: the campus typed above it for its
    group (typed once per campus), else the campus its school's name ends with
    (上海市建平中学（西校区）). Both are said, with the rows."""

    def __init__(self, parsed: ParsedSheet, named: dict):
        self.column = "campus" in parsed.columns
        self.named = named
        self.above: tuple = (None, None)  # (school code, campus) of the last typed campus
        self.down: list[int] = []
        self.from_name: dict[str, list[int]] = {}

    def fill(self, b: dict, row: int) -> None:
        code = b["school_code"]
        if b["campus"] is not None:
            self.above = (code, b["campus"])
        elif self.column and self.above[0] == code and self.above[1] is not None:
            b["campus"] = self.above[1]
            self.down.append(row)
        elif self.named.get(code):
            b["campus"] = self.named[code]
            self.from_name.setdefault(self.named[code], []).append(row)

    def report(self, parsed: ParsedSheet, out: Collector) -> None:
        if self.down:
            letter = parsed.columns["campus"].rstrip("0123456789")
            out.add(INFO, "campus_filled_down", None, "campus", row=self.down[0],
                    cell=f"{letter}{self.down[0]}", rows=_rows_text(self.down))
        for campus, rows in self.from_name.items():
            out.add(INFO, "campus_from_name", None, "campus", row=rows[0], campus=campus,
                    rows=_rows_text(rows))


def _rows_text(rows: list[int]) -> str:
    return "、".join(map(str, rows[:20])) + ("…" if len(rows) > 20 else "")


def _buildings(parsed: ParsedSheet, school_codes: list[str | None], out: Collector,
               named_campuses: dict | None = None) -> list[dict]:
    rows = []
    campus = _BlankCampus(parsed, named_campuses or {})
    first_seen: dict[tuple, str] = {}
    convert_cell = MemoConverter(out, SURVEY)
    apply_header_conventions(parsed, out)
    ages_to_years(parsed, out)
    by_name: dict[str, dict] = {}  # buildings read so far, for 同1号楼
    plan = [(col, col.required and col.name in parsed.columns, col.share_of is not None,
             parsed.header_factors.get(col.name, 1.0)) for col in BUILDING_COLUMNS]
    for rec, code in zip(parsed.records, school_codes):
        b = {"school_code": code, "source_row": rec.row}
        pointing = []  # cells saying 同上, 同1号楼, 同建筑面积, 60%
        values = rec.values
        for col, must_have, shares, factor in plan:
            located = values.get(col.name)
            if located is None:
                if must_have:
                    out.add(ERROR, "missing_value", None, col.name, row=rec.row,
                            cell=parsed.cell_of(col.name, rec), label=col.label_zh)
                b[col.name] = col.default
                continue
            if shares or type(located.value) is str:  # only words and shares point elsewhere
                ref = ditto.reference(located.value, col, SURVEY)
                if ref is not None:
                    pointing.append((col, located, ref))
                    b[col.name] = None
                    continue
            b[col.name] = convert_cell(col, located, factor)
        ditto.resolve(pointing, b, rows[-1] if rows else None, by_name, SURVEY, out)
        campus.fill(b, rec.row)
        _huge_areas(b, rec.values, parsed.header_factors, out)
        _building_rules(b, rec.values, out)
        name = b["building_name"]
        if name:
            key = (code, normalise_key(b.get("campus") or ""), normalise_key(name))
            if key in first_seen:
                out.add(ERROR, "duplicate_building", rec.values["building_name"], "building_name",
                        value=name, first=first_seen[key])
            else:
                first_seen[key] = rec.values["building_name"].cell
        rows.append(b)
        by_name.setdefault(normalise_key(name or ""), b)
        if out.report.n_errors > ERROR_BUDGET:
            zh, en = msg.text("validation_stopped", n=ERROR_BUDGET)
            out.report.add(Issue(ERROR, "validation_stopped", zh, en, row=rec.row,
                                 sheet=parsed.sheet), always=True)
            break
    campus.report(parsed, out)
    return rows


# --- schools -------------------------------------------------------------------------------

def _campus_from_name(parsed: ParsedSheet, out: Collector) -> None:
    """上海市建平中学（西校区） on some rows of one code: the school is 上海市建平中学, those rows'
    buildings stand on 西校区 (their 校区 cell, when blank), said with the rows."""
    given: dict[str, list[int]] = {}
    for rec in parsed.records:
        name = rec.values.get("school_name")
        split = inferred.split_campus(name.value) if name is not None else None
        if split is None:
            continue
        rec.values["school_name"] = Located(split[0], name.cell, name.row, name.sheet)
        if "campus" not in rec.values:
            rec.values["campus"] = Located(split[1], name.cell, name.row, name.sheet)
            given.setdefault(split[1], []).append(rec.row)
    for campus, rows in given.items():
        out.add(INFO, "campus_from_name", None, "campus", row=rows[0], campus=campus,
                rows=_rows_text(rows))


def _school_sources(parsed: ParsedSheet) -> list[dict[str, Located]]:
    """School fields per record: the row's own school columns, else the block above."""
    per_record = []
    for rec in parsed.records:
        fields = dict(parsed.school_block if rec.block is None else rec.block)
        for col in SCHOOL_COLUMNS:
            if col.name in rec.values:
                fields[col.name] = rec.values[col.name]
        per_record.append(fields)
    return per_record


def _school_code(located: Located | None) -> str | None:
    """The code schools are grouped by: canonical when valid, else the text as seen."""
    if located is None:
        return None
    return canonical_school_code(located.value) or clean_text(located.value)


def _check_coordinates(school: dict, fields: dict[str, Located], out: Collector) -> bool:
    """Convert the campus point to WGS84 and check it lies in Shanghai; ``True`` when it
    still needs the district check (done for all schools at once by :func:`_check_districts`)."""
    lat, lon = school["latitude"], school["longitude"]
    lat_cell = fields.get("latitude")
    if lat is None and lon is None:
        if "latitude" not in fields and "longitude" not in fields:
            out.add(WARNING, "coords_missing", None, "latitude")
        return False
    if lat is None or lon is None:
        out.add(ERROR, "coords_half", lat_cell or fields.get("longitude"), "latitude")
        return False
    wgs_lat, wgs_lon = to_wgs84(lat, lon, school["coord_system"] or "WGS84")
    school["latitude_input"], school["longitude_input"] = lat, lon
    school["latitude"], school["longitude"] = float(wgs_lat), float(wgs_lon)
    if not SHANGHAI_EXTENT.contains(school["latitude"], school["longitude"]):
        out.add(WARNING, "coords_outside_shanghai", lat_cell, "latitude",
                lat=school["latitude"], lon=school["longitude"])
        return False
    return bool(school.get("district"))


def _check_districts(pending: list[tuple[dict, Located | None]], out: Collector) -> None:
    """A campus point outside its stated district (beyond the edge tolerance) is a warning
    naming the district it lies in; ``pending`` holds (school, latitude cell) pairs."""
    if not pending:
        return
    found_all = outside_stated_many([s["district"] for s, _ in pending],
                                    [s["latitude"] for s, _ in pending],
                                    [s["longitude"] for s, _ in pending])
    names = DISTRICT_BY_NAME
    for (school, lat_cell), found in zip(pending, found_all):
        if found:
            stated = school["district"]
            out.add(WARNING, "coords_other_district", lat_cell, "latitude",
                    lat=school["latitude"], lon=school["longitude"], stated=stated,
                    stated_en=names[stated].name_en, found=found, found_en=names[found].name_en)


def _infer_name_and_district(fields: dict[str, Located], parsed: ParsedSheet,
                             out: Collector) -> None:
    """A school name only in the title, a district only in the name, sheet name or title."""
    if "school_name" not in fields:
        # a band row naming the school with its code (某小学（学校代码：…）) over its rows:
        # the words beside the code, before the sheet's title
        rows = {f.row for f in fields.values() if isinstance(f, Located)}
        beside = [line for line in parsed.title_lines if line.row in rows]
        found = inferred.name_beside_code(beside) if beside else None
        found = found or inferred.name_from_title(parsed.title_lines)
        if found is not None:
            fields["school_name"] = found
            out.add(WARNING, "name_from_title", found, "school_name", value=found.value)
        else:
            _name_from_sheet_or_file(fields, parsed, out)
    if "school_type" not in fields and "school_name" in fields:
        kind = inferred.type_from_name(fields["school_name"].value)
        if kind is not None:
            fields["school_type"] = Located(kind, fields["school_name"].cell,
                                            fields["school_name"].row, fields["school_name"].sheet)
            out.add(WARNING, "type_from_name", fields["school_type"], "school_type", value=kind,
                    name=clean_text(fields["school_name"].value))
    if "district" not in fields:
        sheet_cell = Located(parsed.sheet, "", 0, parsed.sheet) if parsed.sheet else None
        found = inferred.district_from([fields.get("school_name"), sheet_cell,
                                        *parsed.title_lines])
        if found is not None:
            fields["district"] = found
            where_zh, where_en = ((f"单元格 {found.cell}", f"cell {found.cell}") if found.cell
                                  else (f"工作表名“{parsed.sheet}”", f"the sheet name '{parsed.sheet}'"))
            out.add(WARNING, "district_inferred", found if found.cell else None, "district",
                    value=found.value, where=where_zh, where_en=where_en)


def _name_from_sheet_or_file(fields: dict[str, Located], parsed: ParsedSheet,
                             out: Collector) -> None:
    """A school named only by its sheet tab (田林第三中学) or its file's name."""
    for where, text in (("sheet", parsed.sheet), ("file", parsed.file_name)):
        name = inferred.school_name_in(text)
        if name is not None:
            fields["school_name"] = Located(name, "", 0, parsed.sheet)
            out.add(WARNING, f"name_from_{where}", None, "school_name", value=name, source=text)
            return


def _code_from_file_name(parsed: ParsedSheet, out: Collector) -> None:
    """A file the district renamed to the school's code (3101130667.xlsx), when the sheet
    gives no code anywhere: the code is read from the name and the school asked to confirm."""
    if "school_code" in parsed.school_block or "school_code" in parsed.columns:
        return
    code = inferred.code_in_file_name(parsed.file_name)
    if code is not None:
        parsed.school_block["school_code"] = Located(code, "", 0, parsed.sheet)
        out.add(WARNING, "code_from_file", None, "school_code", value=code,
                source=parsed.file_name)


def coordinates_from_text(fields: dict[str, Located]) -> dict[str, Located]:
    """Latitude and longitude written as text: one pair pasted from a map picker
    (``121.500284,31.254977``) under 经纬度 or either axis, or degrees–minutes–seconds
    (东经121°28′12″). Each angle keeps the cell it was written in; an axis named by a word
    (东经, N) decides, else the angle beyond 90° is the longitude."""
    found = {}
    for name in ("longitude", "latitude"):
        located = fields.get(name)
        angles = parse_coordinates(located.value) if located is not None else []
        if len(angles) == 2:
            (a, axis_a), (b, axis_b) = angles
            if axis_a == "latitude" or axis_b == "longitude" or (
                    axis_a is None and axis_b is None and abs(b) > 90 >= abs(a)):
                a, b = b, a
            return {**fields, "longitude": Located(a, located.cell, located.row, located.sheet),
                    "latitude": Located(b, located.cell, located.row, located.sheet)}
        if len(angles) == 1:
            found[name] = Located(angles[0][0], located.cell, located.row, located.sheet)
    return {**fields, **found}


def _swapped(fields: dict[str, Located]) -> bool:
    try:
        lat = parse_number(fields["latitude"].value)
        lon = parse_number(fields["longitude"].value)
    except (KeyError, NumberProblem):
        return False
    return lat is not None and lon is not None and abs(lat) > 90 and abs(lon) <= 90


THIS_DISTRICT_WORDS = frozenset({"本区", "本区县", "我区", "该区", "本辖区"})


def _same_school_value(name: str, first: Located, other: Located) -> bool:
    """Whether two rows give one school the same detail: 上海市松江区实验小学 and 松江区实验小学
    are one name, 浦东 and 浦东新区 one district."""
    if first.value == other.value:
        return True
    a, b = clean_text(first.value) or "", clean_text(other.value) or ""
    if a == b:
        return True
    col = COLUMNS_BY_NAME[name]
    if col.dtype == "enum":
        return SURVEY.choice_value(name, a) is not None and \
            SURVEY.choice_value(name, a) == SURVEY.choice_value(name, b)
    if name == "school_name":
        return inferred.same_school_name(a, b)
    return False


def _table_cell(parsed: ParsedSheet, name: str, sources: list[dict[str, Located]]) -> str | None:
    """The cell a school field missing from a table column belongs in: that column, on the
    school's first row (B4 for a name shown as #N/A), not the header."""
    header = parsed.columns.get(name)
    rows = [loc.row for fields in sources for loc in fields.values()
            if isinstance(loc, Located) and loc.row and not loc.sheet]
    if header is None or not rows:
        return None
    return header.rstrip("0123456789") + str(min(rows))


def _one_school(code: str | None, sources: list[dict[str, Located]], parsed: ParsedSheet,
                out: Collector, pending: list[tuple[dict, Located | None]]) -> dict:
    fields = dict(sources[0])
    for other in sources[1:]:
        for name, located in other.items():
            first = fields.get(name)
            if first is None:
                fields[name] = located
            elif name != "school_code" and not _same_school_value(name, first, located):
                col = COLUMNS_BY_NAME[name]
                # one code with two names or districts: a code copied down a merged column
                # onto the next school's rows, not a detail to confirm
                severity = ERROR if name in IDENTITY_FIELDS else WARNING
                out.add(severity, "school_conflict", located, name, school=code,
                        label=col.label_zh, label_en=col.label_en, first=clean_text(first.value),
                        first_cell=first.cell, value=clean_text(located.value))
    fields = coordinates_from_text(fields)
    if clean_text(getattr(fields.get("district"), "value", None)) in THIS_DISTRICT_WORDS:
        fields.pop("district")  # 本区 on a district's own form: the district its title names
    _infer_name_and_district(fields, parsed, out)
    if _swapped(fields):
        out.add(ERROR, "coords_swapped", fields["latitude"], "latitude",
                lat=clean_text(fields["latitude"].value), lon=clean_text(fields["longitude"].value))
        fields = {k: v for k, v in fields.items() if k not in ("latitude", "longitude")}
        fields["_coords_reported"] = None
    school = {}
    for col in SCHOOL_COLUMNS:
        located = fields.get(col.name)
        if located is None and col.required:
            cell = parsed.school_value_cells.get(col.name) or _table_cell(parsed, col.name, sources)
            present = cell is not None or col.name in parsed.columns
            out.add(ERROR, "missing_value" if present else "missing_column", None, col.name,
                    cell=cell or header_cell(parsed), label=f"{col.label_zh} {col.label_en}")
        school[col.name] = convert(col, located, parsed.header_factors.get(col.name, 1.0), out, SURVEY)
    school["latitude_input"] = school["longitude_input"] = None
    if "_coords_reported" not in fields and _check_coordinates(school, fields, out):
        pending.append((school, fields.get("latitude")))
    check_school_code(school, fields.get("school_code"), out)
    return school


CREDIT_CODE_LENGTH = 18  # a unified social credit code; the school identification code has 10


def check_school_code(school: dict, located: Located | None, out: Collector) -> None:
    """Put the canonical code in ``school["school_code"]``: an invalid one is a located
    error (and ``None``), a cleaned one a warning. Rosters and applications use it too."""
    if located is None or school["school_code"] is None:
        return
    raw = located.value
    seen = str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw).strip()
    code = canonical_school_code(raw)
    # An invisible character is shown by its escape, so the school can see what is wrong.
    shown = seen if seen == strip_invisible(seen) else \
        seen.encode("unicode_escape").decode("ascii")
    if code is None:
        out.add(ERROR, "school_code_invalid", located, "school_code", value=shown[:40])
        school["school_code"] = None
        return
    if code != seen:
        out.add(WARNING, "school_code_cleaned", located, "school_code", value=shown[:40],
                cleaned=code)
    if code.isdigit() and code.startswith("3101") and len(code) in (9, 11):
        # a Shanghai code with a digit lost or doubled (310105091): no school has it
        out.add(ERROR, "school_code_digit_slip", located, "school_code", value=code, n=len(code))
        school["school_code"] = None
        return
    if not is_usual_school_code(code):
        out.add(WARNING, "school_code_unusual", located, "school_code", value=code)
    elif len(code) == CREDIT_CODE_LENGTH:
        out.add(WARNING, "school_code_is_credit_code", located, "school_code", value=code)
    school["school_code"] = code


def _schools(parsed: ParsedSheet, out: Collector) -> tuple[list[dict], list[str | None]]:
    _code_from_file_name(parsed, out)
    _campus_from_name(parsed, out)
    sources = _school_sources(parsed)
    seen: dict[object, str | None] = {}  # a committee sheet repeats each code on every row
    codes = []
    for fields in sources:
        located = fields.get("school_code")
        raw = None if located is None else located.value
        if raw not in seen:
            seen[raw] = _school_code(located)
        codes.append(seen[raw])
    groups: dict[str | None, list[dict]] = {}
    for code, fields in zip(codes, sources):
        groups.setdefault(code, []).append(fields)
    pending: list[tuple[dict, Located | None]] = []
    schools = [_one_school(code, group, parsed, out, pending) for code, group in groups.items()]
    _check_districts(pending, out)
    return schools, codes


# --- entry point ---------------------------------------------------------------------------

def _sheet_level(parsed: ParsedSheet, out: Collector) -> bool:
    for sheet, cell in parsed.formulas_without_value:
        row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        zh, en = msg.text("formula_no_value")
        out.report.add(Issue(ERROR, "formula_no_value", zh, en, cell=cell, row=row, sheet=sheet))
    if parsed.header_row is None:
        out.add(ERROR, "no_header", cell="A1", row=1)
        return False
    for col in BUILDING_COLUMNS:
        if col.required and col.name not in parsed.columns:
            out.add(ERROR, "missing_column", None, col.name, row=parsed.header_row,
                    cell=header_cell(parsed), label=f"{col.label_zh} {col.label_en}")
    if not parsed.records:
        out.add(ERROR, "no_rows", None, row=parsed.header_row + 1,
                cell=header_cell(parsed, below=1))
        return False
    return True


def header_cell(parsed: ParsedSheet, below: int = 0) -> str | None:
    """The first cell of the header row (``below`` rows under it): where a missing column
    or an empty table is reported."""
    if parsed.header_row is None:
        return None
    first_col = parsed.grid.first_col if parsed.grid is not None else 0
    return cell_address(parsed.header_row + below, first_col)


SCHOOL_FRAME_COLUMNS = [c.name for c in SCHOOL_COLUMNS] + ["latitude_input", "longitude_input"]
BUILDING_FRAME_COLUMNS = ["school_code", "source_row"] + [c.name for c in BUILDING_COLUMNS]


@collection_paused()
def validate_workbook(book: WorkbookRead) -> ValidationResult:
    """Judge every sheet of a workbook read by :func:`sheets.reader.read_sheets`.

    A sheet without a school block of its own (a branch campus's sheet beside the main
    one) belongs to the school of the sheet before it. The report says which sheets were
    read and which were left, and why; a building name repeated on two sheets of one school
    is an error at its second cell.

    Returns
    -------
    ValidationResult
        As :func:`validate`, the tables of every sheet read; ``parsed`` is the first sheet's.
    """
    if not book.sheets:
        empty = ParsedSheet(book.file_name, book.kind, SURVEY, issues=list(book.issues))
        result = validate(empty)
        _note_sheets(book, result.report, {})
        return result
    _inherit_school_blocks(book.sheets)
    results = [validate(p) for p in book.sheets]
    if len(results) == 1 and not book.skipped:
        for issue in book.issues:  # file-level warnings (links to other workbooks)
            results[0].report.add(issue, always=True)
        results[0].sheets = list(book.sheets)
        return results[0]
    report = Report(book.file_name, list(book.issues), book.sheets[0].sheet)
    _note_sheets(book, report, {p.sheet: len(p.records) for p in book.sheets})
    seen: set = set()
    for result in results:
        report.absorb(result.report, seen)
    _duplicates_across_sheets(book.sheets, results, report)
    ok = [r for r in results if not r.schools.empty]
    schools = _combined_schools([r.schools for r in ok])
    buildings = pd.concat([r.buildings for r in ok if not r.buildings.empty] or
                          [results[0].buildings], ignore_index=True)
    return ValidationResult(report, schools, buildings, book.sheets[0], book.sheets)


def _inherit_school_blocks(sheets: list[ParsedSheet]) -> None:
    block, cells, factors = {}, {}, {}
    for parsed in sheets:
        own_school_columns = any(SURVEY.is_block_column(n) for n in parsed.columns)
        if parsed.school_block or own_school_columns:
            block = {k: v if v.sheet else Located(v.value, v.cell, v.row, parsed.sheet)
                     for k, v in parsed.school_block.items()}
            cells, factors = parsed.school_value_cells, parsed.header_factors
            continue
        if block:
            parsed.school_block = dict(block)
            parsed.school_value_cells = dict(cells)
            for name in block:
                if name in factors:
                    parsed.header_factors.setdefault(name, factors[name])


def _note_sheets(book: WorkbookRead, report: Report, rows: dict) -> None:
    if len(rows) + len(book.skipped) <= 1:
        return
    for sheet, n in rows.items():
        report.add(Issue(INFO, "sheet_read", *SURVEY.text("sheet_read", sheet=sheet, n=n),
                         sheet=sheet), always=True)
    for sheet, reason in book.skipped:
        report.add(Issue(INFO, f"sheet_skipped_{reason}", *SURVEY.text(
            f"sheet_skipped_{reason}", sheet=sheet), sheet=sheet), always=True)


def _duplicates_across_sheets(sheets: list[ParsedSheet], results: list[ValidationResult],
                              report: Report) -> None:
    first_seen: dict[tuple, str] = {}
    for parsed, result in zip(sheets, results):
        if result.buildings.empty:
            continue
        seen_here = set()
        for rec, code, name, campus in zip(parsed.records, result.buildings["school_code"],
                                           result.buildings["building_name"],
                                           result.buildings["campus"]):
            if not isinstance(name, str) or "building_name" not in rec.values:
                continue
            key = (code, normalise_key(campus if isinstance(campus, str) else ""),
                   normalise_key(name))
            where = f"{parsed.sheet}!{rec.values['building_name'].cell}"
            if key in first_seen and key not in seen_here:
                located = rec.values["building_name"]
                zh, en = msg.text("duplicate_building", value=name, first=first_seen[key])
                report.add(Issue(ERROR, "duplicate_building", zh, en, cell=located.cell,
                                 row=located.row, column="building_name", value=name,
                                 sheet=parsed.sheet))
            else:
                first_seen.setdefault(key, where)
                seen_here.add(key)


def _combined_schools(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per school: a school on two sheets keeps its first sheet's fields and the
    buildings of both."""
    if not frames:
        return typed_frame([], SCHOOL_FRAME_COLUMNS + ["n_buildings"], SURVEY)
    both = pd.concat(frames, ignore_index=True)
    counts = both.groupby("school_code", dropna=False, sort=False)["n_buildings"].sum()
    first = both.drop_duplicates("school_code", keep="first").reset_index(drop=True)
    first["n_buildings"] = first["school_code"].map(counts).astype(first["n_buildings"].dtype)
    return first


def validate(parsed: ParsedSheet) -> ValidationResult:
    """Judge every value of a parsed sheet.

    Parameters
    ----------
    parsed
        Output of :func:`sheets.reader.read_survey`.

    Returns
    -------
    ValidationResult
        The report (errors and warnings with cells) and the clean ``schools`` and
        ``buildings`` tables, in canonical units (areas [m²], energy [kWh], power [kW],
        angles [degrees], coordinates WGS84 [degrees]).
    """
    report = Report(parsed.file_name, list(parsed.issues), parsed.sheet)
    out = Collector(report, parsed.sheet, msg.MESSAGES, (SURVEY.noun_zh, SURVEY.noun_en))
    roof_described_in_one_cell(parsed, SURVEY, out)
    if not _sheet_level(parsed, out):
        return ValidationResult(report, parsed=parsed)
    schools, codes = _schools(parsed, out)
    named = {s["school_code"]: inferred.campus_in_name(s["school_name"]) for s in schools}
    buildings = _buildings(parsed, codes, out, named)
    counts = pd.Series([b["school_code"] for b in buildings]).value_counts()
    for school in schools:
        school["n_buildings"] = int(counts.get(school["school_code"], 0))
    school_frame = typed_frame(schools, SCHOOL_FRAME_COLUMNS + ["n_buildings"], SURVEY)
    return ValidationResult(report, school_frame,
                            typed_frame(buildings, BUILDING_FRAME_COLUMNS, SURVEY), parsed)
