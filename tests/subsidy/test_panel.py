"""The panel's scores: as given or z-scored per reviewer, and disagreements flagged."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from energy.subsidy.__main__ import main
from energy.subsidy.panel import disagreements, normalise_per_reviewer
from energy.subsidy.ranking import rank_applications
from energy.subsidy.rubric import RubricError, default_rubric_text, load_rubric, parse_rubric
from energy.subsidy.store import SubsidyStore
from tests.subsidy.conftest import (
    REFERENCE_YEAR,
    applications_file,
    frame_of,
    reviews_file,
    reviews_of,
    saving_application,
)

APPS = [saving_application(f"L{i}", claimed_annual_saving_kwh=100_000.0 + 10_000 * i)
        for i in range(1, 4)]


def _scores(reviewer: str, values: dict[str, float], criterion: str = "示范教育") -> list[dict]:
    return [{"reviewer_id": reviewer, "application_id": a, "criterion": criterion, "score": v}
            for a, v in values.items()]


def test_a_lenient_and_a_harsh_reviewer_agree_once_normalised():
    lenient = _scores("E1", {"L1": 3, "L2": 4, "L3": 5})
    harsh = _scores("E2", {"L1": 1, "L2": 2, "L3": 3})
    out = normalise_per_reviewer(reviews_of(lenient + harsh))
    wide = out.pivot(index="application_id", columns="reviewer_id", values="score")
    assert wide["E1"].to_numpy() == pytest.approx(wide["E2"].to_numpy())
    # the panel's mean (3) and spread (std of all six scores) are kept
    panel_std = np.std([3, 4, 5, 1, 2, 3])
    assert out["score"].mean() == pytest.approx(3.0)
    assert wide["E1"].std(ddof=0) == pytest.approx(panel_std)
    assert sorted(out["raw_score"]) == [1, 2, 3, 3, 4, 5]


def test_a_reviewer_with_one_score_or_no_spread_is_only_shifted():
    rows = _scores("E1", {"L1": 4, "L2": 4}) + _scores("E2", {"L1": 2, "L3": 5})
    out = normalise_per_reviewer(reviews_of(rows)).set_index(["reviewer_id", "application_id"])
    mean = np.mean([4, 4, 2, 5])
    assert out.loc[("E1", "L1"), "score"] == pytest.approx(4 - 4 + mean)
    assert out["score"].min() >= 0 and out["score"].max() <= 5


def test_zscore_changes_the_expert_score_and_is_stored_with_the_run(survey_data):
    # E2 scores only L1, harshly; E1 scores all three. As given, L1's mean is pulled down.
    rows = reviews_of(_scores("E1", {"L1": 4, "L2": 3, "L3": 2}) + _scores("E2", {"L1": 1}))
    rubric = load_rubric()
    zscore = rubric.replace(parameters=dataclasses.replace(rubric.parameters,
                                                           expert_combination="zscore"))
    given = rank_applications(frame_of(APPS), survey_data, 1e6, rubric, rows,
                              reference_year=REFERENCE_YEAR)
    scaled = rank_applications(frame_of(APPS), survey_data, 1e6, zscore, rows,
                               reference_year=REFERENCE_YEAR)
    before = given.table.set_index("application_id")["expert_score"]
    after = scaled.table.set_index("application_id")["expert_score"]
    assert before["L1"] == pytest.approx(2.5) and after["L1"] != pytest.approx(2.5)
    assert scaled.parameters["expert_combination"] == "zscore"
    assert "z-score" in scaled.parameters["expert_rule"]
    assert given.parameters["expert_combination"] == "trimmed_mean"


def test_large_disagreements_are_flagged_for_discussion(survey_data):
    rows = reviews_of(_scores("E1", {"L1": 1, "L2": 3}) + _scores("E2", {"L1": 5, "L2": 4}))
    flags = disagreements(rows, 2.0)
    assert [f["application_id"] for f in flags] == ["L1"]
    assert "1" in flags[0]["message_zh"] and "5" in flags[0]["message_en"]
    result = rank_applications(frame_of(APPS), survey_data, 1e6, reviews=rows,
                               reference_year=REFERENCE_YEAR)
    found = result.flags[result.flags["code"] == "flag_review_disagreement"]
    assert list(found["application_id"]) == ["L1"]


def test_rank_combine_option_is_stored_with_the_run(db_copy, tmp_path, capsys):
    apps, scores = tmp_path / "apps.xlsx", tmp_path / "scores.xlsx"
    apps.write_bytes(applications_file(APPS))
    scores.write_bytes(reviews_file(_scores("E1", {"L1": 4, "L2": 3}) + _scores("E2",
                                                                              {"L1": 2})))
    assert main(["rank", str(apps), "--reviews", str(scores), "--budget-cny", "100万",
                 "--combine", "zscore", "--db", str(db_copy), "--out",
                 str(tmp_path / "out.xlsx"), "--json"]) == 0
    capsys.readouterr()
    with SubsidyStore(db_copy) as store:
        run = store.run(int(store.runs()["run_id"].iloc[0]))
    assert json.loads(run["parameters_json"])["expert_combination"] == "zscore"
    assert 'expert_combination = "zscore"' in run["rubric_toml"]


def test_rubric_refuses_an_unknown_combination():
    text = default_rubric_text().replace('expert_combination = "trimmed_mean"',
                                         'expert_combination = "median"')
    with pytest.raises(RubricError) as error:
        parse_rubric(text)
    assert "parameters.expert_combination" in {i.cell for i in error.value.report.issues}
