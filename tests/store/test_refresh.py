"""The events table kept by merging new articles into the stored merge state equals one merge of every article."""

import json
import random
import sys
from datetime import timedelta

import pandas as pd
import pytest

import store
from extract.articles import load_text
from extract.pipeline import build_corpus
from store import merge_state
from store import refresh as event_table

from .conftest import ROOT, synthetic

sys.path.insert(0, str(ROOT))
from bench.corpus import generate  # noqa: E402

SOURCES = ["Echo", "Relay", "Digest", "Bulletin"]


@pytest.fixture(scope="module")
def story(bundled):
    """Articles of one story over a few days (the seeds again under other sources, a day or two apart, so events
    merge across articles and claims meet denials) mixed with unrelated perturbed ones and the synthetic."""
    rng = random.Random(5)
    out = []
    for i, article in enumerate(generate(24, seed=3)):
        seed = bundled[i % len(bundled)]
        out.append(load_text(seed.body, name=f"again-{i:02d}.md", source=rng.choice(SOURCES),
                             published=seed.published + timedelta(days=rng.randint(0, 2))))
        out.append(article)
    return [*bundled, *out, *(synthetic(name) for name in ("caspian", "aleppo", "geneva"))]


def kept(s) -> dict:
    """Everything a refresh writes, in comparable form."""
    rows = s.db.execute("SELECT position, id, signature, type, date_start, date_end, lat, lon, row FROM events "
                        "ORDER BY position").fetchall()
    meta = dict(s.db.execute("SELECT key, value FROM meta WHERE key IN ('events', 'first_day', 'last_day', "
                             "'longest_days', 'merged_through', 'events_stale')"))
    return {
        "events": [(*r[:8], json.loads(r[8])) for r in rows],
        "days": s.db.execute("SELECT * FROM event_days ORDER BY day, type").fetchall(),
        "spans": s.db.execute("SELECT * FROM event_spans ORDER BY days").fetchall(),
        "meta": meta,
        "clusters": [(p, json.loads(t)) for p, t in s.db.execute("SELECT * FROM merge_clusters ORDER BY position")],
        "keys": s.db.execute("SELECT * FROM merge_keys ORDER BY key, position").fetchall(),
    }


@pytest.mark.parametrize("batches", [[1] * 8 + [60], [5, 20, 40], [31, 1, 1, 30]], ids=["one-by-one", "fives",
                                                                                       "uneven"])
def test_ingests_merged_into_the_kept_state_equal_one_merge_of_every_article(store_path, story, gazetteer,
                                                                             batches, monkeypatch):
    monkeypatch.setattr(event_table, "APPEND_CHUNK", 3)  # clusters cross the chunks of an ingest too
    with store.open(store_path) as s:
        start = 0
        for size in batches:
            report = store.ingest(s, story[start:start + size], gazetteer=gazetteer)
            assert report.refresh.mode == "append"  # a new store's first ingest too
            start += size
        assert start >= len(story)
        appended = kept(s)
        event_table.refresh(s, gazetteer, full=True)
        assert kept(s) == appended
        expected = build_corpus(story, gazetteer=gazetteer).events
        pd.testing.assert_frame_equal(store.events(s), expected)
    # What makes the comparison worth making: events across articles and ingests, and denial links.
    assert expected["articles"].map(len).max() > 3 and expected["denies"].map(len).sum() > 0


def test_a_crash_between_chunks_keeps_a_table_of_every_article_merged_so_far(store_path, story, gazetteer,
                                                                            monkeypatch, tmp_path):
    monkeypatch.setattr(event_table, "APPEND_CHUNK", 4)
    with store.open(store_path) as s:
        store.ingest(s, story[:10], gazetteer=gazetteer)
        chunks = {"begun": 0}
        real_chunk, real_row = event_table._append_chunk, event_table.event_row

        def counted_chunk(*args, **kwargs):
            chunks["begun"] += 1
            return real_chunk(*args, **kwargs)

        def failing_row(*args, **kwargs):
            if chunks["begun"] == 3:
                raise KeyboardInterrupt  # the process stopped in the third chunk, rows half made
            return real_row(*args, **kwargs)

        monkeypatch.setattr(event_table, "_append_chunk", counted_chunk)
        monkeypatch.setattr(event_table, "event_row", failing_row)
        with pytest.raises(KeyboardInterrupt):
            store.ingest(s, story[10:], gazetteer=gazetteer)
        through = merge_state.valid_through(s.db)
        merged = {i for (i,) in s.db.execute("SELECT id FROM articles WHERE seq <= ?", (through,))}
        assert len(merged) == 10 + 2 * 4
        assert store.problems(s)  # the table is behind the articles, and says so
        pd.testing.assert_frame_equal(event_table.read(s), build_corpus(
            [a for a in story if a.id in merged], gazetteer=gazetteer).events)

        monkeypatch.setattr(event_table, "event_row", real_row)
        stats = store.refresh_if_stale(s, gazetteer)
        assert stats.mode == "append" and stats.articles == len(story) - len(merged)
        pd.testing.assert_frame_equal(store.events(s), build_corpus(story, gazetteer=gazetteer).events)
        assert not store.problems(s)


def test_a_changed_article_already_merged_makes_the_next_refresh_merge_everything(store_path, story, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, story[:6], gazetteer=gazetteer)
        assert merge_state.valid_through(s.db) >= 0
        store.ingest(s, story[6:8], gazetteer=gazetteer)  # new ones are appended
        changed = synthetic("caspian", "Syrian forces struck rebel positions near Aleppo on Tuesday.")
        changed = load_text(changed.text, name=f"{story[2].id}.md", source="Wire", published=story[2].published)
        assert changed.id == story[2].id
        report = store.ingest(s, [changed], gazetteer=gazetteer)
        assert report.changed == 1 and report.refresh.mode == "full"
        articles = [changed if a.id == changed.id else a for a in story[:8]]
        pd.testing.assert_frame_equal(store.events(s), build_corpus(articles, gazetteer=gazetteer).events)
        assert merge_state.valid_through(s.db) >= 0  # and the state is kept again


def test_a_state_kept_by_other_merge_rules_is_rebuilt_not_extended(store_path, story, gazetteer, monkeypatch):
    with store.open(store_path) as s:
        store.ingest(s, story[:5], gazetteer=gazetteer)
        monkeypatch.setattr(merge_state, "RULES", merge_state.RULES + "-next")
        assert merge_state.valid_through(s.db) == -1
        report = store.ingest(s, story[5:7], gazetteer=gazetteer)
        assert report.refresh.mode == "full" and merge_state.valid_through(s.db) >= 0


@pytest.mark.parametrize("articles", [0, 1])
def test_a_store_of_schema_version_5_keeps_its_merge_state_from_its_next_refresh(store_path, story, gazetteer,
                                                                                 articles):
    import sqlite3

    from store import schema

    db = sqlite3.connect(store_path, isolation_level=None)
    schema.migrate(db, upto=5)
    if articles:
        db.execute("INSERT INTO articles (id, content_hash, text, metadata, ingested) VALUES ('old', '', 'x', '{}', '')")
    db.close()
    with store.open(store_path) as s:
        assert schema.version(s.db) == schema.LATEST
        assert merge_state.valid_through(s.db) == (-1 if articles else 0)
        assert store.ingest(s, story[:3], gazetteer=gazetteer).refresh.mode == ("full" if articles else "append")
        assert store.ingest(s, story[3:5], gazetteer=gazetteer).refresh.mode == "append"


def test_a_target_lists_its_deniers_by_position_whatever_order_they_were_linked_in():
    class Mention:
        def __init__(self, denies=None):
            self.denies = denies

    class Merger:
        kept = {2: merge_state.Kept(None), 5: merge_state.Kept(None, disputed_by=[9]),
                9: merge_state.Kept(None, denies=[5])}

        def get(self, i):
            return self.kept[i]

    merger = Merger()
    # A new article: its first mention joins event 5, its second (a denial of the first) the earlier event 2.
    changed = event_table._link_denials(merger, {"new": [Mention(), Mention(denies=0)]},
                                        {("new", 0): 5, ("new", 1): 2})
    assert merger.kept[5].disputed_by == [2, 9] and merger.kept[2].denies == [5] and changed == {2, 5}


def test_a_long_ingest_merges_as_it_goes_so_its_events_show_before_it_ends(store_path, story, gazetteer,
                                                                         monkeypatch):
    from store.engines import LocalEngine

    monkeypatch.setattr(event_table, "APPEND_CHUNK", 5)
    engine = LocalEngine(gazetteer)
    engine.batch_size = 4
    with store.open(store_path) as s:
        seen = []
        report = store.ingest(s, story, engine=engine, progress=lambda step: seen.append(
            (step.done, s.db.execute("SELECT count(*) FROM events").fetchone()[0])))
        assert report.refresh.mode == "append" and report.refresh.articles == len(story)
        during = [events for done, events in seen if done < len(story) - 8]
        assert during[0] == 0 and 0 < during[-1] < report.events  # the table grew while articles came
        assert sorted(during) == during
        pd.testing.assert_frame_equal(store.events(s), build_corpus(story, gazetteer=gazetteer).events)
