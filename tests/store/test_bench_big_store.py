"""The large-store benchmark's store: the same events on the same days, `--copies` times, under their own ids."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import store  # noqa: E402
from bench.big_store import main  # noqa: E402


def test_a_big_store_repeats_every_event_under_new_ids_and_counts_its_days_again(tmp_path, corpus_articles, gazetteer):
    source, out = tmp_path / "source.db", tmp_path / "big.db"
    with store.open(source) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        events, days, generation = store.events(s), store.day_counts(s, by="day"), store.generation(s)
    assert main([str(source), str(out), "--copies", "3"]) == 0
    with store.open(out, readonly=True) as big:
        copied = store.events(big)
        assert len(copied) == 3 * len(events) and copied["id"].is_unique
        assert set(events["id"]) < set(copied["id"])
        assert sorted(copied["date_start"].dropna()) == sorted(list(events["date_start"].dropna()) * 3)
        again = store.day_counts(big, by="day")
        assert again["events"].tolist() == (days["events"] * 3).tolist()
        assert store.generation(big) > generation  # the page's caches see a new store
        assert not store.check(big)
