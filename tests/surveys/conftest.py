"""Fixtures of the survey tests; the data they use lives in :mod:`tests.surveys.fixtures`."""

from __future__ import annotations

import pytest

from surveys.store import SurveyStore
from tests.surveys.fixtures import BUILDINGS, SCHOOL, template_prefilled


@pytest.fixture
def store(tmp_path):
    with SurveyStore(tmp_path / "survey.duckdb") as opened:
        yield opened


@pytest.fixture
def good_sheet() -> bytes:
    return template_prefilled(SCHOOL, BUILDINGS)
