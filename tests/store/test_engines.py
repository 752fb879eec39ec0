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



def test_the_local_engine_passes_an_opted_in_geocoder_to_extraction(gazetteer, tmp_path):
    from datetime import date

    import store
    from extract.articles import load_text
    from gazetteer import Place
    from store.engines import LocalEngine

    def fake(name):
        return Place("online:test:x", name, "city", 46.6, 32.6, "UA") if name == "Velykozirka" else None

    article = load_text("Strikes in Velykozirka on Monday.", name="v.txt", published=date(2024, 3, 6))
    with store.open(tmp_path / "s.db") as s:
        store.ingest(s, [article], engine=LocalEngine(gazetteer, geocoder=fake))
        [extraction] = store.extractions(s)
    assert [(p.text, p.rule) for p in extraction.places] == [("Velykozirka", "online")]
