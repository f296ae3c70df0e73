"""
Regenerate ``energy/pv/data/shanghai_climate.json`` from the Shanghai TMYx EPW.

The EPW itself stays outside the repository (``../shared/weather/``); only
derived statistics are written: month-by-hour means of GHI, DNI, DHI, air
temperature and wind speed, monthly GHI, and quantiles of the daily
clearness index per month. ``energy.pv.weather.builtin_shanghai`` rebuilds an
hourly typical year from them.

Usage::

    .venv/bin/python tools/derive_climate.py [EPW] [--out PATH] [--check]

``--check`` compares the committed table with a fresh derivation and exits
non-zero if they differ.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from energy.pv import weather

REPO = Path(__file__).resolve().parents[1]

DEFAULT_EPW = (REPO.parent / "shared" / "weather"
               / "CHN_SH_Shanghai-Baoshan.583620_TMYx.2011-2025.epw")
DEFAULT_OUT = REPO / "energy" / "pv" / "data" / "shanghai_climate.json"
# probabilities at which daily clearness quantiles are stored
KT_PROBABILITIES = [round((i + 0.5) / 20, 3) for i in range(20)]


def month_hour_means(series):
    """
    Mean of an hourly series for each month and hour of day.

    Parameters
    ----------
    series : pandas.Series
        Hourly values with a DatetimeIndex (mid-hour stamps).

    Returns
    -------
    numpy.ndarray
        Shape (12, 24), rows month 1..12, columns hour 0..23.
    """
    index = series.index
    table = series.groupby([index.month, index.hour]).mean().unstack()
    return table.reindex(index=range(1, 13), columns=range(24)).to_numpy(float)


def daily_clearness(weather_df, source):
    """
    Daily clearness index: daily GHI over daily extraterrestrial horizontal
    irradiation, with the same hourly extraterrestrial means the synthetic
    year uses.

    Returns
    -------
    pandas.Series
        One value per day [-], indexed by date.
    """
    sky = weather.hourly_sky(weather_df.index, source.latitude,
                             source.longitude, source.altitude_m)
    days = weather_df.index.normalize()
    ghi_day = weather_df["ghi"].groupby(days).sum()
    extra = pd.Series(sky["ghi_extra"], index=weather_df.index)
    extra_day = extra.groupby(days).sum()
    return ghi_day / extra_day


def derive(epw_path):
    """
    Compute the statistics table from an EPW file.

    Parameters
    ----------
    epw_path : str or pathlib.Path

    Returns
    -------
    dict
        JSON-ready table.
    """
    data, source = weather.read_epw(epw_path)
    kt = daily_clearness(data, source)
    quantiles = [
        np.quantile(kt[kt.index.month == m].to_numpy(), KT_PROBABILITIES).tolist()
        for m in range(1, 13)
    ]
    monthly = weather.monthly_ghi_kwh_m2(data)

    def rounded(array, digits):
        return np.round(np.asarray(array, float), digits).tolist()

    return {
        "title": "Shanghai-Baoshan typical-year climate statistics",
        "source": weather.SHANGHAI_TMYX_ATTRIBUTION,
        "source_file": Path(epw_path).name,
        "derived_by": "tools/derive_climate.py",
        "timing": ("month-by-hour means of hourly values at hh:30 local "
                   "standard time (UTC+8), after energy.pv.weather.read_epw "
                   "aligned the file: " + source.timing),
        "site": {
            "name": "Shanghai-Baoshan",
            "wmo": "583620",
            "latitude": source.latitude,
            "longitude": source.longitude,
            "altitude_m": source.altitude_m,
            "utc_offset_h": source.utc_offset_h,
        },
        "units": {"ghi": "W/m2", "dni": "W/m2", "dhi": "W/m2", "temp_air": "degC",
                  "wind_speed": "m/s", "monthly_ghi_kwh_m2": "kWh/m2",
                  "daily_kt": "1"},
        "annual": {
            "ghi_kwh_m2": round(float(data["ghi"].sum()) / 1000, 1),
            "dni_kwh_m2": round(float(data["dni"].sum()) / 1000, 1),
            "dhi_kwh_m2": round(float(data["dhi"].sum()) / 1000, 1),
            "temp_air_mean_c": round(float(data["temp_air"].mean()), 2),
        },
        "monthly_ghi_kwh_m2": rounded(monthly.to_numpy(), 2),
        "month_hour": {
            "ghi": rounded(month_hour_means(data["ghi"]), 1),
            "dni": rounded(month_hour_means(data["dni"]), 1),
            "dhi": rounded(month_hour_means(data["dhi"]), 1),
            "temp_air": rounded(month_hour_means(data["temp_air"]), 2),
            "wind_speed": rounded(month_hour_means(data["wind_speed"]), 2),
        },
        "daily_kt_quantiles": {
            "probabilities": KT_PROBABILITIES,
            "values": rounded(quantiles, 4),
        },
    }


def dumps(table):
    """JSON with every innermost list of numbers on one line."""
    text = json.dumps(table, ensure_ascii=False, indent=1)

    def one_line(match):
        return "[" + ", ".join(v.strip() for v in match.group(1).split(",")) + "]"

    return re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]", one_line, text) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("epw", nargs="?", default=str(DEFAULT_EPW))
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed table, write nothing")
    args = parser.parse_args(argv)
    if not Path(args.epw).exists():
        parser.error(f"EPW not found: {args.epw}")
    table = derive(args.epw)
    text = dumps(table)
    json.loads(text)  # the compaction must keep valid JSON
    out = Path(args.out)
    if args.check:
        same = out.exists() and json.loads(out.read_text("utf-8")) == table
        print("up to date" if same else f"{out} differs from a fresh derivation")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(text):,} bytes); annual GHI "
          f"{table['annual']['ghi_kwh_m2']} kWh/m²")
    return 0


if __name__ == "__main__":
    sys.exit(main())
