"""Who may do what: accounts, upload codes, slowed retries, audit trail — and in the app."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from core import access
from surveys.store import SurveyStore
from tests.dashboard_helpers import run_page
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def store(tmp_path, monkeypatch):
    from dashboard import auth

    monkeypatch.setattr(auth, "_THROTTLE", access.Throttle())   # one server process per test
    path = tmp_path / "a.duckdb"
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(path))
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(tmp_path / "accounts.json"))
    with SurveyStore(path) as opened:
        yield opened


def test_accounts_keep_only_salted_scrypt_hashes(store, tmp_path):
    access.add_account("li", "a long enough secret")
    access.add_account("zhao", "a long enough secret")
    text = (tmp_path / "accounts.json").read_text()
    assert "a long enough secret" not in text
    stored = json.loads(text)
    assert stored["li"]["salt"] != stored["zhao"]["salt"]
    assert stored["li"]["scrypt"] != stored["zhao"]["scrypt"]  # same password, other salt
    assert access.verify_password("li", "a long enough secret")
    assert not access.verify_password("li", "a long enough secreT")
    assert not access.verify_password("nobody", "a long enough secret")
    with pytest.raises(access.AccessDenied):
        access.add_account("short", "123")


def test_upload_codes_belong_to_one_school_expire_and_can_be_revoked(store):
    code_id, code = access.issue_code(store, "3101150001", "wang")
    assert access.school_of_code(store, code) == "3101150001"
    assert access.school_of_code(store, code.lower().replace("-", " ")) == "3101150001"
    assert code not in access.upload_codes(store).to_string()
    with pytest.raises(access.AccessDenied) as wrong:
        access.school_of_code(store, "AAAA-BBBB-CCCC-DDDD")
    assert wrong.value.code == "bad_code" and wrong.value.message_en
    old_id, old = access.issue_code(store, "3101150002", "wang", days=1)
    with store.transaction() as cur:   # a day later
        cur.execute("UPDATE upload_codes SET expires_at = expires_at - INTERVAL 2 DAY "
                    "WHERE code_id = ?", [old_id])
    for days in (-5, 0, 10_000):
        with pytest.raises(ValueError):
            access.issue_code(store, "3101150002", "wang", days=days)
    with pytest.raises(access.AccessDenied) as expired:
        access.school_of_code(store, old)
    assert expired.value.code == "expired_code" and "过期" in expired.value.message_zh
    assert access.revoke_codes(store, "wang", code_id=code_id) == [code_id]
    with pytest.raises(access.AccessDenied) as revoked:
        access.school_of_code(store, code)
    assert revoked.value.code == "revoked_code"
    with pytest.raises(access.AccessDenied):
        access.check_school_matches("3101150001", ["3101150001", "9999"])


def test_repeated_failures_are_slowed_down():
    now = [100.0]
    throttle = access.Throttle(free_attempts=3, base_seconds=2, clock=lambda: now[0])
    for _ in range(3):
        throttle.check("k")
        throttle.failed("k")
    with pytest.raises(access.AccessDenied) as slow:
        throttle.check("k")
    assert slow.value.code == "slow_down"
    now[0] += 2.1
    throttle.check("k")  # waited long enough
    throttle.failed("k")
    assert throttle.wait_seconds("k") == pytest.approx(4.0)  # doubled
    throttle.succeeded("k")
    assert throttle.wait_seconds("k") == 0


def test_every_action_is_audited(store):
    assert store.import_bytes(template_prefilled(SCHOOL, BUILDINGS), "s.xlsx",
                              actor="school:3101150001").status == "stored"
    code_id, _ = access.issue_code(store, "3101150001", "wang")
    access.revoke_codes(store, "wang", code_id=code_id)
    access.audit(store, "wang", "export", "shortlist.xlsx")
    log = access.audit_log(store)
    assert list(log["action"])[::-1] == ["submission", "code_issued", "code_revoked", "export"]
    assert log.iloc[-1]["actor"] == "school:3101150001"


def _school_app():
    app = run_page("upload_page", user=None)
    assert not app.exception
    return app


def _enter_code(app, code: str):
    app.text_input[0].input(code)
    app.button[0].click().run()  # the form's check button
    return app


def test_a_school_uploads_only_its_own_sheet_with_its_code(store):
    _, code = access.issue_code(store, SCHOOL["school_code"], "wang")
    app = _enter_code(_school_app(), code)
    assert not app.exception
    assert app.file_uploader, "an accepted code opens the uploader"
    assert any("上传码有效" in s.value for s in app.success)
    other = template_prefilled(dict(SCHOOL, school_code="3109999999"), BUILDINGS)
    app.file_uploader[0].set_value(("other.xlsx", other, XLSX)).run()
    assert any("只能上传本校" in e.value for e in app.error)
    assert not [b for b in app.button if b.label == "提交"]
    own = template_prefilled(SCHOOL, BUILDINGS)
    app.file_uploader[0].set_value(("own.xlsx", own, XLSX)).run()
    next(b for b in app.button if b.label == "提交").click().run()
    assert any("已提交" in s.value for s in app.success)
    assert store.counts()["submissions"] == 1
    assert access.audit_log(store)["actor"].str.startswith("school:").any()


def test_wrong_codes_get_a_clear_message_and_are_slowed(store):
    app = _school_app()
    for _ in range(3):
        _enter_code(app, "WRON-GCOD-EWRO-NGXX")
        assert any("上传码不正确" in e.value for e in app.error)
    _enter_code(app, "WRON-GCOD-EWRO-NGXX")
    assert any("秒后再试" in e.value for e in app.error)
    assert not app.file_uploader


def test_committee_pages_refuse_signed_out_sessions(store):
    app = run_page("overview_page", user=None)
    assert not app.exception
    assert any("仅供委员会成员" in w.value for w in app.warning)
    assert not app.metric


def test_an_attacker_behind_the_same_address_does_not_lock_out_a_member():
    """Two people behind one address are two clients (their browsers' cookies): the
    attacker's wrong passwords slow the attacker's own pair; the member signs in at once."""
    now = [0.0]
    throttle = access.Throttle(free_attempts=3, base_seconds=2, context_cap=20,
                               clock=lambda: now[0])
    attacker = access.login_attempt_keys("10.0.0.1", "wang", browser="attacker-cookie")
    for _ in range(12):
        if throttle.wait_seconds(*attacker) == 0:
            throttle.check(*attacker)
            throttle.failed(*attacker)
        now[0] += 1
    assert throttle.wait_seconds(*attacker) > 0
    member = access.login_attempt_keys("10.0.0.1", "wang", browser="member-cookie")
    throttle.check(*member)   # raises if the member had to wait
    throttle.succeeded(*member)
    assert throttle.wait_seconds(*attacker) > 0, "a success elsewhere does not free the attacker"


def test_rotating_addresses_or_cookies_buys_no_speed():
    """An account attacked from ever new clients is paced to one attempt per pace_seconds for
    clients that never signed in; a member's known browser is never paced."""
    now = [0.0]
    throttle = access.Throttle(context_cap=20, pace_seconds=10, clock=lambda: now[0])
    member = access.login_attempt_keys("192.168.1.9", "wang", browser="member-cookie")
    throttle.check(*member)
    throttle.succeeded(*member)   # signed in from this browser before
    tried = 0
    for n in range(300):   # 300 s of guessing, a fresh address every time
        keys = access.login_attempt_keys(f"10.0.{n // 250}.{n % 250}", "wang")
        try:
            throttle.check(*keys)
        except access.AccessDenied:
            now[0] += 1
            continue
        tried += 1
        throttle.failed(*keys)
        now[0] += 1
    assert tried <= 20 + 300 / 10 + 1, tried   # the free ones, then one per 10 s
    throttle.check(*member)   # the known browser: straight in
    newcomer = access.login_attempt_keys("172.16.0.1", "li")   # another account: not paced
    throttle.check(*newcomer)


def test_failed_sign_ins_never_log_what_was_typed_as_the_name(tmp_path):
    path = tmp_path / "accounts.json"
    access.add_account("wang", "a long enough secret", path=path)
    assert access.typed_name_for_log("wang", path) == "wang"
    logged = access.typed_name_for_log("my-Secret-Passw0rd", path)
    assert "Secret" not in logged and logged.startswith("unknown:")
    assert logged == access.typed_name_for_log("my-Secret-Passw0rd", path)  # matches up


def _sign_in_script() -> None:
    from dashboard.auth import sign_in_panel

    sign_in_panel()


def test_a_failed_sign_in_in_the_app_logs_no_typed_text(store):
    app = AppTest.from_function(_sign_in_script, default_timeout=60).run()
    app.text_input[0].input("hunter2-typed-in-the-name-field")
    app.text_input[1].input("x")
    app.button[0].click().run()
    assert not app.exception
    log = access.audit_log(store)
    failed = log[log["action"] == "sign_in_failed"]
    assert len(failed) == 1
    assert "hunter2" not in failed.to_string()


def test_the_code_is_checked_again_inside_the_storing_transaction(store):
    code_id, code = access.issue_code(store, SCHOOL["school_code"], "wang")
    sheet = template_prefilled(SCHOOL, BUILDINGS)
    access.revoke_codes(store, "wang", code_id=code_id)   # after the school entered it
    with pytest.raises(access.AccessDenied) as refused:
        store.import_bytes(sheet, "s.xlsx", source="upload", upload_code=code)
    assert refused.value.code == "revoked_code"
    assert store.counts()["submissions"] == 0
    _, fresh = access.issue_code(store, "3109999999", "wang")
    with pytest.raises(access.AccessDenied) as other:   # a valid code of another school
        store.import_bytes(sheet, "s.xlsx", source="upload", upload_code=fresh)
    assert other.value.code == "wrong_school"
    _, own = access.issue_code(store, SCHOOL["school_code"], "wang")
    assert store.import_bytes(sheet, "s.xlsx", source="upload", upload_code=own).status == \
        "stored"


def test_a_revoked_code_ends_the_school_session_in_the_app(store):
    code_id, code = access.issue_code(store, SCHOOL["school_code"], "wang")
    app = _enter_code(_school_app(), code)
    assert app.file_uploader
    access.revoke_codes(store, "wang", code_id=code_id)
    app.run()
    assert any("已被撤销" in e.value for e in app.error)
    assert not app.file_uploader


@pytest.mark.parametrize(("args", "expected"), [
    (["code", "issue", "--school", "3101150001", "--days", "-5"], "--days"),
    (["code", "issue", "--school", "3101150001", "--days", "0"], "--days"),
    (["code", "issue"], "--school"),
    (["code", "issue", "--school", "=1+1"], "school code"),
    (["code", "issue", "--school", "\u200b\u200b"], "school code"),
    (["code", "revoke"], "--id"),
])
def test_code_commands_refuse_bad_arguments_clearly(store, capsys, args, expected):
    from surveys.__main__ import main

    assert main([*args, "--db", store.path]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Unexpected error" not in err
    assert access.upload_codes(store).empty, "nothing was issued"


def test_a_look_alike_code_on_the_command_line_is_the_plain_code(store, capsys):
    from surveys.__main__ import main

    assert main(["code", "issue", "--school", "3101150001\u200b", "--db", store.path]) == 0
    assert list(access.upload_codes(store)["school_code"]) == ["3101150001"]


HOLD_A_WRITE = """
import sys, time
from core.store import Store
store = Store(sys.argv[1])
with store.transaction() as cur:
    cur.execute("SELECT 1")
    print("writing", flush=True)
    time.sleep(60)
"""


def test_a_school_submitting_while_another_program_writes_gets_a_clear_message(
        store, monkeypatch):
    import subprocess
    import sys

    _, code = access.issue_code(store, SCHOOL["school_code"], "wang")
    app = _enter_code(_school_app(), code)
    app.file_uploader[0].set_value(("own.xlsx", template_prefilled(SCHOOL, BUILDINGS), XLSX))
    app.run()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_A_WRITE, store.path],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "writing"
        monkeypatch.setenv("CAMPUS_ENERGY_LOCK_WAIT_S", "0.5")
        next(b for b in app.button if b.label == "提交").click().run()
        assert not app.exception
        assert any(str(holder.pid) in e.value and "稍后重试" in e.value for e in app.error)
    finally:
        holder.kill()
        holder.wait()
    assert store.counts()["submissions"] == 0
    next(b for b in app.button if b.label == "提交").click().run()   # the same click again
    assert any("已提交" in s.value for s in app.success)
