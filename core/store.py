"""The product's DuckDB file: short writes, snapshot reads, migrations, quarantine.

DuckDB lets one process hold a database file for writing, and while it does no other process
may open it, not even read-only. A dashboard that kept its connection open would lock every
command-line import, code issue and backup out for as long as it runs. So a :class:`Store` on a
file never keeps the database open:

* **Writes** open the file inside :meth:`Store.transaction`, run one transaction, publish the
  read-only snapshot and close it again. A writer that finds the file held by another program
  retries with back-off for ``$CAMPUS_ENERGY_LOCK_WAIT_S`` seconds (default 30), then raises
  :class:`DatabaseBusy`, which names the program and its process id in Chinese and English.
  Writes of one process are serialised by a lock per file, so threads queue instead of racing
  for the file lock.
* **Reads** go through the snapshot ``<name>.snapshot.duckdb``, which every write replaces
  atomically (``COPY FROM DATABASE`` into a temporary file, then a rename). Other processes
  open that file themselves; inside this process :meth:`Store.read` keeps one read-only
  connection per published snapshot. DuckDB caches database instances by path, so a second
  connection to the same name would keep serving the replaced file: each snapshot is opened
  through a private hard link that is removed at once (the open file stays readable), and a
  replaced snapshot's connection is closed once its last reader is done.
* ``read(fresh=True)`` reads the database itself through a short read-only connection, for the
  few pages that must show writes not yet published (the audit trail).

A ``":memory:"`` store (tests) and a store opened ``read_only`` on a file (an analyst reading a
snapshot or a backup) keep one connection instead.

Measured on the demo database (300 campuses, 6,000 buildings, 8 MB) on 2 cores: opening the
file for writing 20 ms, publishing the snapshot 90 ms, closing 7 ms.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import logging
import os
import re
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd

from core import sql
from core.config import db_path, lock_wait_seconds, make_private

__all__ = ["DatabaseBusy", "Store", "copy_database", "current_catalog", "quarantine",
           "quote_path", "record_audit", "snapshot_path", "utc_now"]

LOG = logging.getLogger(__name__)
CORE_MIGRATIONS = ("core", "core.sql")
_HOLDER = re.compile(r"held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
_FILE_LOCKS: dict[str, threading.RLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()
# (database file, its inode, component) migrated by this process: a restore replaces the file
_MIGRATED: set[tuple[str, int, str]] = set()


def utc_now() -> _dt.datetime:
    """The current time in UTC, without a time zone (how the tables store it)."""
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


def record_audit(cur, actor: str, action: str, subject: str | None = None, **detail) -> None:
    """Write one audit entry with the cursor ``cur`` (inside the caller's transaction)."""
    cur.execute(sql.query("insert_audit"), {
        "logged_at": utc_now(), "actor": actor, "action": action, "subject": subject,
        "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None})


def quote_path(path: str | Path) -> str:
    """A file path as a SQL string literal: ATTACH takes no bound parameters, and the paths
    are ours (settings, temporary files), never user data."""
    return "'" + str(path).replace("'", "''") + "'"


def current_catalog(con) -> str:
    """Name of the database a connection opened (the catalog to copy from)."""
    return con.execute("SELECT current_database()").fetchone()[0]


def copy_database(cur, catalog: str, target: Path) -> None:
    """Copy every table, view and sequence of ``catalog`` into a new DuckDB file ``target``.

    ``COPY FROM DATABASE`` reads committed data consistently.
    """
    cur.execute(f"ATTACH {quote_path(target)} AS copy_target")
    try:
        cur.execute(f'COPY FROM DATABASE "{catalog}" TO copy_target')
    finally:
        cur.execute("DETACH copy_target")


def snapshot_path(db_file: str | Path) -> Path:
    """The read-only snapshot published beside a database file."""
    path = Path(db_file)
    return path.with_name(f"{path.stem}.snapshot{path.suffix or '.duckdb'}")


def is_lock_error(exc: BaseException) -> bool:
    """Whether a DuckDB error means another process holds the file."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


class DatabaseBusy(Exception):
    """The database stayed held by another program for longer than a writer waits.

    Attributes
    ----------
    code : str
        Always ``"busy"``.
    path : Path
        The database file.
    pid : int or None
        Process id of the holder, as DuckDB reports it.
    program : str or None
        The holder's executable.
    waited_s : float
        How long the writer waited. [s]
    """

    code = "busy"

    def __init__(self, path: Path, waited_s: float, detail: str = ""):
        match = _HOLDER.search(detail)
        self.path, self.waited_s = Path(path), waited_s
        self.pid = int(match["pid"]) if match else None
        self.program = match["program"] if match else None
        holder_zh = f"进程 {self.pid}（{self.program}）" if match else "另一个程序"
        holder_en = f"process {self.pid} ({self.program})" if match else "another program"
        self.message_zh = (
            f"数据库“{self.path}”正被{holder_zh}写入，等待 {waited_s:.0f} 秒后仍未释放。"
            "通常只是另一项导入尚未完成：请稍后重试；若一直如此，请检查该进程是否卡住"
            "（仪表盘本身不会一直占用数据库）。")
        self.message_en = (
            f"The database '{self.path}' is being written by {holder_en} and was still held "
            f"after {waited_s:.0f} s. Usually another import is still running: try again "
            "shortly; if it persists, check whether that process is stuck (the dashboard "
            "itself never holds the database for long).")
        super().__init__(f"{self.message_zh} / {self.message_en}")


def _file_lock(path: str) -> threading.RLock:
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(path, threading.RLock())


def retry_while_locked(action, path: str | Path, wait_s: float | None = None):
    """Call ``action()`` until it stops failing because another process holds ``path``,
    with back-off (20 ms growing to 0.5 s).

    Raises
    ------
    DatabaseBusy
        When the file is still held after ``wait_s`` (default :func:`lock_wait_seconds`).
    """
    wait_s = lock_wait_seconds() if wait_s is None else wait_s
    start = time.monotonic()
    delay = 0.02
    while True:
        try:
            return action()
        except duckdb.Error as exc:
            waited = time.monotonic() - start
            if not is_lock_error(exc):
                raise
            if waited >= wait_s:
                raise DatabaseBusy(Path(path), waited, str(exc)) from exc
            time.sleep(min(delay, max(0.0, wait_s - waited)))
            delay = min(delay * 1.6, 0.5)


def connect_with_retry(path: str, read_only: bool = False,
                       wait_s: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open a database file, waiting while another process holds it
    (:func:`retry_while_locked`)."""
    return retry_while_locked(lambda: duckdb.connect(path, read_only=read_only), path, wait_s)


def migrate(con, package: str, component: str) -> list[int]:
    """Apply ``package``'s numbered migrations not yet recorded for ``component``.

    Each migration runs in its own transaction together with its record in
    ``schema_migrations``. Returns the versions applied.
    """
    con.execute(sql.query("create_migrations_table"))
    done = {row[0] for row in con.execute(sql.query("applied_migrations"),
                                          {"component": component}).fetchall()}
    applied = []
    for version, name, text in sql.migrations(package):
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(text)
            con.execute(sql.query("record_migration"), {
                "component": component, "version": version, "name": name,
                "applied_at": utc_now()})
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


class _SnapshotReader:
    """Read-only connections to the published snapshot, one per published file."""

    def __init__(self, snapshot: Path):
        self.snapshot = snapshot
        self._lock = threading.Lock()
        self._current: dict | None = None    # {"key", "con", "users", "retired"}
        self._remove_stale_links()

    def _link_name(self, inode: int) -> Path:
        return self.snapshot.with_name(f".{self.snapshot.name}.{os.getpid()}.{inode}.reader")

    def _remove_stale_links(self) -> None:
        _remove_left_by_dead(self.snapshot, r"\.\d+\.reader")

    def _open(self, key: tuple[int, int]) -> dict:
        link = self._link_name(key[1])
        link.unlink(missing_ok=True)
        os.link(self.snapshot, link)
        try:
            stat = link.stat()
            con = duckdb.connect(str(link), read_only=True)
        finally:
            link.unlink(missing_ok=True)
        return {"key": (stat.st_dev, stat.st_ino), "con": con, "users": 0, "retired": False}

    @contextlib.contextmanager
    def cursor(self):
        """A cursor on the newest published snapshot (FileNotFoundError when none)."""
        stat = self.snapshot.stat()
        with self._lock:
            entry = self._current
            if entry is None or entry["key"] != (stat.st_dev, stat.st_ino):
                entry = self._open((stat.st_dev, stat.st_ino))
                self._retire(self._current)
                self._current = entry
            entry["users"] += 1
            cur = entry["con"].cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._lock:
                entry["users"] -= 1
                if entry["retired"] and entry["users"] == 0:
                    entry["con"].close()

    def _retire(self, entry: dict | None) -> None:
        if entry is None:
            return
        entry["retired"] = True
        if entry["users"] == 0:
            entry["con"].close()

    def close(self) -> None:
        with self._lock:
            self._retire(self._current)
            self._current = None


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class FetchedResult:
    """Rows of a query already read, with the cursor's ``fetchone``/``fetchall``/``df``."""

    def __init__(self, columns: list[str], rows: list[tuple]):
        self.columns, self._rows, self._next = columns, rows, 0

    def fetchone(self):
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[tuple]:
        rows, self._next = self._rows[self._next:], len(self._rows)
        return rows

    def df(self) -> pd.DataFrame:
        return pd.DataFrame(self.fetchall(), columns=self.columns)


class Store:
    """A DuckDB database file (or ``":memory:"``), migrated on first write.

    Parameters
    ----------
    path : str or Path, optional
        DuckDB file; default from :func:`core.config.db_path`.
    read_only : bool, default False
        Open an existing file (a snapshot, a backup) for reading only, with one connection.
    migrations : sequence of (str, str)
        ``(component, package)`` whose migrations every write makes sure of; the platform's
        own come first.
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False,
                 migrations=()):
        target = ":memory:" if str(path) == ":memory:" else str(Path(path or db_path()))
        self.path = target
        self.read_only = read_only
        self.migrations = tuple(dict.fromkeys((CORE_MIGRATIONS, *migrations)))
        self._con: duckdb.DuckDBPyConnection | None = None   # a persistent connection, if any
        self._write_con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0
        self._writer_thread: int | None = None
        self._cursors: list = []   # the open write transactions of the writing thread
        self._publish_pending = False
        self._batch = 0
        self.write_lock = _file_lock(target) if target != ":memory:" else threading.RLock()
        self._reader: _SnapshotReader | None = None
        if target == ":memory:":
            self._con = duckdb.connect(":memory:")
            self._migrate(self._con)
        elif read_only:
            self._con = connect_with_retry(target, read_only=True)
        else:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            self._reader = _SnapshotReader(snapshot_path(target))
            self._open_once()

    @property
    def in_memory(self) -> bool:
        return self.path == ":memory:"

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection of an in-memory or read-only store (an analyst's snapshot),
        for SQL of one's own. A store on a writable file holds no connection: use
        :meth:`read` or :meth:`frame` there."""
        if self._con is None:
            raise AttributeError(
                "a store on a writable database file holds no connection between writes; "
                "use store.read() (a cursor on the snapshot) or store.frame(sql)")
        return self._con

    # --- opening -------------------------------------------------------------------------

    def _open_once(self) -> None:
        """First open: migrate, and publish a snapshot when none is newer than the file."""
        snap = snapshot_path(self.path)
        _remove_partial_snapshots(snap)
        if snap.exists() and not self._snapshot_stale(snap):
            if self._migrated_here():
                return
            with self.transaction(publish=False):   # publishes if a migration ran
                return
        with self.transaction(publish=True):
            pass

    def _file_key(self) -> tuple[str, int]:
        try:
            return self.path, os.stat(self.path).st_ino
        except FileNotFoundError:
            return self.path, -1

    def _migrated_here(self) -> bool:
        key = self._file_key()
        return all((*key, component) in _MIGRATED for component, _ in self.migrations)

    def _snapshot_stale(self, snap: Path) -> bool:
        db = Path(self.path)
        files = [f for f in (db, db.with_name(db.name + ".wal")) if f.exists()]
        return bool(files) and snap.stat().st_mtime_ns <= max(f.stat().st_mtime_ns
                                                              for f in files)

    def _migrate(self, con) -> None:
        key = self._file_key()
        for component, package in self.migrations:
            if (*key, component) in _MIGRATED and not self.in_memory:
                continue
            if migrate(con, package, component):
                self._publish_pending = True
            if not self.in_memory:
                _MIGRATED.add((*key, component))

    def ensure_migrations(self, component: str, package: str) -> None:
        """Add a component's migrations to this store and apply them now."""
        if (component, package) not in self.migrations:
            self.migrations = (*self.migrations, (component, package))
        if self.read_only:
            return
        if self.in_memory:
            migrate(self._con, package, component)
            return
        if (*self._file_key(), component) not in _MIGRATED:
            with self.transaction(publish=False):   # publishes if a migration ran
                pass

    # --- writes --------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, publish: bool = True):
        """One write: a cursor inside BEGIN … COMMIT (ROLLBACK on any error).

        The file is opened for writing only for the duration (waiting for another writer
        with back-off, see :class:`DatabaseBusy`) and, after the commit, the read-only
        snapshot is published. ``publish=False`` leaves publishing to the next write (used for
        the audit entries of sign-ins, which pages read with ``read(fresh=True)``).
        Transactions nest: an inner one commits on its own, the outer one publishes.
        """
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        with self.write_lock:
            con = self._acquire_write()
            self._depth += 1
            self._writer_thread = threading.get_ident()
            try:
                cur = con.cursor()
                cur.execute("BEGIN TRANSACTION")
                self._cursors.append(cur)
                try:
                    yield cur
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
                finally:
                    self._cursors.pop()
                    cur.close()
                self._publish_pending = self._publish_pending or publish
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._writer_thread = None
                    self._release_write()

    @contextlib.contextmanager
    def batch(self):
        """Many transactions, one snapshot: each write still opens, commits and closes on its
        own (other programs get their turn between them), but the snapshot is published once,
        when the batch ends. For imports of many files."""
        with self.write_lock:
            self._batch += 1
        try:
            yield self
        finally:
            with self.write_lock:
                self._batch -= 1
                if self._batch == 0 and self._publish_pending and not self.in_memory:
                    with self.transaction(publish=True):
                        pass

    def _acquire_write(self) -> duckdb.DuckDBPyConnection:
        if self._con is not None:
            return self._con
        if self._write_con is None:
            self._write_con = connect_with_retry(self.path)
            make_private(self.path)
            make_private(self.path + ".wal")
            self._migrate(self._write_con)
        return self._write_con

    def _release_write(self) -> None:
        if self._con is not None:
            self._publish_pending = False
            return
        con, self._write_con = self._write_con, None
        try:
            if self._publish_pending and self._batch == 0:
                self._publish_pending = False
                self._publish_with(con)
        finally:
            con.close()

    def publish_snapshot(self) -> Path | None:
        """Copy the committed database to its snapshot file, atomically, and return it.

        ``None`` for an in-memory or read-only store, or when the copy failed (logged: the
        write itself has been committed).
        """
        if self.in_memory or self.read_only:
            return None
        with self.transaction(publish=True):
            pass
        return snapshot_path(self.path)

    def _publish_with(self, con) -> None:
        target = snapshot_path(self.path)
        partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            partial.unlink(missing_ok=True)
            copy_database(con.cursor(), current_catalog(con), partial)
            make_private(partial)
            os.replace(partial, target)
        except (duckdb.Error, OSError):
            LOG.exception("publishing the read-only snapshot %s failed", target)
            partial.unlink(missing_ok=True)

    # --- reads ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self, fresh: bool = False):
        """A cursor for reading: the published snapshot, or (``fresh``) the database itself
        through a short read-only connection."""
        if self._cursors and self._owns_write_thread():
            yield self._cursors[-1]   # inside this thread's own write: read what it wrote
            return
        if self._con is not None:
            cur = self._con.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        if fresh:
            with self._fresh_cursor() as cur:
                yield cur
            return
        if not self._reader.snapshot.exists():
            self.publish_snapshot()
        with self._reader.cursor() as cur:
            yield cur

    def _owns_write_thread(self) -> bool:
        return self._writer_thread == threading.get_ident()

    @contextlib.contextmanager
    def _fresh_cursor(self):
        # Under the write lock: DuckDB refuses a read-write open of a file this process
        # holds read-only, so this process's writers wait for the (short) read.
        with self.write_lock:
            con = connect_with_retry(self.path, read_only=True)
            try:
                cur = con.cursor()
                yield cur
                cur.close()
            finally:
                con.close()

    def frame(self, query_text: str, params: dict | None = None,
              fresh: bool = False) -> pd.DataFrame:
        """Run one query (bound parameters) and return its rows as a DataFrame."""
        with self.read(fresh=fresh) as cur:
            return cur.execute(query_text, params or {}).df()

    def execute(self, query_text: str, params=None, fresh: bool = False) -> FetchedResult:
        """Run one read query; its rows come back fetched (``fetchone``, ``fetchall``, ``df``)."""
        with self.read(fresh=fresh) as cur:
            cur.execute(query_text, params or {})
            columns = [d[0] for d in cur.description or ()]
            return FetchedResult(columns, cur.fetchall())

    def one(self, query_text: str, params: dict | None = None, fresh: bool = False):
        """Run one query and return its first row (a tuple, or None)."""
        return self.execute(query_text, params, fresh).fetchone()

    # --- lifetime ------------------------------------------------------------------------

    @property
    def quarantine_dir(self) -> Path | None:
        return None if self.in_memory else Path(self.path).parent / "rejected"

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._reader is not None:
            self._reader.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _remove_partial_snapshots(snap: Path) -> None:
    """Remove copies left by a process killed while publishing."""
    _remove_left_by_dead(snap, r"\.\d+\.tmp(\.wal)?")


def _remove_left_by_dead(snap: Path, tail: str) -> None:
    """Remove ``.<snapshot name>.<pid><tail>`` files of processes that no longer run."""
    pattern = re.compile(rf"\.{re.escape(snap.name)}\.(\d+){tail}")
    for left in snap.parent.glob(f".{snap.name}.*"):
        match = pattern.fullmatch(left.name)
        if match and not _process_alive(int(match[1])):
            left.unlink(missing_ok=True)


def quarantine(folder: Path | None, data: bytes, file_name: str, digest: str,
               detail: dict) -> Path | None:
    """Keep a refused file's bytes and its report in ``folder`` (once per SHA-256).

    Both files are private to the owner (0600). Returns the kept file, or ``None`` without a
    folder (an in-memory store).
    """
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    kept = [p for p in folder.glob(f"*_{digest[:12]}_*") if not p.name.endswith(".report.json")]
    if kept:  # the same bytes were set aside before
        return kept[0]
    stamp = utc_now().strftime("%Y%m%dT%H%M%S")
    safe_name = re.sub(r"[^\w.\-\u4e00-\u9fff]", "_", Path(file_name).name)[-80:]
    target = folder / f"{stamp}_{digest[:12]}_{safe_name}"
    _write_private(target, data)
    _write_private(target.with_name(target.name + ".report.json"),
                   json.dumps(detail, ensure_ascii=False, indent=2).encode("utf-8"))
    return target


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    make_private(path)
