"""Usable roof area, array layout and capacity of surveyed school buildings.

Rules, all vectorised over survey rows (parameters in :mod:`energy.pv.parameters`):

1. Usable plan area: the surveyed ``usable_roof_area_m2`` when given (taken as
   already net of shading and condition, capped at the roof area); otherwise
   ``roof_area_m2`` × usable share of the roof type (NEA 2021: 40 % for schools)
   × shading factor × condition factor.
2. Layout: flat concrete roofs (and *other* roofs without a surveyed tilt) carry
   south-facing rows at ``flat_roof_tilt_deg``, spaced so that no row shades the
   next from 09:00 to 15:00 on the winter solstice at the site latitude
   (:func:`ground_coverage_ratio`). Steel-sheet and pitched roofs (and *other*
   roofs with a tilt) are flush-mounted at their own tilt and azimuth, and their
   module area is the plan area / cos(tilt).
3. Capacity: module area × module power density, minus existing PV.
4. Exclusions, each with a bilingual reason: roof area missing, severe shading,
   poor condition (area factor 0), north-facing (azimuth within ±45° of north at
   tilt > 10°, Gagnon 2016), tilt above 60°, existing PV filling the usable roof,
   net usable plan area below 10 m².
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from energy.pv.parameters import (
    CONDITION_FAIR,
    ROOF_FLAT_CONCRETE,
    ROOF_OTHER,
    ROOF_PITCHED,
    SHADING_SLIGHT,
    PVAssumptions,
)

# Row-spacing rule (field notes; Chinese PV design practice): the sun's elevation at
# 09:00 solar time on the winter solstice is arcsin(0.648·cos φ − 0.399·sin φ)
# (declination −23.45°, hour angle 45°: cos δ·cos 45° = 0.648, sin δ = −0.399), and the
# shadow's component along the row pitch is 0.707 of its length.
_SOLSTICE_COS_COEF = 0.648
_SOLSTICE_SIN_COEF = 0.399
_SHADOW_PITCH_FACTOR = 0.707

# Reason codes (bit position, Chinese, English). Exclusions first, then notes.
EXCLUSIONS = {
    "no_roof_area": ("未填屋顶面积", "roof area missing"),
    "severe_shading": ("严重遮挡（低于无遮挡发电量70%的适宜性门槛）",
                       "severe shading (below the 70 %-of-unshaded-output suitability "
                       "threshold)"),
    "poor_condition": ("屋面状况差，需先修缮", "roof in poor condition: repair first"),
    "north_facing": ("朝北（北向±{north:g}°内且倾角>{tilt:g}°）",
                     "north-facing (within ±{north:g}° of north at tilt > {tilt:g}°)"),
    "too_steep": ("屋面倾角超过{max_tilt:g}°", "roof tilt above {max_tilt:g}°"),
    "existing_pv_full": ("已建光伏已占满可利用屋面", "existing PV already fills the usable roof"),
    "too_small": ("可利用面积不足{min_area:g} m²", "usable area below {min_area:g} m²"),
}
NOTES = {
    "usable_area_surveyed": ("采用调查填报的可利用面积", "surveyed usable area used"),
    "usable_area_capped": ("填报可利用面积超过屋顶面积，按屋顶面积计",
                           "surveyed usable area above roof area: capped"),
    "shading_slight": ("轻微遮挡，面积×{shade:g}", "slight shading: area × {shade:g}"),
    "condition_fair": ("屋面状况一般，面积×{fair:g}", "fair roof condition: area × {fair:g}"),
    "tilt_assumed": ("未填坡度，按缺省坡度计", "tilt not surveyed: type default used"),
    "azimuth_assumed": ("未填朝向，按{azimuth:g}°计", "azimuth not surveyed: {azimuth:g}° used"),
    "existing_pv_deducted": ("已扣除已建光伏", "existing PV deducted"),
}
_CODES = tuple(EXCLUSIONS) + tuple(NOTES)
_BIT = {code: 1 << i for i, code in enumerate(_CODES)}
_EXCLUSION_MASK = sum(_BIT[c] for c in EXCLUSIONS)


def winter_solstice_elevation_deg(latitude):
    """Solar elevation at 09:00 solar time on the winter solstice.

    Parameters
    ----------
    latitude : numeric
        Site latitude, north positive. [°]

    Returns
    -------
    numeric
        Elevation angle, NaN where the sun is below the horizon then. [°]
    """
    phi = np.radians(latitude)
    sin_alpha = _SOLSTICE_COS_COEF * np.cos(phi) - _SOLSTICE_SIN_COEF * np.sin(phi)
    sin_alpha = np.where(sin_alpha > 0, sin_alpha, np.nan)
    return np.degrees(np.arcsin(sin_alpha))


def row_spacing_m(module_height_m, latitude):
    """Clear distance between rows: no shading 09:00–15:00 on the winter solstice.

    ``D = 0.707·H / tan(arcsin(0.648·cos φ − 0.399·sin φ))``.

    Parameters
    ----------
    module_height_m : numeric
        Height difference between the top and bottom edge of a tilted row. [m]
    latitude : numeric
        Site latitude. [°]

    Returns
    -------
    numeric
        Horizontal gap from the back edge of one row to the front of the next. [m]
    """
    alpha = np.radians(winter_solstice_elevation_deg(latitude))
    return _SHADOW_PITCH_FACTOR * np.asarray(module_height_m, float) / np.tan(alpha)


def ground_coverage_ratio(tilt_deg, latitude):
    """Module area per roof plan area for rows spaced by :func:`row_spacing_m`.

    For a row of slant length L at tilt β the pitch is ``L·cos β + D`` with
    ``H = L·sin β``, so ``GCR = 1 / (cos β + 0.707·sin β / tan α)``.
    At 31.4° N: 0.76 / 0.68 / 0.62 / 0.58 / 0.54 at tilt 10 / 15 / 20 / 25 / 30°.

    Parameters
    ----------
    tilt_deg : numeric
        Row tilt. [°]
    latitude : numeric
        Site latitude. [°]

    Returns
    -------
    numeric
        Ground coverage ratio. [-]
    """
    beta = np.radians(tilt_deg)
    alpha = np.radians(winter_solstice_elevation_deg(latitude))
    return 1.0 / (np.cos(beta) + _SHADOW_PITCH_FACTOR * np.sin(beta) / np.tan(alpha))


def _angle_from_north_deg(azimuth_deg):
    """Smallest angle between an azimuth and north. [°]"""
    a = np.mod(azimuth_deg, 360.0)
    return np.minimum(a, 360.0 - a)


def _categorical(labels: np.ndarray, position: np.ndarray) -> pd.Categorical:
    """Categorical of ``labels[position]`` without building one string per row."""
    categories, code_of = np.unique(labels.astype(str), return_inverse=True)
    return pd.Categorical.from_codes(code_of.ravel()[position], categories)


def reason_text(codes_mask: np.ndarray, assumptions: PVAssumptions,
                which: str) -> tuple[pd.Categorical, pd.Categorical]:
    """Chinese and English texts of the reasons in a bit mask per row.

    Parameters
    ----------
    codes_mask : ndarray of int
        Bit mask of reason codes per row.
    assumptions : PVAssumptions
        Values quoted in the texts.
    which : {'exclusions', 'notes'}
        Which reasons to spell out.

    Returns
    -------
    (Categorical, Categorical)
        Chinese text joined with ``；``, English text joined with ``; `` ('' if none).
    """
    table = EXCLUSIONS if which == "exclusions" else NOTES
    values = {"north": assumptions.north_half_angle_deg,
              "tilt": assumptions.north_min_tilt_deg,
              "max_tilt": assumptions.max_tilt_deg,
              "min_area": assumptions.min_usable_area_m2,
              "shade": assumptions.shading_slight_factor,
              "fair": assumptions.condition_fair_factor,
              "azimuth": assumptions.default_azimuth_deg}
    distinct, position = np.unique(np.asarray(codes_mask, dtype=np.int64),
                                   return_inverse=True)
    zh = np.empty(distinct.size, dtype=object)
    en = np.empty(distinct.size, dtype=object)
    for i, mask in enumerate(distinct):
        codes = [c for c in table if mask & _BIT[c]]
        zh[i] = "；".join(table[c][0].format(**values) for c in codes)
        en[i] = "; ".join(table[c][1].format(**values) for c in codes)
    return _categorical(zh, position.ravel()), _categorical(en, position.ravel())


def reason_codes(codes_mask: np.ndarray) -> pd.Categorical:
    """Comma-joined reason codes of a bit mask per row (exclusions, then notes)."""
    distinct, position = np.unique(np.asarray(codes_mask, dtype=np.int64),
                                   return_inverse=True)
    text = np.empty(distinct.size, dtype=object)
    for i, mask in enumerate(distinct):
        text[i] = ",".join(c for c in _CODES if mask & _BIT[c])
    return _categorical(text, position.ravel())


def assess_roofs(buildings: pd.DataFrame, latitude,
                 assumptions: PVAssumptions | None = None) -> pd.DataFrame:
    """Usable area, layout, orientation and capacity of each surveyed roof.

    Parameters
    ----------
    buildings : DataFrame
        Survey rows with ``roof_area_m2, roof_type, roof_tilt_deg, roof_azimuth_deg,
        usable_roof_area_m2, existing_pv_kw, shading, roof_condition`` (missing
        optional columns count as NaN).
    latitude : numeric
        Latitude of each building, for the row spacing of flat roofs. [°]
    assumptions : PVAssumptions, optional
        Parameters; defaults when omitted.

    Returns
    -------
    DataFrame
        Same index as ``buildings``, columns ``layout`` ('rows' or 'flush'),
        ``tilt_deg``, ``azimuth_deg``, ``module_area_ratio`` (module area per roof
        plan area: the GCR for rows, 1/cos(tilt) flush),
        ``usable_area_m2`` (net plan area after existing PV), ``capacity_kwp``,
        ``existing_pv_kw``, ``excluded``, ``reason_codes``,
        ``exclusion_reason_zh``, ``exclusion_reason_en``, ``notes_zh``, ``notes_en``.
        Excluded rows have capacity and usable area 0.
    """
    a = assumptions or PVAssumptions()
    n = len(buildings)

    def col(name):
        if name in buildings:
            return pd.to_numeric(buildings[name], errors="coerce").to_numpy(float,
                                                                            na_value=np.nan)
        return np.full(n, np.nan)

    def lookup(name, table: dict[str, float], default: float):
        """Code of each row's value in ``table`` (-1 if absent) and its table value."""
        if name in buildings:
            codes = pd.Categorical(buildings[name], categories=list(table)).codes
        else:
            codes = np.full(n, -1, dtype=np.int8)
        return codes, np.append(np.fromiter(table.values(), float), default)[codes]

    roof_area = col("roof_area_m2")
    type_code, share = lookup("roof_type", a.usable_share(), a.usable_share_other)
    kinds = list(a.usable_share())
    roof_type = np.array(kinds + [ROOF_OTHER], dtype=object)[type_code]
    tilt_in = col("roof_tilt_deg")
    azimuth_in = col("roof_azimuth_deg")
    usable_in = col("usable_roof_area_m2")
    existing = np.nan_to_num(col("existing_pv_kw"), nan=0.0)
    shade_code, shade_f = lookup("shading", a.shading_factor(), 1.0)
    cond_code, cond_f = lookup("roof_condition", a.condition_factor(), 1.0)
    slight = shade_code == list(a.shading_factor()).index(SHADING_SLIGHT)
    fair = cond_code == list(a.condition_factor()).index(CONDITION_FAIR)
    latitude = np.broadcast_to(np.asarray(latitude, float), (n,))

    mask = np.zeros(n, dtype=np.int64)

    def flag(code, where):
        nonlocal mask
        mask = mask | np.where(where, _BIT[code], 0)

    # Layout and orientation.
    rows = (roof_type == ROOF_FLAT_CONCRETE) | ((roof_type == ROOF_OTHER)
                                                & ~(tilt_in > 0))
    default_tilt = np.where(roof_type == ROOF_OTHER, a.flat_roof_tilt_deg,
                            np.where(roof_type == ROOF_PITCHED,
                                     a.pitched_roof_default_tilt_deg,
                                     a.steel_roof_default_tilt_deg))
    tilt_missing = ~rows & np.isnan(tilt_in)
    flush_tilt = np.where(tilt_missing, default_tilt, tilt_in)
    az_missing = ~rows & np.isnan(azimuth_in) & (flush_tilt > 0)
    flush_az = np.mod(np.where(np.isnan(azimuth_in), a.default_azimuth_deg, azimuth_in),
                      360.0)
    tilt = np.where(rows, a.flat_roof_tilt_deg, flush_tilt)
    azimuth = np.where(rows | (flush_tilt == 0), a.flat_roof_azimuth_deg, flush_az)
    flag("tilt_assumed", tilt_missing)
    flag("azimuth_assumed", az_missing)

    # Module area per plan area and kWp per plan area.
    gcr = np.where(rows, ground_coverage_ratio(tilt, latitude),
                   1.0 / np.cos(np.radians(np.minimum(tilt, 89.0))))
    kwp_per_m2 = gcr * a.module_power_density_w_m2 / 1000.0

    # Usable plan area.
    surveyed = np.isfinite(usable_in)
    derived = roof_area * share * shade_f * cond_f
    capped = surveyed & (usable_in > roof_area)
    usable = np.where(surveyed, np.where(capped, roof_area, usable_in), derived)
    flag("usable_area_surveyed", surveyed)
    flag("usable_area_capped", capped)
    flag("shading_slight", ~surveyed & slight & (a.shading_slight_factor < 1))
    flag("condition_fair", ~surveyed & fair & (a.condition_fair_factor < 1))

    # Capacity after existing PV.
    gross_kwp = np.nan_to_num(usable) * kwp_per_m2
    capacity = np.maximum(gross_kwp - existing, 0.0)
    net_usable = np.where(kwp_per_m2 > 0, capacity / kwp_per_m2, 0.0)
    flag("existing_pv_deducted", existing > 0)

    # Exclusions.
    no_area = ~(roof_area > 0) & ~(usable_in > 0)
    flag("no_roof_area", no_area)
    flag("severe_shading", (shade_f == 0) & ~no_area)
    flag("poor_condition", (cond_f == 0) & ~no_area)
    north = (_angle_from_north_deg(azimuth) <= a.north_half_angle_deg) & (
        tilt > a.north_min_tilt_deg)
    flag("north_facing", north)
    flag("too_steep", tilt > a.max_tilt_deg)
    already = (existing > 0) & (net_usable < a.min_usable_area_m2) & (
        np.nan_to_num(usable) >= a.min_usable_area_m2)
    flag("existing_pv_full", already & ~no_area)
    small = (net_usable < a.min_usable_area_m2) & ~no_area & (shade_f > 0) & (
        cond_f > 0) & ~already
    flag("too_small", small)

    excluded = (mask & _EXCLUSION_MASK) != 0
    capacity = np.where(excluded, 0.0, capacity)
    net_usable = np.where(excluded, 0.0, net_usable)
    exc_zh, exc_en = reason_text(mask & _EXCLUSION_MASK, a, "exclusions")
    # An excluded roof gets 0 kWp: how its area would have been counted is beside the point
    # and would read as a contradiction ("poor roof, repair first; surveyed area used").
    # The codes keep every reason for analysts.
    note_zh, note_en = reason_text(np.where(excluded, 0, mask & ~_EXCLUSION_MASK), a, "notes")
    return pd.DataFrame({
        "layout": pd.Categorical.from_codes(rows.astype(np.int8), ["flush", "rows"]),
        "tilt_deg": tilt,
        "azimuth_deg": azimuth,
        "module_area_ratio": gcr,
        "usable_area_m2": net_usable,
        "capacity_kwp": capacity,
        "existing_pv_kw": existing,
        "excluded": excluded,
        "reason_codes": reason_codes(mask),
        "exclusion_reason_zh": exc_zh,
        "exclusion_reason_en": exc_en,
        "notes_zh": note_zh,
        "notes_en": note_en,
    }, index=buildings.index)
