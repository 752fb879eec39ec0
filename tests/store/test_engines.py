import pandas as pd

import store
from store.engines import LocalEngine, ProcessEngine, make_engine


def test_a_process_pool_gives_the_local_engines_results(corpus_articles, gazetteer, tmp_path):
    tasks = [(a, ()) for a in corpus_articles]
    local = LocalEngine(gazetteer).map(tasks)
    pool = ProcessEngine(workers=2)
    try:
        assert pool.map(tasks) == local
        assert pool.rows(*_clusters(corpus_articles, gazetteer)) == LocalEngine(gazetteer).rows(
            *_clusters(corpus_articles, gazetteer))
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


def _clusters(articles, gazetteer):
    """Clusters of the corpus and the text-less articles rows need, as `store.refresh` gives an engine."""
    from dataclasses import replace

    from extract.merge import merge
    from extract.pipeline import extract_article

    mentions = [m for a in articles for m in extract_article(a, gazetteer).events]
    return merge(mentions), {a.id: replace(a, text="") for a in articles}


def test_rows_are_split_into_jobs_with_the_articles_they_name(corpus_articles, gazetteer):
    from store.engines import row_jobs

    clusters, articles = _clusters(corpus_articles, gazetteer)
    jobs = row_jobs(clusters, articles, size=5)
    assert [c for chunk, _ in jobs for c in chunk] == clusters and len(jobs) == -(-len(clusters) // 5)
    for chunk, named in jobs:
        assert set(named) == {m.article_id for c in chunk for m in c.mentions}
