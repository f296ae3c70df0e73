"""Usable roof, row spacing and capacity rules (energy.pv.roofs, energy.pv.parameters)."""

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from energy.pv.parameters import (
    DEFAULT_ASSUMPTIONS,
    PVAssumptions,
    describe_assumptions,
)
from energy.pv.roofs import (
    EXCLUSIONS,
    NOTES,
    assess_roofs,
    ground_coverage_ratio,
    row_spacing_m,
    winter_solstice_elevation_deg,
)
from tests.pv._helpers import survey, survey_row

A = DEFAULT_ASSUMPTIONS
LAT = 31.4


def assess(*rows, latitude=LAT, assumptions=A):
    return assess_roofs(survey(*rows), latitude, assumptions)


# --- Row spacing geometry ----------------------------------------------------------


def test_solstice_elevation_by_hand():
    # sin α = 0.648·cos 31.4° − 0.399·sin 31.4° = 0.553101 − 0.207883 = 0.345218
    hand = math.degrees(math.asin(0.648 * math.cos(math.radians(31.4))
                                  - 0.399 * math.sin(math.radians(31.4))))
    assert winter_solstice_elevation_deg(31.4) == pytest.approx(hand, abs=1e-12)
    assert hand == pytest.approx(20.195, abs=1e-3)


def test_row_spacing_by_hand():
    # H = 1 m: D = 0.707 / tan(20.195°) = 0.707 / 0.36783 = 1.9221 m
    assert row_spacing_m(1.0, 31.4) == pytest.approx(1.9221, abs=1e-4)
    assert row_spacing_m(2.0, 31.4) == pytest.approx(2 * row_spacing_m(1.0, 31.4))


@pytest.mark.parametrize("tilt, gcr", [(10, 0.76), (15, 0.68), (20, 0.62), (25, 0.58),
                                       (30, 0.54)])
def test_ground_coverage_ratio_matches_field_notes(tilt, gcr):
    # the field notes quote two decimals (0.626 and 0.547 are given as 0.62 and 0.54)
    assert ground_coverage_ratio(tilt, 31.4) == pytest.approx(gcr, abs=0.008)
    # by hand: slant length 1 m, pitch = cos β + D(H = sin β)
    pitch = math.cos(math.radians(tilt)) + row_spacing_m(math.sin(math.radians(tilt)), 31.4)
    assert ground_coverage_ratio(tilt, 31.4) == pytest.approx(1 / pitch, rel=1e-12)


def test_kwp_per_m2_of_flat_roof_matches_field_notes():
    density = A.module_power_density_w_m2 / 1000
    assert ground_coverage_ratio(10, 31.4) * density == pytest.approx(0.16, abs=0.005)
    assert ground_coverage_ratio(30, 31.4) * density == pytest.approx(0.11, abs=0.006)


def test_spacing_depends_on_latitude_not_a_constant():
    gcr = ground_coverage_ratio(15, np.array([30.7, 31.4, 31.9]))
    assert gcr[0] > gcr[1] > gcr[2]
    assert ground_coverage_ratio(0, 31.4) == pytest.approx(1.0)
    assert np.isnan(winter_solstice_elevation_deg(60.0))


# --- Usable area and capacity --------------------------------------------------------


def test_flat_roof_rows_capacity():
    r = assess(survey_row(roof_area_m2=1000.0)).iloc[0]
    gcr = ground_coverage_ratio(A.flat_roof_tilt_deg, LAT)
    assert r.layout == "rows"
    assert (r.tilt_deg, r.azimuth_deg) == (A.flat_roof_tilt_deg, 180.0)
    assert r.usable_area_m2 == pytest.approx(1000 * 0.40)
    assert r.capacity_kwp == pytest.approx(400 * gcr * 0.210)
    assert not r.excluded
    assert r.exclusion_reason_zh == "" and r.exclusion_reason_en == ""


def test_flat_roof_surveyed_tilt_is_ignored():
    r = assess(survey_row(roof_tilt_deg=0.0, roof_azimuth_deg=90.0)).iloc[0]
    assert (r.tilt_deg, r.azimuth_deg) == (A.flat_roof_tilt_deg, 180.0)


def test_pitched_roof_flush_at_own_orientation():
    r = assess(survey_row(roof_type="坡屋面", roof_area_m2=500.0, roof_tilt_deg=30.0,
                          roof_azimuth_deg=200.0)).iloc[0]
    assert r.layout == "flush"
    assert (r.tilt_deg, r.azimuth_deg) == (30.0, 200.0)
    # module area = plan area / cos(tilt)
    assert r.capacity_kwp == pytest.approx(500 * 0.40 / math.cos(math.radians(30)) * 0.210)


def test_steel_roof_missing_tilt_and_azimuth_use_defaults_with_notes():
    r = assess(survey_row(roof_type="彩钢瓦", roof_area_m2=800.0)).iloc[0]
    assert r.layout == "flush"
    assert (r.tilt_deg, r.azimuth_deg) == (A.steel_roof_default_tilt_deg, 180.0)
    assert "tilt_assumed" in r.reason_codes and "azimuth_assumed" in r.reason_codes
    assert "未填坡度" in r.notes_zh and "azimuth not surveyed" in r.notes_en


def test_other_roof_with_tilt_is_flush_without_rows():
    rows = assess(survey_row(roof_type="其他", roof_tilt_deg=20.0, roof_azimuth_deg=180.0),
                  survey_row(roof_type="其他"))
    assert list(rows.layout) == ["flush", "rows"]
    assert rows.usable_area_m2.iloc[1] == pytest.approx(1000 * A.usable_share_other)


def test_surveyed_usable_area_is_used_and_capped():
    rows = assess(survey_row(usable_roof_area_m2=700.0, shading="轻微"),
                  survey_row(usable_roof_area_m2=1500.0))
    assert rows.usable_area_m2.tolist() == [700.0, 1000.0]
    assert "usable_area_surveyed" in rows.reason_codes.iloc[0]
    assert "shading_slight" not in rows.reason_codes.iloc[0]  # taken as net already
    assert "usable_area_capped" in rows.reason_codes.iloc[1]


def test_slight_shading_and_fair_condition_reduce_area():
    r = assess(survey_row(shading="轻微", roof_condition="一般")).iloc[0]
    assert r.usable_area_m2 == pytest.approx(1000 * 0.40 * 0.80 * 0.90)
    assert not r.excluded
    assert "轻微遮挡" in r.notes_zh and "fair roof condition" in r.notes_en


def test_missing_shading_and_condition_count_as_none_and_good():
    r = assess(survey_row(shading=np.nan, roof_condition=None)).iloc[0]
    assert r.usable_area_m2 == pytest.approx(400.0)


@pytest.mark.parametrize("row, code, zh, en", [
    (dict(shading="严重"), "severe_shading", "严重遮挡", "severe shading"),
    (dict(roof_condition="差"), "poor_condition", "屋面状况差", "poor condition"),
    (dict(roof_type="坡屋面", roof_tilt_deg=30.0, roof_azimuth_deg=0.0), "north_facing",
     "朝北", "north-facing"),
    (dict(roof_type="坡屋面", roof_tilt_deg=65.0, roof_azimuth_deg=180.0), "too_steep",
     "60°", "above 60°"),
    (dict(roof_area_m2=20.0), "too_small", "不足10 m²", "below 10 m²"),
    (dict(roof_area_m2=np.nan), "no_roof_area", "未填屋顶面积", "roof area missing"),
])
def test_exclusions_keep_bilingual_reason(row, code, zh, en):
    r = assess(survey_row(**row)).iloc[0]
    assert r.excluded
    assert r.capacity_kwp == 0.0 and r.usable_area_m2 == 0.0
    assert code in r.reason_codes.split(",")
    assert zh in r.exclusion_reason_zh
    assert en in r.exclusion_reason_en


@pytest.mark.parametrize("azimuth, tilt, excluded", [
    (0.0, 20.0, True), (30.0, 20.0, True), (330.0, 20.0, True), (45.0, 20.0, True),
    (315.0, 20.0, True), (46.0, 20.0, False), (90.0, 20.0, False), (360.0, 11.0, True),
    (0.0, 10.0, False), (0.0, 5.0, False),
])
def test_north_facing_rule(azimuth, tilt, excluded):
    r = assess(survey_row(roof_type="坡屋面", roof_tilt_deg=tilt,
                          roof_azimuth_deg=azimuth)).iloc[0]
    assert r.excluded == excluded
    assert ("north_facing" in r.reason_codes) == excluded


def test_existing_pv_is_deducted():
    base = assess(survey_row()).iloc[0]
    r = assess(survey_row(existing_pv_kw=20.0)).iloc[0]
    assert r.capacity_kwp == pytest.approx(base.capacity_kwp - 20.0)
    assert r.usable_area_m2 == pytest.approx(
        base.usable_area_m2 * r.capacity_kwp / base.capacity_kwp)
    assert "existing_pv_deducted" in r.reason_codes


def test_existing_pv_filling_the_roof_excludes():
    r = assess(survey_row(existing_pv_kw=500.0)).iloc[0]
    assert r.excluded and r.capacity_kwp == 0.0
    assert "existing_pv_full" in r.reason_codes
    assert "已建光伏" in r.exclusion_reason_zh


def test_several_reasons_are_all_kept():
    r = assess(survey_row(shading="严重", roof_condition="差")).iloc[0]
    assert r.reason_codes.startswith("severe_shading,poor_condition")
    assert "；" in r.exclusion_reason_zh and "; " in r.exclusion_reason_en


def test_an_excluded_roof_reads_its_exclusion_only():
    """A poor roof with a surveyed usable area gets 0 kWp: the text says why, and nothing
    about how its area would have been counted (that read as a contradiction)."""
    r = assess(survey_row(roof_condition="差", usable_roof_area_m2=600.0)).iloc[0]
    assert r.excluded and r.capacity_kwp == 0
    assert r.exclusion_reason_zh == "屋面状况差，需先修缮"
    assert r.notes_zh == "" and r.notes_en == ""
    assert "usable_area_surveyed" in r.reason_codes   # kept for analysts


def test_severe_shading_factor_can_reduce_instead_of_exclude():
    lenient = dataclasses.replace(A, shading_severe_factor=0.5)
    r = assess(survey_row(shading="严重"), assumptions=lenient).iloc[0]
    assert not r.excluded
    assert r.usable_area_m2 == pytest.approx(1000 * 0.40 * 0.5)


def test_vectorised_over_rows_and_keeps_index():
    frame = survey(survey_row(), survey_row(shading="严重"), survey_row(roof_type="彩钢瓦"))
    frame.index = ["a", "b", "c"]
    out = assess_roofs(frame, np.array([31.0, 31.2, 31.4]))
    assert list(out.index) == ["a", "b", "c"]
    assert out.excluded.tolist() == [False, True, False]


def test_all_reason_codes_have_two_languages():
    for table in (EXCLUSIONS, NOTES):
        for zh, en in table.values():
            assert zh and en and zh != en


# --- Parameters ---------------------------------------------------------------------


def test_parameters_carry_unit_label_and_source():
    table = describe_assumptions()
    assert len(table) == len(dataclasses.fields(PVAssumptions))
    assert table["source"].str.len().min() > 3
    marked = set(table.loc[table["assumption"], "name"])
    assert {"tariff_cny_per_kwh", "feed_in_cny_per_kwh", "capex_cny_per_w"} <= marked
    values = table.set_index("name")["value"]
    assert values["grid_factor_t_per_mwh"] == 0.5849
    assert values["module_power_density_w_m2"] == 210.0
    assert values["losses_pct"] == 14.08
    assert values["coal_kgce_per_kwh"] == 0.1229


def test_parameters_are_frozen_and_validated():
    with pytest.raises(dataclasses.FrozenInstanceError):
        A.losses_pct = 10  # type: ignore[misc]
    for bad in (dict(losses_pct=100), dict(dc_ac_ratio=0), dict(mounting="ground"),
                dict(usable_share_pitched=1.5), dict(flat_roof_tilt_deg=90)):
        with pytest.raises(ValueError):
            PVAssumptions(**bad)
    changed = describe_assumptions(dataclasses.replace(A, tariff_cny_per_kwh=0.8))
    row = changed.set_index("name").loc["tariff_cny_per_kwh"]
    assert row["value"] == 0.8 and row["default"] == A.tariff_cny_per_kwh


def test_survey_vocabularies_match_the_schema():
    from surveys.schema import ROOF_CONDITIONS, ROOF_TYPES, SHADING

    assert set(A.usable_share()) == {c.value for c in ROOF_TYPES}
    assert set(A.shading_factor()) == {c.value for c in SHADING}
    assert set(A.condition_factor()) == {c.value for c in ROOF_CONDITIONS}
    assert isinstance(pd.DataFrame(describe_assumptions()), pd.DataFrame)
