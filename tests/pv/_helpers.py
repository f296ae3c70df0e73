"""Helpers shared by the rooftop-PV tests: weather, survey rows, the reference loop."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from energy.pv.parameters import DEFAULT_ASSUMPTIONS
from energy.pv.yield_ import pvwatts_modelchain

REPO = Path(__file__).resolve().parents[2]
SHANGHAI_EPW = (REPO.parent / "shared" / "weather"
                / "CHN_SH_Shanghai-Baoshan.583620_TMYx.2011-2025.epw")


def require_epw() -> Path:
    """Path of the shared Shanghai EPW; skips the calling test when it is absent."""
    if not SHANGHAI_EPW.is_file():
        pytest.skip(f"Shanghai EPW not available at {SHANGHAI_EPW}")
    return SHANGHAI_EPW


@functools.lru_cache(maxsize=4)
def epw_weather(centre_offset_min: float | None = None):
    """The Shanghai EPW as read by ``energy.pv.weather.read_epw`` (cached; do not mutate).

    ``centre_offset_min=30`` reads the file as PySAM does (EPW convention); the
    default lets the reader measure where the irradiance is centred.
    """
    from energy.pv.weather import read_epw

    return read_epw(require_epw(), centre_offset_min=centre_offset_min)


def builtin_weather():
    """The committed built-in Shanghai year (always available)."""
    from energy.pv.weather import builtin_shanghai

    return builtin_shanghai()


def survey_row(**values) -> dict:
    """One ``current_buildings`` row: a good, unshaded 1,000 m² flat roof, plus overrides."""
    row = {
        "school_code": "3101150001", "school_name": "示例中学", "district": "浦东新区",
        "school_type": "中小学", "latitude": 31.22, "longitude": 121.54,
        "annual_electricity_kwh": np.nan, "building_name": "1号教学楼",
        "building_use": "教学", "year_built": 2005, "floors_above_ground": 5,
        "gross_floor_area_m2": 5000.0, "roof_area_m2": 1000.0, "roof_type": "混凝土平屋面",
        "roof_tilt_deg": np.nan, "roof_azimuth_deg": np.nan, "usable_roof_area_m2": np.nan,
        "existing_pv_kw": np.nan, "shading": "无", "roof_condition": "良好",
    }
    unknown = set(values) - set(row)
    if unknown:
        raise KeyError(f"not survey columns: {sorted(unknown)}")
    row.update(values)
    return row


def survey(*rows: dict) -> pd.DataFrame:
    """A ``current_buildings`` frame from :func:`survey_row` dicts."""
    return pd.DataFrame(list(rows))


def loop_annual_kwh(results: pd.DataFrame, weather: pd.DataFrame, altitude_m: float,
                    assumptions=DEFAULT_ASSUMPTIONS) -> np.ndarray:
    """Annual AC energy of each row from its own pvlib ModelChain at its own site. [kWh]"""
    out = []
    for row in results.itertuples():
        if not row.capacity_kwp > 0:
            out.append(0.0)
            continue
        chain = pvwatts_modelchain(row.latitude, row.longitude, row.capacity_kwp,
                                   row.tilt_deg, row.azimuth_deg, altitude_m, assumptions)
        chain.run_model(weather)
        out.append(float(chain.results.ac.fillna(0.0).sum()) / 1000.0)
    return np.array(out)
