"""Filtered and aggregated reads in SQL give what filtering the whole table in pandas gives."""

import math

import pandas as pd
import pytest

import store


def same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same rows in the same order with every column (pandas types an all-empty column of a subset apart)."""
    assert list(got.columns) == list(expected.columns)
    assert got["id"].tolist() == expected["id"].tolist()
    assert got["mentions"].tolist() == expected["mentions"].tolist()


@pytest.fixture(scope="module")
def filled(tmp_path_factory, corpus_articles, gazetteer):
    path = tmp_path_factory.mktemp("read") / "s.db"
    with store.open(path) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
    s = store.open(path, readonly=True)
    yield s, store.events(s)
    s.close()


def test_filters_match_pandas(filled):
    s, table = filled
    dated = table[table["date_start"].notna()]
    since, until = "2015-10-07", "2015-10-08"
    expected = dated[(dated["date_end"] >= since) & (dated["date_start"] <= until)]
    assert 0 < len(expected) < len(table)
    same(store.events(s, since=since, until=until), expected.reset_index(drop=True))

    kinds = ["launch", "denial"]
    same(store.events(s, types=kinds), table[table["type"].isin(kinds)].reset_index(drop=True))
    box = (30.0, 40.0, 45.0, 60.0)
    inside = table[table["lat"].between(box[0], box[2]) & table["lon"].between(box[1], box[3])]
    assert 0 < len(inside) < len(table)
    same(store.events(s, bbox=box), inside.reset_index(drop=True))
    assert list(store.events(s, limit=3)["id"]) == list(table["id"][:3])


def test_a_read_of_some_days_is_a_range_of_the_date_index_that_still_finds_long_events(filled):
    s, table = filled
    dated = table[table["date_start"].notna()]
    lengths = pd.to_datetime(dated["date_end"]) - pd.to_datetime(dated["date_start"])
    longest = dated.loc[lengths.idxmax()]
    assert lengths.max().days >= 5  # a range, found on its last day: it starts days before the days read
    since = longest["date_end"]
    got = store.events(s, since=since, until=since)
    assert longest["id"] in set(got["id"])
    expected = dated[(dated["date_end"] >= since) & (dated["date_start"] <= since)]
    same(got, expected.reset_index(drop=True))
    where, params = store.read._where(since, since, longest_days=lengths.max().days)
    plan = " ".join(str(row) for row in s.db.execute("EXPLAIN QUERY PLAN SELECT row FROM events" + where, params))
    assert "USING INDEX events_by_date (date_start>? AND date_start<?)" in plan


def test_the_span_is_kept_with_the_events(filled):
    s, table = filled
    assert store.event_span(s) == (len(table), table["date_start"].min(), table["date_end"].max())


def test_counts_by_period_and_type(filled):
    s, table = filled
    counts = store.event_counts(s, by="day")
    dated = table[table["date_start"].notna()]
    expected = dated.groupby([dated["date_start"].str[:10], "type"]).size()
    assert dict(zip(zip(counts["period"], counts["type"]), counts["events"])) == expected.to_dict()
    months = store.event_counts(s, by="month", types=["launch"])
    assert set(months["type"]) == {"launch"} and months["events"].sum() == (dated["type"] == "launch").sum()
    with pytest.raises(ValueError):
        store.event_counts(s, by="fortnight")


def test_map_cells_count_every_placed_event_once(filled):
    s, table = filled
    cells = store.event_grid(s, cell_degrees=2.0)
    placed = table[table["lat"].notna()]
    assert cells["events"].sum() == len(placed)
    expected = placed.groupby([(placed["lat"] / 2).map(math.floor), (placed["lon"] / 2).map(math.floor)]).size()
    got = {(math.floor(lat / 2), math.floor(lon / 2)): n for lat, lon, n in cells.itertuples(index=False)}
    assert got == expected.to_dict()


def test_the_kept_day_counts_are_the_events_table_counted(filled):
    s, table = filled
    dated = table[table["date_start"].notna()]
    months = store.day_counts(s, by="month")
    expected = dated.groupby([dated["date_start"].str[:7] + "-01", "type"]).size()
    assert dict(zip(zip(months["period"], months["type"]), months["events"])) == expected.to_dict()
    weeks = store.day_counts(s, by="week")
    assert weeks["events"].sum() == len(dated)
    assert all(pd.Timestamp(p).weekday() == 0 for p in weeks["period"])
    with pytest.raises(ValueError):
        store.day_counts(s, by="fortnight")


def test_a_page_of_dates_holds_the_latest_days_that_fit(filled):
    s, table = filled
    per_day = store.day_counts(s, by="day").groupby("period")["events"].sum()
    first, last = per_day.index[0], per_day.index[-1]
    assert store.days_holding(s, first, last, limit=len(table)) == (first, per_day.sum())
    limit = per_day.sum() // 2
    start, asked = store.days_holding(s, first, last, limit=limit)
    assert asked == per_day.sum() and first < start <= last
    held = per_day[per_day.index >= start]
    assert held.sum() <= limit < held.sum() + per_day[per_day.index < start].iloc[-1]  # the next day back would not fit
    busiest = per_day.idxmax()
    assert store.days_holding(s, busiest, busiest, limit=1) == (busiest, per_day.max())  # one day, however full


def test_the_day_counts_follow_a_changed_article(tmp_path, corpus_articles, gazetteer):
    from dataclasses import replace

    path = tmp_path / "s.db"
    with store.open(path) as s:
        store.ingest(s, corpus_articles, gazetteer=gazetteer)
        before = store.day_counts(s, by="day")["events"].sum()
        first = corpus_articles[0]
        store.ingest(s, [replace(first, text=first.text + " Russia launched missiles on 3 March 2016.")],
                     gazetteer=gazetteer)
        after = store.day_counts(s, by="day")
        dated = store.events(s)
        assert after["events"].sum() == dated["date_start"].notna().sum() != before
        assert "2016-03-01" in set(store.day_counts(s, by="month")["period"])
