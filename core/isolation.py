"""Run a parser of untrusted bytes in a separate, resource-limited process.

A crafted spreadsheet of a few kilobytes can make a native parser abort the whole process
(python-calamine answers ``uniqueCount="2000000000"`` in ``sharedStrings.xml`` with
"memory allocation of 48000000000 bytes failed" and SIGABRT). :func:`run_isolated` therefore
runs the parsing function in a fresh child process with hard limits, so that such a file
costs one child and the dashboard keeps serving everyone else.

Design
------
* One fork server per dashboard process: the ``forkserver`` start method, because the
  Streamlit server is multi-threaded (so plain ``fork`` is unsafe) and ``spawn`` would
  re-import pandas for every upload. It is started once (:func:`warm_up`) with numpy,
  pandas, pyarrow, python-calamine, openpyxl and :mod:`surveys.intake` preloaded
  (:func:`set_preload`) and with :data:`WORKER_ENVIRONMENT` (one BLAS thread, pyarrow on the
  C allocator, no jemalloc thread), so it is single-threaded when it forks. It forks one
  child per task; a child is never reused, so a crash, a leak or a poisoned global dies with
  its task. The server is ours alone, not the stdlib's global one, and the children do not
  re-run the parent's ``__main__`` as ``multiprocessing`` would: under ``streamlit run``
  that is the dashboard script.
* The child starts from the fork server, so it holds none of the dashboard's sockets or
  files. It puts itself in its own process group, sends stdout and stderr into a pipe whose
  beginning and end the parent keeps, lowers its priority, turns core dumps off and sets
  ``RLIMIT_AS`` (its own address space at start plus
  :attr:`WorkerLimits.address_space_bytes`), ``RLIMIT_CPU`` and ``RLIMIT_FSIZE``, soft and
  hard, before it calls the function. A watchdog thread kills it if the parent disappears.
* The parent waits on the result pipe, the output pipe and the child's exit, samples the
  child's peak RSS and CPU time from ``/proc`` meanwhile, and kills the process group at the
  wall-clock timeout. The answer is read with ``recv_bytes(maxlength)``, so an oversized one
  is refused before it is read (the child refuses it first). Exit status, output and samples
  become a :class:`WorkerFailure` with a bilingual message for the school.
* A process-wide count allows :attr:`WorkerLimits.max_workers` children at once; other
  callers queue for up to :attr:`WorkerLimits.queue_timeout_s`, then get ``busy``.
* An exception raised by the function is raised again in the caller as the same class with
  the same ``args`` and attributes, even when its ``__init__`` does not take its ``args``
  (``sheets.reader.UnreadableFile``); the child's traceback is its ``__cause__``.

This protects against crashes and runaway resources, not against code execution: the child
runs as the same user with the same files and network, and its answer is unpickled.

On Python 3.11 the fork server ignores the parent's ``sys.path`` and imports the preload
from the working directory, which is the project root for the Makefile, the CLI and the
tests. Started elsewhere, the children still work (they get the parent's ``sys.path``) but
import what the server could not, for each task.

Measured on the development machine (2 shared cores, Python 3.11.7, pandas 3.1.1,
python-calamine 0.9.1):

* starting the fork server with the default preload and running a first task: 0.9 s, once;
* per task, from launch to the function running in the child: 3-5 ms (median 3.9 ms); a
  trivial task returns in 6-10 ms (median 7 ms);
* a child at start: VmSize 338 MiB (the fork server's 265 MiB, mostly reserved and never
  touched, plus the watchdog thread's stack and malloc arena), VmRSS 68 MiB, nearly all of
  it shared with the fork server;
* :func:`surveys.intake.check_slim` (the upload check without the cells) on a 10,000-row
  x 23-column .xlsx (0.7 MB): 0.95 s CPU, peak RSS 152 MiB, 64 MiB of address space above
  the child's start, a 2.0 MiB answer; 30,000 rows: 2.6 s, 265 MiB, 176 MiB, 6.0 MiB;
  99,998 rows (the most the pre-scan admits): 8.3 s, 661 MiB, 568 MiB, 19 MiB. Without
  ``ARROW_DEFAULT_MEMORY_POOL=system`` mimalloc reserved 1 GiB more address space.

Hence :data:`DEFAULT_WORKER_LIMITS`: 2 GiB of address space above the start (the largest
admissible sheet three times over, for sheets wider than the benchmark's; the crafted files
above ask for tens of GB), 60 s of CPU, 120 s of wall clock, a 256 MiB answer, two workers
at once, 60 s in the queue.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import importlib.util
import io
import math
import os
import pickle
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from multiprocessing import (
    connection,
    forkserver,
    popen_forkserver,
    process,
    reduction,
    spawn,
    util,
)
from multiprocessing.context import set_spawning_popen

__all__ = ["DEFAULT_PRELOAD", "DEFAULT_WORKER_LIMITS", "FAILURE_CODES", "WORKER_ENVIRONMENT",
           "WorkerFailure", "WorkerLimits", "WorkerReport", "last_report", "run_isolated",
           "run_isolated_measured", "set_preload", "warm_up"]

DEFAULT_PRELOAD = ("numpy", "pandas", "pyarrow", "python_calamine", "openpyxl",
                   "surveys.intake")

# Set in the fork server before anything is imported: one BLAS thread (each reserves address
# space), and pyarrow on the C allocator without jemalloc's background thread, so that the
# server is single-threaded when it forks and RLIMIT_AS counts what is used rather than
# mimalloc's 1 GiB reservation.
WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                      "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1",
                      "ARROW_DEFAULT_MEMORY_POOL": "system",
                      "JE_ARROW_MALLOC_CONF": "background_thread:false"}

MB = 1024 * 1024
_POLL_S = 0.05  # how often the parent samples a running child's memory and CPU time
_EXIT_GRACE_S = 5.0  # how long a child that has answered may take to exit
_HEADER_MAX_BYTES = 64 * 1024
_MEMORY_WORDS = ("memory allocation of", "MemoryError", "bad_alloc", "out of memory",
                 "Cannot allocate memory")


@dataclass(frozen=True)
class WorkerLimits:
    """Limits of one isolated task.

    Attributes
    ----------
    address_space_bytes : int or None
        Address space the task may map beyond the child's own at start (``RLIMIT_AS`` is set
        to the child's VmSize plus this) [bytes]. Relative, because what numpy, pyarrow and
        the allocator reserve at import depends on the machine. None: no limit.
    cpu_time_s : float or None
        CPU time of the child (``RLIMIT_CPU``, rounded up to whole seconds; SIGXCPU, one
        second later SIGKILL) [s]. None: no limit.
    wall_timeout_s : float
        Wall-clock time from launch to answer; then the child is killed [s].
    max_result_bytes : int
        Largest pickled return value (or exception) accepted [bytes].
    max_workers : int
        A task starts only while fewer children than this are running in this process.
    queue_timeout_s : float
        How long a task waits for that; then it fails with ``busy`` [s].
    max_file_bytes : int or None
        Largest file the child may write (``RLIMIT_FSIZE``; a parser should write none)
        [bytes].
    niceness : int
        Added to the child's nice value, so that parsing yields to the dashboard. It costs
        wall-clock time only when other work wants the CPU: beside three busy processes on
        two cores a 10,000-row check took 10-25 s at 5 and 7-8 s at 0.
    stderr_tail_bytes : int
        How much of the child's stdout and stderr is kept for :attr:`WorkerFailure.detail`,
        a quarter from the beginning and the rest from the end [bytes].
    """

    address_space_bytes: int | None = 2048 * MB
    cpu_time_s: float | None = 60
    wall_timeout_s: float = 120.0
    max_result_bytes: int = 256 * MB
    max_workers: int = 2
    queue_timeout_s: float = 60.0
    max_file_bytes: int | None = 16 * MB
    niceness: int = 5
    stderr_tail_bytes: int = 8192


DEFAULT_WORKER_LIMITS = WorkerLimits()

# Operators of a small machine (or tests) may tighten the limits without code.
MEMORY_ENV, CPU_ENV, WORKERS_ENV = ("CAMPUS_ENERGY_WORKER_MEMORY_MB", "CAMPUS_ENERGY_WORKER_CPU_S",
                                    "CAMPUS_ENERGY_WORKERS")


def limits_from_environment(base: WorkerLimits = DEFAULT_WORKER_LIMITS) -> WorkerLimits:
    """``base`` with the address space [MB], CPU time [s] and number of workers taken from
    ``$CAMPUS_ENERGY_WORKER_MEMORY_MB``, ``$CAMPUS_ENERGY_WORKER_CPU_S`` and
    ``$CAMPUS_ENERGY_WORKERS`` where they are set to positive numbers."""
    changes = {}
    for env, field, scale in ((MEMORY_ENV, "address_space_bytes", MB), (CPU_ENV, "cpu_time_s", 1),
                              (WORKERS_ENV, "max_workers", 1)):
        try:
            value = float(os.environ.get(env, ""))
        except ValueError:
            continue
        if value > 0:
            changes[field] = int(value * scale) if field != "cpu_time_s" else value
    return dataclasses.replace(base, **changes) if changes else base


@dataclass(frozen=True)
class WorkerReport:
    """What one isolated task cost.

    Attributes
    ----------
    pid : int or None
        The child's process id (gone by the time the report exists).
    wall_s : float
        From the call to the answer, queueing included [s].
    queue_s : float
        Waiting for a free worker [s].
    start_s : float or None
        From the launch to the function running in the child [s].
    cpu_s : float or None
        The child's user plus system CPU time [s].
    peak_rss_bytes : int or None
        The child's peak resident set (VmHWM), pages shared with the fork server included;
        when the child died, the last value sampled while it ran [bytes].
    baseline_rss_bytes, baseline_vm_bytes : int or None
        The child's resident set and address space before the function ran [bytes].
    peak_vm_bytes : int or None
        The child's peak address space (VmPeak) [bytes].
    exit_code : int or None
        The child's exit code; negative: killed by that signal.
    result_bytes : int
        Size of the pickled answer [bytes].
    """

    pid: int | None = None
    wall_s: float = 0.0
    queue_s: float = 0.0
    start_s: float | None = None
    cpu_s: float | None = None
    peak_rss_bytes: int | None = None
    baseline_rss_bytes: int | None = None
    baseline_vm_bytes: int | None = None
    peak_vm_bytes: int | None = None
    exit_code: int | None = None
    result_bytes: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


_MESSAGES = {
    "crashed": (
        "检查这个文件时，读取程序在隔离环境中意外退出，文件未能读取。文件可能已损坏，或含有异常的结构。"
        "请用 Excel 或 WPS 打开文件，另存为新的 .xlsx 文件后再上传；如仍不成功，请联系协会。",
        "While this file was being checked, the reading program stopped unexpectedly (in an "
        "isolated process), so the file could not be read. It may be damaged or have an "
        "unusual structure. Please open it in Excel or WPS, save it as a new .xlsx file and "
        "upload that; if it still fails, please contact the association."),
    "memory": (
        "文件在隔离检查中耗尽了内存上限，未能读取。文件中可能含有大量空白行列、隐藏内容或异常结构。"
        "请删除与调研无关的工作表和内容后，另存为新的 .xlsx 文件再上传。",
        "The file used up the memory limit of the isolated check and could not be read. It may "
        "contain many empty rows or columns, hidden content or an unusual structure. Please "
        "delete the sheets and content that do not belong to the survey, save it as a new "
        ".xlsx file and upload that."),
    "cpu_time": (
        "文件在隔离检查中超过了处理时间上限，未能读取。请只保留调研表，删除多余的工作表、公式和格式，"
        "另存为新的 .xlsx 文件后再上传。",
        "The file took longer to process than the isolated check allows and could not be "
        "read. Please keep only the survey sheet, delete extra sheets, formulas and "
        "formatting, save it as a new .xlsx file and upload that."),
    "timeout": (
        "文件检查超时，未能完成。可能是系统正忙，也可能是文件过于复杂。请稍后再试一次；如果再次超时，"
        "请删除与调研无关的内容，另存为新的 .xlsx 文件后再上传。",
        "Checking the file took too long and was stopped. The system may be busy, or the file "
        "may be too complex. Please try again a little later; if it times out again, delete "
        "the content that does not belong to the survey, save it as a new .xlsx file and "
        "upload that."),
    "output_too_large": (
        "从文件中读出的内容超过了上限，未能处理。请确认文件中只有本校的调研数据；"
        "如果数据确实很多，请分成几个文件分别上传。",
        "The file holds more content than can be processed at once. Please make sure it "
        "contains only your school's survey data; if there really is that much, split it "
        "into several files and upload them one by one."),
    "busy": (
        "系统正在检查其他学校上传的文件，暂时繁忙。您的文件尚未处理，请稍等一两分钟后再上传。",
        "The system is busy checking files from other schools. Your file has not been "
        "processed yet; please wait a minute or two and upload it again."),
    "error": (
        "检查文件时发生了内部错误，文件未能处理。请稍后再试；如仍不成功，请联系协会并附上该文件。",
        "An internal error occurred while checking the file, so it was not processed. Please "
        "try again later; if it still fails, please contact the association and attach the "
        "file."),
}


FAILURE_CODES = tuple(_MESSAGES)


class WorkerFailure(Exception):
    """The isolated task did not produce an answer.

    Attributes
    ----------
    code : str
        ``crashed``, ``memory``, ``cpu_time``, ``timeout``, ``output_too_large``, ``busy`` or
        ``error``.
    message_zh, message_en : str
        What happened and what to do, for a school, in Chinese and in English.
    detail : str
        Technical account (signal, exit code, peak RSS, the child's last stderr lines); for
        logs and administrators, not for schools.
    report : WorkerReport or None
        Measurements of the failed task.
    """

    def __init__(self, code: str, detail: str = "", report: WorkerReport | None = None):
        if code not in _MESSAGES:
            raise ValueError(f"unknown worker failure code {code!r}")
        super().__init__(code, detail, report)
        self.code = code
        self.message_zh, self.message_en = _MESSAGES[code]
        self.detail = detail
        self.report = report

    def __str__(self) -> str:
        return f"worker {self.code}: {self.detail}" if self.detail else f"worker {self.code}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message_zh": self.message_zh,
                "message_en": self.message_en, "detail": self.detail,
                "report": self.report.to_dict() if self.report else None}


class _RemoteTraceback(Exception):
    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f"\n\nin the isolated worker:\n{self.text}"


# --- public functions -----------------------------------------------------------------------

def run_isolated(func: Callable, *args, limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
                 **kwargs):
    """``func(*args, **kwargs)`` in a fresh, resource-limited child process.

    Parameters
    ----------
    func
        A function defined at module level in an importable module (not ``__main__``); it is
        pickled by reference, like ``args`` and ``kwargs`` by value.
    limits
        The child's limits (a keyword of ``run_isolated`` itself, so ``func`` cannot receive
        a keyword argument of that name).

    Returns
    -------
    object
        What ``func`` returned, unpickled.

    Raises
    ------
    WorkerFailure
        The child crashed, hit a limit, gave too large an answer, or no worker was free.
    Exception
        What ``func`` raised, as the same class with the same attributes.
    """
    return run_isolated_measured(func, *args, limits=limits, **kwargs)[0]


def run_isolated_measured(func: Callable, *args,
                          limits: WorkerLimits = DEFAULT_WORKER_LIMITS, **kwargs):
    """:func:`run_isolated`, returning ``(result, WorkerReport)``.

    When it raises, the report is :attr:`WorkerFailure.report` or :func:`last_report`.
    """
    if getattr(func, "__module__", None) == "__main__":
        raise TypeError(f"{func.__qualname__} is defined in __main__, which the isolated "
                        "worker does not import; move it into a module")
    called = time.monotonic()
    _LOCAL.report = None
    with _SLOTS.hold(limits.max_workers, limits.queue_timeout_s, called):
        queued = time.monotonic() - called
        return _run(func, args, kwargs, limits, called, queued)


def last_report() -> WorkerReport | None:
    """The report of the last task this thread ran, whether it succeeded or raised."""
    return getattr(_LOCAL, "report", None)


def warm_up(preload: Iterable[str] | None = None) -> threading.Thread:
    """Start the fork server in the background and run one trivial task through it.

    Only the first call does anything (a Streamlit script may call it on every rerun).

    Parameters
    ----------
    preload
        Modules the fork server imports once for all children (default
        :data:`DEFAULT_PRELOAD`); see :func:`set_preload`.

    Returns
    -------
    threading.Thread
        The daemon thread doing it (join it to wait).
    """
    if preload is not None:
        set_preload(preload)
    with _SERVER_LOCK:
        if _STATE["warm_up"] is None:
            _STATE["warm_up"] = threading.Thread(target=_warm_up, name="isolation-warm-up",
                                                 daemon=True)
            _STATE["warm_up"].start()
        return _STATE["warm_up"]


def set_preload(modules: Iterable[str]) -> None:
    """Choose the modules the fork server preloads; only before it has started.

    A module that cannot be found is left out; one that fails to import is reported on
    the fork server's stderr and imported again, or not, by each child that needs it.
    """
    modules = tuple(modules)
    with _SERVER_LOCK:
        if _STATE["started"] and modules != _STATE["preload"]:
            raise RuntimeError("the isolation fork server is already running")
        _STATE["preload"] = modules


# --- the parent's side ----------------------------------------------------------------------

class _Slots:
    """A process-wide count of running children; each caller brings its own maximum."""

    def __init__(self):
        self._changed = threading.Condition()
        self.running = 0

    @contextmanager
    def hold(self, maximum: int, timeout: float, called: float):
        with self._changed:
            if not self._changed.wait_for(lambda: self.running < maximum, timeout):
                report = WorkerReport(wall_s=time.monotonic() - called,
                                      queue_s=time.monotonic() - called)
                _LOCAL.report = report
                raise WorkerFailure("busy", f"{self.running} workers running, waited "
                                    f"{timeout:g} s for fewer than {maximum}", report)
            self.running += 1
        try:
            yield
        finally:
            with self._changed:
                self.running -= 1
                self._changed.notify_all()


class _Worker(process.BaseProcess):
    """The child's process object; started by :class:`_Popen`, never by ``start()``, whose
    bookkeeping of children polls them from whatever thread starts the next one."""

    _start_method = None


class _Popen(popen_forkserver.Popen):
    """The stdlib's forkserver launch, with our server and without the parent's ``__main__``.

    ``spawn.get_preparation_data`` tells the child to re-run the parent's main script; under
    ``streamlit run`` that is the dashboard itself, so those keys are dropped.
    """

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_name", None)
        prep_data.pop("init_main_from_path", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, data_w = _SERVER.connect_to_new_process(self._fds)
        # the child sees EOF on its copy of this pipe when the parent is gone
        parent_w = os.dup(data_w)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(data_w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Tail:
    """The beginning and the end of what a child writes to a pipe, at most ``size`` bytes.

    The beginning matters: a Rust abort prints "memory allocation of N bytes failed" first
    and a long backtrace after it.
    """

    def __init__(self, conn: connection.Connection, size: int):
        self.conn, self.open = conn, True
        self.head_size, self.tail_size = size // 4, size - size // 4
        self.head, self.tail, self.skipped = bytearray(), bytearray(), False
        os.set_blocking(conn.fileno(), False)

    def drain(self) -> None:
        while self.open:
            try:
                chunk = os.read(self.conn.fileno(), 65536)
            except BlockingIOError:
                return
            if not chunk:
                self.open = False
                return
            room = self.head_size - len(self.head)
            self.head += chunk[:room]
            self.tail += chunk[room:] if room > 0 else chunk
            if len(self.tail) > self.tail_size:
                del self.tail[:-self.tail_size]
                self.skipped = True

    def text(self) -> str:
        gap = b"\n[...]\n" if self.skipped else b""
        return (bytes(self.head) + gap + bytes(self.tail)).decode("utf-8", "replace").strip()


class _Samples:
    """Peak RSS, address space and CPU time of a running child, read from ``/proc``."""

    def __init__(self, pid: int):
        self.pid, self.peak_rss, self.peak_vm, self.cpu_s = pid, None, None, None
        self._tick = os.sysconf("SC_CLK_TCK")

    def take(self) -> None:
        try:
            status = _proc_status(self.pid)
            with open(f"/proc/{self.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return
        self.peak_rss = status.get("VmHWM", self.peak_rss)
        self.peak_vm = status.get("VmPeak", self.peak_vm)
        self.cpu_s = (int(fields[11]) + int(fields[12])) / self._tick  # utime + stime


def _run(func, args, kwargs, limits, called, queued):
    result_r, result_w = connection.Pipe(duplex=False)
    output_r, output_w = connection.Pipe(duplex=False)
    worker = _Worker(target=_child_main,
                     args=(func, args, kwargs, limits, result_w, output_w))
    launched = time.monotonic()
    try:
        popen = _launch(worker)
    except BaseException:
        result_r.close()
        output_r.close()
        raise
    finally:
        result_w.close()
        output_w.close()
    tail, samples = _Tail(output_r, limits.stderr_tail_bytes), _Samples(popen.pid)
    try:
        header, body, timed_out = _supervise(popen, result_r, tail, samples, limits, launched)
    finally:
        result_r.close()  # first: a child still writing an answer we refused gets EPIPE
        _stop(popen)
        tail.drain()
        output_r.close()
    report = _report(popen, header, samples, called, queued, launched, body)
    _LOCAL.report = report
    return _outcome(header, body, popen.returncode, timed_out, tail.text(), samples, limits,
                    report)


def _launch(worker: _Worker) -> _Popen:
    try:
        _ensure_server()
        return _Popen(worker)
    except (OSError, EOFError) as exc:
        # the fork server died or could not start; the next call starts a new one
        raise WorkerFailure("error", f"fork server unavailable: {exc!r}") from exc


def _supervise(popen, result_r, tail, samples, limits, launched):
    """Wait for the child's answer or end; ``(header, body, timed_out)``."""
    deadline = launched + limits.wall_timeout_s
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            _kill(popen)
            return None, None, True
        waiting = [result_r, popen.sentinel] + ([tail.conn] if tail.open else [])
        ready = connection.wait(waiting, min(remaining, _POLL_S))
        samples.take()
        tail.drain()
        if result_r in ready or (popen.sentinel in ready and result_r.poll()):
            return (*_receive(result_r, limits.max_result_bytes), False)
        if popen.sentinel in ready:
            return None, None, False


def _receive(result_r, max_result_bytes):
    """The child's header and body, or ``(None, None)`` if it died while sending."""
    try:
        header = pickle.loads(result_r.recv_bytes(_HEADER_MAX_BYTES))
        if header["status"] in ("ok", "raised"):
            return header, result_r.recv_bytes(max_result_bytes)
        return header, None
    except OSError as exc:
        if "bad message length" in str(exc):
            return {"status": "too_large", "child": None}, None
        return None, None
    except EOFError:
        return None, None


def _stop(popen) -> None:
    """Make sure the child is gone and reaped by the fork server, then release the popen."""
    if popen.wait(_EXIT_GRACE_S) is None:
        _kill(popen)
        popen.wait(_EXIT_GRACE_S)
    if popen.returncode is not None:
        popen.close()


def _kill(popen) -> None:
    if popen.poll() is not None:
        return
    try:
        os.killpg(popen.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        # not yet its own process group leader
        with suppress(ProcessLookupError):
            os.kill(popen.pid, signal.SIGKILL)


def _report(popen, header, samples, called, queued, launched, body) -> WorkerReport:
    child = (header or {}).get("child") or {}
    started = child.get("started")
    return WorkerReport(
        pid=popen.pid, wall_s=time.monotonic() - called, queue_s=queued,
        start_s=started - launched if started else None,
        cpu_s=child.get("cpu_s", samples.cpu_s),
        peak_rss_bytes=child.get("peak_rss_bytes", samples.peak_rss),
        baseline_rss_bytes=child.get("baseline_rss_bytes"),
        baseline_vm_bytes=child.get("baseline_vm_bytes"),
        peak_vm_bytes=child.get("peak_vm_bytes", samples.peak_vm),
        exit_code=popen.returncode, result_bytes=len(body) if body else 0)


def _outcome(header, body, exit_code, timed_out, stderr, samples, limits, report):
    """The function's result, or raise its exception or a :class:`WorkerFailure`."""
    status = (header or {}).get("status")
    if status == "ok":
        try:
            return pickle.loads(body), report
        except Exception as exc:
            raise WorkerFailure("error", f"the answer could not be unpickled: {exc!r}",
                                report) from exc
    if status == "raised":
        raise _rebuild_exception(body, report)
    if timed_out:
        code = "timeout"
    elif status in ("memory", "too_large", "error"):
        code = {"too_large": "output_too_large"}.get(status, status)
    else:
        code = _death_code(exit_code, stderr, samples, limits)
    detail = _detail(code, header, exit_code, stderr, report, limits)
    raise WorkerFailure(code, detail, report)


def _death_code(exit_code, stderr, samples, limits) -> str:
    """Why a child died without answering, from its exit status and what it left behind."""
    if exit_code == -signal.SIGXCPU:
        return "cpu_time"
    if (exit_code == -signal.SIGKILL and limits.cpu_time_s and samples.cpu_s is not None
            and samples.cpu_s >= limits.cpu_time_s - 2 * _POLL_S):
        return "cpu_time"  # the hard RLIMIT_CPU, one second after an ignored SIGXCPU
    if any(word in stderr for word in _MEMORY_WORDS):
        return "memory"
    return "crashed"


def _detail(code, header, exit_code, stderr, report, limits) -> str:
    parts = [f"code {code}", f"exit {_exit_text(exit_code)}", f"pid {report.pid}"]
    if report.peak_rss_bytes:
        parts.append(f"peak RSS {report.peak_rss_bytes / MB:.1f} MiB")
    if report.cpu_s is not None:
        parts.append(f"CPU {report.cpu_s:.2f} s")
    if code == "timeout":
        parts.append(f"killed after {limits.wall_timeout_s:g} s wall clock")
    if code == "output_too_large":
        parts.append(f"answer over {limits.max_result_bytes} bytes")
    if header and header.get("message"):
        parts.append(header["message"])
    if stderr:
        parts.append(f"stderr: {stderr}")
    return "; ".join(parts)


def _exit_text(exit_code: int | None) -> str:
    if exit_code is None:
        return "unknown"
    if exit_code < 0:
        try:
            return f"{exit_code} ({signal.Signals(-exit_code).name})"
        except ValueError:
            return str(exit_code)
    return str(exit_code)


def _rebuild_exception(body: bytes, report: WorkerReport) -> Exception:
    """The child's exception: plain unpickling, else the class rebuilt around its state."""
    payload = pickle.loads(body)
    for rebuild in (_unpickled, _reassembled):
        try:
            exc = rebuild(payload)
        except Exception:
            continue
        if isinstance(exc, Exception):
            exc.__cause__ = _RemoteTraceback(payload["traceback"])
            return exc
    return WorkerFailure("error", f"the task raised {payload['type']}, which could not be "
                         f"rebuilt here: {payload['text']}", report)


def _unpickled(payload: dict) -> BaseException:
    return pickle.loads(payload["pickled"])


def _reassembled(payload: dict) -> BaseException:
    cls, args, state = pickle.loads(payload["parts"])
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


# --- the fork server ------------------------------------------------------------------------

_SERVER = forkserver.ForkServer()
_SERVER_LOCK = threading.Lock()
_STATE = {"preload": DEFAULT_PRELOAD, "started": False, "warm_up": None}
_SLOTS = _Slots()
_LOCAL = threading.local()


def _ensure_server() -> None:
    with _SERVER_LOCK:
        if not _STATE["started"]:
            _SERVER.set_forkserver_preload([__name__, *_findable(_STATE["preload"])])
            _STATE["started"] = True
    _SERVER.ensure_running()


def _findable(modules: Iterable[str]) -> list[str]:
    found = []
    for name in modules:
        try:
            if importlib.util.find_spec(name) is not None:
                found.append(name)
        except (ImportError, ValueError):
            pass
    return found


def _warm_up() -> None:
    with suppress(WorkerFailure):  # the first real task reports it
        run_isolated(os.getpid, limits=WorkerLimits(queue_timeout_s=600.0))


def _fork_server_preload() -> list[str] | None:
    """The modules to preload after this one, if this process is a fork server that
    :func:`_ensure_server` started; else None."""
    argv = sys.orig_argv
    if len(argv) < 2 or argv[-2] != "-c" or not argv[-1].startswith(_SERVER_COMMAND):
        return None
    try:
        names = ast.literal_eval(ast.parse(argv[-1]).body[-1].value.args[2])
    except (SyntaxError, ValueError, AttributeError, IndexError):
        return None
    return list(names[1:]) if names[:1] == [__name__] else None


def _preload(names: list[str]) -> None:
    """Import ``names`` in the fork server; one that fails is left to the children.

    The stdlib's loop that follows stops the server at any exception but ImportError, so a
    failed module is marked None in ``sys.modules`` (which makes its import an ImportError)
    and unmarked in each child, which then imports it, or fails, itself.
    """
    os.environ.update(WORKER_ENVIRONMENT)
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            print(f"{__name__}: could not preload {name}:", file=sys.stderr)
            traceback.print_exc()
            sys.modules[name] = None
            _PRELOAD_FAILED.add(name)


def _preload_if_fork_server() -> None:
    names = _fork_server_preload()
    if names is not None:
        _preload(names)


_SERVER_COMMAND = "from multiprocessing.forkserver import main"
_PRELOAD_FAILED: set[str] = set()


# --- the child's side -----------------------------------------------------------------------

def _child_main(func, args, kwargs, limits, result_w, output_w) -> None:
    """Body of the child: limits, the call, the answer."""
    started = time.monotonic()
    for name in _PRELOAD_FAILED:
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]
    os.setpgid(0, 0)
    os.dup2(output_w.fileno(), 1)
    os.dup2(output_w.fileno(), 2)
    output_w.close()
    if limits.niceness:
        os.nice(limits.niceness)
    _watch_parent(started + limits.wall_timeout_s + _EXIT_GRACE_S)
    baseline = _proc_status("self")
    _apply_limits(limits, baseline.get("VmSize", 0))
    header, body = _call(func, args, kwargs, limits.max_result_bytes)
    status = _proc_status("self")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    header["child"] = {
        "started": started, "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_bytes": status.get("VmHWM"), "peak_vm_bytes": status.get("VmPeak"),
        "baseline_rss_bytes": baseline.get("VmRSS"),
        "baseline_vm_bytes": baseline.get("VmSize")}
    result_w.send_bytes(pickle.dumps(header, pickle.HIGHEST_PROTOCOL))
    if body is not None:
        result_w.send_bytes(body)
    result_w.close()


def _call(func, args, kwargs, max_result_bytes):
    """``(header, body)``: the pickled result or exception, or why there is none."""
    try:
        try:
            result = func(*args, **kwargs)
        except MemoryError:
            raise
        except Exception as exc:  # every other exception goes back to the caller
            return _answer("raised", _pickled_exception(exc), max_result_bytes)
        return _answer("ok", _pickled(result), max_result_bytes)
    except MemoryError:
        return {"status": "memory", "message": "MemoryError in the task"}, None
    except BaseException as exc:  # SystemExit, KeyboardInterrupt: not for the caller's thread
        return {"status": "error", "message": f"the task raised {exc!r}"}, None


def _answer(status: str, body: bytes | None, max_result_bytes: int):
    if body is None:
        return {"status": "error", "message": f"the {status} answer could not be pickled"}, None
    if len(body) > max_result_bytes:
        return {"status": "too_large", "message": f"answer of {len(body)} bytes"}, None
    return {"status": status}, body


def _pickled(value) -> bytes | None:
    try:
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        raise
    except Exception:
        return None


def _pickled_exception(exc: Exception) -> bytes | None:
    cls = type(exc)
    try:
        text = str(exc)
    except Exception:
        text = repr(cls)
    return _pickled({
        "type": f"{cls.__module__}.{cls.__qualname__}", "text": text[:2000],
        "traceback": "".join(traceback.format_exception(exc))[-20000:],
        "pickled": _pickled(exc),
        "parts": _pickled((cls, exc.args, dict(getattr(exc, "__dict__", {})))),
    })


def _apply_limits(limits: WorkerLimits, baseline_vm: int) -> None:
    _lower(resource.RLIMIT_CORE, 0)
    if limits.address_space_bytes is not None:
        _lower(resource.RLIMIT_AS, baseline_vm + limits.address_space_bytes)
    if limits.cpu_time_s is not None:
        # SIGXCPU at the soft limit, SIGKILL at the hard one
        seconds = math.ceil(limits.cpu_time_s)
        _lower(resource.RLIMIT_CPU, seconds, seconds + 1)
    if limits.max_file_bytes is not None:
        _lower(resource.RLIMIT_FSIZE, limits.max_file_bytes)


def _lower(which: int, soft: int, hard: int | None = None) -> None:
    """Lower a limit, soft and hard, so that the task cannot raise it again."""
    hard = soft if hard is None else hard
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        hard, soft = min(hard, current), min(soft, current)
    resource.setrlimit(which, (soft, hard))


def _watch_parent(deadline: float) -> None:
    """Kill this child when the parent is gone or has long stopped waiting for it."""
    parent = process.parent_process()

    def watch():
        connection.wait([parent.sentinel], max(0.0, deadline - time.monotonic()))
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="isolation-watchdog", daemon=True).start()


def _proc_status(pid: int | str) -> dict[str, int]:
    """The ``Vm*`` sizes of ``/proc/<pid>/status`` [bytes]."""
    sizes = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Vm"):
                key, value = line.split(":", 1)
                sizes[key] = int(value.split()[0]) * 1024
    return sizes


# last, so that preloaded modules importing this one find it complete
_preload_if_fork_server()
