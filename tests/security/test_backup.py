"""Backup and restore, by round trip on a real demo database and real processes.

A seeded database (survey demo, roster-free, subsidy applications and scores) is backed up
with ``python -m surveys backup`` and restored into a new path with ``python -m surveys
restore``: every table has the same rows (count and a checksum of every row's full text),
the original upload bytes are identical, the views and sequences work. Restore refuses to
replace a database without ``--force``, refuses damaged backups and a database another
process holds, and keeps the database it replaces. While another process holds the database
the backup falls back to the published snapshot and says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import duckdb
import pytest

from core.backup import BackupError, backup, verify
from core.config import PROJECT_ROOT
from energy.subsidy.store import SubsidyStore
from surveys.__main__ import main as surveys_main
from surveys.store import STORED, SurveyStore, snapshot_path
from tests.demo_cache import subsidy_demo
from tests.security.dbcheck import base_tables, table_digests
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled


def _digests(path) -> dict[str, tuple[int, str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return table_digests(con)


def _uploads(path) -> dict[int, bytes]:
    with duckdb.connect(str(path), read_only=True) as con:
        survey = dict(con.execute("SELECT upload_id, content FROM uploads").fetchall())
        subsidy = dict(con.execute("SELECT upload_id, content FROM subsidy_uploads").fetchall())
    return {**{("s", k): bytes(v) for k, v in survey.items()},
            **{("a", k): bytes(v) for k, v in subsidy.items()}}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A demo database: 10 campuses (with faulty sheets set aside), 8 applications in each of
    the demo's two rounds, scores."""
    path = tmp_path_factory.mktemp("seeded") / "campus.duckdb"
    summary = subsidy_demo(path, n_schools=10, n_applications=8)["subsidy"]
    assert summary["applications"]["status"] == STORED
    assert summary["reviews"]["status"] == STORED
    digests = _digests(path)
    assert digests["uploads"][0] >= 10 and digests["buildings"][0] > 50
    assert digests["subsidy_applications"][0] == 16  # 2025 (decided) and 2026 (current)
    return path


@pytest.fixture
def db(seeded, tmp_path):
    """A private copy of the seeded database and of its published snapshot."""
    target = tmp_path / "live" / "campus.duckdb"
    target.parent.mkdir()
    target.write_bytes(seeded.read_bytes())
    snapshot_path(target).write_bytes(snapshot_path(seeded).read_bytes())
    return target


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "surveys", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120)


def test_round_trip_keeps_every_table_row_and_original_bytes(db, tmp_path, capsys):
    before = _digests(db)
    uploads = _uploads(db)
    out = tmp_path / "backups" / "b1.duckdb"
    assert surveys_main(["backup", str(out), "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert "已备份" in said and "Backup written" in said and str(out) in said
    assert _digests(out) == before, "the backup holds exactly the database's rows"
    assert not list(out.parent.glob(".*partial*")), "no temporary file left"

    restored = tmp_path / "restored" / "campus.duckdb"
    assert surveys_main(["restore", str(out), "--db", str(restored)]) == 0
    said = capsys.readouterr().out
    assert "已恢复" in said and "Restored" in said
    after = _digests(restored)
    assert set(after) == set(before) and after == before
    assert _uploads(restored) == uploads
    with duckdb.connect(str(restored), read_only=True) as con:
        assert len(base_tables(con)) >= 10

    with SurveyStore(restored) as store:  # views, sequences and the snapshot work
        with SurveyStore(db, read_only=True) as original:
            assert store.current_buildings().equals(original.current_buildings())
            assert store.history().equals(original.history())
        last = max(k for kind, k in uploads if kind == "s")
        again = store.import_bytes(template_prefilled(dict(SCHOOL, school_code="3100000777"),
                                                      BUILDINGS), "new.xlsx")
        assert again.status == STORED and again.upload_id == last + 1
        with SubsidyStore(store) as subsidy:
            assert len(subsidy.current_applications()) == 8
    with SurveyStore(snapshot_path(restored), read_only=True) as snap:
        assert snap.counts()["uploads"] == before["uploads"][0] + 1


def test_backup_into_a_folder_and_of_an_open_store(db, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    first = backup(db, folder)
    assert first.path.parent == folder and first.path.name.startswith("campus-backup-")
    assert first.source == "database" and first.tables["uploads"] == _digests(db)["uploads"][0]
    with SurveyStore(db) as store:  # this process holds the database: copy through it
        store.import_bytes(template_prefilled(dict(SCHOOL, school_code="3100000888"),
                                              BUILDINGS), "held.xlsx")
        second = backup(None, tmp_path / "held.duckdb", store=store)
        assert second.source == "database"
        assert _digests(second.path)["uploads"][0] == store.counts()["uploads"]


def test_backup_never_overwrites(db, tmp_path, capsys):
    out = tmp_path / "exists.duckdb"
    out.write_bytes(b"an earlier backup")
    assert surveys_main(["backup", str(out), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "已存在" in err and "already exists" in err
    assert out.read_bytes() == b"an earlier backup"
    assert surveys_main(["backup", str(tmp_path / "x.duckdb"), "--db",
                         str(tmp_path / "none.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "找不到" in err and "not found" in err


def test_restore_refuses_to_replace_without_force_and_keeps_the_old_one(db, seeded, tmp_path,
                                                                         capsys):
    out = backup(seeded, tmp_path / "b.duckdb").path
    with SurveyStore(db) as store:  # the live database has moved on since the backup
        store.import_bytes(template_prefilled(dict(SCHOOL, school_code="3100000999"),
                                              BUILDINGS), "later.xlsx")
    live = _digests(db)
    assert live != _digests(out)

    assert surveys_main(["restore", str(out), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and "已存在" in err and "exists" in err
    assert _digests(db) == live, "nothing changed"
    assert not list(db.parent.glob("*before-restore*"))

    assert surveys_main(["restore", str(out), "--db", str(db), "--force"]) == 0
    said = capsys.readouterr().out
    kept = list(db.parent.glob("campus.before-restore-*.duckdb"))
    assert len(kept) == 1 and str(kept[0]) in said
    assert _digests(kept[0]) == live, "the replaced database is kept, complete"
    assert _digests(db) == _digests(out)
    assert not list(db.parent.glob(".*partial*"))

    # a second forced restore keeps a second, separate copy
    assert surveys_main(["restore", str(out), "--db", str(db), "--force"]) == 0
    assert len(list(db.parent.glob("campus.before-restore-*.duckdb"))) == 2


def _torn_copy(seeded, target) -> None:
    target.write_bytes(seeded.read_bytes())
    with duckdb.connect(str(target)) as con:
        sid = con.execute("SELECT min(submission_id) FROM buildings").fetchone()[0]
        con.execute("DELETE FROM buildings WHERE submission_id = ? AND source_row = "
                    "(SELECT min(source_row) FROM buildings WHERE submission_id = ?)", [sid, sid])


def test_restore_refuses_damaged_or_foreign_backups(db, seeded, tmp_path, capsys):
    live = _digests(db)
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database " * 500)
    foreign = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(foreign)) as con:
        con.execute("CREATE TABLE uploads (x INTEGER)")
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(seeded.read_bytes()[: len(seeded.read_bytes()) // 3])
    torn = tmp_path / "torn.duckdb"
    _torn_copy(seeded, torn)
    for bad in (garbage, foreign, truncated, torn):
        assert surveys_main(["restore", str(bad), "--db", str(db), "--force"]) == 2, bad
        err = capsys.readouterr().err
        assert "不是可用的" in err and "not a usable" in err, err
        assert _digests(db) == live, f"{bad.name}: nothing changed"
    assert surveys_main(["restore", str(tmp_path / "none.duckdb"), "--db", str(db)]) == 2
    assert not list(db.parent.glob("*before-restore*"))
    with pytest.raises(BackupError) as refused:
        verify(torn)
    assert refused.value.code == "invalid"


IDLE_HOLDER = textwrap.dedent("""
    import sys, time
    from surveys.store import SurveyStore
    store = SurveyStore(sys.argv[1])   # open, as the dashboard keeps it, between writes
    print("open", flush=True)
    time.sleep(120)
""")

BUSY_HOLDER = textwrap.dedent("""
    import sys, time
    from surveys.store import SurveyStore
    store = SurveyStore(sys.argv[1])
    with store.transaction() as cur:   # a write that does not end (a stuck import)
        cur.execute("SELECT 1")
        print("writing", flush=True)
        time.sleep(120)
""")


def _start(script: str, db, ready: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=PROJECT_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == ready, holder.stderr.read()
    return holder


def _run_waiting(seconds: float, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAMPUS_ENERGY_LOCK_WAIT_S": str(seconds)}
    return subprocess.run([sys.executable, "-m", "surveys", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.slow
def test_backup_of_the_database_itself_while_the_dashboard_has_it_open(db, tmp_path):
    """A store open in another process (the running dashboard) holds nothing between writes:
    the backup copies the database itself, and a restore may replace it."""
    holder = _start(IDLE_HOLDER, db, "open")
    try:
        out = tmp_path / "while-open.duckdb"
        done = _run("backup", str(out), "--db", str(db))
        assert done.returncode == 0, done.stderr
        assert "快照" not in done.stdout, "copied from the database, not from the snapshot"
        assert _digests(out) == _digests(db)
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_while_another_process_is_writing_the_database(db, tmp_path):
    holder = _start(BUSY_HOLDER, db, "writing")
    try:
        snap = snapshot_path(db)
        assert snap.exists()
        out = tmp_path / "while-held.duckdb"
        done = _run_waiting(1, "backup", str(out), "--db", str(db))
        assert done.returncode == 0, done.stderr
        assert "快照" in done.stdout and "snapshot" in done.stdout
        assert _digests(out) == _digests(snap), "the snapshot's data, exactly"

        size, mtime = db.stat().st_size, db.stat().st_mtime_ns
        refused = _run_waiting(1, "restore", str(out), "--db", str(db), "--force")
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "占用" in refused.stderr and "in use" in refused.stderr
        assert (db.stat().st_size, db.stat().st_mtime_ns) == (size, mtime)
        assert not list(db.parent.glob("*before-restore*"))
    finally:
        holder.kill()
        holder.wait()
    done = _run("restore", str(out), "--db", str(db), "--force")
    assert done.returncode == 0, done.stderr
    assert _digests(db) == _digests(out)
