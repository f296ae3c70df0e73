"""Backup and restore of the whole database: ``python -m surveys backup|restore``.

Backup
    A consistent copy of every table, view and sequence (surveys, roster, subsidy, access and
    audit tables alike) into a new DuckDB file, written through DuckDB's ``COPY FROM
    DATABASE`` from a read-only attachment: one transaction's view of committed data, never
    a file copied while it changes. The copy lands under a temporary name and is renamed into
    place once checked, so a backup file is always complete.

    DuckDB lets one process hold a database for writing and, while it does, no other process
    may open it. When the dashboard (or an import) holds the database, the backup is taken
    from the read-only snapshot the store publishes after every write
    (:func:`surveys.store.snapshot_path`), and the command says so and when that snapshot was
    published: anything written after it is not in the backup. Code running inside the
    process that holds the store passes it as ``store=`` and gets an exact copy.

Restore
    Checks the backup first (it opens, holds the survey tables, no orphan rows), refuses to
    replace an existing database without ``--force`` or while another program holds it, keeps
    the replaced file as ``<name>.before-restore-<timestamp>.duckdb``, copies the backup beside
    the target under a temporary name, checks the copy and renames it over the database in
    one step: at every moment the database path holds either the old or the new database.
    Then the read-only snapshot is published again from the restored data.

Not included: the ``rejected/`` folder of refused uploads and the committee account file
(``accounts.json``); copy them with the usual file tools.

Exit codes: 0 done; 1 refused (the target exists, the database is in use); 2 the database or
backup is missing, unreadable or not a survey database.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.config import db_path as default_db_path
from core.config import make_private
from core.store import (
    DatabaseBusy,
    Store,
    connect_with_retry,
    copy_database,
    is_lock_error,
    quote_path,
    retry_while_locked,
    snapshot_path,
)

DATABASE, SNAPSHOT = "database", "snapshot"


@dataclass(frozen=True)
class Integrity:
    """What a component's tables must satisfy in a backup.

    Attributes
    ----------
    tables : tuple of str
        Tables the component's first migration creates; a backup without them is not ours.
    broken_rows_sql : str
        A query returning one number, the rows that break the component's invariants
        (orphans, half-written submissions), with ``{c}`` for the attached catalog.
    migrations : tuple of (str, str) or None
        ``(component, package)`` to apply after a restore.
    """

    tables: tuple[str, ...]
    broken_rows_sql: str = "SELECT 0"
    migrations: tuple[str, str] | None = None


# Filled by the components (the survey registers its tables when it is imported).
INTEGRITY: dict[str, Integrity] = {"core": Integrity(("schema_migrations",))}


def register_integrity(component: str, rule: Integrity) -> None:
    """Declare a component's tables and invariants for backup checks."""
    INTEGRITY[component] = rule


class BackupError(Exception):
    """A backup or restore refused, with its message in Chinese and English.

    Attributes
    ----------
    code : str
        ``missing``, ``exists``, ``busy``, ``no_snapshot``, ``invalid`` or ``failed``.
    exit_code : int
        1 for a refusal the user can resolve by choice, 2 for missing or bad input.
    """

    def __init__(self, code: str, message_zh: str, message_en: str, exit_code: int):
        super().__init__(f"{message_zh} / {message_en}")
        self.code, self.message_zh, self.message_en = code, message_zh, message_en
        self.exit_code = exit_code


@dataclass
class BackupResult:
    """A backup written: where, from what, and the row count of every table."""

    path: Path
    source: str  # "database" or "snapshot"
    source_path: Path
    tables: dict[str, int] = field(default_factory=dict)
    snapshot_published: _dt.datetime | None = None  # UTC, when source is the snapshot


@dataclass
class RestoreResult:
    """A database restored: where, from which backup, and where the old one was kept."""

    db: Path
    backup: Path
    kept: Path | None
    tables: dict[str, int] = field(default_factory=dict)


def _stamp() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, int]:
    """Row count of every base table of an attached database."""
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = ? "
        "AND table_type = 'BASE TABLE' ORDER BY table_name", [catalog]).fetchall()]
    return {name: _rows_read(con, f'"{catalog}"."{name}"') for name in names}


def _rows_read(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows of ``table``, every value read: ``count(*)`` alone answers from the row-group
    headers, so a file cut short past its headers would still pass."""
    count, _ = con.execute(f"SELECT count(*), bit_xor(hash(t)) FROM {table} AS t").fetchone()
    return int(count)


def _invalid(path: Path, why_zh: str, why_en: str) -> BackupError:
    return BackupError(
        "invalid", f"“{path}”不是可用的调研数据库备份：{why_zh}。",
        f"'{path}' is not a usable survey database backup: {why_en}.", 2)


def verify(path: str | Path) -> dict[str, int]:
    """Open a database file read-only and check it is a consistent survey database.

    Returns
    -------
    dict
        Row count of every table.

    Raises
    ------
    BackupError
        ``invalid`` when the file does not open, lacks the survey tables or holds orphan
        rows; ``busy`` when another program holds it.
    """
    path = Path(path)
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(f"ATTACH {quote_path(path)} AS inspected (READ_ONLY)")
        except duckdb.Error as exc:
            if is_lock_error(exc):
                raise _busy(path) from exc
            raise _invalid(path, f"无法打开（{str(exc)[:160]}）",
                           f"it does not open ({str(exc)[:160]})") from exc
        try:
            tables = _tables(con, "inspected")
            missing = [t for rule in INTEGRITY.values() for t in rule.tables if t not in tables]
            if missing:
                raise _invalid(path, f"缺少数据表 {', '.join(missing)}",
                               f"tables {', '.join(missing)} are missing")
            broken = sum(con.execute(rule.broken_rows_sql.format(c="inspected")).fetchone()[0]
                         for rule in INTEGRITY.values())
        except duckdb.Error as exc:  # e.g. a truncated file: it attaches, its data do not read
            raise _invalid(path, f"数据无法读取（{str(exc)[:160]}）",
                           f"its data cannot be read ({str(exc)[:160]})") from exc
        if broken:
            raise _invalid(path, f"有 {broken} 行数据不完整（孤立或残缺的提交）",
                           f"{broken} rows are orphaned or belong to incomplete submissions")
        return tables
    finally:
        con.close()


def _busy(path: Path) -> BackupError:
    return BackupError(
        "busy", f"数据库“{path}”正被其他程序（如仪表盘）占用。请先停止该程序再恢复。",
        f"The database '{path}' is in use by another program (e.g. the dashboard): stop it "
        "first, then restore.", 1)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
    try:  # the rename itself: sync the folder (not possible on every platform)
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


# --- backup --------------------------------------------------------------------------------

def _target(out: Path, db: Path) -> Path:
    """The backup file: ``out``, or a dated file inside ``out`` when it is a folder."""
    if out.is_dir():
        out = out / f"{db.stem}-backup-{_stamp()}{db.suffix or '.duckdb'}"
    if out.exists():
        raise BackupError(
            "exists", f"“{out}”已存在，不会覆盖。请换一个文件名，或指定一个文件夹。",
            f"'{out}' already exists and is not overwritten: choose another name or a folder.",
            1)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def _copy_from_file(source: Path, partial: Path, wait_s: float | None = None) -> None:
    """Copy a database file read-only, waiting while another program writes it (writers
    hold the file for one transaction only; :func:`core.store.retry_while_locked`)."""

    def copy_once() -> None:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH {quote_path(source)} AS backup_source (READ_ONLY)")
            copy_database(con, "backup_source", partial)
            make_private(partial)
        except duckdb.Error:
            _remove(partial)
            raise
        finally:
            con.close()

    retry_while_locked(copy_once, source, wait_s)


def backup(db_path: str | Path | None, out_path: str | Path,
           store: Store | None = None) -> BackupResult:
    """Write a consistent copy of the whole database to a new file.

    Parameters
    ----------
    db_path
        The database (default :func:`core.config.db_path`); ignored when ``store`` is
        given.
    out_path
        The new backup file, or an existing folder to put a dated file in. An existing file
        is never overwritten.
    store
        A store of this process on the database (its path is used; the copy is made between
        two of its writes).

    Returns
    -------
    BackupResult
        ``source`` is ``"snapshot"`` when another program kept the database busy for longer
        than a writer waits, and the published snapshot was copied instead
        (``snapshot_published`` says when).

    Raises
    ------
    BackupError
        ``missing`` (no database), ``exists`` (the target exists), ``no_snapshot`` (the
        database is held and no snapshot was published), ``invalid`` (the copy fails its
        check).
    """
    db = Path(store.path if store is not None else (db_path or default_db_path()))
    if store is None and not db.is_file():
        raise BackupError("missing", f"找不到数据库“{db}”。", f"Database '{db}' not found.", 2)
    out = _target(Path(out_path), db)
    partial = out.with_name(f".{out.name}.partial")
    _remove(partial)
    source, source_path, published = DATABASE, db, None
    try:
        lock = store.write_lock if store is not None else contextlib.nullcontext()
        with lock:  # between two writes of this process
            try:
                _copy_from_file(db, partial)
            except duckdb.Error as exc:
                raise _invalid(db, f"无法读取（{str(exc)[:160]}）",
                               f"it cannot be read ({str(exc)[:160]})") from exc
            except DatabaseBusy as exc:
                source, source_path = SNAPSHOT, snapshot_path(db)
                if not source_path.is_file():
                    raise BackupError(
                        "no_snapshot",
                        f"数据库“{db}”正被其他程序占用，且没有可备份的只读快照。请停止该程序后再备份。",
                        f"The database '{db}' is held by another program and no read-only "
                        "snapshot has been published: stop that program and back up again.",
                        2) from exc
                published = _dt.datetime.fromtimestamp(source_path.stat().st_mtime, _dt.UTC)
                _remove(partial)
                _copy_from_file(source_path, partial)
        tables = verify(partial)
        _fsync(partial)
        os.replace(partial, out)
    except BaseException:
        _remove(partial)
        raise
    return BackupResult(out, source, source_path, tables,
                        published.replace(tzinfo=None) if published else None)


# --- restore -------------------------------------------------------------------------------

def _kept_name(db: Path) -> Path:
    """``<name>.before-restore-<timestamp>.duckdb``, numbered if that name is taken."""
    stem, suffix = f"{db.stem}.before-restore-{_stamp()}", db.suffix or ".duckdb"
    kept, n = db.with_name(stem + suffix), 1
    while kept.exists() or kept.with_name(kept.name + ".wal").exists():
        kept, n = db.with_name(f"{stem}-{n}{suffix}"), n + 1
    return kept


def _settle(db: Path) -> None:
    """Fold the database's write-ahead log into the file; refuse when it is in use."""
    try:
        con = connect_with_retry(str(db))
    except DatabaseBusy as exc:
        raise _busy(db) from exc
    except duckdb.Error:
        return  # damaged: restoring over it is what --force is for; it is kept as it is
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()


def restore(backup_path: str | Path, db_path: str | Path | None = None,
            force: bool = False) -> RestoreResult:
    """Replace (or create) the database with a checked copy of a backup.

    Parameters
    ----------
    backup_path
        A file written by :func:`backup` (any DuckDB file with the survey tables).
    db_path
        The database to restore into (default :func:`core.config.db_path`).
    force
        Replace an existing database; it is kept as
        ``<name>.before-restore-<timestamp>.duckdb`` beside it.

    Raises
    ------
    BackupError
        ``missing`` (no backup file), ``invalid`` (not a consistent survey database),
        ``exists`` (a database is there and ``force`` is false), ``busy`` (another program
        holds the database).
    """
    source = Path(backup_path)
    db = Path(db_path or default_db_path())
    if not source.is_file():
        raise BackupError("missing", f"找不到备份文件“{source}”。",
                          f"Backup file '{source}' not found.", 2)
    tables = verify(source)
    exists = db.exists()
    if exists and not force:
        raise BackupError(
            "exists", f"数据库“{db}”已存在，未做任何更改。确认要用备份替换它，请加 --force"
            "（原数据库会保留为 *.before-restore-*.duckdb）。",
            f"The database '{db}' exists and was left unchanged: add --force to replace it "
            "with the backup (the current one is kept as *.before-restore-*.duckdb).", 1)
    db.parent.mkdir(parents=True, exist_ok=True)
    if exists:
        _settle(db)
    partial = db.with_name(f".{db.name}.restore.partial")
    _remove(partial)
    kept = None
    try:
        shutil.copyfile(source, partial)
        verify(partial)
        _fsync(partial)
        wal = db.with_name(db.name + ".wal")
        if exists or wal.exists():
            kept = _kept_name(db)
        if exists:
            try:
                os.link(db, kept)  # the old file stays reachable under its new name
            except OSError:
                shutil.copy2(db, kept)
        if wal.exists():  # never let an old log replay onto the restored file
            os.replace(wal, kept.with_name(kept.name + ".wal"))
        os.replace(partial, db)
        _fsync(db)
    except BaseException:
        _remove(partial)
        raise
    migrations = [rule.migrations for rule in INTEGRITY.values() if rule.migrations]
    with Store(db, migrations=migrations) as store:  # this version's migrations, a fresh snapshot
        store.publish_snapshot()
    return RestoreResult(db, source, kept if exists else None, tables)


# --- command line --------------------------------------------------------------------------

def _summary(tables: dict[str, int]) -> str:
    main = ("uploads", "submissions", "buildings", "subsidy_uploads", "audit_log")
    return ", ".join(f"{name} {tables[name]}" for name in main if name in tables)


def cmd_backup(args) -> int:
    try:
        result = backup(args.db, args.out)
    except BackupError as refused:
        print(f"{refused.message_zh}\n{refused.message_en}", file=sys.stderr)
        return refused.exit_code
    if result.source == SNAPSHOT:
        when = result.snapshot_published.strftime("%Y-%m-%d %H:%M:%S")
        print(f"数据库正被其他程序（如仪表盘）占用，已改为备份其只读快照（发布于 {when} UTC），"
              "此后的更改不在本备份中。\n"
              f"The database is in use by another program (e.g. the dashboard): backed up its "
              f"read-only snapshot instead, published {when} UTC; later changes are not in "
              "this backup.")
    print(f"已备份 Backup written: {result.path}\n  来源 source: {result.source_path} "
          f"({_summary(result.tables)})")
    return 0


def cmd_restore(args) -> int:
    try:
        result = restore(args.backup, args.db, force=args.force)
    except BackupError as refused:
        print(f"{refused.message_zh}\n{refused.message_en}", file=sys.stderr)
        return refused.exit_code
    print(f"已恢复 Restored: {result.db}\n  来自备份 from backup: {result.backup} "
          f"({_summary(result.tables)})")
    if result.kept is not None:
        print(f"  原数据库保留为 previous database kept as: {result.kept}")
    return 0


def add_commands(sub) -> None:
    """Register ``backup`` and ``restore`` on the ``python -m surveys`` parser."""
    p = sub.add_parser("backup", help="备份整个数据库 back up the whole database "
                       "(exit 0 done, 1 refused, 2 missing or unreadable)")
    p.add_argument("out", help="新备份文件或文件夹 new backup file, or a folder")
    p.add_argument("--db", default=None, help="DuckDB file (default $CAMPUS_ENERGY_DB or data/)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="从备份恢复数据库 restore the database from a backup "
                       "(exit 0 done, 1 refused, 2 missing or invalid backup)")
    p.add_argument("backup", help="备份文件 backup file")
    p.add_argument("--db", default=None, help="DuckDB file (default $CAMPUS_ENERGY_DB or data/)")
    p.add_argument("--force", action="store_true",
                   help="替换现有数据库（原文件会保留） replace an existing database (it is kept)")
    p.set_defaults(func=cmd_restore)
