"""The TOML rubric: default labelled as a starting point, round trip, located errors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from energy.pv.parameters import PVAssumptions
from energy.subsidy.rubric import (
    Gate,
    Parameters,
    RubricError,
    default_rubric_text,
    load_rubric,
    parse_rubric,
    to_toml,
)


def test_default_is_labelled_as_the_committees_adjustable_starting_point():
    rubric = load_rubric()
    assert "starting point" in rubric.label_en and "起点" in rubric.label_zh
    assert "not an official" in default_rubric_text()
    assert rubric.version and rubric.method == "weighted_sum"
    assert [c.id for c in rubric.criteria] == ["co2_per_subsidy", "verified_energy", "payback",
                                               "need", "co_funding", "expert"]
    assert np.allclose(rubric.weights, [0.30, 0.20, 0.15, 0.15, 0.10, 0.10])
    assert {g.id for g in rubric.gates} == {"survey_complete", "payback", "subsidy_per_tco2"}
    assert rubric.tie_break[-1] == "application_id asc"
    assert next(c for c in rubric.criteria if c.id == "payback").direction == "cost"


def test_default_parameters_come_from_the_pv_assumptions_and_match_the_file():
    rubric = load_rubric()
    assert rubric.parameters == Parameters()
    assert rubric.parameters.grid_factor_t_per_mwh == PVAssumptions().grid_factor_t_per_mwh
    assert rubric.parameters.tariff_cny_per_kwh == PVAssumptions().tariff_cny_per_kwh


def test_written_toml_reads_back_equal():
    rubric = load_rubric()
    again = parse_rubric(to_toml(rubric))
    assert dataclasses.replace(again, text="") == dataclasses.replace(rubric, text="")
    edited = rubric.with_weights({"co2_per_subsidy": 0.25, "expert": 0.15})
    assert edited.weights[0] == 0.25 and edited.sha256 != rubric.sha256
    assert parse_rubric(edited.text).weights[5] == 0.15


def _broken(old: str, new: str) -> RubricError:
    text = default_rubric_text()
    assert old in text
    with pytest.raises(RubricError) as info:
        parse_rubric(text.replace(old, new, 1), "r.toml")
    return info.value


def test_weights_must_sum_to_one():
    error = _broken("weight = 0.30", "weight = 0.40")
    issue = error.report.errors[0]
    assert issue.code == "rubric_weights" and "1.1" in issue.message_zh and "1.1" in issue.message_en


@pytest.mark.parametrize(("old", "new", "code", "where"), [
    ('metric = "need_index"', 'metric = "needs"', "rubric_unknown_metric", "criteria[4].metric"),
    ('direction = "cost"', 'direction = "lower"', "rubric_bad_value", "criteria[3].direction"),
    ("use_verified = true", "use_verifed = true", "rubric_bad_value", "parameters.use_verifed"),
    ('op = "<="', 'op = "≤"', "rubric_bad_value", "gates[2].op"),
    ("threshold = 10.0", 'threshold = "ten"', "rubric_bad_value", "gates[2].threshold"),
    ('id = "payback"\n# Salix', 'id = "survey_complete"\n# Salix', "rubric_duplicate", "gates.id"),
    ("robustness_draws = 1000", "robustness_draws = -5", "rubric_bad_value",
     "parameters.robustness_draws"),
    ('expert_criteria = ["示范教育"]', 'expert_criteria = ["示范"]', "rubric_bad_value",
     "parameters.expert_criteria"),
])
def test_problems_are_located_by_key_path(old, new, code, where):
    issues = _broken(old, new).report.errors
    assert any(i.code == code and i.cell == where for i in issues), [(i.code, i.cell)
                                                                    for i in issues]


def test_syntax_errors_give_the_line():
    error = _broken("[parameters]", "[parameters")
    issue = error.report.errors[0]
    assert issue.code == "rubric_syntax" and issue.row and "行" in issue.message_zh


def test_fixed_normalisation_needs_bounds_and_caps_are_read():
    text = default_rubric_text().replace("lower = 0.0\nupper = 5.0\n", "")
    with pytest.raises(RubricError) as info:
        parse_rubric(text)
    assert {i.cell for i in info.value.report.errors} == {"criteria[6].lower",
                                                            "criteria[6].upper"}
    caps = default_rubric_text() + '\n[[caps]]\ngroup = "district"\nkind = "share"\nlimit = 0.3\n'
    rubric = parse_rubric(caps)
    assert rubric.caps[0].bound(1_000_000) == pytest.approx(300_000)


@pytest.mark.parametrize(("op", "threshold", "expected"), [
    ("<=", 10.0, [True, True, False, False]),
    ("<", 10.0, [True, False, False, False]),
    (">=", 10.0, [False, True, True, False]),
    (">", 10.0, [False, False, True, False]),
    ("is_true", None, [True, True, True, False]),
])
def test_gate_operators_and_missing_values_fail(op, threshold, expected):
    gate = Gate("g", "payback_years", op, threshold, "{value} > {threshold}", "x")
    assert list(gate.passes([5.0, 10.0, 12.0, np.nan])) == expected
    assert gate.reason(12.345)[0] == f"12.3 > {'—' if threshold is None else '10'}"
