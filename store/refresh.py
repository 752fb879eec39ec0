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
import time
from dataclasses import dataclass

import pandas as pd

from extract.merge import merge
from extract.records import Article, EventMention
from extract.table import COLUMNS, event_row, link_denials
from gazetteer import Gazetteer

from . import codec
from .db import Store, bump_generation, set_meta, transaction


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


def refresh(store: Store, gazetteer: Gazetteer, engine=None) -> RefreshStats:
    """Recompute the events table from every stored extraction, in one transaction.

    With an `engine` (`store.engines`), the rows of new or changed events are computed by its workers.
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
    cached = dict(store.db.execute("SELECT signature, row FROM events"))
    stats.load_s = time.perf_counter() - started

    started = time.perf_counter()
    clusters = merge(mentions)
    stats.merge_s = time.perf_counter() - started

    started = time.perf_counter()
    rows: list[dict | None] = []
    signatures, todo = [], []
    for cluster in clusters:
        signature = hashlib.sha1("|".join(whence[id(m)] for m in cluster.mentions).encode()).hexdigest()
        if signature in cached:
            row = json.loads(cached[signature])
            row["denies"], row["disputed_by"] = [], []
            rows.append(row)
        else:
            todo.append(len(rows))
            rows.append(None)
        signatures.append(signature)
    fresh = [clusters[i] for i in todo]
    if engine is not None and hasattr(engine, "rows") and len(fresh) > 64:
        computed = engine.rows(fresh, articles)
    else:
        computed = [event_row(c, articles, gazetteer) for c in fresh]
    for i, row in zip(todo, computed):
        rows[i] = row
    stats.computed, stats.reused = len(todo), len(rows) - len(todo)
    link_denials(clusters, rows, per_article)
    stats.rows_s = time.perf_counter() - started

    started = time.perf_counter()
    with transaction(store) as db:
        db.execute("DELETE FROM events")
        db.executemany(
            "INSERT INTO events (position, id, signature, type, date_start, date_end, lat, lon, row) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((i, r["id"], s, r["type"], r["date_start"], r["date_end"], r["lat"], r["lon"],
              json.dumps(r, ensure_ascii=False, separators=(",", ":")))
             for i, (r, s) in enumerate(zip(rows, signatures))))
        set_meta(db, "events_stale", "0")
        bump_generation(db)
    stats.write_s = time.perf_counter() - started
    stats.mentions, stats.events = len(mentions), len(rows)
    return stats


def read(store: Store) -> pd.DataFrame:
    """The stored events table, exactly as `extract.table.events_table` built it."""
    rows = [json.loads(r) for (r,) in store.db.execute("SELECT row FROM events ORDER BY position")]
    return pd.DataFrame(rows, columns=list(COLUMNS))
