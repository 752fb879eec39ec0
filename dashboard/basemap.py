"""Country outlines for the offline basemap and for shading crossed airspaces."""

from __future__ import annotations

from shapely.geometry import MultiPolygon, mapping

from gazetteer import Gazetteer

BASEMAP_TOLERANCE_DEG = 0.1
SMALLEST_ISLAND_SQ_DEG = 0.05


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


def airspaces(gazetteer: Gazetteer, names: set[str]) -> dict[str, dict]:
    """Country name -> GeoJSON geometry, for the countries named."""
    shapes = {}
    for place in gazetteer.countries():
        if place.name in names:
            shape = gazetteer.shape(place)
            if shape is not None:
                shapes[place.name] = _rounded(mapping(shape.simplify(0.02, preserve_topology=True)))
    return shapes


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
