"""Who may do what: committee accounts, school upload codes, slowed retries, the audit trail.

* Committee accounts live in a local JSON file (``$CAMPUS_ENERGY_ACCOUNTS``, default
  ``accounts.json`` beside the database) holding, per account, a random salt and the scrypt
  hash of the password (``hashlib.scrypt``, n=2¹⁴, r=8, p=1) — never the password. They are
  created with ``python -m surveys account add NAME``. Where an OIDC provider is configured,
  the dashboard uses Streamlit's ``st.login`` instead.
* A school upload code is 80 random bits written as ``XXXX-XXXX-XXXX-XXXX`` in an alphabet
  without look-alike characters. Only its SHA-256 is stored (a slow hash adds nothing to an
  80-bit random secret, and a plain digest lets the code be looked up); it belongs to one
  school, expires, and can be revoked.
* :class:`Throttle` slows repeated failures down: after a few wrong attempts each further one
  must wait twice as long as the last (capped), keyed on the account tried *and* the client,
  so that an attacker slows down itself and not the committee member beside it.
* Reviewer accounts (role ``reviewer``) sit beside committee members in the same file:
  experts who score the applications assigned to them online and see nothing else. Their
  school and district (``reviewer_profiles``, core migration 003) are conflicts of interest
  the assignment never breaks (:mod:`energy.subsidy.online`).
* Every submission, sign-in, code issued or revoked, rubric change, ranking run and export is
  written to ``audit_log`` with who and when.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core import sql
from core.audit import audit, audit_log, audit_soon
from core.config import ACCOUNTS_ENV, accounts_path, make_private
from core.store import Store, record_audit, utc_now

__all__ = ["ACCOUNTS_ENV", "AccessDenied", "COMMITTEE", "REVIEWER", "Throttle", "account_role",
           "accounts_path", "add_account", "add_reviewer", "audit", "reviewer_profiles",
           "audit_log", "audit_soon", "issue_code", "issue_codes", "load_accounts", "remove_account", "revoke_codes",
           "school_of_code", "upload_codes", "verify_password"]
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0, 1
CODE_GROUPS, CODE_GROUP_LEN = 4, 4
DEFAULT_CODE_DAYS = 60
MIN_CODE_DAYS, MAX_CODE_DAYS = 1, 366
MIN_PASSWORD_CHARS = 10
COMMITTEE, REVIEWER = "committee", "reviewer"
ROLES = (COMMITTEE, REVIEWER)

MESSAGES = {
    "bad_code": ("上传码不正确，请核对后重试。", "The upload code is not right; check it and try again."),
    "expired_code": ("该上传码已于 {date} 过期，请联系协会重新发放。",
                     "This upload code expired on {date}; ask the association for a new one."),
    "revoked_code": ("该上传码已被撤销，请联系协会重新发放。",
                     "This upload code was revoked; ask the association for a new one."),
    "slow_down": ("尝试次数过多，请 {seconds} 秒后再试。",
                  "Too many attempts: try again in {seconds} s."),
    "bad_login": ("用户名或密码不正确。", "Wrong user name or password."),
    "weak_password": (f"密码至少需要 {MIN_PASSWORD_CHARS} 个字符。",
                      f"The password needs at least {MIN_PASSWORD_CHARS} characters."),
    "wrong_school": ("该上传码属于学校 {own}，但表格中是学校 {found}：只能上传本校的调研表。",
                     "This upload code belongs to school {own}, but the sheet is for {found}: "
                     "a school can only upload its own survey."),
}


class AccessDenied(Exception):
    """A refused sign-in or code, with its message in Chinese and English."""

    def __init__(self, code: str, **fields):
        zh, en = (template.format(**fields) for template in MESSAGES[code])
        super().__init__(f"{zh} / {en}")
        self.code, self.message_zh, self.message_en = code, zh, en


# --- committee accounts --------------------------------------------------------------------

def _hash_password(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT).hex()


def load_accounts(path: Path | None = None) -> dict:
    path = path or accounts_path()
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def _save_accounts(accounts: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(accounts, ensure_ascii=False, indent=2), "utf-8")
    make_private(partial)
    os.replace(partial, path)


def add_account(name: str, password: str, path: Path | None = None,
                role: str = COMMITTEE) -> None:
    """Create or replace an account (the password is stored as a salted scrypt hash).

    Parameters
    ----------
    role
        ``committee`` (default) or ``reviewer`` (an expert who scores online).

    Raises
    ------
    AccessDenied
        When the password is shorter than :data:`MIN_PASSWORD_CHARS`.
    ValueError
        For an unknown role.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}: {role!r}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccessDenied("weak_password")
    path = path or accounts_path()
    accounts = load_accounts(path)
    salt = secrets.token_bytes(16)
    accounts[name] = {"salt": salt.hex(), "scrypt": _hash_password(password, salt),
                      "params": SCRYPT, "created_at": utc_now().isoformat(timespec="seconds"),
                      "role": role}
    _save_accounts(accounts, path)


def account_role(name: str, path: Path | None = None) -> str | None:
    """``committee`` or ``reviewer`` for an existing account (accounts made before roles
    existed are committee members), None for an unknown name."""
    account = load_accounts(path).get(name)
    return None if account is None else account.get("role", COMMITTEE)


def add_reviewer(store: Store, name: str, password: str, actor: str,
                 full_name: str | None = None, school_code: str | None = None,
                 district: str | None = None, path: Path | None = None) -> None:
    """Create a reviewer account with the school and district that are its conflicts of
    interest, audited as ``reviewer_added``.

    Raises
    ------
    AccessDenied
        For a password that is too short.
    ValueError
        When ``name`` is already a committee member's account.
    """
    if account_role(name, path) == COMMITTEE:
        raise ValueError(f"{name!r} is a committee account / 已是评审委员会账号")
    add_account(name, password, path, role=REVIEWER)
    with store.transaction() as cur:
        cur.execute(sql.query("upsert_reviewer_profile"), {
            "account": name, "full_name": full_name or None, "school_code": school_code or None,
            "district": district or None, "created_by": actor, "created_at": utc_now()})
        record_audit(cur, actor, "reviewer_added", name, school_code=school_code or "",
                     district=district or "")


def reviewer_profiles(store: Store) -> pd.DataFrame:
    """Every reviewer's profile: ``account, full_name, school_code, district``."""
    return store.frame(sql.query("reviewer_profiles"), fresh=True)


def remove_account(name: str, path: Path | None = None) -> bool:
    path = path or accounts_path()
    accounts = load_accounts(path)
    found = accounts.pop(name, None) is not None
    _save_accounts(accounts, path)
    return found


def random_password() -> str:
    """A 16-character password from the code alphabet (about 80 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))


def verify_password(name: str, password: str, path: Path | None = None) -> bool:
    """True when ``name`` exists and ``password`` matches; constant-time comparison."""
    account = load_accounts(path).get(name)
    if account is None:
        _hash_password(password, b"\0" * 16)  # same cost either way
        return False
    expected = account["scrypt"]
    actual = _hash_password(password, bytes.fromhex(account["salt"]))
    return hmac.compare_digest(expected, actual)


# --- upload codes --------------------------------------------------------------------------

def _code_digest(code: str) -> str:
    canonical = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(canonical.encode("ascii", "ignore")).hexdigest()


def new_code() -> str:
    letters = [secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN)]
    groups = ["".join(letters[i:i + CODE_GROUP_LEN])
              for i in range(0, len(letters), CODE_GROUP_LEN)]
    return "-".join(groups)


def issue_code(store: Store, school_code: str, actor: str,
               days: int = DEFAULT_CODE_DAYS) -> tuple[int, str]:
    """Issue an upload code for one school; returns ``(code_id, code)``.

    The code itself is shown once and never stored.

    Raises
    ------
    ValueError
        When ``days`` is outside :data:`MIN_CODE_DAYS`–:data:`MAX_CODE_DAYS` (a code that is
        born expired, or one that never ends, is a mistake).
    """
    _check_days(days)
    with store.transaction() as cur:
        return _insert_code(cur, school_code, actor, days, utc_now())


def _check_days(days: int) -> None:
    if not MIN_CODE_DAYS <= days <= MAX_CODE_DAYS:
        raise ValueError(f"days must be between {MIN_CODE_DAYS} and {MAX_CODE_DAYS}, got {days}")


def _insert_code(cur, school_code: str, actor: str, days: int, now, **detail) -> tuple[int, str]:
    """Store one new code (its digest) and its audit entry with the caller's cursor."""
    code = new_code()
    code_id = cur.execute(sql.query("insert_upload_code"), {
        "school_code": school_code, "code_sha256": _code_digest(code), "issued_at": now,
        "expires_at": now + _dt.timedelta(days=days), "issued_by": actor}).fetchone()[0]
    record_audit(cur, actor, "code_issued", school_code, code_id=code_id, days=days, **detail)
    return code_id, code


def issue_codes(store: Store, school_codes, actor: str,
                days: int = DEFAULT_CODE_DAYS) -> list[tuple[str, int, str]]:
    """Issue one upload code for each school, all in one transaction (all or none).

    Each code gets its own ``code_issued`` audit entry (marked ``bulk``), written in the same
    transaction. The codes are returned once and never stored.

    Returns
    -------
    list of (str, int, str)
        ``(school_code, code_id, code)`` in the order given.

    Raises
    ------
    ValueError
        For ``days`` out of range, or a school listed twice.
    """
    _check_days(days)
    schools = list(school_codes)
    if len(set(schools)) != len(schools):
        raise ValueError("a school is listed twice")
    now = utc_now()
    with store.transaction() as cur:
        return [(school, *_insert_code(cur, school, actor, days, now, bulk=len(schools)))
                for school in schools]


def revoke_codes(store: Store, actor: str, code_id: int | None = None,
                 school_code: str | None = None) -> list[int]:
    """Revoke one code, or every active code of a school; returns the revoked ids."""
    with store.transaction() as cur:
        rows = cur.execute(sql.query("revoke_upload_code"), {
            "at": utc_now(), "actor": actor, "code_id": code_id,
            "school_code": school_code}).fetchall()
        revoked = [r[0] for r in rows]
        schools = ",".join(sorted({r[1] for r in rows})) or school_code
        record_audit(cur, actor, "code_revoked", schools, code_ids=revoked)
    return revoked


def upload_codes(store: Store) -> pd.DataFrame:
    """Every code issued (never the code itself) with ``active``."""
    return store.frame(sql.query("upload_codes"), {"now": utc_now()}, fresh=True)


def school_of_code(store: Store, code: str) -> str:
    """The school an upload code belongs to (read from the snapshot, which every code issued
    or revoked republishes; the write that stores a sheet checks the code again, in its own
    transaction).

    Raises
    ------
    AccessDenied
        For an unknown, expired or revoked code (bilingual message).
    """
    with store.read() as cur:
        return school_of_code_in(cur, code)


def school_of_code_in(cur, code: str) -> str:
    """:func:`school_of_code` with the caller's cursor: inside a write transaction, so that
    a code revoked or expired a moment ago stops the write it belongs to."""
    row = cur.execute(sql.query("find_upload_code"),
                      {"code_sha256": _code_digest(code)}).fetchone()
    if row is None:
        raise AccessDenied("bad_code")
    _, school_code, expires_at, revoked_at = row
    if revoked_at is not None:
        raise AccessDenied("revoked_code")
    if expires_at <= utc_now():
        raise AccessDenied("expired_code", date=expires_at.date().isoformat())
    return school_code


def check_school_matches(own_school: str, sheet_schools) -> None:
    """Refuse a sheet that holds any school other than the code's own."""
    others = sorted(set(map(str, sheet_schools)) - {own_school})
    if others:
        raise AccessDenied("wrong_school", own=own_school, found=", ".join(others))


# --- slowing down repeated failures ---------------------------------------------------------

def login_attempt_keys(address: str, name: str, browser: str | None = None
                       ) -> tuple[str, str, str]:
    """Throttle keys of a committee sign-in: the pair (account, client) first — the client
    being the address and, when known, the browser's cookie — then the address and the account
    on their own (see :class:`Throttle`)."""
    account = hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:16]
    return (f"login:{account}@{_client_key(address, browser)}", f"address:{address}",
            f"account:{account}")


def code_attempt_keys(address: str, browser: str | None = None) -> tuple[str, str]:
    """Throttle keys of a school entering an upload code: this client, then its address. (No
    key for all clients: an attacker's wrong codes must not slow every school down; an 80-bit
    code is not guessed anyway.)"""
    return f"code@{_client_key(address, browser)}", f"code-address:{address}"


def _client_key(address: str, browser: str | None) -> str:
    if not browser:
        return address
    return f"{address}|{hashlib.sha256(browser.encode('utf-8', 'replace')).hexdigest()[:16]}"


def typed_name_for_log(name: str, path: Path | None = None) -> str:
    """What the audit log keeps of a user name typed at a failed sign-in.

    An existing account's name is kept (it is no secret); anything else becomes
    ``unknown:<12 hex digits of its SHA-256>``, so a password typed into the name field
    never lands in the log, while repeated attempts with the same text still match up.
    """
    if name and name in load_accounts(path):
        return name
    digest = hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:12]
    return f"unknown:{digest}"


@dataclass
class Throttle:
    """Slows repeated failures down without letting an attacker lock anyone else out.

    Every attempt names a *primary* key (a committee sign-in: the account tried from this
    client, a client being an address and, where the dashboard's launcher gave it one, a
    browser cookie; a school code: this client) and *context* keys (the address alone, the
    account alone, all clients).

    * The primary key slows down on its own failures: after ``free_attempts`` each further
      attempt waits ``base_seconds × 2^(extra failures − 1)``, at most ``max_seconds``; a
      success resets it and marks the pair as *known*.
    * A context key that has gathered ``context_cap`` failures (password spraying from one
      address; one account attacked from many clients, or from a client that keeps throwing
      its cookie away) is *paced*: every pair it covers that has not succeeded before gets one
      attempt per ``pace_seconds`` for that context key, whichever client it comes from, so
      rotating addresses or cookies buys no speed.
    * A known pair is never paced: a member who has signed in from this browser before gets
      in at the first try whatever an attacker does to the account or the address.

    Failures are forgotten after ``memory_seconds``; known pairs after ``known_seconds``.
    """

    free_attempts: int = 3
    base_seconds: float = 2.0
    max_seconds: float = 300.0
    context_cap: int = 20
    pace_seconds: float = 10.0
    memory_seconds: float = 3600.0
    known_seconds: float = 90 * 86400.0
    clock: object = time.monotonic

    def __post_init__(self):
        self._failures: dict[str, tuple[int, float]] = {}
        self._paced: dict[str, float] = {}    # context key -> last attempt it let through
        self._known: dict[str, float] = {}    # primary key -> last success
        self._lock = threading.Lock()

    def _count(self, key: str) -> tuple[int, float]:
        count, last = self._failures.get(key, (0, 0.0))
        if count and self.clock() - last > self.memory_seconds:
            self._failures.pop(key, None)
            return 0, 0.0
        return count, last

    def _is_known(self, primary: str) -> bool:
        when = self._known.get(primary)
        return when is not None and self.clock() - when <= self.known_seconds

    def _crowded(self, context: tuple[str, ...]) -> list[str]:
        return [key for key in context if self._count(key)[0] >= self.context_cap]

    def wait_seconds(self, primary: str, *context: str) -> float:
        """Seconds the primary key must still wait before its next attempt (0 when free)."""
        with self._lock:
            return self._wait(primary, context)

    def _wait(self, primary: str, context: tuple[str, ...]) -> float:
        now = self.clock()
        count, last = self._count(primary)
        wait = 0.0
        if count >= self.free_attempts:
            delay = min(self.max_seconds, self.base_seconds * 2 ** (count - self.free_attempts))
            wait = max(0.0, last + delay - now)
        if self._is_known(primary):
            return wait
        for key in self._crowded(context):
            wait = max(wait, self._paced.get(key, -1e18) + self.pace_seconds - now)
        return max(0.0, wait)

    def check(self, primary: str, *context: str) -> None:
        """Raise :class:`AccessDenied` (``slow_down``) while the primary key must wait;
        otherwise let the attempt through (and take its turn on any paced context key)."""
        with self._lock:
            wait = self._wait(primary, context)
            if wait <= 0 and not self._is_known(primary):
                now = self.clock()
                for key in self._crowded(context):
                    self._paced[key] = now
        if wait > 0:
            raise AccessDenied("slow_down", seconds=int(wait) + 1)

    def failed(self, primary: str, *context: str) -> None:
        """Count a failure against the primary key and every context key."""
        now = self.clock()
        with self._lock:
            for key in (primary, *context):
                count, _ = self._count(key)
                self._failures[key] = (count + 1, now)
            if len(self._failures) > 100_000:   # bounded memory under a flood of clients
                oldest = sorted(self._failures.items(), key=lambda item: item[1][1])
                for key, _ in oldest[:50_000]:
                    del self._failures[key]

    def succeeded(self, primary: str, *context: str) -> None:
        """Forget the primary key's failures and remember the pair as known."""
        with self._lock:
            self._failures.pop(primary, None)
            self._known[primary] = self.clock()
            if len(self._known) > 100_000:
                oldest = sorted(self._known.items(), key=lambda item: item[1])
                for key, _ in oldest[:50_000]:
                    del self._known[key]
