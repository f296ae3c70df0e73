"""The worker is the second line: a file that passes the pre-scan and still costs too much.

A real ``streamlit run`` whose isolated worker may use only a little memory
(``CAMPUS_ENERGY_WORKER_MEMORY_MB``, as an operator of a small machine would set it): a large
but legitimate sheet then exceeds the worker's limit. The school gets a clear refusal in its
language, the file is kept in ``rejected/`` and the refusal audited, the server process never
grows, and other schools go on being served. The command line takes the same path.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import duckdb
import psutil
import pytest

from dashboard.i18n import t
from tests.security.test_hostile_uploads import SCHOOL, _upload_as_school, _upload_page_renders
from tests.streamlit_client import REPO, serve
from tests.surveys.fixtures import BUILDINGS, template_prefilled
from tests.surveys.fixtures import SCHOOL as BASE_SCHOOL

pytestmark = pytest.mark.slow

TIGHT = {"CAMPUS_ENERGY_WORKER_MEMORY_MB": "20"}   # a 6-building sheet needs < 10


def _big_sheet() -> bytes:
    """10,000 buildings: fine for the pre-scan, about 160 MB for the reader."""
    rows = [dict(BUILDINGS[i % len(BUILDINGS)], building_name=f"楼{i}") for i in range(10_000)]
    return template_prefilled(dict(BASE_SCHOOL, school_code=SCHOOL), rows)


@pytest.fixture(scope="module")
def tight_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("tight") / "campus_energy.duckdb"
    env = {**os.environ, "CAMPUS_ENERGY_DB": str(path)}
    subprocess.run([sys.executable, "-m", "surveys", "demo", "--schools", "3"], cwd=REPO,
                   env=env, check=True, capture_output=True, timeout=120)
    issued = subprocess.run([sys.executable, "-m", "surveys", "code", "issue", "--school",
                             SCHOOL], cwd=REPO, env=env, check=True, capture_output=True,
                            text=True, timeout=60).stdout
    code = issued.strip().splitlines()[-1].strip()
    with serve({"CAMPUS_ENERGY_DB": str(path), **TIGHT}, path.with_name("log")) as served:
        yield served, path, code


def test_a_sheet_beyond_the_worker_limit_is_refused_and_the_server_goes_on(tight_server):
    served, db, code = tight_server
    assert asyncio.run(_upload_page_renders(served.url))   # the server's imports done
    before = psutil.Process(served.process.pid).memory_info().rss
    page, seconds = asyncio.run(_upload_as_school(served.url, code, "大表.xlsx", _big_sheet()))
    texts = "\n".join(page.texts())
    assert page.has_text("无法读取该文件") and "内存" in texts, texts
    assert not page.exceptions and "Traceback" not in texts
    assert served.process.poll() is None
    assert psutil.Process(served.process.pid).memory_info().rss - before < 200 * 1024 * 1024
    assert asyncio.run(_upload_page_renders(served.url))
    assert list((db.parent / "rejected").glob("*大表.xlsx"))
    with duckdb.connect(str(db), read_only=True) as con:
        audited = con.execute("SELECT detail FROM audit_log WHERE action = 'upload_refused'"
                              ).fetchall()
    assert any("worker_memory" in row[0] for row in audited)


def test_the_command_line_takes_the_same_path(tmp_path):
    sheet = tmp_path / "大表.xlsx"
    sheet.write_bytes(_big_sheet())
    env = {**os.environ, **TIGHT, "CAMPUS_ENERGY_DB": str(tmp_path / "db.duckdb")}
    done = subprocess.run([sys.executable, "-m", "surveys", "import", str(sheet)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "内存" in done.stdout and "memory" in done.stdout.lower(), done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert list((tmp_path / "rejected").glob("*大表.xlsx"))


def zh(key: str) -> str:
    return t(key, "zh")
