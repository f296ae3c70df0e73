"""Output declarations: headers with units, text for reading, raw values for files."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from sheets.outputs import (
    MISSING_TEXT,
    OutputColumn,
    OutputTable,
    excel_format,
    for_export,
    format_value,
    from_input,
    labelled,
)

TABLE = OutputTable("t", "测试", "Test", (
    OutputColumn("school_name", "学校", "School"),
    OutputColumn("roof_type", "屋面", "Roof", values_en={"平屋面": "Flat roof"}),
    OutputColumn("capacity_kwp", "容量", "Capacity", "float", unit="kWp", decimals=1),
    OutputColumn("annual_electricity_kwh", "年用电量", "Annual use", "float", unit="kWh",
                 decimals=0),
    OutputColumn("share_covered", "占用电比例", "Share of use", "share"),
    OutputColumn("subsidy_cny", "补助", "Subsidy", "int", unit="元", unit_en="CNY"),
    OutputColumn("active", "有效", "Active", "bool"),
    OutputColumn("logged_at", "时间", "Time", "datetime"),
))

FRAME = pd.DataFrame({
    "capacity_kwp": [1234.56, np.nan], "school_name": ["甲校", None],
    "roof_type": ["平屋面", "坡屋面"], "annual_electricity_kwh": [223600.0, None],
    "share_covered": [0.4567, np.nan], "subsidy_cny": [1_500_000, 20],
    "active": [True, False], "logged_at": [dt.datetime(2026, 12, 1, 19, 49), pd.NaT],
    "undeclared_column": [1, 2]})


def test_headers_carry_units_in_each_language():
    col = TABLE["subsidy_cny"]
    assert col.header("zh") == "补助（元）" and col.header("en") == "Subsidy (CNY)"
    assert col.bilingual_header == "补助（元） Subsidy (CNY)"
    assert TABLE["capacity_kwp"].bilingual_header == "容量 Capacity (kWp)"
    assert TABLE["school_name"].header("zh") == "学校"


def test_labelled_is_text_for_reading_in_declared_order():
    shown = labelled(FRAME, TABLE, "zh")
    assert list(shown.columns) == ["学校", "屋面", "容量（kWp）", "年用电量（kWh）", "占用电比例",
                                   "补助（元）", "有效", "时间"]
    first, second = shown.iloc[0], shown.iloc[1]
    assert first["容量（kWp）"] == "1,234.6" and first["年用电量（kWh）"] == "223,600"
    assert first["占用电比例"] == "45.7 %" and first["补助（元）"] == "1,500,000"
    assert first["有效"] == "是" and second["有效"] == "否"
    assert first["时间"] == "2026-12-02 03:49"  # 19:49 UTC is 03:49 in Shanghai
    for header in ("学校", "容量（kWp）", "年用电量（kWh）", "占用电比例", "时间"):
        assert second[header] == MISSING_TEXT
    assert not shown.isin(["None", "nan", "NaT", "<NA>"]).any().any()


def test_labelled_in_english_translates_declared_values():
    shown = labelled(FRAME, TABLE, "en")
    assert list(shown["Roof"]) == ["Flat roof", "坡屋面"]
    assert list(shown["Active"]) == ["yes", "no"]


def test_for_export_keeps_raw_values_under_bilingual_headers():
    out = for_export(FRAME, TABLE)
    assert "容量 Capacity (kWp)" in out.columns and "undeclared_column" not in out.columns
    assert out["容量 Capacity (kWp)"][0] == pytest.approx(1234.56)
    assert pd.isna(out["年用电量 Annual use (kWh)"][1])
    assert list(for_export(FRAME, TABLE, bilingual=False, lang="en").columns)[2] == \
        "Capacity (kWp)"


@pytest.mark.parametrize("value,column,expected", [
    (-0.04, OutputColumn("x", "x", "x", "float", decimals=1), "0.0"),
    (float("inf"), OutputColumn("x", "x", "x", "float"), MISSING_TEXT),
    ("  ", OutputColumn("x", "x", "x"), MISSING_TEXT),
    (3, OutputColumn("x", "x", "x", "int"), "3"),
    (pd.NA, OutputColumn("x", "x", "x", "int"), MISSING_TEXT),
    (dt.date(2026, 3, 1), OutputColumn("x", "x", "x", "date"), "2026-03-01"),
])
def test_format_value_edge_cases(value, column, expected):
    assert format_value(value, column) == expected


def test_excel_formats_follow_the_declared_rounding():
    assert excel_format(TABLE["capacity_kwp"]) == "#,##0.0"
    assert excel_format(TABLE["subsidy_cny"]) == "#,##0"
    assert excel_format(TABLE["share_covered"]) == "0.0%"
    assert excel_format(TABLE["school_name"]) is None


def test_tables_pick_and_extend():
    small = TABLE.pick("capacity_kwp", "school_name")
    assert [c.name for c in small.columns] == ["capacity_kwp", "school_name"]
    bigger = small.plus([OutputColumn("extra", "额外", "Extra")])
    assert bigger["extra"].label("en") == "Extra" and len(small.columns) == 2


def test_unknown_dtype_is_refused():
    with pytest.raises(ValueError, match="dtype"):
        OutputColumn("x", "x", "x", "number")


def test_input_columns_are_shown_with_their_own_declaration():
    from surveys.schema import COLUMNS_BY_NAME

    roof = from_input(COLUMNS_BY_NAME["roof_area_m2"], decimals=0)
    assert roof.header("zh") == "屋顶面积（m²）" and roof.places == 0
    district = from_input(COLUMNS_BY_NAME["district"])
    assert district.text("浦东新区", "en") == "Pudong"


def test_a_year_field_reads_as_a_year_on_pages_and_in_excel():
    from surveys.schema import COLUMNS_BY_NAME

    built = from_input(COLUMNS_BY_NAME["year_built"])
    assert built.dtype == "year" and built.text(2015.0) == "2015" and built.text(1988) == "1988"
    assert built.text(None) == MISSING_TEXT and excel_format(built) == "0"
    assert from_input(COLUMNS_BY_NAME["floors_above_ground"]).text(1200) == "1,200"
