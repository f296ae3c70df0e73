"""Dashboard benchmark: how long the committee waits, on the full demo database.

Seeds the demo (300 schools, about 6,000 buildings; in a subprocess, so this process starts as
clean as a freshly started server) into a temporary DuckDB file, then times with Streamlit's
``AppTest`` (a script run without a browser: no network or drawing in the figures):

(a) the first page (overview) from a cold start: ``app.py`` as a signed-in committee member,
    its modules not yet imported and Streamlit's caches empty (target < 3 s);
(b) a filter change on the overview (district multiselect; target < 1 s);
(c) the PV page recalculating the whole city after the module power density is changed in the
    assumptions form (target < 5 s).

Baselines measured in the same run: a bare ``AppTest`` run of a one-line page (the harness
itself), and the bare :func:`energy.pv.estimate_buildings` on the same buildings; the ratios
against them are printed. Every figure is the median of ``--repeat`` runs; each cold start
runs in a fresh process.

Run: ``.venv/bin/python benchmarks/dashboard.py [--schools 300] [--repeat 3] [--db FILE]``
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TARGETS_S = {"a": 3.0, "b": 1.0, "c": 5.0}
DENSITY_KEY = "a_module_power_density_w_m2"
TIMEOUT_S = 120
SEED = """
import sys
from surveys.demo import seed_demo
summary = seed_demo(sys.argv[1], n_schools=int(sys.argv[2]), progress=None)
print(summary["schools"], summary["buildings"])
"""


def trivial_page() -> None:
    import streamlit as st

    st.title("baseline")


def pv_page_script() -> None:
    """The PV page as the signed-in committee sees it (the session's language is Chinese)."""
    import streamlit as st

    from dashboard import pv_page

    st.session_state["lang"] = "zh"
    st.session_state["committee_user"] = "benchmark"
    pv_page.render()


def seed(path: Path, n_schools: int) -> tuple[int, int, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SEED, str(path), str(n_schools)], cwd=REPO,
                          check=True, capture_output=True, text=True)
    schools, buildings = (int(v) for v in done.stdout.split())
    return schools, buildings, time.perf_counter() - start


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def check(app, what: str) -> None:
    if app.exception:
        raise SystemExit(f"{what}: the page raised {app.exception[0].value}")


def metric(app, label: str) -> float:
    value = next(m.value for m in app.metric if m.label == label)
    return float(value.replace(",", "").split("–")[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--db", type=Path, help="an already seeded database (skips seeding)")
    parser.add_argument("--cold-once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_once:  # one fresh process measuring (a) for the parent: print the seconds
        os.environ["CAMPUS_ENERGY_DB"] = str(args.db)
        print(cold_start()[0])
        return

    with tempfile.TemporaryDirectory(prefix="campus-bench-") as folder:
        if args.db is None:
            path = Path(folder) / "demo.duckdb"
            n_schools, n_buildings, seed_s = seed(path, args.schools)
            print(f"演示数据 demo: {n_schools} schools, {n_buildings:,} buildings "
                  f"(seeded in {seed_s:.1f} s, not timed below)")
        else:
            path = args.db
            print(f"database: {path}")
        os.environ["CAMPUS_ENERGY_DB"] = str(path)
        run(path, args.repeat)


def harness():
    """AppTest, loaded and warmed up on a one-line page: what a running server has loaded
    before its first visitor is streamlit itself, not the dashboard."""
    from streamlit.testing.v1 import AppTest

    # AppTest's harness calls outside a script run warn "missing ScriptRunContext" (harmless)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    AppTest.from_function(trivial_page).run()
    return AppTest


def cold_start():
    """(a) in this process: app.py's first run imports the dashboard, plotly and pvlib, opens
    the store, estimates every building and draws the overview. Returns (seconds, app)."""
    app_test = harness()
    app = app_test.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT_S)
    app.session_state["committee_user"] = "benchmark"
    seconds, _ = timed(app.run)
    check(app, "overview")
    if not app.multiselect:
        raise SystemExit("the overview did not render: is the committee sign-in still "
                         "session_state['committee_user']?")
    return seconds, app


def cold_in_fresh_process(path: Path) -> float:
    done = subprocess.run([sys.executable, __file__, "--cold-once", "--db", str(path)],
                          cwd=REPO, check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])


def run(path: Path, repeat: int) -> None:
    rows: list[tuple[str, str, float, str]] = []  # (key, label, seconds, ratio note)

    # (a) cold start: in fresh processes (before this one opens the database: DuckDB lets one
    # process at a time hold the file), then this process's own first run
    colds = [cold_in_fresh_process(path) for _ in range(repeat - 1)]
    cold_s, app = cold_start()
    colds.append(cold_s)
    cold_s = statistics.median(colds)
    buildings_all = metric(app, "建筑数")

    # baseline 1: the AppTest harness on a one-line page
    from streamlit.testing.v1 import AppTest

    bare = []
    for _ in range(repeat):
        seconds, _app = timed(lambda: AppTest.from_function(trivial_page).run())
        bare.append(seconds)
    bare_s = statistics.median(bare)

    rows.append(("a", "overview, cold start (first run, empty caches)", cold_s,
                 f"{cold_s / bare_s:,.0f}× bare AppTest"))

    # for comparison: a second visitor (new session, modules imported, caches warm)
    warm = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT_S)
    warm.session_state["committee_user"] = "benchmark"
    warm_s, _ = timed(warm.run)
    check(warm, "overview (warm)")

    # (b) filter change on the overview: districts in turn, each a fresh selection
    filters = []
    for district in ["浦东新区", "闵行区", "宝山区", "徐汇区", "松江区"][:repeat]:
        seconds, _ = timed(lambda d=district: app.multiselect[0].set_value([d]).run())
        check(app, "overview filter")
        if not metric(app, "建筑数") < buildings_all:
            raise SystemExit("the district filter did not reduce the building count")
        filters.append(seconds)
    filter_s = statistics.median(filters)
    rows.append(("b", "overview, district filter change", filter_s,
                 f"{filter_s / bare_s:,.1f}× bare AppTest"))

    # (c) PV page: change the module power density, recalculate the city (a cache miss each),
    # alternating with baseline 2, the bare PV estimate on the same buildings and the same
    # change (so a busy machine slows both alike)
    import dataclasses

    from energy.pv import PVAssumptions, estimate_buildings
    from energy.pv.weather import builtin_shanghai
    from surveys.store import SurveyStore

    pv = AppTest.from_function(pv_page_script, default_timeout=TIMEOUT_S).run()
    check(pv, "PV page")
    kwp_default = metric(pv, "容量（kWp）")
    with SurveyStore(path) as store:
        buildings = store.current_buildings()
    frame, source = builtin_shanghai()
    recalc, estimates = [], []
    for density in [105.0, 150.0, 180.0, 120.0, 160.0][:repeat]:
        field = next(n for n in pv.number_input if n.key == DENSITY_KEY)
        field.set_value(density)
        button = next(b for b in pv.button if b.label == "重新计算")
        seconds, _ = timed(lambda b=button: b.click().run())
        check(pv, "PV recalculation")
        expected = kwp_default * density / 210.0
        if abs(metric(pv, "容量（kWp）") - expected) > 0.02 * expected + 1:
            raise SystemExit(f"capacity did not follow the density {density} W/m²")
        recalc.append(seconds)
        assumptions = dataclasses.replace(PVAssumptions(), module_power_density_w_m2=density)
        seconds, _ = timed(lambda a=assumptions: estimate_buildings(buildings, frame, source, a))
        estimates.append(seconds)
    recalc_s, estimate_s = statistics.median(recalc), statistics.median(estimates)
    rows.append(("c", f"PV page, recalculate {len(buildings):,} buildings", recalc_s,
                 f"{recalc_s / estimate_s:,.1f}× bare estimate_buildings"))

    print(f"\nbaselines (median of {repeat})")
    print(f"  bare AppTest run of a one-line page        {bare_s:7.3f} s")
    print(f"  bare estimate_buildings, {len(buildings):,} buildings  {estimate_s:7.3f} s")
    print(f"  for comparison: overview, second visitor   {warm_s:7.3f} s (caches warm)")
    print(f"\n{'figure':<52}{'time':>9}  target  result  ratio")
    for key, label, seconds, ratio in rows:
        target = TARGETS_S[key]
        verdict = "PASS" if seconds < target else "MISS"
        print(f"({key}) {label:<48}{seconds:7.3f} s  < {target:.0f} s   {verdict}    {ratio}")
    print(f"medians of {repeat} runs; (a) runs in fresh processes "
          f"(min {min(colds):.2f} s, max {max(colds):.2f} s)")


if __name__ == "__main__":
    main()
