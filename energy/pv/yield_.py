"""Hourly AC output of rooftop arrays: a pvlib chain equivalent to NREL PVWatts v8.

The chain, per hour of a weather year whose index marks the **middle** of each
hour (a one-hour slip shows as ±8–11 % east/west errors):

1. solar position (``nrel_numpy``, pressure from altitude, air temperature),
   relative airmass (Kasten–Young 1989) and extraterrestrial DNI (Spencer);
2. Perez (1990 all-sites composite) transposition with ground reflection;
3. physical incidence-angle modifier on the beam component;
4. cell temperature with ``pvlib.temperature.noct_sam`` (NOCT 45 °C, roof-mount or
   open-rack standoff);
5. ``pvlib.pvsystem.pvwatts_dc`` (γ −0.37 %/°C), flat system losses;
6. ``pvlib.inverter.pvwatts`` (DC/AC ratio and nominal efficiency).

This is what :func:`pvwatts_modelchain` (a plain ``pvlib.modelchain.ModelChain``)
computes; :func:`ac_power_per_kwp` evaluates it for many orientations at once by
broadcasting the hourly sky (rows) against the orientations (columns), on daylight
hours only, with cos(aoi) from one matrix product and the physical IAM read from a
fine table (annual energy equal to the ModelChain's within ~3e-10). Output per kWp is
exact for any capacity: PVWatts is linear in capacity at a fixed DC/AC ratio.

Against PySAM ``Pvwattsv8`` (fixed roof mount, standard module) on the Shanghai TMYx
EPW, read as PySAM reads it (EPW convention: irradiance centred half an hour after
the start of each hour, ``read_epw(centre_offset_min=30)``), annual energy agrees
within +0.1…+1.0 % for tilts 0–40° and azimuths 90–270° (tests/pv/test_pysam.py);
the remaining bias comes from PVWatts v8's cover loss on diffuse light and its
spectral modifier, which the pvlib chain leaves out. :func:`energy.pv.weather.read_epw`
by default measures that this file's irradiance is centred on the start of each
hour instead; with that reading east planes gain and west planes lose up to 5–7 %
against PySAM: a question of the data's time stamps, not of the model.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pvlib
from pvlib import atmosphere, iam, inverter, irradiance, pvsystem, solarposition, temperature

from energy.pv.parameters import PVAssumptions
from energy.pv.weather import CSWD_MONTHLY_GHI_KWH_M2, monthly_ghi_kwh_m2

WEATHER_COLUMNS = ("ghi", "dni", "dhi", "temp_air", "wind_speed")

# The CSWD low case applies to weather sites within this margin of Shanghai. [°]
_SHANGHAI_MARGIN_DEG = 0.5

# Orientations evaluated together; bounds the temporaries to about
# (daylight hours × chunk) doubles each.
_ORIENTATION_CHUNK = 48


def check_weather(weather: pd.DataFrame) -> None:
    """Raise ``ValueError`` unless ``weather`` is usable by the chain.

    Parameters
    ----------
    weather : DataFrame
        Columns ``ghi, dni, dhi`` [W/m²], ``temp_air`` [°C], ``wind_speed`` [m/s],
        with a timezone-aware DatetimeIndex at the middle of each interval.
    """
    missing = [c for c in WEATHER_COLUMNS if c not in weather]
    if missing:
        raise ValueError(f"weather lacks columns {missing}")
    if not isinstance(weather.index, pd.DatetimeIndex) or weather.index.tz is None:
        raise ValueError("weather needs a timezone-aware DatetimeIndex (mid-interval)")
    if len(weather) < 2:
        raise ValueError("weather needs at least two rows")


def interval_hours(index: pd.DatetimeIndex) -> float:
    """Length of one weather interval (median spacing of the index). [h]"""
    return float((index[1:] - index[:-1]).median() / pd.Timedelta(hours=1))


def solar_inputs(weather: pd.DataFrame, latitude: float, longitude: float,
                 altitude_m: float = 0.0) -> pd.DataFrame:
    """Sun position and sky inputs of the Perez model at one site.

    Parameters
    ----------
    weather : DataFrame
        Weather with ``temp_air`` [°C] and a tz-aware mid-interval index.
    latitude, longitude : float
        Site coordinates, WGS84. [°]
    altitude_m : float, default 0
        Site altitude, for the pressure used in refraction. [m]

    Returns
    -------
    DataFrame
        Columns ``apparent_zenith, azimuth`` [°], ``airmass_relative`` [-],
        ``dni_extra`` [W/m²], same index as ``weather``.
    """
    position = solarposition.get_solarposition(
        weather.index, latitude, longitude, altitude=altitude_m,
        pressure=atmosphere.alt2pres(altitude_m), temperature=weather["temp_air"],
        method="nrel_numpy")
    return pd.DataFrame({
        "apparent_zenith": position["apparent_zenith"],
        "azimuth": position["azimuth"],
        "airmass_relative": atmosphere.get_relative_airmass(
            position["apparent_zenith"], model="kastenyoung1989"),
        "dni_extra": irradiance.get_extra_radiation(weather.index),
    }, index=weather.index)


# The physical IAM as a function of cos(aoi), tabulated once (pvlib.iam.physical with its
# default glass: n 1.526, K 4 /m, L 2 mm) and interpolated linearly; at this step the
# table changes annual energy by less than 1e-9 relative.
_IAM_TABLE_POINTS = 20001


@functools.lru_cache(maxsize=1)
def _iam_table() -> tuple[np.ndarray, np.ndarray]:
    """Physical IAM at evenly spaced cos(aoi) in [0, 1], and its steps."""
    cos_aoi = np.linspace(0.0, 1.0, _IAM_TABLE_POINTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        modifier = np.nan_to_num(iam.physical(np.degrees(np.arccos(cos_aoi))))
    return modifier, np.append(np.diff(modifier), 0.0)


def _iam_of_cos(cos_aoi: np.ndarray) -> np.ndarray:
    """Physical IAM at cos(aoi) by linear interpolation in :func:`_iam_table` (0 behind)."""
    modifier, step = _iam_table()
    x = np.clip(cos_aoi, 0.0, 1.0) * (_IAM_TABLE_POINTS - 1)
    i = x.astype(np.intp)
    return modifier[i] + (x - i) * step[i]


def _plane_normals(tilt: np.ndarray, azimuth: np.ndarray) -> np.ndarray:
    """Unit normals (up, north, east components) of planes, shape (3, c)."""
    beta, gamma = np.radians(tilt), np.radians(azimuth)
    return np.stack([np.cos(beta), np.sin(beta) * np.cos(gamma),
                     np.sin(beta) * np.sin(gamma)])


def _sun_vectors(apparent_zenith: np.ndarray, azimuth: np.ndarray) -> np.ndarray:
    """Unit vectors towards the sun (up, north, east components), shape (m, 3)."""
    zen, az = np.radians(apparent_zenith), np.radians(azimuth)
    return np.column_stack([np.cos(zen), np.sin(zen) * np.cos(az), np.sin(zen) * np.sin(az)])


def _chain_per_kwp(sky: dict, tilt: np.ndarray, azimuth: np.ndarray,
                   a: PVAssumptions) -> np.ndarray:
    """AC power per kWp for sky rows (m, 1) × orientations (1, c). [kW/kWp]

    Same model as the ModelChain of :func:`pvwatts_modelchain`; cos(aoi) is the dot
    product of the sun and plane-normal unit vectors (one matrix product, equal to
    ``pvlib.irradiance.aoi_projection``) and the IAM is read from a table.
    """
    cos_aoi = np.clip(sky["sun"] @ _plane_normals(tilt[0], azimuth[0]), -1.0, 1.0)
    sky_diffuse = irradiance.get_sky_diffuse(
        tilt, azimuth, sky["apparent_zenith"], sky["azimuth"], sky["dni"], sky["ghi"],
        sky["dhi"], dni_extra=sky["dni_extra"], airmass=sky["airmass_relative"],
        model="perez")
    diffuse = sky_diffuse + irradiance.get_ground_diffuse(tilt, sky["ghi"], albedo=a.albedo)
    beam = np.maximum(sky["dni"] * cos_aoi, 0.0)
    effective = beam * _iam_of_cos(cos_aoi) + diffuse
    poa_global = beam + diffuse
    with np.errstate(divide="ignore", invalid="ignore"):
        # 0/0 where poa_global is 0 gives NaN, cleared below (no light, no output)
        temp_cell = temperature.noct_sam(
            poa_global, sky["temp_air"], sky["wind_speed"], a.module_noct_c,
            a.module_efficiency, effective_irradiance=effective,
            array_height=a.array_height_storeys, mount_standoff=a.mount_standoff_in)
        dc = pvsystem.pvwatts_dc(effective, temp_cell, 1.0, a.gamma_pdc_pct_per_c / 100.0)
        dc *= 1.0 - a.losses_pct / 100.0
        eta = a.inverter_efficiency_pct / 100.0
        ac = inverter.pvwatts(dc, 1.0 / (a.dc_ac_ratio * eta), eta_inv_nom=eta,
                              eta_inv_ref=a.inverter_reference_efficiency)
    ac[~(poa_global > 0) | np.isnan(ac)] = 0.0
    return ac


def daylight_rows(weather: pd.DataFrame) -> np.ndarray:
    """Positions of the rows with any irradiance (elsewhere the output is zero)."""
    irr = weather[["ghi", "dni", "dhi"]].to_numpy(float)
    return np.nonzero(np.nan_to_num(irr).max(axis=1) > 0)[0]


def ac_power_per_kwp_rows(weather: pd.DataFrame, solar: pd.DataFrame, surface_tilt,
                          surface_azimuth, rows: np.ndarray | None = None,
                          assumptions: PVAssumptions | None = None) -> np.ndarray:
    """AC power per kWp at selected rows (e.g. :func:`daylight_rows`) of the weather.

    Parameters
    ----------
    weather, solar : DataFrame
        See :func:`ac_power_per_kwp`.
    surface_tilt, surface_azimuth : array-like of float, length k
        Orientations (azimuth clockwise from north). [°]
    rows : ndarray of int or None
        Row positions to evaluate; all rows when None.
    assumptions : PVAssumptions, optional
        System parameters; defaults when omitted.

    Returns
    -------
    ndarray, shape (len(rows), k)
        AC power per kWp. [kW/kWp]
    """
    a = assumptions or PVAssumptions()
    tilt = np.atleast_1d(np.asarray(surface_tilt, float))
    az = np.atleast_1d(np.asarray(surface_azimuth, float))
    if tilt.shape != az.shape or tilt.ndim != 1:
        raise ValueError("surface_tilt and surface_azimuth must be 1-D of equal length")
    rows = np.arange(len(weather)) if rows is None else np.asarray(rows)
    sky = {name: weather[name].to_numpy(float)[rows, None] for name in WEATHER_COLUMNS}
    sky.update({name: solar[name].to_numpy(float)[rows, None]
                for name in ("apparent_zenith", "azimuth", "airmass_relative",
                             "dni_extra")})
    sky["sun"] = _sun_vectors(sky["apparent_zenith"][:, 0], sky["azimuth"][:, 0])
    out = np.empty((len(rows), tilt.size))
    for start in range(0, tilt.size, _ORIENTATION_CHUNK):
        cols = slice(start, start + _ORIENTATION_CHUNK)
        out[:, cols] = _chain_per_kwp(sky, tilt[None, cols], az[None, cols], a)
    return out


def ac_power_per_kwp(weather: pd.DataFrame, solar: pd.DataFrame, surface_tilt,
                     surface_azimuth, assumptions: PVAssumptions | None = None
                     ) -> np.ndarray:
    """AC power per kWp of DC capacity, hourly, for many orientations at one site.

    Parameters
    ----------
    weather : DataFrame
        See :func:`check_weather`.
    solar : DataFrame
        Output of :func:`solar_inputs` for the site.
    surface_tilt, surface_azimuth : array-like of float, length k
        Orientations (azimuth clockwise from north). [°]
    assumptions : PVAssumptions, optional
        System parameters; defaults when omitted.

    Returns
    -------
    ndarray, shape (len(weather), k)
        AC power per kWp, zero at night. [kW/kWp]
    """
    rows = daylight_rows(weather)
    values = ac_power_per_kwp_rows(weather, solar, surface_tilt, surface_azimuth, rows,
                                   assumptions)
    out = np.zeros((len(weather), values.shape[1]))
    out[rows] = values
    return out


def month_matrix(index: pd.DatetimeIndex) -> np.ndarray:
    """Indicator matrix (12, n) of the calendar month of each row (local time)."""
    months = np.asarray(index.month) - 1
    matrix = np.zeros((12, len(index)))
    matrix[months, np.arange(len(index))] = 1.0
    return matrix


def monthly_energy_per_kwp(ac_per_kwp: np.ndarray, index: pd.DatetimeIndex
                           ) -> np.ndarray:
    """Monthly AC energy per kWp from hourly power per kWp.

    Parameters
    ----------
    ac_per_kwp : ndarray, shape (n, k)
        Output of :func:`ac_power_per_kwp`. [kW/kWp]
    index : DatetimeIndex
        Weather index (its month labels and spacing are used).

    Returns
    -------
    ndarray, shape (12, k)
        Energy per kWp in each calendar month. [kWh/kWp]
    """
    return month_matrix(index) @ ac_per_kwp * interval_hours(index)


def low_case_factors(weather: pd.DataFrame) -> np.ndarray:
    """Monthly factors of the low case: CMA CSWD / source monthly GHI, at most 1.

    ERA5-based TMYx radiation runs high in cloudy East China (annual GHI 1,478 vs
    1,271 kWh/m² in the China Meteorological Administration's CSWD year for the
    same station): the low case rescales each month's output by the ratio of the
    CSWD monthly GHI (``energy.pv.weather.CSWD_MONTHLY_GHI_KWH_M2``) to the weather
    source's, never above 1 so that low ≤ central.

    Parameters
    ----------
    weather : DataFrame
        Weather year with ``ghi``. [W/m²]

    Returns
    -------
    ndarray, shape (12,)
        Factor per calendar month. [-]
    """
    source = monthly_ghi_kwh_m2(weather).reindex(range(1, 13)).to_numpy(float)
    cswd = CSWD_MONTHLY_GHI_KWH_M2.reindex(range(1, 13)).to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(source > 0, cswd / source, 1.0)
    return np.minimum(ratio, 1.0)


def cswd_applies(latitude: float, longitude: float) -> bool:
    """Whether a weather site is in or near Shanghai, where the CSWD low case applies.

    Parameters
    ----------
    latitude, longitude : float
        Weather site. [°]

    Returns
    -------
    bool
        True within ``_SHANGHAI_MARGIN_DEG`` of ``geo.shanghai.SHANGHAI_EXTENT``.
    """
    from geo.shanghai import SHANGHAI_EXTENT as e

    m = _SHANGHAI_MARGIN_DEG
    return bool(e.lat_min - m <= latitude <= e.lat_max + m
                and e.lon_min - m <= longitude <= e.lon_max + m)


def pvwatts_pvsystem(capacity_kwp: float, surface_tilt: float, surface_azimuth: float,
                     assumptions: PVAssumptions | None = None) -> pvlib.pvsystem.PVSystem:
    """A pvlib ``PVSystem`` with the PVWatts parameters of :class:`PVAssumptions`.

    Parameters
    ----------
    capacity_kwp : float
        DC capacity. [kWp]
    surface_tilt, surface_azimuth : float
        Orientation. [°]
    assumptions : PVAssumptions, optional
        System parameters.

    Returns
    -------
    pvlib.pvsystem.PVSystem
    """
    a = assumptions or PVAssumptions()
    pdc0_w = capacity_kwp * 1000.0
    eta = a.inverter_efficiency_pct / 100.0
    no_loss = {k: 0.0 for k in ("shading", "snow", "mismatch", "wiring", "connections",
                                "lid", "nameplate_rating", "age", "availability")}
    return pvlib.pvsystem.PVSystem(
        surface_tilt=surface_tilt, surface_azimuth=surface_azimuth, albedo=a.albedo,
        module_parameters={"pdc0": pdc0_w, "gamma_pdc": a.gamma_pdc_pct_per_c / 100.0},
        temperature_model_parameters={
            "noct": a.module_noct_c, "module_efficiency": a.module_efficiency,
            "array_height": a.array_height_storeys,
            "mount_standoff": a.mount_standoff_in},
        inverter_parameters={"pdc0": pdc0_w / (a.dc_ac_ratio * eta), "eta_inv_nom": eta,
                             "eta_inv_ref": a.inverter_reference_efficiency},
        losses_parameters={"soiling": a.losses_pct, **no_loss})


def pvwatts_modelchain(latitude: float, longitude: float, capacity_kwp: float,
                       surface_tilt: float, surface_azimuth: float,
                       altitude_m: float = 0.0,
                       assumptions: PVAssumptions | None = None
                       ) -> pvlib.modelchain.ModelChain:
    """A plain pvlib ``ModelChain`` for one building: the reference of the vectorised chain.

    Parameters
    ----------
    latitude, longitude : float
        Site. [°]
    capacity_kwp : float
        DC capacity. [kWp]
    surface_tilt, surface_azimuth : float
        Orientation. [°]
    altitude_m : float, default 0
        Site altitude. [m]
    assumptions : PVAssumptions, optional
        System parameters.

    Returns
    -------
    pvlib.modelchain.ModelChain
        Call ``run_model(weather)``; ``results.ac`` is in W (NaN at night).
    """
    system = pvwatts_pvsystem(capacity_kwp, surface_tilt, surface_azimuth, assumptions)
    # The solar position is computed at the instants of the (tz-aware) weather
    # index, so the location's own time zone plays no part.
    location = pvlib.location.Location(latitude, longitude, tz="UTC", altitude=altitude_m)
    return pvlib.modelchain.ModelChain(
        system, location, transposition_model="perez", solar_position_method="nrel_numpy",
        airmass_model="kastenyoung1989", aoi_model="physical", spectral_model="no_loss",
        temperature_model="noct_sam", dc_model="pvwatts", ac_model="pvwatts",
        losses_model="pvwatts")


def system_yield(weather: pd.DataFrame, latitude: float, longitude: float,
                 capacity_kwp: float, surface_tilt: float, surface_azimuth: float,
                 altitude_m: float = 0.0, assumptions: PVAssumptions | None = None,
                 low_case: bool = True) -> dict:
    """Annual and monthly AC energy of one array.

    Parameters
    ----------
    weather : DataFrame
        See :func:`check_weather`.
    latitude, longitude : float
        Site. [°]
    capacity_kwp : float
        DC capacity. [kWp]
    surface_tilt, surface_azimuth : float
        Orientation. [°]
    altitude_m : float, default 0
        Site altitude. [m]
    assumptions : PVAssumptions, optional
        System parameters.
    low_case : bool, default True
        Also compute the CSWD-rescaled low case (:func:`low_case_factors`).

    Returns
    -------
    dict
        ``annual_kwh``, ``specific_yield_kwh_per_kwp``, ``monthly_kwh`` (list of 12),
        ``annual_low_kwh`` (None without ``low_case``), ``hourly_kw`` (Series). [kWh]
    """
    check_weather(weather)
    solar = solar_inputs(weather, latitude, longitude, altitude_m)
    per_kwp = ac_power_per_kwp(weather, solar, [surface_tilt], [surface_azimuth],
                               assumptions)[:, 0]
    monthly = monthly_energy_per_kwp(per_kwp[:, None], weather.index)[:, 0] * capacity_kwp
    annual = float(monthly.sum())
    low = float(monthly @ low_case_factors(weather)) if low_case else None
    return {
        "annual_kwh": annual,
        "specific_yield_kwh_per_kwp": annual / capacity_kwp if capacity_kwp else float("nan"),
        "monthly_kwh": [float(v) for v in monthly],
        "annual_low_kwh": low,
        "hourly_kw": pd.Series(per_kwp * capacity_kwp, index=weather.index, name="ac_kw"),
    }
