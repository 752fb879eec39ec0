import pandas as pd
import pytest

import store
from extract.pipeline import build_corpus
from store import refresh as event_table

from .conftest import synthetic


def _stamps(s):
    return dict(s.db.execute("SELECT article_id, extracted || content_hash FROM extractions"))


def test_the_store_gives_the_events_build_corpus_gives(store_path, corpus_articles, gazetteer):
    with store.open(store_path) as s:
        report = store.ingest(s, corpus_articles, gazetteer=gazetteer)
        assert (report.new, report.changed, report.unchanged, report.failed) == (len(corpus_articles), 0, 0, [])
        expected = build_corpus(corpus_articles, gazetteer=gazetteer)
        pd.testing.assert_frame_equal(store.events(s), expected.events)
        assert report.events == len(expected.events)
        assert [a.id for a in store.articles(s)] == [a.id for a in corpus_articles]
        assert store.extractions(s, [corpus_articles[1].id]) == [expected.extractions[1]]


def test_reingesting_unchanged_articles_does_nothing(store_path, corpus_articles, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        before, generation = _stamps(s), store.generation(s)
        report = store.ingest(s, corpus_articles, gazetteer=gazetteer)
        assert (report.new, report.changed, report.unchanged) == (0, 0, len(corpus_articles))
        assert report.refresh is None
        assert _stamps(s) == before and store.generation(s) == generation


def test_a_changed_article_replaces_its_extraction_and_events(store_path, gazetteer):
    first = [synthetic("caspian"), synthetic("geneva")]
    with store.open(store_path) as s:
        store.ingest(s, first, gazetteer=gazetteer)
        assert "launch" in set(store.events(s)["type"])
        changed = synthetic("caspian", "Syrian forces struck rebel positions near Aleppo on Tuesday.")
        report = store.ingest(s, [changed], gazetteer=gazetteer)
        assert (report.new, report.changed) == (0, 1)
        assert store.articles(s, ["caspian"])[0].text == changed.text
        pd.testing.assert_frame_equal(store.events(s), build_corpus([changed, first[1]], gazetteer=gazetteer).events)
        assert "launch" not in set(store.events(s)["type"])
        # it kept its place in the ingest order
        assert [a.id for a in store.articles(s)] == ["caspian", "geneva"]


def test_a_changed_publication_date_counts_as_a_change(store_path, gazetteer):
    from datetime import date

    with store.open(store_path) as s:
        store.ingest(s, [synthetic("caspian")], gazetteer=gazetteer)
        report = store.ingest(s, [synthetic("caspian", published=date(2016, 1, 8))], gazetteer=gazetteer)
        assert report.changed == 1
        assert store.events(s)["date_start"].str.startswith("2016").any()


def test_new_articles_are_merged_into_the_kept_state_computing_only_the_events_they_touch(
        store_path, corpus_articles, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, corpus_articles[:-1], gazetteer=gazetteer)
        before = len(store.events(s))
        report = store.ingest(s, corpus_articles[-1:], gazetteer=gazetteer)
        assert report.refresh.mode == "append" and report.refresh.articles == 1
        assert 0 < report.refresh.computed < before
        pd.testing.assert_frame_equal(store.events(s), build_corpus(corpus_articles, gazetteer=gazetteer).events)


def test_a_changed_article_merges_everything_again_reusing_the_rows_of_unchanged_events(
        store_path, corpus_articles, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        changed = synthetic("caspian", "Syrian forces struck rebel positions near Aleppo on Tuesday.")
        report = store.ingest(s, [changed], gazetteer=gazetteer)
        assert report.refresh.mode == "full"
        assert report.refresh.reused > 0 and report.refresh.computed < report.events
        assert report.refresh.reused + report.refresh.computed == report.events
        expected = [changed if a.id == "caspian" else a for a in corpus_articles]
        pd.testing.assert_frame_equal(store.events(s), build_corpus(expected, gazetteer=gazetteer).events)


def test_progress_is_reported_once_per_article(store_path, corpus_articles, gazetteer):
    steps = []
    with store.open(store_path) as s:
        store.ingest(s, iter(corpus_articles), gazetteer=gazetteer, progress=steps.append, total=len(corpus_articles))
        store.ingest(s, corpus_articles[:2], gazetteer=gazetteer, progress=steps.append)
    assert [st.done for st in steps] == [*range(1, len(corpus_articles) + 1), 1, 2]
    assert {st.status for st in steps} == {"new", "unchanged"}
    assert steps[0].total == len(corpus_articles) and steps[-1].total is None


def test_a_failed_extraction_is_reported_kept_and_tried_again(store_path, gazetteer, monkeypatch):
    import store.work

    real = store.work.extract_article

    def flaky(article, *args, **kwargs):
        if article.id == "aleppo":
            raise RuntimeError("parser exploded")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(store.work, "extract_article", flaky)
    articles = [synthetic("caspian"), synthetic("aleppo")]
    with store.open(store_path) as s:
        report = store.ingest(s, articles, gazetteer=gazetteer)
        assert report.new == 1 and len(report.failed) == 1
        assert report.failed[0].startswith("aleppo: extraction failed (RuntimeError: parser exploded)")
        assert any("parser exploded" in p for p in store.problems(s))
        monkeypatch.setattr(store.work, "extract_article", real)
        again = store.ingest(s, articles, gazetteer=gazetteer)
        assert (again.unchanged, again.changed, again.failed) == (1, 1, [])
        assert not store.problems(s)


def test_a_stale_events_table_is_reported_and_recomputed(store_path, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, [synthetic("caspian")], gazetteer=gazetteer)
        s.db.execute("UPDATE meta SET value = '1' WHERE key = 'events_stale'")
        assert any("older than the extractions" in p for p in store.problems(s))
        stats = store.refresh_if_stale(s, gazetteer)
        assert isinstance(stats, event_table.RefreshStats) and stats.reused == stats.events > 0
        assert not store.problems(s) and store.refresh_if_stale(s, gazetteer) is None


def test_the_dashboard_can_read_while_nothing_is_writable(store_path, corpus_articles, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        expected = store.events(s)
    with store.open(store_path, readonly=True) as reader:
        corpus = store.corpus(reader)
        pd.testing.assert_frame_equal(corpus.events, expected)
        assert len(corpus.extractions) == len(corpus_articles)


@pytest.mark.parametrize("in_sql", [True, False], ids=["rows-copied-in-sqlite", "rows-through-python"])
def test_events_made_a_chunk_at_a_time_equal_the_whole_table(store_path, corpus_articles, gazetteer, in_sql,
                                                             monkeypatch):
    monkeypatch.setattr(event_table, "_SQL_JSON", in_sql and event_table._SQL_JSON)
    expected = build_corpus(corpus_articles, gazetteer=gazetteer).events
    assert expected["denies"].map(len).sum() > 0  # denial links are part of what is compared
    with store.open(store_path) as s:
        store.ingest(s, corpus_articles[:-1], gazetteer=gazetteer)
        s.db.execute("DELETE FROM events")
        stats = event_table.refresh(s, gazetteer, chunk=3, full=True)
        assert stats.computed == stats.events > 3
        store.ingest(s, corpus_articles[-1:], gazetteer=gazetteer)  # rows reused across chunks, links redone
        stats = event_table.refresh(s, gazetteer, chunk=3, full=True)
        assert stats.reused == stats.events
        pd.testing.assert_frame_equal(store.events(s), expected)
