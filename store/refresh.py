"""The events table of a store, kept equal to a merge of every stored article after each change.

Merging is across articles, greedy in ingest order (extract.merge.Merger).
When only new articles came since the last refresh, their mentions are
merged into the state the store keeps (store/merge_state.py), a chunk of
articles per transaction: the cost follows the new articles, not the store.
Otherwise (the first refresh, a changed article, other merge rules) every
stored mention is merged again, in ingest order, as `build_corpus` would;
then an event's row (label, paths over the boundary polygons, uncertainty
radius), a function of its cluster's mentions and their articles' sources,
is reused when its cluster's signature is already in the table. Denial links,
which span events, are recomputed with it.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass

import pandas as pd

from extract.merge import Merger, cycle_collection_paused
from extract.records import Article, EventMention
from extract.table import COLUMNS, event_id, event_row, link_denials
from gazetteer import Gazetteer

from . import codec, merge_state, schema
from .db import Store, bump_generation, transaction
from .merge_state import Kept, Ref, StoredMerger
from .schema import get_meta, set_meta

CHUNK = 2048  # events made and written at a time by a full refresh
APPEND_CHUNK = 1000  # new articles merged and written per transaction by an appending refresh
_SQL_JSON = sqlite3.sqlite_version_info >= (3, 38)  # JSON functions built in
_ARTICLES = "SELECT a.seq, a.id, a.metadata, e.events FROM articles a JOIN extractions e ON e.article_id = a.id "


@dataclass
class RefreshStats:
    """What a refresh of the events table did and how long each step took (seconds)."""

    mode: str = "full"  # or "append": only new articles merged
    articles: int = 0  # articles whose mentions were merged
    mentions: int = 0  # their mentions
    events: int = 0
    reused: int = 0
    computed: int = 0
    load_s: float = 0.0
    merge_s: float = 0.0
    rows_s: float = 0.0
    write_s: float = 0.0

    def then(self, later: RefreshStats) -> RefreshStats:
        """Two refreshes one after the other, as one: times and counts added, the later table's size."""
        total = RefreshStats(mode="append" if self.mode == later.mode == "append" else "full", events=later.events)
        for name in ("articles", "mentions", "computed", "load_s", "merge_s", "rows_s", "write_s"):
            setattr(total, name, getattr(self, name) + getattr(later, name))
        total.reused = max(0, total.events - total.computed)
        return total


def refresh(store: Store, gazetteer: Gazetteer, chunk: int = CHUNK, append_chunk: int | None = None,
            full: bool = False) -> RefreshStats:
    """Bring the events table up to date with the stored extractions: by merging only new articles when the
    kept state allows it (and `full` is not asked), else by merging all. Readers see the old table until each
    transaction commits; an appending refresh commits a chunk of articles at a time, each a table equal to a
    merge of every article up to it."""
    through = merge_state.valid_through(store.db)
    if through >= 0 and not full:
        return _append(store, gazetteer, through, append_chunk or APPEND_CHUNK)
    return _full(store, gazetteer, chunk)


def _digest(source: str | None, events_json: str) -> str:
    """An article's part of a cluster signature: what its mentions and its rows' sources were made from."""
    return hashlib.sha1(f"{source}\0{events_json}".encode()).hexdigest()[:16]


def _signature(refs: list[Ref], digests: dict[str, str]) -> str:
    return hashlib.sha1("|".join(f"{a}:{digests[a]}:{i}" for a, i in refs).encode()).hexdigest()


def _row_json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def _row_values(position: int, signature: str, row: dict) -> tuple:
    return (position, row["id"], signature, row["type"], row["date_start"], row["date_end"], row["lat"], row["lon"],
            _row_json(row))


_INSERT = "(position, id, signature, type, date_start, date_end, lat, lon, row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _full(store: Store, gazetteer: Gazetteer, chunk: int) -> RefreshStats:
    """Merge every stored mention; memory stays near that of the mentions: rows are made (or read back, when
    reused) and written a chunk at a time into a temporary table, and denial links are computed from event
    ids alone. Rows are computed here, not by an engine's workers: sending clusters and rows between processes
    cost more than it saved (bench/ingest.py, 1,000 articles: 4.1 s here, 9.9 s in a 2-process pool, 21.7 s
    on Dask)."""
    stats = RefreshStats()
    started = time.perf_counter()
    mentions: list[EventMention] = []
    per_article: dict[str, list[EventMention]] = {}
    articles: dict[str, Article] = {}
    digests: dict[str, str] = {}
    ref_of: dict[int, Ref] = {}  # id(mention) -> where it is
    through = -1
    for seq, article_id, metadata, events_json in store.db.execute(_ARTICLES + "ORDER BY a.seq"):
        _read_article(article_id, metadata, events_json, per_article, articles, digests)
        found = per_article[article_id]
        for index, mention in enumerate(found):
            ref_of[id(mention)] = (article_id, index)
        mentions.extend(found)
        through = seq
    stored = set(r[0] for r in store.db.execute("SELECT signature FROM events"))
    stats.load_s = time.perf_counter() - started

    started = time.perf_counter()
    merger = Merger()
    with cycle_collection_paused():
        for mention in mentions:
            merger.add(mention)
    clusters = merger.clusters
    stats.merge_s = time.perf_counter() - started

    started = time.perf_counter()
    refs = [[ref_of[id(m)] for m in c.mentions] for c in clusters]
    signatures = [_signature(r, digests) for r in refs]
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
            out.append(_row_values(i, signatures[i], row))
        db.execute("BEGIN")
        db.executemany("INSERT INTO temp.fresh_events " + _INSERT, out)
        # A reused row is copied inside SQLite, only its denial links set anew: no JSON through Python.
        db.executemany("INSERT INTO temp.fresh_events SELECT ?, id, signature, type, date_start, date_end, lat, lon, "
                       "json_set(row, '$.denies', json(?), '$.disputed_by', json(?)) FROM main.events "
                       "WHERE signature = ? LIMIT 1", kept)
        db.execute("COMMIT")
        write_s += time.perf_counter() - tick
    position = {link["id"]: i for i, link in enumerate(links)}
    state = {i: Kept(c, refs[i], [position[e] for e in links[i]["denies"]],
                     sorted(position[e] for e in links[i]["disputed_by"])) for i, c in enumerate(clusters)}
    stats.rows_s = time.perf_counter() - started - write_s

    started = time.perf_counter()
    with transaction(store) as db:
        db.execute("DELETE FROM main.events")
        db.execute("INSERT INTO main.events SELECT * FROM temp.fresh_events ORDER BY position")
        schema.keep_counts(db)
        merge_state.replace_all(db, state, merger.index, through)
        set_meta(db, "events_stale", "0")
        bump_generation(db)
    store.db.execute("DROP TABLE temp.fresh_events")
    stats.write_s = write_s + time.perf_counter() - started
    stats.articles, stats.mentions, stats.events = len(articles), len(mentions), len(clusters)
    return stats


def _append(store: Store, gazetteer: Gazetteer, through: int, per_chunk: int) -> RefreshStats:
    """Merge the articles after `through` into the kept state, `per_chunk` articles per transaction."""
    stats = RefreshStats(mode="append")
    computed: set[int] = set()
    while True:
        started = time.perf_counter()
        batch = store.db.execute(_ARTICLES + "WHERE a.seq > ? ORDER BY a.seq LIMIT ?", (through, per_chunk)).fetchall()
        stats.load_s += time.perf_counter() - started
        if not batch:
            break
        computed |= _append_chunk(store, gazetteer, batch, stats)
        through = batch[-1][0]
    with transaction(store) as db:
        # Stale again if another process stored an article meanwhile: its own refresh merges it.
        newer = db.execute("SELECT 1 FROM articles WHERE seq > ? LIMIT 1", (through,)).fetchone()
        set_meta(db, "events_stale", "1" if newer or merge_state.valid_through(db) < 0 else "0")
    stats.events = int(get_meta(store.db, "events", "0") or 0)
    stats.computed, stats.reused = len(computed), stats.events - len(computed)
    return stats


def _append_chunk(store: Store, gazetteer: Gazetteer, batch: list[tuple], stats: RefreshStats) -> set[int]:
    """Merge one chunk of new articles and write what changed in one transaction; the positions made again."""
    db = store.db
    started = time.perf_counter()
    per_article: dict[str, list[EventMention]] = {}
    articles: dict[str, Article] = {}
    digests: dict[str, str] = {}
    for _, article_id, metadata, events_json in batch:
        _read_article(article_id, metadata, events_json, per_article, articles, digests)
    stats.load_s += time.perf_counter() - started

    started = time.perf_counter()
    merger = StoredMerger(db)
    first_new = merger.next
    placed: dict[Ref, int] = {}
    with cycle_collection_paused():
        for article_id, found in per_article.items():
            for index, mention in enumerate(found):
                placed[(article_id, index)] = merger.add_mention(mention, (article_id, index))
    linked = _link_denials(merger, per_article, placed)  # before earlier articles are read back
    stats.merge_s += time.perf_counter() - started

    started = time.perf_counter()
    took = sorted(merger.took)
    wanted: dict[str, set[int]] = {}
    for i in took:
        for a, k in merger.kept[i].refs:
            wanted.setdefault(a, set()).add(k)
    _read_missing(db, wanted, per_article, articles, digests)
    for i in took:
        kept = merger.kept[i]
        kept.cluster.mentions = [per_article[a][k] for a, k in kept.refs]
    ids = _ids(db, merger, took)
    rows = {}
    with cycle_collection_paused():
        for i in took:
            kept = merger.kept[i]
            row = event_row(kept.cluster, articles, gazetteer)
            row["denies"], row["disputed_by"] = [ids[p] for p in kept.denies], [ids[p] for p in kept.disputed_by]
            rows[i] = _row_values(i, _signature(kept.refs, digests), row)
    relinked = [(json.dumps([ids[p] for p in merger.kept[i].disputed_by]), i) for i in sorted(linked - merger.took)]
    stats.rows_s += time.perf_counter() - started

    started = time.perf_counter()
    with transaction(store) as db:
        changed = took + [i for _, i in relinked]
        before = schema.span_rows(db, changed)
        db.executemany("INSERT OR REPLACE INTO main.events " + _INSERT, rows.values())
        for disputed_by, i in relinked:
            (text,) = db.execute("SELECT row FROM main.events WHERE position = ?", (i,)).fetchone()
            row = json.loads(text)
            row["disputed_by"] = json.loads(disputed_by)
            db.execute("UPDATE main.events SET row = ? WHERE position = ?", (_row_json(row), i))
        schema.change_counts(db, before, schema.span_rows(db, changed), merger.next - first_new)
        merge_state.save(db, {i: merger.kept[i] for i in changed}, merger.index, batch[-1][0])
        bump_generation(db)
    stats.write_s += time.perf_counter() - started
    stats.articles += len(batch)
    stats.mentions += len(placed)
    return merger.took


def _read_article(article_id: str, metadata: str, events_json: str, per_article: dict, articles: dict,
                  digests: dict, only: set[int] | None = None) -> None:
    """An article's mentions (those at `only`, if given), its source and digest. Rows need only each article's
    source: the text stays in the file."""
    source = json.loads(metadata).get("source")
    articles[article_id] = Article(article_id, "", source=source)
    per_article[article_id] = codec.loads(EventMention, events_json, only)
    digests[article_id] = _digest(source, events_json)


def _read_missing(db: sqlite3.Connection, wanted: dict[str, set[int]], per_article: dict, articles: dict,
                  digests: dict) -> None:
    """Read back the mentions the changed clusters hold in earlier articles (only those)."""
    missing = sorted(wanted.keys() - per_article.keys())
    for first in range(0, len(missing), 500):
        ids = missing[first:first + 500]
        for _, article_id, metadata, events_json in db.execute(
                _ARTICLES + f"WHERE a.id IN ({','.join('?' * len(ids))})", ids):
            _read_article(article_id, metadata, events_json, per_article, articles, digests, wanted[article_id])


def _link_denials(merger: StoredMerger, per_article: dict[str, list[EventMention]],
                  placed: dict[Ref, int]) -> set[int]:
    """Denial links of the new mentions, as `link_denials` makes them for a merge of everything: a denier lists
    its targets in its mentions' order, a target its deniers by position. The positions whose links changed."""
    changed = set()
    for article_id, found in per_article.items():
        for index, mention in enumerate(found):
            if mention.denies is None:
                continue
            own, target = placed[(article_id, index)], placed[(article_id, mention.denies)]
            denier = merger.get(own)
            if target != own and target not in denier.denies:
                denier.denies.append(target)
                bisect.insort(merger.get(target).disputed_by, own)
                changed.update((own, target))
    return changed


def _ids(db: sqlite3.Connection, merger: StoredMerger, took: list[int]) -> dict[int, str]:
    """Event ids of the changed clusters (their mentions read back) and of the positions they link to."""
    ids = {i: event_id(merger.kept[i].cluster) for i in took}
    wanted = {p for kept in merger.kept.values() for p in (*kept.denies, *kept.disputed_by)}
    for p in sorted(wanted - ids.keys()):
        (ids[p],) = db.execute("SELECT id FROM main.events WHERE position = ?", (p,)).fetchone()
    return ids


def read(store: Store) -> pd.DataFrame:
    """The stored events table, exactly as `extract.table.events_table` built it."""
    rows = [json.loads(r) for (r,) in store.db.execute("SELECT row FROM events ORDER BY position")]
    return pd.DataFrame(rows, columns=list(COLUMNS))
