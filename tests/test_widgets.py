"""The shared widgets: the uploader's words in both languages, tables through declarations."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.widgets import uploader_style, uploader_texts


def test_uploader_texts_name_the_types_and_the_servers_limit():
    zh = uploader_texts(["xlsx", "csv"], "zh")
    assert zh["button"] == "选择文件"
    assert zh["limits"] == "或将文件拖放到此处 · 每个文件不超过 20 MB · XLSX、CSV"  # config.toml
    assert uploader_texts(["epw"], "en")["refused"].endswith("must be EPW and at most 20 MB")


def test_the_style_is_scoped_to_its_uploader_and_safe():
    style = uploader_style("roster_file", ["xlsx"], "zh")
    assert '.st-key-roster_file [data-testid="stFileUploaderDropzone"]' in style
    assert 'content: "选择文件"' in style
    with pytest.raises(ValueError):
        uploader_style('x"] body {', ["xlsx"], "zh")


def _page():
    import pandas as pd

    from dashboard.widgets import table
    from sheets.outputs import OutputColumn, OutputTable

    declared = OutputTable("t", "测试", "Test", (
        OutputColumn("annual_electricity_kwh", "年用电量", "Annual use", "float", unit="kWh",
                     decimals=0),))
    table(pd.DataFrame({"annual_electricity_kwh": [223600.0, None]}), declared, "zh")
    table(pd.DataFrame({"annual_electricity_kwh": []}), declared, "zh")


def test_a_table_reads_well_and_an_empty_one_says_so():
    app = AppTest.from_function(_page).run()
    shown = app.dataframe[0].value
    assert list(shown.columns) == ["年用电量（kWh）"]
    assert list(shown.iloc[:, 0]) == ["223,600", "–"]
    assert len(app.dataframe) == 1 and app.caption[0].value == "（无记录）"
    assert isinstance(shown, pd.DataFrame)
