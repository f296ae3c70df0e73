"""The committee's command-line writes while the dashboard runs, and identity at the moment of
writing.

A real ``streamlit run`` with a committee member signed in, in a real browser: ``surveys
import`` (two at once), ``code issue``, ``account add`` and ``backup`` on the same database
must succeed, and the dashboard shows their result without a restart. A school whose code is
revoked by the command line after it entered it cannot submit any more.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import duckdb
import pytest

from dashboard.i18n import t
from tests.e2e.conftest import CHROMIUM, NEW_SCHOOL, REPO
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium",
                allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is in requirements-dev.txt")

from playwright.sync_api import expect  # noqa: E402

from tests.e2e.test_browser import (  # noqa: E402
    OVERVIEW_ZH,
    WAIT_MS,
    assert_no_exception,
    metrics,
    number,
    open_page,
    sign_in,
    upload,
    wait_idle,
)

pytestmark = pytest.mark.slow

CLI_SCHOOLS = [dict(SCHOOL, school_code=f"31011599{n:02d}", school_name=f"上海市命令行导入学校{n}")
               for n in range(40, 43)]


def _cli(dashboard, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m surveys ARGS`` on the dashboard's database, as the committee runs it."""
    env = {**os.environ, "CAMPUS_ENERGY_DB": str(dashboard.db),
           "CAMPUS_ENERGY_ACCOUNTS": str(dashboard.db.with_name("accounts.json"))}
    return subprocess.run([sys.executable, "-m", "surveys", *args], cwd=REPO, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120)


def _sign_in(page, dashboard) -> None:
    page.goto(dashboard.url)
    sign_in(page)


def test_cli_writes_succeed_while_the_dashboard_runs_with_a_member_signed_in(
        page, dashboard, tmp_path):
    _sign_in(page, dashboard)
    open_page(page, "总览", OVERVIEW_ZH)
    wait_idle(page)
    before = number(metrics(page)["已调研校园"])
    sheets = []
    for school in CLI_SCHOOLS:
        sheet = tmp_path / f"{school['school_code']}.xlsx"
        sheet.write_bytes(template_prefilled(school, BUILDINGS))
        sheets.append(sheet)
    first = _cli(dashboard, "import", str(sheets[0]))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "已导入 stored" in first.stdout
    # two imports at the same moment, from two processes
    env = {**os.environ, "CAMPUS_ENERGY_DB": str(dashboard.db)}
    racing = [subprocess.Popen([sys.executable, "-m", "surveys", "import", str(sheet)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for sheet in sheets[1:]]
    for proc in racing:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, out + err
        assert "Unexpected error" not in err and "lock" not in err.lower(), err
    issued = _cli(dashboard, "code", "issue", "--school", CLI_SCHOOLS[0]["school_code"])
    assert issued.returncode == 0, issued.stderr
    assert re.search(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", issued.stdout)
    added = _cli(dashboard, "account", "add", "second-member", "--password-stdin",
                 stdin="a-long-enough-password\n")
    assert added.returncode == 0, added.stderr
    backup = tmp_path / "live-backup.duckdb"
    copied = _cli(dashboard, "backup", str(backup))
    assert copied.returncode == 0, copied.stderr
    assert "快照" not in copied.stdout, "the database itself was free to copy"
    with duckdb.connect(str(backup), read_only=True) as con:
        codes = {r[0] for r in con.execute("SELECT school_code FROM submissions").fetchall()}
    assert {s["school_code"] for s in CLI_SCHOOLS} <= codes

    # the dashboard, still running and still signed in, shows what the command line wrote
    open_page(page, "数据完整度", t("page_completeness", "zh"))
    open_page(page, "总览", OVERVIEW_ZH)
    wait_idle(page)
    assert number(metrics(page)["已调研校园"]) == before + len(CLI_SCHOOLS)
    assert_no_exception(page)


def test_a_code_revoked_after_it_was_entered_stops_the_submission(browser, dashboard, tmp_path):
    school = dict(NEW_SCHOOL, school_code="3101159950", school_name="上海市撤销测试学校")
    issued = _cli(dashboard, "code", "issue", "--school", school["school_code"])
    code = re.search(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", issued.stdout)[0]
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(dashboard.url)
        tab.get_by_label(t("upload_code", "zh"), exact=True).fill(code)
        tab.get_by_role("button", name=t("check_code", "zh"), exact=True).click()
        tab.get_by_text(t("code_ok", "zh", school=school["school_code"])).wait_for(
            timeout=WAIT_MS)
        upload(tab, "撤销测试.xlsx", template_prefilled(school, BUILDINGS))
        tab.get_by_text("检查通过，没有发现问题。").wait_for(timeout=WAIT_MS)
        revoked = _cli(dashboard, "code", "revoke", "--school", school["school_code"])
        assert revoked.returncode == 0, revoked.stderr
        tab.get_by_role("button", name="提交", exact=True).click()
        tab.get_by_text("该上传码已被撤销").first.wait_for(timeout=WAIT_MS)
        expect(tab.get_by_text(re.compile("已提交！"))).to_have_count(0)
    finally:
        context.close()
    with duckdb.connect(str(dashboard.db.with_name(
            dashboard.db.stem + ".snapshot.duckdb")), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM submissions WHERE school_code = ?",
                             [school["school_code"]]).fetchone()[0]
    assert stored == 0
