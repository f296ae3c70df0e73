"""The report as a sequence of blocks (headings, paragraphs, tables, figures), written out by
both the Word and the PDF writer, so the two say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from energy.report.data import ReportData, district_label
from energy.report.figures import all_figures
from energy.report.labels import (
    ASSUMPTION_COLUMNS,
    CAMPUS_COLUMNS,
    DISTRICT_COLUMNS,
    SUMMARY_ROWS,
    TYPE_COLUMNS,
    ReportColumn,
    cell,
    text,
)


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


def table(frame: pd.DataFrame, columns: tuple[ReportColumn, ...], lang: str) -> Block:
    """A table block of ``frame``'s declared columns, formatted."""
    rows = [[cell(record[c.name], c.fmt) for c in columns]
            for record in frame.to_dict("records")]
    return Block("table", header=[c.label(lang) for c in columns], rows=rows)


def summary_table(summary: dict, lang: str) -> Block:
    """The headline figures: label and value, one row each (first column = label)."""
    rows = [[zh if lang == "zh" else en, cell(summary[key], fmt)]
            for key, zh, en, fmt in SUMMARY_ROWS]
    return Block("table", header=[text("summary_table", lang), ""], rows=rows)


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
              Block("subtitle", _scope(data))]
    if data.is_demo:
        blocks.append(Block("note", text("demo", lang)))
    return blocks


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
        table(data.by_district, DISTRICT_COLUMNS, lang),
        Block("figure", text("fig_districts", lang), image=figures["fig_districts"]),
        Block("heading", text("h_types", lang)), table(data.by_type, TYPE_COLUMNS, lang),
        Block("heading", text("h_top", lang)), table(data.top_campuses, CAMPUS_COLUMNS, lang),
        Block("figure", text("fig_monthly", lang), image=figures["fig_monthly"]),
        Block("heading", text("h_assumptions", lang)),
        Block("paragraph", text("assumptions_text", lang, weather=data.weather_source)),
        table(data.assumptions, ASSUMPTION_COLUMNS, lang),
        Block("heading", text("h_notes", lang)), Block("paragraph", text("notes", lang)),
    ]
