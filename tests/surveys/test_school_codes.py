"""School codes as a person reads them: look-alikes are one school or a located error."""

from __future__ import annotations

import pytest

from sheets.cells import canonical_school_code, clean_text
from surveys.intake import check_bytes
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled

CODE = SCHOOL["school_code"]


@pytest.mark.parametrize("typed", [
    CODE, f" {CODE} ", f"{CODE}\u200b", f"\u200b{CODE}", f"{CODE[:4]}\u200d{CODE[4:]}",
    f"\u202e{CODE}\u202c", f"\ufeff{CODE}", "".join(chr(0xFF10 + int(c)) for c in CODE),
    f"{CODE}\u2060", f"\u2066{CODE}\u2069",
])
def test_look_alike_codes_are_the_same_school(typed):
    assert canonical_school_code(typed) == CODE


@pytest.mark.parametrize("typed", ["=1+1", "\u200b\u200b", "\u202e", "3101 15-0001",
                                   "31011５000１\x00'", "З101150001", "+3101150001", "a" * 40])
def test_anything_else_is_not_a_code(typed):
    assert canonical_school_code(typed) is None


def test_invisible_and_control_characters_never_reach_a_name():
    assert clean_text("上海市\x00示例\u200b中学\x07", fold=False) == "上海市示例中学"
    assert clean_text("\u202e学中例示", fold=False) == "学中例示"


def _check(code, name=SCHOOL["school_name"]):
    return check_bytes(template_prefilled(dict(SCHOOL, school_code=code, school_name=name),
                                          BUILDINGS), "s.xlsx")


def test_a_zero_width_code_is_stored_as_the_plain_code_with_a_warning():
    result = _check(f"{CODE}\u200b")
    assert result.ok
    assert list(result.schools["school_code"]) == [CODE]
    warning = next(i for i in result.report.warnings if i.code == "school_code_cleaned")
    assert warning.cell and "\\u200b" in warning.message_zh and CODE in warning.message_en


@pytest.mark.parametrize("code", ["=1+1", "\u200b\u200b\u200b", "\u202e0001"[:1] + "!!"])
def test_an_invalid_code_is_a_located_error(code):
    result = _check(code)
    assert not result.ok
    error = next(i for i in result.report.errors if i.code in ("school_code_invalid",
                                                                "missing_value"))
    assert error.cell, "located"
    assert error.message_zh and error.message_en


def test_control_characters_are_removed_from_stored_names():
    result = _check(CODE, name="上海市\x00示例\x1b中学")
    assert result.ok
    assert list(result.schools["school_name"]) == ["上海市示例中学"]
