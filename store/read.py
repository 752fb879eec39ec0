"""What readers (the dashboard, exports) take out of the store. Nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from extract.pipeline import Corpus
from extract.records import Article, EventMention, Extraction, PlaceMention, TimeExpr

from . import codec
from . import refresh as event_table
from .db import Store, get_meta


def events(store: Store) -> pd.DataFrame:
    """The events table (columns of `extract.table.COLUMNS`), as of the last completed ingest."""
    return event_table.read(store)


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


def article_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM articles").fetchone()[0]


def problems(store: Store) -> list[str]:
    """Every stored problem: unreadable dates, failed extractions, orphaned corrections, a stale events table."""
    out = [p for (text,) in store.db.execute("SELECT e.problems FROM extractions e JOIN articles a "
                                             "ON a.id = e.article_id ORDER BY a.seq") for p in json.loads(text)]
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
