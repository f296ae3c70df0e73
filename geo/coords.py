"""Chinese map datums: convert school coordinates to WGS84.

Schools rarely survey their coordinates with GPS. They copy them from a web map, and every
map in mainland China uses an obfuscated datum by law:

* **WGS84** (EPSG:4326): GPS, Tianditu (天地图), Google Earth. What this project stores.
* **GCJ-02** ("Mars coordinates", 国测局/火星坐标): Amap (高德), Tencent (腾讯) and the Chinese
  Google Maps. WGS84 shifted by a smooth, deliberately non-linear offset of a few hundred
  metres; in Shanghai it is roughly 500 m (460–500 m; about −0.002° latitude, +0.0045° longitude).
* **BD-09**: Baidu (百度). GCJ-02 shifted once more, by about another 0.006° in each axis:
  some 900 m further, about 1.1 km from WGS84 in Shanghai.

A point taken from Amap and left uncorrected lands about half a kilometre away: another
building, or the wrong side of a river, which is enough to pick the wrong weather grid cell,
shading neighbours or district. :func:`to_wgs84` undoes the shift named in the survey's
"coordinate system" column.

The GCJ-02 shift is defined only forwards (WGS84 → GCJ-02). :func:`gcj02_to_wgs84` inverts it
by fixed-point iteration, to well below 1e-7° (about 1 cm); the common one-step shortcut
(subtract the shift computed at the GCJ-02 point) is off by up to 2 m in Shanghai and 4–5 m
elsewhere in China. BD-09 is likewise known forwards (GCJ-02 → BD-09); its usual closed-form
inverse (good to about 1e-6°) is refined by the same iteration. As the widely used open
implementations do, points outside a rough box around mainland China are left unchanged by
the GCJ-02 transforms (the box is rough: Hong Kong, Macau, Taiwan and parts of neighbouring
countries fall inside it and are shifted too).

Every function takes latitude and longitude in degrees, as floats or array-likes of the
same shape, and returns ``(latitude, longitude)``: floats for scalar input, arrays otherwise.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "SYSTEMS",
    "bd09_to_gcj02",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "to_wgs84",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]

SYSTEMS = ("WGS84", "GCJ-02", "BD-09")

_A = 6378245.0                        # semi-major axis of Krasovsky 1940, used by GCJ-02 [m]
_EE = 0.00669342162296594323          # its first eccentricity squared [-]
_BD_PI = np.pi * 3000.0 / 180.0       # Baidu's angular constant [rad/degree]
_CHINA_LAT = (0.8293, 55.8271)        # rough box around mainland China [degrees]
_CHINA_LON = (72.004, 137.8347)
_TOLERANCE = 1e-10                    # convergence of the iterative inverses [degrees]
_MAX_ITERATIONS = 30


def _arrays(lat: ArrayLike, lon: ArrayLike) -> tuple[np.ndarray, np.ndarray, bool]:
    """Latitude and longitude as float arrays of one shape, and whether both were scalars."""
    lat_a = np.asarray(lat, dtype=float)
    lon_a = np.asarray(lon, dtype=float)
    scalar = lat_a.ndim == 0 and lon_a.ndim == 0
    lat_a, lon_a = np.broadcast_arrays(lat_a, lon_a)
    return lat_a, lon_a, scalar


def _result(lat: np.ndarray, lon: np.ndarray, scalar: bool):
    """Floats for scalar input, arrays otherwise."""
    if scalar:
        return float(lat), float(lon)
    return lat, lon


def _outside_china(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """True where a point lies outside the rough mainland-China box."""
    return (lat < _CHINA_LAT[0]) | (lat > _CHINA_LAT[1]) | (lon < _CHINA_LON[0]) | \
        (lon > _CHINA_LON[1])


def _wave(x: np.ndarray, y: np.ndarray, first: float, second: float) -> np.ndarray:
    """The periodic terms shared by both offset polynomials [-]."""
    short = 20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)
    medium = 20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)
    long = first * np.sin(y / 12.0 * np.pi) + second * np.sin(y * np.pi / 30.0)
    return (short + medium + long) * 2.0 / 3.0


def _offset_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """GCJ-02 northing polynomial of ``x = lon − 105°``, ``y = lat − 35°`` [m-like units]."""
    base = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    return base + _wave(x, y, 160.0, 320.0)


def _offset_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """GCJ-02 easting polynomial of ``x = lon − 105°``, ``y = lat − 35°`` [m-like units]."""
    base = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    return base + _wave(x, x, 150.0, 300.0)


def _gcj_shift(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The GCJ-02 offset to add to a WGS84 point, zero outside China [degrees]."""
    x, y = lon - 105.0, lat - 35.0
    rad = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = _offset_lat(x, y) * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = _offset_lon(x, y) * 180.0 / (_A / sqrt_magic * np.cos(rad) * np.pi)
    outside = _outside_china(lat, lon)
    return np.where(outside, 0.0, d_lat), np.where(outside, 0.0, d_lon)


def wgs84_to_gcj02(lat: ArrayLike, lon: ArrayLike):
    """Shift WGS84 coordinates to GCJ-02 (Amap, Tencent).

    Parameters
    ----------
    lat, lon : float or array_like
        WGS84 latitude and longitude [degrees].

    Returns
    -------
    tuple of float or ndarray
        GCJ-02 ``(latitude, longitude)`` [degrees]; unchanged outside mainland China.
    """
    lat_a, lon_a, scalar = _arrays(lat, lon)
    d_lat, d_lon = _gcj_shift(lat_a, lon_a)
    return _result(lat_a + d_lat, lon_a + d_lon, scalar)


def gcj02_to_wgs84(lat: ArrayLike, lon: ArrayLike):
    """Undo the GCJ-02 shift exactly, by fixed-point iteration.

    Starting from the GCJ-02 point, each step moves the WGS84 estimate by the residual
    ``gcj02(estimate) − target``. The shift changes by less than 1 % of a step per step, so
    this converges in a handful of iterations to below 1e-10°.

    Parameters
    ----------
    lat, lon : float or array_like
        GCJ-02 latitude and longitude [degrees].

    Returns
    -------
    tuple of float or ndarray
        WGS84 ``(latitude, longitude)`` [degrees]; unchanged outside mainland China.
    """
    lat_a, lon_a, scalar = _arrays(lat, lon)
    est_lat, est_lon = _refine(lat_a.copy(), lon_a.copy(), lat_a, lon_a, _gcj_forward)
    return _result(est_lat, est_lon, scalar)


def _gcj_forward(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 → GCJ-02 on arrays [degrees]."""
    d_lat, d_lon = _gcj_shift(lat, lon)
    return lat + d_lat, lon + d_lon


def _bd_forward(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 → BD-09 on arrays [degrees]."""
    radius = np.hypot(lon, lat) + 0.00002 * np.sin(lat * _BD_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _BD_PI)
    return radius * np.sin(theta) + 0.006, radius * np.cos(theta) + 0.0065


def _refine(est_lat: np.ndarray, est_lon: np.ndarray, lat: np.ndarray, lon: np.ndarray,
            forward) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``forward(est) == (lat, lon)`` by fixed-point iteration [degrees].

    Each step moves the estimate by the residual; the shifts change far more slowly than the
    position, so the error shrinks by orders of magnitude per step.
    """
    for _ in range(_MAX_ITERATIONS):
        fwd_lat, fwd_lon = forward(est_lat, est_lon)
        err_lat, err_lon = fwd_lat - lat, fwd_lon - lon
        est_lat, est_lon = est_lat - err_lat, est_lon - err_lon
        if not (np.any(np.abs(err_lat) > _TOLERANCE) or np.any(np.abs(err_lon) > _TOLERANCE)):
            break
    return est_lat, est_lon


def bd09_to_gcj02(lat: ArrayLike, lon: ArrayLike):
    """Undo Baidu's BD-09 shift, giving GCJ-02.

    The usual closed-form inverse is good to about 1e-6°; it is refined by fixed-point
    iteration on :func:`gcj02_to_bd09` to below 1e-10°.

    Parameters
    ----------
    lat, lon : float or array_like
        BD-09 latitude and longitude [degrees].

    Returns
    -------
    tuple of float or ndarray
        GCJ-02 ``(latitude, longitude)`` [degrees].
    """
    lat_a, lon_a, scalar = _arrays(lat, lon)
    x, y = lon_a - 0.0065, lat_a - 0.006
    radius = np.hypot(x, y) - 0.00002 * np.sin(y * _BD_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _BD_PI)
    est_lat, est_lon = _refine(radius * np.sin(theta), radius * np.cos(theta), lat_a, lon_a,
                               _bd_forward)
    return _result(est_lat, est_lon, scalar)


def gcj02_to_bd09(lat: ArrayLike, lon: ArrayLike):
    """Apply Baidu's BD-09 shift to GCJ-02 coordinates.

    Parameters
    ----------
    lat, lon : float or array_like
        GCJ-02 latitude and longitude [degrees].

    Returns
    -------
    tuple of float or ndarray
        BD-09 ``(latitude, longitude)`` [degrees].
    """
    lat_a, lon_a, scalar = _arrays(lat, lon)
    return _result(*_bd_forward(lat_a, lon_a), scalar)


def wgs84_to_bd09(lat: ArrayLike, lon: ArrayLike):
    """WGS84 to BD-09 (Baidu), through GCJ-02.

    Parameters
    ----------
    lat, lon : float or array_like
        WGS84 latitude and longitude [degrees].

    Returns
    -------
    tuple of float or ndarray
        BD-09 ``(latitude, longitude)`` [degrees].
    """
    return gcj02_to_bd09(*wgs84_to_gcj02(lat, lon))


def to_wgs84(lat: ArrayLike, lon: ArrayLike, system: str):
    """Convert coordinates in a named datum to WGS84.

    Parameters
    ----------
    lat, lon : float or array_like
        Latitude and longitude in ``system`` [degrees].
    system : str
        ``"WGS84"``, ``"GCJ-02"`` (Amap, Tencent) or ``"BD-09"`` (Baidu), exactly.

    Returns
    -------
    tuple of float or ndarray
        WGS84 ``(latitude, longitude)`` [degrees].

    Raises
    ------
    ValueError
        For any other ``system`` (message in Chinese and English).
    """
    if system == "WGS84":
        lat_a, lon_a, scalar = _arrays(lat, lon)
        return _result(lat_a.copy(), lon_a.copy(), scalar)
    if system == "GCJ-02":
        return gcj02_to_wgs84(lat, lon)
    if system == "BD-09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lat, lon))
    raise ValueError(f"未知的坐标系“{system}”，应为 WGS84、GCJ-02 或 BD-09 / "
                     f"unknown coordinate system '{system}': expected WGS84, GCJ-02 or BD-09")
