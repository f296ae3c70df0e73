"""Hourly school electricity demand and the on-site use of rooftop PV.

Assumption (stated here once; every number below is the committee's adjustable
starting point, not a measured load profile): a school's annual electricity use
(survey column ``annual_electricity_kwh``) is spread over the weather year by a
relative hourly level that depends on

* the **school type** (高校 universities: dormitories and laboratories keep
  evenings, weekends and vacations busy; 中职 vocational schools: partly
  residential, evening study; 中小学 primary/secondary and 幼儿园 kindergartens:
  weekday daytime only);
* the **day class**: term weekday; weekend or public holiday (1 January, 1–5 May,
  1–7 October, fixed dates approximating the national calendar); vacation weekday;
* the **vacations** of Shanghai schools: winter vacation about late January to
  mid-February and summer vacation July–August for schools and kindergartens
  (20 Jan–17 Feb, 1 Jul–31 Aug); universities 15 Jan–24 Feb and 10 Jul–31 Aug.
  PV peaks in summer while schools are empty, so exports are highest then;
* a monthly **climate factor** for cooling (June–September) and heating
  (December–February) in Shanghai.

Self-consumption is the hour-by-hour ``min(PV, load)``: no battery, no curtailment,
export of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

UNIVERSITY, VOCATIONAL, PRIMARY_SECONDARY, KINDERGARTEN = "高校", "中职", "中小学", "幼儿园"


def _day(base: float, *segments: tuple[int, int, float]) -> tuple[float, ...]:
    """24 hourly levels: ``base`` everywhere, then ``(start, end, level)`` spans."""
    levels = [base] * 24
    for start, end, level in segments:
        for hour in range(start, end):
            levels[hour] = level
    return tuple(levels)


@dataclass(frozen=True)
class LoadShape:
    """Relative hourly demand levels of one school type (local clock hours 0–23).

    Attributes
    ----------
    term_weekday, weekend, vacation : tuple of 24 float
        Relative level of each clock hour on a term weekday, a weekend or public
        holiday, and a vacation weekday. [-]
    winter_vacation, summer_vacation : ((month, day), (month, day))
        First and last day (inclusive) of each vacation.
    """

    term_weekday: tuple[float, ...]
    weekend: tuple[float, ...]
    vacation: tuple[float, ...]
    winter_vacation: tuple[tuple[int, int], tuple[int, int]]
    summer_vacation: tuple[tuple[int, int], tuple[int, int]]


_SCHOOL_WINTER = ((1, 20), (2, 17))
_SCHOOL_SUMMER = ((7, 1), (8, 31))

# ASSUMPTIONS (see module docstring): relative levels per clock hour.
LOAD_SHAPES: dict[str, LoadShape] = {
    PRIMARY_SECONDARY: LoadShape(
        term_weekday=_day(0.15, (6, 7, 0.3), (7, 8, 0.7), (8, 12, 1.0), (12, 13, 0.85),
                          (13, 17, 1.0), (17, 18, 0.6), (18, 21, 0.3)),
        weekend=_day(0.15, (8, 18, 0.25)),
        vacation=_day(0.15, (8, 17, 0.3)),
        winter_vacation=_SCHOOL_WINTER, summer_vacation=_SCHOOL_SUMMER),
    KINDERGARTEN: LoadShape(
        term_weekday=_day(0.12, (7, 8, 0.6), (8, 11, 1.0), (11, 14, 0.9), (14, 17, 1.0),
                          (17, 18, 0.5), (18, 20, 0.2)),
        weekend=_day(0.12, (8, 18, 0.18)),
        vacation=_day(0.12, (8, 17, 0.35)),
        winter_vacation=_SCHOOL_WINTER, summer_vacation=_SCHOOL_SUMMER),
    VOCATIONAL: LoadShape(
        term_weekday=_day(0.25, (6, 8, 0.6), (8, 12, 1.0), (12, 13, 0.85), (13, 17, 1.0),
                          (17, 19, 0.6), (19, 22, 0.7), (22, 24, 0.35)),
        weekend=_day(0.25, (8, 22, 0.4)),
        vacation=_day(0.2, (8, 17, 0.3)),
        winter_vacation=_SCHOOL_WINTER, summer_vacation=_SCHOOL_SUMMER),
    UNIVERSITY: LoadShape(
        term_weekday=_day(0.4, (7, 8, 0.6), (8, 12, 1.0), (12, 14, 0.9), (14, 18, 1.0),
                          (18, 23, 0.9), (23, 24, 0.6)),
        weekend=_day(0.4, (8, 23, 0.7)),
        vacation=_day(0.35, (8, 18, 0.55), (18, 23, 0.45)),
        winter_vacation=((1, 15), (2, 24)), summer_vacation=((7, 10), (8, 31))),
}

# ASSUMPTION: Shanghai cooling (Jun–Sep) and heating (Dec–Feb) raise demand. [-]
CLIMATE_MONTH_FACTOR = (1.15, 1.10, 0.95, 0.90, 0.95, 1.10, 1.25, 1.25, 1.10, 0.90, 0.95,
                        1.10)

# Fixed-date public holidays treated like weekends: (month, first day, last day).
PUBLIC_HOLIDAYS = ((1, 1, 1), (5, 1, 5), (10, 1, 7))


def _in_span(month: np.ndarray, day: np.ndarray, span) -> np.ndarray:
    """Whether (month, day) lies in an inclusive (month, day) span within one year."""
    key = month * 100 + day
    (m0, d0), (m1, d1) = span
    return (key >= m0 * 100 + d0) & (key <= m1 * 100 + d1)


def day_class(index: pd.DatetimeIndex, school_type: str) -> np.ndarray:
    """Day class of each timestamp: 0 term weekday, 1 weekend/holiday, 2 vacation weekday.

    Parameters
    ----------
    index : DatetimeIndex
        Timestamps in local time.
    school_type : str
        One of 高校, 中职, 中小学, 幼儿园 (others use 中小学).

    Returns
    -------
    ndarray of int
    """
    shape = LOAD_SHAPES.get(school_type, LOAD_SHAPES[PRIMARY_SECONDARY])
    month, day = np.asarray(index.month), np.asarray(index.day)
    weekend = np.asarray(index.day_of_week) >= 5
    for m, first, last in PUBLIC_HOLIDAYS:
        weekend |= (month == m) & (day >= first) & (day <= last)
    vacation = _in_span(month, day, shape.winter_vacation) | _in_span(
        month, day, shape.summer_vacation)
    return np.where(weekend, 1, np.where(vacation, 2, 0))


def school_load_shape(index: pd.DatetimeIndex, school_type: str) -> pd.Series:
    """Share of a school's annual electricity used in each interval of ``index``.

    Parameters
    ----------
    index : DatetimeIndex
        Weather index (tz-aware, local clock used).
    school_type : str
        One of 高校, 中职, 中小学, 幼儿园 (others use 中小学).

    Returns
    -------
    Series
        Non-negative shares summing to 1. [-]
    """
    shape = LOAD_SHAPES.get(school_type, LOAD_SHAPES[PRIMARY_SECONDARY])
    table = np.array([shape.term_weekday, shape.weekend, shape.vacation])
    level = table[day_class(index, school_type), np.asarray(index.hour)]
    level = level * np.asarray(CLIMATE_MONTH_FACTOR)[np.asarray(index.month) - 1]
    return pd.Series(level / level.sum(), index=index, name="load_share")


def hourly_load_kwh(annual_electricity_kwh: float, school_type: str,
                    index: pd.DatetimeIndex) -> pd.Series:
    """Electricity use of a school in each interval of ``index``.

    Parameters
    ----------
    annual_electricity_kwh : float
        Annual use from the survey. [kWh]
    school_type : str
        School type (see :func:`school_load_shape`).
    index : DatetimeIndex
        Weather index.

    Returns
    -------
    Series
        Energy per interval. [kWh]
    """
    return (school_load_shape(index, school_type) * annual_electricity_kwh).rename(
        "load_kwh")


def self_consumed_kwh(pv_kwh: np.ndarray, load_kwh: np.ndarray, axis: int = 0) -> np.ndarray:
    """Sum over intervals of ``min(PV, load)``: PV energy used on site (no storage).

    Parameters
    ----------
    pv_kwh, load_kwh : ndarray
        Non-negative, NaN-free energy per interval, broadcastable. [kWh]
    axis : int, default 0
        Axis of the intervals.

    Returns
    -------
    ndarray
        Self-consumed energy. [kWh]
    """
    return np.minimum(pv_kwh, load_kwh).sum(axis=axis)


def self_consumption(pv_kwh, load_kwh) -> dict:
    """On-site use of PV energy, interval by interval (no storage).

    Parameters
    ----------
    pv_kwh : array-like, shape (n,) or (n, m)
        PV energy per interval, for one or m schools. [kWh]
    load_kwh : array-like, same shape (or broadcastable)
        Demand per interval. [kWh]

    Returns
    -------
    dict
        ``self_consumed_kwh`` (sum of min(PV, load)) [kWh], ``pv_kwh``, ``load_kwh``
        (sums) [kWh], ``self_consumption_share`` (share of PV used on site, in
        [0, 1], NaN without PV) and ``demand_covered_share`` (share of demand met
        by PV, in [0, 1], NaN without demand). [-] Scalars for 1-D input, arrays of
        length m otherwise.
    """
    pv = np.clip(np.nan_to_num(np.asarray(pv_kwh, float)), 0.0, None)
    load = np.clip(np.nan_to_num(np.asarray(load_kwh, float)), 0.0, None)
    used = self_consumed_kwh(pv, load)
    pv_sum = np.broadcast_to(pv, np.broadcast_shapes(pv.shape, load.shape)).sum(axis=0)
    load_sum = np.broadcast_to(load, np.broadcast_shapes(pv.shape, load.shape)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        sc_share = np.where(pv_sum > 0, used / pv_sum, np.nan)
        covered = np.where(load_sum > 0, used / load_sum, np.nan)
    result = {"self_consumed_kwh": used, "pv_kwh": pv_sum, "load_kwh": load_sum,
              "self_consumption_share": sc_share, "demand_covered_share": covered}
    if pv.ndim == 1 and load.ndim == 1:
        result = {k: float(v) for k, v in result.items()}
    return result
