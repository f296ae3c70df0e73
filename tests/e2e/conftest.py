"""Fixtures for the browser tests: a seeded demo database, the dashboard served by a real
``streamlit run`` process, and Debian's headless Chromium driven by Playwright.

Everything is module-scoped: one server and one browser session for the whole walk through the
pages (tests/e2e/test_browser.py runs its tests in order and shares the session).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.streamlit_client import serve
from tests.surveys.fixtures import SCHOOL

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
# Debian's chromium (`make test` installs it with fonts-noto-cjk); Playwright never downloads one.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]  # containers often have a 64 MB /dev/shm
VIEWPORT = {"width": 1400, "height": 900}
START_TIMEOUT_S = 60
N_SCHOOLS = 30
N_APPLICATIONS = 20
# A committee account made for the run (accounts file in the temporary folder).
COMMITTEE_USER, COMMITTEE_PASSWORD = "committee", "e2e-password-0123"
# A school that is not in the demo data, with an upload code issued before the server starts.
# It leaves its annual electricity use empty: its sheet passes every check, and the completeness
# page lists it under missing values.
NEW_SCHOOL = {**SCHOOL, "school_code": "3101159901", "school_name": "上海市浦东新区端到端测试中学",
              "annual_electricity_kwh": None}


@dataclasses.dataclass
class Dashboard:
    url: str
    db: Path
    log: Path
    schools: int
    buildings: int
    upload_code: str


@dataclasses.dataclass
class Traffic:
    """Every URL the browser asked for (requests and websockets), those refused for leaving
    the machine and every uncaught page error, each with the test it happened in."""

    test: str = ""
    urls: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    refused: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    page_errors: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def log(self, kind: str, what: str) -> None:
        getattr(self, kind).append((self.test, what))


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def is_local(url: str) -> bool:
    """True for this machine's server, and for data:, blob: (of a local page) and about:."""
    if url.startswith(("data:", "about:")):
        return True
    return urlsplit(url.removeprefix("blob:")).hostname in LOCAL_HOSTS


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, dict]:
    """A DuckDB file with 30 demo schools, 20 demo subsidy applications and an upload code
    for :data:`NEW_SCHOOL` (``seeded["upload_code"]``); a committee account beside it."""
    from core import access
    from surveys.store import SurveyStore
    from tests.demo_cache import subsidy_demo

    path = tmp_path_factory.mktemp("e2e") / "campus_energy.duckdb"
    seeded = subsidy_demo(path, N_SCHOOLS, N_APPLICATIONS)["survey"]
    with SurveyStore(path) as store:
        _, seeded["upload_code"] = access.issue_code(store, NEW_SCHOOL["school_code"], "e2e")
    access.add_account(COMMITTEE_USER, COMMITTEE_PASSWORD, path=path.with_name("accounts.json"))
    return path, seeded


@pytest.fixture(scope="module")
def dashboard(demo_db) -> Dashboard:
    """``streamlit run dashboard/server.py`` (as ``make run``) on a free local port against
    the demo database."""
    path, seeded = demo_db
    log = path.with_name("streamlit.log")
    env = {"CAMPUS_ENERGY_DB": str(path),
           "CAMPUS_ENERGY_ACCOUNTS": str(path.with_name("accounts.json"))}
    with serve(env, log, timeout_s=START_TIMEOUT_S) as served:
        yield Dashboard(served.url, path, log, seeded["schools"], seeded["buildings"],
                        seeded["upload_code"])


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture(scope="module")
def page(browser, dashboard, traffic):
    """One browser tab (one Streamlit session) shared by the tests of the module, in order.
    Offline: requests leaving the machine are logged (``traffic``) and aborted."""

    def offline(route) -> None:  # like the committee's intranet
        if is_local(route.request.url):
            route.fallback()
        else:
            traffic.log("refused", route.request.url)
            route.abort("internetdisconnected")

    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
    context.on("request", lambda request: traffic.log("urls", request.url))
    context.route("**/*", offline)
    tab = context.new_page()
    tab.on("websocket", lambda socket_: traffic.log("urls", socket_.url))
    tab.on("pageerror", lambda error: traffic.log("page_errors", str(error)))
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def screenshot_on_failure(request, artifacts):
    """Name the traffic after the running test; when a test fails, keep what the browser
    showed (tests/artifacts/FAILED_<test>.png) and print the end of the server's log."""
    if "page" in request.fixturenames:
        request.getfixturevalue("traffic").test = request.node.name
    yield
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or "page" not in request.fixturenames:
        return
    tab = request.getfixturevalue("page")
    try:
        tab.screenshot(path=str(artifacts / f"FAILED_{request.node.name}.png"), full_page=True)
    except Exception as error:  # a dead browser must not hide the test's own failure
        print(f"no failure screenshot: {error}")
    server_log = request.getfixturevalue("dashboard").log
    print("streamlit log (end):\n" + "\n".join(
        server_log.read_text("utf-8", errors="replace").splitlines()[-40:]))
