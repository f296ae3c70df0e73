"""A small Streamlit protocol client: one browser tab without a browser.

It speaks to a real ``streamlit run`` what Streamlit 1.67's frontend speaks (read from the
installed ``streamlit`` package: ``web/server/starlette``, ``runtime/app_session.py``,
``proto``), so tests and ``benchmarks/load.py`` can drive many sessions at the cost of a few
protobuf messages each:

- ``GET /_stcore/health`` gives the XSRF cookie ``_streamlit_xsrf`` (and any other cookie the
  server sets); the websocket ``/_stcore/stream`` is opened with the subprotocols
  ``["streamlit", <xsrf cookie>, <session id to resume>]``.
- Nothing runs until the client sends ``BackMsg.rerun_script`` (a ``ClientState``: the page
  as ``page_script_hash``, or as ``page_name`` = the page's URL path the way a browser opening
  ``/pv`` does, and the widget states). A run sends ``new_session`` (``initialize.session_id``),
  deltas placed by ``metadata.delta_path``, ``navigation`` (the pages, and the one shown) and
  ends with ``script_finished``; ``FINISHED_EARLY_FOR_RERUN`` means ``st.rerun`` or
  ``st.switch_page`` started another run.
- Each rerun carries the value of every widget the tab has set; a button's trigger only once.
  A form's widgets go with its submit button (and are forgotten after it when the form
  clears on submit).
- Upload: ``BackMsg.file_urls_request`` (request id, file names, session id) answered by
  ``ForwardMsg.file_urls_response`` (file id, upload URL); an HTTP ``PUT`` of the file as
  multipart form data to that URL with the header ``X-Xsrftoken`` = the XSRF cookie; then a
  rerun with the uploader's ``FileUploaderState`` (name, size, file id, URLs).

A :class:`Page` lists the elements of the finished run in screen order (main area, then the
sidebar), their texts (markdown and captions, alerts, titles and headers, exceptions ...) and
the raw ForwardMsgs. :func:`serve` starts the dashboard to talk to (``make run``'s launcher on
a free local port) and stops it again.

Use::

    async with Client("http://127.0.0.1:8501") as tab:
        page = await tab.run("upload")          # open /upload
        await tab.fill("学校上传码", code)       # inside a form: nothing runs yet
        page = await tab.click("验证")
        page = await tab.upload("选择调研表文件", "sheet.xlsx", data)
        assert page.has_text("检查通过")
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import requests
import websockets
from google.protobuf.message import Message
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

REPO = Path(__file__).resolve().parents[1]
FINISHED = ForwardMsg.ScriptFinishedStatus
XSRF_COOKIE = "_streamlit_xsrf"
# Element kinds whose text a user reads; `Page.texts` collects them.
TEXT_KINDS = ("markdown", "alert", "heading", "text", "code", "exception", "metric")


@dataclasses.dataclass
class Element:
    """One element on the page: its kind (the ``Element`` oneof name, e.g. ``"alert"``,
    ``"text_input"``), its own protobuf message and where it sits (``delta_path``)."""

    kind: str
    proto: Message
    path: tuple[int, ...]

    @property
    def label(self) -> str:
        return getattr(self.proto, "label", "")

    @property
    def widget_id(self) -> str:
        return getattr(self.proto, "id", "")

    @property
    def form_id(self) -> str:
        return getattr(self.proto, "form_id", "")

    @property
    def text(self) -> str:
        """What the user reads: body, message or label and value."""
        if self.kind == "exception":
            return "\n".join([self.proto.type, self.proto.message, *self.proto.stack_trace])
        if self.kind == "metric":
            return f"{self.proto.label} {self.proto.body}"
        return getattr(self.proto, "body", "") or self.label


@dataclasses.dataclass
class Page:
    """What a run left on screen, the raw messages it received and how long it took [s]."""

    elements: list[Element]
    messages: list[ForwardMsg]
    seconds: float
    url_path: str

    def of(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.kind == kind]

    def texts(self, kinds: tuple[str, ...] = TEXT_KINDS) -> list[str]:
        return [e.text for e in self.elements if e.kind in kinds]

    def has_text(self, fragment: str) -> bool:
        return any(fragment in text for text in self.texts())

    @property
    def exceptions(self) -> list[Element]:
        return self.of("exception")

    @property
    def dataframes(self) -> int:
        return len(self.of("dataframe")) + len(self.of("table"))

    def widget(self, label: str, kind: str | None = None) -> Element:
        """The widget labelled ``label`` (exact, else the only one containing it)."""
        widgets = [e for e in self.elements if e.widget_id and (kind is None or e.kind == kind)]
        exact = [e for e in widgets if e.label == label]
        found = exact or [e for e in widgets if label in e.label]
        if len(found) != 1:
            raise LookupError(f"{len(found)} widgets labelled {label!r} on /{self.url_path}: "
                              f"{[e.label for e in widgets]}")
        return found[0]


class Client:
    """One browser tab against the server at ``base_url`` (see the module docstring).

    Parameters
    ----------
    base_url
        ``http://host:port`` (with the ``server.baseUrlPath``, if any).
    timeout_s
        Longest wait for one run or answer [s].
    cookies
        Start with these cookies (another tab of the same browser); default: none.
    """

    def __init__(self, base_url: str, *, timeout_s: float = 120.0, cookies=None) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.http = requests.Session()
        self.http.trust_env = False  # never through a proxy: the server is local
        if cookies is not None:
            self.http.cookies.update(cookies)
        self.session_id = ""
        self.page_hash = ""
        self.page: Page | None = None
        self._ws = None
        self._values: dict[str, WidgetState] = {}
        self._pending: dict[str, dict[str, WidgetState]] = {}  # form id -> typed, not sent
        self._clearing_forms: set[str] = set()
        self._paths: dict[str, str] = {}  # page script hash -> URL path

    async def __aenter__(self) -> Client:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def connect(self, resume: str | None = None) -> None:
        """Open the websocket (after the HTTP request that sets the cookies); ``resume``:
        the id of a session to reconnect to, as a reloading browser does."""
        answer = await asyncio.to_thread(self.http.get, f"{self.base_url}/_stcore/health",
                                         timeout=self.timeout_s)
        answer.raise_for_status()
        xsrf = self.http.cookies.get(XSRF_COOKIE, "")
        cookies = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        ws_url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        self._ws = await websockets.connect(
            ws_url, subprotocols=["streamlit", xsrf, *([resume] if resume else [])],
            additional_headers={"Cookie": cookies} if cookies else None,
            origin=self.base_url, proxy=None, compression=None, max_size=None,
            open_timeout=self.timeout_s, ping_interval=None)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None
        self.http.close()

    # --- what a user does -----------------------------------------------------------------

    async def run(self, url_path: str | None = None) -> Page:
        """Run the script: on the page at ``url_path`` (``""``: the default page), or on
        the page shown now when None (a widget change or a reload)."""
        state = BackMsg()
        rerun = state.rerun_script
        if url_path is None:
            rerun.page_script_hash = self.page_hash
        else:
            rerun.page_name = url_path
        rerun.widget_states.widgets.extend(self._values.values())
        return await self._run(state)

    async def fill(self, label: str, value: str) -> Page | None:
        """Type ``value`` into a text input; outside a form this runs the script (Enter)."""
        element = self._widget(label, "text_input")
        return await self._set(element, WidgetState(id=element.widget_id, string_value=value))

    async def tick(self, label: str, value: bool = True) -> Page | None:
        """Set a checkbox; outside a form this runs the script."""
        element = self._widget(label, "checkbox")
        return await self._set(element, WidgetState(id=element.widget_id, bool_value=value))

    async def click(self, label: str) -> Page:
        """Click a button (a form's submit button sends the form's widgets with it)."""
        element = self._widget(label, "button")
        if element.proto.disabled:
            raise LookupError(f"button {label!r} is disabled")
        form = element.form_id
        if form:
            self._values.update(self._pending.pop(form, {}))
        state = BackMsg()
        state.rerun_script.page_script_hash = self.page_hash
        widgets = state.rerun_script.widget_states.widgets
        widgets.extend(self._values.values())
        widgets.append(WidgetState(id=element.widget_id, trigger_value=True))
        if form in self._clearing_forms:
            self._values = {k: v for k, v in self._values.items()
                            if k not in self._form_widgets(form)}
        return await self._run(state)

    async def upload(self, label: str, name: str, data: bytes,
                     mime: str = "application/octet-stream") -> Page:
        """Choose a file in a file_uploader, through Streamlit's upload route."""
        element = self._widget(label, "file_uploader")
        request = BackMsg()
        request.file_urls_request.request_id = uuid.uuid4().hex
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(name)
        await self._send(request)
        urls = await self._file_urls(request.file_urls_request.request_id)
        headers = {"X-Xsrftoken": self.http.cookies.get(XSRF_COOKIE, "")}
        answer = await asyncio.to_thread(
            self.http.put, urljoin(self.base_url + "/", urls.upload_url.lstrip("/")),
            files={name: (name, data, mime)}, headers=headers, timeout=self.timeout_s)
        answer.raise_for_status()
        state = WidgetState(id=element.widget_id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        return await self._set(element, state)

    async def clear_cache(self) -> None:
        """What the "Clear cache" menu entry sends: ``BackMsg.clear_cache``."""
        await self._send(BackMsg(clear_cache=True))

    async def send(self, message: BackMsg) -> None:
        """Send any BackMsg (for tests of what a hand-made client can send)."""
        await self._send(message)

    async def run_with(self, message: BackMsg) -> Page:
        """Send a ``rerun_script`` BackMsg as given and collect its run."""
        return await self._run(message)

    # --- protocol -------------------------------------------------------------------------

    def _widget(self, label: str, kind: str) -> Element:
        if self.page is None:
            raise LookupError("no page yet: call run() first")
        return self.page.widget(label, kind)

    def _form_widgets(self, form: str) -> set[str]:
        return {e.widget_id for e in self.page.elements if e.form_id == form and e.widget_id}

    async def _set(self, element: Element, state: WidgetState) -> Page | None:
        if element.form_id:
            self._pending.setdefault(element.form_id, {})[state.id] = state
            return None
        self._values[state.id] = state
        return await self.run()

    async def _send(self, message: BackMsg) -> None:
        await self._ws.send(message.SerializeToString())

    async def _receive(self, deadline: float) -> ForwardMsg:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no answer within {self.timeout_s} s")
        return ForwardMsg.FromString(await asyncio.wait_for(self._ws.recv(), remaining))

    async def _file_urls(self, request_id: str) -> FileURLs:
        deadline = time.monotonic() + self.timeout_s
        while True:
            msg = await self._receive(deadline)
            answer = msg.file_urls_response
            if msg.HasField("file_urls_response") and answer.response_id == request_id:
                if answer.error_msg or not answer.file_urls:
                    raise RuntimeError(f"no upload URL: {answer.error_msg}")
                return answer.file_urls[0]

    async def _run(self, message: BackMsg) -> Page:
        start = time.perf_counter()
        deadline = time.monotonic() + self.timeout_s
        await self._send(message)
        elements: dict[tuple[int, ...], Element] = {}
        messages: list[ForwardMsg] = []
        while True:
            msg = await self._receive(deadline)
            messages.append(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                elements.clear()
            elif kind == "delta":
                self._delta(msg, elements)
            elif kind == "navigation":
                self._paths.update({p.page_script_hash: p.url_pathname
                                    for p in msg.navigation.app_pages})
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "script_finished" and msg.script_finished in (
                    FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_WITH_COMPILE_ERROR):
                break
        ordered = [elements[path] for path in sorted(elements)]
        self.page = Page(ordered, messages, time.perf_counter() - start,
                         self._paths.get(self.page_hash, ""))
        return self.page

    def _delta(self, msg: ForwardMsg, elements: dict) -> None:
        path = tuple(msg.metadata.delta_path)
        delta = msg.delta
        if delta.HasField("add_block") and delta.add_block.HasField("form"):
            form = delta.add_block.form
            if form.clear_on_submit:
                self._clearing_forms.add(form.form_id)
        if delta.HasField("new_element"):
            kind = delta.new_element.WhichOneof("type")
            if kind:
                elements[path] = Element(kind, getattr(delta.new_element, kind), path)


# --- a server to talk to --------------------------------------------------------------------


@dataclasses.dataclass
class Served:
    """A running dashboard: its URL, process and log file."""

    url: str
    process: subprocess.Popen
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float) -> None:
    http = requests.Session()
    http.trust_env = False
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n"
                               f"{log.read_text('utf-8', errors='replace')}")
        with contextlib.suppress(requests.RequestException):
            if http.get(f"{url}/_stcore/health", timeout=2).text.strip() == "ok":
                return
        time.sleep(0.2)
    raise RuntimeError(f"no answer on {url} within {timeout_s} s:\n"
                       f"{log.read_text('utf-8', errors='replace')}")


@contextlib.contextmanager
def serve(env: dict[str, str], log: Path, *, script: str = "dashboard/server.py",
          timeout_s: float = 60.0) -> Iterator[Served]:
    """Run ``streamlit run <script>`` from the repository on a free local port, with
    ``env`` added to this process's environment; stop it (and wait for it) on exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # no file watcher: a test server must not reload while others edit the sources
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.fileWatcherType", "none"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env={**os.environ, **env}, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, process, log, timeout_s)
        yield Served(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
