"""Whether merging new articles into a store costs the same however large the store has grown.

python bench/merge_scale.py SOURCE.db OUT.db [--copies 40]

Extracting a million articles takes hours (bench/ingest.py measures that); what the events table costs
depends on the stored extractions, not on how they were made. So this copies a store and appends its
articles and extractions again `--copies` times, each copy under new ids and with every date moved 11 years
later per copy (so copies report other events, not the same ones again; up to 700 copies), and refreshes the events table
after each copy as an ingest does: only the new articles are merged into the kept state
(store/merge_state.py). Prints, per copy, the articles and events in the store, the time per new article
and the process's memory; at the end, the first and last tenth's cost per article side by side.
"""

from __future__ import annotations

import argparse
import calendar
import re
import resource
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import store  # noqa: E402
from gazetteer import default_gazetteer  # noqa: E402
from store import merge_state  # noqa: E402
from store import refresh as event_table  # noqa: E402
from store.db import transaction  # noqa: E402
from store.schema import set_meta  # noqa: E402

_DATE = re.compile(r'"(\d{4})-(\d\d)-(\d\d)')


def shifted(text: str, years: int) -> str:
    """Every ISO date in a JSON text `years` later (29 February becomes the 28th in a common year)."""
    def move(match: re.Match) -> str:
        year, month, day = int(match[1]) + years, match[2], match[3]
        if (month, day) == ("02", "29") and not calendar.isleap(year):
            day = "28"
        return f'"{year:04d}-{month}-{day}'
    return _DATE.sub(move, text)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def append_copy(s: store.Store, rows: list[tuple], copy: int) -> None:
    """The articles and extractions of `rows` again, as one ingest would store them."""
    years = 11 * copy  # the corpus spans 4,000 days: no copy overlaps another
    with transaction(s) as tx:
        for article_id, content_hash, text, metadata, published, timexes, places, events, problems in rows:
            new_id = f"{article_id}~{copy}"
            timexes, places, events = (shifted(t, years).replace(f'"{article_id}"', f'"{new_id}"')
                                       for t in (timexes, places, events))
            tx.execute("INSERT INTO articles (id, content_hash, text, metadata, published, ingested) "
                       "VALUES (?, ?, ?, ?, ?, '')", (new_id, content_hash, text, shifted(metadata, years),
                                                      shifted(f'"{published}', years)[1:] if published else None))
            tx.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?, ?, '')",
                       (new_id, content_hash, timexes, places, events, problems))
        set_meta(tx, "events_stale", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists")
    with sqlite3.connect(args.source) as source, sqlite3.connect(args.out) as out:
        source.backup(out)
    gazetteer = default_gazetteer()
    with store.open(args.out) as s:
        if merge_state.valid_through(s.db) < 0:
            started = time.perf_counter()
            stats = event_table.refresh(s, gazetteer)
            print(f"kept state made once by a full merge: {stats.articles:,} articles, {stats.events:,} events, "
                  f"{time.perf_counter() - started:.1f} s")
        rows = s.db.execute("SELECT a.id, a.content_hash, a.text, a.metadata, a.published, e.timexes, e.places, "
                            "e.events, e.problems FROM articles a JOIN extractions e ON e.article_id = a.id "
                            "ORDER BY a.seq").fetchall()
        print(f"{'copy':>4} {'articles':>10} {'events':>10} {'merge s':>8} {'ms/article':>10} {'computed':>9} "
              f"{'RSS MB':>7} {'peak MB':>8}", flush=True)
        costs = []
        for copy in range(1, args.copies + 1):
            append_copy(s, rows, copy)
            started = time.perf_counter()
            stats = event_table.refresh(s, gazetteer)
            seconds = time.perf_counter() - started
            assert stats.mode == "append" and stats.articles == len(rows), stats
            costs.append(1000 * seconds / stats.articles)
            (articles,) = s.db.execute("SELECT max(seq) FROM articles").fetchone()
            print(f"{copy:>4} {articles:>10,} {stats.events:>10,} {seconds:>8.1f} {costs[-1]:>10.2f} "
                  f"{stats.computed:>9,} {rss_mb():>7.0f} "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>8.0f}", flush=True)
        tenth = max(1, len(costs) // 10)
        first, last = sorted(costs[:tenth])[tenth // 2], sorted(costs[-tenth:])[tenth // 2]
        print(f"\nms per new article, median of the first and last tenth of copies: {first:.2f} → {last:.2f}; "
              f"store {args.out.stat().st_size / 2**30:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
