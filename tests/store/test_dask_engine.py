"""The Dask engine gives the local engine's events, and its Parquet dataset imports to the same store."""

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import store
from store.dask_engine import DaskEngine
from store.parquet import read_dataset

from .conftest import synthetic


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    parquet = tmp_path_factory.mktemp("parquet")
    engine = DaskEngine(workers=2, parquet=str(parquet), task_articles=2)
    yield engine
    engine.close()


def test_dask_gives_the_local_engines_events(engine, corpus_articles, gazetteer, tmp_path):
    extra = [synthetic("caspian", "Iran said on Saturday that drones flew over the Caspian Sea.", published=None),
             synthetic("aleppo", "Russian jets bombed targets in Idlib on Monday, the ministry said.")]
    extra = [replace(a, id=f"extra-{i}") for i, a in enumerate(extra)]
    articles = [*corpus_articles, *extra]
    with store.open(tmp_path / "local.db") as local:
        store.ingest(local, articles, gazetteer=gazetteer)
        expected = store.events(local)
        expected_extractions = store.extractions(local)
    with store.open(tmp_path / "dask.db") as distributed:
        report = store.ingest(distributed, articles, engine=engine, gazetteer=gazetteer)
        assert report.new == len(articles) and not report.failed
        pd.testing.assert_frame_equal(store.events(distributed), expected)
        assert store.extractions(distributed) == expected_extractions

    rows = read_dataset(engine.parquet)
    assert [r.article_id for r in rows] == [a.id for a in articles]
    days = sorted(p.name for p in Path(engine.parquet).iterdir())
    assert "published_day=2015-10-09" in days and "published_day=undated" in days

    with store.open(tmp_path / "imported.db") as imported:
        report = store.import_parquet(imported, engine.parquet, gazetteer=gazetteer)
        assert report.new == len(articles)
        pd.testing.assert_frame_equal(store.events(imported), expected)
        assert store.import_parquet(imported, engine.parquet, gazetteer=gazetteer).unchanged == len(articles)

