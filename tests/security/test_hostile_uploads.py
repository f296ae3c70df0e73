"""Every hostile file, uploaded by a school through a real ``streamlit run``.

The dashboard as ``make run`` starts it (``dashboard/server.py``), a school signed in with its
upload code through the same protocol a browser speaks (:mod:`tests.streamlit_client`, one tab
per file, its file sent through the real uploader path). For each attack of
:data:`tests.security.hostile.ATTACKS`: a clear refusal (or the expected warning) within 5 s,
no traceback or crash text, the server's memory within 600 MB of where it was, the file kept
in ``rejected/`` with its report and the refusal in the audit log, and the dashboard still
answering — its health check, and a second tab that renders the upload page.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time

import duckdb
import psutil
import pytest

from dashboard.i18n import t
from tests.security.hostile import ATTACKS
from tests.streamlit_client import REPO, Client, serve

pytestmark = pytest.mark.slow

SCHOOL = "3101159977"
MAX_SECONDS = 5.0
MAX_SERVER_GROWTH = 600 * 1024 * 1024   # [bytes]
CRASH_TEXT = ("Traceback", "memory allocation", "panicked", "core dumped", "Segmentation",
              "site-packages", str(REPO), "/work/")


def zh(key: str, **fields) -> str:
    return t(key, "zh", **fields)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "campus_energy.duckdb"
    env = {**os.environ, "CAMPUS_ENERGY_DB": str(path)}

    def cli(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "surveys", *args], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    cli("demo", "--schools", "5")
    code = re.findall(r"\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}\b",
                      cli("code", "issue", "--school", SCHOOL, "--days", "30"))[-1]
    with serve({"CAMPUS_ENERGY_DB": str(path)}, path.with_name("streamlit.log")) as served:
        assert _run(_upload_page_renders(served.url))   # the server's own imports done
        yield served, path, code


def _run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 120))


async def _upload_as_school(url: str, code: str, name: str, data: bytes):
    async with Client(url) as tab:
        await tab.run("upload")
        await tab.fill(zh("upload_code"), code)
        page = await tab.click(zh("check_code"))
        assert page.has_text(zh("code_ok", school=SCHOOL)), page.texts()
        started = time.monotonic()
        page = await tab.upload(zh("upload_label"), name, data)
        return page, time.monotonic() - started


async def _upload_page_renders(url: str) -> bool:
    async with Client(url) as tab:
        page = await tab.run("upload")
        return page.has_text(zh("page_upload"))


def _server_rss(process) -> int:
    return psutil.Process(process.pid).memory_info().rss


def _refusals(db) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM audit_log WHERE action = 'upload_refused'"
                           ).fetchone()[0]


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_hostile_upload_is_refused_and_costs_the_service_nothing(server, attack):
    served, db, code = server
    before = _server_rss(served.process)
    page, seconds = _run(_upload_as_school(served.url, code, attack.filename, attack.data()))
    texts = "\n".join(page.texts())
    assert seconds < MAX_SECONDS, f"{attack.id}: {seconds:.1f} s"
    assert not page.exceptions, texts
    for fragment in CRASH_TEXT:
        assert fragment not in texts, f"{attack.id}: {fragment!r} shown to the school"
    if attack.expected == "warning":
        assert page.has_text("警告") or page.has_text("错误"), texts
    else:
        assert page.has_text("无法读取该文件"), f"{attack.id}: not refused:\n{texts}"
        kept = [p for p in (db.parent / "rejected").glob(f"*{_safe(attack.filename)}*")
                if not p.name.endswith(".report.json")]
        assert kept and kept[0].with_name(kept[0].name + ".report.json").exists(), attack.id
    assert served.process.poll() is None, "the server died"
    assert _server_rss(served.process) - before < MAX_SERVER_GROWTH
    assert _run(_upload_page_renders(served.url)), "the dashboard still serves others"


def test_every_refusal_is_in_the_audit_log(server):
    served, db, _ = server
    refused = [a for a in ATTACKS if a.expected != "warning"]
    # the writer thread of the audit queue commits within a fraction of a second
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if _refusals(db) >= len(refused):
                break
        except duckdb.IOException:   # a write in progress: read again
            pass
        time.sleep(0.2)
    assert _refusals(db) >= len(refused)


def _safe(name: str) -> str:
    """The part of a file name the quarantine keeps verbatim (see core.store.quarantine)."""
    return re.sub(r"[^\w.\-\u4e00-\u9fff]", "_", name)[-80:]
