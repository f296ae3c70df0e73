"""Command line: ``python -m energy.pv {yield,campuses} ...``.

``yield``
    Annual and monthly AC energy of one array (PVWatts v8-equivalent pvlib chain)::

        python -m energy.pv yield --lat 31.23 --lon 121.47 --kwp 100 --tilt 25 \\
            --azimuth 180 [--weather FILE] [--losses 14.08] [--dc-ac-ratio 1.2] \\
            [--inverter-efficiency 96] [--mounting roof|open-rack] [--json]

``campuses``
    Rooftop PV of every surveyed campus in the survey store::

        python -m energy.pv campuses --db PATH [--weather FILE] [--json | --csv OUT]

Bad arguments print one line ``energy.pv: error: ...`` to stderr and exit with 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys

import pandas as pd

from energy.pv.parameters import DEFAULT_ASSUMPTIONS

PROG = "python -m energy.pv"
CAMPUS_COLUMNS = ("school_code", "school_name", "district", "school_type", "n_buildings",
                  "n_buildings_included", "usable_area_m2", "capacity_kwp",
                  "annual_yield_kwh", "annual_yield_low_kwh", "specific_yield_kwh_per_kwp",
                  "annual_electricity_kwh", "self_consumption_share",
                  "demand_covered_share", "co2_avoided_t", "savings_cny", "capex_cny",
                  "payback_years")


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors are a single line (exit status 2)."""

    def error(self, message):
        self.exit(2, f"{PROG}: error: {' '.join(str(message).split())}\n")


def _number(low=-math.inf, high=math.inf, *, low_open=False, high_open=False):
    """Argument type: a finite float within a range."""
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        too_low = value <= low if low_open else value < low
        too_high = value >= high if high_open else value > high
        if not math.isfinite(value) or too_low or too_high:
            lo = "(" if low_open else "["
            hi = ")" if high_open else "]"
            raise argparse.ArgumentTypeError(f"{value:g} outside {lo}{low:g}, {high:g}{hi}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m energy.pv`` argument parser."""
    d = DEFAULT_ASSUMPTIONS
    parser = _Parser(prog=PROG, description="Rooftop PV potential (pvlib, PVWatts v8 "
                     "equivalent) / 屋顶光伏潜力")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    one = commands.add_parser("yield", help="annual energy of one array / 单个阵列发电量")
    one.add_argument("--lat", type=_number(-90, 90), required=True, help="latitude [°]")
    one.add_argument("--lon", type=_number(-180, 180), required=True, help="longitude [°]")
    one.add_argument("--kwp", type=_number(0, 1e7, low_open=True), required=True,
                     help="DC capacity [kWp]")
    one.add_argument("--tilt", type=_number(0, 90), required=True, help="tilt [°]")
    one.add_argument("--azimuth", type=_number(0, 360), required=True,
                     help="azimuth clockwise from north [°], south = 180")
    one.add_argument("--weather", help="EPW, TMY3 or PVGIS TMY file; default the built-in "
                     "Shanghai year")
    one.add_argument("--losses", type=_number(0, 100, high_open=True),
                     default=d.losses_pct, help=f"system losses [%%] (default {d.losses_pct})")
    one.add_argument("--dc-ac-ratio", type=_number(0, 10, low_open=True),
                     default=d.dc_ac_ratio, help=f"DC/AC ratio (default {d.dc_ac_ratio})")
    one.add_argument("--inverter-efficiency", type=_number(0, 100, low_open=True),
                     default=d.inverter_efficiency_pct,
                     help=f"inverter efficiency [%%] (default {d.inverter_efficiency_pct})")
    one.add_argument("--mounting", choices=("roof", "open-rack"), default="roof",
                     help="roof mount (default) or open rack")
    one.add_argument("--json", action="store_true", help="print JSON")

    many = commands.add_parser("campuses", help="rooftop PV of every surveyed campus / "
                               "各校园屋顶光伏")
    many.add_argument("--db", required=True, help="survey store (DuckDB file)")
    many.add_argument("--weather", help="weather file; default the built-in Shanghai year")
    out = many.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON records")
    out.add_argument("--csv", metavar="OUT", help="write a CSV file (UTF-8 with BOM)")
    return parser


def _weather(parser, path):
    """Weather year and source from a file, or the built-in year."""
    from energy.pv.weather import builtin_shanghai, read_weather

    if not path:
        return builtin_shanghai()
    try:
        return read_weather(path)
    except (ValueError, OSError) as exc:  # WeatherFileError is a ValueError
        parser.error(f"--weather: {exc}")


def _yield(parser, args) -> int:
    from energy.pv.yield_ import cswd_applies, system_yield

    assumptions = dataclasses.replace(
        DEFAULT_ASSUMPTIONS, losses_pct=args.losses, dc_ac_ratio=args.dc_ac_ratio,
        inverter_efficiency_pct=args.inverter_efficiency,
        mounting=args.mounting.replace("-", "_"))
    weather, source = _weather(parser, args.weather)
    result = system_yield(weather, args.lat, args.lon, args.kwp, args.tilt, args.azimuth,
                          source.altitude_m, assumptions,
                          low_case=cswd_applies(source.latitude, source.longitude))
    report = {
        "annual_kwh": round(result["annual_kwh"], 3),
        "annual_low_kwh": (None if result["annual_low_kwh"] is None
                           else round(result["annual_low_kwh"], 3)),
        "specific_yield_kwh_per_kwp": round(result["specific_yield_kwh_per_kwp"], 3),
        "monthly_kwh": [round(v, 3) for v in result["monthly_kwh"]],
        "weather_source": source.label(),
        "inputs": {"lat": args.lat, "lon": args.lon, "kwp": args.kwp, "tilt": args.tilt,
                   "azimuth": args.azimuth, "losses_pct": args.losses,
                   "dc_ac_ratio": args.dc_ac_ratio,
                   "inverter_efficiency_pct": args.inverter_efficiency,
                   "mounting": assumptions.mounting},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    low = report["annual_low_kwh"]
    low_text = f" (low 低值 {low:,.0f} kWh, CSWD)" if low is not None else ""
    print(f"年发电量 Annual AC energy: {report['annual_kwh']:,.0f} kWh{low_text}")
    print(f"单位发电量 Specific yield: {report['specific_yield_kwh_per_kwp']:,.0f} kWh/kWp")
    months = " ".join(f"{v:,.0f}" for v in report["monthly_kwh"])
    print(f"逐月 Monthly kWh: {months}")
    print(report["weather_source"])
    return 0


def _spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as formulas with ``'`` (also after
    leading whitespace; see :mod:`sheets.export_safety`)."""
    from sheets.export_safety import neutralise_frame

    return neutralise_frame(frame)


def _campuses(parser, args) -> int:
    from pathlib import Path

    from energy.pv.portfolio import aggregate, estimate_buildings

    if not Path(args.db).is_file():
        parser.error(f"--db: no such file: {args.db}")
    try:
        from surveys.store import load_current_buildings
    except ImportError as exc:
        print(f"{PROG}: error: the survey store is not available ({exc})", file=sys.stderr)
        return 1
    buildings = load_current_buildings(args.db)
    weather, source = _weather(parser, args.weather)
    results = estimate_buildings(buildings, weather, source)
    campuses = aggregate(results, by=("school_code",))
    campuses = campuses[[c for c in CAMPUS_COLUMNS if c in campuses]].round(3)
    if args.csv:
        _spreadsheet_safe(campuses).to_csv(args.csv, index=False, encoding="utf-8-sig")
        print(f"{len(campuses)} campuses → {args.csv}", file=sys.stderr)
    elif args.json:
        records = json.loads(campuses.to_json(orient="records", force_ascii=False))
        print(json.dumps({"weather_source": source.label(), "campuses": records},
                         ensure_ascii=False))
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            print(campuses.to_string(index=False))
        print(source.label())
    return 0


def main(argv=None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "yield":
            return _yield(parser, args)
        return _campuses(parser, args)
    except BrokenPipeError:  # output piped into e.g. ``head``
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
