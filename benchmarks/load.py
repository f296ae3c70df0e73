"""Deadline day on one machine: many schools upload while the committee browses, against one
real ``streamlit run dashboard/server.py``.

Seeds a temporary database with the command line (``python -m surveys demo``, ``account add``,
``code issue`` for every simulated school), starts the dashboard as ``make run`` does and
drives it with the protocol client (tests/streamlit_client.py: websocket and HTTP, no
browser), through the visible UI only (labels from :mod:`dashboard.i18n`):

1. baseline, one user alone (after a warm-up): a school enters its code, uploads its sheet and
   submits; a committee member signs in and opens overview, PV, completeness and subsidy;
2. deadline: ``--schools-uploading`` schools (default 40) each upload their own sheet while
   ``--committee`` members (default 10) switch pages, all at once; one school sends the same
   file again and must be told it is a duplicate;
3. steps: ``--steps`` users at once (default 5, 10, 25, 50, 100; four in five schools
   re-sending their sheet, one in five committee members), until the p95 of a page view or of
   a school's code, upload or submit passes ``--slo`` seconds, or anything fails.

Printed: p50/p95/max per action and the ratio to the baseline, the server's peak RSS (the
server and its child processes, RSS summed) and CPU, how often the city-wide PV estimate was
computed, and at the end, read from the stopped server's database: exactly one submission per
uploading school, none lost or doubled. The client runs on the same cores as the server; its
own CPU is printed beside the server's.

Run: ``.venv/bin/python benchmarks/load.py [--quick] [--demo-schools 100] [--steps 5,10,25]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np
import psutil

REPO = Path(__file__).resolve().parents[1]
# the websocket client lives with the tests (tests/ is not part of the installed package)
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from dashboard.i18n import STRINGS, t  # noqa: E402
from tests.streamlit_client import Client, serve  # noqa: E402

PASSWORD = "load-test-password-0123"
CODE_PATTERN = re.compile(r"\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}\b")
COMMITTEE_PAGES = ("overview", "pv", "completeness", "subsidy")
# What a step's p95 is judged on: page views and a school's way from code to stored sheet.
# Signing in (a deliberately slow password hash, once a day) is printed but not judged.
SLO_ACTIONS = ("page", "code", "upload", "submit")
BUILDING = {"building_use": "教学", "year_built": 2005, "floors_above_ground": 5,
            "roof_type": "混凝土平屋面", "shading": "无", "roof_condition": "良好",
            "existing_pv_kw": 0.0}


def zh(key: str) -> str:
    """A UI string in Chinese up to its first placeholder (``已提交！提交编号：``)."""
    return STRINGS[key][0].split("{")[0]


# --- seeding ------------------------------------------------------------------------------

@dataclasses.dataclass
class School:
    code: str
    upload_code: str
    sheet: bytes


@dataclasses.dataclass
class Seeded:
    db: Path
    accounts: Path
    schools: list[School]      # the deadline's schools
    baseline: School           # the one that uploads alone
    members: list[str]


def school_code(i: int) -> str:
    return f"31011597{i:02d}"


def sheet(i: int) -> bytes:
    """A valid survey sheet of school ``i``: one to three buildings."""
    from surveys.template import write_template

    school = {"school_code": school_code(i), "school_name": f"上海市浦东新区负载测试第{i}中学",
              "district": "浦东新区", "school_type": "中小学", "latitude": 31.20 + i * 1e-3,
              "longitude": 121.50 + i * 1e-3, "coord_system": "WGS84",
              "annual_electricity_kwh": 1.0e6 + i * 1e3, "contact": "王老师 021-00000000"}
    buildings = [{**BUILDING, "building_name": f"{j + 1}号楼", "gross_floor_area_m2": 5000.0 + i,
                  "roof_area_m2": 1000.0 + 10 * j} for j in range(1 + i % 3)]
    out = io.BytesIO()
    write_template(out, school=school, buildings=buildings)
    return out.getvalue()


def cli(env: dict, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "surveys", *args], cwd=REPO, env=env,
                          input=stdin, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"python -m surveys {' '.join(args)}: {done.stdout}{done.stderr}")
    return done.stdout


def seed(folder: Path, demo_schools: int, n_uploading: int, n_members: int) -> Seeded:
    db, accounts = folder / "campus_energy.duckdb", folder / "accounts.json"
    env = {**os.environ, "CAMPUS_ENERGY_DB": str(db), "CAMPUS_ENERGY_ACCOUNTS": str(accounts)}
    cli(env, "demo", "--db", str(db), "--schools", str(demo_schools))
    members = [f"committee{k:02d}" for k in range(n_members)]
    for name in members:
        cli(env, "account", "add", name, "--password-stdin", stdin=PASSWORD + "\n")
    def issue(i: int) -> School:  # two at a time: a writer waits for the other's lock
        issued = cli(env, "code", "issue", "--school", school_code(i), "--db", str(db))
        return School(school_code(i), CODE_PATTERN.findall(issued)[-1], sheet(i))

    with ThreadPoolExecutor(2) as pool:
        schools = list(pool.map(issue, range(n_uploading + 1)))
    return Seeded(db, accounts, schools[:-1], schools[-1], members)


def database_counts(db: Path, codes: list[str]) -> dict:
    """Read-only counts of what the schools' uploads left in the database."""
    with duckdb.connect(str(db), read_only=True) as con:
        per_school = dict(con.execute(
            "SELECT school_code, count(*) FROM submissions WHERE school_code IN "
            f"({', '.join('?' * len(codes))}) GROUP BY 1", codes).fetchall())
        uploads = con.execute("SELECT count(*) FROM uploads WHERE NOT is_demo").fetchone()[0]
        submissions = con.execute(
            "SELECT count(*) FROM submissions WHERE NOT is_demo").fetchone()[0]
        doubled = con.execute("SELECT count(*) FROM (SELECT sha256 FROM uploads GROUP BY 1 "
                              "HAVING count(*) > 1)").fetchone()[0]
    return {"per_school": per_school, "uploads": uploads, "submissions": submissions,
            "doubled_files": doubled}


# --- measuring ----------------------------------------------------------------------------

@dataclasses.dataclass
class Recorder:
    """Seconds per action and every failure, of one phase."""

    seconds: dict[str, list[float]] = dataclasses.field(default_factory=dict)
    failures: list[str] = dataclasses.field(default_factory=list)

    def add(self, action: str, seconds: float) -> None:
        self.seconds.setdefault(action, []).append(seconds)

    def p(self, action: str, q: float) -> float:
        values = self.seconds.get(action, [])
        return float(np.percentile(values, q)) if values else float("nan")


class Sampler(threading.Thread):
    """Samples the server's RSS (itself and its children, summed) every ``every_s`` [s]."""

    def __init__(self, pid: int, every_s: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.server = psutil.Process(pid)
        self.every_s = every_s
        self.peak_rss = self.peak_own_rss = 0
        self.stopped = threading.Event()

    def processes(self) -> list[psutil.Process]:
        return [self.server, *self.server.children(recursive=True)]

    def cpu_seconds(self) -> float:
        """CPU time [s] of the server, its live children and every child it has reaped."""
        total = 0.0
        for process in self.processes():
            try:
                c = process.cpu_times()
                total += c.user + c.system + c.children_user + c.children_system
            except psutil.Error:  # a worker that just finished
                pass
        return total

    def run(self) -> None:
        while not self.stopped.wait(self.every_s):
            rss = 0
            for process in self.processes():
                with contextlib.suppress(psutil.Error):  # a worker that just finished
                    rss += process.memory_info().rss
            self.peak_rss = max(self.peak_rss, rss)
            with contextlib.suppress(psutil.Error):
                self.peak_own_rss = max(self.peak_own_rss, self.server.memory_info().rss)


class Failed(Exception):
    pass


def expect(page, fragment: str, what: str):
    if page.exceptions or not page.has_text(fragment):
        raise Failed(f"{what}: expected {fragment!r}, got {page.texts()[-4:]}")
    return page


async def timed(rec: Recorder, action: str, step):
    start = time.perf_counter()
    result = await step
    rec.add(action, time.perf_counter() - start)
    return result


async def school_visit(url: str, school: School, rec: Recorder, outcome: str = "submitted",
                       resend: bool = False, submit: bool = True) -> None:
    """Open the upload page, enter the code, upload the sheet, submit (and maybe again)."""
    async with Client(url) as tab:
        await timed(rec, "page", tab.run("upload"))
        await tab.fill(t("upload_code", "zh"), school.upload_code)
        expect(await timed(rec, "code", tab.click(t("check_code", "zh"))), zh("code_ok"), "code")
        expect(await timed(rec, "upload", tab.upload(t("upload_label", "zh"), f"{school.code}.xlsx",
                                                     school.sheet)), zh("all_good"), "check")
        if not submit:
            return
        expect(await timed(rec, "submit", tab.click(t("submit", "zh"))), zh(outcome), "submit")
        if resend:  # the same file once more, through the uploader again
            expect(await timed(rec, "upload", tab.upload(
                t("upload_label", "zh"), f"{school.code}.xlsx", school.sheet)), zh("all_good"),
                "check again")
            expect(await timed(rec, "submit", tab.click(t("submit", "zh"))), zh("duplicate"),
                   "resend")


async def committee_visit(url: str, member: str, rec: Recorder, rounds: int = 1) -> None:
    """Sign in, then open overview, PV, completeness and subsidy ``rounds`` times."""
    async with Client(url) as tab:
        await timed(rec, "page", tab.run(""))
        await tab.fill(t("user_name", "zh"), member)
        await tab.fill(t("password", "zh"), PASSWORD)
        expect(await timed(rec, "sign_in", tab.click(t("sign_in", "zh"))),
               zh("overview_title"), "sign in")
        for _ in range(rounds):
            for path in COMMITTEE_PAGES:
                page = await timed(rec, "page", tab.run(path))
                if page.exceptions or not page.of("heading") or page.has_text(
                        zh("committee_only")):
                    raise Failed(f"/{path}: {page.texts()[:3]}")


async def guarded(rec: Recorder, who: str, visit) -> None:
    try:
        await visit
    except Exception as error:  # every failure is counted, none stops the others
        rec.failures.append(f"{who}: {type(error).__name__}: {str(error)[:200]}")


# --- phases -------------------------------------------------------------------------------

async def baseline(url: str, seeded: Seeded) -> Recorder:
    """One user alone, after a warm-up visit of each kind (worker process, caches)."""
    warm, rec = Recorder(), Recorder()
    await guarded(warm, "warm-up school", school_visit(url, seeded.baseline, warm, submit=False))
    await guarded(warm, "warm-up committee", committee_visit(url, seeded.members[0], warm))
    await guarded(rec, "baseline school", school_visit(url, seeded.baseline, rec))
    # the new submission changes the data: the next visit computes the PV estimate again
    await guarded(warm, "warm-up committee", committee_visit(url, seeded.members[0], warm))
    await guarded(rec, "baseline committee", committee_visit(url, seeded.members[0], rec))
    rec.failures += warm.failures
    return rec


async def deadline(url: str, seeded: Seeded, rounds: int) -> Recorder:
    rec = Recorder()
    visits = [guarded(rec, f"school {s.code}", school_visit(url, s, rec, resend=(i == 0)))
              for i, s in enumerate(seeded.schools)]
    visits += [guarded(rec, m, committee_visit(url, m, rec, rounds)) for m in seeded.members]
    await asyncio.gather(*visits)
    return rec


async def step(url: str, seeded: Seeded, users: int) -> Recorder:
    """``users`` at once: four in five schools re-sending their sheet (a duplicate), one in
    five committee members opening the four pages."""
    rec = Recorder()
    visits = []
    for k in range(users):
        if k % 5 == 4:
            member = seeded.members[k % len(seeded.members)]
            visits.append(guarded(rec, member, committee_visit(url, member, rec)))
        else:
            school = seeded.schools[k % len(seeded.schools)]
            visits.append(guarded(rec, f"school {school.code}",
                                  school_visit(url, school, rec, outcome="duplicate")))
    await asyncio.gather(*visits)
    return rec


# --- report -------------------------------------------------------------------------------

def measured(phase, sampler: Sampler) -> tuple[object, float, float, float]:
    """Run ``phase``; return its result, wall time, server CPU and this process's CPU [s]."""
    own, cpu, start = time.process_time(), sampler.cpu_seconds(), time.perf_counter()
    result = asyncio.run(phase)
    return (result, time.perf_counter() - start, sampler.cpu_seconds() - cpu,
            time.process_time() - own)


def print_actions(rec: Recorder, base: Recorder | None) -> None:
    print(f"  {'action':<8} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7}"
          + ("   p50 and p95 / alone (p50)" if base else ""))
    for action in ("page", "sign_in", "code", "upload", "submit"):
        values = rec.seconds.get(action)
        if not values:
            continue
        line = (f"  {action:<8} {len(values):>4} {rec.p(action, 50):>7.2f} "
                f"{rec.p(action, 95):>7.2f} {max(values):>7.2f}")
        if base and base.seconds.get(action):
            line += (f"  {rec.p(action, 50) / base.p(action, 50):>8.1f}x "
                     f"{rec.p(action, 95) / base.p(action, 50):>8.1f}x")
        print(line)


def print_resources(wall: float, cpu: float, own: float, sampler: Sampler) -> None:
    cores = psutil.cpu_count() or 1
    print(f"  wall {wall:.1f} s; server CPU {cpu:.1f} s ({cpu / wall / cores:.0%} of "
          f"{cores} cores), client CPU {own:.1f} s; server peak RSS "
          f"{sampler.peak_rss / 2**20:,.0f} MiB with children "
          f"({sampler.peak_own_rss / 2**20:,.0f} MiB main process)")


def pv_computations(log: Path) -> list[float]:
    if not log.exists():
        return []
    return [float(line.split()[1]) for line in log.read_text("utf-8").splitlines()]


def print_failures(rec: Recorder) -> None:
    print(f"  failures: {len(rec.failures)}")
    for failure in rec.failures[:8]:
        print(f"    {failure}")


# --- main ---------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="30 demo schools, 10 uploading, 3 committee, steps 5,10,25")
    parser.add_argument("--demo-schools", type=int, default=100)
    parser.add_argument("--schools-uploading", type=int, default=40)
    parser.add_argument("--committee", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2,
                        help="times each committee member opens the four pages")
    parser.add_argument("--steps", default="5,10,25,50,100")
    parser.add_argument("--slo", type=float, default=5.0, help="p95 limit of a step [s]")
    parser.add_argument("--all-steps", action="store_true",
                        help="go on stepping after the server saturates")
    parser.add_argument("--keep", type=Path,
                        help="work in this (new) folder and keep it: database, server log")
    args = parser.parse_args(argv)
    if args.quick:
        args.demo_schools, args.schools_uploading, args.committee = 30, 10, 3
        args.rounds, args.steps = 1, "5,10,25"
    args.steps = [int(n) for n in args.steps.split(",")]
    return args


def run_load(args: argparse.Namespace, folder: Path) -> bool:
    start = time.perf_counter()
    seeded = seed(folder, args.demo_schools, args.schools_uploading, args.committee)
    codes = [s.code for s in [*seeded.schools, seeded.baseline]]
    before = database_counts(seeded.db, codes)
    print(f"seeded {args.demo_schools} demo schools, {len(seeded.members)} committee accounts, "
          f"{len(codes)} upload codes in {time.perf_counter() - start:.0f} s")
    pv_log = folder / "pv.log"
    env = {"CAMPUS_ENERGY_DB": str(seeded.db), "CAMPUS_ENERGY_ACCOUNTS": str(seeded.accounts),
           "CAMPUS_ENERGY_PV_LOG": str(pv_log)}
    with serve(env, folder / "streamlit.log") as served:
        sampler = Sampler(served.process.pid)
        sampler.start()
        base, *usage = measured(baseline(served.url, seeded), sampler)
        print("\nbaseline: one user alone")
        print_actions(base, None)
        print_failures(base)

        sampler.peak_rss = sampler.peak_own_rss = 0
        n_pv = len(pv_computations(pv_log))
        rec, *usage = measured(deadline(served.url, seeded, args.rounds), sampler)
        print(f"\ndeadline: {len(seeded.schools)} schools uploading (one sends its file twice) "
              f"+ {len(seeded.members)} committee members x {args.rounds} rounds, all at once")
        print_actions(rec, base)
        print_resources(*usage, sampler)
        pv = pv_computations(pv_log)[n_pv:]
        print(f"  PV estimate computed {len(pv)} times (data changed by the uploads), "
              f"{sum(pv):.1f} s in all")
        print_failures(rec)
        ok = not rec.failures and not base.failures

        print(f"\nsteps: users at once (4/5 schools re-sending, 1/5 committee); saturated "
              f"when the p95 of {', '.join(SLO_ACTIONS)} passes {args.slo:g} s or anything fails")
        print(f"  {'users':>5} {'page p50':>9} {'p95':>6} {'upload p50':>11} {'p95':>6} "
              f"{'p95 of sign_in':>15} {'code':>5} {'submit':>6} {'fail':>5} {'wall s':>7} "
              f"{'CPU':>5} {'RSS MiB':>8}")
        saturated = None
        for users in args.steps:
            sampler.peak_rss = 0
            srec, wall, cpu, _ = measured(step(served.url, seeded, users), sampler)
            print(f"  {users:>5} {srec.p('page', 50):>9.2f} {srec.p('page', 95):>6.2f} "
                  f"{srec.p('upload', 50):>11.2f} {srec.p('upload', 95):>6.2f} "
                  f"{srec.p('sign_in', 95):>15.2f} {srec.p('code', 95):>5.2f} "
                  f"{srec.p('submit', 95):>6.2f} {len(srec.failures):>5} {wall:>7.1f} "
                  f"{cpu / wall / (psutil.cpu_count() or 1):>5.0%} "
                  f"{sampler.peak_rss / 2**20:>8,.0f}")
            for failure in srec.failures[:3]:
                print(f"        {failure}")
            judged = [a for a in SLO_ACTIONS if a in srec.seconds]
            worst = max(judged, key=lambda action: srec.p(action, 95), default="")
            slow = bool(worst) and srec.p(worst, 95) > args.slo
            if saturated is None and (srec.failures or slow):
                saturated = (f"at {users} users at once: {len(srec.failures)} failures, "
                             f"p95 of {worst} {srec.p(worst, 95):.1f} s")
                if not args.all_steps:
                    break
        sampler.stopped.set()
        print(f"  saturation (p95 limit {args.slo:g} s): {saturated or 'not reached'}")
        print_server_errors(served.log)
    return check_database(seeded, codes, before) and ok


def print_server_errors(log: Path) -> None:
    """The last lines of each traceback in the server's log (what the users were not shown)."""
    lines = log.read_text("utf-8", errors="replace").splitlines()
    errors = [i for i, line in enumerate(lines) if line.startswith("Traceback")]
    if errors:
        print(f"\nserver log: {len(errors)} tracebacks; the last one ends:")
        end = next((j for j in range(errors[-1] + 1, len(lines))
                    if lines[j] and not lines[j].startswith((" ", "Traceback"))), len(lines) - 1)
        print("\n".join(f"  {line}" for line in lines[max(errors[-1], end - 6):end + 1]))


def check_database(seeded: Seeded, codes: list[str], before: dict) -> bool:
    after = database_counts(seeded.db, codes)
    new = after["submissions"] - before["submissions"]
    uploads = after["uploads"] - before["uploads"]
    wrong = {c: n for c, n in after["per_school"].items() if n != 1}
    missing = [c for c in codes if c not in after["per_school"]]
    expected = len(codes)
    ok = new == uploads == expected and not wrong and not missing and not after["doubled_files"]
    print(f"\ndatabase (read-only, after the server stopped): {new} new submissions and "
          f"{uploads} new uploads, expected {expected} ({len(seeded.schools)} deadline + 1 "
          f"baseline school); schools without / with more than one submission: "
          f"{len(missing)} / {len(wrong)}; files stored twice: {after['doubled_files']} "
          f"-> {'OK' if ok else 'LOST OR DUPLICATED DATA'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"load benchmark: {psutil.cpu_count()} cores, {args.demo_schools} demo schools")
    if args.keep:
        args.keep.mkdir(parents=True)
        ok = run_load(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="campus-load-") as folder:
            ok = run_load(args, Path(folder))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
