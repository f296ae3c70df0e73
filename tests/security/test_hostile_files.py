"""Every attack in :mod:`tests.security.hostile`, through the pre-scan and the whole intake.

The pre-scan runs in this process under :mod:`tracemalloc`; the intake
(:func:`surveys.intake.check_bytes`, which runs the reader and python-calamine) runs in a
child process limited to 600 MB of address space, so a miss aborts the child, not pytest.
Each file must be answered within 5 s, with the expected refusal or warning, in Chinese and
English.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from sheets.safety import RefusedFile, prescan
from tests.security.hostile import ATTACKS, Attack

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 5.0
PRESCAN_GROWTH_MB = 64        # Python allocations of one pre-scan, the upload excluded [MB]
INTAKE_HWM_MB = 450           # peak resident memory of the intake child [MB]
ADDRESS_SPACE_MB = 600
CJK = re.compile(r"[\u4e00-\u9fff]")

_CHILD = r"""
import json, os, resource, sys, time, tracemalloc
limit = int(sys.argv[1]) << 20
unlimited = resource.RLIM_INFINITY
resource.setrlimit(resource.RLIMIT_CPU, (120, 120))
from surveys.intake import check_bytes
from sheets.reader import UnreadableFile
from tests.security.hostile import by_id

def hwm():
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024

for attack_id in sys.argv[2:]:
    attack = by_id(attack_id)
    # the attack is built without the limit (its 20 MB of text is the test's, not the
    # reader's); the soft limit then bounds the intake alone
    resource.setrlimit(resource.RLIMIT_AS, (unlimited, unlimited))
    data = attack.data()
    resource.setrlimit(resource.RLIMIT_AS, (limit, unlimited))
    start = time.perf_counter()
    try:
        result = check_bytes(data, attack.filename)
        warnings = [[i.code, i.message_zh, i.message_en] for i in result.report.warnings]
        out = {"code": None, "warnings": warnings}
    except UnreadableFile as refusal:
        out = {"code": refusal.code, "zh": refusal.message_zh, "en": refusal.message_en}
    out.update(id=attack_id, seconds=time.perf_counter() - start, hwm_mb=hwm())
    print(json.dumps(out, ensure_ascii=False), flush=True)
"""


def run_intake(ids: list[str]) -> dict[str, dict]:
    """Run ``check_bytes`` on the attacks in limited children; a killed child is noted."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    results: dict[str, dict] = {}
    pending = list(ids)
    while pending:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(ADDRESS_SPACE_MB), *pending],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        for line in done.stdout.splitlines():
            row = json.loads(line)
            results[row["id"]] = row
        pending = [i for i in pending if i not in results]
        if pending:  # the child died on pending[0]
            results[pending[0]] = {"id": pending[0], "killed": done.returncode,
                                   "stderr": done.stderr[-2000:]}
            pending = pending[1:]
    return results


@pytest.fixture(scope="module")
def intake() -> dict[str, dict]:
    return run_intake([attack.id for attack in ATTACKS])


def english_without_names(text: str, attack: Attack) -> str:
    """English text with the file and sheet names (which may be Chinese) removed."""
    for name in (attack.filename, Path(attack.filename).stem, "调研表"):
        text = text.replace(name, "")
    return text


def test_every_attack_has_a_distinct_id_and_a_plausible_name():
    ids = [attack.id for attack in ATTACKS]
    assert len(ids) == len(set(ids))
    for attack in ATTACKS:
        assert Path(attack.filename).suffix in (".xlsx", ".xls", ".csv", ".txt"), attack
        assert attack.expected and attack.note


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_prescan_refuses_or_warns(attack):
    data = attack.data()
    tracemalloc.start()
    start = time.process_time()  # the cost to the service, whatever else the machine runs
    try:
        result, refusal = prescan(data, attack.filename), None
    except RefusedFile as error:
        result, refusal = None, error
    finally:
        elapsed = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    assert elapsed < SECONDS, f"{attack.id}: {elapsed:.2f} s"
    assert peak < PRESCAN_GROWTH_MB + 2 * len(data) / 2**20, f"{attack.id}: {peak:.0f} MB"
    if attack.expected == "warning":
        assert refusal is None, refusal
        assert result.warnings, result
        for zh, en in result.warnings:
            assert CJK.search(zh) and "links to other workbooks" in en
        return
    assert refusal is not None, f"{attack.id} passed: {result}"
    assert refusal.code == attack.expected, str(refusal)
    assert CJK.search(refusal.message_zh), refusal.message_zh
    assert not CJK.search(english_without_names(refusal.message_en, attack)), refusal.message_en
    if refusal.code in ("far_cell", "too_many_cells"):
        assert refusal.cell and refusal.cell in refusal.message_zh
        assert refusal.cell in refusal.message_en


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_intake_refuses_or_warns_within_limits(attack, intake):
    row = intake[attack.id]
    assert "killed" not in row, f"{attack.id} killed the reader ({row['killed']}): " \
                                f"{row['stderr']}"
    assert row["seconds"] < SECONDS, row
    assert row["hwm_mb"] < INTAKE_HWM_MB, row
    if attack.expected == "warning":
        assert row["code"] is None, row
        codes = [code for code, _zh, _en in row["warnings"]]
        assert "file_warning" in codes, row
        zh, en = next((zh, en) for code, zh, en in row["warnings"] if code == "file_warning")
        assert "C:/预算/2025年.xlsx" in en and "断开链接" in zh
        return
    assert row["code"] == attack.expected, row
    assert CJK.search(row["zh"]) and row["en"].strip()


def test_a_killed_child_is_reported(tmp_path, monkeypatch):
    """The harness itself: a child that aborts is noted, and the rest still run."""
    monkeypatch.setattr(sys.modules[__name__], "_CHILD",
                        "import os, sys\nif sys.argv[2] == 'boom': os.abort()\n"
                        "import json\nfor i in sys.argv[2:]: print(json.dumps({'id': i}))\n")
    results = run_intake(["boom", "after"])
    assert results["boom"]["killed"] < 0 and results["after"] == {"id": "after"}
