"""Rows under a header that are not buildings: each kind a person recognises at a glance."""

from __future__ import annotations

import pytest

from sheets import rows
from surveys.schema import TOTAL_ROW_WORDS

CONTEXT = dict(name_column=1, mapped={0, 1, 2, 3}, merged=set(),
               header_texts={0: "序号", 1: "建筑名称", 2: "建筑面积", 3: "屋顶面积"},
               total_words=TOTAL_ROW_WORDS, min_header=3)


@pytest.mark.parametrize("row, kind", [
    ([None, "平均", 4333.3, 966.7], rows.TOTAL),
    (["平均值", None, 4333.3, None], rows.TOTAL),
    (["续表", None, None, None], rows.MARKER),
    ([None, "（续）", None, None], rows.MARKER),
    (["以下空白", None, None, None], rows.MARKER),
    (["——以下无——", None, None, None], rows.MARKER),
    ([None, "其中：地下车库", 1500, None], rows.BREAKDOWN),
    ([None, "含：报告厅", 600, None], rows.BREAKDOWN),
    (["必填", "必填", "必填", "选填"], rows.HEADER_NOTE),
    (["1", "本部校区", None, None], rows.SECTION),
    ([2, "东校区", None, None], rows.SECTION),
    ([1, "教学楼", 6000, 1200], None),
    ([3, "含山楼", 2000, 500], None),
    ([None, "平安楼", 2000, 500], None),
    ([None, "空白", None, None], rows.MARKER),
])
def test_row_kinds(row, kind):
    assert rows.classify(row, **CONTEXT) == kind


@pytest.mark.parametrize("name, example", [
    ("例：1号教学楼", True), ("（示例）实验楼", True), ("示例-体育馆", True), ("【示例】1号楼", True),
    ("填写示例：食堂", True), ("e.g. Main building", True), ("例如楼", False), ("实验楼", False),
    ("示范楼", False), (2005, False)])
def test_example_rows(name, example):
    assert rows.is_example(name, "【示例】") is example
