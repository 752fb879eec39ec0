"""What readers (the dashboard, exports) take out of the store. Nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from extract.pipeline import Corpus
from extract.records import Article, EventMention, Extraction, PlaceMention, TimeExpr
from extract.table import COLUMNS

from . import codec
from . import refresh as event_table
from .db import Store
from .schema import get_meta


def events(store: Store, *, since: str | None = None, until: str | None = None, types: Iterable[str] | None = None,
           bbox: tuple[float, float, float, float] | None = None, limit: int | None = None) -> pd.DataFrame:
    """The events table (columns of `extract.table.COLUMNS`), as of the last completed ingest.

    Filters run in SQL on indexed columns, so a view of a large store reads only its rows: `since`/`until`
    (ISO days) keep events whose days overlap them (undated events are left out by a date filter), `types`
    event types, `bbox` (south, west, north, east) markers inside it, `limit` the first rows.
    """
    if since is None and until is None and types is None and bbox is None and limit is None:
        return event_table.read(store)
    where, params = _where(since, until, types, bbox, longest_days=_longest_days(store))
    query = f"SELECT row FROM events{where} ORDER BY position" + (" LIMIT ?" if limit is not None else "")
    rows = [json.loads(r) for (r,) in store.db.execute(query, [*params, *([limit] if limit is not None else [])])]
    return pd.DataFrame(rows, columns=list(COLUMNS))


_PERIODS = {"day": "substr(date_start, 1, 10)", "week": "strftime('%Y-W%W', date_start)",
            "month": "substr(date_start, 1, 7)", "year": "substr(date_start, 1, 4)"}


def event_counts(store: Store, by: str = "day", **filters) -> pd.DataFrame:
    """Events per period (`by`: day, week, month or year, by first day) and type: a timeline of any size
    store without reading a single event's row. `filters` as for `events` (no `limit`)."""
    if by not in _PERIODS:
        raise ValueError(f"by must be one of {', '.join(_PERIODS)}")
    where, params = _where(**filters, longest_days=_longest_days(store))
    where = where + (" AND " if where else " WHERE ") + "date_start IS NOT NULL"
    query = (f"SELECT {_PERIODS[by]} AS period, type, count(*) AS events FROM events{where} "
             "GROUP BY period, type ORDER BY period, type")
    return pd.DataFrame(store.db.execute(query, params).fetchall(), columns=["period", "type", "events"])


def event_grid(store: Store, cell_degrees: float = 1.0, **filters) -> pd.DataFrame:
    """Events per map cell (`cell_degrees` square, centred): markers for a map of any size store."""
    where, params = _where(**filters, longest_days=_longest_days(store))
    where = where + (" AND " if where else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    cell = float(cell_degrees)
    query = (f"SELECT ({_floor('lat / ?')} + 0.5) * ? AS lat, ({_floor('lon / ?')} + 0.5) * ? AS lon, "
             f"count(*) AS events FROM events{where} GROUP BY 1, 2 ORDER BY events DESC, lat, lon")
    return pd.DataFrame(store.db.execute(query, [cell] * 8 + params).fetchall(),
                        columns=["lat", "lon", "events"])


def _floor(x: str) -> str:
    """floor() without SQLite's optional math functions: truncate, minus one below zero."""
    return f"(CAST({x} AS INTEGER) - (({x}) < CAST({x} AS INTEGER)))"


def _longest_days(store: Store) -> int | None:
    value = get_meta(store.db, "longest_days")
    return int(value) if value else None


def _where(since: str | None = None, until: str | None = None, types: Iterable[str] | None = None,
           bbox: tuple[float, float, float, float] | None = None, *,
           longest_days: int | None = None) -> tuple[str, list]:
    """`longest_days`, the longest date range of any event, bounds how early an event that reaches `since` can
    start: the date index then finds the events of some days without reading every earlier one."""
    clauses, params = [], []
    if since is not None:
        clauses.append("date_end >= ?")
        params.append(since)
        if longest_days is not None:
            clauses.append("date_start >= coalesce(date(?, ?), '')")  # no bound where SQLite has no such date
            params.extend([since, f"-{longest_days} days"])
    if until is not None:
        clauses.append("date_start <= ?")
        params.append(until)
    if types is not None:
        types = list(types)
        clauses.append(f"type IN ({','.join('?' * len(types))})")
        params.extend(types)
    if bbox is not None:
        south, west, north, east = bbox
        clauses.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
        params.extend([south, north, west, east])
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def articles(store: Store, ids: Iterable[str] | None = None) -> list[Article]:
    """Stored articles in ingest order, all or those of `ids`."""
    query = "SELECT id, text, metadata FROM articles"
    if ids is None:
        rows = store.db.execute(query + " ORDER BY seq")
    else:
        ids = list(ids)
        rows = _in(store, query, "id", ids, " ORDER BY seq")
    return [codec.article_from(i, text, json.loads(meta)) for i, text, meta in rows]


def extractions(store: Store, article_ids: Iterable[str] | None = None) -> list[Extraction]:
    """Stored extractions (with their articles) in ingest order, all or those of `article_ids`."""
    query = ("SELECT a.id, a.text, a.metadata, e.timexes, e.places, e.events FROM articles a "
             "JOIN extractions e ON e.article_id = a.id")
    rows = (store.db.execute(query + " ORDER BY a.seq") if article_ids is None
            else _in(store, query, "a.id", list(article_ids), " ORDER BY a.seq"))
    return [Extraction(codec.article_from(i, text, json.loads(meta)), codec.loads(TimeExpr, timexes),
                       codec.loads(PlaceMention, places), codec.loads(EventMention, mentions))
            for i, text, meta, timexes, places, mentions in rows]


_DAY_PERIODS = {"day": "day", "week": "date(day, '-6 days', 'weekday 1')", "month": "substr(day, 1, 7) || '-01'",
                "year": "substr(day, 1, 4) || '-01-01'"}


def day_counts(store: Store, by: str = "month") -> pd.DataFrame:
    """Events per period (its first day, ISO) and type over the whole store, from the counts each refresh
    keeps (`event_days`): the shape of a store of any size, without reading an event's row."""
    if by not in _DAY_PERIODS:
        raise ValueError(f"by must be one of {', '.join(_DAY_PERIODS)}")
    query = (f"SELECT {_DAY_PERIODS[by]} AS period, type, sum(events) FROM event_days "
             "GROUP BY period, type ORDER BY period, type")
    return pd.DataFrame(store.db.execute(query).fetchall(), columns=["period", "type", "events"])


def days_holding(store: Store, since: str, until: str, limit: int) -> tuple[str, int]:
    """The first of the days from `since` to `until` that a page holding at most `limit` events reads:
    `since` when they all fit, else the first of the latest days that do (at least the latest day with
    events, however many it holds); and how many events the days from `since` to `until` hold. From the
    kept counts, so a page of a store of any size reads a bounded number of rows."""
    days = store.db.execute("SELECT day, sum(events) FROM event_days WHERE day BETWEEN ? AND ? GROUP BY day "
                            "ORDER BY day DESC", [since, until]).fetchall()  # the latest first
    total = sum(events for _, events in days)
    if total <= limit:
        return since, total
    first, held = until, 0
    for day, events in days:
        if held and held + events > limit:
            break
        first, held = day, held + events
    return first, total


def event_span(store: Store) -> tuple[int, str | None, str | None]:
    """How many events the store holds, and the first and last day they cover, as kept with the events table
    (`schema.keep_counts`): counting them would read millions of rows."""
    count, first, last = (get_meta(store.db, key) for key in ("events", "first_day", "last_day"))
    return int(count or 0), first or None, last or None


def article_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM articles").fetchone()[0]


def problems(store: Store, limit: int = 1000) -> list[str]:
    """The stored problems (of the first `limit` articles that have any): unreadable dates, failed extractions,
    orphaned corrections, a stale events table."""
    out = [p for (text,) in store.db.execute("SELECT e.problems FROM extractions e JOIN articles a "
                                             "ON a.id = e.article_id WHERE e.problems != '[]' ORDER BY a.seq "
                                             "LIMIT ?", (limit,)) for p in json.loads(text)]
    if get_meta(store.db, "events_stale") != "0":
        out.append(f"{store.path}: the events table is older than the extractions (an ingest was interrupted); "
                   "run chronomap ingest again to recompute it")
    return out


def generation(store: Store) -> int:
    """A number that grows with every change: a cache key for readers (`st.cache_data`)."""
    return int(get_meta(store.db, "generation", "0"))


def corpus(store: Store) -> Corpus:
    """Everything the dashboard used to build from a folder, read from the store instead."""
    found = extractions(store)
    return Corpus([e.article for e in found], found, events(store), problems(store))


def _in(store: Store, query: str, column: str, values: list[str], tail: str = ""):
    """`query WHERE column IN values` in chunks (SQLite caps the number of parameters)."""
    out = []
    for i in range(0, len(values), 500):
        chunk = values[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.extend(store.db.execute(f"{query} WHERE {column} IN ({marks}){tail}", chunk))
    return out
