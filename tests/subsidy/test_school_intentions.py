"""A school states its intentions (收集项目申报意向) itself, with its upload code: by the API,
by an intention sheet through the isolated reader, and on the upload page."""

from __future__ import annotations

import pytest

from core import access
from core.audit import audit_log
from energy.subsidy.intentions import (
    STORED,
    add_intention,
    import_intentions,
    intention_call,
    intentions,
    school_intentions,
)
from energy.subsidy.rounds import INTENTIONS, open_round, set_status
from surveys.store import SurveyStore
from tests.dashboard_helpers import run_page
from tests.subsidy.conftest import CODE, SECOND, xlsx
from tests.test_page_walk import page_problems

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(school_code: str) -> bytes:
    return xlsx([["学校代码", school_code], [],
                 ["项目类型", "预计投资（万元）", "项目简介"],
                 ["LED照明", 40, "图书馆灯具"], ["光伏", 150, "体育馆屋顶"]])


@pytest.fixture
def calling(store):
    """Round 2027 collecting intentions, and an upload code for the test school."""
    open_round(store, "2027年度", "chair", from_round="2026")
    set_status(store, "2027", INTENTIONS, "chair")
    _, code = access.issue_code(store.survey, CODE, "chair")
    return store, code


def test_a_school_states_an_intention_with_its_code(calling):
    store, code = calling
    new_id = add_intention(store, CODE, "光伏", 1_500_000.0, f"school:{CODE}", "体育馆屋顶",
                           source="upload", upload_code=code)
    row = intentions(store).set_index("intention_id").loc[new_id]
    assert (row["round_id"], row["school_code"], row["source"], row["submitted_by"]) == (
        "2027", CODE, "upload", f"school:{CODE}")
    assert list(school_intentions(store.survey, CODE, "2027")["intention_id"]) == [new_id]
    assert school_intentions(store.survey, SECOND["school_code"], "2027").empty
    assert intention_call(store.survey) == ("2027", "2027年度")


def test_a_code_states_intentions_for_its_own_school_only(calling):
    store, code = calling
    with pytest.raises(access.AccessDenied) as other:
        add_intention(store, SECOND["school_code"], "光伏", 1e6, f"school:{CODE}",
                      upload_code=code)
    assert other.value.code == "wrong_school"
    with pytest.raises(access.AccessDenied) as bad:
        add_intention(store, CODE, "光伏", 1e6, "school:?", upload_code="not-a-code")
    assert bad.value.code == "bad_code"
    with pytest.raises(access.AccessDenied):
        import_intentions(store, _sheet(SECOND["school_code"]), "意向.xlsx",
                          f"school:{CODE}", source="upload", upload_code=code)
    assert intentions(store).empty


def test_no_intention_call_outside_an_open_or_intention_round(store, tmp_path):
    assert intention_call(store.survey) is None   # the default round is under review
    open_round(store, "2027年度", "chair")
    assert intention_call(store.survey) == ("2027", "2027年度")
    set_status(store, "2027", "applications", "chair")
    assert intention_call(store.survey) is None
    with SurveyStore(tmp_path / "survey_only.duckdb") as bare:   # no subsidy tables at all
        assert intention_call(bare) is None
        assert "subsidy_rounds" not in set(bare.frame("SHOW TABLES")["name"])


def test_a_revoked_code_stops_the_write_it_belongs_to(calling):
    store, code = calling
    assert access.revoke_codes(store.survey, "chair", school_code=CODE)
    with pytest.raises(access.AccessDenied) as revoked:
        add_intention(store, CODE, "光伏", 1e6, f"school:{CODE}", upload_code=code)
    assert revoked.value.code == "revoked_code"
    assert intentions(store).empty


def test_a_schools_intention_sheet_is_read_by_the_isolated_reader(calling):
    store, code = calling
    done = import_intentions(store, _sheet(CODE), "本校意向.xlsx", f"school:{CODE}",
                             source="upload", upload_code=code)
    assert done.status == STORED and len(done.intention_ids) == 2
    stated = school_intentions(store.survey, CODE, "2027")
    assert sorted(stated["rough_investment_cny"]) == [400_000.0, 1_500_000.0]
    assert set(stated["file_name"]) == {"本校意向.xlsx"}
    log = audit_log(store.survey)
    assert (log["action"] == "intentions_imported").sum() == 1


@pytest.mark.slow
def test_the_upload_page_takes_a_schools_intention(calling, db_copy, tmp_path, monkeypatch):
    from dashboard import auth

    store, code = calling
    monkeypatch.setattr(auth, "_THROTTLE", access.Throttle())
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(db_copy))
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(tmp_path / "accounts.json"))
    app = run_page("upload_page", user=None)
    assert not any("申报意向" in e.label for e in app.expander), "no code yet: nothing shown"
    app.text_input[0].input(code)
    app.button[0].click().run()
    assert not app.exception
    assert any("项目申报意向（2027年度）" in e.label for e in app.expander)
    assert not page_problems(app, "zh"), page_problems(app, "zh")
    app.selectbox[0].select("空调与热泵")
    app.number_input[0].set_value(80.0)
    app.text_input[0].input("教学楼空气源热泵")
    next(b for b in app.button if b.label == "登记意向").click().run()
    assert not app.exception
    assert any("已登记申报意向" in s.value for s in app.success)
    assert not page_problems(app, "zh"), page_problems(app, "zh")   # the school's list
    stated = school_intentions(store.survey, CODE, "2027")
    assert stated[["project_type", "rough_investment_cny", "description", "source"]
                  ].values.tolist() == [["空调与热泵", 800_000.0, "教学楼空气源热泵", "upload"]]
