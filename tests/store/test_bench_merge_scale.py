"""The merge benchmark's store: a store's articles again, later, each copy merged into the kept state."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import store  # noqa: E402
from bench.merge_scale import main, shifted  # noqa: E402


def test_dates_move_by_whole_years_and_a_leap_day_survives_a_common_year():
    assert shifted('{"a":"2015-10-07","b":"2016-02-29T10:00"}', 11) == '{"a":"2026-10-07","b":"2027-02-28T10:00"}'


def test_each_copy_reports_the_same_events_years_later_under_its_own_ids(tmp_path, corpus_articles, gazetteer,
                                                                        capsys):
    source, out = tmp_path / "source.db", tmp_path / "scale.db"
    with store.open(source) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        original = store.events(s)
    assert main([str(source), str(out), "--copies", "2"]) == 0
    assert "ms per new article" in capsys.readouterr().out
    with store.open(out) as s:
        assert len(store.articles(s)) == 3 * len(corpus_articles)
        merged = store.events(s)
        assert not store.problems(s)
    assert len(merged) == 3 * len(original) and merged["id"].is_unique
    for copy in (1, 2):
        mine = merged[merged["articles"].map(lambda ids: all(i.endswith(f"~{copy}") for i in ids))]
        assert sorted(mine["date_start"].dropna()) == sorted(shifted(f'"{d}', 11 * copy)[1:]
                                                             for d in original["date_start"].dropna())
        assert sorted(mine["label"]) == sorted(original["label"])
