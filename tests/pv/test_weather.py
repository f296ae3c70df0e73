"""
Tests of energy.pv.weather: file readers, time alignment, built-in year.

Alignment is checked physically, not by trusting a convention: on clear days
the GHI-weighted centre of each day must fall on solar transit computed with
pvlib's SPA for the site, and irradiance must not appear while the sun is
well below the horizon nor vanish while it is well above.
"""
import functools
import io
import json
import socket
from pathlib import Path

import numpy as np
import pandas as pd
import pvlib
import pytest

from energy.pv import weather
from energy.pv.weather import (
    COLUMNS,
    CSWD_MONTHLY_GHI_KWH_M2,
    WeatherFileError,
    WeatherSource,
    builtin_shanghai,
    monthly_ghi_kwh_m2,
    read_epw,
    read_pvgis_tmy,
    read_tmy3,
    read_weather,
)

PVLIB_DATA = Path(pvlib.__file__).resolve().parent / "data"
GREENSBORO_TMY3 = PVLIB_DATA / "723170TYA.CSV"   # Greensboro NC, UTC-5
SAND_POINT_TMY3 = PVLIB_DATA / "703165TY.csv"    # Sand Point AK, UTC-9
REPO = Path(__file__).resolve().parents[2]

# annual GHI of the Shanghai TMYx EPW (shared/weather/README.md) [kWh/m²]
EPW_ANNUAL_GHI = 1477.7

ORIENTATIONS = {  # name: (tilt, azimuth) [degrees]
    "south": (25.0, 180.0),
    "east": (25.0, 90.0),
    "west": (25.0, 270.0),
    "flat": (0.0, 180.0),
    "facade": (90.0, 180.0),
}


# ------------------------------------------------------------------ helpers

def assert_contract(data):
    """The DataFrame layout every reader promises."""
    assert list(data.columns) == list(COLUMNS)
    assert len(data) == 8760
    assert all(dtype == np.float64 for dtype in data.dtypes)
    index = data.index
    assert isinstance(index, pd.DatetimeIndex)
    assert index.tz is not None
    assert index.is_monotonic_increasing and index.is_unique
    assert (index.minute == 30).all() and (index.second == 0).all()
    assert (index.year == weather.TYPICAL_YEAR).all()
    assert not ((index.month == 2) & (index.day == 29)).any()
    assert (np.diff(index.asi8) == np.diff(index.asi8)[0]).all()
    assert not data.isna().any().any()
    assert (data[["ghi", "dni", "dhi", "wind_speed"]] >= 0).all().all()
    assert data["ghi"].max() < 1400


def utc_offset_hours(index):
    return index[0].utcoffset().total_seconds() / 3600


def solar_noon_offset_minutes(data, latitude, longitude, min_kt=0.6):
    """Mean over clear days of (GHI-weighted centre of the day − solar
    transit) [minutes]. Clear day: daily GHI ≥ min_kt × extraterrestrial."""
    index = data.index
    days = index.normalize()
    sun = pvlib.solarposition.get_solarposition(index, latitude, longitude)
    extra = (pvlib.irradiance.get_extra_radiation(index)
             * np.clip(np.cos(np.radians(sun["zenith"])), 0, None))
    ghi = data["ghi"]
    kt = ghi.groupby(days).sum() / extra.groupby(days).sum()
    hour = pd.Series((index - days).total_seconds() / 3600.0, index=index)
    centre = (ghi * hour).groupby(days).sum() / ghi.groupby(days).sum()
    unique_days = pd.DatetimeIndex(kt.index)
    transit = pvlib.solarposition.sun_rise_set_transit_spa(
        unique_days, latitude, longitude)["transit"]
    transit_h = np.array([(t - t.normalize()).total_seconds() / 3600
                          for t in transit])
    clear = (kt > min_kt).to_numpy()
    assert clear.sum() >= 20, "too few clear days to judge alignment"
    return float(np.mean((centre.to_numpy() - transit_h)[clear]) * 60)


def sun_consistency(data, latitude, longitude):
    """(share of annual GHI in hours whose mid-point has the sun below the
    horizon, share of hours with the sun above 10° but GHI = 0, lowest sun
    elevation of an hour with GHI > 1 W/m² [degrees])."""
    sun = pvlib.solarposition.get_solarposition(data.index, latitude, longitude)
    elevation = sun["apparent_elevation"].to_numpy()
    ghi = data["ghi"].to_numpy()
    below = ghi[elevation < 0].sum() / ghi.sum()
    dark = float(np.mean(ghi[elevation > 10] <= 0))
    lowest = float(elevation[ghi > 1].min())
    return below, dark, lowest


def clear_sky_hours(latitude, longitude, utc_offset_h, centre_offset_min,
                    altitude=0.0):
    """Hourly means of Ineichen clear-sky irradiance, one row per hour
    labelled at its start (hh:00 local standard time, 2023), each value the
    mean over the hour centred ``centre_offset_min`` after the label."""
    tz = f"Etc/GMT{-int(utc_offset_h):+d}"
    labels = pd.date_range("2023-01-01", periods=8760, freq="h", tz=tz)
    minutes = centre_offset_min - 30 + 2.5 + 5.0 * np.arange(12)
    sub = (labels.tz_convert(None).to_numpy()[:, None]
           + (minutes * 60).astype("timedelta64[s]")).ravel()
    sub = pd.DatetimeIndex(sub).tz_localize("UTC")
    location = pvlib.location.Location(latitude, longitude, tz=int(utc_offset_h),
                                       altitude=altitude)
    clear = location.get_clearsky(sub)
    hourly = {c: clear[c].to_numpy().reshape(8760, 12).mean(axis=1)
              for c in ("ghi", "dni", "dhi")}
    frame = pd.DataFrame(hourly, index=labels)
    frame["temp_air"] = 15.0 + 5 * np.sin(2 * np.pi * (labels.hour - 9) / 24)
    frame["wind_speed"] = 2.0
    return frame


def epw_text(rows, latitude, longitude, utc_offset_h, city="Testville",
             data_type="SRC-TEST", comments="synthetic test file"):
    """EPW text for 8760 rows in file order; ``rows`` has month, day,
    hour (1–24) and the five weather columns."""
    header = [
        f"LOCATION,{city},XX,XXX,{data_type},999990,{latitude:.4f},"
        f"{longitude:.4f},{utc_offset_h:.1f},10.0",
        "DESIGN CONDITIONS,0",
        "TYPICAL/EXTREME PERIODS,0",
        "GROUND TEMPERATURES,0",
        "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
        f"COMMENTS 1,{comments}",
        "COMMENTS 2,written by tests/pv/test_weather.py",
        "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31",
    ]
    lines = []
    for r in rows.itertuples(index=False):
        fields = [2023, r.month, r.day, r.hour, 0, "?9?9?9?9E0?9?9?9*9*9",
                  f"{r.temp_air:.1f}", "5.0", "60", "101325", "0", "0", "300",
                  f"{r.ghi:.0f}", f"{r.dni:.0f}", f"{r.dhi:.0f}", "0", "0", "0",
                  "0", "180", f"{r.wind_speed:.1f}", "5", "5", "20.0", "77777",
                  "9", "999999999", "10", "0.1", "0", "88", "0.2", "0", "0"]
        lines.append(",".join(str(f) for f in fields))
    return "\n".join(header + lines) + "\n"


def pvgis_csv(frame_utc, latitude, longitude, elevation, time_offset_h):
    """PVGIS TMY CSV text from a frame with a UTC index (labels hh:00)."""
    lines = [f"Latitude (decimal degrees): {latitude:.3f}",
             f"Longitude (decimal degrees): {longitude:.3f}",
             f"Elevation (m): {elevation:.1f}"]
    if time_offset_h is not None:
        lines.append(f"Irradiance Time Offset (h): {time_offset_h:.4f}")
    lines.append("month,year")
    lines += [f"{m},2019" for m in range(1, 13)]
    lines.append("time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP")
    for t, r in zip(frame_utc.index, frame_utc.itertuples(index=False)):
        lines.append(f"{t:%Y%m%d:%H%M},{r.temp_air:.2f},70.0,{r.ghi:.2f},"
                     f"{r.dni:.2f},{r.dhi:.2f},300.0,{r.wind_speed:.2f},"
                     "180.0,101000.0")
    lines += ["T2m: 2-m air temperature (degree Celsius)",
              "G(h): Global irradiance on the horizontal plane (W/m2)",
              "PVGIS (c) European Union, 2001-2024"]
    return "\r\n".join(lines) + "\r\n"


def pvwatts_like_yield(data, latitude, longitude, altitude, tilt, azimuth):
    """Annual AC energy per kW DC [kWh/kWp] with a PVWatts-like chain:
    Perez transposition, physical IAM, NOCT (SAM) cell temperature,
    PVWatts DC with γ = −0.37 %/°C, 14.08 % losses, DC/AC 1.2, 96 %
    inverter."""
    sun = pvlib.solarposition.get_solarposition(data.index, latitude, longitude,
                                                altitude=altitude)
    dni_extra = pvlib.irradiance.get_extra_radiation(data.index)
    airmass = pvlib.atmosphere.get_relative_airmass(sun["apparent_zenith"])
    poa = pvlib.irradiance.get_total_irradiance(
        tilt, azimuth, sun["apparent_zenith"], sun["azimuth"],
        data["dni"], data["ghi"], data["dhi"], dni_extra=dni_extra,
        airmass=airmass, albedo=0.2, model="perez")
    aoi = pvlib.irradiance.aoi(tilt, azimuth, sun["apparent_zenith"],
                               sun["azimuth"])
    effective = (poa["poa_direct"] * pvlib.iam.physical(aoi)
                 + poa["poa_diffuse"]).fillna(0).clip(lower=0)
    cell = pvlib.temperature.noct_sam(
        poa["poa_global"].fillna(0), data["temp_air"], data["wind_speed"],
        noct=49.0, module_efficiency=0.19, effective_irradiance=effective,
        mount_standoff=1.5)
    dc = pvlib.pvsystem.pvwatts_dc(effective, cell, 1000.0, -0.0037)
    dc = dc * (1 - 0.1408)
    ac = pvlib.inverter.pvwatts(dc, 1000.0 / 1.2 / 0.96, eta_inv_nom=0.96)
    return float(ac.clip(lower=0).sum()) / 1000.0


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def shanghai(shanghai_epw):
    return read_epw(shanghai_epw)


# ------------------------------------------------------------- TMY3 reader

@pytest.mark.parametrize("path", [GREENSBORO_TMY3, SAND_POINT_TMY3],
                         ids=["greensboro", "sand_point"])
def test_tmy3_alignment_is_physical(path):
    data, source = read_tmy3(path)
    assert_contract(data)
    offset = solar_noon_offset_minutes(data, source.latitude, source.longitude)
    assert abs(offset) < 10, offset
    below, dark, lowest = sun_consistency(data, source.latitude, source.longitude)
    assert below < 0.0015 and dark < 0.001
    # an hour whose irradiance includes sunrise or sunset has its middle at
    # most half an hour (< 8° of elevation) away from the sun being up
    assert lowest > -8.0
    # the same checks see a 30-minute slip either way
    for slip in (-30, 30):
        slipped = data.copy()
        slipped.index = slipped.index + pd.Timedelta(minutes=slip)
        moved = solar_noon_offset_minutes(slipped, source.latitude,
                                          source.longitude)
        assert abs(moved) > 20
        assert sun_consistency(slipped, source.latitude,
                               source.longitude)[2] < lowest


def test_tmy3_values_and_source():
    data, source = read_tmy3(GREENSBORO_TMY3)
    raw, meta = pvlib.iotools.read_tmy3(GREENSBORO_TMY3, map_variables=True)
    assert data["ghi"].sum() == pytest.approx(raw["ghi"].sum())
    june15 = raw[raw["Date (MM/DD/YYYY)"].str.startswith("06/15/")]
    at = june15.set_index(june15["Time (HH:MM)"])
    mid = data.loc[pd.Timestamp("2023-06-15 12:30", tz=data.index.tz)]
    # irradiance of the hour ending 13:00 is centred on 12:30 (relabelled) ...
    for col in ("ghi", "dni", "dhi"):
        assert mid[col] == at.loc["13:00", col]
    # ... temperature and wind are instants at the labels 12:00 and 13:00
    for col in ("temp_air", "wind_speed"):
        assert mid[col] == pytest.approx(
            (at.loc["12:00", col] + at.loc["13:00", col]) / 2)
    assert source.kind == "tmy3"
    assert source.utc_offset_h == -5.0 == utc_offset_hours(data.index)
    assert source.latitude == pytest.approx(36.1)
    assert "TMY3" in source.name and source.attribution


# -------------------------------------------------------------- EPW reader

def tmy3_as_epw_rows(path):
    """The TMY3 file rewritten as a standard EPW (hour-ending labels)."""
    raw, meta = pvlib.iotools.read_tmy3(path, map_variables=True)
    dates = raw["Date (MM/DD/YYYY)"].str.split("/", expand=True).astype(int)
    rows = pd.DataFrame({
        "month": dates[0].to_numpy(), "day": dates[1].to_numpy(),
        "hour": raw["Time (HH:MM)"].str[:2].astype(int).to_numpy()})
    for col in COLUMNS:
        rows[col] = raw[col].to_numpy(float)
    return rows, meta


def test_epw_with_standard_timing_matches_tmy3():
    rows, meta = tmy3_as_epw_rows(GREENSBORO_TMY3)
    text = epw_text(rows, meta["latitude"], meta["longitude"], meta["TZ"])
    data, source = read_epw(io.StringIO(text))
    assert_contract(data)
    assert "+30 min" in source.timing  # detected from the data
    expected, _ = read_tmy3(GREENSBORO_TMY3)
    # irradiance is written as integers and temperature/wind with one
    # decimal, exactly as in the TMY3 file: the two readers agree exactly
    pd.testing.assert_frame_equal(data, expected, check_exact=False, atol=1e-9)
    offset = solar_noon_offset_minutes(data, source.latitude, source.longitude)
    assert abs(offset) < 10


@pytest.mark.parametrize("centre_min", [0, 30])
def test_epw_alignment_detected_on_clear_sky(centre_min):
    lat, lon, tz = 31.39, 121.44, 8
    hours = clear_sky_hours(lat, lon, tz, centre_min)
    rows = pd.DataFrame({"month": hours.index.month, "day": hours.index.day,
                         "hour": hours.index.hour + 1})
    for col in COLUMNS:
        rows[col] = hours[col].to_numpy()
    data, source = read_epw(io.StringIO(epw_text(rows, lat, lon, tz)))
    assert_contract(data)
    assert f"{centre_min:+d} min" in source.timing
    assert abs(solar_noon_offset_minutes(data, lat, lon)) < 3
    assert data["ghi"].sum() == pytest.approx(rows["ghi"].round(0).sum())
    # forcing the other convention visibly breaks the symmetry
    other, _ = read_epw(io.StringIO(epw_text(rows, lat, lon, tz)),
                        centre_offset_min=30 - centre_min)
    assert abs(solar_noon_offset_minutes(other, lat, lon)) > 20


def test_shanghai_epw_raw_timing(shanghai_epw):
    """The finding behind read_epw's detection: in this TMYx file the
    irradiance is centred on pvlib's index (start of the EPW hour), not 30
    minutes later as the EPW format implies."""
    raw, meta = pvlib.iotools.read_epw(shanghai_epw, coerce_year=2023)
    lat, lon = meta["latitude"], meta["longitude"]
    at_label = raw[["ghi"]].astype(float)
    assert abs(solar_noon_offset_minutes(at_label, lat, lon)) < 10
    format_says = at_label.copy()
    format_says.index = format_says.index + pd.Timedelta(minutes=30)
    assert solar_noon_offset_minutes(format_says, lat, lon) > 20
    # the components close ghi = dni·cos(z) + dhi best with the sun at the label
    residual = {}
    for minutes in (0, 30):
        sun = pvlib.solarposition.get_solarposition(
            raw.index + pd.Timedelta(minutes=minutes), lat, lon)
        cos_z = np.cos(np.radians(sun["zenith"].to_numpy()))
        day = raw["ghi"].to_numpy() > 50
        residual[minutes] = np.abs(
            raw["ghi"] - raw["dni"] * cos_z - raw["dhi"]).to_numpy()[day].mean()
    assert residual[0] < 0.5 * residual[30]


def test_shanghai_epw_alignment_is_physical(shanghai):
    data, source = shanghai
    assert_contract(data)
    offset = solar_noon_offset_minutes(data, source.latitude, source.longitude)
    assert abs(offset) < 10, offset
    below, dark, _ = sun_consistency(data, source.latitude, source.longitude)
    assert below < 0.005 and dark < 0.001
    assert "+0 min" in source.timing


def test_shanghai_epw_facts(shanghai):
    data, source = shanghai
    # shared/weather/README.md: GHI 1,477.7, DNI 1,372.7, DHI 585.1 kWh/m²;
    # mean air temperature 17.8 °C
    assert data["ghi"].sum() / 1000 == pytest.approx(1477.7, abs=0.1)
    assert data["dni"].sum() / 1000 == pytest.approx(1372.7, abs=0.1)
    assert data["dhi"].sum() / 1000 == pytest.approx(585.1, abs=0.1)
    assert data["temp_air"].mean() == pytest.approx(17.8, abs=0.05)
    assert source.kind == "epw"
    assert source.name == "Shanghai-Baoshan TMYx 2011–2025 (EPW)"
    assert source.attribution == weather.SHANGHAI_TMYX_ATTRIBUTION
    assert (source.latitude, source.longitude) == (31.3908, 121.4447)
    assert source.utc_offset_h == 8.0 == utc_offset_hours(data.index)
    assert source.altitude_m == 4.0
    label = source.label()
    assert "\n" not in label and "onebuilding" in label and "UTC+8" in label


def test_epw_with_leap_day_drops_29_february():
    lat, lon, tz = 31.39, 121.44, 8
    hours = clear_sky_hours(lat, lon, tz, 30)
    rows = pd.DataFrame({"month": hours.index.month, "day": hours.index.day,
                         "hour": hours.index.hour + 1})
    for col in COLUMNS:
        rows[col] = hours[col].to_numpy()
    feb28 = rows[(rows.month == 2) & (rows.day == 28)].copy()
    feb29 = feb28.assign(day=29, ghi=5000.0)  # must not survive
    at = rows.index[(rows.month == 3) & (rows.day == 1)][0]
    leap = pd.concat([rows.iloc[:at], feb29, rows.iloc[at:]], ignore_index=True)
    text = epw_text(leap, lat, lon, tz).replace("2023,", "2024,")
    data, _ = read_epw(io.StringIO(text))
    assert_contract(data)
    assert data["ghi"].max() < 1200


# ------------------------------------------------------------ PVGIS reader

def test_pvgis_alignment_is_physical():
    """PVGIS labels are UTC and irradiance belongs to label + the stated
    time offset (checked against pvlib's PVGIS sample for 45°N 8°E, whose
    clear January days are fitted best about 10 minutes after the label)."""
    lat, lon, offset_h = 31.39, 121.44, 0.1761
    local = clear_sky_hours(lat, lon, 0, 60 * offset_h)  # UTC labels
    text = pvgis_csv(local.tz_convert("UTC"), lat, lon, 4.0, offset_h)
    data, source = read_pvgis_tmy(io.BytesIO(text.encode()), utc_offset_h=8)
    assert_contract(data)
    assert utc_offset_hours(data.index) == 8.0 == source.utc_offset_h
    assert abs(solar_noon_offset_minutes(data, lat, lon)) < 3
    below, dark, lowest = sun_consistency(data, lat, lon)
    # interpolation from hh:10.6 onto hh:30 widens the support of a value to
    # about ±50 min, so a value may reach 13° of elevation below the horizon
    assert below < 0.005 and dark == 0 and lowest > -14
    assert data["ghi"].sum() == pytest.approx(local["ghi"].round(2).sum())
    # without the offset line the same numbers sit ~10.6 min too late
    plain, _ = read_pvgis_tmy(
        io.BytesIO(pvgis_csv(local.tz_convert("UTC"), lat, lon, 4.0, None).encode()),
        utc_offset_h=8)
    shift = (solar_noon_offset_minutes(data, lat, lon)
             - solar_noon_offset_minutes(plain, lat, lon))
    assert shift == pytest.approx(60 * offset_h, abs=2)
    assert source.kind == "pvgis" and "PVGIS" in source.attribution


def test_pvgis_default_index_is_utc():
    lat, lon = 45.0, 8.0
    hours = clear_sky_hours(lat, lon, 0, 0)
    data, source = read_pvgis_tmy(
        io.BytesIO(pvgis_csv(hours, lat, lon, 250.0, 0.0).encode()))
    assert_contract(data)
    assert utc_offset_hours(data.index) == 0.0 == source.utc_offset_h
    assert (source.latitude, source.longitude, source.altitude_m) == (45, 8, 250)
    assert abs(solar_noon_offset_minutes(data, lat, lon)) < 3


def test_pvgis_round_trip_of_shanghai_year(shanghai, tmp_path):
    data, source = shanghai
    labels = (data.index - pd.Timedelta(minutes=30)).tz_convert("UTC")
    frame = data.set_axis(labels)
    path = tmp_path / "tmy_31.391_121.445.csv"
    path.write_text(pvgis_csv(frame, source.latitude, source.longitude, 4.0, 0.5))
    back, _ = read_pvgis_tmy(path, utc_offset_h=8)
    # irradiance centred on the label + 0.5 h comes back unchanged ...
    irradiance = ["ghi", "dni", "dhi"]
    pd.testing.assert_frame_equal(back[irradiance], data[irradiance],
                                  check_exact=False, atol=0.006,
                                  check_names=False)
    # ... temperature and wind are read as instants at the labels
    assert back["temp_air"].mean() == pytest.approx(data["temp_air"].mean(),
                                                    abs=0.01)
    assert (back.index == data.index).all()


def test_pvgis_json():
    lat, lon = 45.0, 8.0
    hours = clear_sky_hours(lat, lon, 0, 0)
    rows = [{"time(UTC)": f"{t:%Y%m%d:%H%M}", "T2m": r.temp_air, "RH": 70.0,
             "G(h)": r.ghi, "Gb(n)": r.dni, "Gd(h)": r.dhi, "IR(h)": 300.0,
             "WS10m": r.wind_speed, "WD10m": 180.0, "SP": 101000.0}
            for t, r in zip(hours.index, hours.itertuples(index=False))]
    doc = {"inputs": {"location": {"latitude": lat, "longitude": lon,
                                   "elevation": 4.0},
                      "meteo_data": {"radiation_db": "PVGIS-ERA5"}},
           "outputs": {"months_selected": [{"month": m, "year": 2016}
                                           for m in range(1, 13)],
                       "tmy_hourly": rows},
           "meta": {"inputs": {}, "outputs": {}}}
    data, source = read_weather(json.dumps(doc).encode(), filename="tmy.json")
    assert_contract(data)
    assert source.kind == "pvgis"
    assert utc_offset_hours(data.index) == 0.0
    # no offset stated: irradiance belongs to the label itself
    assert abs(solar_noon_offset_minutes(data, lat, lon)) < 3


# ------------------------------------------------------------ read_weather

def test_read_weather_sniffs_each_format(tmp_path):
    lat, lon = 31.39, 121.44
    path = tmp_path / "pvgis.csv"
    path.write_text(pvgis_csv(clear_sky_hours(lat, lon, 0, 10.6), lat, lon, 4.0,
                              0.1761), encoding="utf-8")
    hours = clear_sky_hours(lat, lon, 8, 30)
    rows = pd.DataFrame({"month": hours.index.month, "day": hours.index.day,
                         "hour": hours.index.hour + 1})
    for col in COLUMNS:
        rows[col] = hours[col].to_numpy()
    epw = epw_text(rows, lat, lon, 8)
    cases = {
        "tmy3 path": (GREENSBORO_TMY3, "tmy3"),
        "tmy3 bytes": (GREENSBORO_TMY3.read_bytes(), "tmy3"),
        "tmy3 file object": (io.BytesIO(GREENSBORO_TMY3.read_bytes()), "tmy3"),
        "pvgis path": (path, "pvgis"),
        "pvgis str path": (str(path), "pvgis"),
        "epw bytes": (epw.encode("utf-8"), "epw"),
        "epw bytes with BOM": (b"\xef\xbb\xbf" + epw.encode("utf-8"), "epw"),
        "epw text buffer": (io.StringIO(epw), "epw"),
    }
    for case, (content, kind) in cases.items():
        data, source = read_weather(content, filename="upload")
        assert source.kind == kind, case
        assert_contract(data)


def test_read_weather_on_shanghai_epw(shanghai_epw, shanghai):
    with open(shanghai_epw, "rb") as handle:
        data, source = read_weather(handle)
    assert source.kind == "epw"
    pd.testing.assert_frame_equal(data, shanghai[0])
    data, _ = read_weather(shanghai_epw.read_bytes(), filename=shanghai_epw.name)
    pd.testing.assert_frame_equal(data, shanghai[0])


@functools.lru_cache(maxsize=1)
def bad_inputs():
    lat, lon = 31.39, 121.44
    hours = clear_sky_hours(lat, lon, 8, 30)
    rows = pd.DataFrame({"month": hours.index.month, "day": hours.index.day,
                         "hour": hours.index.hour + 1})
    for col in COLUMNS:
        rows[col] = hours[col].to_numpy()
    good_epw = epw_text(rows, lat, lon, 8)
    lines = good_epw.splitlines()
    garbled = "\n".join(lines[:8] + [line.replace(",", ";", 20)
                                     for line in lines[8:]])
    missing_rows = lines[:8] + [
        ",".join(f if i != 13 else "9999" for i, f in enumerate(line.split(",")))
        for line in lines[8:]]
    return {
        "empty": (b"", "空"),
        "blank": (b"  \n\n", "空"),
        "unknown": (b"a,b,c\n1,2,3\n", "无法识别"),
        "binary": (bytes(range(256)) * 10, "无法识别"),
        "truncated_epw": ("\n".join(lines[:208]).encode(), "8760"),
        "garbled_epw": (garbled.encode(), "EPW"),
        "all_missing_ghi": ("\n".join(missing_rows).encode(), "缺测"),
        "truncated_tmy3": (b"\n".join(GREENSBORO_TMY3.read_bytes()
                                      .splitlines()[:50]), "8760"),
        "truncated_pvgis": ("\r\n".join(pvgis_csv(hours.tz_convert("UTC"), lat,
                                                  lon, 4.0, 0.17)
                                        .split("\r\n")[:400]).encode(), "缺测"),
    }


BAD_CASES = ["empty", "blank", "unknown", "binary", "truncated_epw", "garbled_epw",
             "all_missing_ghi", "truncated_tmy3", "truncated_pvgis"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_files_raise_bilingual_error(case):
    assert set(BAD_CASES) == set(bad_inputs())
    content, expected = bad_inputs()[case]
    with pytest.raises(WeatherFileError) as info:
        read_weather(content, filename=f"{case}.dat")
    error = info.value
    assert error.message_zh and error.message_en
    assert str(error) == f"{error.message_zh} / {error.message_en}"
    assert expected in str(error)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message_zh)
    assert error.message_en.isascii() or "°" in error.message_en
    assert isinstance(error, ValueError)


def test_missing_path_and_urls_are_not_fetched(no_network, tmp_path):
    for target in (tmp_path / "nope.epw", "http://example.invalid/x.epw"):
        with pytest.raises(WeatherFileError):
            read_weather(target)
        with pytest.raises(WeatherFileError):
            read_epw(target)


# ------------------------------------------------------------- built-in

def test_builtin_contract_cache_and_source(no_network):
    weather._builtin_shanghai_cached.cache_clear()
    data, source = builtin_shanghai()
    assert_contract(data)
    assert utc_offset_hours(data.index) == 8.0
    assert isinstance(source, WeatherSource)
    assert source.kind == "builtin"
    assert "内置上海典型年" in source.name and "TMYx 2011–2025" in source.name
    assert source.attribution.startswith(weather.SHANGHAI_TMYX_ATTRIBUTION)
    assert "Copernicus" in source.label() and "onebuilding" in source.label()
    assert (source.latitude, source.longitude) == (31.3908, 121.4447)
    with pytest.raises(AttributeError):
        source.name = "changed"  # frozen
    # cached, but callers get their own copy
    made = weather._builtin_shanghai_cached.cache_info()
    again, source_again = builtin_shanghai()
    assert weather._builtin_shanghai_cached.cache_info().hits == made.hits + 1
    assert source_again == source
    again["ghi"] *= 0
    pd.testing.assert_frame_equal(builtin_shanghai()[0], data)


def test_builtin_alignment_is_physical():
    data, source = builtin_shanghai()
    offset = solar_noon_offset_minutes(data, source.latitude, source.longitude)
    assert abs(offset) < 10
    below, dark, lowest = sun_consistency(data, source.latitude, source.longitude)
    # like the EPW it reproduces (whose hours are interpolated onto hh:30)
    assert below < 0.005 and dark == 0 and lowest > -16


def test_builtin_matches_committed_table():
    data, _ = builtin_shanghai()
    stats = weather.load_builtin_stats()
    monthly = monthly_ghi_kwh_m2(data)
    table = pd.Series(stats["monthly_ghi_kwh_m2"], index=range(1, 13))
    assert np.allclose(monthly, table, rtol=0.01)
    annual = data["ghi"].sum() / 1000
    assert annual == pytest.approx(EPW_ANNUAL_GHI, rel=0.015)
    assert stats["annual"]["ghi_kwh_m2"] == pytest.approx(EPW_ANNUAL_GHI, abs=0.1)
    by_month_hour = data.groupby([data.index.month, data.index.hour]).mean()
    for col in ("ghi", "dni", "dhi", "temp_air", "wind_speed"):
        expected = np.asarray(stats["month_hour"][col]).ravel()
        got = by_month_hour[col].to_numpy()
        # within 2 % of each month's peak hour
        scale = np.repeat(np.abs(np.asarray(stats["month_hour"][col])).max(1), 24)
        assert np.all(np.abs(got - expected) <= 0.02 * scale + 0.05), col
    # daily clearness spread is kept: clear and overcast days both exist
    days = data["ghi"].groupby(data.index.normalize()).sum() / 1000
    assert days.min() < 1.0 and days.max() > 7.0


def test_builtin_is_deterministic():
    first, _ = builtin_shanghai()
    weather._builtin_shanghai_cached.cache_clear()
    second, _ = builtin_shanghai()
    pd.testing.assert_frame_equal(first, second)


def test_builtin_annual_and_monthly_ghi_vs_epw(shanghai):
    epw, _ = shanghai
    built, _ = builtin_shanghai()
    assert built["ghi"].sum() / 1000 == pytest.approx(EPW_ANNUAL_GHI, rel=0.015)
    ratio = monthly_ghi_kwh_m2(built) / monthly_ghi_kwh_m2(epw)
    assert ((ratio - 1).abs() < 0.05).all(), ratio.round(4).to_dict()


@pytest.mark.parametrize("orientation", list(ORIENTATIONS))
def test_builtin_pv_yield_matches_epw(shanghai, orientation):
    epw, source = shanghai
    built, _ = builtin_shanghai()
    tilt, azimuth = ORIENTATIONS[orientation]
    args = (source.latitude, source.longitude, source.altitude_m, tilt, azimuth)
    from_epw = pvwatts_like_yield(epw, *args)
    from_builtin = pvwatts_like_yield(built, *args)
    assert from_builtin == pytest.approx(from_epw, rel=0.03), (
        f"{orientation}: built-in {from_builtin:.1f} vs EPW {from_epw:.1f} "
        "kWh/kWp")


def test_epw_chain_reproduces_pvwatts_south(shanghai):
    """Sanity check of the local chain against the field notes (PVWatts v8
    on this EPW, south 25°: 1,262 kWh/kWp)."""
    epw, source = shanghai
    south = pvwatts_like_yield(epw, source.latitude, source.longitude,
                               source.altitude_m, 25.0, 180.0)
    assert south == pytest.approx(1262, rel=0.02)


def test_committed_table_is_up_to_date(shanghai_epw):
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "derive_climate", REPO / "tools" / "derive_climate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = json.loads(module.dumps(module.derive(shanghai_epw)))
    assert fresh == weather.load_builtin_stats()


def test_table_names_its_source():
    stats = weather.load_builtin_stats()
    assert stats["source"] == weather.SHANGHAI_TMYX_ATTRIBUTION
    readme = (Path(weather.__file__).parent / "data" / "README.md").read_text(
        encoding="utf-8")
    assert "climate.onebuilding.org" in readme and "Copernicus" in readme
    assert "non-commercial" in readme


# ----------------------------------------------------------------- misc

def test_cswd_monthly_ghi():
    assert list(CSWD_MONTHLY_GHI_KWH_M2.index) == list(range(1, 13))
    assert CSWD_MONTHLY_GHI_KWH_M2.tolist() == [63, 86, 89, 121, 146, 130, 136,
                                                118, 127, 104, 75, 76]
    assert CSWD_MONTHLY_GHI_KWH_M2.sum() == pytest.approx(1271)


def test_monthly_ghi_kwh_m2():
    index = pd.date_range("2023-01-01 00:30", periods=8760, freq="h",
                          tz="Etc/GMT-8")
    frame = pd.DataFrame({"ghi": 1000.0}, index=index)
    monthly = monthly_ghi_kwh_m2(frame)
    assert list(monthly.index) == list(range(1, 13))
    assert monthly[1] == pytest.approx(31 * 24) and monthly[2] == pytest.approx(
        28 * 24)
    half_hourly = pd.DataFrame(
        {"ghi": 1000.0},
        index=pd.date_range("2023-01-01 00:15", periods=2 * 24 * 31, freq="30min",
                            tz="Etc/GMT-8"))
    monthly = monthly_ghi_kwh_m2(half_hourly)
    assert monthly[1] == pytest.approx(31 * 24) and monthly[12] == 0


def test_centre_offset_estimator():
    data, source = read_tmy3(GREENSBORO_TMY3)
    assert abs(weather.irradiance_centre_offset(data["ghi"], source.longitude)) < 5
    raw, meta = pvlib.iotools.read_tmy3(GREENSBORO_TMY3)
    assert weather.irradiance_centre_offset(raw["ghi"], meta["longitude"]) \
        == pytest.approx(-30, abs=5)
    assert np.isnan(weather.irradiance_centre_offset(raw["ghi"] * 0, -80.0))


def test_the_built_in_year_is_named_in_the_page_language():
    """Pages name the weather in their language; files in both; the licence text as its
    licensor wrote it in every one."""
    _, source = builtin_shanghai()
    chinese, english, both = source.label("zh"), source.label("en"), source.label()
    assert chinese.startswith("气象数据：内置上海典型年") and "Built-in" not in chinese
    assert "Weather:" not in chinese and "synthetic" not in chinese
    assert english.startswith("Weather: Built-in Shanghai typical year") and "内置" not in english
    assert both.startswith("气象数据 Weather: 内置上海典型年") and "Built-in Shanghai" in both
    assert all(weather.SHANGHAI_TMYX_ATTRIBUTION in label for label in (chinese, english, both))


def test_a_file_keeps_its_own_station_name_in_both_languages(tmp_path):
    source = WeatherSource("Shanghai-Baoshan TMYx (EPW)", "epw", 31.4, 121.45, 4.0, 8.0,
                           "climate.onebuilding.org")
    assert "Shanghai-Baoshan TMYx (EPW)" in source.label("zh")
    assert source.label("zh").startswith("气象数据：")
