"""The store's tables and how a file of an older version is brought up to date.

`MIGRATIONS[i]` turns a version-i file into version i+1; a new file runs them
all. Each runs in the transaction that records the new version, so a file is
always at exactly one version. Never edit a released migration: append one.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone


def _run(db: sqlite3.Connection, script: str) -> None:
    """Statements one by one: `executescript` would commit the migration's transaction half-way."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1_articles_extractions_corrections(db: sqlite3.Connection) -> None:
    """Articles in ingest order (`seq`, the order events are merged in), one extraction each, corrections."""
    _run(db, """
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            metadata TEXT NOT NULL,          -- JSON: title, source, published, url, language, path, problems
            published TEXT,                  -- ISO day, copied out of metadata for queries
            ingested TEXT NOT NULL
        );
        CREATE TABLE extractions (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,      -- of the article text the extraction was made from
            timexes TEXT NOT NULL,           -- JSON lists of extract.records dataclasses (store.codec)
            places TEXT NOT NULL,
            events TEXT NOT NULL,
            problems TEXT NOT NULL,          -- JSON list of messages (failures, orphaned corrections)
            extracted TEXT NOT NULL
        );
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value TEXT NOT NULL,
            analyst TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX corrections_by_article ON corrections(article_id);
    """)


def _v2_events(db: sqlite3.Connection) -> None:
    """The merged events table, each row kept with the signature of its cluster so an unchanged event is
    not recomputed; `meta` holds the generation (bumped on every change, a cache key for readers)."""
    _run(db, """
        CREATE TABLE events (
            position INTEGER PRIMARY KEY,    -- row order of the table (order of first mention)
            id TEXT NOT NULL,
            signature TEXT NOT NULL,
            type TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            lat REAL,
            lon REAL,
            row TEXT NOT NULL                -- JSON of every column of extract.table.COLUMNS
        );
        CREATE INDEX events_by_signature ON events(signature);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('generation', '0'), ('events_stale', '1');
    """)


def _v3_article_dates(db: sqlite3.Connection) -> None:
    """Queries by publication date (the Dask engine's partitions, a dashboard's date range)."""
    db.execute("CREATE INDEX articles_by_published ON articles(published)")
    db.execute("CREATE INDEX events_by_date ON events(date_start)")


def get_meta(db: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


# Events per first day and type, from the events table: kept with it by the refresh (store/refresh.py).
COUNT_DAYS = ("INSERT INTO event_days SELECT substr(date_start, 1, 10), type, count(*) FROM events "
              "WHERE date_start IS NOT NULL GROUP BY 1, 2")


def _v4_event_days(db: sqlite3.Connection) -> None:
    """Events per day and type, kept at every refresh: the timeline of a store of any size is read from a
    row per day and type, never from the events' rows (a million-article store has millions)."""
    db.execute("CREATE TABLE event_days (day TEXT NOT NULL, type TEXT NOT NULL, events INTEGER NOT NULL, "
               "PRIMARY KEY (day, type)) WITHOUT ROWID")
    db.execute(COUNT_DAYS)


# The days an event's date range spans, from its row's columns.
SPAN_DAYS = "CAST(julianday(substr(date_end, 1, 10)) - julianday(substr(date_start, 1, 10)) AS INTEGER)"
# Events per length of date range: the longest is read from it, kept exact as rows change (store/refresh.py).
COUNT_SPANS = (f"INSERT INTO event_spans SELECT {SPAN_DAYS}, count(*) FROM events WHERE {SPAN_DAYS} IS NOT NULL "
               "GROUP BY 1")


def keep_counts(db: sqlite3.Connection) -> None:
    """What is kept beside the events table, made again whenever it changes: events per day and type, and the
    events' span in `meta` (how many, their first and last day, the longest date range in days). With the
    longest range a read of some days is a range of the date index, not a scan of every event; with the rest
    a store's size and span are read without counting millions of rows."""
    db.execute("DELETE FROM event_days")
    db.execute(COUNT_DAYS)
    count, first, last = db.execute("SELECT count(*), min(date_start), max(date_end) FROM events").fetchone()
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_spans'").fetchone():  # from version 6
        db.execute("DELETE FROM event_spans")
        db.execute(COUNT_SPANS)
        (longest,) = db.execute("SELECT max(days) FROM event_spans").fetchone()
    else:
        (longest,) = db.execute(f"SELECT max({SPAN_DAYS}) FROM events").fetchone()
    set_span(db, count, first, last, longest)


def span_rows(db: sqlite3.Connection, positions: list[int]) -> list[tuple]:
    """(type, date_start, date_end, span in days) of the events at `positions`, as they are now: what
    `change_counts` needs of rows about to change, and of them once changed."""
    out = []
    for first in range(0, len(positions), 500):
        part = positions[first:first + 500]
        out += db.execute(f"SELECT type, date_start, date_end, {SPAN_DAYS} FROM main.events "
                          f"WHERE position IN ({','.join('?' * len(part))})", part).fetchall()
    return out


def change_counts(db: sqlite3.Connection, before: list[tuple], after: list[tuple], added: int) -> None:
    """`keep_counts` for a change of a few rows (`span_rows` before and after it; `added` events new): events per
    day and per length of date range by difference, as COUNT_DAYS and COUNT_SPANS count them; the first and
    last day and the longest range read from an index, never a scan of every event."""
    days: Counter = Counter()
    spans: Counter = Counter()
    for rows, sign in ((before, -1), (after, 1)):
        for kind, start, _, length in rows:
            if start is not None:
                days[(start[:10], kind)] += sign
            if length is not None:
                spans[length] += sign
    db.executemany("INSERT INTO event_days VALUES (?, ?, ?) "
                   "ON CONFLICT (day, type) DO UPDATE SET events = events + excluded.events",
                   ((day, kind, n) for (day, kind), n in days.items() if n))
    db.executemany("INSERT INTO event_spans VALUES (?, ?) ON CONFLICT (days) DO UPDATE SET events = events + "
                   "excluded.events", ((length, n) for length, n in spans.items() if n))
    db.execute("DELETE FROM event_days WHERE events = 0")
    db.execute("DELETE FROM event_spans WHERE events = 0")
    count = int(get_meta(db, "events", "0") or 0) + added
    first, last = db.execute("SELECT (SELECT min(date_start) FROM main.events), "
                             "(SELECT max(date_end) FROM main.events)").fetchone()
    (longest,) = db.execute("SELECT max(days) FROM event_spans").fetchone()
    set_span(db, count, first, last, longest)


def set_span(db: sqlite3.Connection, count: int, first: str | None, last: str | None, longest: int | None) -> None:
    for key, value in (("events", count), ("first_day", first), ("last_day", last), ("longest_days", longest)):
        set_meta(db, key, "" if value is None else str(value))


def _v5_event_span(db: sqlite3.Connection) -> None:
    """The events' span kept in `meta` (`keep_counts`): a store of millions of events opened in milliseconds."""
    keep_counts(db)


def _v6_merge_state(db: sqlite3.Connection) -> None:
    """The merge's state (store/merge_state.py), so new articles are merged without merging every old one. A
    new store's empty state is complete (merged through seq 0); a migrated one's is made by its next refresh,
    which merges everything once. With it, what keeps the span exact as a few rows change: an index on the
    last day and the events per length of date range."""
    _run(db, f"""
        CREATE INDEX events_by_end ON events(date_end);
        CREATE TABLE event_spans (days INTEGER PRIMARY KEY, events INTEGER NOT NULL);
        {COUNT_SPANS};
        CREATE TABLE merge_clusters (
            position INTEGER PRIMARY KEY,    -- the events table's row this cluster makes
            state TEXT NOT NULL              -- JSON: summary the rules compare, mentions, denial links
        );
        CREATE TABLE merge_keys (
            key TEXT NOT NULL,               -- type, place or article, week (extract.merge.IndexKey)
            position INTEGER NOT NULL,
            PRIMARY KEY (key, position)
        ) WITHOUT ROWID;
        INSERT OR REPLACE INTO meta
            SELECT 'merged_through', CASE WHEN EXISTS (SELECT 1 FROM articles) THEN '-1' ELSE '0' END
    """)


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [_v1_articles_extractions_corrections, _v2_events, _v3_article_dates, _v4_event_days,
                               _v5_event_span, _v6_merge_state]
LATEST = len(MIGRATIONS)


def version(db: sqlite3.Connection) -> int:
    """The file's schema version; 0 for an empty file."""
    has_table = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if not has_table:
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite3.Connection, upto: int = LATEST) -> list[int]:
    """Bring the file to version `upto`; the versions applied, in order. `db` must be in autocommit mode."""
    applied = []
    current = version(db)
    for number in range(current + 1, upto + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
            MIGRATIONS[number - 1](db)
            db.execute("INSERT INTO schema_version VALUES (?, ?)",
                       (number, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # SQLite may have rolled back already (a full disk)
                db.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied


def _shape(db: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    return {t: {r[1] for r in db.execute(f'PRAGMA table_info("{t}")')} for t in tables}


_EXPECTED: dict[str, set[str]] = {}


def missing(db: sqlite3.Connection) -> list[str]:
    """Tables (or "table.column") of the latest schema the file lacks: empty for a sound store."""
    if not _EXPECTED:
        fresh = sqlite3.connect(":memory:", isolation_level=None)
        migrate(fresh)
        _EXPECTED.update(_shape(fresh))
        fresh.close()
    found = _shape(db)
    out = []
    for table, columns in _EXPECTED.items():
        if table not in found:
            out.append(table)
        else:
            out.extend(f"{table}.{c}" for c in sorted(columns - found[table]))
    return out
