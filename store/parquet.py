"""Extractions as a Parquet dataset, partitioned by publication date: what the Dask engine writes.

One row per article with the store's own columns (JSON text from
`store.codec`), in `published=YYYY-MM-DD/` folders (`published=undated/` for
articles without a date), so a year of archive can be read, copied or
re-imported by date range. Files of later runs are added beside earlier
ones; on import the last row of each article wins.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .db import Store, transaction
from .incremental import IngestReport, put
from .refresh import refresh
from .work import Encoded

UNDATED = "undated"
_SCHEMA = pa.schema([(f.name, pa.bool_() if f.name == "failed" else pa.string()) for f in fields(Encoded)]
                    + [("run", pa.string()), ("position", pa.int64()), ("published_day", pa.string())])


def write_batch(directory: str | Path, encoded: list[Encoded], run: str, batch: int) -> None:
    """Write one batch of results into the dataset (one file per date partition of the batch)."""
    if not encoded:
        return
    rows = [{**e.as_row(), "run": run, "position": batch * 1_000_000 + i, "published_day": e.published or UNDATED}
            for i, e in enumerate(encoded)]
    table = pa.Table.from_pylist(rows, schema=_SCHEMA)
    pq.write_to_dataset(table, root_path=str(directory), partition_cols=["published_day"],
                        basename_template=f"{run}-{batch:06d}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore")


def read_dataset(directory: str | Path) -> list[Encoded]:
    """Every article of the dataset once (its latest row), in the order the runs wrote them."""
    path = Path(directory)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such Parquet folder")
    table = ds.dataset(str(path), format="parquet", partitioning="hive").to_table()
    if table.num_rows == 0:
        return []
    rows = sorted(table.to_pylist(), key=lambda r: (r["run"], r["position"]))
    latest = {r["article_id"]: r for r in rows}
    names = [f.name for f in fields(Encoded)]
    return [Encoded(**{k: latest[i][k] for k in names}) for i in dict.fromkeys(r["article_id"] for r in rows)]


def import_dataset(store: Store, directory: str | Path, gazetteer=None) -> IngestReport:
    """Load a dataset into the store, incrementally (unchanged articles skipped), then recompute the events."""
    from gazetteer import default_gazetteer

    report = IngestReport()
    known = dict(store.db.execute("SELECT article_id, content_hash FROM extractions"))
    for encoded in read_dataset(directory):
        if not encoded.failed and known.get(encoded.article_id) == encoded.content_hash:
            report.unchanged += 1
            continue
        with transaction(store) as db:
            status = put(db, encoded)
        if status == "failed":
            report.failed.append(f"{encoded.article_id}: extraction failed on the worker")
        else:
            setattr(report, status, getattr(report, status) + 1)
    if report.new or report.changed or report.failed:
        report.refresh = refresh(store, gazetteer or default_gazetteer())
    report.events = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
    return report
