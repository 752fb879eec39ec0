"""Ingest: articles into the store, incrementally and one article per transaction.

An article already stored with the same id and content hash is skipped; a
changed one has its row and extraction replaced (keeping its place in the
ingest order, so events merge as before); its analysts' corrections, kept in
their own table, are applied again. Each article is written in one
transaction, so a crash leaves every earlier article whole and no later one
half-written; the events table is marked stale in the same transaction and
recomputed at the end (or at the next ingest, after a crash).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from extract.records import Article
from gazetteer import Gazetteer, default_gazetteer

from . import merge_state
from . import refresh as event_table
from .db import Store, transaction
from .engines import Engine, LocalEngine
from .fixes import corrections_by_article
from .schema import get_meta, set_meta
from .work import Encoded, content_hash


@dataclass(frozen=True)
class Step:
    """One article done: what happened to it and how far the ingest is."""

    article_id: str
    status: str  # new, changed, unchanged, failed
    done: int
    total: int | None
    message: str | None = None


Progress = Callable[[Step], None]


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # one line each, naming the article
    events: int = 0
    seconds: float = 0.0
    refresh: event_table.RefreshStats | None = None

    @property
    def articles(self) -> int:
        return self.new + self.changed + self.unchanged + len(self.failed)


def ingest(store: Store, articles: Iterable[Article], *, progress: Progress | None = None,
           gazetteer: Gazetteer | None = None, engine: Engine | None = None, total: int | None = None,
           force: bool = False, geocoder: Callable[[str], object] | None = None) -> IngestReport:
    """Add or update `articles` (any iterable, read lazily in batches) and bring the events table up to date,
    every `refresh.APPEND_CHUNK` articles while only new ones come, else once at the end.

    `geocoder` is the opt-in online look-up for names the gazetteer lacks (local engine only); None stays offline.
    `progress` is called once per article; `total` is passed on to it when the caller knows the count.
    `force` re-extracts unchanged articles too (after the extraction code changed).
    """
    started = time.perf_counter()
    engine = engine or LocalEngine(gazetteer, geocoder=geocoder)
    report = IngestReport()
    known = dict(store.db.execute("SELECT article_id, content_hash FROM extractions"))
    fixes = corrections_by_article(store)
    counter = {"done": 0, "unmerged": 0}  # articles advanced; written since the events table was refreshed

    def advance(article_id: str, status: str, message: str | None = None) -> None:
        counter["done"] += 1
        if progress:
            progress(Step(article_id, status, counter["done"], total, message))

    def write_all(pending) -> None:
        for encoded in pending.result():
            status = write(store, encoded)
            counter["unmerged"] += 1
            known[encoded.article_id] = "" if encoded.failed else encoded.content_hash
            message = None
            if status == "failed":
                message = next((p for p in json.loads(encoded.problems) if "extraction failed" in p), "failed")
                report.failed.append(message)
            else:
                setattr(report, status, getattr(report, status) + 1)
            advance(encoded.article_id, status, message)

    def merge_written(final: bool = False) -> None:
        """Merge the articles written so far into the events table: at the end, and on the way once a chunk's
        worth waits and can be appended (so while the engine's workers extract the next batch): a long ingest
        shows its events as it goes. A changed article makes the kept state invalid: one full merge at the end."""
        nonlocal gazetteer
        if not final and (counter["unmerged"] < event_table.APPEND_CHUNK or merge_state.valid_through(store.db) < 0):
            return
        if gazetteer is None:
            gazetteer = engine.gazetteer if isinstance(engine, LocalEngine) else default_gazetteer()
        stats = event_table.refresh(store, gazetteer)
        report.refresh = stats if report.refresh is None else report.refresh.then(stats)
        counter["unmerged"] = 0

    # Pipelined: batch k+1 is extracted (by the engine's workers) while batch k is written and merged here.
    iterator, pending = iter(articles), None
    while batch := list(itertools.islice(iterator, engine.batch_size)):
        tasks, hashes = [], {}
        for article in batch:
            digest = content_hash(article)
            if not force and known.get(article.id) == digest:
                report.unchanged += 1
                advance(article.id, "unchanged")
                continue
            if hashes.get(article.id) == digest:
                continue  # the same article twice in one batch: once is enough
            hashes[article.id] = digest
            tasks.append((article, tuple(fixes.get(article.id, ()))))
        submitted = engine.submit(tasks) if tasks else None
        if pending is not None:
            write_all(pending)
            merge_written()
        pending = submitted
    if pending is not None:
        write_all(pending)
    if get_meta(store.db, "events_stale") != "0":
        merge_written(final=True)
    report.events = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    report.seconds = time.perf_counter() - started
    return report


def write(store: Store, encoded: Encoded) -> str:
    """Write one article and its extraction in one transaction; new, changed or failed."""
    with transaction(store) as db:
        return put(db, encoded)


def put(db: sqlite3.Connection, encoded: Encoded) -> str:
    """The writes of one article, inside the caller's transaction; new, changed or failed.

    A failed extraction is stored with an empty content hash, so the next ingest tries the article again.
    """
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    exists = db.execute("SELECT seq FROM articles WHERE id = ?", (encoded.article_id,)).fetchone()
    if exists:
        merge_state.invalidate_from(db, exists[0])
        db.execute("UPDATE articles SET content_hash = ?, text = ?, metadata = ?, published = ?, ingested = ? "
                   "WHERE id = ?", (encoded.content_hash, encoded.text, encoded.metadata, encoded.published, now,
                                    encoded.article_id))
    else:
        db.execute("INSERT INTO articles (id, content_hash, text, metadata, published, ingested) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (encoded.article_id, encoded.content_hash, encoded.text,
                                                 encoded.metadata, encoded.published, now))
    db.execute("INSERT OR REPLACE INTO extractions (article_id, content_hash, timexes, places, events, problems, "
               "extracted) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (encoded.article_id, "" if encoded.failed else encoded.content_hash, encoded.timexes,
                encoded.places, encoded.events, encoded.problems, now))
    set_meta(db, "events_stale", "1")
    if encoded.failed:
        return "failed"
    return "changed" if exists else "new"


def refresh_if_stale(store: Store, gazetteer: Gazetteer | None = None) -> event_table.RefreshStats | None:
    """Recompute the events table if a change (or a crash mid-ingest) left it behind the extractions."""
    if get_meta(store.db, "events_stale") == "0":
        return None
    return event_table.refresh(store, gazetteer or default_gazetteer())
