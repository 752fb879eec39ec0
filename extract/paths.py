"""The reported path of an event: origin, each route place in order, destination.

A route place that is an area (a country, an airspace) is passed where the
straight course from the previous waypoint to the next place crosses it, so
a path "over Iran and Iraq" bends only as much as the text says. The countries the line really
crosses come from the boundary polygons, to compare with what is claimed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from geopy.distance import geodesic
from shapely.geometry import LineString, Point
from shapely.ops import nearest_points

from gazetteer import Gazetteer

from .records import PlaceMention

_COUNTRY_AREAS = {"country", "airspace"}  # route places passed through their polygon
_GEODESIC = geodesic()  # one instance: each new one builds its ellipsoid's series again


@dataclass(frozen=True)
class Path:
    points: tuple[tuple[float, float], ...]  # (lat, lon), densified along great circles
    waypoints: tuple[tuple[float, float], ...]
    length_km: float
    crossed: tuple[str, ...]  # names of countries whose territory the line crosses, in order
    crossed_codes: tuple[str, ...] = ()  # their ISO codes, to compare with the countries the text names


def event_path(origin: PlaceMention, route: list[PlaceMention], destination: PlaceMention,
               gazetteer: Gazetteer) -> Path:
    """The path through the places in order; computed once per distinct route."""
    return _cached_path(_Stop.of(origin), tuple(map(_Stop.of, route)), _Stop.of(destination), gazetteer)


@dataclass(frozen=True)
class _Stop:
    """What of a place the path depends on: equal stops share one cached path."""

    lat: float
    lon: float
    kind: str
    country_code: str | None

    @classmethod
    def of(cls, place: PlaceMention) -> _Stop:
        return cls(place.lat, place.lon, place.kind, place.country_code)


@lru_cache(maxsize=4096)
def _cached_path(origin: _Stop, route: tuple[_Stop, ...], destination: _Stop, gazetteer: Gazetteer) -> Path:
    waypoints = [(origin.lat, origin.lon)]
    ahead = [(p.lat, p.lon) for p in route] + [(destination.lat, destination.lon)]
    for i, place in enumerate(route):
        waypoints.append(_pass_point(place, waypoints[-1], ahead[i + 1], gazetteer))
    waypoints.append(ahead[-1])
    points: list[tuple[float, float]] = []
    for a, b in zip(waypoints, waypoints[1:]):
        points.extend(_great_circle(a, b)[:-1])
    points.append(waypoints[-1])
    length = sum(_GEODESIC.measure(a, b) for a, b in zip(waypoints, waypoints[1:]))  # km
    line = shapely.linestrings(np.array(points)[:, ::-1])  # (lon, lat), built in one call
    countries = gazetteer.countries_crossed(line)
    return Path(tuple(points), tuple(waypoints), round(length, 1), tuple(p.name for p in countries),
                tuple(p.country_code or "" for p in countries))


def _pass_point(place: _Stop, previous, target, gazetteer: Gazetteer) -> tuple[float, float]:
    area = _area(place, gazetteer)
    if area is None:
        return (place.lat, place.lon)
    course = LineString([(previous[1], previous[0]), (target[1], target[0])])
    crossing = area.intersection(course)
    if not crossing.is_empty:
        mid = crossing.interpolate(0.5, normalized=True) if crossing.geom_type == "LineString" else crossing.centroid
        return (mid.y, mid.x)
    point, _ = nearest_points(area, course)
    inward = area.representative_point()
    # Step a little inside the area so the path visibly enters it.
    nudged = Point(point.x + 0.1 * (inward.x - point.x), point.y + 0.1 * (inward.y - point.y))
    return (nudged.y, nudged.x)


def _area(place: _Stop, gazetteer: Gazetteer):
    if place.kind not in _COUNTRY_AREAS or not place.country_code:
        return None
    country = gazetteer.country(place.country_code)
    return gazetteer.shape(country) if country else None


def _great_circle(a: tuple[float, float], b: tuple[float, float], step_km: float = 50.0) -> list[tuple[float, float]]:
    """Points from a to b along the great circle, about every `step_km`.

    Written out coordinate by coordinate, with the sine of the whole angle taken once: a long path has
    hundreds of points, and the same arithmetic in the same order gives the same points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    x1, y1, z1 = math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1)
    x2, y2, z2 = math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2)
    angle = math.acos(max(-1.0, min(1.0, x1 * x2 + y1 * y2 + z1 * z2)))
    steps = max(1, int(angle * 6371.0 / step_km))
    if angle < 1e-9:
        return [a, b]
    sin, atan2, hypot, degrees = math.sin, math.atan2, math.hypot, math.degrees
    whole = sin(angle)
    points = []
    for i in range(steps + 1):
        t = i / steps
        k1 = sin((1 - t) * angle) / whole
        k2 = sin(t * angle) / whole
        x, y, z = k1 * x1 + k2 * x2, k1 * y1 + k2 * y2, k1 * z1 + k2 * z2
        points.append((round(degrees(atan2(z, hypot(x, y))), 4), round(degrees(atan2(y, x)), 4)))
    return points
