"""Cell parsing: numbers with units and full-width digits, dates, addresses."""

from __future__ import annotations

import datetime as dt

import pytest

from sheets.cells import NumberProblem, cell_address, column_index, parse_date, parse_number
from surveys.schema import UNIT_FACTORS


@pytest.mark.parametrize("raw,expected", [
    ("１，２００", 1200), (" 2,150.5 ", 2150.5), (3, 3), ("0.2万㎡", 2000), ("1500m²", 1500),
    ("-5", -5), ("1e3", 1000),
])
def test_numbers(raw, expected):
    assert parse_number(raw, UNIT_FACTORS["m2"]) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["约2000", "2000-3000", "两千", "2000 apples", True])
def test_not_numbers(raw):
    with pytest.raises(NumberProblem):
        parse_number(raw, UNIT_FACTORS["m2"])


def test_money_in_wan_yuan():
    assert parse_number("12.5万元", UNIT_FACTORS["cny"]) == pytest.approx(125000)
    assert parse_number(12.5, UNIT_FACTORS["cny"], header_factor=1e4) == pytest.approx(125000)


@pytest.mark.parametrize("raw,expected", [
    ("2026-03-01", dt.date(2026, 3, 1)), ("2026年3月", dt.date(2026, 3, 1)),
    ("２０２６/3/5", dt.date(2026, 3, 5)), ("2026年3月5日", dt.date(2026, 3, 5)),
    (dt.datetime(2026, 9, 1, 8), dt.date(2026, 9, 1)), (46082, dt.date(2026, 3, 1)),
])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["明年", "2026-13-01", 12])
def test_not_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_addresses():
    assert cell_address(7, 3) == "D7"
    assert cell_address(200000, column_index("ZZ")) == "ZZ200000"
    assert column_index("AA") == 26
