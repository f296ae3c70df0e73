"""The survey store: a DuckDB file that keeps every upload and every submission.

Nothing is overwritten: a newer sheet for a school becomes its current submission (the
``current_buildings`` view) while older ones stay queryable; the original bytes of every
accepted upload are kept. A file is imported in one transaction, so either every row lands or
none does. A rejected file changes nothing in the database; its bytes and report are kept in a
``rejected/`` folder beside the database file.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from surveys import sql
from surveys.config import db_path
from surveys.intake import check_bytes, read_bounded
from surveys.reader import UnreadableFile
from surveys.report import Report
from surveys.validate import ValidationResult

STORED, DUPLICATE, REJECTED, UNREADABLE = "stored", "duplicate", "rejected", "unreadable"
LOG = logging.getLogger(__name__)


def record_audit(cur, actor: str, action: str, subject: str | None = None, **detail) -> None:
    """Write one audit entry with the cursor ``cur`` (inside the caller's transaction)."""
    cur.execute(sql.query("insert_audit"), {
        "logged_at": utc_now(), "actor": actor, "action": action, "subject": subject,
        "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None})


def quote_path(path: str | Path) -> str:
    """A file path as a SQL string literal: ATTACH takes no bound parameters, and the paths
    are ours (settings, temporary files), never user data."""
    return "'" + str(path).replace("'", "''") + "'"


def current_catalog(con: duckdb.DuckDBPyConnection) -> str:
    """Name of the database a connection opened (the catalog to copy from)."""
    return con.execute("SELECT current_database()").fetchone()[0]


def copy_database(cur, catalog: str, target: Path) -> None:
    """Copy every table, view and sequence of ``catalog`` into a new DuckDB file ``target``.

    ``COPY FROM DATABASE`` reads committed data consistently, so the copy can run while the
    same connection keeps serving readers.
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


@dataclass
class ImportResult:
    """Outcome of importing one file."""

    status: str  # stored, duplicate, rejected or unreadable
    file_name: str
    sha256: str
    report: Report | None = None
    upload_id: int | None = None
    submission_ids: list[int] = field(default_factory=list)
    school_codes: list[str] = field(default_factory=list)
    refusal: UnreadableFile | None = None
    quarantined: Path | None = None

    @property
    def exit_code(self) -> int:
        return {STORED: 0, DUPLICATE: 0, REJECTED: 1, UNREADABLE: 2}[self.status]


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


def migrate(con: duckdb.DuckDBPyConnection, package: str = "surveys.sql",
            component: str = "surveys") -> list[int]:
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


class SurveyStore:
    """A survey database file (or ``":memory:"``), migrated on open.

    Parameters
    ----------
    path
        DuckDB file; default from :func:`surveys.config.db_path`.
    read_only
        Open without the right to write (no migrations are run).
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        target = ":memory:" if str(path) == ":memory:" else str(Path(path or db_path()))
        if target != ":memory:" and not read_only:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = target
        self.read_only = read_only
        self.con = duckdb.connect(target, read_only=read_only)
        self.write_lock = threading.RLock()
        if not read_only:
            migrate(self.con)
            self._refresh_stale_snapshot()

    def _refresh_stale_snapshot(self) -> None:
        """Republish a snapshot not newer than the database file or its WAL: a crash between
        a commit and its snapshot copy would otherwise leave readers on old data until the
        next write (at worst one needless copy after a session that wrote)."""
        snap = snapshot_path(self.path) if self.path != ":memory:" else None
        if snap is None:
            return
        # copies left by a process killed while publishing (only the holder ever writes one)
        pattern = re.compile(rf"\.{re.escape(snap.name)}\.(\d+)\.\d+\.tmp(\.wal)?")
        for partial in snap.parent.glob(f".{snap.name}.*.tmp*"):
            match = pattern.fullmatch(partial.name)
            if match and match[1] != str(os.getpid()):
                partial.unlink(missing_ok=True)
        if not snap.exists():
            return
        db = Path(self.path)
        files = [f for f in (db, db.with_name(db.name + ".wal")) if f.exists()]
        if files and snap.stat().st_mtime_ns <= max(f.stat().st_mtime_ns for f in files):
            self.publish_snapshot()

    @contextlib.contextmanager
    def transaction(self):
        """One write: a cursor inside BEGIN … COMMIT (ROLLBACK on any error), serialised
        with the process's other writes; after the commit a read-only snapshot is published
        for other processes (see :meth:`publish_snapshot`)."""
        with self.write_lock:
            cur = self.con.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            self.publish_snapshot()

    def publish_snapshot(self) -> Path | None:
        """Copy the committed database to its snapshot file, atomically.

        DuckDB lets one process hold a database file for writing, and while it does no
        other process may open it, even read-only. So after each accepted write the store
        copies the database (``COPY FROM DATABASE``, a consistent read of committed data)
        into a temporary file and renames it over ``<name>.snapshot.duckdb``: a reader
        sees the old snapshot or the new one, never half of one. Returns the snapshot path
        (``None`` for an in-memory store). A failure is logged, never raised: the write
        itself has been committed.
        """
        if self.path == ":memory:" or self.read_only:
            return None
        target = snapshot_path(self.path)
        partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with self.write_lock:
                partial.unlink(missing_ok=True)
                copy_database(self.con.cursor(), current_catalog(self.con), partial)
                os.replace(partial, target)
        except (duckdb.Error, OSError):
            LOG.exception("publishing the read-only snapshot %s failed", target)
            partial.unlink(missing_ok=True)
            return None
        return target

    @property
    def quarantine_dir(self) -> Path | None:
        return None if self.path == ":memory:" else Path(self.path).parent / "rejected"

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> SurveyStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reads ---------------------------------------------------------------------------

    def _frame(self, name: str, params: dict | None = None) -> pd.DataFrame:
        return self.con.cursor().execute(sql.query(name), params or {}).df()

    def current_buildings(self) -> pd.DataFrame:
        """One row per building of each school's latest submission."""
        return self._frame("current_buildings")

    def current_schools(self) -> pd.DataFrame:
        """Each school's latest submission (school fields, WGS84 coordinates)."""
        return self._frame("current_schools")

    def history(self, school_code: str | None = None) -> pd.DataFrame:
        """Every submission, newest first per school, with its upload and ``is_current``."""
        return self._frame("submission_history", {"school_code": school_code})

    def buildings_of(self, submission_id: int) -> pd.DataFrame:
        return self._frame("buildings_of_submission", {"submission_id": submission_id})

    def original_upload(self, upload_id: int) -> tuple[str, bytes]:
        """File name and the exact bytes of an accepted upload."""
        row = self.con.cursor().execute(sql.query("upload_content"),
                                        {"upload_id": upload_id}).fetchone()
        if row is None:
            raise KeyError(upload_id)
        return row[0], bytes(row[1])

    def roster_size(self) -> int:
        """Number of schools on the roster in force (0 when none was imported)."""
        return int(self.con.cursor().execute(sql.query("roster_size")).fetchone()[0])

    def data_version(self) -> str:
        """A short text that changes whenever an upload or roster is stored (cache key)."""
        row = self.con.cursor().execute(sql.query("data_version")).fetchone()
        return "-".join(str(v) for v in row)

    def counts(self) -> dict[str, int]:
        cur = self.con.cursor().execute(sql.query("counts"))
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone()))

    # --- writes --------------------------------------------------------------------------

    def import_bytes(self, data: bytes, file_name: str, source: str = "cli",
                     is_demo: bool = False, checked: ValidationResult | None = None,
                     actor: str | None = None) -> ImportResult:
        """Validate a file and store it in one transaction, or store nothing.

        Re-importing a file with the same SHA-256 is a no-op returning the earlier result.
        ``checked`` may pass the result of :func:`surveys.intake.check_bytes` already run on
        the same bytes (the upload page shows it before the school confirms). ``actor``
        (default: ``source``) is written to the audit log with the submission.
        """
        digest = hashlib.sha256(data).hexdigest()
        existing = self._existing(digest, file_name)
        if existing is not None:
            return existing
        try:
            checked = checked or check_bytes(data, file_name)
        except UnreadableFile as refusal:
            result = ImportResult(UNREADABLE, file_name, digest, refusal=refusal)
            result.quarantined = self._quarantine(data, file_name, digest, refusal=refusal)
            return result
        if not checked.ok:
            result = ImportResult(REJECTED, file_name, digest, report=checked.report)
            result.quarantined = self._quarantine(data, file_name, digest, report=checked.report)
            return result
        return self._store(data, file_name, digest, checked, source, is_demo, actor or source)

    def import_file(self, path: str | Path, source: str = "cli",
                    is_demo: bool = False) -> ImportResult:
        return self.import_bytes(read_bounded(path), Path(path).name, source, is_demo)

    def _existing(self, digest: str, file_name: str) -> ImportResult | None:
        cur = self.con.cursor()
        row = cur.execute(sql.query("find_upload"), {"sha256": digest}).fetchone()
        if row is None:
            return None
        subs = cur.execute(sql.query("submissions_of_upload"), {"upload_id": row[0]}).fetchall()
        return ImportResult(DUPLICATE, file_name, digest, upload_id=row[0],
                            submission_ids=[s[0] for s in subs], school_codes=[s[1] for s in subs])

    def _store(self, data: bytes, file_name: str, digest: str, checked: ValidationResult,
               source: str, is_demo: bool, actor: str) -> ImportResult:
        now = utc_now()
        with self.write_lock:
            # Another thread may have stored the same bytes since import_bytes looked: look
            # again under the write lock, or the insert breaks the UNIQUE sha256 constraint.
            existing = self._existing(digest, file_name)
            if existing is not None:
                return existing
            return self._insert(data, file_name, digest, checked, source, is_demo, actor, now)

    def _insert(self, data: bytes, file_name: str, digest: str, checked: ValidationResult,
                source: str, is_demo: bool, actor: str, now: _dt.datetime) -> ImportResult:
        with self.transaction() as cur:
            upload_id = cur.execute(sql.query("insert_upload"), {
                "received_at": now, "file_name": file_name, "sha256": digest,
                "size_bytes": len(data), "content": data, "source": source, "is_demo": is_demo,
                "n_warnings": len(checked.report.warnings),
                "report_json": checked.report.to_json(),
            }).fetchone()[0]
            ids = [r[0] for r in cur.execute(sql.query("next_submission_ids"),
                                             {"n": len(checked.schools)}).fetchall()]
            staged_submissions, staged_buildings = _staged(checked, ids, upload_id, now, is_demo)
            cur.register("staged_submissions", staged_submissions)
            cur.register("staged_buildings", staged_buildings)
            cur.execute(sql.query("insert_submissions"))
            cur.execute(sql.query("insert_buildings"))
            cur.unregister("staged_submissions")
            cur.unregister("staged_buildings")
            record_audit(cur, actor, "submission", ",".join(staged_submissions["school_code"]),
                         upload_id=upload_id, file_name=file_name, sha256=digest,
                         submission_ids=ids)
        return ImportResult(STORED, file_name, digest, report=checked.report, upload_id=upload_id,
                            submission_ids=ids,
                            school_codes=list(staged_submissions["school_code"]))

    def _quarantine(self, data: bytes, file_name: str, digest: str,
                    report: Report | None = None,
                    refusal: UnreadableFile | None = None) -> Path | None:
        detail = report.to_dict() if report else refusal.to_dict(file_name)
        return quarantine(self.quarantine_dir, data, file_name, digest, detail)


def quarantine(folder: Path | None, data: bytes, file_name: str, digest: str,
               detail: dict) -> Path | None:
    """Keep a rejected file's bytes and its report in ``folder`` (once per SHA-256).

    Returns the kept file, or ``None`` for an in-memory store (no folder).
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
    target.write_bytes(data)
    target.with_name(target.name + ".report.json").write_text(
        json.dumps(detail, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def _staged(checked: ValidationResult, ids: list[int], upload_id: int, now: _dt.datetime,
            is_demo: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    schools = checked.schools.copy()
    schools.insert(0, "submission_id", ids)
    schools["upload_id"] = upload_id
    schools["submitted_at"] = now
    schools["is_demo"] = is_demo
    id_of = dict(zip(schools["school_code"], ids))
    buildings = checked.buildings.copy()
    buildings.insert(0, "submission_id", buildings["school_code"].map(id_of).astype("int64"))
    return schools, buildings.drop(columns=["school_code"])


def load_current_buildings(path: str | Path | None = None) -> pd.DataFrame:
    """Current buildings of every school, read from the store at ``path``."""
    with SurveyStore(path, read_only=path is not None and Path(path).exists()) as store:
        return store.current_buildings()
