"""From applications to a ranked, budget-optimal, robustness-checked shortlist.

:func:`rank_applications` runs, in order: survey facts per school
(:func:`~energy.subsidy.metrics.school_context`), verification of every claim
(:mod:`~energy.subsidy.verify`), expert-score aggregation (:mod:`~energy.subsidy.reviews`),
metrics, gates, scores and ranking (:mod:`~energy.subsidy.scoring`), the exact shortlist and
the rank-order fill (:mod:`~energy.subsidy.shortlist`) and the weight robustness
(:mod:`~energy.subsidy.robustness`). Everything it used is in the result's ``parameters``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from energy.subsidy import robustness as robust
from energy.subsidy.messages import text
from energy.subsidy.metrics import METRICS, application_metrics, school_context
from energy.subsidy.panel import disagreements, normalise_per_reviewer
from energy.subsidy.reviews import AGGREGATE_COLUMNS, aggregate_reviews, expert_scores
from energy.subsidy.rubric import Cap, Rubric, load_rubric
from energy.subsidy.scoring import ScoreModel, apply_gates, rank_order
from energy.subsidy.shortlist import (
    EXACT_TIE_BREAK_MAX,
    build_constraints,
    rank_fill,
    solve_shortlist,
)
from energy.subsidy.verify import (
    FLAG_COLUMNS,
    PV_ESTIMATE_COLUMNS,
    campus_pv_estimate,
    verify_claims,
)

RANKED, HELD, INELIGIBLE = "ranked", "held", "ineligible"


@dataclass
class SurveyData:
    """Our own numbers: the survey store's current schools and buildings, our PV estimate.

    ``version`` names the survey data the ranking used (stored with every run).
    """

    schools: pd.DataFrame
    buildings: pd.DataFrame
    pv: pd.DataFrame
    version: str = ""

    @classmethod
    def from_store(cls, store, pv: pd.DataFrame | None = None) -> SurveyData:
        """Read a :class:`surveys.store.SurveyStore`; the PV estimate is computed unless given."""
        schools, buildings = store.current_schools(), store.current_buildings()
        pv = campus_pv_estimate(buildings) if pv is None else pv
        return cls(schools, buildings, pv, _survey_version(schools))

    @classmethod
    def empty(cls) -> SurveyData:
        schools = pd.DataFrame(columns=["school_code", "district", "school_type",
                                        "annual_electricity_kwh"])
        buildings = pd.DataFrame(columns=["school_code", "gross_floor_area_m2", "year_built"])
        return cls(schools, buildings, pd.DataFrame(columns=PV_ESTIMATE_COLUMNS), "no survey")


def _survey_version(schools: pd.DataFrame) -> str:
    if schools.empty:
        return "surveys: none"
    latest = pd.to_datetime(schools["submitted_at"]).max() if "submitted_at" in schools else None
    newest = int(schools["submission_id"].max()) if "submission_id" in schools else 0
    return (f"surveys: {len(schools)} schools, newest submission {newest}"
            + (f" at {latest:%Y-%m-%d %H:%M} UTC" if latest is not None else ""))


@dataclass
class RankingResult:
    """Everything the committee sees, one row per application in ``table``.

    ``table`` columns: the application's fields; ``district`` (the survey's, else the
    sheet's); verification (``claimed_annual_kwh``, ``verified_annual_kwh``,
    ``pv_roof_capacity_kwp``, ``pv_yield_estimate_kwh``, ``saving_bound_kwh``,
    ``school_annual_use_kwh``); every metric of :data:`energy.subsidy.metrics.METRICS`;
    ``held``, ``hold_codes``, ``hold_reasons_zh``/``_en``, ``ask_zh``/``ask_en``,
    ``clarification`` (:func:`~energy.subsidy.verify.verify_claims`); ``eligible`` (every
    gate passed), ``status`` (``ranked``, ``held`` or ``ineligible``), ``score`` [0–100]
    (provisional for a held application), ``rank`` (1 = first; missing unless ranked),
    ``points_<criterion>`` [points] (and for TOPSIS ``gap_best_<criterion>``,
    ``gap_worst_<criterion>``), ``shortlisted`` (exact MILP), ``rank_fill_shortlisted``,
    ``shortlist_probability`` [0–1], ``borderline``, ``weight_moves_that_flip``,
    ``n_flags``.
    """

    rubric: Rubric
    budget_cny: float
    table: pd.DataFrame
    gate_failures: pd.DataFrame
    flags: pd.DataFrame
    reviews: pd.DataFrame
    parameters: dict = field(default_factory=dict)

    @property
    def ranking(self) -> pd.DataFrame:
        """Ranked applications (eligible and not held) in rank order."""
        return self.table[self.table["status"] == RANKED].sort_values("rank")

    @property
    def held(self) -> pd.DataFrame:
        """Held applications (待核实): a claim above its bound awaits the committee.

        ``score`` is provisional (the claim at its bound); ``hold_reasons_zh``/``_en`` say
        why, ``ask_zh``/``ask_en`` what to ask the school. Highest provisional score first.
        """
        held = self.table[self.table["held"]]
        return held.sort_values(["score", "application_id"], ascending=[False, True],
                                na_position="last")

    @property
    def shortlist(self) -> pd.DataFrame:
        """The exact, budget-optimal shortlist in rank order."""
        ranked = self.ranking
        return ranked[ranked["shortlisted"]]

    @property
    def rank_fill(self) -> pd.DataFrame:
        """The plain rank-order fill, for comparison."""
        ranked = self.ranking
        return ranked[ranked["rank_fill_shortlisted"]]

    def explain(self, application_id: str | None = None, rank: int | None = None
                ) -> pd.DataFrame:
        """Why an application stands where it does: one row per criterion.

        Columns ``criterion, label_zh, label_en, metric, value, unit, direction,
        normalisation, weight, points`` (weighted-sum points; they add up to the score
        under the weighted sum).
        """
        row = self._row(application_id, rank)
        rows = []
        for c in self.rubric.criteria:
            rows.append({"criterion": c.id, "label_zh": c.label_zh, "label_en": c.label_en,
                         "metric": c.metric, "value": row[c.metric],
                         "unit": METRICS[c.metric].unit, "direction": c.direction,
                         "normalisation": c.normalisation, "weight": c.weight,
                         "points": row.get(f"points_{c.id}", np.nan)})
        return pd.DataFrame(rows)

    def _row(self, application_id: str | None, rank: int | None) -> pd.Series:
        table = self.table
        hit = table[table["application_id"] == application_id] if application_id is not None \
            else table[table["rank"] == rank]
        if hit.empty:
            raise KeyError(application_id if application_id is not None else rank)
        return hit.iloc[0]

    def to_dict(self) -> dict:
        """The CLI's JSON answer (``budget_cny``, ``shortlist``, ``held``, ``ineligible``,
        ``flags``); ``held`` lists ``application_id``, ``reasons``, ``ask`` and the gates
        it would fail at its bound (``gates_at_bound``); a held application is not also
        listed as ineligible."""
        shortlist = [{"application_id": r.application_id, "rank": int(r.rank),
                      "score": round(float(r.score), 4),
                      "subsidy_requested_cny": float(r.subsidy_requested_cny),
                      "shortlist_probability": round(float(r.shortlist_probability), 4)}
                     for r in self.shortlist.itertuples()]
        reasons = {}
        for r in self.gate_failures.itertuples():
            reasons.setdefault(r.application_id, []).append(f"{r.reason_zh} / {r.reason_en}")
        held = [{"application_id": r.application_id,
                 "reasons": [f"{zh} / {en}" for zh, en in zip(
                     r.hold_reasons_zh.split("；"), r.hold_reasons_en.split("; "))],
                 "ask": f"{r.ask_zh} / {r.ask_en}",
                 "gates_at_bound": reasons.get(r.application_id, [])}
                for r in self.held.itertuples()]
        ineligible = [{"application_id": k, "reasons": v} for k, v in reasons.items()
                      if k not in {h["application_id"] for h in held}]
        flags = [{"application_id": r.application_id, "code": r.code,
                  "claimed": _plain(r.claimed), "estimated": _plain(r.estimated)}
                 for r in self.flags.itertuples()]
        return {"budget_cny": float(self.budget_cny), "shortlist": shortlist, "held": held,
                "ineligible": ineligible, "flags": flags}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def run_rows(self) -> pd.DataFrame:
        """One row per application for the store's ``subsidy_run_results``."""
        t = self.table
        return pd.DataFrame({
            "application_id": t["application_id"].astype(str), "school_code": t["school_code"],
            "eligible": t["eligible"], "score": t["score"], "rank": t["rank"].astype("Int64"),
            "shortlisted": t["shortlisted"], "rank_fill_shortlisted": t["rank_fill_shortlisted"],
            "shortlist_probability": t["shortlist_probability"], "borderline": t["borderline"],
            "subsidy_requested_cny": t["subsidy_requested_cny"]})


def _plain(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return round(float(value), 3)


# --- the pipeline ----------------------------------------------------------------------------

def _expert(apps: pd.DataFrame, reviews: pd.DataFrame | None, params
            ) -> tuple[pd.DataFrame, pd.Series, list[dict]]:
    if reviews is None or reviews.empty:
        return pd.DataFrame(columns=AGGREGATE_COLUMNS), pd.Series(dtype=float), []
    known = reviews[reviews["application_id"].isin(set(apps["application_id"]))]
    if params.expert_combination == "zscore":
        known = normalise_per_reviewer(known)
    aggregated = aggregate_reviews(known, params.trim_min_reviewers)
    scores = expert_scores(aggregated, params.expert_criteria)
    missing = [a for a in apps["application_id"] if a not in scores.index]
    zh, en = text("flag_no_review")
    flags = [{"application_id": a, "code": "flag_no_review", "claimed": None,
              "estimated": None, "unit": "", "message_zh": zh, "message_en": en}
             for a in missing]
    return aggregated, scores, flags + disagreements(known, params.disagreement_spread)


def _survey_first(apps: pd.DataFrame, survey_values: pd.Series, column: str) -> pd.Series:
    """The survey's value for the school, else the application's own."""
    from_survey = apps["school_code"].map(survey_values)
    return from_survey.astype("string").fillna(apps[column].astype("string"))


def _base_table(apps, survey, rubric, reviews, reference_year, clarifications=None):
    """Applications with verification and every metric; flags; aggregated reviews."""
    params = rubric.parameters
    context = school_context(survey.schools, survey.buildings, params, reference_year)
    verified, flags = verify_claims(apps, context, survey.pv, params, rubric.bounds,
                                    clarifications)
    aggregated, expert, review_flags = _expert(apps, reviews, params)
    metrics = application_metrics(apps, verified, context, expert, params)
    names = survey.schools.drop_duplicates("school_code").set_index("school_code")
    own = apps.assign(district=_survey_first(apps, context["district_survey"], "district"),
                      school_name=_survey_first(apps, names.get("school_name", pd.Series(
                          dtype="string")), "school_name"))
    repeated = [c for c in metrics if c in apps or c in verified]
    table = pd.concat([own, verified, metrics.drop(columns=repeated)], axis=1)
    flags = pd.concat([flags, pd.DataFrame(review_flags, columns=FLAG_COLUMNS)],
                      ignore_index=True) if review_flags else flags
    return table, metrics, flags, aggregated


def _score(table: pd.DataFrame, metrics: pd.DataFrame, eligible: np.ndarray, rubric: Rubric):
    """Scores and per-criterion points of the eligible applications, into ``table``."""
    X = metrics.loc[eligible, [c.metric for c in rubric.criteria]].to_numpy(dtype=float)
    model = ScoreModel(X, rubric)
    table["score"] = np.nan
    table.loc[eligible, "score"] = model.scores(rubric.weights)[:, 0]
    points = model.points(rubric.weights)
    terms = model.topsis_terms(rubric.weights)
    for j, c in enumerate(rubric.criteria):
        table[f"points_{c.id}"] = np.nan
        table.loc[eligible, f"points_{c.id}"] = points[:, j]
        if terms is not None:
            table.loc[eligible, f"gap_best_{c.id}"] = terms[0][:, j]
            table.loc[eligible, f"gap_worst_{c.id}"] = terms[1][:, j]
    return model


def _order(table: pd.DataFrame, eligible: np.ndarray, rubric: Rubric) -> np.ndarray:
    """Positions (in ``table``) of the eligible applications, first ranked first."""
    positions = np.flatnonzero(eligible)
    local = rank_order(table.iloc[positions].reset_index(drop=True), rubric.tie_break)
    return positions[local]


def _select(table, model, order, eligible, rubric, budget_cny, caps):
    """Exact shortlist, rank-order fill and robustness, all in rank order."""
    ranked = table.iloc[order].reset_index(drop=True)
    constraints = build_constraints(ranked, budget_cny, caps)
    best = solve_shortlist(ranked["score"].to_numpy(float), constraints)
    filled = rank_fill(constraints)
    if not len(order):
        return best, filled, None
    rows = np.searchsorted(np.flatnonzero(eligible), order)  # model rows in rank order
    return best, filled, robust.assess(model.take(rows), rubric, constraints, best.selected)


def _write_selection(table, order, best, filled, check, ranked) -> None:
    """Rank, shortlist marks, probabilities and flipping moves into ``table``."""
    n = len(table)
    table["rank"] = pd.array([pd.NA] * n, dtype="Int64")
    table.loc[table.index[order], "rank"] = np.arange(1, len(order) + 1)
    for name in ("shortlisted", "rank_fill_shortlisted", "borderline"):
        table[name] = False
    table["shortlist_probability"] = np.where(ranked, 0.0, np.nan)
    table["weight_moves_that_flip"] = ""
    if not len(order):
        return
    index = table.index[order]
    table.loc[index, "shortlisted"] = best.selected
    table.loc[index, "rank_fill_shortlisted"] = filled
    table.loc[index, "shortlist_probability"] = check.probability
    table.loc[index, "borderline"] = check.borderline
    table.loc[index, "weight_moves_that_flip"] = check.flips


def rank_applications(applications: pd.DataFrame, survey: SurveyData, budget_cny: float,
                      rubric: Rubric | None = None, reviews: pd.DataFrame | None = None,
                      caps: tuple[Cap, ...] | None = None, reference_year: int | None = None,
                      data_version: str = "", clarifications: pd.DataFrame | None = None
                      ) -> RankingResult:
    """Verify, gate, score, rank, shortlist and stress-test the applications.

    Parameters
    ----------
    applications
        Clean application rows (:func:`energy.subsidy.intake.check_applications`), in
        canonical units (money [CNY], energy [kWh], capacity [kWp], life [years]).
    survey
        Our own numbers (:meth:`SurveyData.from_store`).
    budget_cny
        Total subsidy available. [CNY]
    rubric
        The rubric; the shipped default when omitted.
    reviews
        Clean expert-score rows (:func:`energy.subsidy.intake.check_reviews`), or None.
    caps
        Shortlist caps replacing the rubric's; the rubric's when None.
    reference_year
        Year building ages are counted to; this year when omitted.
    data_version
        Text naming the application data (e.g. upload ids), stored with the parameters.
    clarifications
        The committee's decisions on held claims
        (:meth:`energy.subsidy.store.SubsidyStore.clarifications`); none when omitted.

    Held applications (a claim above its type's bound, :mod:`energy.subsidy.verify`) are
    scored at the bound with the eligible ones, for their provisional score, but are not
    ranked, shortlisted or stress-tested: ``status`` is ``ranked``, ``held`` or
    ``ineligible`` (a held application failing a gate is both held and listed with its
    gate failures; its status is ``held``, since the figure decides both).

    Returns
    -------
    RankingResult
    """
    rubric = rubric or load_rubric()
    caps = rubric.caps if caps is None else tuple(caps)
    apps = applications.reset_index(drop=True)
    year = reference_year or _dt.date.today().year
    table, metrics, flags, aggregated = _base_table(apps, survey, rubric, reviews, year,
                                                    clarifications)
    eligible, failures = apply_gates(metrics, apps["application_id"], rubric)
    table["eligible"] = eligible
    ranked = eligible & ~table["held"].to_numpy(bool)
    table["status"] = np.where(table["held"], HELD, np.where(eligible, RANKED, INELIGIBLE))
    model = _score(table, metrics, eligible, rubric)
    order = _order(table, ranked, rubric)
    best, filled, check = _select(table, model, order, eligible, rubric,
                                               budget_cny, caps)
    _write_selection(table, order, best, filled, check, ranked)
    table["n_flags"] = table["application_id"].map(flags["application_id"].value_counts()
                                                   ).fillna(0).astype(int)
    parameters = _parameters(rubric, budget_cny, caps, year, survey, data_version, table,
                             best, check, aggregated, reviews)
    return RankingResult(rubric, float(budget_cny), table, failures, flags, aggregated,
                         parameters)


def _two_stage(table: pd.DataFrame) -> bool:
    """Whether the shortlist's tie-break used the second MILP stage."""
    return int((table["status"] == RANKED).sum()) <= EXACT_TIE_BREAK_MAX


def _parameters(rubric, budget_cny, caps, year, survey, data_version, table, best, check,
                aggregated, reviews) -> dict:
    p = rubric.parameters
    ranked = table[table["status"] == RANKED]
    fill = ranked[ranked["rank_fill_shortlisted"]]
    return {
        "budget_cny": float(budget_cny),
        "caps": [dataclasses.asdict(c) for c in caps],
        "run_date": _dt.date.today().isoformat(),
        "reference_year": year,
        "rubric_name": rubric.name, "rubric_version": rubric.version,
        "rubric_sha256": rubric.sha256, "method": rubric.method,
        "survey_data": survey.version, "application_data": data_version,
        "n_applications": int(len(table)), "n_eligible": int(table["eligible"].sum()),
        "n_held": int(table["held"].sum()), "n_ranked": int(len(ranked)),
        "bounds": {b.project_type: f"{b.max_share:g} × {b.basis}" for b in rubric.bounds},
        "n_reviews": 0 if reviews is None else int(len(reviews)),
        "n_reviewed_applications": int(aggregated["application_id"].nunique()),
        "shortlist_n": int(table["shortlisted"].sum()),
        "shortlist_total_score": best.total_score, "shortlist_total_cny": best.total_cny,
        "solver": "scipy.optimize.milp (HiGHS), mip_rel_gap 0, "
                  + ("two stages" if _two_stage(table) else "equal-score exchanges"),
        "solver_status": best.status, "solver_seconds": round(best.seconds, 3),
        "rank_fill_n": int(len(fill)), "rank_fill_total_score": float(fill["score"].sum()),
        "rank_fill_total_cny": float(fill["subsidy_requested_cny"].sum()),
        "robustness_method": check.method if check else "none",
        "robustness_draws": check.draws if check else 0,
        "robustness_concentration": p.robustness_concentration,
        "robustness_seed": p.robustness_seed,
        "robustness_seconds": round(check.seconds, 3) if check else 0.0,
        "robustness_exact_solves": check.exact_solves if check else 0,
        "robustness_pool_size": check.pool_size if check else 0,
        "sensitivity_step": p.sensitivity_step,
        "expert_rule": ("z-score per reviewer to the panel's mean and spread, then "
                        if p.expert_combination == "zscore" else "")
                       + f"mean; trimmed (highest and lowest dropped) from "
                       f"{p.trim_min_reviewers} reviewers; criteria {list(p.expert_criteria)}",
        "expert_combination": p.expert_combination,
        "disagreement_spread": p.disagreement_spread,
    }
