from __future__ import annotations

from dashboard.timeline import timeline_chart, timeline_rows


def test_one_mark_per_source_and_ranges(corpus):
    rows = timeline_rows(corpus.events)
    launch = rows[rows["type"] == "launch"]
    assert sorted(launch["source"]) == sorted(corpus.events[corpus.events["type"] == "launch"].iloc[0]["sources"])
    month = rows[rows["id"].isin(corpus.events[corpus.events["date_precision"] == "month"]["id"])]
    assert month.empty or month["ranged"].all()
    assert rows["reported"].any()


def test_chart_builds(corpus):
    spec = timeline_chart(corpus.events).to_dict()
    assert spec["layer"] and "params" in spec
