"""Country outlines for the offline basemap and for shading crossed airspaces."""

from __future__ import annotations

from shapely.geometry import mapping

from gazetteer import Gazetteer

BASEMAP_TOLERANCE_DEG = 0.05


def basemap(gazetteer: Gazetteer) -> dict:
    """All countries as a light GeoJSON FeatureCollection (simplified: drawn at every zoom)."""
    features = []
    for place in gazetteer.countries():
        shape = gazetteer.shape(place)
        if shape is None:
            continue
        simple = shape.simplify(BASEMAP_TOLERANCE_DEG, preserve_topology=True)
        features.append({"type": "Feature", "properties": {"name": place.name},
                         "geometry": _rounded(mapping(simple))})
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


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(v, 3) for v in value]
            return [walk(v) for v in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
