from datetime import date, timedelta

import pandas as pd
import pytest

from dashboard.basemap import basemap
from dashboard.mapview import build_map, event_layers
from dashboard.overview import DETAIL_LIMIT, GROUP_LIMIT, busiest_paths, overview, period_counts, place_groups
from dashboard.timeline import timeline_chart
from tests.dashboard.drawn import marks


def _events(n: int, places: list[tuple[str, float, float]]) -> pd.DataFrame:
    rows = []
    for i in range(n):
        name, lat, lon = places[i % len(places)]
        day = (date(2015, 10, 1) + timedelta(days=i % 30)).isoformat()
        rows.append({"id": f"e{i}", "type": ("strike", "launch", "statement")[i % 3], "label": f"event {i}",
                     "date_start": day, "date_end": day, "date_precision": "day", "date_rule": "test",
                     "location": name, "destination": None, "origin": None, "lat": lat, "lon": lon,
                     "places": [{"name": name, "role": "location", "kind": "city"}], "radius_km": None,
                     "path": [[lat, lon], [lat + 5, lon + 5]] if i % 100 == 0 else None,
                     "path_km": 700.0 if i % 100 == 0 else None, "crossed": [], "sources": ["A"] * (1 + i % 4),
                     "stance": "asserted", "sentence": "s", "planned": False, "claimants": [], "actors": []})
    return pd.DataFrame(rows)


CITIES = [("Aleppo", 36.2, 37.16), ("Homs", 34.73, 36.71), ("Raqqa", 35.95, 39.01)]


def test_small_views_draw_every_event_and_large_ones_counts():
    assert not overview(_events(DETAIL_LIMIT, CITIES)) and overview(_events(DETAIL_LIMIT + 1, CITIES))


def test_events_are_counted_by_place_with_their_commonest_types():
    groups = place_groups(_events(3000, CITIES))
    assert [(g.name, g.count) for g in groups] == [("Aleppo", 1000), ("Homs", 1000), ("Raqqa", 1000)]
    assert (groups[0].lat, groups[0].lon) == (36.2, 37.16)
    assert groups[0].tooltip().startswith("1,000 events at Aleppo: ")


def test_scattered_places_are_pooled_until_the_map_can_take_them():
    scattered = [(f"P{i}", (i % 60) - 30.0, (i // 60) * 1.0) for i in range(3600)]
    groups = place_groups(_events(3600, scattered))
    assert len(groups) <= GROUP_LIMIT and sum(g.count for g in groups) == 3600


def test_the_busiest_paths_are_kept():
    events = _events(2000, CITIES)
    events.loc[events.index[100:300:100], "sources"] = pd.Series([["A", "B", "C"]] * 2, index=events.index[100:300:100])
    paths = busiest_paths(events, limit=2)
    assert list(paths["id"]) == ["e100", "e200"]


def test_counts_per_period_and_lane():
    counts, unit = period_counts(_events(90, CITIES))
    assert unit == "day" and counts["events"].sum() == 90 and set(counts["lane"]) == {"strike", "launch", "statement"}
    by_source, _ = period_counts(_events(4, CITIES), lanes="source")
    assert by_source["events"].sum() == 1 + 2 + 3 + 4


def test_long_stories_are_counted_by_week_or_month():
    events = _events(20, CITIES)
    events.loc[0, ["date_start", "date_end"]] = "2013-01-09"
    counts, unit = period_counts(events)
    assert unit == "week" and counts["day"].dt.day_of_week.eq(0).all()
    events.loc[0, ["date_start", "date_end"]] = "2009-01-09"
    counts, unit = period_counts(events)
    assert unit == "month" and counts["day"].dt.day.eq(1).all() and counts["events"].sum() == 20


@pytest.fixture(scope="module")
def many():
    return _events(10_000, CITIES)


def test_the_overview_map_draws_one_circle_per_place(many, gazetteer):
    layers = event_layers(many)
    assert len(marks(layers)) == 3 and sum(tip.startswith("3,334 events at Aleppo") for tip in layers.places_by_tip) == 1
    assert "events at Aleppo" in build_map(many, basemap(gazetteer)).get_root().render()


def test_circles_grow_with_their_counts_up_to_a_largest(many):
    from dashboard.mapview import GROUP_RADIUS_PX

    uneven = pd.concat([_events(6000, CITIES[:1]), _events(600, CITIES[1:2]), _events(6, CITIES[2:])],
                       ignore_index=True)
    uneven["id"] = [f"e{i}" for i in range(len(uneven))]
    radii = sorted(m["style"]["radius"] for m in marks(event_layers(uneven)))
    assert radii[2] == 5 + GROUP_RADIUS_PX and radii[1] == round(5 + GROUP_RADIUS_PX * 0.1 ** 0.5, 1)  # areas
    few = _events(DETAIL_LIMIT + 3, CITIES)  # some 170 at each place: drawn as they always were, not blown up
    assert {m["style"]["radius"] for m in marks(event_layers(few))} <= {round(5 + 2.2 * n ** 0.5, 1)
                                                                       for n in (167, 168)}


def test_the_overview_timeline_counts_days(many):
    spec = timeline_chart(many).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert spec["mark"]["type"] == "rect" and sum(r["events"] for r in rows) == 10_000


def test_the_selected_path_is_drawn_even_when_others_are_busier():
    events = _events(2000, CITIES)
    paths = busiest_paths(events, limit=2, keep="e1900")
    assert "e1900" in set(paths["id"]) and len(paths) == 3


def test_the_legend_says_when_paths_are_left_out(gazetteer):
    events = _events(400, CITIES)
    events["path"] = [[[36.2, 37.16], [40.0, 44.0]]] * len(events)
    events["path_km"] = 700.0
    html = build_map(events, basemap(gazetteer)).get_root().render()
    assert "paths: the 100 best-sourced of 400" in html
    assert not any(m["popup"] for m in marks(event_layers(events)))
    shown = marks(event_layers(events.head(3), popups=True))
    assert len(shown) == 3 and all(m["popup"] for m in shown)
