"""Yearly subsidy rounds (2027年度 …): call dates, rubric, budget, caps and status.

A round opens (``open``), collects intentions (``intentions``, :mod:`energy.subsidy.intentions`),
takes applications (``applications``), is reviewed and ranked (``review``) and is decided
(``decided``, :func:`energy.subsidy.outcomes.decide_round`). Every upload, application, score,
ranking run and reviewer assignment belongs to one round (migration 004); a
:class:`~energy.subsidy.store.SubsidyStore` reads and writes the current round, the latest one,
unless given another, and past rounds stay readable.

A new round starts from the shipped rubric or from another round's rubric text (copied, so
editing one round's rubric never changes another's). Its budget is either set by the
committee or, until then, the round's default rule: a share (40 %) of the subsidy its
applications request, rounded to 100,000 CNY; :func:`budget_of` says which applies.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime

import pandas as pd

from core.store import record_audit, utc_now
from energy.subsidy.rubric import Cap, Rubric, default_rubric_text, load_rubric, parse_rubric
from energy.subsidy.store import SubsidyStore, query

OPEN, INTENTIONS, APPLICATIONS, REVIEW, DECIDED = (
    "open", "intentions", "applications", "review", "decided")
STATUSES = (OPEN, INTENTIONS, APPLICATIONS, REVIEW, DECIDED)
STATUS_TEXT = {OPEN: ("已开启", "Opened"), INTENTIONS: ("收集申报意向", "Collecting intentions"),
               APPLICATIONS: ("受理申请", "Taking applications"), REVIEW: ("评审中", "Under review"),
               DECIDED: ("已决定", "Decided")}
DEFAULT_BUDGET_SHARE = 0.4   # of the subsidy requested [-]
BUDGET_STEP_CNY = 100_000.0  # the default budget is rounded to 10 万元
FALLBACK_BUDGET_CNY = 1_000_000.0  # the default when nothing is requested yet [CNY]


class RoundRefused(ValueError):
    """A round action refused, with its reason in Chinese and English."""

    def __init__(self, zh: str, en: str):
        self.message_zh, self.message_en = zh, en
        super().__init__(f"{zh} / {en}")

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en


@dataclass(frozen=True)
class Round:
    """One stored round (the columns of ``subsidy_rounds``)."""

    round_id: str
    name: str
    status: str
    intention_opens: date | None = None
    intention_closes: date | None = None
    application_opens: date | None = None
    application_closes: date | None = None
    rubric_toml: str | None = None
    rubric_sha256: str | None = None
    budget_cny: float | None = None
    budget_default_share: float = DEFAULT_BUDGET_SHARE
    caps_json: str | None = None
    from_round: str | None = None
    created_at: datetime | None = None
    created_by: str = ""
    decided_at: datetime | None = None
    decided_run_id: int | None = None
    is_demo: bool = False

    def rubric(self) -> Rubric:
        """The rubric this round ranks with (the shipped one when the round has none)."""
        return load_rubric() if self.rubric_toml is None else parse_rubric(
            self.rubric_toml, f"round {self.round_id}")

    def caps(self) -> tuple[Cap, ...] | None:
        """The round's shortlist caps; ``None``: the rubric's."""
        if self.caps_json is None:
            return None
        return tuple(Cap(c["group"], c["kind"], float(c["limit"]))
                     for c in json.loads(self.caps_json))

    @property
    def status_text(self) -> tuple[str, str]:
        return STATUS_TEXT.get(self.status, (self.status, self.status))


@dataclass(frozen=True)
class RoundBudget:
    """A round's budget [CNY] and whether it is the default rule's (not yet set)."""

    amount_cny: float
    is_default: bool
    share: float

    def note(self, lang: str) -> str:
        if not self.is_default:
            return "本轮预算（已设定）" if lang == "zh" else "This round's budget (set)"
        pct = f"{self.share:.0%}"
        return (f"默认：申请补助总额的 {pct}（本轮预算尚未设定）" if lang == "zh" else
                f"Default: {pct} of the subsidy requested (the round's budget is not set yet)")


def round_id_of(name: str) -> str:
    """The round id in a name: ``2027年度`` → ``2027``; ``2027`` stays."""
    found = re.search(r"\d{4}", str(name))
    if found is None:
        raise RoundRefused(f"轮次名称应含年份（如 2027年度）：{name!r}",
                           f"A round name holds its year (e.g. 2027年度): {name!r}")
    return found.group(0)


def _row_to_round(row: dict) -> Round:
    known = {f.name for f in fields(Round)}
    values = {k: (None if _missing(v) else v) for k, v in row.items() if k in known}
    values["budget_default_share"] = values.get("budget_default_share") or DEFAULT_BUDGET_SHARE
    return Round(**values)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def get_round(sub: SubsidyStore, round_id: str | None = None) -> Round:
    """One round (``None``: the store's round).

    Raises
    ------
    KeyError
        No such round.
    """
    wanted = sub.round_id if round_id is None else str(round_id)
    with sub.survey.read(fresh=True) as cur:
        cur.execute(query("round"), {"round_id": wanted})
        row = cur.fetchone()
        if row is None:
            raise KeyError(wanted)
        return _row_to_round(dict(zip([d[0] for d in cur.description], row)))


def rounds(sub: SubsidyStore) -> pd.DataFrame:
    """Every round, newest first (without the rubric text)."""
    return sub.survey.frame(query("rounds"), fresh=True)


def open_round(sub: SubsidyStore, name: str, actor: str, from_round: str | None = None,
               budget_cny: float | None = None, caps: tuple[Cap, ...] | None = None,
               intention_dates: tuple[date | None, date | None] = (None, None),
               application_dates: tuple[date | None, date | None] = (None, None),
               rubric_text: str | None = None, is_demo: bool = False,
               budget_default_share: float = DEFAULT_BUDGET_SHARE) -> Round:
    """Open a new round, its rubric copied from ``from_round`` (else the shipped one).

    Parameters
    ----------
    name
        ``2027年度`` or ``2027``; the round id is its year.
    from_round
        The round whose rubric text the new one starts from (e.g. last year's).
    budget_cny
        The budget, if already known [CNY]; otherwise the default rule applies
        (``budget_default_share`` of the subsidy requested).
    rubric_text
        A rubric of its own (TOML), instead of a copy.

    Raises
    ------
    RoundRefused
        No year in the name, the round exists already, ``from_round`` is unknown, or a
        non-positive budget.
    energy.subsidy.rubric.RubricError
        ``rubric_text`` is not a valid rubric.
    """
    round_id = round_id_of(name)
    label = f"{round_id}年度" if str(name).strip() == round_id else str(name).strip()
    if budget_cny is not None and not budget_cny > 0:
        raise RoundRefused("预算须为正数。", "The budget must be a positive amount.")
    text = rubric_text if rubric_text is not None else _rubric_text_of(sub, from_round)
    parse_rubric(text, f"round {round_id}")
    with sub.survey.transaction() as cur:
        if cur.execute(query("round"), {"round_id": round_id}).fetchone() is not None:
            raise RoundRefused(f"轮次 {round_id} 已存在。", f"Round {round_id} exists already.")
        cur.execute(query("insert_round"), {
            "round_id": round_id, "name": label,
            "intention_opens": intention_dates[0], "intention_closes": intention_dates[1],
            "application_opens": application_dates[0],
            "application_closes": application_dates[1], "rubric_toml": text,
            "rubric_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "budget_cny": budget_cny, "budget_default_share": budget_default_share,
            "caps_json": None if caps is None else json.dumps(
                [{"group": c.group, "kind": c.kind, "limit": c.limit} for c in caps]),
            "status": OPEN, "from_round": from_round, "created_at": utc_now(),
            "created_by": actor, "is_demo": is_demo})
        record_audit(cur, actor, "round_opened", label, round_id=round_id,
                     from_round=from_round or "—",
                     **({} if budget_cny is None else {"budget_cny": round(budget_cny)}))
    return get_round(sub, round_id)


def _rubric_text_of(sub: SubsidyStore, from_round: str | None) -> str:
    if from_round is None:
        return default_rubric_text()
    try:
        previous = get_round(sub, from_round)
    except KeyError:
        raise RoundRefused(f"找不到轮次 {from_round}。", f"No round {from_round}.") from None
    return previous.rubric_toml if previous.rubric_toml is not None else default_rubric_text()


def set_status(sub: SubsidyStore, round_id: str, status: str, actor: str) -> Round:
    """Move a round to ``status`` (one of :data:`STATUSES` except ``decided``, which only
    :func:`energy.subsidy.outcomes.decide_round` sets).

    Raises
    ------
    RoundRefused
        Unknown status, ``decided``, or the round is decided already.
    """
    if status not in STATUSES or status == DECIDED:
        raise RoundRefused(f"状态应为 {'、'.join(STATUSES[:-1])} 之一：{status!r}",
                           f"Status must be one of {', '.join(STATUSES[:-1])}: {status!r}")
    current = get_round(sub, round_id)
    if current.status == DECIDED:
        raise RoundRefused(f"轮次 {round_id} 已决定，状态不能再改。",
                           f"Round {round_id} is decided: its status no longer changes.")
    with sub.survey.transaction() as cur:
        cur.execute(query("set_round_status"), {"round_id": round_id, "status": status})
        record_audit(cur, actor, "round_status", current.name, round_id=round_id,
                     status=status, before=current.status,
                     status_zh=STATUS_TEXT[status][0], status_en=STATUS_TEXT[status][1],
                     before_zh=current.status_text[0], before_en=current.status_text[1])
    return get_round(sub, round_id)


def set_budget(sub: SubsidyStore, round_id: str, budget_cny: float, actor: str) -> Round:
    """Store the round's budget [CNY] (replacing the default rule)."""
    if not (budget_cny is not None and math.isfinite(budget_cny) and budget_cny > 0):
        raise RoundRefused("预算须为正数。", "The budget must be a positive amount.")
    current = get_round(sub, round_id)
    if current.budget_cny is not None and math.isclose(current.budget_cny, budget_cny):
        return current
    with sub.survey.transaction() as cur:
        cur.execute(query("set_round_budget"), {"round_id": round_id,
                                                "budget_cny": float(budget_cny)})
        before = {} if current.budget_cny is None else {"before": round(current.budget_cny)}
        record_audit(cur, actor, "round_budget_set", current.name, round_id=round_id,
                     budget_cny=round(float(budget_cny)), **before)
    return get_round(sub, round_id)


def budget_of(round_: Round, applications: pd.DataFrame) -> RoundBudget:
    """The round's budget: as set, else its default rule applied to its applications."""
    share = round_.budget_default_share
    if round_.budget_cny is not None:
        return RoundBudget(float(round_.budget_cny), False, share)
    requested = float(applications["subsidy_requested_cny"].sum()) if len(applications) else 0.0
    amount = round(requested * share / BUDGET_STEP_CNY) * BUDGET_STEP_CNY
    return RoundBudget(amount or FALLBACK_BUDGET_CNY, True, share)
