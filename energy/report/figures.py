"""The report's figures, drawn with matplotlib (Agg) in a CJK font and returned as PNG bytes."""

from __future__ import annotations

import io
from functools import cache

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402

from energy.report.fonts import cjk_font_path  # noqa: E402
from energy.report.labels import text  # noqa: E402
from geo.districts import boundaries  # noqa: E402

DPI = 150
WIDTH_IN = 6.3                      # printable width of an A4 page with 2.5 cm margins [in]


@cache
def _font_family() -> str:
    """Register the CJK font with matplotlib once; its family name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    names = [f.name for f in font_manager.fontManager.ttflist if f.fname == str(path)]
    return next((n for n in names if n.endswith(" SC")), names[0])


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


def _style() -> dict:
    return {"font.family": [_font_family()], "font.size": 9, "axes.unicode_minus": False}


def _polygon_path(geometry) -> MplPath:
    """A matplotlib path of a (Multi)Polygon with its holes, lon/lat [degrees]."""
    vertices, codes = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            vertices.append(xy)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2)
                         + [MplPath.CLOSEPOLY])
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def district_map(data) -> bytes:
    """Districts shaded by annual yield [MWh/yr], campuses as dots sized by capacity."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, WIDTH_IN * 0.8))
        values = dict(zip(data.by_district["district"], data.by_district["annual_yield_mwh"]))
        norm = Normalize(0, max(max(values.values(), default=0.0), 1.0))
        cmap = plt.get_cmap("Blues")
        for name, geometry in boundaries().items():
            shown = name in values
            face = cmap(norm(values[name])) if shown else "#eeeeee"
            ax.add_patch(PathPatch(_polygon_path(geometry), facecolor=face,
                                   edgecolor="#555555", linewidth=0.5, alpha=0.9))
            if shown:
                point = geometry.representative_point()
                ax.annotate(_district_name(name, data.lang), (point.x, point.y), ha="center",
                            fontsize=6.5, color="#222222")
        points = data.campus_points.dropna(subset=["latitude", "longitude"])
        ax.scatter(points["longitude"], points["latitude"], s=2 + points["capacity_kwp"] ** 0.5,
                   color="#e15759", alpha=0.7, linewidths=0)
        ax.set_aspect(1 / np.cos(np.radians(31.2)))
        ax.autoscale_view()
        ax.set_axis_off()
        bar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6)
        bar.set_label(text("axis_mwh", data.lang))
        return _png(fig)


def _district_name(name: str, lang: str) -> str:
    from energy.report.data import district_label

    return district_label(name, lang)


def district_bars(data) -> bytes:
    """Annual yield per district, central and low case [MWh/yr]."""
    table = data.by_district.sort_values("annual_yield_mwh", ascending=False)
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.8))
        x = np.arange(len(table))
        ax.bar(x - 0.2, table["annual_yield_mwh"], 0.4, color="#f28e2b",
               label=text("series_central", data.lang))
        ax.bar(x + 0.2, table["annual_yield_low_mwh"], 0.4, color="#bab0ac",
               label=text("series_low", data.lang))
        ax.set_xticks(x, table["district_label"], rotation=45, ha="right")
        ax.set_ylabel(text("axis_mwh", data.lang))
        ax.legend(frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        return _png(fig)


def type_bars(data) -> bytes:
    """Annual yield per school type, central and low case [MWh/yr]."""
    from energy.pv.outputs import COLUMNS

    table = data.by_type.sort_values("annual_yield_mwh", ascending=False)
    labels = [COLUMNS["school_type"].text(v, data.lang) for v in table["school_type"]]
    low = table["annual_yield_low_kwh"] / 1e3
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.4))
        x = np.arange(len(table))
        ax.bar(x - 0.2, table["annual_yield_mwh"], 0.4, color="#f28e2b",
               label=text("series_central", data.lang))
        ax.bar(x + 0.2, low, 0.4, color="#bab0ac", label=text("series_low", data.lang))
        ax.set_xticks(x, labels)
        ax.set_ylabel(text("axis_mwh", data.lang))
        ax.legend(frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        return _png(fig)


def _month_position(month: int, day: int) -> float:
    """A date on an axis whose month m is centred at m: 1 Jan at 0.5, 31 Jan near 1.5."""
    days = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return month - 0.5 + (day - 1) / days


def demand_profile(data) -> bytes:
    """Monthly PV of the campuses that reported their use (bars, central and low) against
    that use (line) [MWh], the school vacations shaded."""
    from energy.report.data import school_vacations

    monthly, lang = data.monthly_demand, data.lang
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.6))
        for key, (first, last) in school_vacations().items():
            ax.axvspan(_month_position(*first), _month_position(*last) + 1 / 31,
                       color="#d4e6f1", zorder=0, label=text(f"vacation_{key}", lang))
        ax.bar(monthly["month"] - 0.2, monthly["yield_kwh"] / 1e3, 0.4, color="#f28e2b",
               label=text("series_central", lang))
        ax.bar(monthly["month"] + 0.2, monthly["yield_low_kwh"] / 1e3, 0.4, color="#bab0ac",
               label=text("series_low", lang))
        ax.plot(monthly["month"], monthly["demand_kwh"] / 1e3, marker="o", color="#4e79a7",
                linewidth=2, label=text("series_demand", lang))
        ax.set_xticks(range(1, 13))
        ax.set_xlim(0.5, 12.5)
        ax.set_xlabel(text("axis_month", lang))
        ax.set_ylabel(text("axis_mwh", lang))
        ax.legend(frameon=False, fontsize=7, ncol=5, loc="upper center",
                  bbox_to_anchor=(0.5, 1.18))
        ax.spines[["top", "right"]].set_visible(False)
        return _png(fig)


def monthly_bars(data) -> bytes:
    """Monthly yield of the covered campuses, central and low case [MWh]."""
    monthly = data.monthly
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.4))
        if not monthly.empty:
            ax.bar(monthly["month"] - 0.2, monthly["yield_kwh"] / 1e3, 0.4, color="#f28e2b",
                   label=text("series_central", data.lang))
            ax.bar(monthly["month"] + 0.2, monthly["yield_low_kwh"] / 1e3, 0.4,
                   color="#bab0ac", label=text("series_low", data.lang))
            ax.legend(frameon=False)
        ax.set_xticks(range(1, 13))
        ax.set_xlabel(text("axis_month", data.lang))
        ax.set_ylabel(text("axis_mwh", data.lang))
        ax.spines[["top", "right"]].set_visible(False)
        return _png(fig)


def plan_capacity(data) -> bytes:
    """The rollout plan: capacity added per year (bars), cumulative capacity of the optimal
    plan and of the greedy order (lines) [MWp]."""
    phased, greedy = data.plan.phased(), data.plan.phased("greedy")
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.4))
        ax.bar(phased["year"], phased["capacity_kwp"] / 1e3, 0.6, color="#f28e2b",
               label=text("series_added", data.lang))
        ax.plot(phased["year"], phased["cumulative_kwp"] / 1e3, marker="o", color="#4e79a7",
                label=text("series_cumulative", data.lang))
        ax.plot(greedy["year"], greedy["cumulative_kwp"] / 1e3, marker="o", linestyle="--",
                color="#9c9c9c", label=text("series_greedy", data.lang))
        ax.set_xticks(phased["year"])
        ax.set_xlabel(text("axis_year", data.lang))
        ax.set_ylabel(text("axis_mwp", data.lang))
        ax.legend(frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        return _png(fig)


def all_figures(data) -> list[tuple[str, bytes]]:
    """``(caption key, PNG)`` of every figure, in report order (the plan's when there is
    one)."""
    figures = [("fig_map", district_map(data)), ("fig_districts", district_bars(data)),
               ("fig_types", type_bars(data)), ("fig_monthly", monthly_bars(data))]
    if data.monthly_demand is not None and not data.monthly_demand.empty:
        figures.append(("fig_demand", demand_profile(data)))
    if data.plan is not None:
        figures.append(("fig_plan", plan_capacity(data)))
    return figures
