"""Every page, in both languages, on the demo data and on an empty database, read the way a
committee member reads it (AppTest): no raw column name, no None/nan/NaT/empty, and in the
Chinese view no English-only widget text (see tests/page_walk.py; the browser walk is
tests/e2e/test_page_walk.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from core import access
from surveys.store import SurveyStore
from tests.dashboard_helpers import demo_database, run_page
from tests.page_walk import (
    english_only,
    missing_in_text,
    missing_words,
    page_modules,
    raw_headers,
)

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


def page_problems(app, lang: str, styled_ok: bool = True) -> list[str]:
    """Everything on the finished run ``app`` a committee member must not read."""
    problems = [f"exception: {e.value}" for e in app.exception]
    for frame in _frames(app):
        problems += [f"raw header {h!r}" for h in raw_headers(frame.columns)]
        if frame.empty:
            problems.append(f"a table without rows ({list(frame.columns)[:3]})")
        for value in frame.astype(str).to_numpy().ravel():
            problems += [f"cell {value!r}" for _ in missing_words(value)]
    texts = [str(e.value) for kind in TEXT_KINDS for e in _elements(app, kind)]
    texts += [str(m.value) for m in _elements(app, "metric")]
    problems += [f"text {t!r}" for t in texts if missing_in_text(t)]
    if lang == "zh":
        labels = [str(getattr(e, "label", "") or "") for kind in LABELLED_KINDS
                  for e in _elements(app, kind)]
        labels += [str(o) for r in _elements(app, "radio") for o in r.options]
        labels += [h for f in _frames(app) for h in map(str, f.columns)]
        labels += [t for t in texts if t]
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


def test_the_checks_catch_what_they_are_for():
    """The walk is honest: a raw header, a None cell and English text are found."""
    assert raw_headers(["school_code", "active", "学校", "School", "容量（kWp）"]) == \
        ["school_code", "active"]
    assert missing_words("年用电量 None") == ["None"] and missing_words("Nanhui") == []
    assert english_only("Browse files") and not english_only("20 MB · XLSX、CSV")
    assert not english_only("选择文件") and not english_only("1,234.5")


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
