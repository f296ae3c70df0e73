"""Columns of rounds, intentions, histories and outcomes, declared once (:mod:`sheets.outputs`).

Statuses are stored as codes (``awarded``, ``review`` …); :func:`in_words` puts their Chinese
words in a frame for showing, and each column's ``values_en`` gives the English ones.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from energy.subsidy.history import DECISION_TEXT
from energy.subsidy.outcomes import STEP_TEXT, SUGGESTION_TEXT
from energy.subsidy.outputs import IDENTITY
from energy.subsidy.rounds import STATUS_TEXT
from sheets.outputs import OutputColumn, OutputTable

BASIS_TEXT = {"use": ("学校年用电量的比例", "Share of the school's annual use"),
              "pv_estimate": ("我们估算发电量的倍数", "Multiple of our yield estimate")}
DECISIONS = {**DECISION_TEXT, **STEP_TEXT}


def _words(texts: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    return {zh: en for zh, en in texts.values()}


def in_words(frame: pd.DataFrame, column: str, texts: Mapping[str, tuple[str, str]]
             ) -> pd.DataFrame:
    """``frame`` with the codes of ``column`` replaced by their Chinese words."""
    if column not in frame:
        return frame
    return frame.assign(**{column: frame[column].map(lambda v: texts.get(v, (v, v))[0])})


def _kwh(name: str, zh: str, en: str) -> OutputColumn:
    return OutputColumn(name, zh, en, "float", unit="kWh/年", unit_en="kWh/yr", decimals=0,
                        width=14)


def _cny(name: str, zh: str, en: str) -> OutputColumn:
    return OutputColumn(name, zh, en, "float", unit="元", unit_en="CNY", decimals=0, width=14)


ROUND = OutputColumn("round_name", "轮次", "Round", width=12)
ROUNDS = OutputTable("rounds", "评审轮次", "Rounds", (
    ROUND,
    OutputColumn("status", "状态", "Status", values_en=_words(STATUS_TEXT), width=12),
    OutputColumn("application_opens", "申请开始", "Applications open", "date"),
    OutputColumn("application_closes", "申请截止", "Applications close", "date"),
    _cny("budget_cny", "预算", "Budget"),
    OutputColumn("from_round", "评分细则沿用自", "Rubric copied from", width=12),
    OutputColumn("decided_at", "决定时间", "Decided", "datetime"),
))
DEMAND = OutputTable("intention_demand", "申报意向（按区与类型）",
                     "Intentions by district and type", (
    IDENTITY["district"], IDENTITY["project_type"],
    OutputColumn("n_intentions", "意向项目数", "Planned projects", "int"),
    OutputColumn("n_schools", "学校数", "Schools", "int"),
    _cny("rough_investment_cny", "预计投资合计", "Rough investment"),
    OutputColumn("n_applied", "已转为申请", "Became applications", "int"),
))
SCHOOL_INTENTIONS = OutputTable("school_intentions", "本校申报意向", "Your school's intentions", (
    IDENTITY["project_type"], _cny("rough_investment_cny", "预计投资", "Rough investment"),
    OutputColumn("description", "项目简介", "Description", width=30),
    OutputColumn("submitted_at", "登记时间", "Stated", "datetime"),
    IDENTITY["application_id"],
))
HISTORY = OutputTable("school_history", "学校历年申请", "The school's applications by round", (
    ROUND, IDENTITY["application_id"], IDENTITY["project_name"], IDENTITY["project_type"],
    IDENTITY["subsidy_requested_cny"], IDENTITY["score"], IDENTITY["rank"],
    OutputColumn("decision", "结果", "Outcome", values_en=_words(DECISIONS), width=16),
    _kwh("measured_kwh", "实测首年电量", "Measured first year"),
))
TRAIL = OutputTable("outcome_trail", "项目进展", "Project status trail", (
    IDENTITY["application_id"], IDENTITY["school_name"], IDENTITY["project_name"],
    IDENTITY["project_type"],
    OutputColumn("status", "状态", "Status", values_en=_words(STEP_TEXT), width=12),
    OutputColumn("actor", "记录人", "Recorded by", width=12),
    OutputColumn("recorded_at", "时间", "When", "datetime"),
    _kwh("measured_kwh", "实测首年电量", "Measured first year"),
))
COMPARISON = OutputTable("outcome_comparison", "申报与实测", "Claimed and measured", (
    IDENTITY["application_id"], IDENTITY["school_name"], IDENTITY["project_type"],
    _kwh("claimed_kwh", "申报年电量", "Claimed"),
    _kwh("estimate_kwh", "我们的估算", "Our estimate"),
    _kwh("measured_kwh", "实测首年电量", "Measured first year"),
    OutputColumn("claim_to_result", "申报 ÷ 实测", "Claim ÷ result", "float"),
    OutputColumn("result_to_estimate", "实测 ÷ 估算", "Result ÷ estimate", "float"),
    OutputColumn("measured_share_of_use", "实测占学校用电", "Result as share of use", "share"),
))
CITY = OutputTable("claims_by_type", "全市：申报高出实测多少（按类型）",
                   "City-wide: how far claims ran above results, by type", (
    IDENTITY["project_type"],
    OutputColumn("n_accepted", "已验收项目", "Accepted projects", "int"),
    OutputColumn("median_claim_to_result", "申报 ÷ 实测（中位数）", "Claim ÷ result (median)",
                 "float"),
    OutputColumn("median_result_to_estimate", "实测 ÷ 估算（中位数）",
                 "Result ÷ estimate (median)", "float"),
    OutputColumn("max_share_of_use", "实测占用电最高", "Highest result as share of use", "share"),
    _kwh("claimed_kwh", "申报合计", "Claimed in total"),
    _kwh("measured_kwh", "实测合计", "Measured in total"),
))
EVIDENCE = OutputTable("bound_evidence", "合理上限与实测证据", "Plausible bounds and the evidence", (
    IDENTITY["project_type"],
    OutputColumn("basis", "上限口径", "Bound of", values_en=_words(BASIS_TEXT), width=16),
    OutputColumn("max_share", "现行上限", "Current bound", "float"),
    OutputColumn("n_accepted", "已验收项目", "Accepted projects", "int"),
    OutputColumn("median_claim_to_result", "申报 ÷ 实测（中位数）", "Claim ÷ result (median)",
                 "float"),
    OutputColumn("best_result_share", "实测最高", "Best result", "float"),
    OutputColumn("suggestion", "证据所示", "The evidence suggests",
                 values_en=_words(SUGGESTION_TEXT), width=24),
    OutputColumn("suggested_share", "建议上限", "Suggested bound", "float"),
))
