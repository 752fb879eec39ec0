import pandas as pd

import store
from store.engines import LocalEngine, ProcessEngine, make_engine


def test_a_process_pool_gives_the_local_engines_results(corpus_articles, gazetteer, tmp_path):
    tasks = [(a, ()) for a in corpus_articles]
    local = LocalEngine(gazetteer).map(tasks)
    pool = ProcessEngine(workers=2)
    try:
        assert pool.map(tasks) == local
        with store.open(tmp_path / "p.db") as s:
            store.ingest(s, corpus_articles, engine=pool, gazetteer=gazetteer)
            pooled = store.events(s)
    finally:
        pool.close()
    with store.open(tmp_path / "l.db") as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        pd.testing.assert_frame_equal(pooled, store.events(s))


def test_engines_are_chosen_by_name(gazetteer):
    assert isinstance(make_engine("local", gazetteer=gazetteer), LocalEngine)
    try:
        make_engine("spark")
    except ValueError as error:
        assert "local, processes or dask" in str(error)
    else:
        raise AssertionError("an unknown engine was accepted")

