"""Experts scoring online, in a real browser against a real ``streamlit run`` server: the chair
assigns two reviewers by hand, reviewer A declares a conflict on one application and cannot
score it, both score and submit, A cannot see B's scores before submitting, a reviewer cannot
reach an unassigned application by address, and the chair runs the ranking with the scores
normalised per reviewer (z-score). The chair attaches a PDF to an application on the subsidy
page and its reviewers find it on theirs.

Each person has their own browser context (their own Streamlit session), side by side, as on
the day; the tests run in file order and build on each other.

Every click that reruns the page waits for the server's word that the runs it started are over
(:func:`after_run`): the page's own idle mark is also idle before the server has answered, and
a sign-in runs three times (the form, ``st.rerun``, ``st.switch_page``), so on a loaded machine
a click made on the idle mark alone was taken over by the run still to come.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core import access
from dashboard.i18n import t
from dashboard.subsidy_text import s
from energy.subsidy import SubsidyStore, online
from energy.subsidy import materials as mat
from tests.dashboard_helpers import demo_database
from tests.e2e.conftest import CHROMIUM, VIEWPORT, is_local
from tests.subsidy import material_files as files

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium and "
                "fonts-noto-cjk (or run `make browser`)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-dev.txt")

from playwright.sync_api import expect  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

pytestmark = pytest.mark.slow

WAIT_MS = 45_000
RANKING_WAIT_MS = 90_000
CHAIR, CHAIR_PASSWORD = "chair", "chair-e2e-password-0123"
A, B, REVIEWER_PASSWORD = "expert_a", "expert_b", "reviewer-e2e-pass-0123"
CONFLICT_REASON = "曾在该校任教"
# The score each reviewer gives on every criterion.
SCORES = {A: "4", B: "2.5"}
STREAM = "/_stcore/stream"
# How a run ends when it is the last of those a click started (not FINISHED_EARLY_FOR_RERUN).
FINISHED = ForwardMsg.ScriptFinishedStatus
RUN_OVER = {FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_WITH_COMPILE_ERROR,
            FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A small demo database, a chair and two reviewers without affiliation (overrides
    conftest's, which the ``dashboard`` fixture serves)."""
    folder = tmp_path_factory.mktemp("online_review")
    path = demo_database(folder / "campus_energy.duckdb", n_schools=12, n_applications=4)
    accounts = folder / "accounts.json"
    access.add_account(CHAIR, CHAIR_PASSWORD, path=accounts)
    with SubsidyStore(path) as sub:
        for name in (A, B):
            access.add_reviewer(sub.survey, name, REVIEWER_PASSWORD, "cli", full_name=name,
                                path=accounts)
    return path, {"schools": 12, "buildings": 0, "upload_code": ""}


@pytest.fixture(scope="module")
def ids(demo_db):
    with SubsidyStore(demo_db[0]) as sub:
        return sorted(sub.current_applications()["application_id"])


@pytest.fixture(scope="module")
def tabs(browser, dashboard):
    """One offline browser tab per person, each its own Streamlit session."""
    refused: list[str] = []

    def offline(route) -> None:
        if is_local(route.request.url):
            route.fallback()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    contexts, opened = [], {}
    for person in (CHAIR, A, B):
        context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
        context.route("**/*", offline)
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        follow(tab)
        tab.goto(dashboard.url)
        wait_idle(tab)
        contexts.append(context)
        opened[person] = tab
    opened["refused"] = refused
    yield opened
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def shots_on_failure(request, artifacts):
    """When a test fails, keep what every person's tab showed (tests/artifacts/)."""
    yield
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or "tabs" not in request.fixturenames:
        return
    for person, tab in request.getfixturevalue("tabs").items():
        if person != "refused":
            try:
                tab.screenshot(path=str(artifacts / f"FAILED_{request.node.name}_{person}.png"),
                               full_page=True)
            except Exception as error:  # a dead browser must not hide the failure itself
                print(f"no screenshot of {person}: {error}")


def _sub(dashboard) -> SubsidyStore:
    return SubsidyStore(dashboard.db)


def _assigned(dashboard):
    with _sub(dashboard) as sub:
        return online.assignments(sub)


_STREAMS: dict = {}   # each tab's websocket to the server (a new one after each goto)


def follow(tab) -> None:
    """Keep the tab's current websocket to the server, for :func:`after_run`."""
    def opened(socket_) -> None:
        if STREAM in socket_.url:
            _STREAMS[tab] = socket_
    tab.on("websocket", opened)


def _run_over(payload) -> bool:
    if not isinstance(payload, bytes):
        return False
    msg = ForwardMsg.FromString(payload)
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in RUN_OVER


def after_run(tab, action, timeout_ms: float = WAIT_MS):
    """Do ``action`` (a click that reruns the page) and wait for the frame saying the runs it
    started are over; returns what ``action`` returned."""
    with _STREAMS[tab].expect_event("framereceived", predicate=_run_over, timeout=timeout_ms):
        done = action()
    return done


def wait_idle(tab) -> None:
    """After ``goto`` only: the first run's idle mark (the page starts ``initial``)."""
    tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=WAIT_MS)


def sign_in(tab, user: str, password: str) -> None:
    sidebar = tab.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label(t("user_name", "zh"), exact=True).fill(user)
    sidebar.get_by_label(t("password", "zh"), exact=True).fill(password)
    after_run(tab, sidebar.get_by_role("button", name=t("sign_in", "zh"), exact=True).click)
    expect(sidebar.get_by_text(t("signed_in_as", "zh", user=user))).to_be_visible()


def open_page(tab, link: str, heading: str) -> None:
    after_run(tab, tab.locator('[data-testid="stSidebarNav"] a').filter(
        has_text=re.compile(f"^{re.escape(link)}$")).click)
    expect(tab.get_by_role("heading", name=heading, level=1)).to_be_visible()


def pick(tab, combobox, label: str, reruns: bool) -> None:
    """Choose ``label`` in a drop-down (selectbox or multiselect) as a person would;
    ``reruns``: the widget is outside a form, so a new choice reruns the page."""
    if reruns and re.match(f"{re.escape(label)}( |$)", combobox.input_value()):
        return   # already chosen: choosing it again runs nothing
    combobox.click()
    tab.keyboard.type(label)
    option = tab.get_by_role("option", name=re.compile(f"^{re.escape(label)}")).first
    if reruns:
        after_run(tab, option.click)
    else:
        option.click()
        tab.keyboard.press("Escape")   # a multiselect's list stays open over what is below


def no_exception(tab) -> None:
    shown = tab.locator('[data-testid="stException"]')
    assert shown.count() == 0, shown.first.inner_text()


def main_text(tab) -> str:
    """The main area's text and every table cell (data grids draw on a canvas; their cells
    are in an accessible table beside it)."""
    for grid in tab.locator('[data-testid="stDataFrame"]').all():
        grid.scroll_into_view_if_needed()   # a grid fills its cells once it is in view
    return tab.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const cells = [...main.querySelectorAll('[data-testid="stDataFrame"] td, '
                                               + '[data-testid="stDataFrame"] th')];
        return [main.innerText, ...cells.map(c => c.textContent)].join(' '); }""")


def panel_table(tab):
    """The panel's submitted scores, the last table of the review page."""
    tab.get_by_text(s("panel_scores", "zh")).wait_for(timeout=WAIT_MS)
    grid = tab.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    return grid.locator("table")


def review_pick(tab, app_id: str) -> None:
    box = tab.locator(".st-key-review_application input[role='combobox']")
    pick(tab, box, app_id, reruns=True)
    expect(box).to_have_value(app_id)


# --- the chair assigns --------------------------------------------------------------------------

def test_the_chair_assigns_two_reviewers_by_hand(tabs, dashboard, ids):
    tab = tabs[CHAIR]
    sign_in(tab, CHAIR, CHAIR_PASSWORD)
    open_page(tab, s("page_panel", "zh"), s("panel_title", "zh"))
    form = tab.locator('[data-testid="stForm"]').filter(has_text=s("panel_hand_title", "zh"))
    # By label: widgets are drawn as their components arrive, so the first drop-down of the
    # form a moment after the page switch may be the second one.
    reviewer_box = form.get_by_role("combobox", name=s("panel_reviewer", "zh"), exact=True)
    chosen = form.locator('[data-testid="stMultiSelect"]')
    for n_done, reviewer in enumerate((A, B), start=1):
        pick(tab, reviewer_box, reviewer, reruns=False)
        expect(reviewer_box).to_have_value(reviewer)
        for app_id in ids[:2]:
            if app_id not in chosen.inner_text():   # kept from the reviewer before
                pick(tab, chosen.get_by_role("combobox"), app_id, reruns=False)
            expect(chosen).to_contain_text(app_id)
        after_run(tab, form.get_by_role("button", name=s("panel_assign", "zh"), exact=True).click)
        expect(tab.get_by_text(s("panel_assigned", "zh", n=2))).to_be_visible()
        made = _assigned(dashboard)   # written by the run after_run waited for
        assert len(made) == 2 * n_done
    no_exception(tab)
    assert sorted(zip(made["reviewer_id"], made["application_id"])) == sorted(
        (r, a) for r in (A, B) for a in ids[:2])


def test_the_chair_attaches_a_pdf_to_an_application(tabs, dashboard, ids):
    tab = tabs[CHAIR]
    open_page(tab, t("page_subsidy", "zh"), t("subsidy_title", "zh"))
    tab.get_by_text("申报材料", exact=True).first.click()
    pick(tab, tab.locator(".st-key-materials_application input[role='combobox']"), ids[1],
         reruns=True)
    upload = tab.locator(".st-key-up_material input[type=file]")
    after_run(tab, lambda: upload.set_input_files(files=[{
        "name": "可行性报告.pdf", "mimeType": "application/pdf", "buffer": files.good_pdf()}]))
    expect(tab.get_by_text("已保存材料“可行性报告.pdf”")).to_be_visible()
    after_run(tab, lambda: upload.set_input_files(files=[{
        "name": "伪装.pdf", "mimeType": "application/pdf", "buffer": files.pdf_with_javascript()}]))
    expect(tab.get_by_text(re.compile("伪装.pdf.*未接收"))).to_be_visible()
    no_exception(tab)
    with _sub(dashboard) as sub:
        assert list(mat.materials(sub, ids[1])["file_name"]) == ["可行性报告.pdf"]


# --- the reviewers ------------------------------------------------------------------------------

def test_a_reviewer_lands_on_the_review_page_with_only_the_assigned(tabs, ids):
    tab = tabs[A]
    sign_in(tab, A, REVIEWER_PASSWORD)
    tab.get_by_role("heading", name=s("review_title", "zh"), level=1).wait_for()
    nav = tab.locator('[data-testid="stSidebarNav"] a')
    assert nav.count() <= 1    # the review page and nothing else
    box = tab.locator(".st-key-review_application input[role='combobox']")
    box.click()
    options = tab.get_by_role("option")
    expect(options.first).to_be_visible()
    offered = sorted(o.inner_text().strip() for o in options.all())
    tab.keyboard.press("Escape")
    assert offered == ids[:2]
    assert not any(app_id in main_text(tab) for app_id in ids[2:])


def test_reviewer_a_declares_a_conflict_and_cannot_score_it(tabs, dashboard, ids):
    tab = tabs[A]
    review_pick(tab, ids[0])
    tab.get_by_role("radiogroup", name=s("conflict_choice", "zh")).get_by_text(
        s("conflict_yes", "zh"), exact=True).click()
    tab.get_by_label(s("conflict_reason", "zh"), exact=True).fill(CONFLICT_REASON)
    after_run(tab, tab.get_by_role("button", name=s("conflict_submit", "zh"), exact=True).click)
    expect(tab.get_by_text(s("conflict_recorded", "zh", application_id=ids[0]))).to_be_visible()
    assert tab.locator('[data-testid="stNumberInput"]').count() == 0
    assert online.STATUS_TEXT[online.CONFLICT][0] in main_text(tab)
    with _sub(dashboard) as sub, pytest.raises(online.ReviewRefused) as refused:
        online.save_scores(sub, A, ids[0], {c: (5, None) for c in online.CRITERIA})
    assert refused.value.code == "has_conflict"


def _declare_none_and_score(tab, app_id: str, score: str, submit: bool) -> None:
    review_pick(tab, app_id)
    after_run(tab, tab.get_by_role("button", name=s("conflict_submit", "zh"),
                                   exact=True).click)  # no conflict
    expect(tab.locator('[data-testid="stNumberInput"]').first).to_be_visible()
    for criterion in online.CRITERIA:
        field = tab.get_by_label(criterion, exact=True)
        field.fill(score)
        field.press("Tab")
    label = s("score_submit" if submit else "score_save", "zh")
    after_run(tab, tab.get_by_role("button", name=label, exact=True).click)
    done = (s("score_submitted", "zh", application_id=app_id) if submit
            else s("score_saved", "zh"))
    expect(tab.get_by_text(done)).to_be_visible()
    no_exception(tab)


def test_reviewer_b_scores_both_and_submits(tabs, dashboard, ids):
    tab = tabs[B]
    sign_in(tab, B, REVIEWER_PASSWORD)
    for app_id in ids[:2]:
        _declare_none_and_score(tab, app_id, SCORES[B], submit=True)
    panel = panel_table(tab)
    expect(panel).to_contain_text(B)
    expect(panel).not_to_contain_text(A)   # the panel so far: B alone
    with _sub(dashboard) as sub:
        reviews = sub.current_reviews()
    assert set(reviews.loc[reviews["reviewer_id"] == B, "application_id"]) == set(ids[:2])


def test_reviewer_a_sees_no_other_scores_before_submitting(tabs, dashboard, ids):
    tab = tabs[A]
    _declare_none_and_score(tab, ids[1], SCORES[A], submit=False)
    text = main_text(tab)
    assert s("panel_hidden", "zh") in text
    assert B not in text and s("panel_scores", "zh") not in text
    with _sub(dashboard) as sub, pytest.raises(online.ReviewRefused) as refused:
        online.panel_scores(sub, A, ids[1])
    assert refused.value.code == "not_submitted"


def test_a_reviewer_finds_the_applications_materials(tabs, ids):
    tab = tabs[A]
    tab.get_by_role("heading", name="申报材料").wait_for(timeout=WAIT_MS)
    assert "可行性报告.pdf" in main_text(tab)
    with tab.expect_download(timeout=WAIT_MS) as download:   # the click also reruns (audit)
        after_run(tab, tab.get_by_role("button", name="下载", exact=True).click)
    assert download.value.suggested_filename == "可行性报告.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    assert "伪装.pdf" not in main_text(tab)


def test_after_submitting_reviewer_a_sees_the_panel(tabs, ids):
    tab = tabs[A]
    review_pick(tab, ids[1])
    after_run(tab, tab.get_by_role("button", name=s("score_submit", "zh"), exact=True).click)
    expect(tab.get_by_text(s("score_submitted", "zh", application_id=ids[1]))).to_be_visible()
    tab.get_by_text(s("panel_scores", "zh")).wait_for(timeout=WAIT_MS)
    panel = panel_table(tab)
    expect(panel).to_contain_text(A)
    expect(panel).to_contain_text(B)


def test_no_address_opens_an_unassigned_application(tabs, dashboard, ids):
    tab = tabs[A]
    other = ids[3]
    for query in (f"review?review_application={other}", f"review?application_id={other}",
                  f"subsidy?application_id={other}", f"panel?review_application={other}"):
        tab.goto(f"{dashboard.url}/{query}")   # a new session: signed out
        tab.locator('[data-testid="stSidebar"]').wait_for()
        wait_idle(tab)
        assert other not in main_text(tab), query
    if tab.get_by_role("dialog").count():   # Streamlit's own "Page not found"
        tab.get_by_role("dialog").get_by_role("button").first.click()
    sign_in(tab, A, REVIEWER_PASSWORD)   # signed in from the last address, with its query
    tab.get_by_role("heading", name=s("review_title", "zh"), level=1).wait_for()
    assert other not in main_text(tab)
    with _sub(dashboard) as sub:
        for reach in (lambda: online.application_for(sub, A, other),
                      lambda: online.my_scores(sub, A, other),
                      lambda: mat.reviewer_materials(sub, A, other)):
            with pytest.raises(online.ReviewRefused):
                reach()


# --- the chair ranks ----------------------------------------------------------------------------

def test_the_chair_ranks_with_scores_normalised_per_reviewer(tabs, dashboard, ids):
    tab = tabs[CHAIR]
    open_page(tab, t("page_subsidy", "zh"), t("subsidy_title", "zh"))
    after_run(tab, tab.get_by_role("radiogroup", name=s("combine", "zh")).get_by_text(
        s("combine_zscore", "zh"), exact=True).click)   # the rubric's own is trimmed_mean
    after_run(tab, tab.get_by_role("button", name=t("run_ranking", "zh"), exact=True).click,
              timeout_ms=RANKING_WAIT_MS)
    expect(tab.get_by_role("heading", name=t("ranking_title", "zh"))).to_be_visible()
    no_exception(tab)
    with _sub(dashboard) as sub:
        run_id = sub.execute("SELECT max(run_id) FROM subsidy_runs").fetchone()[0]
        parameters = json.loads(sub.run(run_id)["parameters_json"])
        reviews = sub.current_reviews()
    assert parameters["expert_combination"] == "zscore"
    online_rows = reviews[reviews["reviewer_id"].isin([A, B])]
    assert sorted(set(zip(online_rows["reviewer_id"], online_rows["application_id"]))) == \
        sorted([(A, ids[1]), (B, ids[0]), (B, ids[1])])   # A's conflict left out


def test_nothing_left_the_machine(tabs):
    assert not tabs["refused"], tabs["refused"]
