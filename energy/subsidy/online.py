"""Experts score online: assignments, conflicts of interest, blind scores, the chair's close.

The chair (a committee member) assigns reviewers (``reviewer`` accounts of
:mod:`core.access`) to applications, by hand or in turn (:func:`assign_round_robin`). A
reviewer is never assigned an application of their own school or district (their profile);
before the scores of an assigned application open they declare whether they have any other
conflict of interest (named in their words: a former employer, a relative …). A declared
conflict ends that assignment: nothing can be scored on it. Scores are 0–5 [points] per
review criterion (:data:`energy.subsidy.schema.REVIEW_CRITERIA`), each with an optional
comment; they can be changed until the reviewer submits. Other reviewers' scores on an
application are shown to a reviewer only after they have submitted theirs on it. The chair
follows progress (:func:`progress`) and closes scoring of a round (:func:`close_scoring`),
after which nothing is saved or submitted in that round until it is reopened. Assignments,
scores and the open/closed state all belong to the store's round (migration 007), so an
application id used again in a later round starts afresh.

Submitted scores join the Excel score sheets' rows in the ``current_subsidy_reviews`` view
(migration 003), so that both feed the same combination (:mod:`energy.subsidy.panel`):
:meth:`energy.subsidy.store.SubsidyStore.current_reviews` returns them together. Every
action is written to the audit log in the transaction that stores it.

A reviewer reaches an application only through :func:`application_for`, which refuses one
that is not assigned to them; the pages never look an application up any other way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from core import access
from core.store import record_audit, utc_now
from energy.subsidy.schema import REVIEW_CRITERIA
from energy.subsidy.store import SubsidyStore, query

SCORE_MIN, SCORE_MAX = 0.0, 5.0
CRITERIA: tuple[str, ...] = tuple(c.value for c in REVIEW_CRITERIA)
CRITERIA_EN: dict[str, str] = {c.value: c.label_en for c in REVIEW_CRITERIA}
CLOSED, REOPENED = "closed", "reopened"
# Status of one assignment, in the order it moves through.
ASSIGNED, DECLARED, SUBMITTED, CONFLICT = "assigned", "declared", "submitted", "conflict"
STATUS_TEXT = {ASSIGNED: ("待申报利益冲突", "Conflicts not yet declared"),
               DECLARED: ("评分中", "Scoring"), SUBMITTED: ("已提交", "Submitted"),
               CONFLICT: ("有利益冲突（回避）", "Conflict of interest (stands aside)")}

MESSAGES = {
    "not_assigned": ("申请 {application_id} 未分配给您。",
                     "Application {application_id} is not assigned to you."),
    "not_reviewer": ("{reviewer} 不是评审专家账号。", "{reviewer} is not a reviewer account."),
    "own_school": ("评审专家 {reviewer} 来自申请学校 {school}，须回避。",
                   "Reviewer {reviewer} works at the applying school {school} and must stand aside."),
    "own_district": ("评审专家 {reviewer} 来自申请学校所在的 {district}，须回避。",
                     "Reviewer {reviewer} works in the applicant's district {district} and must "
                     "stand aside."),
    "not_declared": ("请先申报是否存在利益冲突，再评分。",
                     "Declare any conflict of interest before scoring."),
    "has_conflict": ("您已就申请 {application_id} 申报利益冲突，不能评分。",
                     "You declared a conflict of interest on {application_id}: it cannot be "
                     "scored by you."),
    "already_declared": ("利益冲突已申报，不能更改。", "Conflicts are already declared."),
    "need_reason": ("申报利益冲突须说明原因。", "Say what the conflict of interest is."),
    "submitted": ("评分已提交，不能再修改。", "The scores are submitted and can no longer change."),
    "closed": ("评分已结束。", "Scoring is closed."),
    "bad_score": ("「{criterion}」的评分须在 0–5 分之间：{value}",
                  "The score for “{criterion}” must be between 0 and 5: {value}"),
    "unknown_criterion": ("未知评分项「{criterion}」。", "Unknown criterion “{criterion}”."),
    "incomplete": ("尚未评分：{missing_zh}。", "Not scored yet: {missing_en}."),
    "not_submitted": ("提交自己的评分后才能查看其他专家的评分。",
                      "Other reviewers' scores show once you have submitted yours."),
    "unknown_application": ("没有申请 {application_id}。", "No application {application_id}."),
}


class ReviewRefused(Exception):
    """An online-review action refused, with its reason in Chinese and English."""

    def __init__(self, code: str, **fields):
        self.code = code
        self.message_zh, self.message_en = (m.format(**fields) for m in MESSAGES[code])
        super().__init__(f"{self.message_zh} / {self.message_en}")

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en


# --- who may review what ---------------------------------------------------------------------

def _profiles(sub: SubsidyStore) -> dict[str, dict]:
    frame = access.reviewer_profiles(sub.survey)
    return {row["account"]: row for row in frame.astype(object).where(frame.notna(), None)
            .to_dict("records")}


def _applications(sub: SubsidyStore) -> dict[str, dict]:
    """Current applications by id, with the district filled from the survey where empty."""
    apps = sub.current_applications()
    schools = sub.survey.current_schools()
    districts = dict(zip(schools["school_code"], schools["district"]))
    rows = apps.astype(object).where(apps.notna(), None).to_dict("records")
    for row in rows:
        row["district"] = row.get("district") or districts.get(row["school_code"])
    return {row["application_id"]: row for row in rows}


def conflict_of(profile: Mapping | None, application: Mapping) -> tuple[str, dict] | None:
    """The standing conflict between a reviewer and an application: ``("own_school",
    fields)``, ``("own_district", fields)`` or None."""
    if not profile:
        return None
    fields = {"reviewer": profile["account"], "school": application.get("school_code"),
              "district": application.get("district")}
    if profile.get("school_code") and profile["school_code"] == application.get("school_code"):
        return "own_school", fields
    if profile.get("district") and profile["district"] == application.get("district"):
        return "own_district", fields
    return None


def _check_reviewer(profiles: dict, reviewer: str) -> dict:
    if access.account_role(reviewer) != access.REVIEWER or reviewer not in profiles:
        raise ReviewRefused("not_reviewer", reviewer=reviewer)
    return profiles[reviewer]


def assign(sub: SubsidyStore, reviewer: str, application_ids: Iterable[str],
           actor: str) -> list[str]:
    """Assign applications to a reviewer by hand; returns those newly assigned.

    Raises
    ------
    ReviewRefused
        ``not_reviewer``, ``unknown_application``, or a standing conflict (``own_school``,
        ``own_district``): then nothing is assigned.
    """
    profile = _check_reviewer(_profiles(sub), reviewer)
    apps = _applications(sub)
    wanted = list(dict.fromkeys(application_ids))
    for app_id in wanted:
        if app_id not in apps:
            raise ReviewRefused("unknown_application", application_id=app_id)
        conflict = conflict_of(profile, apps[app_id])
        if conflict:
            raise ReviewRefused(conflict[0], **conflict[1])
    with sub.survey.transaction() as cur:
        return [app_id for app_id in wanted
                if _insert_assignment(cur, reviewer, app_id, actor, "reviewer_assigned",
                                      sub.round_id)]


def _insert_assignment(cur, reviewer: str, app_id: str, actor: str, action: str | None,
                       round_id: str) -> bool:
    row = cur.execute(query("insert_assignment"), {
        "reviewer_id": reviewer, "application_id": app_id, "assigned_by": actor,
        "assigned_at": utc_now(), "round_id": round_id}).fetchone()
    if row is not None and action:
        record_audit(cur, actor, action, reviewer, application_id=app_id,
                     assignment_id=row[0])
    return row is not None


def assign_round_robin(sub: SubsidyStore, reviewers: Iterable[str], per_application: int,
                       actor: str, application_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Give every application ``per_application`` reviewers in turn, avoiding conflicts.

    Applications are taken in id order; each gets the reviewers without a standing conflict
    who have the fewest assignments so far (ties in the order given), keeping those it
    already has. An application with too few reviewers free of conflict gets those there
    are; the shortfall is in the answer.

    Returns
    -------
    DataFrame
        ``application_id, reviewers`` (list, after assignment), ``short`` (missing count).
    """
    profiles = _profiles(sub)
    names = [_check_reviewer(profiles, r)["account"] for r in dict.fromkeys(reviewers)]
    apps = _applications(sub)
    chosen = sorted(apps) if application_ids is None else list(dict.fromkeys(application_ids))
    existing = assignments(sub)
    load = {name: int((existing["reviewer_id"] == name).sum()) for name in names}
    rows, made = [], []
    for app_id in chosen:
        have = list(existing.loc[existing["application_id"] == app_id, "reviewer_id"])
        free = [n for n in names if n not in have and not conflict_of(profiles[n], apps[app_id])]
        free.sort(key=lambda n: load[n])   # stable: ties keep the order given
        for name in free[:max(0, per_application - len(have))]:
            have.append(name)
            load[name] += 1
            made.append((name, app_id))
        rows.append({"application_id": app_id, "reviewers": have,
                     "short": max(0, per_application - len(have))})
    round_id = sub.round_id
    with sub.survey.transaction() as cur:
        for name, app_id in made:
            _insert_assignment(cur, name, app_id, actor, None, round_id)
        record_audit(cur, actor, "reviewers_assigned_auto", None, n_assigned=len(made),
                     per_application=per_application)
    return pd.DataFrame(rows, columns=["application_id", "reviewers", "short"])


def assignments(sub: SubsidyStore, reviewer: str | None = None) -> pd.DataFrame:
    """Assignments of the store's round (of one reviewer, or all) with their ``status``."""
    frame = sub.survey.frame(query("assignments"), {"reviewer_id": reviewer,
                                                    "round_id": sub.round_id}, fresh=True)
    return frame.assign(status=[_status(row) for row in frame.to_dict("records")])


def _status(row: Mapping) -> str:
    if row.get("has_conflict") is True:
        return CONFLICT
    if not pd.isna(row.get("submitted_at")):
        return SUBMITTED
    return ASSIGNED if pd.isna(row.get("declared_at")) else DECLARED


# --- the reviewer's side ------------------------------------------------------------------------

def assigned_applications(sub: SubsidyStore, reviewer: str) -> pd.DataFrame:
    """The current applications assigned to ``reviewer`` (and no other), with ``status``."""
    mine = assignments(sub, reviewer)[["application_id", "status"]]
    apps = sub.current_applications()
    return apps.merge(mine, on="application_id", how="inner")


def application_for(sub: SubsidyStore, reviewer: str, application_id) -> dict:
    """One application as its reviewer sees it; the only way a reviewer reaches one.

    Raises
    ------
    ReviewRefused
        ``not_assigned`` for any application not assigned to ``reviewer`` (whether it
        exists or not).
    """
    mine = assigned_applications(sub, reviewer)
    found = mine[mine["application_id"] == str(application_id)]
    if found.empty:
        raise ReviewRefused("not_assigned", application_id=application_id)
    row = found.iloc[0]
    return dict(row.astype(object).where(row.notna(), None))


def _assignment(cur, round_id: str, reviewer: str, application_id: str):
    row = cur.execute(query("assignment"), {"round_id": round_id, "reviewer_id": reviewer,
                                            "application_id": application_id}).fetchone()
    if row is None:
        raise ReviewRefused("not_assigned", application_id=application_id)
    return row   # assignment_id, declared_at, has_conflict, submitted_at


def _check_open(cur, round_id: str) -> None:
    row = cur.execute(query("scoring_state"), {"round_id": round_id}).fetchone()
    if row is not None and row[0] == CLOSED:
        raise ReviewRefused("closed")


def declare(sub: SubsidyStore, reviewer: str, application_id: str, has_conflict: bool,
            reason: str | None = None) -> None:
    """The reviewer's declaration on one assigned application, made once.

    Raises
    ------
    ReviewRefused
        ``not_assigned``, ``closed``, ``already_declared``, or ``need_reason`` for a
        conflict without a reason.
    """
    reason = (reason or "").strip()
    if has_conflict and not reason:
        raise ReviewRefused("need_reason")
    round_id = sub.round_id
    with sub.survey.transaction() as cur:
        _check_open(cur, round_id)
        if _assignment(cur, round_id, reviewer, application_id)[1] is not None:
            raise ReviewRefused("already_declared")
        cur.execute(query("declare_conflict"), {
            "at": utc_now(), "has_conflict": bool(has_conflict), "reason": reason or None,
            "round_id": round_id, "reviewer_id": reviewer, "application_id": application_id})
        record_audit(cur, reviewer, "conflict_declared" if has_conflict
                     else "no_conflict_declared", application_id, reason=reason)


def _checked_score(criterion: str, value) -> float:
    if criterion not in CRITERIA:
        raise ReviewRefused("unknown_criterion", criterion=criterion)
    try:
        score = float(value)
    except (TypeError, ValueError):
        raise ReviewRefused("bad_score", criterion=criterion, value=value) from None
    if not (math.isfinite(score) and SCORE_MIN <= score <= SCORE_MAX):
        raise ReviewRefused("bad_score", criterion=criterion, value=value)
    return score


def _scoring_allowed(cur, round_id: str, reviewer: str, application_id: str) -> None:
    _check_open(cur, round_id)
    _, declared_at, has_conflict, submitted_at = _assignment(cur, round_id, reviewer,
                                                             application_id)
    if declared_at is None:
        raise ReviewRefused("not_declared")
    if has_conflict:
        raise ReviewRefused("has_conflict", application_id=application_id)
    if submitted_at is not None:
        raise ReviewRefused("submitted")


def save_scores(sub: SubsidyStore, reviewer: str, application_id: str,
                scores: Mapping[str, tuple[float, str | None]]) -> None:
    """Save (or change) scores: ``{criterion: (score [points, 0–5], comment)}``.

    Raises
    ------
    ReviewRefused
        Not assigned, not declared, a conflict, already submitted, closed, an unknown
        criterion or a score outside 0–5: then nothing is saved.
    """
    checked = {c: (_checked_score(c, v), (comment or "").strip() or None)
               for c, (v, comment) in scores.items()}
    round_id = sub.round_id
    with sub.survey.transaction() as cur:
        _scoring_allowed(cur, round_id, reviewer, application_id)
        now = utc_now()
        for criterion, (score, comment) in checked.items():
            cur.execute(query("upsert_online_score"), {
                "round_id": round_id, "reviewer_id": reviewer, "application_id": application_id,
                "criterion": criterion, "score": score, "comment": comment, "saved_at": now})
        record_audit(cur, reviewer, "scores_saved", application_id, n_criteria=len(checked),
                     scores={c: s for c, (s, _) in checked.items()})


def submit(sub: SubsidyStore, reviewer: str, application_id: str) -> None:
    """Submit the saved scores; every criterion must be scored. Final.

    Raises
    ------
    ReviewRefused
        As :func:`save_scores`, or ``incomplete`` naming the criteria not scored.
    """
    round_id = sub.round_id
    with sub.survey.transaction() as cur:
        _scoring_allowed(cur, round_id, reviewer, application_id)
        scored = {row[2] for row in cur.execute(query("online_scores"), {
            "round_id": round_id, "application_id": application_id,
            "reviewer_id": reviewer}).fetchall()}
        missing = [c for c in CRITERIA if c not in scored]
        if missing:
            raise ReviewRefused("incomplete", missing_zh="、".join(missing),
                                missing_en=", ".join(CRITERIA_EN[c] for c in missing))
        cur.execute(query("submit_assignment"), {"at": utc_now(), "round_id": round_id,
                                                 "reviewer_id": reviewer,
                                                 "application_id": application_id})
        record_audit(cur, reviewer, "scores_submitted", application_id)


def my_scores(sub: SubsidyStore, reviewer: str, application_id: str) -> pd.DataFrame:
    """The reviewer's own scores on an assigned application: ``criterion, score, comment``."""
    application_for(sub, reviewer, application_id)
    frame = sub.survey.frame(query("online_scores"), {
        "round_id": sub.round_id, "application_id": application_id, "reviewer_id": reviewer},
        fresh=True)
    return frame[["criterion", "score", "comment"]]


def panel_scores(sub: SubsidyStore, reviewer: str, application_id: str) -> pd.DataFrame:
    """Every submitted score on an application (``reviewer_id, criterion, score, comment``),
    for a reviewer who has submitted theirs on it.

    Raises
    ------
    ReviewRefused
        ``not_assigned``, or ``not_submitted`` before the reviewer has submitted.
    """
    if application_for(sub, reviewer, application_id)["status"] != SUBMITTED:
        raise ReviewRefused("not_submitted")
    return sub.survey.frame(query("submitted_scores"), {"round_id": sub.round_id,
                                                        "application_id": application_id},
                            fresh=True)


# --- the chair's side ---------------------------------------------------------------------------

def progress(sub: SubsidyStore) -> pd.DataFrame:
    """Per reviewer: ``reviewer_id, full_name, n_assigned, n_declared, n_conflicts,
    n_submitted`` (declared counts those declared without conflict and not yet submitted)."""
    frame = assignments(sub)
    profiles = _profiles(sub)
    rows = []
    for name in sorted(set(profiles) | set(frame["reviewer_id"])):
        status = frame.loc[frame["reviewer_id"] == name, "status"]
        rows.append({"reviewer_id": name,
                     "full_name": (profiles.get(name) or {}).get("full_name") or name,
                     "n_assigned": len(status), "n_declared": int((status == DECLARED).sum()),
                     "n_conflicts": int((status == CONFLICT).sum()),
                     "n_submitted": int((status == SUBMITTED).sum())})
    return pd.DataFrame(rows, columns=["reviewer_id", "full_name", "n_assigned", "n_declared",
                                       "n_conflicts", "n_submitted"])


def scoring_open(sub: SubsidyStore) -> bool:
    """False once the chair has closed scoring of the store's round (and not reopened it)."""
    row = sub.survey.one(query("scoring_state"), {"round_id": sub.round_id}, fresh=True)
    return row is None or row[0] != CLOSED


def close_scoring(sub: SubsidyStore, actor: str) -> None:
    """The chair closes scoring of the store's round: nothing more is saved or submitted
    in it (other rounds are not affected)."""
    _scoring_event(sub, CLOSED, actor, "scoring_closed")


def reopen_scoring(sub: SubsidyStore, actor: str) -> None:
    _scoring_event(sub, REOPENED, actor, "scoring_reopened")


def _scoring_event(sub: SubsidyStore, action: str, actor: str, audit_action: str) -> None:
    round_id = sub.round_id
    with sub.survey.transaction() as cur:
        cur.execute(query("insert_scoring_event"), {"round_id": round_id, "action": action,
                                                    "actor": actor, "at": utc_now()})
        record_audit(cur, actor, audit_action, None, round_id=round_id)
