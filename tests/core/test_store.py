"""The platform store: short writes, snapshot reads, waiting writers, private files.

Real DuckDB files and real second processes throughout.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import threading
import time

import duckdb
import pytest

from core.config import PROJECT_ROOT
from core.store import DatabaseBusy, Store, quarantine, snapshot_path

SCHEMA = "CREATE TABLE IF NOT EXISTS notes (id INTEGER, body VARCHAR)"

HOLD_A_WRITE = textwrap.dedent("""
    import sys, time
    from core.store import Store
    store = Store(sys.argv[1])
    with store.transaction() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER, body VARCHAR)")
        cur.execute("INSERT INTO notes VALUES (99, 'held')")
        print("writing", flush=True)
        time.sleep(float(sys.argv[2]))
    print("done", flush=True)
""")


def _write(store: Store, n: int, body: str = "x") -> None:
    with store.transaction() as cur:
        cur.execute(SCHEMA)
        cur.execute("INSERT INTO notes VALUES (?, ?)", [n, body])


def _hold(path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD_A_WRITE, str(path), str(seconds)],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "writing", proc.stderr.read()
    return proc


def test_a_store_holds_no_lock_between_writes(tmp_path):
    path = tmp_path / "db.duckdb"
    store = Store(path)
    _write(store, 1)
    # another process may open the database for writing while this store stays open
    with duckdb.connect(str(path)) as other:
        other.execute("INSERT INTO notes VALUES (2, 'other process')")
    _write(store, 3)
    assert sorted(r[0] for r in store.execute("SELECT id FROM notes").fetchall()) == [1, 2, 3]
    store.close()


def test_reads_see_every_committed_write_at_once(tmp_path):
    store = Store(tmp_path / "db.duckdb")
    for n in range(5):
        _write(store, n)
        assert store.one("SELECT count(*) FROM notes")[0] == n + 1
    with store.transaction() as cur:   # inside a write, reads see the write itself
        cur.execute("INSERT INTO notes VALUES (100, 'in flight')")
        assert store.one("SELECT count(*) FROM notes WHERE id = 100")[0] == 1
    store.close()


def test_a_writer_waits_for_another_writer_then_succeeds(tmp_path, monkeypatch):
    path = tmp_path / "db.duckdb"
    store = Store(path)
    _write(store, 1)
    monkeypatch.setenv("CAMPUS_ENERGY_LOCK_WAIT_S", "20")
    holder = _hold(path, 1.5)
    try:
        started = time.monotonic()
        assert store.one("SELECT count(*) FROM notes")[0] == 1, "the snapshot reads meanwhile"
        _write(store, 2)
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert 0.5 < waited < 15, waited
    ids = sorted(r[0] for r in store.execute("SELECT id FROM notes").fetchall())
    assert ids == [1, 2, 99]
    store.close()


def test_a_writer_gives_up_with_a_bilingual_message_naming_the_holder(tmp_path, monkeypatch):
    path = tmp_path / "db.duckdb"
    store = Store(path)
    _write(store, 1)
    monkeypatch.setenv("CAMPUS_ENERGY_LOCK_WAIT_S", "0.5")
    holder = _hold(path, 30)
    try:
        with pytest.raises(DatabaseBusy) as busy:
            _write(store, 2)
        assert busy.value.pid == holder.pid
        assert str(holder.pid) in busy.value.message_zh and str(holder.pid) in busy.value.message_en
        assert "稍后重试" in busy.value.message_zh and "try again" in busy.value.message_en
        assert busy.value.waited_s >= 0.5
    finally:
        holder.kill()
        holder.wait()
    _write(store, 2)   # nothing was left behind
    assert store.one("SELECT count(*) FROM notes WHERE id = 2")[0] == 1
    store.close()


def test_threads_of_one_process_queue_for_the_file(tmp_path):
    store = Store(tmp_path / "db.duckdb")
    _write(store, 0)
    errors = []

    def writer(k: int) -> None:
        try:
            for n in range(10):
                _write(store, 1000 * k + n)
                store.one("SELECT count(*) FROM notes")
        except Exception as exc:  # noqa: BLE001 - the test reports every failure
            errors.append(repr(exc))

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.one("SELECT count(*) FROM notes")[0] == 41
    store.close()


def test_an_old_snapshot_keeps_serving_a_reader_that_holds_it(tmp_path):
    store = Store(tmp_path / "db.duckdb")
    _write(store, 1)
    with store.read() as old:
        _write(store, 2)   # publishes a new snapshot while the old one is being read
        assert old.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
        assert store.one("SELECT count(*) FROM notes")[0] == 2
    assert not list(tmp_path.glob(".*.reader")), "no private link left behind"
    store.close()


def test_files_the_product_writes_are_private(tmp_path):
    os.umask(0o022)   # a usual umask: the store still makes its files owner-only
    path = tmp_path / "db.duckdb"
    store = Store(path)
    _write(store, 1)
    kept = quarantine(store.quarantine_dir, b"bad bytes", "bad.xlsx", "ab" * 32, {"why": "test"})
    for made in (path, snapshot_path(path), kept, kept.with_name(kept.name + ".report.json")):
        mode = stat.S_IMODE(made.stat().st_mode)
        assert mode == 0o600, f"{made.name}: {oct(mode)}"
    store.close()


def test_memory_and_read_only_stores_keep_their_connection(tmp_path):
    memory = Store(":memory:")
    _write(memory, 1)
    assert memory.con.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
    path = tmp_path / "db.duckdb"
    writer = Store(path)
    _write(writer, 1)
    writer.close()
    reader = Store(snapshot_path(path), read_only=True)
    assert reader.con.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
    with pytest.raises(PermissionError):
        _write(reader, 2)
    with pytest.raises(AttributeError):
        _ = Store(path).con   # a writable file store holds no connection
