"""Every default assumption of the rooftop PV estimate, named once with its source.

:class:`PVAssumptions` is a frozen dataclass: the dashboard shows it with
:func:`describe_assumptions` and changes it with :func:`dataclasses.replace`.
Each field carries its unit, bilingual label, source and whether it is an
*assumption* (no reliable published figure at hand: the committee should set it)
in the field metadata, so the table the dashboard shows cannot drift from the code.

Sources quoted below
--------------------
NEA 2021
    National Energy Administration, whole-county rooftop distributed PV pilot
    (国家能源局 整县（市、区）屋顶分布式光伏开发试点, 2021): usable roof share at least 50 %
    government, **40 % schools, hospitals and other public buildings**, 30 %
    industrial/commercial, 20 % rural homes.
Gagnon 2016
    P. Gagnon, R. Margolis, J. Melius, C. Phillips, R. Elmore, "Rooftop Solar
    Photovoltaic Technical Potential in the United States", NREL/TP-6A20-65298,
    2016: suitable roof gives ≥ 70 % of unshaded output, tilt ≤ 60°, not
    north-facing, ≥ 10 m².
PVWatts v8
    NREL SAM/SSC ``cmod_pvwattsv8`` (PySAM ``Pvwattsv8`` 7.1.1): standard module
    γ = −0.37 %/°C and 19 % efficiency, default losses 14.08 %, DC/AC ratio 1.2,
    inverter efficiency 96 %, nominal reference efficiency 0.9637, albedo 0.2,
    installed NOCT 45 °C (open rack) / 49 °C (roof mount).
MEE 2022
    Ministry of Ecology and Environment, 2022 grid emission factors (announcement
    2024 No. 33): national 0.5366, East China grid 0.5617, Shanghai 0.5849 tCO2/MWh.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

# Alternative grid emission factors offered next to the default (MEE 2022). [tCO2/MWh]
NATIONAL_GRID_FACTOR_T_PER_MWH = 0.5366
EAST_CHINA_GRID_FACTOR_T_PER_MWH = 0.5617

# Survey vocabularies (values of surveys.schema.ROOF_TYPES, SHADING, ROOF_CONDITIONS).
ROOF_FLAT_CONCRETE = "混凝土平屋面"
ROOF_STEEL_SHEET = "彩钢瓦"
ROOF_PITCHED = "坡屋面"
ROOF_OTHER = "其他"
SHADING_NONE, SHADING_SLIGHT, SHADING_SEVERE = "无", "轻微", "严重"
CONDITION_GOOD, CONDITION_FAIR, CONDITION_POOR = "良好", "一般", "差"

MOUNTINGS = ("roof", "open_rack")


def _p(default, unit, label_zh, label_en, source, *, assumption=False):
    """Declare one parameter with its unit, labels and source (field metadata)."""
    return field(default=default, metadata={
        "unit": unit, "label_zh": label_zh, "label_en": label_en,
        "source": source, "assumption": assumption,
    })


@dataclass(frozen=True)
class PVAssumptions:
    """Assumptions of the rooftop PV estimate; every default is declared here once.

    Fields are grouped as roof, yield, sites, demand and money/carbon. Fields whose
    metadata says ``assumption=True`` have no reliable published source at hand and
    are the committee's adjustable starting point.
    """

    # --- Usable roof ---------------------------------------------------------------
    usable_share_flat_concrete: float = _p(
        0.40, "", "平屋面可利用比例", "Usable share, flat concrete roof",
        "NEA 2021: ≥ 40 % for schools and other public buildings")
    usable_share_steel_sheet: float = _p(
        0.40, "", "彩钢瓦屋面可利用比例", "Usable share, steel-sheet roof",
        "NEA 2021: ≥ 40 % for schools and other public buildings")
    usable_share_pitched: float = _p(
        0.40, "", "坡屋面可利用比例", "Usable share, pitched roof",
        "NEA 2021: ≥ 40 % for schools and other public buildings")
    usable_share_other: float = _p(
        0.30, "", "其他屋面可利用比例", "Usable share, other roof types",
        "NEA 2021 industrial/commercial share (30 %) taken for roofs of unknown "
        "construction", assumption=True)
    shading_slight_factor: float = _p(
        0.80, "", "轻微遮挡面积系数", "Area factor, slight shading",
        "Committee default: shaded fifth of the roof left out", assumption=True)
    shading_severe_factor: float = _p(
        0.0, "", "严重遮挡面积系数（0=排除）", "Area factor, severe shading (0 = exclude)",
        "Gagnon 2016: a suitable roof keeps ≥ 70 % of unshaded output; severely shaded "
        "roofs fail it and are excluded")
    condition_fair_factor: float = _p(
        0.90, "", "屋面状况一般面积系数", "Area factor, fair roof condition",
        "Committee default: a tenth of a fair roof needs repair first", assumption=True)
    condition_poor_factor: float = _p(
        0.0, "", "屋面状况差面积系数（0=排除）", "Area factor, poor roof (0 = exclude)",
        "Committee default: roofs in poor condition are repaired before any PV",
        assumption=True)
    min_usable_area_m2: float = _p(
        10.0, "m²", "最小可利用面积", "Minimum usable area",
        "Gagnon 2016: ≥ 10 m² contiguous roof")
    max_tilt_deg: float = _p(
        60.0, "°", "最大屋面倾角", "Maximum roof tilt", "Gagnon 2016: tilt ≤ 60°")
    north_half_angle_deg: float = _p(
        45.0, "°", "朝北排除角（北向±）", "North-facing half angle (± from north)",
        "Gagnon 2016: north-facing roofs excluded (azimuth within ±45° of north)")
    north_min_tilt_deg: float = _p(
        10.0, "°", "朝北排除最小倾角", "North-facing exclusion applies above tilt",
        "Gagnon 2016: north-facing exclusion for tilts above 10°")

    # --- Array layout ----------------------------------------------------------------
    module_power_density_w_m2: float = _p(
        210.0, "W/m²", "组件功率密度", "Module power density",
        "Field notes: about 210 W per m² of module (NREL dGen uses 200 W/m² for 2025)")
    flat_roof_tilt_deg: float = _p(
        15.0, "°", "平屋面支架倾角", "Tilt of rows on flat roofs",
        "Compromise between yield per kWp (optimum 25–30° in Shanghai) and kWp per m² "
        "(ground coverage falls with tilt)", assumption=True)
    flat_roof_azimuth_deg: float = _p(
        180.0, "°", "平屋面支架朝向", "Azimuth of rows on flat roofs", "Due south")
    steel_roof_default_tilt_deg: float = _p(
        5.0, "°", "彩钢瓦缺省坡度", "Steel-sheet roof tilt when not surveyed",
        "Typical low-slope profiled steel roof", assumption=True)
    pitched_roof_default_tilt_deg: float = _p(
        25.0, "°", "坡屋面缺省坡度", "Pitched roof tilt when not surveyed",
        "Typical tiled pitched roof", assumption=True)
    default_azimuth_deg: float = _p(
        180.0, "°", "缺省朝向", "Azimuth when not surveyed",
        "Most favourable face (south) of a roof whose facing is unknown", assumption=True)

    # --- Yield (pvlib chain equivalent to PVWatts v8) --------------------------------
    losses_pct: float = _p(
        14.08, "%", "系统损失", "System losses", "PVWatts v8 default")
    dc_ac_ratio: float = _p(
        1.2, "", "容配比", "DC/AC ratio", "PVWatts v8 default")
    inverter_efficiency_pct: float = _p(
        96.0, "%", "逆变器效率", "Inverter efficiency", "PVWatts v8 default")
    inverter_reference_efficiency: float = _p(
        0.9637, "", "逆变器参考效率", "Inverter reference efficiency",
        "PVWatts v8 / pvlib inverter.pvwatts")
    gamma_pdc_pct_per_c: float = _p(
        -0.37, "%/°C", "功率温度系数", "Power temperature coefficient",
        "PVWatts v8 standard module")
    module_efficiency: float = _p(
        0.19, "", "组件效率", "Module efficiency", "PVWatts v8 standard module")
    module_noct_c: float = _p(
        45.0, "°C", "组件NOCT", "Module NOCT", "PVWatts v8 installed NOCT, open rack")
    mounting: str = _p(
        "roof", "", "安装方式", "Mounting (roof / open_rack)",
        "PVWatts v8 fixed roof mount for rooftop arrays")
    roof_mount_standoff_in: float = _p(
        1.0, "in", "屋面安装背部间隙", "Roof-mount standoff",
        "SAM NOCT model 0.5–1.5 in class (+11 °C); calibrated so that the pvlib chain, "
        "which lacks PVWatts v8's diffuse cover and spectral losses, reproduces PySAM "
        "Pvwattsv8 roof mount within +0.1…+1.0 % in Shanghai (tests/pv/test_pysam.py)")
    open_rack_standoff_in: float = _p(
        4.0, "in", "开放支架背部间隙", "Open-rack standoff",
        "SAM NOCT model: > 3.5 in, no NOCT adjustment (PVWatts v8 open rack)")
    array_height_storeys: int = _p(
        1, "", "阵列高度（层）", "Array height class (storeys, 1 or 2)",
        "pvlib temperature.noct_sam default; matches PVWatts v8 best")
    albedo: float = _p(
        0.2, "", "地面反照率", "Albedo", "PVWatts v8 default (PySAM reports 0.2 on the "
        "Shanghai TMYx file)")

    # --- Sites -------------------------------------------------------------------------
    site_cell_max_deg: float = _p(
        1.5, "°", "站点插值网格最大间距", "Largest cell of the site interpolation lattice",
        "Measured: bilinear interpolation over one cell spanning Shanghai errs ≤ 0.03 % "
        "in annual yield (tests/pv/test_portfolio.py asserts < 0.05 %)")

    # --- Demand ------------------------------------------------------------------------
    unknown_demand_self_consumption_share: float = _p(
        0.70, "", "未知用电量时的自用比例", "Self-consumption share when demand is unknown",
        "Committee default; the load-shape model gives medians of 0.68 (kindergartens) "
        "to 0.78 (primary/secondary schools) on the demo survey", assumption=True)

    # --- Money and carbon --------------------------------------------------------------
    grid_factor_t_per_mwh: float = _p(
        0.5849, "tCO2/MWh", "电网排放因子", "Grid emission factor",
        "MEE 2022, Shanghai (national 0.5366, East China 0.5617)")
    coal_kgce_per_kwh: float = _p(
        0.1229, "kgce/kWh", "电力折标煤系数", "Electricity to standard coal",
        "Equivalent-value conversion, GB/T 2589")
    tariff_cny_per_kwh: float = _p(
        0.65, "元/kWh", "自用电价", "Tariff for self-consumed power",
        "ASSUMPTION: no reliable source at hand (field notes)", assumption=True)
    feed_in_cny_per_kwh: float = _p(
        0.40, "元/kWh", "余电上网电价", "Feed-in price for exported power",
        "ASSUMPTION: no reliable source at hand (field notes)", assumption=True)
    capex_cny_per_w: float = _p(
        3.5, "元/W", "单位投资", "Capital cost",
        "ASSUMPTION: no reliable source at hand (field notes)", assumption=True)

    def __post_init__(self):
        shares = ("usable_share_flat_concrete", "usable_share_steel_sheet",
                  "usable_share_pitched", "usable_share_other", "shading_slight_factor",
                  "shading_severe_factor", "condition_fair_factor",
                  "condition_poor_factor", "unknown_demand_self_consumption_share")
        for name in shares:
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1], got {value}")
        positive = ("module_power_density_w_m2", "dc_ac_ratio", "inverter_efficiency_pct",
                    "module_efficiency", "site_cell_max_deg",
                    "inverter_reference_efficiency")
        for name in positive:
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if not 0.0 <= self.losses_pct < 100.0:
            raise ValueError(f"losses_pct must lie in [0, 100), got {self.losses_pct}")
        if self.inverter_efficiency_pct > 100.0:
            raise ValueError("inverter_efficiency_pct must be at most 100")
        if self.mounting not in MOUNTINGS:
            raise ValueError(f"mounting must be one of {MOUNTINGS}, got {self.mounting!r}")
        if self.array_height_storeys not in (1, 2):
            raise ValueError("array_height_storeys must be 1 or 2")
        for name in ("flat_roof_tilt_deg", "steel_roof_default_tilt_deg",
                     "pitched_roof_default_tilt_deg"):
            if not 0.0 <= getattr(self, name) < 90.0:
                raise ValueError(f"{name} must lie in [0, 90)")
        for name in ("tariff_cny_per_kwh", "feed_in_cny_per_kwh", "capex_cny_per_w",
                     "grid_factor_t_per_mwh", "coal_kgce_per_kwh", "min_usable_area_m2"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    # Lookups keyed by the survey's vocabularies ------------------------------------
    def usable_share(self) -> dict[str, float]:
        """Usable share of the roof plan area per survey roof type. [-]"""
        return {ROOF_FLAT_CONCRETE: self.usable_share_flat_concrete,
                ROOF_STEEL_SHEET: self.usable_share_steel_sheet,
                ROOF_PITCHED: self.usable_share_pitched,
                ROOF_OTHER: self.usable_share_other}

    def shading_factor(self) -> dict[str, float]:
        """Area factor per survey shading class (0 excludes the roof). [-]"""
        return {SHADING_NONE: 1.0, SHADING_SLIGHT: self.shading_slight_factor,
                SHADING_SEVERE: self.shading_severe_factor}

    def condition_factor(self) -> dict[str, float]:
        """Area factor per survey roof condition (0 excludes the roof). [-]"""
        return {CONDITION_GOOD: 1.0, CONDITION_FAIR: self.condition_fair_factor,
                CONDITION_POOR: self.condition_poor_factor}

    @property
    def mount_standoff_in(self) -> float:
        """Standoff passed to ``pvlib.temperature.noct_sam`` for the mounting. [in]"""
        if self.mounting == "roof":
            return self.roof_mount_standoff_in
        return self.open_rack_standoff_in


#: The defaults, as one immutable instance (use ``dataclasses.replace`` to change).
DEFAULT_ASSUMPTIONS = PVAssumptions()


def describe_assumptions(assumptions: PVAssumptions | None = None) -> pd.DataFrame:
    """Table of every parameter for display: name, value, unit, labels, source.

    Parameters
    ----------
    assumptions : PVAssumptions, optional
        Values to show; the defaults when omitted.

    Returns
    -------
    DataFrame
        Columns ``name, value, default, unit, label_zh, label_en, source,
        assumption`` (``assumption`` True where no reliable source is at hand).
    """
    assumptions = assumptions or PVAssumptions()
    rows = []
    for f in dataclasses.fields(PVAssumptions):
        meta = f.metadata
        rows.append({"name": f.name, "value": getattr(assumptions, f.name),
                     "default": f.default, "unit": meta["unit"],
                     "label_zh": meta["label_zh"], "label_en": meta["label_en"],
                     "source": meta["source"], "assumption": meta["assumption"]})
    return pd.DataFrame(rows)
