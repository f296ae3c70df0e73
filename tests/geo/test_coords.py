"""Chinese map datums: GCJ-02 and BD-09 to WGS84, for scalars and arrays."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.coords import (
    bd09_to_gcj02,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

PEOPLES_SQUARE = (31.2304, 121.4737)     # Shanghai, WGS84 [degrees]
TIANANMEN = (39.9075, 116.3913)          # Beijing, WGS84 [degrees]
EARTH_RADIUS = 6_371_008.8               # mean Earth radius [m]


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine) [m]."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS * np.arcsin(np.sqrt(h))


def shanghai_grid():
    """WGS84 points covering Shanghai, Chongming included [degrees]."""
    lat, lon = np.meshgrid(np.linspace(30.65, 31.9, 26), np.linspace(120.85, 122.0, 24))
    return lat.ravel(), lon.ravel()


def test_known_point_in_beijing():
    # Tiananmen as Amap shows it: about 39.9089, 116.3975.
    lat, lon = wgs84_to_gcj02(*TIANANMEN)
    assert lat == pytest.approx(39.9089, abs=2e-4)
    assert lon == pytest.approx(116.3975, abs=2e-4)


def test_offset_in_shanghai_is_about_half_a_kilometre():
    lat, lon = shanghai_grid()
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    offset = distance_m(lat, lon, g_lat, g_lon)
    assert offset.min() > 300 and offset.max() < 700
    assert np.all(g_lat < lat) and np.all(g_lon > lon)   # south-east of the truth


@pytest.mark.parametrize("point", [PEOPLES_SQUARE, TIANANMEN, (22.5431, 114.0579),
                                   (45.7567, 126.6424), (29.6520, 91.1721)])
def test_round_trip_gcj02_within_1e7_degrees(point):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(*point))
    assert abs(back[0] - point[0]) < 1e-7 and abs(back[1] - point[1]) < 1e-7


def test_round_trip_on_an_array_is_elementwise_exact():
    lat, lon = shanghai_grid()
    back_lat, back_lon = gcj02_to_wgs84(*wgs84_to_gcj02(lat, lon))
    assert np.abs(back_lat - lat).max() < 1e-7
    assert np.abs(back_lon - lon).max() < 1e-7


def test_inverse_beats_the_one_step_approximation():
    lat, lon = shanghai_grid()
    g_lat, g_lon = wgs84_to_gcj02(lat, lon)
    s_lat, s_lon = wgs84_to_gcj02(g_lat, g_lon)
    one_step = distance_m(lat, lon, 2 * g_lat - s_lat, 2 * g_lon - s_lon)
    exact = distance_m(lat, lon, *gcj02_to_wgs84(g_lat, g_lon))
    assert exact.max() < 0.01 < 1.0 < one_step.max()   # [m]


@pytest.mark.parametrize("point", [(48.8566, 2.3522), (40.7128, -74.0060), (-33.8688, 151.2093),
                                   (35.6762, 139.6503), (0.5, 110.0)])
def test_points_outside_china_are_unchanged(point):
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point
    assert to_wgs84(*point, "GCJ-02") == point


def test_scalars_give_floats_and_arrays_give_arrays():
    lat, lon = gcj02_to_wgs84(31.2, 121.5)
    assert type(lat) is float and type(lon) is float
    lats, lons = gcj02_to_wgs84([31.2, 48.8566], np.array([121.5, 2.3522]))
    assert isinstance(lats, np.ndarray) and lats.shape == (2,)
    assert lats[0] == pytest.approx(lat) and lons[0] == pytest.approx(lon)
    assert (lats[1], lons[1]) == (48.8566, 2.3522)
    grid = to_wgs84(np.full((2, 3), 31.2), np.full((2, 3), 121.5), "BD-09")
    assert grid[0].shape == (2, 3)


def test_scalar_latitude_broadcasts_over_longitudes():
    lat, lon = wgs84_to_gcj02(31.2, np.array([121.3, 121.5, 121.7]))
    assert lat.shape == lon.shape == (3,)


def test_nan_passes_through():
    lat, lon = to_wgs84(np.array([np.nan, 31.2]), np.array([121.5, np.nan]), "GCJ-02")
    assert np.isnan(lat[0]) and np.isnan(lon[1])


def test_bd09_chain():
    bd = wgs84_to_bd09(*PEOPLES_SQUARE)
    gcj = wgs84_to_gcj02(*PEOPLES_SQUARE)
    assert bd == gcj02_to_bd09(*gcj)
    # Baidu sits another 900 m or so from Amap in Shanghai, about 1.1 km from the truth.
    assert 800 < distance_m(*gcj, *bd) < 1000
    assert 1000 < distance_m(*PEOPLES_SQUARE, *bd) < 1250
    back_gcj = bd09_to_gcj02(*bd)
    assert math.dist(back_gcj, gcj) < 1e-7
    back = to_wgs84(*bd, "BD-09")
    assert abs(back[0] - PEOPLES_SQUARE[0]) < 1e-7 and abs(back[1] - PEOPLES_SQUARE[1]) < 1e-7


def test_bd09_chain_on_arrays():
    lat, lon = shanghai_grid()
    back_lat, back_lon = to_wgs84(*wgs84_to_bd09(lat, lon), "BD-09")
    assert np.abs(back_lat - lat).max() < 1e-7
    assert np.abs(back_lon - lon).max() < 1e-7


def test_wgs84_is_returned_as_is():
    assert to_wgs84(*PEOPLES_SQUARE, "WGS84") == PEOPLES_SQUARE
    values = np.array([31.0, 31.1])
    out, _ = to_wgs84(values, values + 90, "WGS84")
    out[0] = 0.0
    assert values[0] == 31.0   # a copy, not the caller's array


@pytest.mark.parametrize("system", ["gcj02", "Baidu", "", "wgs84"])
def test_unknown_system_is_refused_in_both_languages(system):
    with pytest.raises(ValueError, match="未知的坐标系") as caught:
        to_wgs84(31.2, 121.5, system)
    assert "unknown coordinate system" in str(caught.value)
