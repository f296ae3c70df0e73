"""The isolated worker, with real child processes: answers, exceptions, crashes, limits.

The functions the children run are in :mod:`tests.core.isolation_targets`. Limits are small
here so that the CPU and wall-clock cases take about a second each.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Pipe
from pathlib import Path

import pandas as pd
import psutil
import pytest

from core import isolation
from core.isolation import (
    DEFAULT_WORKER_LIMITS,
    WorkerFailure,
    WorkerLimits,
    last_report,
    run_isolated,
    run_isolated_measured,
    warm_up,
)
from tests.core import isolation_targets as targets

MB = 1024 * 1024
# not niced, so that a loaded machine does not turn the CPU limit into the wall-clock one
QUICK = WorkerLimits(cpu_time_s=1, wall_timeout_s=10.0, niceness=0)


@pytest.fixture(scope="module", autouse=True)
def fork_server():
    warm_up().join(60)


def failure(func, *args, limits=DEFAULT_WORKER_LIMITS) -> WorkerFailure:
    with pytest.raises(WorkerFailure) as caught:
        run_isolated(func, *args, limits=limits)
    return caught.value


def test_a_dataframe_comes_back_with_a_report():
    result, report = run_isolated_measured(targets.frame, 500)
    pd.testing.assert_frame_equal(result, targets.frame(500))
    assert report.pid not in (None, os.getpid())
    assert report.exit_code == 0
    assert 0 < report.start_s < report.wall_s < 10
    assert report.baseline_vm_bytes > report.baseline_rss_bytes > 0
    assert report.peak_rss_bytes >= report.baseline_rss_bytes
    assert report.result_bytes > 500 * 8
    assert last_report() == report


def test_an_exception_comes_back_as_its_class_with_its_attributes():
    with pytest.raises(targets.SheetError) as caught:
        run_isolated(targets.raise_sheet_error)
    exc = caught.value
    assert type(exc) is targets.SheetError
    assert (exc.code, exc.cell) == ("far_cell", "ZZ9")
    assert (exc.message_zh, exc.message_en) == ("单元格 ZZ9 超出范围", "cell ZZ9 is out of range")
    assert exc.args == ("单元格 ZZ9 超出范围 / cell ZZ9 is out of range",)
    assert "raise_sheet_error" in str(exc.__cause__)  # the child's traceback
    assert last_report().exit_code == 0


def test_the_project_refusal_comes_back_whole():
    from sheets.reader import UnreadableFile
    from surveys.intake import check_bytes

    with pytest.raises(UnreadableFile) as caught:
        run_isolated(check_bytes, b"\x00\x01 not a spreadsheet", "survey.xlsx")
    refusal = caught.value
    assert refusal.code and refusal.message_zh and refusal.message_en
    assert refusal.to_dict("survey.xlsx")["code"] == refusal.code


def test_an_exception_that_cannot_be_rebuilt_is_an_error():
    caught = failure(targets.raise_unpicklable)
    assert caught.code == "error"
    assert "UnpicklableError" in caught.detail


def test_sys_exit_in_the_task_does_not_reach_the_caller():
    caught = failure(targets.exit_politely)
    assert caught.code == "error"
    assert "SystemExit" in caught.detail


def test_an_abort_costs_the_child_only():
    caught = failure(targets.abort)
    assert caught.code == "crashed"
    assert "SIGABRT" in caught.detail
    assert caught.report.exit_code == -6
    assert run_isolated(targets.frame, 3).shape == (3, 2)


def test_sigkill_is_a_crash():
    caught = failure(targets.kill_self)
    assert caught.code == "crashed"
    assert caught.report.exit_code == -9


def test_a_runaway_allocation_is_stopped():
    caught = failure(targets.allocate, 10 * 1024 * MB)
    assert caught.code == "memory"
    assert caught.report.peak_rss_bytes < 1024 * MB
    assert caught.message_en and caught.message_zh
    assert run_isolated(targets.allocate, 50 * MB) == 50 * MB


def test_a_busy_loop_hits_the_cpu_limit():
    started = time.monotonic()
    caught = failure(targets.spin, limits=QUICK)
    # on a loaded machine the niced child may not get its one CPU second within the wall clock
    assert caught.code in ("cpu_time", "timeout")
    if caught.code == "cpu_time":
        # SIGXCPU itself says the kernel counted the full second; the child's own accounting,
        # read at its end, can show a little less (0.88 s seen)
        assert caught.report.exit_code == -signal.SIGXCPU
        assert 0.5 < caught.report.cpu_s < 3
    assert time.monotonic() - started < QUICK.wall_timeout_s + 2
    assert not psutil.pid_exists(caught.report.pid)


def test_a_sleeping_child_is_killed_at_the_wall_clock_timeout():
    started = time.monotonic()
    caught = failure(targets.sleep_forever, limits=WorkerLimits(wall_timeout_s=1.0))
    elapsed = time.monotonic() - started
    assert caught.code == "timeout"
    assert 1.0 <= elapsed < 4
    assert caught.report.pid != os.getpid()
    assert not psutil.pid_exists(caught.report.pid)


def test_a_huge_answer_is_refused_without_reaching_the_parent():
    parent = psutil.Process()
    before, peak, done = parent.memory_info().rss, [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], parent.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        caught = failure(targets.big_answer, 200 * MB,
                         limits=WorkerLimits(max_result_bytes=64 * MB))
    finally:
        done.set()
        sampler.join()
    assert caught.code == "output_too_large"
    assert caught.report.peak_rss_bytes > 200 * MB  # the child did build it
    assert peak[0] - before < 50 * MB


def test_the_parent_reads_no_more_than_it_accepts():
    # the child refuses an oversized answer itself; this is the parent's own guard behind it
    reader, writer = Pipe(duplex=False)
    body = b"x" * (20 * MB)
    sender = threading.Thread(target=lambda: _send_quietly(writer, body))
    sender.start()
    try:
        header, received = isolation._receive(reader, 1 * MB)
    finally:
        reader.close()
        sender.join(10)
    assert header["status"] == "too_large"
    assert received is None


def _send_quietly(writer, body):
    try:
        writer.send_bytes(pickle.dumps({"status": "ok"}))
        writer.send_bytes(body)
    except OSError:
        pass  # the reader closed the pipe, as it should
    finally:
        writer.close()


def test_at_most_max_workers_children_at_once():
    limits = WorkerLimits(max_workers=2)
    server = psutil.Process(isolation._SERVER._forkserver_pid)
    most, done = [0], threading.Event()

    def watch():
        while not done.is_set():
            most[0] = max(most[0], len(server.children()))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as marks, ThreadPoolExecutor(6) as pool:
        seen = list(pool.map(lambda _: run_isolated(targets.count_alive, marks, 0.4,
                                                    limits=limits), range(6)))
    elapsed = time.monotonic() - started
    done.set()
    watcher.join()
    assert len(seen) == 6
    assert max(seen) == 2
    assert most[0] <= 2
    assert elapsed >= 3 * 0.4


def test_many_threads_each_get_their_own_outcome():
    def one(i: int):
        kind = i % 3
        try:
            if kind == 0:
                return run_isolated(targets.frame, i).shape == (i, 2)
            if kind == 1:
                run_isolated(targets.raise_sheet_error)
            else:
                run_isolated(targets.abort)
        except targets.SheetError as exc:
            return kind == 1 and exc.cell == "ZZ9"
        except WorkerFailure as exc:
            return kind == 2 and exc.code == "crashed" and last_report().exit_code == -6
        return False

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(one, range(18)))
    assert outcomes == [True] * 18


def test_a_caller_that_waits_too_long_is_told_busy():
    limits = WorkerLimits(max_workers=1, queue_timeout_s=0.3)
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(run_isolated, targets.pid_after, 1.5, limits=limits)
        time.sleep(0.5)
        started = time.monotonic()
        caught = failure(targets.pid_after, 0.0, limits=limits)
        waited = time.monotonic() - started
        assert running.result() > 0
    assert caught.code == "busy"
    assert 0.3 <= waited < 1.2
    assert "busy" in caught.message_en and "繁忙" in caught.message_zh
    assert caught.to_dict()["code"] == "busy"


def test_the_child_inherits_no_descriptors_and_one_blas_thread():
    with socket.socket() as listener, tempfile.TemporaryFile() as secret:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        mine = {os.readlink(f"/proc/self/fd/{fd}") for fd in (listener.fileno(), secret.fileno())}
        child = run_isolated(targets.environment)
    assert not mine & set(child["fds"].values())
    assert not any(target.startswith("socket:") for target in child["fds"].values())
    assert len(child["fds"]) <= 12
    assert child["openblas"] == "1"
    assert child["pgid"] == child["pid"]


def test_the_calamine_shared_strings_abort_is_contained():
    assert run_isolated(targets.calamine_rows, targets.plain_xlsx(), "调研表") == [
        ["学校代码", "学校名称"]]
    bomb = targets.shared_strings_bomb()
    assert len(bomb) < 14_000
    caught = failure(targets.calamine_rows, bomb, "调研表")
    assert caught.code in ("crashed", "memory")
    assert caught.report.exit_code < 0 or caught.code == "memory"
    assert run_isolated(targets.frame, 2).shape == (2, 2)


def test_the_child_does_not_rerun_the_callers_main_script(tmp_path, monkeypatch):
    # under `streamlit run`, __main__ is a bare module whose __file__ is the dashboard script
    marker = tmp_path / "ran"
    script = tmp_path / "dashboard.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    assert run_isolated(targets.frame, 1).shape == (1, 2)
    assert not marker.exists()


def test_a_function_in_main_is_refused_before_launch():
    def local():
        pass

    local.__module__ = "__main__"
    with pytest.raises(TypeError, match="__main__"):
        run_isolated(local)


BROKEN_PRELOAD = textwrap.dedent("""
    import os, sys
    from core import isolation
    from core.isolation import run_isolated
    isolation.set_preload(["json", "broken_at_import"])
    import uses_broken
    print(run_isolated(os.getpid) != os.getpid())
    try:
        run_isolated(uses_broken.call)
    except RuntimeError as exc:
        print(exc)
    print(run_isolated(uses_broken.ok))
""")


def test_a_module_that_fails_to_preload_does_not_stop_the_fork_server(tmp_path):
    (tmp_path / "broken_at_import").mkdir()
    (tmp_path / "broken_at_import" / "__init__.py").write_text("raise RuntimeError('boom')\n")
    (tmp_path / "uses_broken.py").write_text(
        "def call():\n    import broken_at_import\n\ndef ok():\n    return 'still working'\n")
    root = Path(isolation.__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-c", BROKEN_PRELOAD], cwd=root, timeout=60,
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{root}"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:3] == ["True", "boom", "still working"]
    assert "could not preload broken_at_import" in run.stderr


@pytest.mark.slow
def test_a_legitimate_10000_row_sheet_passes_the_default_limits():
    from surveys.intake import check_bytes

    data = targets.flat_survey_xlsx(10_000)
    limits = dataclasses.replace(DEFAULT_WORKER_LIMITS, niceness=0)  # the same memory and CPU
    result, report = run_isolated_measured(check_bytes, data, "committee.xlsx", limits=limits)
    assert len(result.buildings) == 10_000
    assert report.peak_vm_bytes - report.baseline_vm_bytes < DEFAULT_WORKER_LIMITS.address_space_bytes
    assert report.cpu_s < DEFAULT_WORKER_LIMITS.cpu_time_s
    assert report.result_bytes < DEFAULT_WORKER_LIMITS.max_result_bytes
