"""The survey's tables in the product database: every upload and every submission kept.

Nothing is overwritten: a newer sheet for a school becomes its current submission (the
``current_buildings`` view) while older ones stay queryable; the original bytes of every
accepted upload are kept. A file is imported in one transaction, so either every row lands or
none does. A rejected file changes nothing in the database; its bytes and report are kept in a
``rejected/`` folder beside the database file.

The database itself (short write transactions, snapshot reads, migrations, quarantine) is the
platform's :class:`core.store.Store`; this module adds the survey's tables and the import of a
survey file, whose bytes are read and checked in an isolated worker process
(:func:`surveys.intake.check_isolated`) before anything is written.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from core import access
from core.backup import Integrity, register_integrity
from core.profiles import record_use
from core.store import DatabaseBusy, Store, quarantine, record_audit, snapshot_path, utc_now
from sheets.reader import Profiles, UnreadableFile
from sheets.report import Report
from surveys import sql
from surveys.intake import check_isolated, read_bounded
from surveys.mappings import sheets_of, survey_profiles
from surveys.validate import ValidationResult

__all__ = ["DUPLICATE", "REJECTED", "STORED", "UNREADABLE", "DatabaseBusy", "ImportResult",
           "SurveyStore", "load_current_buildings", "snapshot_path", "utc_now"]

STORED, DUPLICATE, REJECTED, UNREADABLE = "stored", "duplicate", "rejected", "unreadable"
SURVEY_MIGRATIONS = ("surveys", "surveys.sql")

register_integrity("surveys", Integrity(
    tables=("uploads", "submissions", "buildings"),
    broken_rows_sql=sql.query("broken_rows"),
    migrations=SURVEY_MIGRATIONS))


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
    # the sheets as read (no cells): their column mapping, layout signature, profile applied
    sheets: list = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return {STORED: 0, DUPLICATE: 0, REJECTED: 1, UNREADABLE: 2}[self.status]


class SurveyStore(Store):
    """The survey database file (or ``":memory:"``), migrated on first write.

    Parameters
    ----------
    path
        DuckDB file; default from :func:`core.config.db_path`.
    read_only
        Open an existing file (a snapshot, a backup) for reading only.
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        super().__init__(path, read_only=read_only, migrations=(SURVEY_MIGRATIONS,))

    # --- reads ---------------------------------------------------------------------------

    def _frame(self, name: str, params: dict | None = None) -> pd.DataFrame:
        return self.frame(sql.query(name), params)

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
        row = self.one(sql.query("upload_content"), {"upload_id": upload_id})
        if row is None:
            raise KeyError(upload_id)
        return row[0], bytes(row[1])

    def roster_size(self) -> int:
        """Number of schools on the roster in force (0 when none was imported)."""
        return int(self.one(sql.query("roster_size"))[0])

    def data_version(self) -> str:
        """A short text that changes whenever an upload or roster is stored (cache key)."""
        return "-".join(str(v) for v in self.one(sql.query("data_version")))

    def counts(self) -> dict[str, int]:
        with self.read() as cur:
            cur.execute(sql.query("counts"))
            names = [d[0] for d in cur.description]
            return dict(zip(names, cur.fetchone()))

    # --- writes --------------------------------------------------------------------------

    def import_bytes(self, data: bytes, file_name: str, source: str = "cli",
                     is_demo: bool = False, checked: ValidationResult | None = None,
                     actor: str | None = None, upload_code: str | None = None,
                     profiles: Profiles | None = None) -> ImportResult:
        """Check a file and store it in one transaction, or store nothing.

        Re-importing a file with the same SHA-256 is a no-op returning the earlier result.
        ``checked`` may pass the result of :func:`surveys.intake.check_isolated` already run
        on the same bytes (the upload page shows it before the school confirms). ``actor``
        (default: ``source``) is written to the audit log with the submission.
        ``upload_code``: a school's upload code, checked again inside the storing
        transaction (revoked or expired since it was entered: nothing is stored) together
        with the rule that the sheet holds that school only. ``profiles``: column-mapping
        profiles to read with (default: those saved in this database, :mod:`core.profiles`);
        each profile a stored file was read with has its use counted.

        Raises
        ------
        core.access.AccessDenied
            When ``upload_code`` is no longer valid or belongs to another school.
        core.store.DatabaseBusy
            When another program kept the database busy for longer than a writer waits.
        """
        digest = hashlib.sha256(data).hexdigest()
        existing = self._existing(digest, file_name)
        if existing is not None:
            return existing
        try:
            if checked is None:
                saved = survey_profiles(self) if profiles is None else profiles
                checked = check_isolated(data, file_name, profiles=saved)
        except UnreadableFile as refusal:
            result = ImportResult(UNREADABLE, file_name, digest, refusal=refusal)
            result.quarantined = self._quarantine(data, file_name, digest, refusal=refusal)
            return result
        if not checked.ok:
            result = ImportResult(REJECTED, file_name, digest, report=checked.report,
                                  sheets=sheets_of(checked))
            result.quarantined = self._quarantine(data, file_name, digest, report=checked.report)
            return result
        return self._store(data, file_name, digest, checked, source, is_demo, actor or source,
                           upload_code)

    def import_file(self, path: str | Path, source: str = "cli", is_demo: bool = False,
                    profiles: Profiles | None = None) -> ImportResult:
        return self.import_bytes(read_bounded(path), Path(path).name, source, is_demo,
                                 profiles=profiles)

    def _existing(self, digest: str, file_name: str, cur=None) -> ImportResult | None:
        if cur is None:
            with self.read() as reader:
                return self._existing(digest, file_name, reader)
        row = cur.execute(sql.query("find_upload"), {"sha256": digest}).fetchone()
        if row is None:
            return None
        subs = cur.execute(sql.query("submissions_of_upload"), {"upload_id": row[0]}).fetchall()
        return ImportResult(DUPLICATE, file_name, digest, upload_id=row[0],
                            submission_ids=[s[0] for s in subs], school_codes=[s[1] for s in subs])

    def _store(self, data: bytes, file_name: str, digest: str, checked: ValidationResult,
               source: str, is_demo: bool, actor: str, upload_code: str | None) -> ImportResult:
        now = utc_now()
        with self.transaction() as cur:
            # Checked again inside the write: the snapshot the first look used may be older
            # than a file another thread or program stored meanwhile (UNIQUE sha256).
            existing = self._existing(digest, file_name, cur)
            if existing is not None:
                return existing
            if upload_code is not None:
                own = access.school_of_code_in(cur, upload_code)
                access.check_school_matches(own, checked.schools["school_code"])
            return self._insert(cur, data, file_name, digest, checked, source, is_demo, actor,
                                now)

    def _insert(self, cur, data: bytes, file_name: str, digest: str, checked: ValidationResult,
                source: str, is_demo: bool, actor: str, now: _dt.datetime) -> ImportResult:
        upload_id = cur.execute(sql.query("insert_upload"), {
            "received_at": now, "file_name": file_name, "sha256": digest,
            "size_bytes": len(data), "content": data, "source": source, "is_demo": is_demo,
            "n_warnings": checked.report.n_warnings,
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
        sheets = sheets_of(checked)
        used = sorted({p.signature for p in sheets if p.profile_applied})
        for signature in used:
            record_use(cur, signature)
        record_audit(cur, actor, "submission", ",".join(staged_submissions["school_code"]),
                     upload_id=upload_id, file_name=file_name, sha256=digest,
                     submission_ids=ids, n_buildings=len(staged_buildings),
                     **({"mapping_profiles": used} if used else {}))
        return ImportResult(STORED, file_name, digest, report=checked.report, upload_id=upload_id,
                            submission_ids=ids,
                            school_codes=list(staged_submissions["school_code"]), sheets=sheets)

    def record_refusal(self, data: bytes, file_name: str, refusal: UnreadableFile,
                       actor: str = "system") -> Path | None:
        """Keep a refused file in ``rejected/`` and write the refusal to the audit log."""
        return self._quarantine(data, file_name, hashlib.sha256(data).hexdigest(),
                                refusal=refusal, actor=actor)

    def _quarantine(self, data: bytes, file_name: str, digest: str,
                    report: Report | None = None, refusal: UnreadableFile | None = None,
                    actor: str = "system") -> Path | None:
        detail = report.to_dict() if report else refusal.to_dict(file_name)
        kept = quarantine(self.quarantine_dir, data, file_name, digest, detail)
        if refusal is not None:
            access.audit(self, actor, "upload_refused", file_name[:120], publish=False,
                         code=refusal.code, sha256=digest, size_bytes=len(data),
                         kept=kept.name if kept else None)
        return kept


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
