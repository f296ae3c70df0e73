"""Subsidy tables in the survey database: every sheet and every ranking run kept.

The tables live in the same DuckDB file as the surveys (migrations of the ``subsidy``
component, recorded in ``schema_migrations``). Like survey uploads, an application or
expert-score sheet is stored in one transaction with its original bytes, re-storing the same
bytes (same SHA-256 and kind) is a no-op, a newer sheet for an application becomes current
while older ones stay queryable, and a rejected or refused file changes nothing in the
database: its bytes and report go to ``rejected/subsidy/`` beside the database file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core import sql
from core.store import quarantine, record_audit
from energy.subsidy.intake import APPLICATIONS, REVIEWS, SheetResult, check_sheet
from energy.subsidy.schema import (
    APPLICATION,
    APPLICATION_FRAME_COLUMNS,
    REVIEW,
    REVIEW_FRAME_COLUMNS,
)
from energy.subsidy.verify import CLARIFICATION_COLUMNS, CONFIRMED, CORRECTED
from sheets.reader import UnreadableFile
from sheets.report import Report
from sheets.safety import DEFAULT_LIMITS
from sheets.values import typed_frame
from surveys.intake import isolated, read_bounded
from surveys.store import SurveyStore

SQL_PACKAGE = "energy.subsidy.sql"
COMPONENT = "subsidy"
STORED, DUPLICATE, REJECTED, UNREADABLE = "stored", "duplicate", "rejected", "unreadable"
DEFAULT_ROUND = "2026"  # the round of rows stored before rounds existed (migration 004)
_SPECS = {APPLICATIONS: (APPLICATION, APPLICATION_FRAME_COLUMNS, "applications"),
          REVIEWS: (REVIEW, REVIEW_FRAME_COLUMNS, "reviews")}


def query(name: str) -> str:
    """Text of ``energy/subsidy/sql/queries/<name>.sql``."""
    return sql.query(name, SQL_PACKAGE)


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


@dataclass
class SheetImport:
    """Outcome of storing one application or score sheet.

    ``frame`` holds the sheet's clean rows (also for a duplicate, read back from the
    store); it is empty when the sheet was rejected or refused.
    """

    status: str  # stored, duplicate, rejected or unreadable
    kind: str
    file_name: str
    sha256: str
    report: Report | None = None
    upload_id: int | None = None
    frame: pd.DataFrame | None = None
    refusal: UnreadableFile | None = None
    quarantined: Path | None = None

    @property
    def exit_code(self) -> int:
        return {STORED: 0, DUPLICATE: 0, REJECTED: 1, UNREADABLE: 2}[self.status]


class SubsidyStore:
    """The subsidy tables of a survey database, migrated on open.

    Parameters
    ----------
    target
        An open :class:`surveys.store.SurveyStore` (shared, not closed by this object), or
        a DuckDB file path (``None``: the default database; ``":memory:"``).
    round_id
        The round (:mod:`energy.subsidy.rounds`) this object reads and writes by default;
        ``None``: the current round (the latest one, looked up at each use).
    """

    def __init__(self, target: SurveyStore | str | Path | None = None,
                 round_id: str | None = None):
        self._owns = not isinstance(target, SurveyStore)
        self.survey = SurveyStore(target) if self._owns else target
        self.survey.ensure_migrations(COMPONENT, SQL_PACKAGE)
        self._round_id = round_id

    def close(self) -> None:
        if self._owns:
            self.survey.close()

    def __enter__(self) -> SubsidyStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def quarantine_dir(self) -> Path | None:
        folder = self.survey.quarantine_dir
        return None if folder is None else folder / COMPONENT

    @property
    def round_id(self) -> str:
        """The round read and written when a method is given none."""
        if self._round_id is not None:
            return self._round_id
        row = self.survey.one(query("current_round"), fresh=True)
        return DEFAULT_ROUND if row is None or row[0] is None else row[0]

    def in_round(self, round_id: str | None) -> SubsidyStore:
        """The same database seen through another round (``None``: the current one)."""
        return SubsidyStore(self.survey, round_id)

    def _round(self, round_id: str | None) -> str:
        return self.round_id if round_id is None else str(round_id)

    # --- reads ---------------------------------------------------------------------------

    def execute(self, query_text: str, params=None):
        """One read query of one's own over the database (see :meth:`core.store.Store.execute`)."""
        return self.survey.execute(query_text, params)

    def _frame(self, name: str, params: dict | None = None) -> pd.DataFrame:
        return self.survey.frame(query(name), params)

    def _typed(self, kind: str, frame: pd.DataFrame) -> pd.DataFrame:
        spec, columns, _ = _SPECS[kind]
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
        return typed_frame(rows, columns, spec)

    def current_applications(self, round_id: str | None = None) -> pd.DataFrame:
        """The latest submitted version of every application of a round (canonical units)."""
        return self._typed(APPLICATIONS, self._frame("current_applications",
                                                     {"round_id": self._round(round_id)}))

    def current_reviews(self, round_id: str | None = None) -> pd.DataFrame:
        """The latest score of every reviewer, application and criterion of a round."""
        return self._typed(REVIEWS, self._frame("current_reviews",
                                                {"round_id": self._round(round_id)}))

    def rows_of(self, upload_id: int, kind: str) -> pd.DataFrame:
        """The clean rows stored from one upload."""
        name = "applications_of_upload" if kind == APPLICATIONS else "reviews_of_upload"
        return self._typed(kind, self._frame(name, {"upload_id": upload_id}))

    def uploads(self, kind: str | None = None) -> pd.DataFrame:
        """Every stored sheet, newest first (without the bytes)."""
        return self._frame("upload_history", {"kind": kind})

    def original_upload(self, upload_id: int) -> tuple[str, bytes]:
        """File name and the exact bytes of a stored sheet."""
        row = self.survey.one(query("upload_content"), {"upload_id": upload_id})
        if row is None:
            raise KeyError(upload_id)
        return row[0], bytes(row[1])

    def runs(self, round_id: str | None = None, every_round: bool = False) -> pd.DataFrame:
        """The ranking runs of a round (or of every round), newest first."""
        return self._frame("runs", {"round_id": None if every_round
                                    else self._round(round_id)})

    def run(self, run_id: int) -> dict:
        """One ranking run: rubric text, parameters and result JSON as stored."""
        with self.survey.read() as cur:
            cur.execute(query("run"), {"run_id": run_id})
            row = cur.fetchone()
            if row is None:
                raise KeyError(run_id)
            return dict(zip([d[0] for d in cur.description], row))

    def run_results(self, run_id: int) -> pd.DataFrame:
        return self._frame("run_results", {"run_id": run_id})

    # --- sheets ----------------------------------------------------------------------------

    def import_bytes(self, data: bytes, file_name: str, kind: str = APPLICATIONS,
                     source: str = "cli", is_demo: bool = False,
                     application_ids: Collection[str] | None = None,
                     round_id: str | None = None, own: bool = False) -> SheetImport:
        """Validate a sheet and store it in one transaction, or store nothing.

        Parameters
        ----------
        kind
            ``"applications"`` or ``"reviews"``.
        application_ids
            For score sheets: the applications under review (others are reported).
        round_id
            The round the sheet belongs to (``None``: this object's round).
        own
            The bytes were written by this program (the demo's sheets): checked in this
            process rather than in the isolated worker. Never for a file from outside.
        """
        digest = hashlib.sha256(data).hexdigest()
        found = self._existing(kind, file_name, digest)
        if found is not None:
            return found
        ids = None if application_ids is None else sorted(application_ids)
        try:
            checked = check_sheet(data, file_name, kind, DEFAULT_LIMITS, ids) if own else \
                isolated(check_sheet, data, file_name, kind, DEFAULT_LIMITS, ids)
        except UnreadableFile as refusal:
            return SheetImport(UNREADABLE, kind, file_name, digest, refusal=refusal,
                               quarantined=self._quarantine(data, file_name, digest,
                                                            refusal.to_dict(file_name)))
        if not checked.ok:
            return SheetImport(REJECTED, kind, file_name, digest, report=checked.report,
                               quarantined=self._quarantine(data, file_name, digest,
                                                            checked.report.to_dict()))
        with self.survey.transaction() as cur:
            # Looked for again inside the write: the snapshot of the first look may be older
            # than a sheet stored meanwhile (UNIQUE kind, sha256).
            found = self._existing(kind, file_name, digest, cur)
            if found is not None:
                return found
            upload_id = self._store(cur, data, file_name, digest, checked, source, is_demo,
                                    self._round(round_id))
        return SheetImport(STORED, kind, file_name, digest, checked.report, upload_id,
                           checked.frame)

    def _existing(self, kind: str, file_name: str, digest: str,
                  cur=None) -> SheetImport | None:
        if cur is None:
            with self.survey.read() as reader:
                found = reader.execute(query("find_upload"),
                                       {"kind": kind, "sha256": digest}).fetchone()
        else:
            found = cur.execute(query("find_upload"), {"kind": kind, "sha256": digest}).fetchone()
        if found is None:
            return None
        return SheetImport(DUPLICATE, kind, file_name, digest, upload_id=found[0],
                           frame=self.rows_of(found[0], kind))

    def import_file(self, path: str | Path, kind: str = APPLICATIONS, source: str = "cli",
                    is_demo: bool = False,
                    application_ids: Collection[str] | None = None,
                    round_id: str | None = None) -> SheetImport:
        return self.import_bytes(read_bounded(path), Path(path).name, kind, source, is_demo,
                                 application_ids, round_id)

    def _store(self, cur, data: bytes, file_name: str, digest: str, checked: SheetResult,
               source: str, is_demo: bool, round_id: str) -> int:
        now = _utc_now()
        upload_id = cur.execute(query("insert_upload"), {
            "kind": checked.kind, "received_at": now, "file_name": file_name,
            "sha256": digest, "size_bytes": len(data), "content": data, "source": source,
            "is_demo": is_demo, "n_rows": len(checked.frame),
            "n_warnings": checked.report.n_warnings,
            "report_json": checked.report.to_json(), "round_id": round_id}).fetchone()[0]
        staged = checked.frame.assign(upload_id=upload_id, submitted_at=now,
                                      is_demo=is_demo, round_id=round_id)
        cur.register("staged_rows", staged)
        cur.execute(query(f"insert_{_SPECS[checked.kind][2]}"))
        cur.unregister("staged_rows")
        return upload_id

    def _quarantine(self, data: bytes, file_name: str, digest: str, detail: dict) -> Path | None:
        return quarantine(self.quarantine_dir, data, file_name, digest, detail)

    # --- runs ------------------------------------------------------------------------------

    def record_run(self, result, is_demo: bool = False, round_id: str | None = None) -> int:
        """Store a :class:`energy.subsidy.ranking.RankingResult` with its rubric text, in a
        round (``None``: this object's round)."""
        with self.survey.transaction() as cur:
            run_id = cur.execute(query("insert_run"), {
                "run_at": _utc_now(), "rubric_name": result.rubric.name,
                "rubric_version": result.rubric.version,
                "rubric_sha256": result.rubric.sha256, "rubric_toml": result.rubric.text,
                "method": result.rubric.method, "budget_cny": result.budget_cny,
                "parameters_json": json.dumps(result.parameters, ensure_ascii=False,
                                              default=str),
                "result_json": result.to_json(), "is_demo": is_demo,
                "round_id": self._round(round_id)}).fetchone()[0]
            cur.register("staged_results", result.run_rows().assign(run_id=run_id))
            cur.execute(query("insert_run_results"))
            cur.unregister("staged_results")
        return run_id

    # --- held claims -----------------------------------------------------------------------

    def clarifications(self, round_id: str | None = None) -> pd.DataFrame:
        """Every committee decision on a held claim of a round, oldest first
        (:data:`energy.subsidy.verify.CLARIFICATION_COLUMNS` and ``clarification_id``)."""
        frame = self._frame("clarifications", {"round_id": self._round(round_id)})
        return frame if len(frame) else pd.DataFrame(columns=["clarification_id",
                                                              *CLARIFICATION_COLUMNS])

    def clarify(self, application_id: str, action: str, claimed_kwh: float, actor: str,
                reason: str, figure_kwh: float | None = None,
                round_id: str | None = None) -> int:
        """Record a committee member's decision on a held claim of a round (``None``: this
        object's round), with the audit entry.

        Parameters
        ----------
        action
            ``confirmed`` (the claim stands: scored at ``claimed_kwh``) or ``corrected``
            (scored at ``figure_kwh`` from now on).
        claimed_kwh
            The claim decided on, as the application states it. [kWh/yr]
        reason
            Why: what the school answered, the document seen (required).
        figure_kwh
            The corrected figure (``corrected`` only). [kWh/yr]

        Raises
        ------
        ValueError
            Unknown action, empty reason, or a missing or non-positive figure.
        """
        figure = claimed_kwh if action == CONFIRMED else figure_kwh
        if action not in (CONFIRMED, CORRECTED):
            raise ValueError(f"action must be {CONFIRMED} or {CORRECTED}: {action!r}")
        if not (reason or "").strip():
            raise ValueError("a reason is required / 须填写理由")
        if figure is None or not float(figure) > 0:
            raise ValueError("the figure must be a positive number of kWh / 数值须为正数")
        round_id = self._round(round_id)
        with self.survey.transaction() as cur:
            new_id = cur.execute(query("insert_clarification"), {
                "round_id": round_id, "application_id": application_id, "action": action,
                "claimed_kwh": float(claimed_kwh), "figure_kwh": float(figure),
                "reason": reason.strip(), "actor": actor,
                "decided_at": _utc_now()}).fetchone()[0]
            record_audit(cur, actor, f"claim_{action}", application_id,
                         claimed_kwh=round(float(claimed_kwh)), figure_kwh=round(float(figure)),
                         reason=reason.strip(), clarification_id=new_id, round_id=round_id)
        return new_id
