"""Filtering the events table: plain functions, so they are tested without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class Filters:
    sources: tuple[str, ...] = ()  # empty: every source
    types: tuple[str, ...] = ()  # empty: every type
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Options:
    sources: list[str]
    types: list[str]
    first: date | None
    last: date | None


def options(events: pd.DataFrame) -> Options:
    sources = sorted({s for row in events["sources"] for s in row}) if len(events) else []
    types = sorted(set(events["type"])) if len(events) else []
    starts = [date.fromisoformat(d) for d in events["date_start"].dropna()] if len(events) else []
    ends = [date.fromisoformat(d) for d in events["date_end"].dropna()] if len(events) else []
    return Options(sources, types, min(starts + ends, default=None), max(starts + ends, default=None))


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
    if filters.start or filters.end:
        lo = filters.start or date.min
        hi = filters.end or date.max
        keep &= events.apply(lambda row: _overlaps(row, lo, hi), axis=1)
    return events[keep]


def _overlaps(row, lo: date, hi: date) -> bool:
    if not isinstance(row["date_end"], str):
        return False
    end = date.fromisoformat(row["date_end"])
    start = date.fromisoformat(row["date_start"]) if isinstance(row["date_start"], str) else end
    return start <= hi and end >= lo
