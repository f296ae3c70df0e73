"""Experts scoring online, on a real DuckDB file: assignment around conflicts, declaration
before scores, blind scores until submitted, the chair's close, and the panel combination."""

from __future__ import annotations

import shutil

import pytest

from core import access
from core.audit import audit_log
from energy.subsidy import SubsidyStore, online
from energy.subsidy.panel import normalise_per_reviewer
from tests.subsidy.online_fixtures import CHAIR, PASSWORD, reviewer_database


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return reviewer_database(tmp_path_factory.mktemp("online"))


@pytest.fixture
def env(seeded, tmp_path, monkeypatch):
    """A private copy of the seeded database and accounts for one test."""
    db, accounts = tmp_path / "demo.duckdb", tmp_path / "accounts.json"
    shutil.copy(seeded["db"], db)
    shutil.copy(seeded["accounts"], accounts)
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(accounts))
    with SubsidyStore(db) as sub:
        yield sub, seeded


def _ids(seeded):
    return list(seeded["apps"]["application_id"])


def _score_all(sub, reviewer, app_id, value):
    online.declare(sub, reviewer, app_id, False)
    online.save_scores(sub, reviewer, app_id, {c: (value, f"{c} 说明") for c in online.CRITERIA})
    online.submit(sub, reviewer, app_id)


def test_reviewer_account_has_its_role_and_profile(env):
    sub, seeded = env
    assert access.account_role("li") == access.REVIEWER
    assert access.account_role(CHAIR) == access.COMMITTEE
    assert access.account_role("nobody") is None
    assert access.verify_password("li", PASSWORD)
    profiles = access.reviewer_profiles(sub.survey).set_index("account")
    assert profiles.loc["li", "school_code"] == seeded["apps"].iloc[0]["school_code"]
    with pytest.raises(ValueError):
        access.add_reviewer(sub.survey, CHAIR, PASSWORD, "cli")
    assert (audit_log(sub.survey)["action"] == "reviewer_added").sum() == 3


def test_hand_assignment_refuses_own_school_and_district(env):
    sub, seeded = env
    first, second = _ids(seeded)[:2]
    with pytest.raises(online.ReviewRefused) as own:
        online.assign(sub, "li", [first], CHAIR)
    assert own.value.code == "own_school" and "回避" in own.value.message_zh
    with pytest.raises(online.ReviewRefused) as district:
        online.assign(sub, "wang", [second], CHAIR)
    assert district.value.code == "own_district"
    assert online.assignments(sub).empty
    assert online.assign(sub, "zhao", [first, second], CHAIR) == [first, second]
    assert online.assign(sub, "zhao", [first], CHAIR) == []   # already assigned
    with pytest.raises(online.ReviewRefused):
        online.assign(sub, CHAIR, [first], CHAIR)              # not a reviewer
    log = audit_log(sub.survey)
    assert (log["action"] == "reviewer_assigned").sum() == 2


def test_round_robin_spreads_the_load_and_avoids_conflicts(env):
    sub, seeded = env
    ids = _ids(seeded)
    plan = online.assign_round_robin(sub, ["li", "wang", "zhao"], 2, CHAIR)
    assert list(plan["application_id"]) == sorted(ids)
    made = online.assignments(sub)
    assert len(made) == 2 * len(ids) - plan["short"].sum()
    profiles = access.reviewer_profiles(sub.survey).set_index("account")
    apps = seeded["apps"].set_index("application_id")
    for row in made.itertuples():
        school = apps.loc[row.application_id, "school_code"]
        assert profiles.loc[row.reviewer_id, "school_code"] != school
        assert profiles.loc[row.reviewer_id, "district"] != seeded["districts"][school]
    loads = made["reviewer_id"].value_counts()
    assert loads.max() - loads.min() <= len(ids) // 2 + 1
    again = online.assign_round_robin(sub, ["li", "wang", "zhao"], 2, CHAIR)
    assert len(online.assignments(sub)) == len(made)          # nothing doubled
    assert again["short"].equals(plan["short"])


def test_a_reviewer_reaches_only_assigned_applications(env):
    sub, seeded = env
    first, second, third = _ids(seeded)[:3]
    online.assign(sub, "zhao", [second], CHAIR)
    assert list(online.assigned_applications(sub, "zhao")["application_id"]) == [second]
    assert online.application_for(sub, "zhao", second)["application_id"] == second
    for other in (first, third, "NO-SUCH", "' OR 1=1 --"):
        with pytest.raises(online.ReviewRefused) as refused:
            online.application_for(sub, "zhao", other)
        assert refused.value.code == "not_assigned"
        with pytest.raises(online.ReviewRefused):
            online.declare(sub, "zhao", other, False)
    assert online.assigned_applications(sub, "li").empty


def test_scores_open_only_after_declaring_and_a_conflict_closes_them(env):
    sub, seeded = env
    _, second, third = _ids(seeded)[:3]
    online.assign(sub, "zhao", [second, third], CHAIR)
    with pytest.raises(online.ReviewRefused) as early:
        online.save_scores(sub, "zhao", second, {"示范教育": (4, "")})
    assert early.value.code == "not_declared"
    with pytest.raises(online.ReviewRefused) as bare:
        online.declare(sub, "zhao", third, True, "  ")
    assert bare.value.code == "need_reason"
    online.declare(sub, "zhao", third, True, "曾在该校任教")
    with pytest.raises(online.ReviewRefused) as conflict:
        online.save_scores(sub, "zhao", third, {"示范教育": (4, "")})
    assert conflict.value.code == "has_conflict"
    with pytest.raises(online.ReviewRefused):
        online.declare(sub, "zhao", third, False)               # once only
    status = online.assignments(sub, "zhao").set_index("application_id")["status"]
    assert status[third] == online.CONFLICT and status[second] == online.ASSIGNED
    log = audit_log(sub.survey)
    assert log.loc[log["action"] == "conflict_declared", "subject"].tolist() == [third]


def test_scores_are_checked_and_submission_needs_every_criterion(env):
    sub, seeded = env
    app = _ids(seeded)[1]
    online.assign(sub, "zhao", [app], CHAIR)
    online.declare(sub, "zhao", app, False)
    for bad in (5.5, -1, "四", float("nan")):
        with pytest.raises(online.ReviewRefused) as refused:
            online.save_scores(sub, "zhao", app, {"示范教育": (bad, None)})
        assert refused.value.code == "bad_score"
    with pytest.raises(online.ReviewRefused):
        online.save_scores(sub, "zhao", app, {"颜值": (3, None)})
    online.save_scores(sub, "zhao", app, {"示范教育": (4.5, "有科普展示")})
    with pytest.raises(online.ReviewRefused) as incomplete:
        online.submit(sub, "zhao", app)
    assert incomplete.value.code == "incomplete" and "技术方案" in incomplete.value.message_zh
    online.save_scores(sub, "zhao", app, {c: (3, None) for c in online.CRITERIA[1:]})
    online.save_scores(sub, "zhao", app, {"示范教育": (4.0, "改为 4 分")})
    online.submit(sub, "zhao", app)
    mine = online.my_scores(sub, "zhao", app).set_index("criterion")
    assert mine.loc["示范教育", "score"] == 4.0 and mine.loc["示范教育", "comment"] == "改为 4 分"
    with pytest.raises(online.ReviewRefused) as final:
        online.save_scores(sub, "zhao", app, {"示范教育": (1, None)})
    assert final.value.code == "submitted"


def test_other_scores_are_hidden_until_one_has_submitted(env):
    sub, seeded = env
    app = _ids(seeded)[2]
    online.assign(sub, "zhao", [app], CHAIR)
    online.assign(sub, "li", [app], CHAIR)
    _score_all(sub, "zhao", app, 2.0)
    online.declare(sub, "li", app, False)
    online.save_scores(sub, "li", app, {c: (5.0, None) for c in online.CRITERIA})
    with pytest.raises(online.ReviewRefused) as hidden:
        online.panel_scores(sub, "li", app)
    assert hidden.value.code == "not_submitted"
    seen = online.panel_scores(sub, "zhao", app)
    assert set(seen["reviewer_id"]) == {"zhao"}                # li's draft is not shown
    online.submit(sub, "li", app)
    assert set(online.panel_scores(sub, "li", app)["reviewer_id"]) == {"zhao", "li"}


def test_submitted_scores_feed_the_panel_beside_the_score_sheets(env):
    sub, seeded = env
    app = _ids(seeded)[2]
    sheet_rows = len(sub.current_reviews())
    online.assign(sub, "zhao", [app], CHAIR)
    online.assign(sub, "li", [app], CHAIR)
    _score_all(sub, "zhao", app, 1.0)
    online.declare(sub, "li", app, False)
    online.save_scores(sub, "li", app, {c: (5.0, None) for c in online.CRITERIA})  # draft
    reviews = sub.current_reviews()
    assert len(reviews) == sheet_rows + len(online.CRITERIA)
    ours = reviews[reviews["reviewer_id"] == "zhao"]
    assert set(ours["criterion"]) == set(online.CRITERIA) and (ours["score"] == 1.0).all()
    assert not (reviews["reviewer_id"] == "li").any()
    normalised = normalise_per_reviewer(reviews)
    assert normalised["score"].between(0, 5).all()


def test_the_chair_closes_scoring(env):
    sub, seeded = env
    app = _ids(seeded)[2]
    online.assign(sub, "zhao", [app], CHAIR)
    online.declare(sub, "zhao", app, False)
    online.save_scores(sub, "zhao", app, {c: (3.0, None) for c in online.CRITERIA})
    assert online.scoring_open(sub)
    online.close_scoring(sub, CHAIR)
    assert not online.scoring_open(sub)
    with pytest.raises(online.ReviewRefused) as closed:
        online.submit(sub, "zhao", app)
    assert closed.value.code == "closed"
    progress = online.progress(sub).set_index("reviewer_id")
    assert progress.loc["zhao", "n_assigned"] == 1 and progress.loc["zhao", "n_submitted"] == 0
    assert progress.loc["zhao", "full_name"] == "赵教授"
    online.reopen_scoring(sub, CHAIR)
    online.submit(sub, "zhao", app)
    assert online.progress(sub).set_index("reviewer_id").loc["zhao", "n_submitted"] == 1
    actions = set(audit_log(sub.survey)["action"])
    assert {"scoring_closed", "scoring_reopened", "scores_saved", "scores_submitted",
            "no_conflict_declared"} <= actions
