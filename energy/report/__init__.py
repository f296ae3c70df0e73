"""The survey analysis report (调研分析报告) the committee sends to the Municipal Education
Commission, as Word (.docx) or PDF with embedded Chinese fonts, with the rooftop-PV rollout
plan (:mod:`energy.plan`) and the statement that its costs are the committee's assumptions.

:func:`build_report` is what the dashboard's button and ``python -m energy.report`` call.
Content comes from the project's API (:mod:`energy.report.data`), is laid out once as blocks
(:mod:`energy.report.document`) and written by :mod:`energy.report.word` or
:mod:`energy.report.pdf`; wording and the tables shown live in :mod:`energy.report.labels`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from energy.pv import PVAssumptions
from surveys.store import SurveyStore

FORMATS = ("docx", "pdf")

__all__ = ["FORMATS", "build_report", "write_report"]


def build_report(source: SurveyStore, fmt: str, *, districts: Sequence[str] = (),
                 lang: str = "zh", results: pd.DataFrame | None = None,
                 assumptions: PVAssumptions | None = None,
                 date: _dt.date | None = None, **plan_options) -> bytes:
    """The analysis report of a store, as file bytes.

    Parameters
    ----------
    source : SurveyStore
        An open store (the dashboard's, or :func:`energy.open_survey_db`).
    fmt : str
        ``"docx"`` or ``"pdf"``.
    districts : sequence of str
        Districts to cover (canonical names such as ``浦东新区``); empty for the whole city.
    lang : str
        ``"zh"`` (default) or ``"en"``.
    results, assumptions : optional
        A PV estimate already made and the assumptions behind it (the dashboard passes its
        own); by default :func:`energy.estimate_pv` with the default assumptions.
    date : datetime.date, optional
        Date printed on the report (default today).
    **plan_options
        The rollout plan section: ``plan`` (a :class:`energy.plan.PlanResult` already
        made), or ``plan_budget_cny_per_year`` [CNY] and ``plan_years`` for the one the
        report solves (default 2,000 万元 a year for 5 years); ``plan_sensitivity=True``
        adds capital cost and tariff ±20 % (see :func:`energy.report.data.gather`).

    Returns
    -------
    bytes
        The .docx or .pdf file.
    """
    from energy.report.data import gather
    from energy.report.document import blocks

    if fmt not in FORMATS:
        raise ValueError(f"格式应为 docx 或 pdf / format must be docx or pdf, not {fmt!r}")
    content = blocks(gather(source, districts=districts, lang=lang, results=results,
                            assumptions=assumptions, date=date, **plan_options))
    if fmt == "docx":
        from energy.report.word import write_docx

        return write_docx(content)
    from energy.report.pdf import write_pdf

    return write_pdf(content)


def write_report(path: str | Path, source: SurveyStore, **options) -> Path:
    """Write :func:`build_report` to ``path``; the format follows its suffix (.docx/.pdf)."""
    path = Path(path)
    path.write_bytes(build_report(source, path.suffix.lower().lstrip("."), **options))
    return path
