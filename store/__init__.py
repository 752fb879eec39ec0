"""Chronomap's store: articles, extractions, events and corrections in one SQLite file.

The plain-function API the dashboard and the CLI call:

    s = store.open("chronomap.db")               # or store.open() for $CHRONOMAP_STORE
    store.ingest(s, articles, progress=print)    # -> IngestReport
    store.events(s)                              # -> DataFrame with extract.table.COLUMNS
    store.events(s, since="2015-10-01", until="2015-10-31", types=["launch"], bbox=(S, W, N, E), limit=5000)
    store.event_counts(s, by="day")              # -> period, type, events: a timeline of any size, in SQL
    store.event_grid(s, cell_degrees=1.0)        # -> lat, lon, events: map cells of any size, in SQL
    store.extractions(s, ["id", ...])            # -> [Extraction]
    store.articles(s)                            # -> [Article]
    store.corpus(s)                              # -> extract.pipeline.Corpus, as build_corpus gives
    store.add_correction(s, correction)          # -> id;  store.remove_correction(s, id)
    store.corrections(s, article_id)             # -> {id: Correction}
    store.problems(s)                            # -> [str]
    store.import_parquet(s, "dir/")              # -> IngestReport, from a Dask ingest's Parquet dataset
    store.generation(s)                          # -> int, grows with every change (a cache key)
"""

from __future__ import annotations

from .db import DEFAULT_PATH, Store, StoreError, check, default_path
from .db import open_store as open
from .fixes import add_correction, corrections, remove_correction
from .incremental import IngestReport, Progress, Step, ingest, refresh_if_stale
from .read import (
    article_count,
    articles,
    corpus,
    day_counts,
    days_holding,
    event_counts,
    event_grid,
    event_span,
    events,
    extractions,
    generation,
    problems,
)


def import_parquet(store: Store, directory, gazetteer=None) -> IngestReport:
    """Import the Parquet dataset a Dask ingest wrote (`store.parquet`), incrementally; pyarrow loaded only here."""
    from .parquet import import_dataset

    return import_dataset(store, directory, gazetteer)


__all__ = ["article_count", "day_counts", "days_holding", "event_span", "import_parquet", "event_counts", "event_grid", "DEFAULT_PATH", "IngestReport", "Progress", "Step", "Store", "StoreError", "add_correction", "articles",
           "check", "corpus", "corrections", "default_path", "events", "extractions", "generation", "ingest", "open",
           "problems", "refresh_if_stale", "remove_correction"]
