"""Where extraction runs: this process, or a pool of processes on this machine.

An engine maps `work.extract_encoded` over a batch of (article, corrections)
tasks and returns the results in the same order; the store writes them. The
Dask engine (`store.dask_engine`) has the same shape.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from typing import Protocol

from extract.corrections import Correction
from extract.merge import Cluster
from extract.records import Article
from extract.table import event_row
from gazetteer import Gazetteer, default_gazetteer

from .work import Encoded, extract_encoded

Task = tuple[Article, tuple[Correction, ...]]


class Pending(Protocol):
    """A batch being extracted; `result()` waits for it."""

    def result(self) -> list[Encoded]: ...


class Engine(Protocol):
    batch_size: int

    def map(self, tasks: Sequence[Task]) -> list[Encoded]: ...

    def submit(self, tasks: Sequence[Task]) -> Pending:
        """Start a batch and return at once, so the caller writes the previous batch while workers extract."""
        ...

    def rows(self, clusters: Sequence[Cluster], articles: dict[str, Article]) -> list[dict]:
        """The events table's row of each cluster (`extract.table.event_row`), in order."""
        ...

    def close(self) -> None: ...


class Done:
    """A batch extracted already (in this process)."""

    def __init__(self, results: list[Encoded]) -> None:
        self.results = results

    def result(self) -> list[Encoded]:
        return self.results


class LocalEngine:
    """Everything in this process, one core."""

    batch_size = 64

    def __init__(self, gazetteer: Gazetteer | None = None, *, geocoder=None) -> None:
        self._gazetteer = gazetteer
        self._geocoder = geocoder  # the opt-in online look-up; None stays offline

    @property
    def gazetteer(self) -> Gazetteer:
        """Loaded on first use: an ingest of unchanged articles needs none."""
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def map(self, tasks: Sequence[Task]) -> list[Encoded]:
        return [extract_encoded(article, fixes, self.gazetteer, geocoder=self._geocoder) for article, fixes in tasks]

    def submit(self, tasks: Sequence[Task]) -> Pending:
        return Done(self.map(tasks))

    def rows(self, clusters: Sequence[Cluster], articles: dict[str, Article]) -> list[dict]:
        return [event_row(c, articles, self.gazetteer) for c in clusters]

    def close(self) -> None:
        pass


_worker_gazetteer: Gazetteer | None = None


def _start_worker() -> None:
    global _worker_gazetteer
    _worker_gazetteer = default_gazetteer()  # once per worker; after fork it is already in memory


def _run(task: Task) -> Encoded:
    return extract_encoded(task[0], task[1], _worker_gazetteer or default_gazetteer())


RowJob = tuple[list[Cluster], dict[str, Article]]
ROWS_PER_JOB = 256


def row_jobs(clusters: Sequence[Cluster], articles: dict[str, Article], size: int = ROWS_PER_JOB) -> list[RowJob]:
    """Clusters in chunks, each with the (text-less) articles its rows name: what a worker needs for rows."""
    jobs = []
    for i in range(0, len(clusters), size):
        chunk = list(clusters[i:i + size])
        jobs.append((chunk, {m.article_id: articles[m.article_id] for c in chunk for m in c.mentions}))
    return jobs


def rows_of(job: RowJob) -> list[dict]:
    from gazetteer import default_gazetteer as loaded

    gazetteer = _worker_gazetteer or loaded()
    return [event_row(c, job[1], gazetteer) for c in job[0]]


class ProcessEngine:
    """A pool of worker processes on this machine (fork: the parent's gazetteer is shared copy-on-write)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.batch_size = 32 * self.workers
        default_gazetteer()  # load before forking so every worker shares it
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self.pool = context.Pool(self.workers, initializer=_start_worker)

    def map(self, tasks: Sequence[Task]) -> list[Encoded]:
        return self.pool.map(_run, tasks, chunksize=4)

    def submit(self, tasks: Sequence[Task]) -> Pending:
        return _Async(self.pool.map_async(_run, tasks, chunksize=4))

    def rows(self, clusters: Sequence[Cluster], articles: dict[str, Article]) -> list[dict]:
        return [row for chunk in self.pool.map(rows_of, row_jobs(clusters, articles)) for row in chunk]

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


class _Async:
    """A batch running in the pool."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def result(self) -> list[Encoded]:
        return self.handle.get()


def make_engine(name: str, *, workers: int | None = None, gazetteer: Gazetteer | None = None,
                scheduler: str | None = None, parquet: str | None = None) -> Engine:
    """The engine called `name`: local, processes or dask."""
    if name == "local":
        return LocalEngine(gazetteer)
    if name == "processes":
        return ProcessEngine(workers)
    if name == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers, parquet=parquet)
    raise ValueError(f"unknown engine {name!r} (local, processes or dask)")
