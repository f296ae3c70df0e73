"""Synthetic demo applications and expert scores (演示数据) for schools in the store.

Nothing here describes a real application. Every application ID starts with ``DEMO-``,
every project name ends with ``（演示）``, every description reads ``演示数据 DEMO``, the
sheets are stored with the ``is_demo`` flag, and reviewer IDs start with ``DEMO-E``.

Projects follow the school's survey: PV capacity from its roof area (within what the roofs
can take for almost every school), yields a plausible 1,000–1,350 kWh/kWp, savings as a
share of its annual use within its type's plausible range; two applications overclaim (a
saving above the school's whole use, or a PV yield far above any Shanghai roof's) and are
held for clarification by the rubric's bounds. Money in round thousands of CNY. Everything is a function of the
seed and of the store's current schools.

Two rounds (:func:`seed_demo_applications`): 2025年度, decided on its ranking, whose funded
projects are built and most of them accepted with a measured first year below their claim
by a factor typical of their type (:data:`CLAIM_RATIO`: PV close to its claim, monitoring
platforms far below); and 2026年度 under review, with the intentions its applications grew
from and a few that never became one.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import pandas as pd

from energy.subsidy.intake import APPLICATIONS, REVIEWS
from energy.subsidy.schema import PROJECT_TYPES, PV, REVIEW_CRITERIA
from energy.subsidy.template import write_applications_table, write_reviews_table

DEFAULT_SEED = 20261124
CREATED = dt.datetime(2026, 1, 1)  # fixed workbook creation time: same seed, same bytes
DEMO_PREFIX = "DEMO-"
DEMO_SUFFIX = "（演示）"
DEMO_NOTE = "演示数据 DEMO"
TYPE_SHARES = {PV: 0.35, "照明改造": 0.2, "空调与热泵": 0.15, "能耗监测平台": 0.1, "围护结构": 0.1,
               "其他": 0.1}
# Per type: saving as a share of annual use (low, high), investment per annual kWh saved
# (low, high) [CNY per kWh/year], service life [years]. Plausible ranges for a demo only.
NON_PV = {
    "照明改造": ((0.03, 0.12), (1.5, 4.0), 10.0),
    "空调与热泵": ((0.05, 0.20), (3.0, 8.0), 15.0),
    "能耗监测平台": ((0.02, 0.08), (4.0, 12.0), 8.0),
    "围护结构": ((0.02, 0.10), (6.0, 15.0), 25.0),
    "其他": ((0.01, 0.08), (3.0, 10.0), 10.0),
}
PV_KWP_PER_ROOF_M2 = 0.4 * 0.13  # usable share × kWp per m² of usable flat roof
_TYPE_NAMES = {c.value: c.label_en for c in PROJECT_TYPES}
PAST_ROUND, CURRENT_ROUND = "2025", "2026"
# Per type: how many times a claim runs above the measured first year (low, high). Demo
# assumptions: PV yields are well modelled; savings of management measures are the most
# optimistic.
CLAIM_RATIO = {PV: (1.03, 1.25), "照明改造": (1.15, 1.6), "空调与热泵": (1.3, 1.9),
               "能耗监测平台": (1.6, 3.0), "围护结构": (1.4, 2.3), "其他": (1.2, 2.2)}
ACCEPTED_SHARE = 0.8    # of the awarded 2025 projects; the rest are still being built
DEMO_ACTOR = "demo"


def _thousand(value: float) -> float:
    return float(max(1000.0, round(value / 1000.0) * 1000.0))


def _pv_project(rng, roof_m2: float, overclaim: bool) -> dict:
    kwp = max(20.0, roof_m2 * PV_KWP_PER_ROOF_M2 * rng.uniform(0.3, 0.8))
    total = _thousand(kwp * 1000 * rng.uniform(3.2, 4.2))
    specific = rng.uniform(1700, 2000) if overclaim else rng.uniform(1000, 1350)
    return {"claimed_pv_capacity_kwp": round(kwp, 1),
            "claimed_annual_pv_kwh": round(kwp * specific, -2),
            "total_investment_cny": total, "service_life_years": 25.0}


def _saving_project(rng, kind: str, use_kwh: float, overclaim: bool) -> dict:
    share, cost, life = NON_PV[kind]
    saving = use_kwh * (rng.uniform(1.05, 1.5) if overclaim else rng.uniform(*share))
    total = _thousand(min(saving, use_kwh * share[1]) * rng.uniform(*cost))
    return {"claimed_annual_saving_kwh": round(saving, -2), "total_investment_cny": total,
            "service_life_years": life}


def _application(rng, i: int, school: pd.Series, roof_m2: float, overclaim: bool,
                 year: int) -> dict:
    kind = str(rng.choice(list(TYPE_SHARES), p=list(TYPE_SHARES.values())))
    use = float(school["annual_electricity_kwh"]) if school["annual_electricity_kwh"] > 0 \
        else 1e6
    project = _pv_project(rng, roof_m2, overclaim) if kind == PV else _saving_project(
        rng, kind, use, overclaim)
    subsidy = _thousand(project["total_investment_cny"] * rng.uniform(0.2, 0.5))
    start = pd.Timestamp(year, int(rng.integers(3, 9)), 1)
    return {"school_code": school["school_code"], "school_name": school["school_name"],
            "district": school["district"], "annual_electricity_kwh": use,
            "contact": DEMO_NOTE, "application_id": f"{DEMO_PREFIX}{year}-{i + 1:03d}",
            "project_name": f"{_TYPE_NAMES[kind]} {kind}项目{DEMO_SUFFIX}",
            "project_type": kind, "subsidy_requested_cny": subsidy,
            "co_funding_cny": project["total_investment_cny"] - subsidy,
            "planned_start": start.date(),
            "planned_finish": (start + pd.DateOffset(months=int(rng.integers(3, 10)))).date(),
            "description": DEMO_NOTE, **project}


def demo_applications(schools: pd.DataFrame, buildings: pd.DataFrame, n: int = 60,
                      seed: int = DEFAULT_SEED, year: int = 2026) -> list[dict]:
    """``n`` demo applications of round ``year`` for schools of the store (canonical units)."""
    if schools.empty:
        raise ValueError("the store has no surveyed schools: seed the survey demo first "
                         "(python -m surveys demo)")
    rng = np.random.default_rng(seed)
    roofs = buildings.groupby("school_code")["roof_area_m2"].sum() if len(buildings) else {}
    ordered = schools.sort_values("school_code").reset_index(drop=True)
    picks = rng.choice(len(ordered), size=n, replace=n > len(ordered))
    overclaims = set(rng.choice(n, size=min(2, n), replace=False).tolist())
    return [_application(rng, i, ordered.iloc[k], float(roofs.get(ordered.iloc[k][
        "school_code"], 1000.0)), i in overclaims, year) for i, k in enumerate(picks)]


def demo_reviews(applications: list[dict], seed: int = DEFAULT_SEED,
                 n_reviewers: int = 5) -> list[dict]:
    """3 to ``n_reviewers`` demo experts per application, every criterion, scores 0–5."""
    rng = np.random.default_rng(seed + 1)
    rows = []
    for app in applications:
        quality = rng.uniform(1.5, 4.5)
        experts = rng.choice(n_reviewers, size=int(rng.integers(3, n_reviewers + 1)),
                             replace=False)
        for e in sorted(experts):
            for criterion in REVIEW_CRITERIA:
                score = float(np.clip(round(quality + rng.normal(0, 0.7), 1), 0, 5))
                rows.append({"reviewer_id": f"{DEMO_PREFIX}E{e + 1:02d}",
                             "application_id": app["application_id"],
                             "criterion": criterion.value, "score": score,
                             "comment": DEMO_NOTE})
    return rows


def demo_files(schools: pd.DataFrame, buildings: pd.DataFrame, n: int = 60,
               seed: int = DEFAULT_SEED, year: int = 2026) -> tuple[bytes, bytes]:
    """The demo application sheet and expert-score sheet of round ``year`` as xlsx bytes."""
    apps = demo_applications(schools, buildings, n, seed, year)
    app_buffer, review_buffer = io.BytesIO(), io.BytesIO()
    write_applications_table(app_buffer, apps, CREATED)
    write_reviews_table(review_buffer, demo_reviews(apps, seed), CREATED)
    return app_buffer.getvalue(), review_buffer.getvalue()


def _seed_sheets(store, n: int, seed: int, year: int, out_dir) -> tuple:
    app_bytes, review_bytes = demo_files(store.survey.current_schools(),
                                         store.survey.current_buildings(), n, seed, year)
    names = (f"演示申请表 demo applications {year}.xlsx", f"演示专家评分 demo scores {year}.xlsx") \
        if year != int(CURRENT_ROUND) else ("演示申请表 demo applications.xlsx",
                                            "演示专家评分 demo scores.xlsx")
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for name, data in zip(names, (app_bytes, review_bytes)):
            (Path(out_dir) / name).write_bytes(data)
    round_id = str(year)
    apps = store.import_bytes(app_bytes, names[0], APPLICATIONS, "demo", True,
                              round_id=round_id, own=True)
    ids = list(apps.frame["application_id"]) if apps.frame is not None else None
    reviews = store.import_bytes(review_bytes, names[1], REVIEWS, "demo", True, ids,
                                 round_id=round_id, own=True)
    return apps, reviews


def _outcome_steps(store, awarded: list[str], seed: int) -> list[dict]:
    """Construction for every awarded project, acceptance with a measured first year for
    :data:`ACCEPTED_SHARE` of them."""
    rng = np.random.default_rng(seed + 2)
    apps = store.current_applications(PAST_ROUND).set_index("application_id")
    steps = []
    n_accepted = round(len(awarded) * ACCEPTED_SHARE)
    for k, app_id in enumerate(awarded):
        steps.append({"application_id": app_id, "step": "under_construction"})
        if k >= n_accepted:
            continue
        app = apps.loc[app_id]
        claimed = app["claimed_annual_pv_kwh"] if app["project_type"] == PV \
            else app["claimed_annual_saving_kwh"]
        ratio = rng.uniform(*CLAIM_RATIO[app["project_type"]])
        steps.append({"application_id": app_id, "step": "accepted",
                      "measured_kwh": round(float(claimed) / ratio, -2),
                      "note": DEMO_NOTE})
    return steps


def _seed_past_round(store, n: int, seed: int, out_dir) -> dict:
    """Round 2025: applications, scores, a ranking run at the default budget, the decision
    and the funded projects' outcomes (once: a decided round is left as it is)."""
    from energy.subsidy.outcomes import decide_round, record_outcomes
    from energy.subsidy.ranking import SurveyData, rank_applications
    from energy.subsidy.rounds import DECIDED, budget_of, get_round, open_round

    try:
        past = get_round(store, PAST_ROUND)
    except KeyError:
        past = open_round(store, f"{PAST_ROUND}年度", DEMO_ACTOR, is_demo=True,
                          intention_dates=(dt.date(2024, 9, 1), dt.date(2024, 10, 31)),
                          application_dates=(dt.date(2024, 11, 1), dt.date(2025, 1, 15)))
    apps, _ = _seed_sheets(store, n, seed + 2025, int(PAST_ROUND), out_dir)
    if past.status == DECIDED:
        return {"status": DECIDED, "run_id": past.decided_run_id}
    frame = store.current_applications(PAST_ROUND)
    result = rank_applications(frame, SurveyData.from_store(store.survey),
                               budget_of(past, frame).amount_cny, past.rubric(),
                               store.current_reviews(PAST_ROUND), past.caps(),
                               reference_year=int(PAST_ROUND),
                               data_version=f"demo upload {apps.upload_id}")
    run_id = store.record_run(result, is_demo=True, round_id=PAST_ROUND)
    awarded = decide_round(store, run_id, DEMO_ACTOR, PAST_ROUND, is_demo=True)
    record_outcomes(store, _outcome_steps(store, awarded, seed), DEMO_ACTOR, PAST_ROUND,
                    is_demo=True)
    return {"status": DECIDED, "run_id": run_id, "awarded": len(awarded)}


def _seed_intentions(store, seed: int) -> int:
    """The 2026 intentions: one per application (linked), and a quarter more from schools
    that did not apply (once)."""
    from energy.subsidy.intentions import add_intentions, intentions

    if len(intentions(store, CURRENT_ROUND)):
        return 0
    rng = np.random.default_rng(seed + 3)
    apps = store.current_applications(CURRENT_ROUND)
    rows = [{"school_code": a["school_code"], "project_type": a["project_type"],
             "rough_investment_cny": _thousand(a["total_investment_cny"] * rng.uniform(0.7, 1.3)
                                               / 10) * 10,
             "description": DEMO_NOTE, "application_id": a["application_id"]}
            for a in apps.to_dict("records")]
    schools = store.survey.current_schools()
    others = schools[~schools["school_code"].isin(apps["school_code"])]
    for code in others["school_code"].head(max(1, len(apps) // 4)):
        kind = str(rng.choice(list(TYPE_SHARES), p=list(TYPE_SHARES.values())))
        rows.append({"school_code": code, "project_type": kind,
                     "rough_investment_cny": _thousand(rng.uniform(2e5, 3e6) / 10) * 10,
                     "description": DEMO_NOTE})
    return len(add_intentions(store, rows, DEMO_ACTOR, CURRENT_ROUND, "demo", is_demo=True))


def seed_demo_applications(store, n: int = 60, seed: int = DEFAULT_SEED,
                           out_dir: str | Path | None = None) -> dict:
    """Generate and store two demo rounds for the store's schools.

    Round 2025 is decided, its funded projects built and mostly accepted with measured
    results; round 2026 (the current one) has its intentions, applications and scores.
    Seeding again adds nothing.

    Parameters
    ----------
    store
        An open :class:`energy.subsidy.store.SubsidyStore`.
    n
        Applications per round.
    out_dir
        Also keep the generated workbooks here.

    Returns
    -------
    dict
        ``applications``/``reviews``: status and upload id of the 2026 sheets, ``n``, and
        ``rounds``: what was seeded per round.
    """
    past = _seed_past_round(store, n, seed, out_dir)
    apps, reviews = _seed_sheets(store, n, seed, int(CURRENT_ROUND), out_dir)
    n_intentions = _seed_intentions(store, seed)
    return {"n": n, "applications": {"status": apps.status, "upload_id": apps.upload_id},
            "reviews": {"status": reviews.status, "upload_id": reviews.upload_id},
            "rounds": {PAST_ROUND: past, CURRENT_ROUND: {"intentions": n_intentions}}}
