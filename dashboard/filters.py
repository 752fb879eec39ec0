"""Filtering the events table, and the filters as URL parameters: plain functions, tested without Streamlit.

A copied link must reproduce the view, so every filter has a query-string
form; unknown or malformed values in a link are dropped, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

import pandas as pd

STANCES = ("asserted", "reported", "disputed", "denied")


@dataclass(frozen=True)
class Filters:
    """An empty tuple means no restriction on that field."""

    sources: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place names or countries, any role
    actors: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Options:
    sources: list[str]
    types: list[str]
    places: list[str]
    actors: list[str]
    stances: list[str]
    precisions: list[str]
    first: date | None
    last: date | None


def options(events: pd.DataFrame) -> Options:
    if not len(events):
        return Options([], [], [], [], [], [], None, None)
    first, last = date_bounds(events)
    return Options(
        sources=sorted({s for row in events["sources"] for s in row}),
        types=sorted(set(events["type"])),
        places=sorted({name for row in events["places"] for name in _place_names(row)}),
        actors=sorted({a for row in events["actors"] for a in row}),
        stances=[s for s in STANCES if s in set(events["stance"])],
        precisions=sorted(set(events["date_precision"])),
        first=first,
        last=last,
    )


def date_bounds(events: pd.DataFrame) -> tuple[date | None, date | None]:
    """The first and last day the events cover (ISO strings sort as dates)."""
    days = pd.concat([events["date_start"], events["date_end"]]).dropna() if len(events) else pd.Series([])
    if not len(days):
        return None, None
    return date.fromisoformat(days.min()), date.fromisoformat(days.max())


def apply(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events matching every filter; an event matches a date range when its own range overlaps it."""
    if not len(events):
        return events
    keep = pd.Series(True, index=events.index)
    if filters.sources:
        wanted = set(filters.sources)
        keep &= events["sources"].map(lambda s: bool(wanted & set(s)))
    if filters.types:
        keep &= events["type"].isin(filters.types)
    if filters.places:
        wanted_places = set(filters.places)
        keep &= events["places"].map(lambda p: bool(wanted_places & _place_names(p)))
    if filters.actors:
        wanted_actors = set(filters.actors)
        keep &= events["actors"].map(lambda a: bool(wanted_actors & set(a)))
    if filters.stances:
        keep &= events["stance"].isin(filters.stances)
    if filters.precisions:
        keep &= events["date_precision"].isin(filters.precisions)
    if filters.start or filters.end:
        lo, hi = (filters.start or date.min).isoformat(), (filters.end or date.max).isoformat()
        end = events["date_end"]
        start = events["date_start"].where(events["date_start"].notna(), end)  # a reported day: its own range
        keep &= (end.notna() & (start <= hi) & (end >= lo)).fillna(False).astype(bool)
    return events[keep]


def to_query(filters: Filters) -> dict[str, list[str]]:
    """URL parameters for the filters that restrict something: the same link gives the same view."""
    query: dict[str, list[str]] = {}
    for field in fields(Filters):
        value = getattr(filters, field.name)
        if isinstance(value, tuple) and value:
            query[field.name] = list(value)
        elif isinstance(value, date):
            query[field.name] = [value.isoformat()]
    return query


def from_query(query: Mapping[str, list[str]], opts: Options) -> Filters:
    """Filters from URL parameters, keeping only values this corpus offers; bad dates are ignored."""
    allowed = {"sources": opts.sources, "types": opts.types, "places": opts.places, "actors": opts.actors,
               "stances": opts.stances, "precisions": opts.precisions}
    values: dict = {name: tuple(v for v in query.get(name, []) if v in set(choices))
                    for name, choices in allowed.items()}
    for name in ("start", "end"):
        values[name] = _iso(query.get(name, [None])[0])
    return Filters(**values)


def _iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _place_names(places) -> set[str]:
    """Names under which an event can be found by place: each place's, an airspace's also as its country's."""
    names = set()
    for place in places or []:
        names.add(place["name"])
        if place.get("kind") == "airspace":
            names.add(place["name"].removesuffix(" airspace"))
    return names
