"""A real SIGKILL in the middle of a large import: afterwards all of the file or none of it.

A child process holds the database, imports a small sheet, then a flat sheet of 20,000
buildings. The parent kills it with SIGKILL at several moments: while the sheet is being
validated (after half the CPU time the check takes), right after ``BEGIN``, a few milliseconds
into the inserts, and after the inserts while ``COMMIT`` and the snapshot copy run. The child
reports each phase on stdout (its ``transaction`` is wrapped to print, the storage itself is
the real one). Afterwards the database must open, hold the small sheet and either every one of
the 20,000 buildings or none, with no orphan rows; importing the big sheet again must work;
the published snapshot, when present, must open read-only and be consistent.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from core.config import PROJECT_ROOT
from surveys.intake import check_bytes
from surveys.store import DUPLICATE, STORED, SurveyStore, snapshot_path
from tests.security.dbcheck import integrity
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

N_BIG = 20_000

CHILD = textwrap.dedent("""
    import contextlib, pickle, sys, time
    from pathlib import Path
    from surveys.store import SurveyStore
    db, big_path, small_path, checked_path = sys.argv[1:5]
    big, small = Path(big_path).read_bytes(), Path(small_path).read_bytes()
    checked = pickle.loads(Path(checked_path).read_bytes()) if checked_path != "-" else None
    store = SurveyStore(db)
    assert store.import_bytes(small, "small.xlsx").status in ("stored", "duplicate")
    real = store.transaction

    @contextlib.contextmanager
    def traced():
        with real() as cur:
            print("begin", flush=True)
            yield cur
            print("commit", flush=True)   # the COMMIT itself runs right after this
        print("published", flush=True)

    store.transaction = traced
    print("importing", time.monotonic(), flush=True)
    started = time.perf_counter()
    result = store.import_bytes(big, "big.xlsx", checked=checked)
    print("done", result.status, time.perf_counter() - started, flush=True)
    store.close()
""")


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    """The big flat sheet (benchmarks/intake.py), its check result, and a small sheet."""
    spec = importlib.util.spec_from_file_location("intake_benchmark",
                                                  PROJECT_ROOT / "benchmarks" / "intake.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    folder = tmp_path_factory.mktemp("crash")
    big = benchmark.make_sheet(N_BIG)
    started = time.process_time()
    checked = check_bytes(big, "big.xlsx")
    check_cpu_s = time.process_time() - started
    assert checked.ok, checked.report.to_text()
    assert len(checked.buildings) == N_BIG
    checked.parsed = None  # the cell grid is not needed to store (and is large to pickle)
    paths = {"big": folder / "big.xlsx", "small": folder / "small.xlsx",
             "checked": folder / "checked.pickle"}
    paths["big"].write_bytes(big)
    paths["small"].write_bytes(template_prefilled(SCHOOL, BUILDINGS))
    paths["checked"].write_bytes(pickle.dumps(checked))
    return paths, check_cpu_s


def _run_and_kill(db: Path, paths: dict, prechecked: bool, wait_for: str,
                  delay: float) -> list[str]:
    """Start the child, wait for the line ``wait_for``, sleep ``delay`` s, SIGKILL it.

    Returns the lines the child printed (its phases).
    """
    args = [sys.executable, "-c", CHILD, str(db), str(paths["big"]), str(paths["small"]),
            str(paths["checked"]) if prechecked else "-"]
    child = subprocess.Popen(args, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, bufsize=1)
    lines: list[str] = []
    try:
        while True:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"child ended before {wait_for!r}: {child.stderr.read()}")
            lines.append(line.strip())
            if line.startswith(wait_for):
                break
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    lines += [line.strip() for line in child.stdout.read().splitlines()]
    assert child.returncode == -signal.SIGKILL, (child.returncode, lines, child.stderr.read())
    return lines


def _assert_all_or_nothing(db: Path, paths: dict) -> int:
    """The database after a crash: opens, the small sheet kept, the big one whole or absent,
    and a re-import works. Returns the big sheet's buildings found right after the crash."""
    small_n = len(BUILDINGS)
    snap = snapshot_path(db)
    if snap.exists():
        with SurveyStore(snap, read_only=True) as reader:
            assert all(v == 0 for v in integrity(reader.con).values()), integrity(reader.con)
            assert reader.counts()["buildings"] in (small_n, small_n + N_BIG)
    with SurveyStore(db) as store:
        counts = store.counts()
        assert all(v == 0 for v in integrity(store).values()), integrity(store)
        assert counts["buildings"] in (small_n, small_n + N_BIG), counts
        found = counts["buildings"] - small_n
        assert counts["uploads"] == (1 if found == 0 else 2), counts
        assert store.history()["school_code"].str.fullmatch(SCHOOL["school_code"]).sum() == 1
        checked = pickle.loads(paths["checked"].read_bytes())
        again = store.import_bytes(paths["big"].read_bytes(), "big.xlsx", checked=checked)
        assert again.status == (STORED if found == 0 else DUPLICATE)
        assert store.counts()["buildings"] == small_n + N_BIG
        assert all(v == 0 for v in integrity(store).values())
        name, content = store.original_upload(again.upload_id)
        assert content == paths["big"].read_bytes()
    with SurveyStore(snap, read_only=True) as reader:  # republished after the re-import
        assert reader.counts()["buildings"] == small_n + N_BIG
    return found


# (label, pre-checked, line to wait for, delay after it [s]); the first delay is set from the
# check's CPU time: the child's check takes at least that long on the wall clock however loaded
# the machine is (wall time measured here would be shorter than the child's when the load drops).
KILLS = [
    ("while validating", False, "importing", None),
    ("right after BEGIN", True, "begin", 0.0),
    ("during the inserts", True, "begin", 0.015),
    ("late in the transaction", True, "begin", 0.04),
    ("at COMMIT", True, "commit", 0.0),
    ("while publishing the snapshot", True, "commit", 0.06),
]


@pytest.mark.slow
def test_sigkill_mid_import_leaves_all_or_nothing(sheets, tmp_path):
    paths, check_cpu_s = sheets
    outcomes = []
    for i, (label, prechecked, wait_for, delay) in enumerate(KILLS):
        db = tmp_path / f"crash{i}.duckdb"
        if delay is None:
            delay = 0.5 * check_cpu_s
        lines = _run_and_kill(db, paths, prechecked, wait_for, delay)
        phase = next((p for p in ("done", "published", "commit", "begin", "importing")
                      if any(line.startswith(p) for line in lines)), "start")
        leftovers = sorted(p.name for p in tmp_path.glob(f".crash{i}.*.tmp*"))
        found = _assert_all_or_nothing(db, paths)
        # reopening removed the half-copied snapshot a kill may leave behind
        assert not list(tmp_path.glob(f".crash{i}.*.tmp*")), leftovers
        outcomes.append((label, phase, found, leftovers))
    # the kills really landed where they were meant to: one inside the open transaction
    # (after BEGIN, before the commit line) and nothing stored by it
    inside = [o for o in outcomes if o[1] == "begin"]
    assert inside and all(o[2] == 0 for o in inside), outcomes
    validating = outcomes[0]
    assert validating[1] == "importing" and validating[2] == 0, outcomes
    print("\n".join(f"{label}: last phase {phase}, big sheet buildings after the crash "
                    f"{found}, partial snapshot files left {left}"
                    for label, phase, found, left in outcomes))

