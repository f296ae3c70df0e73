"""Every page, in both languages, on the demo data and on an empty database, read the way a
committee member reads it (AppTest): no raw column name, no None/nan/NaT/empty, and in the
Chinese view no English-only widget text (see tests/page_walk.py; the browser walk is
tests/e2e/test_page_walk.py)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1.element_tree import Multiselect

from core import access
from surveys.store import SurveyStore
from tests.dashboard_helpers import demo_database, run_page
from tests.page_walk import (
    english_only,
    grouped_years,
    missing_in_text,
    missing_words,
    page_modules,
    raw_headers,
    raw_options,
    streamlit_placeholders,
    unformatted_numbers,
)
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_filled_by_hand
from tests.surveys.mapping_fixtures import BUILDINGS_A, CORRECTIONS, SCHOOL_A, own_layout

TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning",
              "error", "success")
LABELLED_KINDS = ("button", "download_button", "selectbox", "multiselect", "radio",
                  "number_input", "text_input", "checkbox", "expander", "file_uploader",
                  "metric", "tab")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = demo_database(tmp_path_factory.mktemp("walk") / "demo.duckdb", 24, 16)
    with SurveyStore(path) as store:
        code_id, _ = access.issue_code(store, "3101159901", "wang", 30)
        access.revoke_codes(store, "wang", code_id=code_id)
    return path


def _elements(app, kind: str):
    try:
        return list(app.get(kind))
    except Exception:  # a kind this page does not have
        return []


def _frames(app) -> list[pd.DataFrame]:
    frames = []
    for frame in _elements(app, "dataframe"):
        value = frame.value
        frames.append(value.data if hasattr(value, "data") else value)  # a Styler: its data
    return frames


def _shows_placeholder(box) -> bool:
    """Whether a drop-down can show its placeholder: a multiselect emptied, a selectbox
    without options, without a choice or on an option that reads as nothing."""
    if not box.options or isinstance(box, Multiselect):
        return True
    try:   # a None value is a choice when the options show it (不读取)
        shown = str(box.format_func(box.value))
    except Exception:  # noqa: BLE001 - a format for options only: nothing chosen
        return True
    return shown == "" or (box.value is None and shown not in box.options)


def _abbreviated_colorbars(spec: dict) -> list[str]:
    """Colour bars (a map's legend of values) that plotly would tick 10k, 8k: no format."""
    bars = [t["colorbar"] for t in spec.get("data", []) if "colorbar" in t]
    coloraxis = spec.get("layout", {}).get("coloraxis")
    if coloraxis is not None:
        bars.append(coloraxis.get("colorbar", {}))
    return [f"colour bar {bar.get('title', {}).get('text', '')!r}: ticks like 10k"
            for bar in bars if not any(c in bar.get("tickformat", "") for c in ",%")]


def _abbreviated_axes(app) -> list[str]:
    """Charts whose numeric y axis plotly abbreviates (25k, 1.4M): no tick format given."""
    found = []
    for chart in _elements(app, "plotly_chart"):
        spec = json.loads(chart.proto.spec)
        found += _abbreviated_colorbars(spec)
        if not any(trace.get("type") in ("bar", "scatter") for trace in spec.get("data", [])):
            continue   # a map
        axis = spec.get("layout", {}).get("yaxis", {})
        if "," not in axis.get("tickformat", ""):
            found.append(f"chart {axis.get('title', {}).get('text', '')!r}: ticks like 25k")
    return found


def page_problems(app, lang: str, styled_ok: bool = True) -> list[str]:
    """Everything on the finished run ``app`` a committee member must not read."""
    problems = [f"exception: {e.value}" for e in app.exception]
    for frame in _frames(app):
        problems += [f"raw header {h!r}" for h in raw_headers(frame.columns)]
        if frame.empty:
            problems.append(f"a table without rows ({list(frame.columns)[:3]})")
        cells = frame.astype(str).to_numpy().ravel()
        for value in cells:
            problems += [f"cell {value!r}" for _ in missing_words(value)]
        problems += [f"unformatted number {value!r}" for value in unformatted_numbers(cells)]
        problems += [f"year {value!r} under {header!r}"
                     for i, header in enumerate(frame.columns)
                     for value in grouped_years(header, frame.iloc[:, i].astype(str))]
    options = [o for kind in ("selectbox", "multiselect", "radio")
               for e in _elements(app, kind) for o in (e.options or [])]
    problems += [f"raw option {o!r}" for o in raw_options(options)]
    problems += _abbreviated_axes(app)
    texts = [str(e.value) for kind in TEXT_KINDS for e in _elements(app, kind)]
    texts += [str(m.value) for m in _elements(app, "metric")]
    problems += [f"text {t!r}" for t in texts if missing_in_text(t)]
    if lang == "zh":
        labels = [str(getattr(e, "label", "") or "") for kind in LABELLED_KINDS
                  for e in _elements(app, kind)]
        labels += [str(o) for r in _elements(app, "radio") for o in r.options]
        labels += [h for f in _frames(app) for h in map(str, [*f.columns, *f.index.names])
                   if h != "None"]
        labels += [t for t in texts if t]
        problems += [f"Streamlit's English placeholder in {e.label!r}"
                     for e in [*_elements(app, "selectbox"), *_elements(app, "multiselect")]
                     if not e.proto.placeholder and _shows_placeholder(e)]
        problems += [f"English-only text {t!r}" for t in labels if english_only(t)]
    return problems


def _open(page: str, lang: str):
    app = run_page(page, lang, timeout=120)
    if page == "subsidy_page":  # the ranking's tables appear after a run
        run = [b for b in app.button if b.label in ("开始评审排序", "Run the ranking")]
        if run:
            run[0].click().run(timeout=120)
    return app


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", page_modules())
def test_page_reads_well_on_demo_data(page, lang, demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = _open(page, lang)
    assert not page_problems(app, lang), page_problems(app, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", page_modules())
def test_page_reads_well_on_an_empty_database(page, lang, tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(tmp_path / "empty.duckdb"))
    app = _open(page, lang)
    assert not page_problems(app, lang), page_problems(app, lang)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _uploaded(lang: str, name: str, data: bytes):
    app = run_page("upload_page", lang, timeout=120)
    return app.file_uploader[0].set_value((name, data, XLSX)).run()


def _flawed_sheet() -> bytes:
    """The template with an error (a range), a warning (a year from memory), a subtotal row
    skipped and a school field left blank."""
    buildings = [dict(b) for b in BUILDINGS]
    buildings[0]["gross_floor_area_m2"] = "2000-3000"
    buildings[1]["year_built"] = "约2012"
    buildings.append({"building_name": "本部小计", "gross_floor_area_m2": 18800.0})
    return template_filled_by_hand({**SCHOOL, "annual_electricity_kwh": None}, buildings)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_mapping_confirmation_and_the_report_after_it_read_well(lang, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(tmp_path / "mapping.duckdb"))
    app = _uploaded(lang, "own.xlsx", own_layout(SCHOOL_A, BUILDINGS_A))
    assert len(app.selectbox) == len(BUILDINGS_A[0]), "the form asks about every header"
    assert app.dataframe[-1].value.index.name == ("行" if lang == "zh" else "Row")  # the preview
    assert not page_problems(app, lang), page_problems(app, lang)
    boxes = {box.label: box for box in app.selectbox}
    for header, (_, name) in CORRECTIONS.items():
        boxes[header].set_value(name)
    app = app.button[-1].click().run()
    assert not app.selectbox and app.dataframe, "the report follows the confirmed mapping"
    assert not page_problems(app, lang), page_problems(app, lang)
    app = run_page("mappings_page", lang, timeout=120)   # the committee's list of profiles
    assert not page_problems(app, lang), page_problems(app, lang)
    [row] = app.dataframe[0].value.to_dict("records")
    confirmed = row["确认时间" if lang == "zh" else "Confirmed"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", confirmed), row   # Beijing time, minutes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_of_errors_warnings_and_skipped_rows_reads_well(lang, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(tmp_path / "report.duckdb"))
    app = _uploaded(lang, "flawed.xlsx", _flawed_sheet())
    assert app.error and app.expander, "an error, and the rows left listed"
    assert not page_problems(app, lang), page_problems(app, lang)
    app = _uploaded(lang, "x.xlsx", b"plain text, not a workbook")
    assert app.error, "a refused file is said"
    assert not page_problems(app, lang), page_problems(app, lang)


def test_the_checks_catch_what_they_are_for():
    """The walk is honest: a raw header, a None cell and English text are found."""
    assert raw_headers(["school_code", "active", "学校", "School", "容量（kWp）"]) == \
        ["school_code", "active"]
    assert missing_words("年用电量 None") == ["None"] and missing_words("Nanhui") == []
    assert english_only("Browse files") and not english_only("20 MB · XLSX、CSV")
    assert not english_only("选择文件") and not english_only("1,234.5")
    assert not english_only("A5") and not english_only("AB") and english_only("Sheet1 A5")
    assert unformatted_numbers(["2004.0", "1850000.0", "1,850,000.0", "121.5443", "2004"]) == \
        ["2004.0", "1850000.0"]
    assert grouped_years("建成年份", ["2,015", "2015"]) == ["2,015"]
    assert grouped_years("Year built", ["2,015"]) == ["2,015"]
    assert grouped_years("回收期（年）", ["1,200"]) == grouped_years("Payback (years)", ["1,200"]) == []
    assert streamlit_placeholders("只发该区 Choose an option") == ["Choose an option"]
    assert raw_options(["year_built", "建成年份", "demo", "DEMO-2026-001"]) == ["year_built"]


def test_the_audit_log_reads_as_sentences(demo_db, monkeypatch):
    monkeypatch.setenv("CAMPUS_ENERGY_DB", str(demo_db))
    app = run_page("access_page", "zh", timeout=120)
    events = app.dataframe[1].value["事件"]
    assert any("导入了" in e and "的调研表（上传" in e for e in events), list(events)[:3]
    assert any(e.startswith("wang 撤销了 3101159901") for e in events)
    assert not any(e.lstrip().startswith("{") for e in events)
    school = next(s for s in app.selectbox if s.label == "学校")
    school.set_value("3101159901").run()
    assert len(app.dataframe[1].value) == 2   # issued and revoked


def _drop_downs(placeholder) -> None:
    import streamlit as st

    st.selectbox("只发该区", ["", "黄浦区"], placeholder=placeholder)
    st.multiselect("申请", ["DEMO-1"], placeholder=placeholder)
    st.selectbox("读作", [None, "notes"], format_func=lambda v: v or "不读取")


def test_streamlit_s_english_placeholder_is_found():
    from streamlit.testing.v1 import AppTest

    bare = AppTest.from_function(_drop_downs, args=(None,)).run()
    assert page_problems(bare, "zh") == [
        "Streamlit's English placeholder in '只发该区'", "Streamlit's English placeholder in '申请'"]
    assert not page_problems(AppTest.from_function(_drop_downs, args=("全部",)).run(), "zh")
