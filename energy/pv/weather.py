"""
Typical-year weather for rooftop PV estimates.

Every reader in this module returns the same thing: a DataFrame with exactly
the columns ``ghi``, ``dni``, ``dhi`` [W/m²], ``temp_air`` [°C] and
``wind_speed`` [m/s], 8760 hourly rows of one non-leap year
(:data:`TYPICAL_YEAR`), float64, and a tz-aware index with the file's fixed
UTC offset whose timestamps sit at the *middle* of each hour (``hh:30``), plus
a :class:`WeatherSource` that says where the numbers came from.

Time alignment
--------------
Hourly irradiance in weather files is an average over an hour, and the files
disagree on which instant of the hour their labels mean. Each reader moves
every value to the centre of the interval it describes and then onto the
common ``hh:30`` grid (by linear interpolation on the annual circle when the
centre is not already at ``hh:30``; annual sums are preserved exactly).

* TMY3: labels mark the end of the hour (NSRDB user manual); irradiance
  centred 30 min before pvlib's index. Temperature and wind are
  instantaneous at the label.
* EPW: the format says the label (hour 1–24) ends the hour, i.e. irradiance
  centred 30 min after pvlib's index (pvlib sets the index to the start of
  the hour). Producers do not always follow this: the Shanghai-Baoshan TMYx
  2011–2025 file has its ERA5 irradiance centred *on* pvlib's index, 30 min
  earlier than the format says (clear days are symmetric about solar noon
  only that way, and ``ghi = dni·cos(zenith) + dhi`` closes only with the
  sun at that instant). :func:`read_epw` therefore measures the centre from
  the data (:func:`irradiance_centre_offset`) and snaps it to the nearest
  30 min unless told otherwise.
* PVGIS TMY (CSV/JSON): labels are UTC; irradiance is representative of the
  label plus the file's "Irradiance Time Offset" (0 when absent).

All readers open files themselves and hand pvlib an in-memory buffer, so
nothing here ever touches the network.
"""
from __future__ import annotations

import datetime as _dt
import functools
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pvlib

__all__ = [
    "COLUMNS",
    "CSWD_MONTHLY_GHI_KWH_M2",
    "HOURS_PER_YEAR",
    "SHANGHAI_TMYX_ATTRIBUTION",
    "TYPICAL_YEAR",
    "WeatherFileError",
    "WeatherSource",
    "builtin_shanghai",
    "irradiance_centre_offset",
    "hourly_sky",
    "load_builtin_stats",
    "monthly_ghi_kwh_m2",
    "read_epw",
    "read_pvgis_tmy",
    "read_tmy3",
    "read_weather",
    "synthetic_year",
]

#: Columns of every weather DataFrame returned here, in this order.
COLUMNS = ("ghi", "dni", "dhi", "temp_air", "wind_speed")
#: Year every typical year is mapped onto (non-leap).
TYPICAL_YEAR = 2023
HOURS_PER_YEAR = 8760

DATA_DIR = Path(__file__).resolve().parent / "data"
BUILTIN_TABLE = DATA_DIR / "shanghai_climate.json"

SHANGHAI_TMYX_ATTRIBUTION = (
    "Shanghai-Baoshan 583620 TMYx 2011–2025, climate.onebuilding.org; "
    "NOAA ISD meteorology, ERA5 radiation (contains modified Copernicus "
    "Climate Change Service information); non-commercial use with attribution"
)
# The built-in year's name (zh, en): what it is made from and how.
BUILTIN_NAMES = ("内置上海典型年（由 TMYx 2011–2025 的逐月逐时统计用 pvlib 合成逐时数据）",
                 "Built-in Shanghai typical year (derived from TMYx 2011–2025; synthetic "
                 "hourly year generated with pvlib from month-by-hour statistics)")

# China Meteorological Administration, Chinese Standard Weather Data (CSWD)
# typical year for Shanghai (station 58362), monthly global horizontal
# irradiation [kWh/m²], as recorded in the project's field notes
# (shared/notes/field-notes.md, "PV modelling"). Annual sum 1,271 kWh/m²,
# about 14 % below the ERA5-based TMYx year; useful as a conservative case.
CSWD_MONTHLY_GHI_KWH_M2 = pd.Series(
    [63.0, 86.0, 89.0, 121.0, 146.0, 130.0, 136.0, 118.0, 127.0, 104.0,
     75.0, 76.0],
    index=pd.RangeIndex(1, 13, name="month"),
    name="ghi_kwh_m2",
)

# first day of each month in a 365-day year, 0-based
_MONTH_START_DAY = np.array(
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334])
_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


class WeatherFileError(ValueError):
    """
    A weather file that cannot be used, with a message in two languages.

    Parameters
    ----------
    message_zh : str
        Chinese message for the user interface.
    message_en : str
        English message.
    """

    def __init__(self, message_zh, message_en):
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{message_zh} / {message_en}")

    def __str__(self):
        return f"{self.message_zh} / {self.message_en}"


@dataclass(frozen=True)
class WeatherSource:
    """
    Where a weather year came from.

    Attributes
    ----------
    name : str
        Human label, e.g. ``"Shanghai-Baoshan TMYx 2011–2025 (EPW)"``.
    kind : str
        One of ``"epw"``, ``"tmy3"``, ``"pvgis"``, ``"builtin"``.
    latitude : float
        Site latitude [degrees north].
    longitude : float
        Site longitude [degrees east].
    altitude_m : float
        Site altitude [m].
    utc_offset_h : float
        Fixed UTC offset of the returned index [h].
    attribution : str
        Source and licence text that must accompany results.
    timing : str, optional
        How the file's time labels were aligned to mid-hour timestamps.
    names : tuple of str, optional
        The source's name in Chinese and in English when we name it (the built-in year);
        a file's own name (its station) reads the same in both.
    """

    name: str
    kind: str
    latitude: float
    longitude: float
    altitude_m: float
    utc_offset_h: float
    attribution: str
    timing: str = ""
    names: tuple[str, ...] = ()

    def label(self, lang=None):
        """
        One line of text to print under every figure.

        Parameters
        ----------
        lang : {None, "zh", "en"}
            None: both languages (files, the command line); otherwise the page's language.
            The attribution is given as its licensor words it.

        Returns
        -------
        str
        """
        lat = f"{abs(self.latitude):.2f}°{'N' if self.latitude >= 0 else 'S'}"
        lon = f"{abs(self.longitude):.2f}°{'E' if self.longitude >= 0 else 'W'}"
        place = f"{lat} {lon}, {self.altitude_m:.0f} m, {_utc_text(self.utc_offset_h)}"
        if lang is None:
            return f"气象数据 Weather: {self.name} — {place}. {self.attribution}"
        name = self.names[0 if lang == "zh" else 1] if self.names else self.name
        if lang == "zh":
            return f"气象数据：{name} — {place}。数据署名（许可原文）：{self.attribution}"
        return f"Weather: {name} — {place}. {self.attribution}"


def _utc_text(offset_h):
    sign = "+" if offset_h >= 0 else "-"
    hours = int(abs(offset_h))
    minutes = int(round((abs(offset_h) - hours) * 60))
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def _fixed_tz(offset_h):
    return _dt.timezone(_dt.timedelta(hours=float(offset_h)))


def _mid_hour_index(utc_offset_h):
    start = pd.Timestamp(f"{TYPICAL_YEAR}-01-01 00:30")
    return pd.date_range(start, periods=HOURS_PER_YEAR, freq="h",
                         tz=_fixed_tz(utc_offset_h), name="time")


def _hour_of_year(index):
    """Hours since 1 Jan 00:00 on a 365-day calendar, from the labels'
    month, day and clock time (the year is ignored)."""
    day = _MONTH_START_DAY[np.asarray(index.month) - 1] + np.asarray(index.day) - 1
    return (day * 24.0 + np.asarray(index.hour)
            + np.asarray(index.minute) / 60.0 + np.asarray(index.second) / 3600.0)


def _onto_mid_hours(positions_h, values):
    """Linear interpolation of values centred at ``positions_h`` (hours of
    the year, any real number) onto hh:30, treating the year as a circle."""
    pos = np.mod(np.asarray(positions_h, dtype=float), float(HOURS_PER_YEAR))
    order = np.argsort(pos, kind="stable")
    target = np.arange(HOURS_PER_YEAR) + 0.5
    return np.interp(target, pos[order], np.asarray(values, float)[order],
                     period=float(HOURS_PER_YEAR))


def _assemble(frame, radiation_shift_h, met_shift_h, utc_offset_h, what):
    """
    Move a labelled hourly frame onto the mid-hour grid.

    ``frame`` has a DatetimeIndex whose wall-clock labels are in the frame of
    the file; ``radiation_shift_h`` is added to a label's hour of the year to
    get the centre of the irradiance values (including any conversion to the
    output UTC offset), ``met_shift_h`` likewise for temperature and wind.

    When the centres already fall on hh:30 the values are only relabelled;
    otherwise each column is interpolated linearly. (Tried on a synthetic
    1-minute year averaged to hours centred on hh:00, interpolating GHI, DNI
    and DHI each kept annual PV yields within 0.5 % of the true hh:30
    averages for south, east, west, flat and façade planes; interpolating the
    horizontal beam instead was up to 1.2 % off.)
    """
    keep = ~((frame.index.month == 2) & (frame.index.day == 29))
    frame = frame.loc[keep]
    if len(frame) != HOURS_PER_YEAR:
        raise WeatherFileError(
            f"{what}应为一年 8760 个逐时数据，实际为 {len(frame)} 行",
            f"{what} should hold one year of 8760 hourly values, found "
            f"{len(frame)} rows")
    hours = _hour_of_year(frame.index)
    if np.unique(np.mod(hours, HOURS_PER_YEAR)).size != HOURS_PER_YEAR:
        raise WeatherFileError(
            f"{what}的时间标签重复或缺失",
            f"{what} has repeated or missing time labels")
    out = {}
    for col in COLUMNS:
        shift = radiation_shift_h if col in ("ghi", "dni", "dhi") else met_shift_h
        out[col] = _onto_mid_hours(hours + shift, frame[col].to_numpy(float))
    data = pd.DataFrame(out, index=_mid_hour_index(utc_offset_h),
                        columns=list(COLUMNS), dtype="float64")
    for col in ("ghi", "dni", "dhi", "wind_speed"):
        data[col] = data[col].clip(lower=0.0)
    return data


def _fill_gaps(frame, missing, what, max_fraction=0.02):
    """Replace missing-value codes by NaN and interpolate short gaps."""
    frame = frame.copy()
    for col in COLUMNS:
        values = pd.to_numeric(frame[col], errors="coerce").astype(float)
        if col in missing:
            values = values.mask(values >= missing[col])
        bad = values.isna()
        if bad.mean() > max_fraction:
            raise WeatherFileError(
                f"{what}的 {col} 列缺测过多（{bad.mean():.0%}）",
                f"{what} column {col} has too many missing values "
                f"({bad.mean():.0%})")
        if bad.any():
            values = values.interpolate(limit_direction="both")
        frame[col] = values
    return frame


def irradiance_centre_offset(ghi, longitude):
    """
    Where, within the hour, hourly irradiance values are centred.

    Computes the GHI-weighted mean hour angle of the sun at the timestamps of
    ``ghi``. Over a year, mornings and afternoons balance, so a series whose
    timestamps mark the centre of each averaging interval gives about zero;
    a series labelled at the end of each hour (TMY3) gives about -30 min and
    one labelled at the start about +30 min. Diurnal cloud patterns bias the
    estimate by a few minutes (about ±3 min for the Shanghai TMYx file).

    Parameters
    ----------
    ghi : pandas.Series
        Global horizontal irradiance [W/m²] with a tz-aware DatetimeIndex,
        preferably a whole year.
    longitude : float
        Site longitude [degrees east].

    Returns
    -------
    float
        Offset from the timestamps to the centre of the data [minutes];
        negative when the data describe times before their labels. NaN when
        ``ghi`` has no positive value.
    """
    values = np.clip(np.asarray(ghi, dtype=float), 0.0, None)
    total = np.nansum(values)
    if not total > 0:
        return float("nan")
    index = pd.DatetimeIndex(ghi.index)
    eot = pvlib.solarposition.equation_of_time_spencer71(
        np.asarray(index.day_of_year))
    hour_angle = pvlib.solarposition.hour_angle(index, longitude, eot)
    mean_deg = np.nansum(values * np.asarray(hour_angle)) / total
    return float(-4.0 * mean_deg)  # 15° per hour = 4 min per degree


# ----------------------------------------------------------------- reading

def _read_raw(path_or_bytes):
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(path_or_bytes)
    if hasattr(path_or_bytes, "read"):
        raw = path_or_bytes.read()
        return raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    path = Path(path_or_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise WeatherFileError(
            f"无法读取气象文件 {path.name}：{exc.strerror or exc}",
            f"cannot read weather file {path.name}: {exc.strerror or exc}",
        ) from exc


def _decode(raw):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _display_name(path_or_bytes, filename):
    if filename:
        return Path(str(filename)).name
    if isinstance(path_or_bytes, (str, Path)):
        return Path(path_or_bytes).name
    return getattr(path_or_bytes, "name", None) or "weather file"


def _wrap_parse_error(exc, kind, name):
    return WeatherFileError(
        f"{name} 不是有效的 {kind} 气象文件（{type(exc).__name__}: {exc}）",
        f"{name} is not a valid {kind} weather file "
        f"({type(exc).__name__}: {exc})")


def _epw_header(text):
    header = {}
    for line in text.splitlines()[:8]:
        key, _, rest = line.partition(",")
        header[key.strip().upper()] = rest.strip()
    return header


def _epw_source(meta, header, timing):
    comments = " ".join(v for k, v in header.items() if k.startswith("COMMENTS"))
    city = str(meta.get("city", "")).strip() or "EPW site"
    data_type = str(meta.get("data_type", "")).strip()
    kind_text = data_type[4:] if data_type.upper().startswith("SRC-") else data_type
    period = re.search(r"Period of Record\s*=\s*(\d{4})\s*-\s*(\d{4})", comments)
    period_text = f" {period.group(1)}–{period.group(2)}" if period else ""
    name = f"{city} {kind_text}{period_text} (EPW)".replace("  ", " ")
    wmo = str(meta.get("WMO_code", "")).strip()
    if wmo == "583620" and kind_text.upper() == "TMYX" and period_text:
        attribution = SHANGHAI_TMYX_ATTRIBUTION
    else:
        parts = [f"{city} {wmo} {kind_text}{period_text}".strip()]
        low = comments.lower()
        if "onebuilding" in low:
            parts.append("climate.onebuilding.org")
        if re.search(r"\bisd\b", low):
            parts.append("NOAA ISD meteorology")
        if "era5" in low:
            parts.append("ERA5 radiation (contains modified Copernicus Climate "
                         "Change Service information)")
        attribution = "; ".join(parts)
    return WeatherSource(
        name=name, kind="epw", latitude=float(meta["latitude"]),
        longitude=float(meta["longitude"]), altitude_m=float(meta["altitude"]),
        utc_offset_h=float(meta["TZ"]), attribution=attribution, timing=timing)


def _parse_epw_text(text, name, centre_offset_min=None):
    text = text.lstrip()
    first = text.split("\n", 1)[0]
    if not first.upper().startswith("LOCATION"):
        raise WeatherFileError(f"{name} 不是 EPW 文件（缺少 LOCATION 行）",
                               f"{name} is not an EPW file (no LOCATION line)")
    try:
        # year 2024 is a leap year, so files that carry 29 February parse
        raw, meta = pvlib.iotools.read_epw(io.StringIO(text), coerce_year=2024)
    except Exception as exc:  # pvlib raises many types on malformed files
        raise _wrap_parse_error(exc, "EPW", name) from exc
    if len(raw) not in (HOURS_PER_YEAR, HOURS_PER_YEAR + 24):
        raise WeatherFileError(
            f"{name} 应为 8760 个逐时数据，实际为 {len(raw)} 行（不支持非逐时 EPW）",
            f"{name} should have 8760 hourly rows, found {len(raw)} "
            "(sub-hourly EPW is not supported)")
    # EPW missing-value codes (EnergyPlus Auxiliary Programs, EPW data dictionary)
    frame = _fill_gaps(raw, {"ghi": 9999, "dni": 9999, "dhi": 9999,
                             "temp_air": 99.9, "wind_speed": 999}, name)
    utc_offset_h = float(meta["TZ"])
    if centre_offset_min is None:
        no_leap = frame.loc[~((frame.index.month == 2) & (frame.index.day == 29))]
        measured = irradiance_centre_offset(no_leap["ghi"], meta["longitude"])
        if math.isnan(measured):
            centre_offset_min = 30.0
            how = "EPW convention (no irradiance to measure)"
        else:
            centre_offset_min = 30.0 * round(measured / 30.0)
            how = f"measured {measured:+.1f} min"
    else:
        how = "given"
    timing = (f"irradiance centred {centre_offset_min:+.0f} min from the start "
              f"of each EPW hour ({how}); temperature and wind at the end of "
              "each hour; all moved to hh:30")
    data = _assemble(frame, centre_offset_min / 60.0, 1.0, utc_offset_h, name)
    return data, _epw_source(meta, _epw_header(text), timing)


def read_epw(path, centre_offset_min=None):
    """
    Read an EnergyPlus weather (EPW) file as a mid-hour typical year.

    Parameters
    ----------
    path : str, pathlib.Path or file-like
        EPW file. Opened locally; URLs are not fetched.
    centre_offset_min : float, optional
        Centre of each hour's irradiance relative to the start of the EPW
        hour (pvlib's index) [minutes]. The EPW format implies 30. Default:
        measured from the data with :func:`irradiance_centre_offset` and
        rounded to a multiple of 30 min.

    Returns
    -------
    weather : pandas.DataFrame
        Columns ``ghi``, ``dni``, ``dhi`` [W/m²], ``temp_air`` [°C],
        ``wind_speed`` [m/s]; 8760 rows at hh:30 of :data:`TYPICAL_YEAR`,
        index in the file's UTC offset. 29 February is dropped.
    source : WeatherSource

    Raises
    ------
    WeatherFileError
        If the file cannot be read or parsed.
    """
    name = _display_name(path, None)
    return _parse_epw_text(_decode(_read_raw(path)), name, centre_offset_min)


def _parse_tmy3_text(text, name):
    try:
        raw, meta = pvlib.iotools.read_tmy3(io.StringIO(text), coerce_year=None,
                                            map_variables=True)
    except Exception as exc:
        raise _wrap_parse_error(exc, "TMY3", name) from exc
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise WeatherFileError(f"{name} 缺少列：{', '.join(missing)}",
                               f"{name} lacks columns: {', '.join(missing)}")
    frame = _fill_gaps(raw, {}, name)
    utc_offset_h = float(meta["TZ"])
    # pvlib keeps the TMY3 label, the end of the hour; the 24:00 label of
    # 31 December becomes 00:00 of the next year, which is hour 0 of the
    # (circular) year.
    data = _assemble(frame, -0.5, 0.0, utc_offset_h, name)
    station = str(meta.get("Name", "")).strip().strip('"').title()
    source = WeatherSource(
        name=f"{station or 'TMY3 site'} TMY3 (USAF {meta.get('USAF', '')})",
        kind="tmy3", latitude=float(meta["latitude"]),
        longitude=float(meta["longitude"]), altitude_m=float(meta["altitude"]),
        utc_offset_h=utc_offset_h,
        attribution="NREL National Solar Radiation Database, TMY3",
        timing="irradiance centred 30 min before each TMY3 label (end of "
               "hour); temperature and wind at the label; moved to hh:30")
    return data, source


def read_tmy3(path):
    """
    Read an NSRDB TMY3 file as a mid-hour typical year.

    TMY3 labels mark the end of each hour (01:00–24:00 local standard time),
    so irradiance is centred 30 min before the label.

    Parameters
    ----------
    path : str, pathlib.Path or file-like
        TMY3 CSV file.

    Returns
    -------
    weather : pandas.DataFrame
        See :func:`read_epw`.
    source : WeatherSource

    Raises
    ------
    WeatherFileError
        If the file cannot be read or parsed.
    """
    name = _display_name(path, None)
    return _parse_tmy3_text(_decode(_read_raw(path)), name)


def _parse_pvgis_raw(raw, name, pvgis_format, utc_offset_h):
    try:
        if pvgis_format == "json":
            data_in, meta = pvlib.iotools.read_pvgis_tmy(
                io.BytesIO(raw), pvgis_format="json", map_variables=True)
        else:
            data_in, meta = pvlib.iotools.read_pvgis_tmy(
                io.BytesIO(raw), pvgis_format="csv", map_variables=True)
    except Exception as exc:
        raise _wrap_parse_error(exc, "PVGIS TMY", name) from exc
    missing = [c for c in COLUMNS if c not in data_in.columns]
    if missing:
        raise WeatherFileError(f"{name} 缺少列：{', '.join(missing)}",
                               f"{name} lacks columns: {', '.join(missing)}")
    inputs = meta.get("inputs", {}) if isinstance(meta, dict) else {}
    location = inputs.get("location", inputs)
    try:
        latitude = float(location["latitude"])
        longitude = float(location["longitude"])
        altitude = float(location.get("elevation", 0.0) or 0.0)
    except (KeyError, TypeError, ValueError) as exc:
        raise WeatherFileError(f"{name} 缺少站点经纬度",
                               f"{name} does not state the site position") from exc
    irr_offset_h = _pvgis_time_offset(inputs)
    frame = _fill_gaps(data_in, {}, name)
    frame.index = pd.DatetimeIndex(frame.index).tz_convert("UTC")
    offset = 0.0 if utc_offset_h is None else float(utc_offset_h)
    data = _assemble(frame, offset + irr_offset_h, offset, offset, name)
    months = meta.get("months_selected", []) if isinstance(meta, dict) else []
    years = sorted({int(m["year"]) for m in months if "year" in m})
    span = f" {years[0]}–{years[-1]}" if years else ""
    source = WeatherSource(
        name=f"PVGIS TMY{span} ({latitude:.3f}, {longitude:.3f})",
        kind="pvgis", latitude=latitude, longitude=longitude,
        altitude_m=altitude, utc_offset_h=offset,
        attribution="PVGIS © European Union, Joint Research Centre (JRC)",
        timing=f"irradiance at the UTC label + {irr_offset_h:.4f} h (file's "
               "irradiance time offset); temperature and wind at the label; "
               "moved to hh:30")
    return data, source


def _pvgis_time_offset(inputs):
    """The irradiance time offset [h] stated in PVGIS metadata, or 0."""
    stack = [inputs]
    while stack:
        item = stack.pop()
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if isinstance(value, dict):
                stack.append(value)
            elif re.sub(r"[^a-z]", "", str(key).lower()) == "irradiancetimeoffset":
                try:
                    return float(value)
                except (TypeError, ValueError):
                    return 0.0
    return 0.0


def read_pvgis_tmy(path, utc_offset_h=None):
    """
    Read a PVGIS TMY file (CSV or JSON) as a mid-hour typical year.

    PVGIS labels are UTC; irradiance is taken to describe the label plus the
    file's ``Irradiance Time Offset`` line (0 if absent).

    Parameters
    ----------
    path : str, pathlib.Path or file-like
        PVGIS TMY ``.csv`` or ``.json`` as downloaded from PVGIS.
    utc_offset_h : float, optional
        UTC offset of the returned index [h]. Default: 0 (UTC, as in the
        file). Use e.g. 8 for China Standard Time; the year is then rolled
        so it still runs from 1 January 00:30 local time.

    Returns
    -------
    weather : pandas.DataFrame
        See :func:`read_epw`.
    source : WeatherSource

    Raises
    ------
    WeatherFileError
        If the file cannot be read or parsed.
    """
    name = _display_name(path, None)
    raw = _read_raw(path)
    fmt = "json" if raw.lstrip()[:1] == b"{" else "csv"
    return _parse_pvgis_raw(raw, name, fmt, utc_offset_h)


def _sniff(text):
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    first = head.split("\n", 1)[0].strip()
    if first.upper().startswith("LOCATION,"):
        return "epw"
    if first.startswith("Latitude (decimal degrees)"):
        return "pvgis"
    if first.startswith("{") and '"tmy_hourly"' in text:
        return "pvgis-json"
    lines = head.splitlines()
    if len(lines) > 1 and lines[1].startswith("Date (MM/DD/YYYY)"):
        return "tmy3"
    return None


def read_weather(path_or_bytes, filename=None):
    """
    Read any supported weather file, recognising its format from content.

    Supported: EPW, NSRDB TMY3 CSV, PVGIS TMY CSV and JSON.

    Parameters
    ----------
    path_or_bytes : str, pathlib.Path, bytes or file-like
        The file, or its content (e.g. an upload).
    filename : str, optional
        Original file name, used in messages.

    Returns
    -------
    weather : pandas.DataFrame
        See :func:`read_epw`.
    source : WeatherSource

    Raises
    ------
    WeatherFileError
        If the file is empty, of an unknown format or malformed. The
        exception carries ``message_zh`` and ``message_en``.
    """
    name = _display_name(path_or_bytes, filename)
    raw = _read_raw(path_or_bytes)
    if not raw.strip():
        raise WeatherFileError(f"{name} 是空文件", f"{name} is empty")
    text = _decode(raw)
    kind = _sniff(text)
    if kind == "epw":
        return _parse_epw_text(text, name)
    if kind == "tmy3":
        return _parse_tmy3_text(text, name)
    if kind == "pvgis":
        return _parse_pvgis_raw(text.encode("utf-8"), name, "csv", None)
    if kind == "pvgis-json":
        return _parse_pvgis_raw(text.encode("utf-8"), name, "json", None)
    raise WeatherFileError(
        f"无法识别 {name} 的格式：支持 EPW、TMY3 CSV 和 PVGIS TMY（CSV/JSON）",
        f"unrecognised format of {name}: supported are EPW, TMY3 CSV and "
        "PVGIS TMY (CSV/JSON)")


def monthly_ghi_kwh_m2(weather):
    """
    Monthly global horizontal irradiation.

    Parameters
    ----------
    weather : pandas.DataFrame
        Weather with a ``ghi`` column [W/m²] of hourly values.

    Returns
    -------
    pandas.Series
        12 values indexed by month 1..12 [kWh/m²].
    """
    ghi = weather["ghi"]
    index = pd.DatetimeIndex(ghi.index)
    step_h = _index_step_hours(index) if len(index) > 1 else 1.0
    sums = ghi.groupby(index.month).sum() * step_h / 1000.0
    out = sums.reindex(range(1, 13), fill_value=0.0).astype(float)
    out.index = pd.RangeIndex(1, 13, name="month")
    out.name = "ghi_kwh_m2"
    return out


def _index_step_hours(index):
    return (index[1:] - index[:-1]).median().total_seconds() / 3600.0


# ---------------------------------------------------------- built-in year

_KT_SEED = 583620  # fixed seed: the built-in year is reproducible


def hourly_sky(index, latitude, longitude, altitude=0.0):
    """
    Hourly-mean clear-sky and extraterrestrial irradiance for mid-hour stamps.

    Averages six sun positions per hour (at ±5, ±15, ±25 min around each
    timestamp) so hours containing sunrise or sunset get their share.

    Parameters
    ----------
    index : pandas.DatetimeIndex
        tz-aware mid-hour timestamps of hourly intervals.
    latitude, longitude : float
        Site position [degrees].
    altitude : float, default 0
        Site altitude [m].

    Returns
    -------
    dict of numpy.ndarray
        ``ghi_clear`` and ``dni_clear``: Ineichen clear-sky GHI and DNI with
        pvlib's bundled Linke turbidity [W/m²]; ``ghi_extra``: extraterrestrial
        irradiance on a horizontal plane [W/m²]; ``dni_extra`` [W/m²];
        ``zenith``: true solar zenith at the timestamp [degrees].
    """
    index = pd.DatetimeIndex(index)
    n = len(index)
    steps = np.array([-25, -15, -5, 5, 15, 25], dtype="timedelta64[m]")
    naive_utc = index.tz_convert("UTC").tz_localize(None).values
    sub = pd.DatetimeIndex((naive_utc[:, None] + steps).ravel()).tz_localize("UTC")
    sun = pvlib.solarposition.get_solarposition(
        sub, latitude, longitude, altitude=altitude, method="ephemeris")
    apparent = sun["apparent_zenith"].to_numpy()
    dni_extra = pvlib.irradiance.get_extra_radiation(sub).to_numpy()
    airmass = pvlib.atmosphere.get_absolute_airmass(
        pvlib.atmosphere.get_relative_airmass(apparent),
        pvlib.atmosphere.alt2pres(altitude))
    linke = pvlib.clearsky.lookup_linke_turbidity(sub, latitude, longitude)
    with np.errstate(divide="ignore", invalid="ignore"):
        clear = pvlib.clearsky.ineichen(apparent, airmass, linke.to_numpy(),
                                        altitude, dni_extra)
    cos_z = np.clip(np.cos(np.radians(sun["zenith"].to_numpy())), 0.0, None)

    def hourly(values):
        return np.nan_to_num(np.asarray(values, float)).reshape(n, 6).mean(axis=1)

    return {
        "ghi_clear": hourly(clear["ghi"]),
        "dni_clear": hourly(clear["dni"]),
        "ghi_extra": hourly(dni_extra * cos_z),
        "dni_extra": hourly(dni_extra),
        "zenith": sun["zenith"].to_numpy().reshape(n, 6)[:, 2:4].mean(axis=1),
    }


def synthetic_year(stats):
    """
    Build an hourly typical year from compact climate statistics.

    The year reproduces the month-by-hour means of GHI, DNI, DHI, air
    temperature and wind speed in ``stats`` (almost) exactly, and the spread of daily clearness
    within each month approximately:

    1. Ineichen clear-sky GHI (Linke turbidity from pvlib's bundled table)
       and extraterrestrial irradiance are averaged over each hour from six
       sub-hourly sun positions.
    2. Each month's days get daily clearness indices ``kt`` from the stored
       quantiles (one value per rank, ranks shuffled with a fixed seed) and
       hourly GHI = daily clear-sky index × clear-sky GHI × a month-by-hour
       factor that makes the month-by-hour mean equal the table.
    3. DHI from the Erbs decomposition, scaled per month and hour to the
       table's mean DHI (never above GHI); DNI from
       ``(ghi - dhi) / cos(zenith)``, capped at 1.1 × clear-sky DNI and
       scaled per month and hour to the table's mean DNI. Like its source,
       the year closes ``ghi = dni·cos(zenith) + dhi`` only approximately.
    4. Temperature and wind are the month-by-hour means.

    Parameters
    ----------
    stats : dict
        Content of ``data/shanghai_climate.json`` (see
        ``tools/derive_climate.py``).

    Returns
    -------
    pandas.DataFrame
        Same layout as :func:`read_epw`.
    """
    site = stats["site"]
    lat, lon = float(site["latitude"]), float(site["longitude"])
    alt, offset = float(site["altitude_m"]), float(site["utc_offset_h"])
    month_hour = {k: np.asarray(v, float) for k, v in stats["month_hour"].items()}
    probs = np.asarray(stats["daily_kt_quantiles"]["probabilities"], float)
    quantiles = np.asarray(stats["daily_kt_quantiles"]["values"], float)

    index = _mid_hour_index(offset)
    sky = hourly_sky(index, lat, lon, alt)
    clear, clear_dni, extra_h = sky["ghi_clear"], sky["dni_clear"], sky["ghi_extra"]
    zenith, dni_extra = sky["zenith"], sky["dni_extra"]

    month = np.asarray(index.month) - 1
    hour = np.asarray(index.hour)
    day = np.asarray(index.day_of_year) - 1
    clear_day = np.bincount(day, clear, minlength=365)
    extra_day = np.bincount(day, extra_h, minlength=365)

    rng = np.random.default_rng(_KT_SEED)
    kc_day = np.zeros(365)
    for m in range(12):
        ndays = _DAYS_IN_MONTH[m]
        ranks = (np.arange(ndays) + 0.5) / ndays
        kt = np.interp(ranks, probs, quantiles[m])[rng.permutation(ndays)]
        days = _MONTH_START_DAY[m] + np.arange(ndays)
        kc_day[days] = kt * extra_day[days] / np.maximum(clear_day[days], 1e-9)

    # hourly GHI: daily clear-sky index × clear sky, then scaled so each
    # month-by-hour mean equals the table; hours that clear sky leaves dark
    # but the (hour-averaged) source does not are filled in proportion to
    # the day's clearness while the sun is less than 15° below the horizon
    near_day = np.where(zenith < 105.0, kc_day[day], 0.0)
    ghi = _scale_to_table(kc_day[day] * clear, near_day, month_hour["ghi"],
                          month, hour)

    # diffuse: Erbs, scaled to the table's month-by-hour DHI, never above GHI
    erbs = pvlib.irradiance.erbs(ghi, zenith, index)
    dhi = np.minimum(np.nan_to_num(np.asarray(erbs["dhi"], float)), ghi)
    dhi = _scale_to_table(dhi, ghi, month_hour["dhi"], month, hour, cap=ghi)

    # direct normal: the rest of GHI seen along the beam (at most 1.1 ×
    # clear-sky DNI), scaled to the table's month-by-hour DNI. Like its
    # source, the year closes ghi = dni·cos(zenith) + dhi only approximately.
    cos_z = np.cos(np.radians(zenith))
    dni = np.where(cos_z > 0, (ghi - dhi) / np.maximum(cos_z, 0.03), 0.0)
    dni = np.clip(dni, 0.0, np.minimum(1.1 * np.maximum(clear_dni, 0.0), dni_extra))
    dni = _scale_to_table(dni, near_day, month_hour["dni"], month, hour,
                          cap=dni_extra)

    data = pd.DataFrame({
        "ghi": ghi,
        "dni": dni,
        "dhi": dhi,
        "temp_air": month_hour["temp_air"][month, hour],
        "wind_speed": month_hour["wind_speed"][month, hour],
    }, index=index, columns=list(COLUMNS), dtype="float64")
    for col in ("ghi", "dni", "dhi", "wind_speed"):
        data[col] = data[col].clip(lower=0.0)
    return data


def _scale_to_table(values, fallback, target, month, hour, cap=None,
                    rounds=4):
    """
    Scale hourly ``values`` so their month-by-hour means equal ``target``.

    Month-hours where ``values`` are all zero but ``target`` is not take the
    shape of ``fallback`` instead. ``cap`` (per hour) is applied after each
    of ``rounds`` rescalings.
    """
    key = month * 24 + hour
    counts = np.maximum(np.bincount(key, minlength=288), 1)
    goal = np.asarray(target, float).ravel()
    empty = (np.bincount(key, values, minlength=288) <= 0) & (goal > 0)
    values = np.where(empty[key], fallback, values)
    for _ in range(rounds):
        mean = np.bincount(key, values, minlength=288) / counts
        factor = np.divide(goal, mean, out=np.zeros(288), where=mean > 0)
        values = values * factor[key]
        if cap is not None:
            values = np.minimum(values, cap)
    return values


def load_builtin_stats(path=BUILTIN_TABLE):
    """
    Load the committed Shanghai climate statistics.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        JSON table written by ``tools/derive_climate.py``.

    Returns
    -------
    dict
    """
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@functools.lru_cache(maxsize=1)
def _builtin_shanghai_cached():
    stats = load_builtin_stats()
    site = stats["site"]
    data = synthetic_year(stats)
    source = WeatherSource(
        name=f"{BUILTIN_NAMES[0]} {BUILTIN_NAMES[1]}", names=BUILTIN_NAMES,
        kind="builtin", latitude=float(site["latitude"]),
        longitude=float(site["longitude"]),
        altitude_m=float(site["altitude_m"]),
        utc_offset_h=float(site["utc_offset_h"]),
        attribution=SHANGHAI_TMYX_ATTRIBUTION,
        timing="hourly means at hh:30 local standard time")
    return data, source


def builtin_shanghai():
    """
    Offline typical year for Shanghai, rebuilt from committed statistics.

    The statistics (``data/shanghai_climate.json``) were derived from the
    Shanghai-Baoshan TMYx 2011–2025 EPW; the hourly year is synthesised by
    :func:`synthetic_year`. It matches the EPW's month-by-hour mean GHI, DHI,
    temperature and wind, hence its monthly and annual GHI. The result is
    computed once per process (cached); each call returns a fresh copy.

    Returns
    -------
    weather : pandas.DataFrame
        See :func:`read_epw`; index in UTC+8.
    source : WeatherSource
    """
    data, source = _builtin_shanghai_cached()
    return data.copy(), source
