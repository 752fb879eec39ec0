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


def test_lanes_by_source_and_marks_for_contested_and_planned(corpus):
    from dashboard.timeline import timeline_chart, timeline_rows

    rows = timeline_rows(corpus.events)
    assert {"contested", "planned"} <= set(rows.columns)
    assert rows["contested"].any()  # the seeds' crash claim is disputed
    by_source = timeline_chart(corpus.events, lanes="source").to_dict()
    layer = by_source["layer"][0]
    assert layer["encoding"]["y"]["field"] == "source" and layer["encoding"]["yOffset"]["field"] == "type"
    by_type = timeline_chart(corpus.events).to_dict()
    assert by_type["layer"][0]["encoding"]["y"]["field"] == "type"


def test_a_focus_window_marks_what_lies_inside_it(corpus):
    from datetime import date

    from dashboard.timeline import timeline_chart

    spec = timeline_chart(corpus.events, focus=(date(2015, 10, 7), date(2015, 10, 7))).to_dict()
    data = next(iter(spec["datasets"].values()))
    inside = {row["id"] for row in data if row["in_focus"]}
    outside = {row["id"] for row in data if not row["in_focus"]}
    assert inside and outside


def test_the_store_chart_shows_every_counted_event_by_month_and_type():
    import pandas as pd

    from dashboard.timeline import STORE_PICK, store_chart

    counts = pd.DataFrame({"period": ["2015-09-01", "2015-10-01", "2015-10-01"], "type": ["launch", "launch", "strike"],
                           "events": [3, 5, 2]})
    spec = store_chart(counts).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert spec["mark"]["type"] == "bar" and sum(r["events"] for r in rows) == 10
    assert spec["params"][0]["name"] == STORE_PICK
    assert spec["encoding"]["color"]["scale"]["range"] == ["#D55E00", "#E69F00"]  # the map's colours


def test_the_counts_legend_shows_whole_numbers():
    from dashboard.timeline import count_chart
    from tests.dashboard.test_overview import CITIES, _events

    legend = count_chart(_events(900, CITIES)).to_dict()["encoding"]["color"]["legend"]
    assert legend["format"] == ",d"  # one count in view had been labelled "1,000.000000"
