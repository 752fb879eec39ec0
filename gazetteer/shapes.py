"""Country polygons behind an STRtree: which country is here, which ones a line crosses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from gazetteer.places import Place

# Shipped polygons are simplified by 0.02° (about 2 km), so a coastal city or
# a border town can fall just outside its country. Points this close to a
# polygon still count as inside.
NEAR_DEGREES = 0.05


class CountryShapes:
    """Polygons for country Places, indexed for point and line queries."""

    def __init__(self, geometries: Mapping[str, Mapping[str, Any]], places: Mapping[str, Place]):
        self._places = [places[place_id] for place_id in geometries]
        self._geometries = [shape(geometries[place.id]) for place in self._places]
        self._by_id = {place.id: geom for place, geom in zip(self._places, self._geometries)}
        self._tree = STRtree(self._geometries)
        shapely.prepare(self._geometries)  # fast repeated point and line tests

    def shape(self, place_id: str) -> BaseGeometry | None:
        return self._by_id.get(place_id)

    def at(self, lat: float, lon: float) -> Place | None:
        """The country containing the point; where simplified borders overlap, the one it is deepest in."""
        point = Point(lon, lat)
        hits = self._tree.query(point, predicate="intersects")
        if len(hits) == 0:
            near = self._tree.query_nearest(point, max_distance=NEAR_DEGREES)
            return self._places[near[0]] if len(near) else None
        best = max(hits, key=lambda i: self._geometries[i].boundary.distance(point))
        return self._places[best]

    def crossed(self, line: BaseGeometry) -> list[Place]:
        """Countries the line intersects, ordered by where along the line it first enters each.

        The order comes from the line's own vertices where one lies inside (cheap with prepared
        polygons); only a country crossed between two vertices needs the exact intersection.
        """
        coords = shapely.get_coordinates(line)
        entries = []
        for i in self._tree.query(line, predicate="intersects"):
            inside = np.flatnonzero(shapely.contains_xy(self._geometries[i], coords[:, 0], coords[:, 1]))
            if len(inside):
                entries.append((float(shapely.line_locate_point(line, shapely.points(coords[inside[0]]))), i))
                continue
            points = shapely.points(shapely.get_coordinates(self._geometries[i].intersection(line)))
            if len(points):
                entries.append((float(shapely.line_locate_point(line, points).min()), i))
        return [self._places[i] for _, i in sorted(entries)]
