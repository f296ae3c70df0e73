"""Session-wide resources: language, one cached store connection, the PV assumptions and
weather in use, and the cached city-wide PV estimate."""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import os
import threading
import time

import pandas as pd
import streamlit as st

from core.config import db_path, private_files
from core.isolation import WorkerFailure, run_isolated, warm_up
from core.store import DatabaseBusy
from energy.pv import PVAssumptions, estimate_buildings
from energy.pv.weather import WeatherFileError, builtin_shanghai, read_weather
from surveys.store import SurveyStore

BUILTIN = "builtin"


_STARTED = threading.Event()


def start_once() -> None:
    """Process-wide start-up, on the first script run: files this server creates are
    private (0600), and the fork server of the isolated parser starts in the background so
    the first upload does not wait for it."""
    if _STARTED.is_set():
        return
    _STARTED.set()
    private_files()
    warm_up()


_STORES: dict[str, SurveyStore] = {}
_STORES_LOCK = threading.Lock()


def store() -> SurveyStore:
    """The survey store at the configured path, one object per server process.

    Kept outside ``st.cache_resource`` so that a client's ``clear_cache`` message cannot
    drop it. It holds no database connection between writes (see :mod:`core.store`).
    """
    path = str(db_path())
    with _STORES_LOCK:
        if path not in _STORES:
            _STORES[path] = SurveyStore(path)
        return _STORES[path]


def language() -> str:
    """``"zh"`` (default) or ``"en"``, from the sidebar switch."""
    return st.session_state.get("lang", "zh")


def assumptions() -> PVAssumptions:
    """The PV assumptions this session uses (defaults until the committee changes them)."""
    return st.session_state.get("pv_assumptions", PVAssumptions())


def set_assumptions(value: PVAssumptions) -> None:
    st.session_state["pv_assumptions"] = value


_WEATHER: collections.OrderedDict = collections.OrderedDict()   # key -> (frame, source)
_WEATHER_LOCK = threading.Lock()
_WEATHER_KEEP = 8


def _uploaded_weather(key: str, data: bytes, name: str):
    """An uploaded weather file, read once in the isolated worker (it is a file from outside,
    like a survey sheet) and kept for the process; a worker failure becomes a
    :class:`~energy.pv.weather.WeatherFileError` with the worker's bilingual message."""
    with _WEATHER_LOCK:
        if key in _WEATHER:
            _WEATHER.move_to_end(key)
            return _WEATHER[key]
    try:
        read = run_isolated(read_weather, data, name)
    except WorkerFailure as failure:
        raise WeatherFileError(failure.message_zh, failure.message_en) from failure
    with _WEATHER_LOCK:
        _WEATHER[key] = read
        while len(_WEATHER) > _WEATHER_KEEP:
            _WEATHER.popitem(last=False)
    return read


def weather_key() -> str:
    return st.session_state.get("weather_key", BUILTIN)


def weather():
    """``(weather, source)`` in use: the built-in Shanghai year or an uploaded file."""
    key = weather_key()
    if key == BUILTIN:
        return builtin_shanghai()
    data, name = st.session_state["weather_upload"]
    return _uploaded_weather(key, data, name)


def use_uploaded_weather(data: bytes, name: str) -> None:
    """Validate and select an uploaded weather file (raises the reader's bilingual error)."""
    key = hashlib.sha256(data).hexdigest()
    _uploaded_weather(key, data, name)
    st.session_state["weather_upload"] = (data, name)
    st.session_state["weather_key"] = key


def use_builtin_weather() -> None:
    st.session_state["weather_key"] = BUILTIN


# Each computation of the city-wide estimate appends one line here (key, seconds) when set:
# lets tests and benchmarks/load.py see whether a page recomputed it.
PV_LOG_ENV = "CAMPUS_ENERGY_PV_LOG"


@dataclasses.dataclass
class _Slot:
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    value: object = None
    ok: bool = False


class ComputeOnce:
    """A bounded LRU cache, per server process, that computes each key once even when
    several sessions ask at the same moment (the others wait for the first).

    Plain Python on purpose: any browser can send Streamlit's ``clear_cache`` message, which
    empties ``st.cache_data``/``st.cache_resource`` for every user; it cannot reach this.
    """

    def __init__(self, max_entries: int) -> None:
        self._max = max_entries
        self._lock = threading.Lock()
        self._slots: collections.OrderedDict[str, _Slot] = collections.OrderedDict()

    def get(self, key: str, compute):
        """The value for ``key``, computed by ``compute()`` unless cached or in progress."""
        while True:
            with self._lock:
                slot = self._slots.get(key)
                mine = slot is None
                if mine:
                    slot = self._slots[key] = _Slot()
                    while len(self._slots) > self._max:
                        self._slots.popitem(last=False)
                else:
                    self._slots.move_to_end(key)
            if mine:
                return self._fill(key, slot, compute)
            slot.done.wait()
            if slot.ok:
                return slot.value
            # the session computing it failed or was stopped: compute it here instead

    def _fill(self, key: str, slot: _Slot, compute):
        try:
            slot.value, slot.ok = compute(), True
        finally:
            if not slot.ok:
                with self._lock:
                    if self._slots.get(key) is slot:
                        del self._slots[key]
            slot.done.set()
        return slot.value

    def __len__(self) -> int:
        return len(self._slots)


_PV_CACHE = ComputeOnce(max_entries=16)


def _estimate(assumption_items: tuple, key: str) -> pd.DataFrame:
    start = time.perf_counter()
    buildings = store().current_buildings()
    frame, source = weather()
    result = estimate_buildings(buildings, frame, source, PVAssumptions(**dict(assumption_items)))
    log = os.environ.get(PV_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{hashlib.sha256(key.encode()).hexdigest()[:12]} "
                      f"{time.perf_counter() - start:.3f}\n")
    return result


def pv_results() -> pd.DataFrame:
    """Per-building PV estimate of every current building, computed once per database,
    data version, assumptions and weather; each caller gets its own copy."""
    items = tuple(dataclasses.asdict(assumptions()).items())
    key = repr((str(db_path()), store().data_version(), items, weather_key()))
    return _PV_CACHE.get(key, lambda: _estimate(items, key)).copy()


UPLOAD_CHECK = "upload_check"   # once_per_file key of the school upload page


def once_per_file(key: str, data: bytes, compute):
    """``compute()`` once per uploaded file and session: the page reruns on every click, and
    a file in an uploader must not go through the isolated worker (and the audit log) again
    each time. An exception is kept and raised again like the result (but for a busy
    database, which passes)."""
    digest = hashlib.sha256(data).hexdigest()
    kept = st.session_state.get(f"once:{key}")
    if kept is None or kept[0] != digest:
        try:
            kept = (digest, compute(), None)
        except DatabaseBusy:   # passing: the next click tries again
            raise
        except Exception as exc:  # noqa: BLE001 - kept and re-raised, for this file only
            kept = (digest, None, exc)
        st.session_state[f"once:{key}"] = kept
    if kept[2] is not None:
        raise kept[2]
    return kept[1]


def forget_once(key: str) -> None:
    """Drop what :func:`once_per_file` kept under ``key`` (the next file is checked anew)."""
    st.session_state.pop(f"once:{key}", None)
