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


def _application(rng, i: int, school: pd.Series, roof_m2: float, overclaim: bool) -> dict:
    kind = str(rng.choice(list(TYPE_SHARES), p=list(TYPE_SHARES.values())))
    use = float(school["annual_electricity_kwh"]) if school["annual_electricity_kwh"] > 0 \
        else 1e6
    project = _pv_project(rng, roof_m2, overclaim) if kind == PV else _saving_project(
        rng, kind, use, overclaim)
    subsidy = _thousand(project["total_investment_cny"] * rng.uniform(0.2, 0.5))
    start = pd.Timestamp(2026, int(rng.integers(3, 9)), 1)
    return {"school_code": school["school_code"], "school_name": school["school_name"],
            "district": school["district"], "annual_electricity_kwh": use,
            "contact": DEMO_NOTE, "application_id": f"{DEMO_PREFIX}2026-{i + 1:03d}",
            "project_name": f"{_TYPE_NAMES[kind]} {kind}项目{DEMO_SUFFIX}",
            "project_type": kind, "subsidy_requested_cny": subsidy,
            "co_funding_cny": project["total_investment_cny"] - subsidy,
            "planned_start": start.date(),
            "planned_finish": (start + pd.DateOffset(months=int(rng.integers(3, 10)))).date(),
            "description": DEMO_NOTE, **project}


def demo_applications(schools: pd.DataFrame, buildings: pd.DataFrame, n: int = 60,
                      seed: int = DEFAULT_SEED) -> list[dict]:
    """``n`` demo applications for schools of the store (canonical units)."""
    if schools.empty:
        raise ValueError("the store has no surveyed schools: seed the survey demo first "
                         "(python -m surveys demo)")
    rng = np.random.default_rng(seed)
    roofs = buildings.groupby("school_code")["roof_area_m2"].sum() if len(buildings) else {}
    ordered = schools.sort_values("school_code").reset_index(drop=True)
    picks = rng.choice(len(ordered), size=n, replace=n > len(ordered))
    overclaims = set(rng.choice(n, size=min(2, n), replace=False).tolist())
    return [_application(rng, i, ordered.iloc[k], float(roofs.get(ordered.iloc[k][
        "school_code"], 1000.0)), i in overclaims) for i, k in enumerate(picks)]


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
               seed: int = DEFAULT_SEED) -> tuple[bytes, bytes]:
    """The demo application sheet and expert-score sheet as xlsx bytes."""
    apps = demo_applications(schools, buildings, n, seed)
    app_buffer, review_buffer = io.BytesIO(), io.BytesIO()
    write_applications_table(app_buffer, apps, CREATED)
    write_reviews_table(review_buffer, demo_reviews(apps, seed), CREATED)
    return app_buffer.getvalue(), review_buffer.getvalue()


def seed_demo_applications(store, n: int = 60, seed: int = DEFAULT_SEED,
                           out_dir: str | Path | None = None) -> dict:
    """Generate and store demo applications and scores for the store's schools.

    Parameters
    ----------
    store
        An open :class:`energy.subsidy.store.SubsidyStore`.
    out_dir
        Also keep the two generated workbooks here.

    Returns
    -------
    dict
        ``applications``/``reviews``: status and upload id of each sheet, ``n``.
    """
    app_bytes, review_bytes = demo_files(store.survey.current_schools(),
                                         store.survey.current_buildings(), n, seed)
    names = ("演示申请表 demo applications.xlsx", "演示专家评分 demo scores.xlsx")
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for name, data in zip(names, (app_bytes, review_bytes)):
            (Path(out_dir) / name).write_bytes(data)
    apps = store.import_bytes(app_bytes, names[0], APPLICATIONS, "demo", True)
    ids = list(apps.frame["application_id"]) if apps.frame is not None else None
    reviews = store.import_bytes(review_bytes, names[1], REVIEWS, "demo", True, ids)
    return {"n": n, "applications": {"status": apps.status, "upload_id": apps.upload_id},
            "reviews": {"status": reviews.status, "upload_id": reviews.upload_id}}
