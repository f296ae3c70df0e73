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
"""

from energy.subsidy.export import write_csv, write_workbook
from energy.subsidy.intake import check_applications, check_reviews
from energy.subsidy.ranking import RankingResult, SurveyData, rank_applications
from energy.subsidy.rubric import Cap, Rubric, RubricError, load_rubric, parse_rubric, to_toml
from energy.subsidy.store import SubsidyStore
from energy.subsidy.verify import campus_pv_estimate

__all__ = ["Cap", "RankingResult", "Rubric", "RubricError", "SubsidyStore", "SurveyData",
           "campus_pv_estimate", "check_applications", "check_reviews", "load_rubric",
           "parse_rubric", "rank_applications", "to_toml", "write_csv", "write_workbook"]
