"""The dashboard's web server: ``app.py`` served by Streamlit's own ASGI app (``st.App``)
behind one small guard. Start it with ``python -m streamlit run dashboard/server.py`` (what
``make run`` does); every ``streamlit run`` option (``--server.port`` ...) still applies.

Streamlit 1.67 has no setting for any of these, so the guard adds them:

- ``/_stcore/metrics`` answers 404 unless the request carries
  ``Authorization: Bearer $CAMPUS_ENERGY_METRICS_TOKEN`` (no token configured: always 404).
- A websocket may resume a session (the session id in its subprotocol header) only if the
  same browser started it: each browser gets a random HttpOnly cookie, and a session belongs to
  the cookie of the connection that opened it. Without this, anyone holding a session id (from
  an upload URL in a proxy log, say) took over that session, signed-in committee member
  included.
- The first message of every script run no longer tells the browser where the app lives on
  the server (``main_script_path``).

``client.showErrorDetails = "none"`` (``.streamlit/config.toml``) keeps tracebacks out of the
browser; tests/security/test_server.py checks all four against a running server.
"""

from __future__ import annotations

import collections
import hmac
import os
import posixpath
import secrets
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# `streamlit run dashboard/server.py` puts this folder first on sys.path, where app.py expects
# the repository root (as `streamlit run app.py` gives it); dashboard/state.py must not be
# importable as a top-level `state`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import streamlit as st  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from starlette.requests import HTTPConnection  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from streamlit import config  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from core.config import CLIENT_COOKIE  # noqa: E402

APP_SCRIPT = REPO / "app.py"
METRICS_TOKEN_ENV = "CAMPUS_ENERGY_METRICS_TOKEN"
METRICS_ROUTE = "/_stcore/metrics"

MAX_KNOWN_SESSIONS = 10_000


def metrics_token() -> str | None:
    """The bearer token that opens ``/_stcore/metrics``, or None (closed to everyone)."""
    return os.environ.get(METRICS_TOKEN_ENV, "").strip() or None


def _normalised(path: str) -> str:
    """``path`` with repeated slashes, dot segments and a trailing slash removed, lower case:
    every spelling that could reach a route compares equal."""
    return posixpath.normpath("/" + path).lower().lstrip("/")


def _is_metrics(path: str) -> bool:
    base = config.get_option("server.baseUrlPath") or ""
    return _normalised(path) == _normalised(f"{base}/{METRICS_ROUTE}")


def _authorised(scope) -> bool:
    token = metrics_token()
    sent = HTTPConnection(scope).headers.get("authorization", "")
    return token is not None and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


def _protocols(scope) -> list[str]:
    """The websocket subprotocol entries as Streamlit reads them: the first header only,
    positions kept (``streamlit``, XSRF token, session id to resume)."""
    raw = HTTPConnection(scope).headers.get("sec-websocket-protocol", "")
    return [entry.strip() for entry in raw.split(",")] if raw else []


def _without_resume(scope, entries: list[str]) -> dict:
    """A copy of ``scope`` whose handshake asks for a new session instead of resuming one."""
    kept = ", ".join(entries[:2]).encode("latin-1")
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"sec-websocket-protocol"]
    return {**scope, "headers": [*headers, (b"sec-websocket-protocol", kept)],
            "subprotocols": [e for e in entries[:2] if e]}


class Guard:
    """ASGI middleware in front of Streamlit's routes (see the module docstring)."""

    def __init__(self, app) -> None:
        self.app = app
        self.owners: collections.OrderedDict[str, str | None] = collections.OrderedDict()
        self.script_path = str(APP_SCRIPT).encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope, receive, send) -> None:
        if _is_metrics(scope["path"]) and not _authorised(scope):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        if HTTPConnection(scope).cookies.get(CLIENT_COOKIE):
            await self.app(scope, receive, send)
            return
        cookie = (f"{CLIENT_COOKIE}={secrets.token_urlsafe(32)}; Path=/; HttpOnly; "
                  "SameSite=Lax").encode()

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"set-cookie", cookie)]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    async def _websocket(self, scope, receive, send) -> None:
        browser = HTTPConnection(scope).cookies.get(CLIENT_COOKIE) or None
        entries = _protocols(scope)
        if len(entries) >= 3 and entries[2]:
            owner = self.owners.get(entries[2])
            if browser is None or owner != browser:  # unknown, expired or someone else's
                scope = _without_resume(scope, entries)

        async def send_scrubbed(message) -> None:
            data = message.get("bytes")
            if message["type"] == "websocket.send" and data and self.script_path in data:
                message = {**message, "bytes": self._new_session(data, browser)}
            await send(message)

        await self.app(scope, receive, send_scrubbed)

    def _new_session(self, data: bytes, browser: str | None) -> bytes:
        """Note which browser owns the session and drop the script's server path."""
        msg = ForwardMsg.FromString(data)
        if not msg.HasField("new_session"):
            return data
        session_id = msg.new_session.initialize.session_id
        if session_id and session_id not in self.owners:
            self.owners[session_id] = browser
            while len(self.owners) > MAX_KNOWN_SESSIONS:
                self.owners.popitem(last=False)
        msg.new_session.main_script_path = APP_SCRIPT.name
        return msg.SerializeToString()


app = st.App(str(APP_SCRIPT), middleware=[Middleware(Guard)])
