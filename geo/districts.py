"""Shanghai's district boundaries, offline: which district a point lies in.

The polygons are a committed, simplified GeoJSON in WGS84 (``geo/data/``; derivation and
attribution in ``geo/data/NOTICE.md``), read once per process. Points are WGS84 latitude and
longitude [degrees]; convert a school's GCJ-02 or BD-09 coordinates first
(:func:`geo.coords.to_wgs84`).

Outlines are simplified to about 40 m, so a point within :data:`EDGE_TOLERANCE_M` of a shared
boundary may fall on either side; :func:`outside_stated` gives it the benefit of the doubt.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry import shape
from shapely.ops import nearest_points

from geo.shanghai import DISTRICT_BY_NAME

__all__ = [
    "BOUNDARIES_PATH",
    "EDGE_TOLERANCE_M",
    "boundaries",
    "contains",
    "district_at",
    "districts_at",
    "geojson",
    "outside_stated",
    "outside_stated_many",
]

BOUNDARIES_PATH = Path(__file__).with_name("data") / "shanghai_districts.geojson"
EDGE_TOLERANCE_M = 300.0          # a point this close to its stated district counts as in it [m]
_M_PER_DEG_LAT = 110_574.0        # [m/degree]
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(31.2))   # at Shanghai's latitude [m/degree]


@cache
def geojson() -> dict:
    """The district FeatureCollection (WGS84); each feature's ``id`` is the district name.

    Returns
    -------
    dict
        GeoJSON with ``properties`` ``adcode``, ``name`` (e.g. ``浦东新区``) and ``name_en``.
        Treat it as read-only: it is shared by every caller.
    """
    return json.loads(BOUNDARIES_PATH.read_text(encoding="utf-8"))


@cache
def boundaries() -> dict[str, shapely.Geometry]:
    """District name → (Multi)Polygon in longitude/latitude [degrees], prepared for queries."""
    shapes = {f["id"]: shape(f["geometry"]) for f in geojson()["features"]}
    missing = set(DISTRICT_BY_NAME) - set(shapes)
    if missing:
        raise ValueError(f"district boundaries missing: {sorted(missing)}")
    for geometry in shapes.values():
        shapely.prepare(geometry)
    return shapes


@cache
def _tree() -> tuple[shapely.STRtree, tuple[str, ...]]:
    names = tuple(boundaries())
    return shapely.STRtree([boundaries()[n] for n in names]), names


def districts_at(lat: ArrayLike, lon: ArrayLike) -> np.ndarray:
    """The district each WGS84 point lies in.

    Parameters
    ----------
    lat, lon : array_like of float
        WGS84 latitude and longitude [degrees]; NaN allowed.

    Returns
    -------
    ndarray of object
        District name (``黄浦区``…) per point, ``None`` outside every district or for NaN.
    """
    lat_a, lon_a = np.broadcast_arrays(np.asarray(lat, float), np.asarray(lon, float))
    out = np.full(lat_a.shape, None, dtype=object)
    ok = np.isfinite(lat_a) & np.isfinite(lon_a)
    points = shapely.points(lon_a[ok], lat_a[ok])
    tree, names = _tree()
    point_idx, shape_idx = tree.query(points, predicate="intersects")
    found = np.full(len(points), None, dtype=object)
    found[point_idx] = np.asarray(names, dtype=object)[shape_idx]
    out[ok] = found
    return out


def district_at(lat: float, lon: float) -> str | None:
    """The district a WGS84 point ``(lat, lon)`` [degrees] lies in, or ``None``."""
    return districts_at([lat], [lon])[0]


@cache
def _shrunk(district: str, margin_m: float) -> shapely.Geometry:
    """The district polygon moved inwards by ``margin_m`` [m] (approximately, in degrees)."""
    inner = boundaries()[district].buffer(-margin_m / _M_PER_DEG_LAT)
    shapely.prepare(inner)
    return inner


def contains(district: str, lat: float, lon: float, margin_m: float = 0.0) -> bool:
    """Whether a WGS84 point lies in the district, at least ``margin_m`` inside its edge.

    Parameters
    ----------
    district : str
        District name (e.g. ``浦东新区``).
    lat, lon : float
        WGS84 latitude and longitude [degrees].
    margin_m : float
        Required distance from the boundary [m].

    Returns
    -------
    bool
        False also for an unknown district.
    """
    if district not in boundaries():
        return False
    return bool(_shrunk(district, float(margin_m)).contains(shapely.Point(lon, lat)))


def _distance_m(geometry: shapely.Geometry, lat: float, lon: float) -> float:
    """Distance from the point to the geometry, in local metres [m]."""
    nearest = nearest_points(geometry, shapely.Point(lon, lat))[0]
    return math.hypot((nearest.y - lat) * _M_PER_DEG_LAT, (nearest.x - lon) * _M_PER_DEG_LON)


def outside_stated(district: str, lat: float, lon: float,
                   tolerance_m: float = EDGE_TOLERANCE_M) -> str | None:
    """Whether a campus point contradicts the district its sheet states.

    Parameters
    ----------
    district : str
        The stated district (canonical name, e.g. ``浦东新区``).
    lat, lon : float
        WGS84 campus point [degrees].
    tolerance_m : float
        Points this close to the stated district are accepted [m].

    Returns
    -------
    str or None
        The district the point lies in when it is farther than ``tolerance_m`` from the
        stated one; ``None`` when consistent, when the district is unknown, or when the point
        lies in no district (the Shanghai-extent check reports those).
    """
    return outside_stated_many([district], [lat], [lon], tolerance_m)[0]


def outside_stated_many(districts: ArrayLike, lat: ArrayLike, lon: ArrayLike,
                        tolerance_m: float = EDGE_TOLERANCE_M) -> np.ndarray:
    """:func:`outside_stated` for many campuses at once (a committee sheet of 500 schools).

    Parameters
    ----------
    districts : array_like of str
        Stated district per campus (canonical names; unknown names are never contradicted).
    lat, lon : array_like of float
        WGS84 campus points [degrees].
    tolerance_m : float
        Points this close to their stated district are accepted [m].

    Returns
    -------
    ndarray of object
        Per campus, the district its point lies in when that contradicts the stated one,
        else ``None``.
    """
    stated = np.asarray(districts, dtype=object)
    lat_a = np.asarray(lat, float)
    lon_a = np.asarray(lon, float)
    out = np.full(len(stated), None, dtype=object)
    doubtful = np.zeros(len(stated), dtype=bool)
    shapes = boundaries()
    for name in set(stated.tolist()) & set(shapes):
        idx = np.flatnonzero(stated == name)
        inside = shapely.contains_xy(shapes[name], lon_a[idx], lat_a[idx])
        doubtful[idx[~inside]] = True
    idx = np.flatnonzero(doubtful)
    for k, found in zip(idx, districts_at(lat_a[idx], lon_a[idx])):
        if found is not None and found != stated[k] \
                and _distance_m(shapes[stated[k]], lat_a[k], lon_a[k]) > tolerance_m:
            out[k] = found
    return out
