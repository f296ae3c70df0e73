"""Many schools upload at once against the one store the dashboard shares.

50 distinct sheets and several copies of the same bytes go through ``import_bytes`` from a
thread pool; at the same time threads read through the store's own methods and a separate
process reads the published snapshot. Nothing may be lost, stored twice, half-read or raise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.config import PROJECT_ROOT
from surveys.store import DUPLICATE, STORED, SurveyStore, snapshot_path
from tests.security.dbcheck import integrity
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

N_SCHOOLS = 50
N_SAME_BYTES = 6          # copies of one sheet released together by a barrier
N_LATE_DUPLICATES = 4     # copies of other sheets, interleaved with the rest
WORKERS = 12
N_READER_THREADS = 3


def _code(i: int) -> str:
    return f"3177{i:06d}"


def _sheets() -> tuple[list[bytes], dict[str, int]]:
    """50 sheets; school i has 1–3 buildings so that a torn read shows up as a wrong count."""
    sheets, expected = [], {}
    for i in range(N_SCHOOLS):
        buildings = BUILDINGS[: 1 + i % len(BUILDINGS)]
        school = dict(SCHOOL, school_code=_code(i), school_name=f"并发测试学校{i}")
        sheets.append(template_prefilled(school, buildings))
        expected[_code(i)] = len(buildings)
    return sheets, expected


SNAPSHOT_READER = textwrap.dedent("""
    import json, os, pathlib, sys, time
    from surveys.store import SurveyStore, snapshot_path
    from tests.security.dbcheck import integrity
    db, stop = sys.argv[1], pathlib.Path(sys.argv[2])
    snap = snapshot_path(db)
    reads, seen, problems, parent = 0, [], [], os.getppid()
    print("ready", flush=True)
    # until the writers are done however long they take (a loaded machine), or the test is gone
    while os.getppid() == parent:
        finished = stop.exists()
        if snap.exists():
            try:
                with SurveyStore(snap, read_only=True) as store:
                    bad = {k: v for k, v in integrity(store).items() if v}
                    counts = store.counts()
                    per_school = store.current_buildings().groupby("school_code").size()
            except Exception as exc:  # reported, the parent fails the test
                problems.append(f"{type(exc).__name__}: {exc}")
                break
            if bad:
                problems.append(f"inconsistent snapshot {bad}")
            if counts["uploads"] != counts["submissions"]:
                problems.append(f"counts {counts}")
            if seen and counts["submissions"] < seen[-1]:
                problems.append(f"went back from {seen[-1]} to {counts['submissions']}")
            seen.append(counts["submissions"])
            reads += 1
            if finished:   # read after the writers were done: the final snapshot
                break
        time.sleep(0.005)
    print(json.dumps({"reads": reads, "seen": sorted(set(seen)), "problems": problems}))
""")


def _reader_thread(store: SurveyStore, expected: dict[str, int], stop: threading.Event,
                   problems: list[str], reads: Counter) -> None:
    """Read through the store's methods until the writers finish; note anything wrong."""
    last = 0
    while True:
        finished = stop.is_set()
        try:
            counts = store.counts()
            per_school = store.current_buildings().groupby("school_code").size().to_dict()
            history = store.history()
            checks = integrity(store)
        except Exception as exc:  # every exception is a failure to report
            problems.append(f"reader raised {type(exc).__name__}: {exc}")
            return
        if counts["uploads"] != counts["submissions"]:
            problems.append(f"uploads and submissions differ: {counts}")
        if counts["submissions"] < last:
            problems.append(f"submissions went back from {last} to {counts['submissions']}")
        last = counts["submissions"]
        wrong = {code: n for code, n in per_school.items() if n != expected[code]}
        if wrong:
            problems.append(f"schools with a partial set of buildings: {wrong}")
        bad_n = history[history["n_buildings"] != history["school_code"].map(expected)]
        if len(bad_n) or history["submission_id"].duplicated().any():
            problems.append(f"history inconsistent: {bad_n.to_dict('records')}")
        if any(checks.values()):
            problems.append(f"integrity {checks}")
        reads[threading.get_ident()] += 1
        if finished:
            return


@pytest.mark.slow
def test_parallel_uploads_store_everything_once_and_readers_stay_consistent(tmp_path):
    sheets, expected = _sheets()
    same = sheets[0]
    late = [sheets[k] for k in (7, 19, 33, 48)][:N_LATE_DUPLICATES]
    db = tmp_path / "shared.duckdb"
    stop_file = tmp_path / "writers-done"
    store = SurveyStore(db)
    process = subprocess.Popen(
        [sys.executable, "-c", SNAPSHOT_READER, str(db), str(stop_file)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        barrier = threading.Barrier(N_SAME_BYTES)
        errors: list[str] = []

        def upload(job: tuple[int, bytes, bool]):
            k, data, together = job
            if together:
                barrier.wait(timeout=30)
            try:
                return store.import_bytes(data, f"upload{k}.xlsx", source="upload")
            except Exception as exc:  # collected, asserted below
                errors.append(f"upload {k}: {type(exc).__name__}: {exc}")
                return None

        # the same bytes first, so that their copies take the first workers and race
        jobs = [(k, same, True) for k in range(N_SAME_BYTES)]
        jobs += [(N_SAME_BYTES + i, data, False) for i, data in enumerate(sheets[1:])]
        for j, data in enumerate(late):  # interleave the late duplicates
            jobs.insert(12 + 9 * j, (100 + j, data, False))

        stop, reader_problems, reads = threading.Event(), [], Counter()
        readers = [threading.Thread(target=_reader_thread,
                                    args=(store, expected, stop, reader_problems, reads))
                   for _ in range(N_READER_THREADS)]
        for thread in readers:
            thread.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(WORKERS) as pool:
            results = list(pool.map(upload, jobs))
        elapsed = time.perf_counter() - started
        stop.set()
        stop_file.write_text("done")
        for thread in readers:
            thread.join(timeout=60)
        out, err = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert errors == [], errors
    assert reader_problems == [], reader_problems[:5]
    assert len(reads) == N_READER_THREADS and min(reads.values()) >= 2, reads

    statuses = Counter(r.status for r in results)
    assert statuses == {STORED: N_SCHOOLS, DUPLICATE: N_SAME_BYTES - 1 + len(late)}, statuses
    same_results = results[:N_SAME_BYTES]
    assert len({r.upload_id for r in same_results}) == 1, "every copy points at one upload"

    counts = store.counts()
    assert counts == {"uploads": N_SCHOOLS, "submissions": N_SCHOOLS,
                      "buildings": sum(expected.values())}, counts
    assert all(v == 0 for v in integrity(store).values()), integrity(store)
    history = store.history()
    assert sorted(history["school_code"]) == sorted(expected), "every school exactly once"
    assert history["sha256"].is_unique
    per_school = store.current_buildings().groupby("school_code").size().to_dict()
    assert per_school == expected
    # the original bytes of every accepted upload are kept, exactly
    by_upload = {r.upload_id: r for r in results if r.status == STORED}
    for upload_id, result in by_upload.items():
        name, content = store.original_upload(upload_id)
        assert content == sheets[int(result.school_codes[0][4:])], name
    store.close()

    assert process.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["problems"] == [], report
    assert report["reads"] >= 2, report
    assert report["seen"][-1] == N_SCHOOLS, report
    with SurveyStore(snapshot_path(db), read_only=True) as snap:
        assert snap.counts() == counts
    print(f"{len(jobs)} uploads in {elapsed:.2f} s, thread reads {dict(reads)}, "
          f"snapshot reads {report['reads']}")


def test_parallel_copies_of_one_application_sheet_are_stored_once(tmp_path):
    from energy.subsidy.store import SubsidyStore
    from tests.subsidy.conftest import applications_file, saving_application

    data = applications_file([saving_application()])
    barrier = threading.Barrier(N_SAME_BYTES)
    errors: list[str] = []

    def upload(_):
        barrier.wait(timeout=30)
        try:
            return store.import_bytes(data, "申请表.xlsx").status
        except Exception as exc:  # collected, asserted below
            errors.append(f"{type(exc).__name__}: {exc}")
            return None

    with SubsidyStore(tmp_path / "subsidy.duckdb") as store:
        with ThreadPoolExecutor(N_SAME_BYTES) as pool:
            statuses = Counter(pool.map(upload, range(N_SAME_BYTES)))
        stored = store.uploads()
    assert errors == [], errors[:2]
    assert statuses == {STORED: 1, DUPLICATE: N_SAME_BYTES - 1}, statuses
    assert len(stored) == 1
