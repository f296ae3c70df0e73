"""The overview page's district layer (choropleth, measure radio, picked district) and its
report button, run with Streamlit's AppTest on a seeded demo database."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from dashboard.overview_page import DISTRICT_FILTER_KEY, MAP_KEY
from energy.api import estimate_pv, open_survey_db
from energy.pv.explore import district_table
from geo.shanghai import DISTRICTS
from tests.dashboard_helpers import run_page
from tests.demo_cache import survey_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("overview") / "demo.duckdb"
    survey_demo(path, n_schools=30)
    return path


def _values(encoded) -> np.ndarray:
    """A plotly array from the chart's JSON (plain list or typed-array encoding)."""
    if isinstance(encoded, dict):
        return np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=encoded["dtype"])
    return np.asarray(encoded, dtype=float)


def _district_layer(app) -> dict:
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    layer = spec["data"][0]
    assert layer["type"] == "choroplethmap"
    return layer


def test_districts_are_shaded_by_the_chosen_measure(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("overview_page", timeout=120)
    assert not app.exception
    layer = _district_layer(app)
    assert list(layer["locations"]) == [d.name for d in DISTRICTS]
    with open_survey_db(demo_db) as store:
        api = district_table(estimate_pv(store)).set_index("district")["annual_yield_kwh"] / 1e3
    shown = dict(zip(layer["locations"], _values(layer["z"])))
    for district, mwh in api.items():
        assert shown[district] == pytest.approx(mwh)
    app.radio[0].set_value("demand_covered_share").run()
    covered = _values(_district_layer(app)["z"])
    assert np.nanmax(covered) <= 1.0 and not np.allclose(covered, list(shown.values()))
    app.radio[0].set_value("share_submitted").run()
    assert np.isnan(_values(_district_layer(app)["z"])).all()     # no roster in the demo
    assert any("名单" in i.value for i in app.info)


def test_a_clicked_district_becomes_the_filter(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("overview_page", timeout=120)
    before = {m.label: m.value for m in app.metric}
    app.session_state[MAP_KEY] = {"selection": {"points": [
        {"curve_number": 0, "point_index": 10, "customdata": "浦东新区"}]}}
    app.run()
    assert not app.exception
    assert app.session_state[DISTRICT_FILTER_KEY] == ["浦东新区"]
    after = {m.label: m.value for m in app.metric}
    assert int(after["建筑数"].replace(",", "")) < int(before["建筑数"].replace(",", ""))
    widths = _district_layer(app)["marker"]["line"]["width"]
    assert max(widths) > min(widths)                   # the picked district is outlined


def test_report_button_offers_the_download(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("overview_page", timeout=120)
    assert not app.get("download_button")
    next(b for b in app.button if b.label == "生成报告").click().run(timeout=180)
    assert not app.exception
    downloads = app.get("download_button")
    assert len(downloads) == 1 and downloads[0].proto.label == "下载报告"
    kind, data = app.session_state["report_file"]
    assert kind == "docx" and data[:2] == b"PK"        # a Word file (zip)
