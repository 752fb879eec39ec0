"""A store the size of a large archive, for the dashboard's large-store benchmarks, made in minutes.

python bench/big_store.py SOURCE.db OUT.db [--copies 100]

Ingesting a million articles takes hours (bench/ingest.py measures that). What the page of a large store
costs depends on its events, not on how they were extracted, so this copies a store (as made by
bench/dashboard_many.py or `chronomap ingest`) and repeats its events `--copies` times on the same days, each
copy under its own ids, then counts the days again (`event_days`). The articles are not repeated: the
sidebar still counts the source's. 100 copies of the 1,100-article benchmark corpus give 1.07 million
events, the events of some 110,000 articles; 1,000 copies those of a million (about 21 GB).
Prints the events, the file's size and the time taken.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import store  # noqa: E402
from store import schema  # noqa: E402
from store.db import bump_generation  # noqa: E402

COPY = ("INSERT INTO events (id, signature, type, date_start, date_end, lat, lon, row) "
        "SELECT id || ?1, signature || ?1, type, date_start, date_end, lat, lon, json_set(row, '$.id', id || ?1) "
        "FROM events WHERE position <= ?2 ORDER BY position")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=100, help="how many times the events appear (default 100)")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists")
    started = time.perf_counter()
    with store.open(args.source):  # migrated to the latest schema first
        pass
    with sqlite3.connect(args.source) as source, sqlite3.connect(args.out) as out:
        source.backup(out)
    db = sqlite3.connect(args.out, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")  # written once, in one go: a failed build is thrown away, not rolled back
    originals, last = db.execute("SELECT count(*), max(position) FROM events").fetchone()
    db.execute("BEGIN")
    # The events' indexes are built again once, after the copies: kept up to date row by row, they made each
    # copy slower than the last.
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' "
                         "AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    for copy in range(1, args.copies):
        db.execute(COPY, (f"~{copy}", last))
        if copy % 10 == 0:
            print(f"  {copy} copies, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    for _, sql in indexes:
        db.execute(sql)
    schema.keep_counts(db)
    # The copies have no articles or merge state: an ingest into this store must merge everything, not append.
    schema.set_meta(db, "merged_through", "-1")
    bump_generation(db)
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode=WAL")  # as the store keeps it
    (events,) = db.execute("SELECT count(*) FROM events").fetchone()
    db.close()
    print(f"events: {events:,} ({args.copies} copies of {originals:,}); {args.out.stat().st_size / 2**30:.1f} GB; "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
