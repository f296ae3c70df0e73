"""Session-wide resources: language, one cached store connection, the PV assumptions and
weather in use, and the cached city-wide PV estimate."""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import streamlit as st

from energy.pv import PVAssumptions, estimate_buildings
from energy.pv.weather import builtin_shanghai, read_weather
from surveys.config import db_path
from surveys.store import SurveyStore

BUILTIN = "builtin"


@st.cache_resource
def _store(path: str) -> SurveyStore:
    return SurveyStore(path)


def store() -> SurveyStore:
    """The survey store at the configured path, opened once per server process."""
    return _store(str(db_path()))


def language() -> str:
    """``"zh"`` (default) or ``"en"``, from the sidebar switch."""
    return st.session_state.get("lang", "zh")


def assumptions() -> PVAssumptions:
    """The PV assumptions this session uses (defaults until the committee changes them)."""
    return st.session_state.get("pv_assumptions", PVAssumptions())


def set_assumptions(value: PVAssumptions) -> None:
    st.session_state["pv_assumptions"] = value


@st.cache_resource(max_entries=8)
def _uploaded_weather(key: str, data: bytes, name: str):
    return read_weather(data, name)


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


@st.cache_data(max_entries=16, show_spinner=False)
def _pv_results(version: str, assumption_items: tuple, key: str) -> pd.DataFrame:
    buildings = store().current_buildings()
    frame, source = weather()
    return estimate_buildings(buildings, frame, source, PVAssumptions(**dict(assumption_items)))


def pv_results() -> pd.DataFrame:
    """Per-building PV estimate of every current building, cached per data version,
    assumptions and weather."""
    items = tuple(dataclasses.asdict(assumptions()).items())
    return _pv_results(store().data_version(), items, weather_key())
