"""Eco-school subsidy review (生态文明建设示范学校奖补资金): applications, expert scores,
verification against our own survey and PV numbers, a TOML rubric, weighted-sum or TOPSIS
scores, the budget-optimal shortlist, weight robustness and the committee's exports.

Modules: :mod:`~energy.subsidy.schema` (the two sheets, declared once),
:mod:`~energy.subsidy.intake` (reading and located bilingual validation),
:mod:`~energy.subsidy.store` (DuckDB, every sheet and every run kept),
:mod:`~energy.subsidy.rubric`, :mod:`~energy.subsidy.verify`, :mod:`~energy.subsidy.metrics`,
:mod:`~energy.subsidy.reviews`, :mod:`~energy.subsidy.scoring`,
:mod:`~energy.subsidy.shortlist`, :mod:`~energy.subsidy.robustness`,
:mod:`~energy.subsidy.ranking` (the pipeline), :mod:`~energy.subsidy.export`,
:mod:`~energy.subsidy.template`, :mod:`~energy.subsidy.demo`. Command line:
``python -m energy.subsidy``.

The names below load on first use, so that the isolated worker checking a sheet
(:mod:`~energy.subsidy.intake`) does not import the ranking's scipy and pvlib.
"""

from __future__ import annotations

import importlib

_HOME = {"write_csv": "export", "write_workbook": "export",
         "check_applications": "intake", "check_reviews": "intake",
         "RankingResult": "ranking", "SurveyData": "ranking", "rank_applications": "ranking",
         "Cap": "rubric", "Rubric": "rubric", "RubricError": "rubric", "load_rubric": "rubric",
         "parse_rubric": "rubric", "to_toml": "rubric",
         "SubsidyStore": "store", "campus_pv_estimate": "verify"}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name in _HOME:
        return getattr(importlib.import_module(f"energy.subsidy.{_HOME[name]}"), name)
    raise AttributeError(f"module 'energy.subsidy' has no attribute {name!r}")
