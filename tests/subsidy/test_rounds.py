"""Rounds: isolation of applications, scores and runs, rubric carried over, the budget stored,
intentions by type and district, a school's history across rounds."""

from __future__ import annotations

import json

import pytest

from core.audit import audit_log
from core.audit_text import readable_log
from energy.subsidy.history import school_history
from energy.subsidy.intentions import (
    REJECTED,
    STORED,
    add_intention,
    import_intentions,
    intention_demand,
    intentions,
    link_intention,
)
from energy.subsidy.outcomes import decide_round, record_outcome
from energy.subsidy.rounds import (
    DECIDED,
    RoundRefused,
    budget_of,
    get_round,
    open_round,
    rounds,
    set_budget,
    set_status,
)
from energy.subsidy.rubric import default_rubric_text
from energy.subsidy.store import DEFAULT_ROUND, SubsidyStore
from tests.subsidy.conftest import CODE, SECOND, reviews_file, xlsx
from tests.subsidy.round_fixtures import (
    BUDGET_2025,
    ROUND_2025,
    ROUND_2026,
    rank_round,
    store_round,
    two_rounds,
)


def test_existing_data_belongs_to_the_default_round(store):
    assert store.round_id == DEFAULT_ROUND == "2026"
    listed = rounds(store)
    assert list(listed["round_id"]) == ["2026"] and listed["name"][0] == "2026年度"
    store_round(store, "2026", ROUND_2026)
    assert len(store.current_applications()) == 2  # no round given: the current one


def test_a_ranking_in_2026_does_not_see_2025(store):
    runs = two_rounds(store)
    assert set(store.current_applications("2025")["application_id"]) == {
        r["application_id"] for r in ROUND_2025}
    assert set(store.current_applications()["application_id"]) == {"2026-P1", "2026-H1"}
    result, _ = rank_round(store, "2026", 2_000_000.0)
    assert result.parameters["n_applications"] == len(ROUND_2026)
    assert not set(result.table["application_id"]) & {"2025-P1", "2025-L1", "2025-L2"}
    assert list(store.runs("2025")["run_id"]) == [runs["2025"]]
    assert runs["2026"] in set(store.runs()["run_id"]) and runs["2025"] not in set(
        store.runs()["run_id"])
    assert len(store.runs(every_round=True)) == 3
    past = store.in_round("2025")
    assert past.round_id == "2025" and len(past.current_applications()) == 3


def test_scores_belong_to_their_round(store):
    two_rounds(store)
    rows = [{"reviewer_id": "E1", "application_id": "2025-P1", "criterion": c, "score": 4.0}
            for c in ("示范教育", "技术方案", "实施保障")]
    stored = store.import_bytes(reviews_file(rows), "s.xlsx", "reviews", round_id="2025",
                                application_ids=["2025-P1"])
    assert stored.status == "stored"
    assert len(store.current_reviews("2025")) == 3 and store.current_reviews().empty


def test_new_round_copies_last_years_rubric(store):
    edited = default_rubric_text().replace('name = "', 'name = "2025 edited ', 1)
    assert edited != default_rubric_text()
    first = open_round(store, "2025年度", "chair", rubric_text=edited)
    assert first.rubric().name.startswith("2025 edited")
    copied = open_round(store, "2027", "chair", from_round="2025")
    assert copied.name == "2027年度" and copied.from_round == "2025"
    assert copied.rubric_toml == edited and copied.rubric_sha256 == first.rubric_sha256
    assert copied.rubric().sha256 == first.rubric().sha256
    assert store.round_id == "2027"  # the latest round is the current one
    with pytest.raises(RoundRefused):
        open_round(store, "2027年度", "chair")
    with pytest.raises(RoundRefused):
        open_round(store, "2028年度", "chair", from_round="1999")
    with pytest.raises(RoundRefused):
        open_round(store, "next year", "chair")


def test_budget_is_stored_in_the_round_and_the_default_rule_shown(store):
    store_round(store, "2026", ROUND_2026)
    default = budget_of(get_round(store), store.current_applications())
    requested = sum(r["subsidy_requested_cny"] for r in ROUND_2026)   # 700,000
    assert default.is_default and default.amount_cny == round(requested * 0.4 / 1e5) * 1e5
    assert "40%" in default.note("zh") and "not set" in default.note("en")
    set_budget(store, "2026", 650_000.0, "chair")
    stored = budget_of(get_round(store), store.current_applications())
    assert not stored.is_default and stored.amount_cny == 650_000.0
    with SubsidyStore(store.survey) as again:
        assert get_round(again, "2026").budget_cny == 650_000.0
    opened = open_round(store, "2025", "chair", budget_cny=BUDGET_2025)
    assert opened.budget_cny == BUDGET_2025
    log = readable_log(audit_log(store.survey), "en")
    assert log["sentence"].str.contains("set the budget of round 2026年度 to CNY 650").any()
    with pytest.raises(RoundRefused):
        set_budget(store, "2026", -1.0, "chair")


def test_status_moves_but_decided_only_by_a_decision(store):
    assert set_status(store, "2026", "applications", "chair").status == "applications"
    with pytest.raises(RoundRefused):
        set_status(store, "2026", DECIDED, "chair")
    with pytest.raises(RoundRefused):
        set_status(store, "2026", "closed", "chair")


def test_intentions_by_type_and_district_and_linked_to_applications(store):
    first = add_intention(store, CODE, "光伏", 1_200_000.0, "school", "教学楼屋顶光伏")
    add_intention(store, CODE, "照明改造", 300_000.0, "school")
    add_intention(store, SECOND["school_code"], "光伏", 2_000_000.0, "school")
    sheet = xlsx([["学校代码", SECOND["school_code"]], [],
                  ["项目类型", "预计投资（万元）", "项目简介"],
                  ["LED照明", 40, "图书馆灯具"], ["光伏", 150, "体育馆屋顶"]])
    imported = import_intentions(store, sheet, "意向.xlsx", "upload")
    assert imported.status == STORED and len(imported.intention_ids) == 2
    stated = intentions(store)
    assert len(stated) == 5 and set(stated["round_id"]) == {"2026"}
    assert stated.loc[stated["file_name"] == "意向.xlsx", "rough_investment_cny"].sum() == 1.9e6
    demand = intention_demand(store)
    pv_xuhui = demand[(demand["district"] == "徐汇区") & (demand["project_type"] == "光伏")]
    assert pv_xuhui[["n_intentions", "rough_investment_cny"]].values.tolist() == [[2, 3.5e6]]
    pudong = demand[demand["district"] == "浦东新区"]
    assert pudong["rough_investment_cny"].sum() == 1.5e6
    assert demand["rough_investment_cny"].is_monotonic_decreasing
    store_round(store, "2026", ROUND_2026)
    link_intention(store, first, "2026-P1", "chair")
    after = intention_demand(store)
    assert after.loc[(after["district"] == "浦东新区") & (after["project_type"] == "光伏"),
                     "n_applied"].item() == 1
    assert intentions(store).set_index("intention_id").loc[first, "application_id"] == "2026-P1"
    with pytest.raises(RoundRefused):   # another school's application
        link_intention(store, imported.intention_ids[0], "2026-P1", "chair")
    assert intention_demand(store, "2025").empty


def test_a_bad_intention_is_refused_and_a_bad_sheet_stores_nothing(store):
    with pytest.raises(RoundRefused):
        add_intention(store, CODE, "核电站", 1e6, "school")
    with pytest.raises(RoundRefused):
        add_intention(store, CODE, "光伏", 0, "school")
    bad = xlsx([["学校代码", "项目类型", "预计投资（元）"], [CODE, "光伏", "很多"]])
    result = import_intentions(store, bad, "bad.xlsx", "upload")
    assert result.status == REJECTED and result.report.n_errors == 1
    assert intentions(store).empty


def test_history_shows_both_rounds(store):
    runs = two_rounds(store)
    decide_round(store, runs["2025"], "chair", round_id="2025")
    record_outcome(store, "2025-P1", "under_construction", "chair", round_id="2025")
    record_outcome(store, "2025-P1", "accepted", "chair", measured_kwh=420_000.0,
                   round_id="2025")
    history = school_history(store, CODE)
    assert list(history["round_id"]) == ["2025", "2025", "2026", "2026"]
    assert list(history["round_name"].unique()) == ["2025年度", "2026年度"]
    assert history["score"].notna().all() and history["rank"].notna().all()
    by_id = history.set_index("application_id")
    assert by_id.loc["2025-P1", "decision"] == "accepted"
    assert by_id.loc["2025-P1", "measured_kwh"] == 420_000.0
    assert by_id.loc["2025-L1", "decision"] in ("awarded", "not_awarded")
    assert set(by_id.loc[["2026-P1", "2026-H1"], "decision"]) <= {"shortlisted",
                                                                  "not_shortlisted"}
    assert get_round(store, "2025").status == DECIDED
    other = school_history(store, SECOND["school_code"])
    assert list(other["application_id"]) == ["2025-L2"]
    assert school_history(store, "0000000000").empty


def test_command_line_rounds_history_outcomes_and_rank_in_a_round(db_copy, tmp_path, capsys):
    from energy.subsidy.__main__ import main
    from tests.subsidy.conftest import applications_file

    db = ["--db", str(db_copy)]
    assert main(["round-open", "2025年度", "--budget-cny", "90万", "--by", "chair", *db]) == 0
    assert main(["round-open", "2027", "--from-round", "2025", "--json", *db]) == 0
    opened = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert opened["name"] == "2027年度" and opened["from_round"] == "2025"
    assert main(["round-open", "2027年度", *db]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["rounds", "--json", *db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["round_id"] for r in listed] == ["2027", "2026", "2025"]
    sheet = tmp_path / "2025.xlsx"
    sheet.write_bytes(applications_file(ROUND_2025))
    assert main(["rank", str(sheet), "--round", "2025", "--out", str(tmp_path / "s.xlsx"),
                 "--json", *db]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["budget_cny"] == BUDGET_2025   # the round's stored budget
    with SubsidyStore(db_copy) as store:
        assert len(store.runs("2025")) == 1 and store.runs().empty   # current: 2027
        assert len(store.current_applications("2025")) == 3
    assert main(["rank", str(sheet), "--round", "1999", "--out", "x.xlsx", *db]) == 2
    args = ["outcome", "2025-L1", "--round", "2025", *db]
    assert main([*args, "--status", "accepted", "--measured-kwh", "12万"]) == 2
    assert "须先为" in capsys.readouterr().err
    assert main([*args, "--status", "awarded", "--by", "chair"]) == 0
    assert main([*args, "--status", "under_construction"]) == 0
    assert main([*args, "--status", "accepted", "--measured-kwh", "12万"]) == 0
    assert main(["history", CODE, "--json", *db]) == 0
    history = json.loads(capsys.readouterr().out.splitlines()[-1])
    lighting = next(h for h in history if h["application_id"] == "2025-L1")
    assert lighting["decision"] == "accepted" and lighting["measured_kwh"] == 120_000.0
    assert lighting["round_name"] == "2025年度" and lighting["rank"] is not None


def test_round_actions_read_as_sentences_in_the_audit_log(store):
    open_round(store, "2027年度", "chair", from_round="2026")
    set_status(store, "2027", "intentions", "chair")
    add_intention(store, CODE, "光伏", 1_000_000.0, "school")
    log = readable_log(audit_log(store.survey), "zh")
    sentences = " ".join(log["sentence"])
    assert "chair 开启了奖补评审轮次 2027年度（评分细则沿用自：2026）" in sentences
    assert "由「已开启」改为「收集申报意向」" in sentences
    assert "2027年度的申报意向（光伏" in sentences
    assert "None" not in sentences and "null" not in " ".join(log["detail"].astype(str))
