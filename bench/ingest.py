"""Ingest throughput, peak memory and cost per article as the corpus grows; time for the dashboard to read.

python bench/ingest.py [--sizes 1000,5000,20000] [--engines local,processes,dask] [--workers 2] [--keep DIR]

Each measurement runs in its own process (so peak memory, `ru_maxrss`, is
that run's alone; worker processes are counted by RUSAGE_CHILDREN) on a
fresh store, reading a JSON Lines corpus from `bench/corpus.py` as `chronomap
ingest` would. Figures: articles a second for extraction and writing, the
events-table recomputation (merge, rows) separately, peak memory of the
ingest process and of its largest worker, then the time to open the store
read-only and read the events table (what the dashboard does), a re-ingest
of the unchanged corpus, and an ingest of 1% new articles (the incremental
path). Sizes beyond those run are extrapolated from the measured cost per
article, and said to be.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds of this process and of its finished children (pool and Dask workers, once closed)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(engine: str, workers: int, corpus: Path, db: Path, extra: Path | None) -> dict:
    """One measured ingest (in this process): the figures as a dict."""
    import store
    from extract.articles import read_lines
    from store.engines import make_engine

    cpu_before = _cpu_s()
    started = time.perf_counter()
    made = make_engine(engine, workers=workers)
    if hasattr(made, "gazetteer"):
        made.gazetteer  # noqa: B018 - load it now: start-up, not ingest
    startup_s = time.perf_counter() - started
    with corpus.open("rb") as lines, store.open(db) as opened:
        report = store.ingest(opened, read_lines(lines, name=corpus.name), engine=made)
    made.close()
    cpu_s = _cpu_s() - cpu_before
    r = report.refresh
    refresh_s = r.load_s + r.merge_s + r.rows_s + r.write_s
    out = {"engine": engine, "workers": workers, "articles": report.new, "events": report.events,
           "startup_s": startup_s, "ingest_s": report.seconds - refresh_s, "refresh_s": refresh_s,
           "load_s": r.load_s, "merge_s": r.merge_s, "rows_s": r.rows_s, "write_s": r.write_s,
           "mentions": r.mentions, "failed": len(report.failed), "store_mb": db.stat().st_size / 2**20}
    out["per_s"] = report.new / out["ingest_s"]
    out["per_cpu_s"] = report.new / cpu_s  # articles per CPU-second, start-up and events table included

    with corpus.open("rb") as lines, store.open(db) as opened:
        again = store.ingest(opened, read_lines(lines, name=corpus.name))
    out["unchanged_s"] = again.seconds
    if extra is not None:
        with extra.open("rb") as lines, store.open(db) as opened:
            more = store.ingest(opened, read_lines(lines, name=extra.name))
        out.update(extra_articles=more.new, extra_s=more.seconds, extra_computed=more.refresh.computed,
                   extra_reused=more.refresh.reused, extra_refresh_s=more.refresh.load_s + more.refresh.merge_s
                   + more.refresh.rows_s + more.refresh.write_s)
    out["peak_mb"] = _peak_mb(resource.RUSAGE_SELF)
    out["worker_peak_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    return out


def read_back(db: Path) -> dict:
    """What the dashboard pays to start: open the store read-only and read the events table."""
    started = time.perf_counter()
    import store

    import_s = time.perf_counter() - started
    started = time.perf_counter()
    opened = store.open(db, readonly=True)
    open_s = time.perf_counter() - started
    started = time.perf_counter()
    events = store.events(opened)
    events_s = time.perf_counter() - started
    started = time.perf_counter()
    counts = store.event_counts(opened, by="day")
    grid = store.event_grid(opened, cell_degrees=1.0)
    aggregate_s = time.perf_counter() - started
    month = sorted(events["date_start"].dropna())[len(events) // 2][:7]
    started = time.perf_counter()
    window = store.events(opened, since=f"{month}-01", until=f"{month}-31")
    window_s = time.perf_counter() - started
    started = time.perf_counter()
    corpus = store.corpus(opened)
    corpus_s = time.perf_counter() - started
    return {"import_s": import_s, "open_s": open_s, "events_s": events_s, "events": len(events),
            "aggregate_s": aggregate_s, "days": len(counts), "cells": len(grid), "window_s": window_s,
            "window": len(window), "corpus_s": corpus_s, "articles": len(corpus.articles),
            "peak_mb": _peak_mb(resource.RUSAGE_SELF)}


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _corpus(folder: Path, count: int, start: int = 0) -> Path:
    from bench.corpus import generate

    path = folder / f"corpus-{start}-{count}.jsonl"
    if not path.exists():
        with path.open("w", encoding="utf-8") as out:
            for a in generate(count, start=start):
                out.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "source": a.source,
                                     "published": a.published.isoformat()}, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="corpus sizes for the growth series")
    parser.add_argument("--engines", default="local,processes,dask", help="engines compared at the smallest size")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--growth-engine", default="processes", help="engine for the growth series")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores here (default: a temporary folder)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="chronomap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    print(f"{'engine':<10} {'workers':>7} {'articles':>9} {'art/s':>7} {'art/cpu-s':>9} {'refresh s':>9} "
          f"{'merge s':>8} {'rows s':>7} {'events':>8} {'peak MB':>8} {'worker MB':>9} {'store MB':>8}")

    def show(r: dict) -> None:
        print(f"{r['engine']:<10} {r['workers']:>7} {r['articles']:>9,} {r['per_s']:>7.1f} "
              f"{r.get('per_cpu_s', float('nan')):>9.1f} {r['refresh_s']:>9.1f} "
              f"{r['merge_s']:>8.1f} {r['rows_s']:>7.1f} {r['events']:>8,} {r['peak_mb']:>8.0f} "
              f"{r['worker_peak_mb']:>9.0f} {r['store_mb']:>8.1f}", flush=True)

    first = _corpus(folder, sizes[0])
    for engine in args.engines.split(","):
        workers = 1 if engine == "local" else args.workers
        show(_child("_run", engine, str(workers), str(first), str(folder / f"{engine}-{sizes[0]}.db"), "-"))

    growth = []
    for size in sizes:
        corpus = _corpus(folder, size)
        extra = _corpus(folder, max(1, size // 100), start=10_000_000)
        result = _child("_run", args.growth_engine, str(args.workers), str(corpus),
                        str(folder / f"growth-{args.growth_engine}-{size}.db"), str(extra))
        show(result)
        growth.append(result)
    largest = growth[-1] if growth else None

    print("\ncost per article as the corpus grows (engine: %s, %d workers)" % (args.growth_engine, args.workers))
    print(f"{'articles':>9} {'extract ms':>10} {'merge ms':>9} {'rows ms':>8} {'unchanged re-ingest s':>22} "
          f"{'+1% new: s':>10} {'rows computed/reused':>21}")
    for r in growth:
        n = r["articles"]
        print(f"{n:>9,} {1000 * r['ingest_s'] / n:>10.2f} {1000 * r['merge_s'] / n:>9.2f} "
              f"{1000 * r['rows_s'] / n:>8.2f} {r['unchanged_s']:>22.1f} {r['extra_s']:>10.1f} "
              f"{r['extra_computed']:>10,}/{r['extra_reused']:<10,}")

    if largest:
        db = folder / f"growth-{args.growth_engine}-{largest['articles']}.db"
        back = _child("_read", str(db))
        print(f"\ndashboard read on {back['articles']:,} articles ({largest['store_mb']:.0f} MB store): import "
              f"{back['import_s']:.2f} s, open {back['open_s']:.3f} s, events table ({back['events']:,} rows) "
              f"{back['events_s']:.2f} s, every extraction (store.corpus) {back['corpus_s']:.2f} s, "
              f"peak {back['peak_mb']:.0f} MB")
        print(f"aggregated views in SQL: events per day and type ({back['days']:,} rows) and per 1-degree cell "
              f"({back['cells']:,} cells) {back['aggregate_s']:.3f} s; one month's events ({back['window']:,}) "
              f"{back['window_s']:.2f} s")
        per = largest["ingest_s"] / largest["articles"]
        refresh_per = largest["refresh_s"] / largest["articles"]
        print("\nextrapolated from the largest run (not measured):")
        for n in (100_000, 1_000_000):
            print(f"  {n:>9,} articles: extraction {n * per / 3600:.1f} h at {largest['workers']} workers, events "
                  f"table merged as they come, at this run's cost per article {n * refresh_per / 60:.0f} min, store {largest['store_mb'] * n / largest['articles'] / 1024:.1f} GB")
    print(f"\ncorpora and stores in {folder}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_run":
        engine, workers, corpus, db, extra = sys.argv[2:7]
        print(json.dumps(run(engine, int(workers), Path(corpus), Path(db), None if extra == "-" else Path(extra))))
    elif len(sys.argv) > 1 and sys.argv[1] == "_read":
        print(json.dumps(read_back(Path(sys.argv[2]))))
    else:
        main()
