"""Shanghai's geography, declared once: districts, their codes and names, the city's extent.

The survey schema builds its district and coordinate-system choices from these declarations;
the PV estimate, the demo generator and the dashboard take centres and extents from here.
Boundaries (polygons) are in :mod:`geo.districts`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "COORD_SYSTEMS",
    "DISTRICTS",
    "DISTRICT_BY_NAME",
    "DISTRICT_CENTRES",
    "SHANGHAI_EXTENT",
    "CoordSystem",
    "District",
    "Extent",
]


@dataclass(frozen=True)
class District:
    """One of Shanghai's 16 districts (2016 onwards).

    Attributes
    ----------
    adcode : str
        Administrative division code (行政区划代码), 310101–310151.
    name : str
        Official Chinese name, as stored (e.g. ``浦东新区``).
    name_en : str
        English name.
    synonyms : tuple of str
        Short forms and pinyin.
    centre : tuple of float
        Approximate centre ``(latitude, longitude)``, WGS84 [degrees], inside the district.
    radius_km : float
        Radius around the centre covering most of the district [km].
    former : tuple of str
        Former districts and counties now part of this one (闸北区 → 静安区 in 2015), read
        as this district with a note.
    """

    adcode: str
    name: str
    name_en: str
    synonyms: tuple[str, ...]
    centre: tuple[float, float]
    radius_km: float
    former: tuple[str, ...] = ()


def _d(adcode: str, name: str, name_en: str, centre: tuple[float, float], radius_km: float,
       *synonyms: str, former: tuple[str, ...] = ()) -> District:
    return District(adcode, name, name_en, tuple(synonyms), centre, radius_km, former)


DISTRICTS: tuple[District, ...] = (
    _d("310101", "黄浦区", "Huangpu", (31.228, 121.484), 2.5,
       "黄浦", "huangpu", "huangpu district",
       former=("卢湾区", "卢湾", "南市区", "南市")),  # 南市 merged in 2000, 卢湾 in 2011
    _d("310104", "徐汇区", "Xuhui", (31.178, 121.437), 4.5, "徐汇", "xuhui", "xuhui district"),
    _d("310105", "长宁区", "Changning", (31.213, 121.397), 4.0,
       "长宁", "changning", "changning district"),
    _d("310106", "静安区", "Jing'an", (31.262, 121.448), 4.0,
       "静安", "jingan", "jing'an", "jing'an district", "jingan district",
       former=("闸北区", "闸北")),  # merged in 2015
    _d("310107", "普陀区", "Putuo", (31.250, 121.397), 4.5, "普陀", "putuo", "putuo district"),
    _d("310109", "虹口区", "Hongkou", (31.272, 121.492), 3.0,
       "虹口", "hongkou", "hongkou district"),
    _d("310110", "杨浦区", "Yangpu", (31.283, 121.527), 4.0, "杨浦", "yangpu", "yangpu district"),
    _d("310112", "闵行区", "Minhang", (31.100, 121.420), 9.0,
       "闵行", "minhang", "minhang district", former=("上海县",)),  # merged in 1992
    _d("310113", "宝山区", "Baoshan", (31.385, 121.420), 9.0,
       "宝山", "baoshan", "baoshan district", former=("宝山县", "吴淞区")),  # 1988
    _d("310114", "嘉定区", "Jiading", (31.360, 121.245), 9.0,
       "嘉定", "jiading", "jiading district", former=("嘉定县",)),  # a district since 1992
    _d("310115", "浦东新区", "Pudong", (31.150, 121.650), 18.0,
       "浦东", "浦东区", "pudong", "pudong new area", "pudong district",
       former=("南汇区", "南汇", "南汇县", "川沙县")),  # 川沙 in 1993, 南汇 in 2009
    _d("310116", "金山区", "Jinshan", (30.830, 121.240), 10.0,
       "金山", "jinshan", "jinshan district", former=("金山县",)),  # a district since 1997
    _d("310117", "松江区", "Songjiang", (31.030, 121.220), 10.0,
       "松江", "songjiang", "songjiang district", former=("松江县",)),  # since 1998
    _d("310118", "青浦区", "Qingpu", (31.140, 121.080), 11.0, "青浦", "qingpu", "qingpu district",
       former=("青浦县",)),  # a district since 1999
    _d("310120", "奉贤区", "Fengxian", (30.920, 121.500), 11.0,
       "奉贤", "fengxian", "fengxian district", former=("奉贤县",)),  # since 2001
    _d("310151", "崇明区", "Chongming", (31.620, 121.550), 16.0,
       "崇明", "chongming", "chongming district", former=("崇明县",)),  # since 2016
)

DISTRICT_BY_NAME: dict[str, District] = {d.name: d for d in DISTRICTS}

# Approximate district centres (WGS84) [degrees] and a radius covering most of each district
# [km]; used for demo data and as the fallback location of a campus without coordinates.
DISTRICT_CENTRES: dict[str, tuple[float, float, float]] = {
    d.name: (*d.centre, d.radius_km) for d in DISTRICTS}


@dataclass(frozen=True)
class CoordSystem:
    """A map datum schools copy coordinates from (see :mod:`geo.coords`).

    Attributes
    ----------
    name : str
        ``WGS84``, ``GCJ-02`` or ``BD-09``: what :func:`geo.coords.to_wgs84` accepts.
    label_en : str
        English label with the maps that use it.
    synonyms : tuple of str
        How schools name it (map names, EPSG code...).
    """

    name: str
    label_en: str
    synonyms: tuple[str, ...]


COORD_SYSTEMS: tuple[CoordSystem, ...] = (
    CoordSystem("WGS84", "WGS84 (GPS)", ("wgs-84", "wgs 84", "gps", "epsg:4326", "4326",
                                         "谷歌地球", "天地图", "cgcs2000")),
    CoordSystem("GCJ-02", "GCJ-02 (Amap/Tencent)", ("gcj02", "gcj 02", "gcj", "火星坐标", "国测局",
                                                    "高德", "高德地图", "腾讯", "腾讯地图", "amap",
                                                    "autonavi", "tencent")),
    CoordSystem("BD-09", "BD-09 (Baidu)", ("bd09", "bd 09", "百度", "百度地图", "baidu")),
)


@dataclass(frozen=True)
class Extent:
    """A latitude/longitude box. [degrees]"""

    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point ``(lat, lon)`` [degrees] lies in the box (edges included)."""
        return self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max


# Shanghai's administrative area (incl. Chongming), WGS84, rounded outwards.
SHANGHAI_EXTENT = Extent(30.65, 31.90, 120.85, 122.20)
