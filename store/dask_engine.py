"""Extraction on a Dask cluster: `chronomap ingest --engine dask [--scheduler ADDRESS] [--parquet DIR]`.

Articles go to the workers in small batches (each a Dask task); each worker
loads the gazetteer once, when it joins (a worker plugin), not per task.
Results come back in order as `Encoded` records, are written to the store by
the client and, with `parquet`, to a Parquet dataset partitioned by
publication date. Without a scheduler address a LocalCluster of one
single-threaded worker process per core is started (extraction is pure
Python: threads would share one core).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

from distributed import Client, LocalCluster, WorkerPlugin

from .engines import Task
from .work import Encoded, extract_encoded

TASK_ARTICLES = 8  # articles per Dask task: big enough to amortise scheduling, small enough to balance


class GazetteerPlugin(WorkerPlugin):
    """Loads the gazetteer when a worker starts, once per worker process."""

    name = "chronomap-gazetteer"

    def setup(self, worker) -> None:
        from gazetteer import default_gazetteer

        default_gazetteer()


def _extract_batch(tasks: list[Task]) -> list[Encoded]:
    from gazetteer import default_gazetteer

    gazetteer = default_gazetteer()  # cached in the worker process since its setup
    return [extract_encoded(article, fixes, gazetteer) for article, fixes in tasks]


class _Batch:
    """Futures of one batch; gathered (and written to Parquet) when the ingest is ready to write them."""

    def __init__(self, engine: DaskEngine, futures: list, number: int) -> None:
        self.engine, self.futures, self.number = engine, futures, number

    def result(self) -> list[Encoded]:
        results = [e for batch in self.engine.client.gather(self.futures) for e in batch]
        if self.engine.parquet:
            from .parquet import write_batch

            write_batch(self.engine.parquet, results, self.engine.run, self.number)
        return results


class DaskEngine:
    def __init__(self, scheduler: str | None = None, workers: int | None = None, parquet: str | None = None,
                 task_articles: int = TASK_ARTICLES) -> None:
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        self.client.register_plugin(GazetteerPlugin())
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        self.task_articles = task_articles
        self.batch_size = 64 * self.workers
        self.parquet = parquet
        self.run = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.batches = 0

    def map(self, tasks: Sequence[Task]) -> list[Encoded]:
        return self.submit(tasks).result()

    def submit(self, tasks: Sequence[Task]) -> _Batch:
        chunks = [list(tasks[i:i + self.task_articles]) for i in range(0, len(tasks), self.task_articles)]
        self.batches += 1
        return _Batch(self, self.client.map(_extract_batch, chunks, pure=False), self.batches - 1)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
