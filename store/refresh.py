"""The events table of a store, recomputed after every change from all stored event mentions.

Merging is across articles, so any article can change any event: the
mentions of every article are merged again, in ingest order (as
`build_corpus` would, given the articles in that order). What is incremental
is the costly part after merging: an event's row (label, paths over the
boundary polygons, uncertainty radius) is a function of its cluster's
mentions and their articles' sources, so a cluster whose signature is
already in the table keeps its row; only new or changed clusters are
computed. Denial links, which span events, are always recomputed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass

import pandas as pd

from extract.merge import merge
from extract.records import Article, EventMention
from extract.table import COLUMNS, event_id, event_row, link_denials
from gazetteer import Gazetteer

from . import codec, schema
from .db import Store, bump_generation, transaction
from .schema import set_meta

CHUNK = 2048  # events made and written at a time
_SQL_JSON = sqlite3.sqlite_version_info >= (3, 38)  # JSON functions built in


@dataclass
class RefreshStats:
    """What a recomputation of the events table did and how long each step took (seconds)."""

    mentions: int = 0
    events: int = 0
    reused: int = 0
    computed: int = 0
    load_s: float = 0.0
    merge_s: float = 0.0
    rows_s: float = 0.0
    write_s: float = 0.0


def refresh(store: Store, gazetteer: Gazetteer, chunk: int = CHUNK) -> RefreshStats:
    """Recompute the events table from every stored extraction; readers see the old table until the new one
    is committed in one transaction.

    Memory stays near that of the mentions: rows are made (or read back, when reused) and written a chunk at
    a time into a temporary table, and denial links are computed from event ids alone. Rows are computed
    here, not by an engine's workers: sending clusters and rows between processes cost more than it saved
    (bench/ingest.py, 1,000 articles: 4.1 s here, 9.9 s in a 2-process pool, 21.7 s on Dask).
    """
    stats = RefreshStats()
    started = time.perf_counter()
    mentions: list[EventMention] = []
    per_article: dict[str, list[EventMention]] = {}
    articles: dict[str, Article] = {}
    whence: dict[int, str] = {}  # id(mention) -> its part of a cluster signature
    query = ("SELECT a.id, a.metadata, e.events FROM articles a JOIN extractions e ON e.article_id = a.id "
             "ORDER BY a.seq")
    for article_id, metadata, events_json in store.db.execute(query):
        meta = json.loads(metadata)
        # Rows need only each article's source; the text stays in the file.
        articles[article_id] = Article(article_id, "", source=meta.get("source"))
        found = codec.loads(EventMention, events_json)
        per_article[article_id] = found
        digest = hashlib.sha1(f"{meta.get('source')}\0{events_json}".encode()).hexdigest()[:16]
        for index, mention in enumerate(found):
            whence[id(mention)] = f"{article_id}:{digest}:{index}"
        mentions.extend(found)
    stored = set(r[0] for r in store.db.execute("SELECT signature FROM events"))
    stats.load_s = time.perf_counter() - started

    started = time.perf_counter()
    clusters = merge(mentions)
    stats.merge_s = time.perf_counter() - started

    started = time.perf_counter()
    signatures = [hashlib.sha1("|".join(whence[id(m)] for m in c.mentions).encode()).hexdigest() for c in clusters]
    links = [{"id": event_id(c), "denies": [], "disputed_by": []} for c in clusters]
    link_denials(clusters, links, per_article)
    db = store.db
    db.execute("DROP TABLE IF EXISTS temp.fresh_events")
    db.execute("CREATE TEMP TABLE fresh_events AS SELECT * FROM main.events WHERE 0")
    write_s = 0.0
    for first in range(0, len(clusters), chunk):
        span = range(first, min(first + chunk, len(clusters)))
        todo = [i for i in span if signatures[i] not in stored]
        made = {i: event_row(clusters[i], articles, gazetteer) for i in todo}
        stats.computed += len(todo)
        stats.reused += len(span) - len(todo)
        tick = time.perf_counter()
        out, kept = [], []
        for i in span:
            row = made.get(i)
            if row is None and _SQL_JSON:
                kept.append((i, json.dumps(links[i]["denies"]), json.dumps(links[i]["disputed_by"]), signatures[i]))
                continue
            if row is None:
                (text,) = db.execute("SELECT row FROM main.events WHERE signature = ? LIMIT 1",
                                     (signatures[i],)).fetchone()
                row = json.loads(text)
            row["denies"], row["disputed_by"] = links[i]["denies"], links[i]["disputed_by"]
            out.append((i, row["id"], signatures[i], row["type"], row["date_start"], row["date_end"], row["lat"],
                        row["lon"], json.dumps(row, ensure_ascii=False, separators=(",", ":"))))
        db.execute("BEGIN")
        db.executemany("INSERT INTO temp.fresh_events (position, id, signature, type, date_start, date_end, lat, "
                       "lon, row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", out)
        # A reused row is copied inside SQLite, only its denial links set anew: no JSON through Python.
        db.executemany("INSERT INTO temp.fresh_events SELECT ?, id, signature, type, date_start, date_end, lat, lon, "
                       "json_set(row, '$.denies', json(?), '$.disputed_by', json(?)) FROM main.events "
                       "WHERE signature = ? LIMIT 1", kept)
        db.execute("COMMIT")
        write_s += time.perf_counter() - tick
    stats.rows_s = time.perf_counter() - started - write_s

    started = time.perf_counter()
    with transaction(store) as db:
        db.execute("DELETE FROM main.events")
        db.execute("INSERT INTO main.events SELECT * FROM temp.fresh_events ORDER BY position")
        schema.keep_counts(db)
        set_meta(db, "events_stale", "0")
        bump_generation(db)
    store.db.execute("DROP TABLE temp.fresh_events")
    stats.write_s = write_s + time.perf_counter() - started
    stats.mentions, stats.events = len(mentions), len(clusters)
    return stats


def read(store: Store) -> pd.DataFrame:
    """The stored events table, exactly as `extract.table.events_table` built it."""
    rows = [json.loads(r) for (r,) in store.db.execute("SELECT row FROM events ORDER BY position")]
    return pd.DataFrame(rows, columns=list(COLUMNS))
