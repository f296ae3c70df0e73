"""Figures of the subsidy rounds (plotly), built from package tables, for pages and notebooks."""

from __future__ import annotations

import pandas as pd

from energy.subsidy.verify import TYPE_NAMES_EN
from sheets.outputs import AXIS_NUMBER_FORMAT

_TEXT = {"claimed": ("申报合计", "Claimed"), "measured": ("实测合计", "Measured"),
         "axis": ("年电量（kWh/年）", "Annual energy (kWh/yr)"),
         "title": ("已验收项目：申报与实测首年电量（按类型）",
                   "Accepted projects: claimed and measured first year, by type"),
         "ratio": ("申报为实测的 {ratio:.2f} 倍（{n} 项）", "claims {ratio:.2f}× results ({n})")}


def _t(key: str, lang: str, **fields) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**fields)


def claims_figure(summary: pd.DataFrame, lang: str = "zh"):
    """Claimed against measured first-year energy by project type [kWh/yr], each type's
    median claim ÷ result above its bars.

    Parameters
    ----------
    summary
        :func:`energy.subsidy.outcomes.city_summary`.
    """
    import plotly.graph_objects as go

    names = [t if lang == "zh" else TYPE_NAMES_EN.get(t, t) for t in summary["project_type"]]
    notes = [_t("ratio", lang, ratio=r, n=int(n)) for r, n in
             zip(summary["median_claim_to_result"], summary["n_accepted"])]
    fig = go.Figure()
    fig.add_bar(name=_t("claimed", lang), x=names, y=summary["claimed_kwh"],
                marker_color="#c0504d")
    fig.add_bar(name=_t("measured", lang), x=names, y=summary["measured_kwh"],
                marker_color="#4f81bd", text=notes, textposition="outside")
    fig.update_layout(barmode="group", title=_t("title", lang), yaxis_title=_t("axis", lang),
                      yaxis_tickformat=AXIS_NUMBER_FORMAT,
                      legend={"orientation": "h", "y": -0.2}, margin={"t": 60, "b": 40})
    return fig
