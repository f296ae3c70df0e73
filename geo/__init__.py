"""Geography of Shanghai: districts, extent, map datums and offline district boundaries.

:mod:`geo.shanghai` declares the districts (codes, names, centres) and the city's extent,
:mod:`geo.coords` converts GCJ-02 and BD-09 coordinates to WGS84 and :mod:`geo.districts`
answers which district a point lies in from the committed boundaries in ``geo/data/``.
"""

from geo.coords import to_wgs84
from geo.districts import district_at, districts_at, geojson, outside_stated
from geo.shanghai import (
    COORD_SYSTEMS,
    DISTRICT_BY_NAME,
    DISTRICT_CENTRES,
    DISTRICTS,
    SHANGHAI_EXTENT,
    Extent,
)

__all__ = ["COORD_SYSTEMS", "DISTRICTS", "DISTRICT_BY_NAME", "DISTRICT_CENTRES",
           "SHANGHAI_EXTENT", "Extent", "district_at", "districts_at", "geojson",
           "outside_stated", "to_wgs84"]
