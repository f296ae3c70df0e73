"""Everything of a round stays in its round (migration 007), on a real DuckDB file: the chair
closes one round's scoring, and an application id used again next year has its own
assignments, scores, clarifications and materials in each round."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from core import sql
from core.store import utc_now
from energy.subsidy import SubsidyStore, online
from energy.subsidy import materials as mat
from energy.subsidy.__main__ import main
from energy.subsidy.rounds import open_round
from energy.subsidy.store import COMPONENT, SQL_PACKAGE
from surveys.store import SurveyStore
from tests.subsidy.conftest import applications_file, saving_application
from tests.subsidy.material_files import good_pdf
from tests.subsidy.online_fixtures import CHAIR, reviewer_database

NEXT = "2027"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return reviewer_database(tmp_path_factory.mktemp("round_scope"))


@pytest.fixture
def env(seeded, tmp_path, monkeypatch):
    """A private copy with a round 2027 holding an application whose id is also one of the
    current round's (the first seeded one); yields the 2026 store, the 2027 store, the id."""
    db, accounts = tmp_path / "demo.duckdb", tmp_path / "accounts.json"
    shutil.copy(seeded["db"], db)
    shutil.copy(seeded["accounts"], accounts)
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(accounts))
    first = seeded["apps"].iloc[0]
    with SubsidyStore(db) as sub:
        this_round = sub.round_id
        open_round(sub, f"{NEXT}年度", CHAIR, from_round=this_round)
        row = saving_application(first["application_id"], school_code=first["school_code"])
        stored = sub.import_bytes(applications_file([row]), "next.xlsx", round_id=NEXT)
        assert stored.status == "stored"
        yield sub.in_round(this_round), sub.in_round(NEXT), first["application_id"], db


def _score_all(sub, reviewer, app_id, value):
    online.declare(sub, reviewer, app_id, False)
    online.save_scores(sub, reviewer, app_id, {c: (value, None) for c in online.CRITERIA})
    online.submit(sub, reviewer, app_id)


def test_closing_one_rounds_scoring_leaves_the_other_open(env):
    now, later, app_id, db = env
    assert online.assign(now, "zhao", [app_id], CHAIR) == [app_id]
    assert online.assign(later, "zhao", [app_id], CHAIR) == [app_id]
    online.close_scoring(now, CHAIR)
    assert not online.scoring_open(now)
    assert online.scoring_open(later)
    with pytest.raises(online.ReviewRefused) as closed:
        online.declare(now, "zhao", app_id, False)
    assert closed.value.code == "closed"
    online.declare(later, "zhao", app_id, False)   # the next round goes on
    assert online.assignments(later)["status"].tolist() == [online.DECLARED]
    assert online.assignments(now)["status"].tolist() == [online.ASSIGNED]


def test_an_id_used_again_next_year_is_scored_apart(env):
    now, later, app_id, _ = env
    online.assign(now, "zhao", [app_id], CHAIR)
    online.assign(later, "zhao", [app_id], CHAIR)
    _score_all(now, "zhao", app_id, 4.0)
    assert online.application_for(later, "zhao", app_id)["status"] == online.ASSIGNED
    assert online.my_scores(later, "zhao", app_id).empty
    with pytest.raises(online.ReviewRefused):
        online.panel_scores(later, "zhao", app_id)
    scored_now = now.current_reviews()
    mine = scored_now[(scored_now["reviewer_id"] == "zhao")
                      & (scored_now["application_id"] == app_id)]
    assert set(mine["criterion"]) == set(online.CRITERIA)
    assert (mine["score"] == 4.0).all()
    assert later.current_reviews().empty
    _score_all(later, "zhao", app_id, 2.0)
    assert set(later.current_reviews()["score"]) == {2.0}
    assert set(mine["score"]) == set(now.current_reviews().loc[
        lambda f: (f["reviewer_id"] == "zhao") & (f["application_id"] == app_id), "score"])


def test_clarifications_belong_to_their_round(env):
    now, later, app_id, _ = env
    later.clarify(app_id, "corrected", 150_000.0, CHAIR, "学校更正", figure_kwh=90_000.0)
    assert now.clarifications().empty
    decided = later.clarifications()
    assert decided["application_id"].tolist() == [app_id]
    assert decided["figure_kwh"].tolist() == [90_000.0]


def test_a_past_rounds_materials_stay_with_it(env):
    now, later, app_id, _ = env
    pdf = good_pdf("2026 budget")
    first = mat.add_material(now, app_id, pdf, "预算.pdf", CHAIR)
    assert first.status == mat.STORED
    assert mat.materials(later, app_id).empty
    again = mat.add_material(later, app_id, pdf, "预算.pdf", CHAIR)
    assert again.status == mat.STORED and again.material_id != first.material_id
    assert mat.materials(now, app_id)["round_id"].tolist() == [now.round_id]
    assert mat.materials(later, app_id)["round_id"].tolist() == [NEXT]
    with pytest.raises(KeyError):
        mat.material(later, first.material_id)
    assert mat.material(now, first.material_id).content == pdf
    mat.withdraw_material(later, again.material_id, CHAIR)
    assert len(mat.materials(now, app_id)) == 1


def test_the_cli_opens_and_closes_a_given_rounds_scoring(env, capsys):
    now, later, _, db = env
    assert main(["scoring", "close", "--round", now.round_id, "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"round_id": now.round_id,
                                                   "scoring_open": False}
    assert main(["scoring", "status", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scoring_open"] is True   # 2027, the current
    assert main(["scoring", "status", "--round", "1999", "--db", str(db)]) == 2


def _store_at_migration_6(path):
    """A real file with the subsidy tables as migrations 001–006 left them, and rows in each
    table migration 007 changes (as a database from before per-round scoping holds them)."""
    SurveyStore(path).close()
    con = duckdb.connect(str(path))
    for version, name, text in sql.migrations(SQL_PACKAGE):
        if version <= 6:
            con.execute(text)
            con.execute(sql.query("record_migration"), {
                "component": COMPONENT, "version": version, "name": name,
                "applied_at": utc_now()})
    now = utc_now()
    con.execute("INSERT INTO subsidy_uploads (upload_id, kind, received_at, file_name, sha256,"
                " size_bytes, content, source, n_rows, round_id) VALUES (1, 'applications', ?,"
                " 'a.xlsx', 'x', 1, 'x', 'cli', 1, '2025')", [now])
    con.execute("INSERT INTO subsidy_applications (upload_id, source_row, submitted_at,"
                " school_code, application_id, project_name, project_type,"
                " total_investment_cny, subsidy_requested_cny, service_life_years, round_id)"
                " VALUES (1, 2, ?, '3101150001', 'OLD1', 'p', '照明改造', 1, 1, 10, '2025')",
                [now])
    con.execute("INSERT INTO subsidy_review_assignments (reviewer_id, application_id,"
                " assigned_by, assigned_at, submitted_at, round_id)"
                " VALUES ('zhao', 'OLD1', 'chair', ?, ?, '2025')", [now, now])
    con.execute("INSERT INTO subsidy_online_scores VALUES ('zhao', 'OLD1', '示范教育', 3, NULL, ?)",
                [now])
    con.execute("INSERT INTO subsidy_scoring_events (action, actor, event_at)"
                " VALUES ('closed', 'chair', ?)", [now])
    con.execute("INSERT INTO subsidy_clarifications (application_id, action, claimed_kwh,"
                " figure_kwh, reason, actor, decided_at)"
                " VALUES ('OLD1', 'confirmed', 5, 5, 'r', 'chair', ?)", [now])
    con.execute("INSERT INTO subsidy_materials (application_id, file_name, kind, media_type,"
                " sha256, size_bytes, content, uploaded_at, uploaded_by, status)"
                " VALUES ('OLD1', 'a.pdf', 'pdf', 'application/pdf', 'h', 1, 'x', ?, 'chair',"
                " 'active')", [now])
    con.close()


def test_migration_7_gives_old_rows_their_round(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_at_migration_6(path)
    with SubsidyStore(path) as sub:   # migrates to 007
        old = sub.in_round("2025")
        assert old.clarifications()["application_id"].tolist() == ["OLD1"]
        assert mat.materials(old, "OLD1")["round_id"].tolist() == ["2025"]
        assert online.assignments(old)["application_id"].tolist() == ["OLD1"]
        assert old.current_reviews()["score"].tolist() == [3.0]
        current = sub.in_round("2026")   # the round current at migration had the close
        assert not online.scoring_open(current)
        assert online.scoring_open(old)
        assert current.clarifications().empty
