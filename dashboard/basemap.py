"""Country outlines for the offline basemap, which also shades crossed airspaces.

The dashboard's map fetches them once from `static/basemap.json`; `python -m dashboard.basemap` writes that
file from the gazetteer (a test checks it is up to date).
"""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import MultiPolygon, mapping

from gazetteer import Gazetteer

BASEMAP_TOLERANCE_DEG = 0.1
SMALLEST_ISLAND_SQ_DEG = 0.05
STATIC_FILE = Path(__file__).resolve().parent.parent / "static" / "basemap.json"


def basemap(gazetteer: Gazetteer) -> dict:
    """All countries as a light GeoJSON FeatureCollection (simplified: drawn at every zoom)."""
    features = []
    for place in gazetteer.countries():
        shape = gazetteer.shape(place)
        if shape is None:
            continue
        simple = _without_islets(shape).simplify(BASEMAP_TOLERANCE_DEG, preserve_topology=True)
        features.append({"type": "Feature", "properties": {"name": place.name},
                         "geometry": _rounded(mapping(simple), 2)})
    return {"type": "FeatureCollection", "features": features}


def _without_islets(shape):
    """The shape less its smallest islands, which a basemap at continental zoom cannot show."""
    if shape.geom_type != "MultiPolygon":
        return shape
    parts = sorted(shape.geoms, key=lambda p: p.area, reverse=True)
    kept = [parts[0]] + [p for p in parts[1:] if p.area >= SMALLEST_ISLAND_SQ_DEG]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _rounded(geometry: dict, digits: int = 3) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(v, digits) for v in value]
            return [walk(v) for v in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def write_static(gazetteer: Gazetteer, path: Path = STATIC_FILE) -> Path:
    path.write_text(json.dumps(basemap(gazetteer), separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    from gazetteer import default_gazetteer

    written = write_static(default_gazetteer())
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
