"""The events table: one row per real event. Its columns are defined here and only here.

The dashboard, the exports and `python -m extract` all read this table, so
a column added here reaches all of them.
"""

from __future__ import annotations

import hashlib
import math
import weakref
from datetime import date

import pandas as pd

from gazetteer import Gazetteer

from .merge import Cluster, cycle_collection_paused, describe_date
from .paths import event_path
from .records import Article, EventMention, PlaceRole
from .triggers import SPEECH_TYPES

COLUMNS: dict[str, str] = {
    "id": "stable identifier, from the event's first mention",
    "type": "event type (see extract.triggers.TAXONOMY)",
    "label": "one line for timeline and map: what, where, who",
    "date_start": "first day the event may have happened (ISO date), empty if unknown",
    "date_end": "last day the event may have happened (ISO date)",
    "date_precision": "day, week, month, ..., range; 'reported' when undated and placed at the report date",
    "date_rule": "how the date was found",
    "origin": "name of the place the event started from",
    "via": "names of the route places, in order",
    "destination": "name of the target or destination",
    "location": "name of the place where the event happened",
    "places": "every place with role, name, kind, lat, lon, place_id, country_code",
    "lat": "latitude of the event's marker (location, else destination, else origin)",
    "lon": "longitude of the event's marker",
    "radius_km": "how far the event may lie from its marker: the extent of an area place (a country, a sea) or "
                 "the doubt about an uncertain one; empty for a confidently placed point",
    "path": "[[lat, lon], ...] of the reported path when origin and destination are known",
    "path_km": "length of the path along the ground, km (geodesic)",
    "crossed": "countries whose territory the path crosses, from boundary polygons",
    "crossed_unnamed": "countries the path crosses that the reports do not name (besides origin and destination)",
    "named_not_crossed": "route countries or airspaces the reports name that the drawn path does not cross",
    "actors": "who acted",
    "claimants": "who asserts the event",
    "stance": "asserted, reported, disputed or denied",
    "channels": "how the claims were made: told CNN, on Facebook, on state television, in a statement",
    "corrected": "which values an analyst set by hand: date, place, stance",
    "disputed_by": "ids of the denial events that dispute this one",
    "denies": "ids of the events this denial disputes",
    "negated": "the event is reported as not having happened",
    "hedged": "the report is hedged (may, likely, reportedly)",
    "planned": "every report speaks of it in the future: it has not happened yet (will meet, is due to visit)",
    "quantities": "quantities as reported, with their sources: never averaged",
    "sources": "names of the sources reporting the event",
    "articles": "ids of the articles reporting the event",
    "sentence": "the sentence of the first mention",
    "mentions": "every mention: article, sentence, start, end, trigger",
    "merge_reason": "why the mentions were taken as one event",
}
_PRECISION_RANK = ["day", "time", "week", "month", "season", "quarter", "half", "year", "range", "decade", "century",
                   "reported", "unknown"]
_RANK = {precision: rank for rank, precision in enumerate(_PRECISION_RANK)}
_TOWARD = {"launch": "toward", "movement": "toward", "diversion": "toward", "strike": "on"}
_ROLE_ORDER = {"origin": 0, "via": 1, "destination": 2, "location": 3}
_SPECIFICITY = {"facility": 0, "city": 0, "region": 1, "sea": 1, "country": 2, "airspace": 2}


def events_table(clusters: list[Cluster], mentions: dict[str, list[EventMention]],
                 articles: dict[str, Article], gazetteer: Gazetteer) -> pd.DataFrame:
    """The table of events; `mentions` lists each article's mentions in the order denials index them."""
    point_lists: dict[int, tuple[object, list]] = {}  # one [[lat, lon], ...] per distinct path of this table
    with cycle_collection_paused():
        rows = [event_row(c, articles, gazetteer, point_lists) for c in clusters]
    link_denials(clusters, rows, mentions)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def link_denials(clusters: list[Cluster], rows: list[dict], mentions: dict[str, list[EventMention]]) -> None:
    """Fill `denies` and `disputed_by` of `rows` (one per cluster, those lists empty): a denial is linked to
    the event its mention denies. Separate from `event_row` so a store can reuse rows of unchanged events."""
    event_of = {id(m): row["id"] for c, row in zip(clusters, rows) for m in c.mentions}
    by_id = {row["id"]: row for row in rows}
    for cluster, row in zip(clusters, rows):
        for mention in cluster.mentions:
            if mention.denies is None:
                continue
            target = event_of[id(mentions[mention.article_id][mention.denies])]
            if target != row["id"] and target not in row["denies"]:
                row["denies"].append(target)
                by_id[target]["disputed_by"].append(row["id"])


def event_id(cluster: Cluster) -> str:
    """The stable id of an event: its type and a hash of its first mention (article, trigger offset)."""
    first = cluster.mentions[0]
    digest = hashlib.sha1(f"{first.article_id}:{first.trigger.start}".encode()).hexdigest()[:10]
    return f"{first.type}-{digest}"


def _best_date(mentions: list[EventMention]) -> EventMention:
    return min(mentions, key=lambda m: (_RANK.get(m.date_precision, 99), m.date_start or date.max))


def _places(mentions: list[EventMention]) -> list[PlaceRole]:
    chosen: dict[str, PlaceRole] = {}
    for mention in mentions:
        for role in mention.places:
            key = role.place.place_id
            if key not in chosen or _ROLE_ORDER[role.role] < _ROLE_ORDER[chosen[key].role]:
                chosen[key] = role
    return sorted(chosen.values(), key=lambda r: (_ROLE_ORDER[r.role], _SPECIFICITY.get(r.place.kind, 1)))


def event_row(cluster: Cluster, articles: dict[str, Article], gazetteer: Gazetteer,
              point_lists: dict[int, tuple[object, list]] | None = None) -> dict:
    """One event's row, a function of its cluster's mentions, their articles' sources and the gazetteer."""
    mentions = cluster.mentions
    dated = _best_date(mentions)
    places = _places(mentions)
    by_role: dict[str, list] = {role: [] for role in _ROLE_ORDER}
    for r in places:
        by_role[r.role].append(r.place)
    marker = (by_role["location"] or by_role["destination"] or by_role["origin"] or by_role["via"] or [None])[0]
    path = None
    if by_role["origin"] and by_role["destination"]:
        path = event_path(by_role["origin"][0], by_role["via"], by_role["destination"][0], gazetteer)
    sources = _unique(articles[m.article_id].source or m.article_id for m in mentions)
    # The article itself asserting an event is already in `sources`; claimants are who else says so.
    claimants = _unique(m.claimant for m in mentions if m.claimant and m.claimant not in sources)
    return {
        "id": event_id(cluster),
        "type": cluster.type,
        "label": _label(cluster.type, by_role, claimants, mentions),
        "date_start": dated.date_start.isoformat() if dated.date_start else None,
        "date_end": dated.date_end.isoformat() if dated.date_end else None,
        "date_precision": dated.date_precision,
        "date_rule": dated.date_rule,
        "origin": by_role["origin"][0].name if by_role["origin"] else None,
        "via": [p.name for p in by_role["via"]],
        "destination": by_role["destination"][0].name if by_role["destination"] else None,
        "location": by_role["location"][0].name if by_role["location"] else None,
        "places": [_place_dict(r) for r in places],
        "lat": marker.lat if marker else None,
        "lon": marker.lon if marker else None,
        "radius_km": _uncertainty_km(marker, gazetteer) if marker else None,
        "path": _point_list(path, point_lists) if path else None,
        "path_km": path.length_km if path else None,
        "crossed": list(path.crossed) if path else [],
        **_route_check(path, places, by_role),
        "actors": _unique(a for m in mentions for a in m.actors),
        "claimants": claimants,
        "stance": _stance(mentions),
        "channels": _unique(m.channel for m in mentions if m.channel),
        "corrected": _unique(k for m in mentions for k in m.corrected),
        "disputed_by": [],
        "denies": [],
        "negated": any(m.negated for m in mentions),
        "hedged": all(m.hedged for m in mentions),
        "planned": all(m.planned for m in mentions),
        "quantities": _unique(f"{m.quantity} ({articles[m.article_id].source or m.article_id})" for m in mentions if m.quantity),
        "sources": sources,
        "articles": _unique(m.article_id for m in mentions),
        "sentence": mentions[0].sentence.text,
        "mentions": [_mention_dict(m) for m in mentions],
        "merge_reason": " | ".join(cluster.reasons),
    }


def _point_list(path, point_lists: dict[int, tuple[object, list]] | None) -> list[list[float]]:
    """The path's points as [[lat, lon], ...]; events of one table on the same route share the list (as the
    rows of a shallow copy of the table do), built once: a path has a point every 50 km."""
    if point_lists is None:
        return [list(p) for p in path.points]
    kept = point_lists.get(id(path))
    if kept is None or kept[0] is not path:  # the path is kept with its list, so its id is not reused meanwhile
        kept = point_lists[id(path)] = (path, [list(p) for p in path.points])
    return kept[1]


def _route_check(path, places: list[PlaceRole], by_role: dict) -> dict[str, list[str]]:
    """What the polygons say against what the text says: a path over a country nobody named, or a named
    airspace the straight course misses, is worth an analyst's look."""
    if path is None:
        return {"crossed_unnamed": [], "named_not_crossed": []}
    named = {r.place.country_code for r in places if r.place.country_code}
    unnamed = [name for name, code in zip(path.crossed, path.crossed_codes) if code not in named]
    route = [p for p in by_role["via"] if p.kind in ("country", "airspace") and p.country_code]
    missed = [p.name for p in route if p.country_code not in path.crossed_codes]
    return {"crossed_unnamed": unnamed, "named_not_crossed": missed}


def _label(kind: str, by_role: dict, claimants: list[str], mentions: list[EventMention]) -> str:
    name = kind.replace("_", " ").capitalize()
    if all(m.negated for m in mentions):
        name = "No " + name.lower()
    elif all(m.hedged for m in mentions):
        name = "Possible " + name.lower()
    elif all(m.planned for m in mentions):
        name = "Planned " + name.lower()
    if kind in SPEECH_TYPES and claimants:
        name += f" by {max(claimants, key=len)}"
    route = [p.name for role in ("origin", "via", "destination") for p in by_role[role]]
    if len(route) > 1:
        return f"{name}: {' → '.join(_unique(route))}"
    if by_role["location"]:
        return f"{name} in {by_role['location'][0].name}"
    if by_role["destination"]:
        return f"{name} {_TOWARD.get(kind, 'at')} {by_role['destination'][0].name}"
    where = (by_role["origin"] or by_role["via"] or [None])[0]
    return f"{name} from {where.name}" if where and by_role["origin"] else f"{name} over {where.name}" if where else name


def _stance(mentions: list[EventMention]) -> str:
    """Disputed if anyone disputes it; else asserted if anyone states it as fact; else reported."""
    stances = {m.stance for m in mentions}
    for stance in ("denied", "disputed", "asserted"):
        if stance in stances:
            return stance
    return "reported"


def _place_dict(role: PlaceRole) -> dict:
    p = role.place
    return {"role": role.role, "name": p.name, "kind": p.kind, "lat": p.lat, "lon": p.lon,
            "place_id": p.place_id, "country_code": p.country_code, "text": p.text, "confidence": p.confidence}


# Typical extents of area places without a polygon, km: enough to draw them as areas, not pins.
_AREA_RADIUS_KM = {"sea": 300.0, "region": 400.0, "lake": 60.0, "mountain": 150.0, "river": 120.0}
_UNCERTAIN_RADIUS_KM = 40.0  # a town whose reading is in doubt
_CONFIDENT = 0.7


def _uncertainty_km(place, gazetteer: Gazetteer) -> float | None:
    """The radius to draw an event's place as an area; None for a point placed with confidence."""
    if place.kind in ("country", "airspace") and place.country_code:
        try:
            radii = _COUNTRY_RADII.setdefault(gazetteer, {})
        except TypeError:  # a gazetteer that cannot be weakly referenced: no cache
            radii = {}
        if place.country_code not in radii:
            radii[place.country_code] = _country_radius_km(place.country_code, gazetteer)
        radius = radii[place.country_code]
        if radius is not None:
            return radius
    if place.kind in _AREA_RADIUS_KM:
        return _AREA_RADIUS_KM[place.kind]
    if place.confidence < _CONFIDENT:
        return _UNCERTAIN_RADIUS_KM
    return None


# Per gazetteer (held weakly, so the cache never keeps one alive): country code -> radius.
_COUNTRY_RADII: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _country_radius_km(code: str, gazetteer: Gazetteer) -> float | None:
    """The radius of a circle as large as the country's polygon; None without one."""
    country = gazetteer.country(code)
    shape = gazetteer.shape(country) if country else None
    if shape is None:
        return None
    km2 = shape.area * 111.32 ** 2 * math.cos(math.radians(shape.centroid.y))
    return round(min(math.sqrt(km2 / math.pi), 1500.0), 1)


def _mention_dict(m: EventMention) -> dict:
    return {"article_id": m.article_id, "start": m.sentence.start, "end": m.sentence.end,
            "trigger_start": m.trigger.start, "trigger_end": m.trigger.end, "trigger": m.trigger.text,
            "date": describe_date(m), "stance": m.stance, "claimant": m.claimant}


def _unique(items) -> list:
    return list(dict.fromkeys(items))
