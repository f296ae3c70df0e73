"""Sign-in for the committee and upload codes for schools (UI only; rules in core.access)."""

from __future__ import annotations

import streamlit as st

from core import access
from core.config import CLIENT_COOKIE, proxy_addresses, trusted_proxy_header
from dashboard.i18n import t
from dashboard.state import UPLOAD_CHECK, forget_once, language, store
from dashboard.subsidy_text import s

_THROTTLE = access.Throttle()  # one failure counter per server process, shared by sessions


def throttle() -> access.Throttle:
    return _THROTTLE


def _socket_address() -> str | None:
    try:
        address = st.context.ip_address
    except Exception:  # contexts without a client (tests, bare mode)
        return None
    return address if isinstance(address, str) and address else None


def _client() -> str:
    """The client's address: the socket's, or, when the connection comes from a reverse
    proxy named as trusted (``$CAMPUS_ENERGY_TRUSTED_PROXY`` and
    ``$CAMPUS_ENERGY_PROXY_ADDRESSES``), the last address that proxy put in its header. A
    header from anywhere else is not believed: anyone can write one."""
    address = _socket_address()
    header = trusted_proxy_header()
    if header and address in proxy_addresses():
        try:
            forwarded = st.context.headers.get(header)
        except Exception:  # contexts without a client (tests, bare mode)
            forwarded = None
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64] or "local"
    return address or "local"


def _browser() -> str | None:
    """The browser's random cookie from the launcher (``dashboard/server.py``), if any: two
    people behind one address are two clients."""
    try:
        value = st.context.cookies.get(CLIENT_COOKIE)
    except Exception:  # contexts without a client (tests, bare mode)
        return None
    return value if isinstance(value, str) and value else None


def oidc_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section (use ``st.login``)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def committee_user() -> str | None:
    """The signed-in committee member, or None."""
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name") or "oidc-user")
    return st.session_state.get("committee_user")


def reviewer_user() -> str | None:
    """The signed-in reviewer (an expert scoring online), or None. Checked against the
    accounts file on every run: an account removed or made a committee member's ends the
    reviewer's session."""
    name = st.session_state.get("reviewer_user")
    if name and access.account_role(name) != access.REVIEWER:
        st.session_state.pop("reviewer_user", None)
        return None
    return name


def require_reviewer() -> str:
    """Stop the page unless a reviewer is signed in; returns the reviewer."""
    user = reviewer_user()
    if not user:
        st.warning(s("reviewer_only", language()))
        st.stop()
    return user


def _message(denied: access.AccessDenied, lang: str) -> str:
    return denied.message_zh if lang == "zh" else denied.message_en


def sign_in_panel() -> None:
    """Sidebar: sign in (local accounts or OIDC) or, when signed in, sign out."""
    lang = language()
    user = committee_user() or reviewer_user()
    if user:
        st.caption(t("signed_in_as", lang, user=user))
        if st.button(t("sign_out", lang)):
            access.audit_soon(store(), user, "sign_out")
            st.session_state.pop("committee_user", None)
            st.session_state.pop("reviewer_user", None)
            if oidc_configured():
                st.logout()
            st.rerun()
        return
    if oidc_configured():
        if st.button(t("sign_in", lang)):
            st.login()
        return
    with st.form("sign_in", clear_on_submit=True):
        st.caption(t("committee_sign_in", lang))
        name = st.text_input(t("user_name", lang))
        password = st.text_input(t("password", lang), type="password")
        submitted = st.form_submit_button(t("sign_in", lang))
    if submitted:
        _try_sign_in(name.strip(), password, lang)


def _try_sign_in(name: str, password: str, lang: str) -> None:
    keys = access.login_attempt_keys(_client(), name, _browser())
    try:
        throttle().check(*keys)
    except access.AccessDenied as denied:
        st.error(_message(denied, lang))
        return
    if access.verify_password(name, password):
        throttle().succeeded(*keys)
        role = access.account_role(name)   # a reviewer is never a committee member
        st.session_state["reviewer_user" if role == access.REVIEWER else "committee_user"] = name
        st.session_state["just_signed_in"] = True
        access.audit_soon(store(), name, "sign_in", client=_client())
        st.rerun()
    throttle().failed(*keys)
    access.audit_soon(store(), access.typed_name_for_log(name), "sign_in_failed",
                      client=_client())
    st.error(t("bad_login", lang))


def forget_school_code() -> None:
    """Sign the school out of this session (its code is no longer valid)."""
    for key in ("school_auth", "school_upload_code"):
        st.session_state.pop(key, None)
    forget_once(UPLOAD_CHECK)


def _still_valid(lang: str) -> tuple[str, str] | None:
    """The session's school and code, checked again against the database on every run: a
    code revoked or expired since it was entered ends the school's session at once."""
    school, code = st.session_state["school_auth"], st.session_state.get("school_upload_code")
    try:
        if code is None or access.school_of_code(store(), code) != school:
            raise access.AccessDenied("bad_code")
    except access.AccessDenied as denied:
        forget_school_code()
        st.error(_message(denied, lang))
        return None
    st.success(t("code_ok", lang, school=school))
    return school, code


def school_code_gate(lang: str) -> tuple[str, str] | None:
    """Ask a school for its upload code; returns ``(school, code)`` once accepted."""
    if st.session_state.get("school_auth"):
        return _still_valid(lang)
    with st.form("upload_code"):
        code = st.text_input(t("upload_code", lang), type="password",
                             help=t("upload_code_help", lang))
        submitted = st.form_submit_button(t("check_code", lang))
    if not submitted:
        return None
    keys = access.code_attempt_keys(_client(), _browser())
    try:
        throttle().check(*keys)
        school = access.school_of_code(store(), code)
    except access.AccessDenied as denied:
        if denied.code != "slow_down":
            throttle().failed(*keys)
            access.audit_soon(store(), f"client:{_client()}", "code_failed", None,
                              reason=denied.code)
        st.error(_message(denied, lang))
        return None
    throttle().succeeded(*keys)
    st.session_state["school_auth"] = school
    st.session_state["school_upload_code"] = code
    access.audit_soon(store(), f"school:{school}", "code_accepted", school)
    st.rerun()


def require_committee() -> str:
    """Stop the page unless a committee member is signed in; returns the member."""
    user = committee_user()
    if not user:
        st.warning(t("committee_only", language()))
        st.stop()
    return user
