"""收集项目申报意向: the projects schools plan to apply for in a round, before the call.

A school states per planned project its type, a rough investment [CNY] and a short
description, through the API (:func:`add_intention`) or a sheet (:func:`import_intentions`,
read in the isolated worker by :func:`energy.subsidy.intake.check_intentions` with the
declared :data:`energy.subsidy.schema.INTENTION`), either by the committee or by the school
itself with its upload code (the upload page): the code is checked again inside the write
that stores the intention, as for a survey, and a school states intentions for itself only. The committee sees the demand by type and
district (:func:`intention_demand`) before it sets the round's budget. An intention becomes
an application when the school applies: :func:`link_intention` keeps the link.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from core import access
from core.store import record_audit, utc_now
from energy.subsidy.intake import check_intentions
from energy.subsidy.rounds import INTENTIONS, OPEN, RoundRefused
from energy.subsidy.schema import PROJECT_TYPES
from energy.subsidy.store import SubsidyStore, query
from sheets.cells import canonical_school_code
from sheets.reader import UnreadableFile
from sheets.report import Report
from surveys.intake import isolated
from surveys.store import SurveyStore

TYPES = tuple(c.value for c in PROJECT_TYPES)
STORED, REJECTED, UNREADABLE = "stored", "rejected", "unreadable"
DEMAND_COLUMNS = ["district", "project_type", "n_intentions", "n_schools",
                  "rough_investment_cny", "n_applied"]


@dataclass
class IntentionImport:
    """Outcome of one intention sheet: stored rows' ids, or the report / refusal."""

    status: str
    file_name: str
    report: Report | None = None
    intention_ids: list[int] = field(default_factory=list)
    refusal: UnreadableFile | None = None


def _school(sub: SubsidyStore, school_code: str) -> dict:
    schools = sub.survey.current_schools()
    hit = schools[schools["school_code"] == school_code]
    return {} if hit.empty else hit.iloc[0].to_dict()


def _checked(school_code, project_type, rough_investment_cny) -> tuple[str, str, float]:
    code = canonical_school_code(school_code)
    if not code:
        raise RoundRefused(f"学校代码无效：{school_code!r}", f"Not a school code: {school_code!r}")
    if project_type not in TYPES:
        raise RoundRefused(f"项目类型应为 {'、'.join(TYPES)} 之一：{project_type!r}",
                           f"Project type must be one of {', '.join(TYPES)}: {project_type!r}")
    amount = float(rough_investment_cny) if rough_investment_cny is not None else math.nan
    if not (math.isfinite(amount) and amount > 0):
        raise RoundRefused("预计投资须为正数（元）。", "The rough investment must be a positive CNY "
                           "amount.")
    return code, project_type, amount


def _code_allows(cur, upload_code: str | None, school_codes) -> None:
    """With a school's upload code: the code is valid now and every row is its school's.

    Raises
    ------
    core.access.AccessDenied
        Unknown, expired or revoked code, or a row of another school (bilingual).
    """
    if upload_code is not None:
        access.check_school_matches(access.school_of_code_in(cur, upload_code), school_codes)


def _insert(cur, sub: SubsidyStore, round_id: str, row: dict, source: str, actor: str,
            is_demo: bool, file_name: str | None) -> int:
    code, kind, amount = _checked(row.get("school_code"), row.get("project_type"),
                                  row.get("rough_investment_cny"))
    school = _school(sub, code)
    return cur.execute(query("insert_intention"), {
        "round_id": round_id, "school_code": code,
        "school_name": school.get("school_name") or row.get("school_name"),
        "district": school.get("district") or row.get("district"), "project_type": kind,
        "rough_investment_cny": amount, "description": (row.get("description") or None),
        "source": source, "file_name": file_name, "submitted_by": actor,
        "submitted_at": utc_now(), "application_id": row.get("application_id"),
        "is_demo": is_demo}).fetchone()[0]


def add_intention(sub: SubsidyStore, school_code: str, project_type: str,
                  rough_investment_cny: float, actor: str, description: str | None = None,
                  round_id: str | None = None, source: str = "api",
                  is_demo: bool = False, upload_code: str | None = None) -> int:
    """Store one planned project of a school; returns its ``intention_id``.

    Parameters
    ----------
    project_type
        One of :data:`energy.subsidy.schema.PROJECT_TYPES` (光伏, 照明改造 …).
    rough_investment_cny
        The planned investment, roughly. [CNY]
    round_id
        The round (``None``: the store's round).
    upload_code
        The school's upload code, when the school states it itself.

    Raises
    ------
    RoundRefused
        A bad school code, unknown project type or non-positive investment.
    core.access.AccessDenied
        ``upload_code`` is no longer valid or belongs to another school.
    """
    row = {"school_code": school_code, "project_type": project_type,
           "rough_investment_cny": rough_investment_cny, "description": description}
    target = sub.round_id if round_id is None else round_id
    with sub.survey.transaction() as cur:
        _code_allows(cur, upload_code, [canonical_school_code(school_code) or ""])
        new_id = _insert(cur, sub, target, row, source, actor, is_demo, None)
        record_audit(cur, actor, "intention_added", school_code, round_id=target,
                     project_type=project_type, intention_id=new_id,
                     rough_investment_cny=round(float(rough_investment_cny)))
    return new_id


def add_intentions(sub: SubsidyStore, rows: list[dict], actor: str,
                   round_id: str | None = None, source: str = "api",
                   is_demo: bool = False) -> list[int]:
    """Store several intentions in one transaction (all or none), each a dict of
    :func:`add_intention`'s fields (and ``application_id`` when already applied)."""
    target = sub.round_id if round_id is None else round_id
    with sub.survey.transaction() as cur:
        ids = [_insert(cur, sub, target, row, source, actor, is_demo, None) for row in rows]
        record_audit(cur, actor, "intentions_imported", source, round_id=target,
                     n_rows=len(ids))
    return ids


def import_intentions(sub: SubsidyStore, data: bytes, file_name: str, actor: str,
                      round_id: str | None = None, source: str = "sheet",
                      is_demo: bool = False, upload_code: str | None = None
                      ) -> IntentionImport:
    """Read an intention sheet (in the isolated worker) and store all of its rows, or none.

    With a school's ``upload_code`` every row must be that school's.

    Raises
    ------
    core.access.AccessDenied
        ``upload_code`` is no longer valid, or the sheet holds another school's rows.
    """
    try:
        checked = isolated(check_intentions, data, file_name)
    except UnreadableFile as refusal:
        return IntentionImport(UNREADABLE, file_name, refusal=refusal)
    if not checked.ok:
        return IntentionImport(REJECTED, file_name, report=checked.report)
    target = sub.round_id if round_id is None else round_id
    rows = checked.frame.astype(object).where(checked.frame.notna(), None).to_dict("records")
    with sub.survey.transaction() as cur:
        _code_allows(cur, upload_code, [canonical_school_code(r.get("school_code")) or ""
                                        for r in rows])
        ids = [_insert(cur, sub, target, row, source, actor, is_demo, file_name)
               for row in rows]
        record_audit(cur, actor, "intentions_imported", file_name, round_id=target,
                     n_rows=len(ids))
    return IntentionImport(STORED, file_name, checked.report, ids)


def intentions(sub: SubsidyStore, round_id: str | None = None) -> pd.DataFrame:
    """Every intention of a round, in the order stated."""
    target = sub.round_id if round_id is None else round_id
    return sub.survey.frame(query("intentions"), {"round_id": target}, fresh=True)


def intention_call(survey: SurveyStore) -> tuple[str, str] | None:
    """``(round_id, name)`` of the current round while it takes intentions (opened or
    collecting them), else None. Reads only: the upload page asks on every run, also of a
    database the subsidy side has never opened, and must not wait for a writer."""
    if not survey.one(query("has_rounds"))[0]:
        return None
    row = survey.one(query("intention_call"))
    return None if row is None or row[2] not in (OPEN, INTENTIONS) else (row[0], row[1])


def school_intentions(survey: SurveyStore, school_code: str, round_id: str) -> pd.DataFrame:
    """One school's intentions of a round, in the order stated (read only)."""
    frame = survey.frame(query("intentions"), {"round_id": round_id})
    return frame[frame["school_code"] == canonical_school_code(school_code)].reset_index(
        drop=True)


def intention_demand(sub: SubsidyStore, round_id: str | None = None) -> pd.DataFrame:
    """Demand by district and project type: ``district, project_type, n_intentions,
    n_schools, rough_investment_cny`` [CNY] and ``n_applied`` (those that became
    applications), largest investment first (:data:`energy.subsidy.round_outputs.DEMAND`)."""
    frame = intentions(sub, round_id)
    if frame.empty:
        return pd.DataFrame(columns=DEMAND_COLUMNS)
    frame = frame.assign(district=frame["district"].fillna("—"),
                         applied=frame["application_id"].notna())
    grouped = frame.groupby(["district", "project_type"], as_index=False).agg(
        n_intentions=("intention_id", "size"), n_schools=("school_code", "nunique"),
        rough_investment_cny=("rough_investment_cny", "sum"), n_applied=("applied", "sum"))
    return grouped.sort_values(["rough_investment_cny", "district"], ascending=[False, True]
                               ).reset_index(drop=True)[DEMAND_COLUMNS]


def link_intention(sub: SubsidyStore, intention_id: int, application_id: str, actor: str,
                   round_id: str | None = None) -> None:
    """Record that an intention became an application (of the same school and round).

    Raises
    ------
    RoundRefused
        No such intention or application in the round, or another school's application.
    """
    target = sub.round_id if round_id is None else round_id
    stated = intentions(sub, target)
    mine = stated[stated["intention_id"] == int(intention_id)]
    apps = sub.current_applications(target)
    app = apps[apps["application_id"] == application_id]
    if mine.empty or app.empty:
        raise RoundRefused(f"本轮没有意向 {intention_id} 或申请 {application_id}。",
                           f"No intention {intention_id} or application {application_id} in "
                           f"round {target}.")
    if mine.iloc[0]["school_code"] != app.iloc[0]["school_code"]:
        raise RoundRefused("意向与申请不属于同一学校。",
                           "The intention and the application are of different schools.")
    with sub.survey.transaction() as cur:
        cur.execute(query("link_intention"), {"intention_id": int(intention_id),
                                              "application_id": application_id,
                                              "round_id": target})
        record_audit(cur, actor, "intention_applied", application_id, round_id=target,
                     intention_id=int(intention_id))
