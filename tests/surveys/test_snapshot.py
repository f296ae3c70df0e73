"""Two real processes: one imports sheets holding the database, the other reads the snapshot."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from core.config import PROJECT_ROOT
from surveys.store import SurveyStore, snapshot_path
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

N_SHEETS = 12

WRITER = textwrap.dedent("""
    import sys, time, pathlib
    from surveys.store import SurveyStore
    db, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    with SurveyStore(db) as store:
        for path in sorted(folder.glob("*.xlsx")):
            assert store.import_file(path).status == "stored", path
            time.sleep(0.05)
    (folder / "done").write_text("ok")
""")

READER = textwrap.dedent("""
    import json, sys, time, pathlib
    from surveys.store import SurveyStore, snapshot_path
    db, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    snap, seen, reads, start = snapshot_path(db), [], 0, time.time()
    while time.time() - start < 300:  # a loaded machine imports slowly; done ends it
        finished = (folder / "done").exists()
        if snap.exists():
            with SurveyStore(snap, read_only=True) as store:
                torn = store.execute(
                    "SELECT count(*) FROM (SELECT s.submission_id FROM submissions s "
                    "LEFT JOIN buildings b USING (submission_id) "
                    "GROUP BY s.submission_id, s.n_buildings "
                    "HAVING count(b.source_row) <> s.n_buildings)").fetchone()[0]
                orphans = store.execute(
                    "SELECT count(*) FROM uploads u WHERE NOT EXISTS "
                    "(SELECT 1 FROM submissions s WHERE s.upload_id = u.upload_id)").fetchone()[0]
                n = store.counts()["submissions"]
            assert torn == 0 and orphans == 0, (torn, orphans)
            assert not seen or n >= seen[-1], (seen, n)
            seen.append(n)
            reads += 1
        if finished and seen and seen[-1] == len(list(folder.glob("*.xlsx"))):
            break
        time.sleep(0.01)
    print(json.dumps({"reads": reads, "seen": sorted(set(seen))}))
""")


def _sheets(folder) -> None:
    for i in range(N_SHEETS):
        school = dict(SCHOOL, school_code=f"31000000{i:02d}", school_name=f"并发测试学校{i}")
        (folder / f"{i:02d}.xlsx").write_bytes(template_prefilled(school, BUILDINGS))


def test_import_publishes_a_snapshot_readable_while_the_writer_holds_the_database(tmp_path):
    db = tmp_path / "live.duckdb"
    with SurveyStore(db) as store:
        store.import_bytes(template_prefilled(SCHOOL, BUILDINGS), "a.xlsx")
        # the writer still holds db; a reader opens the snapshot from the same process too
        with SurveyStore(snapshot_path(db), read_only=True) as reader:
            assert reader.counts()["buildings"] == len(BUILDINGS)
            assert len(reader.current_buildings()) == len(BUILDINGS)


def test_writer_and_reader_processes_both_succeed_and_reads_are_consistent(tmp_path):
    folder = tmp_path / "sheets"
    folder.mkdir()
    _sheets(folder)
    db = tmp_path / "shared.duckdb"
    env_cwd = {"cwd": PROJECT_ROOT}
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(folder)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **env_cwd)
    writer = subprocess.run([sys.executable, "-c", WRITER, str(db), str(folder)],
                            capture_output=True, text=True, timeout=300, **env_cwd)
    out, err = reader.communicate(timeout=330)
    assert writer.returncode == 0, writer.stderr
    assert reader.returncode == 0, err
    result = json.loads(out)
    assert result["reads"] >= 3
    assert result["seen"][-1] == N_SHEETS
    assert len(result["seen"]) >= 2, "the reader saw the data grow while the writer ran"


def test_snapshot_of_a_rejected_import_is_unchanged(tmp_path):
    db = tmp_path / "r.duckdb"
    with SurveyStore(db) as store:
        store.import_bytes(template_prefilled(SCHOOL, BUILDINGS), "a.xlsx")
        before = snapshot_path(db).stat().st_mtime_ns
        bad = template_prefilled(dict(SCHOOL, school_code="X2"), [dict(BUILDINGS[0], year_built=1800)])
        assert store.import_bytes(bad, "bad.xlsx").status == "rejected"
        assert snapshot_path(db).stat().st_mtime_ns == before
