"""The report as a sequence of blocks (headings, paragraphs, tables, figures), written out by
both the Word and the PDF writer, so the two say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from energy.plan.tables import readable_assumptions, readable_sensitivity
from energy.pv.demand import UNIVERSITY
from energy.pv.outputs import assumptions_in
from energy.report.data import ReportData, district_label, school_vacations
from energy.report.figures import all_figures
from energy.report.labels import (
    CAMPUSES,
    DISTRICTS,
    GAPS,
    MISSING,
    PLAN,
    SUMMARY,
    TYPES,
    text,
)
from sheets.outputs import OutputTable, labelled


@dataclass
class Block:
    """One piece of the report.

    ``kind`` is ``title``, ``subtitle``, ``heading``, ``paragraph``, ``note``, ``table`` (with
    ``header`` and ``rows`` of strings) or ``figure`` (``image`` PNG bytes, ``text`` caption).
    """

    kind: str
    text: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    image: bytes = b""


def frame_table(shown: pd.DataFrame) -> Block:
    """A table block of a frame already labelled for reading (headers and text cells)."""
    return Block("table", header=[str(c) for c in shown.columns],
                 rows=[[str(v) for v in row] for row in shown.itertuples(index=False)])


def table(frame: pd.DataFrame, columns: OutputTable, lang: str) -> Block:
    """A table block of ``frame``'s declared columns (headers, units, formats)."""
    return frame_table(labelled(frame, columns, lang))


def summary_table(summary: dict, lang: str) -> Block:
    """The headline figures: label with unit and value, one row each."""
    rows = [[c.header(lang), c.text(summary[c.name], lang)] for c in SUMMARY.columns]
    return Block("table", header=[SUMMARY.title(lang), ""], rows=rows)


def _scope(data: ReportData) -> str:
    if not data.districts:
        return text("scope_city", data.lang)
    names = ("、" if data.lang == "zh" else ", ").join(
        district_label(d, data.lang) for d in data.districts)
    return text("scope_districts", data.lang, names=names)


def _survey_paragraph(data: ReportData) -> str:
    s, lang = data.summary, data.lang
    roster = ""
    if s["campuses_expected"]:
        rate = s["campuses"] / s["campuses_expected"]
        roster = text("survey_roster", lang, expected=f"{s['campuses_expected']:,}",
                      rate=f"{rate:.0%}")
    return text("survey_text", lang, campuses=f"{s['campuses']:,}",
                buildings=f"{s['buildings']:,}", roster=roster,
                roof=f"{s['roof_area_m2'] / 1e4:,.1f}")


def _summary_paragraph(data: ReportData) -> str:
    s = data.summary
    return text("summary_text", data.lang, mwp=f"{s['capacity_kwp'] / 1e3:,.1f}",
                low=f"{s['annual_yield_low_mwh']:,.0f}", central=f"{s['annual_yield_mwh']:,.0f}",
                co2=f"{s['co2_avoided_t']:,.0f}")


def _front(data: ReportData) -> list[Block]:
    lang = data.lang
    blocks = [Block("title", text("title", lang)), Block("subtitle", text("issuer", lang)),
              Block("subtitle", text("recipient", lang)),
              Block("subtitle", text("date", lang, date=data.date.isoformat())),
              Block("subtitle", text("data_date", lang, version=data.version,
                                     date=data.data_date.isoformat() if data.data_date else "–")),
              Block("subtitle", _scope(data))]
    if data.is_demo:
        blocks.append(Block("note", text("demo", lang)))
    return blocks


def _district_columns(data: ReportData) -> OutputTable:
    """The district table's columns; those of the roster only when one is imported."""
    if data.by_district["expected"].notna().any():
        return DISTRICTS
    return DISTRICTS.pick(*(c.name for c in DISTRICTS.columns
                            if c.name not in ("submitted", "expected")))


def _quality_section(data: ReportData) -> list[Block]:
    """Who has not submitted (with the roster), re-submissions, warnings accepted, gaps."""
    lang, q = data.lang, data.quality
    section = [Block("heading", text("h_quality", lang))]
    if q["expected"]:
        listed = text("quality_listed", lang) if q["missing"] else ""
        section.append(Block("paragraph", text("quality_roster", lang, listed=listed, **q)))
        if q["missing"]:
            section.append(table(data.missing_schools, MISSING, lang))
    else:
        section.append(Block("paragraph", text("quality_no_roster", lang)))
    appendix = text("quality_appendix", lang) if q["with_gaps"] else ""
    return section + [Block("paragraph", text("quality_text", lang, appendix=appendix, **q))]


def _appendix(data: ReportData) -> list[Block]:
    if data.gaps.empty:
        return []
    return [Block("heading", text("h_appendix", data.lang)), table(data.gaps, GAPS, data.lang)]


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def _span_text(span, lang: str) -> str:
    (m0, d0), (m1, d1) = span
    if lang == "zh":
        return f"{m0}月{d0}日–{m1}月{d1}日"
    return f"{d0} {_MONTHS_EN[m0 - 1]}–{d1} {_MONTHS_EN[m1 - 1]}"


def _demand_section(data: ReportData, figures: dict[str, bytes]) -> list[Block]:
    """Monthly PV against the schools' own use, vacations marked (none without use)."""
    monthly, lang = data.monthly_demand, data.lang
    if monthly is None or monthly.empty:
        return []
    schools, universities = school_vacations(), school_vacations(UNIVERSITY)
    (first, _), (last, _) = schools["summer"]
    summer = monthly[monthly["month"].between(first, last)]
    months = "–".join(str(m) for m in (first, last)) if lang == "zh" else "–".join(
        _MONTHS_EN[m - 1] for m in (first, last))
    paragraph = text(
        "demand_text", lang, summer_months=months,
        school_winter=_span_text(schools["winter"], lang),
        school_summer=_span_text(schools["summer"], lang),
        uni_winter=_span_text(universities["winter"], lang),
        uni_summer=_span_text(universities["summer"], lang),
        summer_pv=f"{summer['yield_kwh'].sum() / 1e3:,.0f}",
        summer_share=f"{summer['yield_kwh'].sum() / summer['demand_kwh'].sum():.0%}",
        year_share=f"{monthly['yield_kwh'].sum() / monthly['demand_kwh'].sum():.0%}")
    caption = text("fig_demand", lang, campuses=f"{monthly.attrs['campuses']:,}")
    return [Block("figure", caption, image=figures["fig_demand"]),
            Block("paragraph", paragraph)]


def _plan_paragraph(data: ReportData) -> str:
    plan = data.plan
    optimal, greedy = plan.totals(), plan.totals("greedy")
    gap = plan.optimal.mip_gap
    exactness = (text("plan_proven", data.lang) if gap is not None and gap <= 1e-9 else
                 text("plan_gap", data.lang, gap="–" if gap is None else f"{gap:.3%}"))
    return text("plan_text", data.lang, exactness=exactness,
                budget=f"{plan.settings['budget_cny_per_year'] / 1e4:,.0f}",
                years=plan.settings["years"], lead=plan.settings["repair_lead_years"],
                campuses=f"{optimal['n_campuses']:,}",
                mwp=f"{optimal['capacity_kwp'] / 1e3:,.1f}",
                invest=f"{optimal['investment_cny'] / 1e4:,.0f}",
                gwh=f"{optimal['annual_kwh'] / 1e6:,.2f}",
                greedy_mwp=f"{greedy['capacity_kwp'] / 1e3:,.1f}",
                greedy_gwh=f"{greedy['annual_kwh'] / 1e6:,.2f}")


def _plan_section(data: ReportData, figures: dict[str, bytes]) -> list[Block]:
    """The rollout plan: what it does, the phased table and chart, that costs are the
    committee's assumptions, the plan's own parameters and (if made) the sensitivity."""
    lang = data.lang
    if data.plan is None:
        return [Block("heading", text("h_plan", lang)),
                Block("paragraph", text("plan_none", lang))]
    section = [Block("heading", text("h_plan", lang)),
               Block("paragraph", _plan_paragraph(data)),
               Block("note", text("plan_costs", lang)),
               table(data.plan.phased(), PLAN, lang),
               Block("figure", text("fig_plan", lang), image=figures["fig_plan"])]
    if data.sensitivity is not None:
        section += [Block("paragraph", text("plan_sensitivity", lang)),
                    frame_table(readable_sensitivity(data.sensitivity, lang))]
    return section + [Block("paragraph", text("plan_assumptions", lang)),
                      frame_table(readable_assumptions(data.plan, lang))]


def blocks(data: ReportData) -> list[Block]:
    """The whole report, in order."""
    lang = data.lang
    figures = dict(all_figures(data))
    return [
        *_front(data),
        Block("heading", text("h_survey", lang)), Block("paragraph", _survey_paragraph(data)),
        Block("heading", text("h_summary", lang)), Block("paragraph", _summary_paragraph(data)),
        summary_table(data.summary, lang),
        Block("figure", text("fig_map", lang), image=figures["fig_map"]),
        Block("heading", text("h_districts", lang)),
        table(data.by_district, _district_columns(data), lang),
        Block("figure", text("fig_districts", lang), image=figures["fig_districts"]),
        Block("heading", text("h_types", lang)), table(data.by_type, TYPES, lang),
        Block("figure", text("fig_types", lang), image=figures["fig_types"]),
        Block("heading", text("h_top", lang)), table(data.top_campuses, CAMPUSES, lang),
        Block("figure", text("fig_monthly", lang), image=figures["fig_monthly"]),
        *_demand_section(data, figures),
        *_quality_section(data),
        Block("heading", text("h_assumptions", lang)),
        Block("paragraph", text("assumptions_text", lang, weather=data.weather_source)),
        table(data.assumptions, assumptions_in(lang), lang),
        *_plan_section(data, figures),
        Block("heading", text("h_notes", lang)), Block("paragraph", text("notes", lang)),
        *_appendix(data),
    ]
