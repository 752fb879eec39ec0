from __future__ import annotations

from datetime import date

from dashboard.filters import Filters, apply, options


def test_options_cover_the_corpus(corpus):
    opts = options(corpus.events)
    assert "PressTV" in opts.sources and "launch" in opts.types
    assert opts.first == date(2015, 9, 28)


def test_no_filter_keeps_everything(corpus):
    assert len(apply(corpus.events, Filters())) == len(corpus.events)


def test_source_type_and_dates(corpus):
    events = corpus.events
    press = apply(events, Filters(sources=("PressTV",)))
    assert len(press) and all("PressTV" in s for s in press["sources"])
    launches = apply(events, Filters(types=("launch",)))
    assert set(launches["type"]) == {"launch"}
    september = apply(events, Filters(start=date(2015, 9, 1), end=date(2015, 9, 30)))
    assert len(september) and all(d <= "2015-09-30" for d in september["date_start"])
    assert len(apply(events, Filters(start=date(2020, 1, 1)))) == 0


def test_places_actors_stances_and_precisions(corpus):
    events = corpus.events
    opts = options(events)
    assert "Caspian Sea" in opts.places and "disputed" in opts.stances and "day" in opts.precisions
    caspian = apply(events, Filters(places=("Caspian Sea",)))
    assert len(caspian) and all("Caspian Sea" in {p["name"] for p in row} for row in caspian["places"])
    disputed = apply(events, Filters(stances=("disputed",)))
    assert len(disputed) and set(disputed["stance"]) == {"disputed"}
    actor = opts.actors[0]
    assert all(actor in row for row in apply(events, Filters(actors=(actor,)))["actors"])
    exact = apply(events, Filters(precisions=("day",)))
    assert set(exact["date_precision"]) == {"day"}


def test_filters_survive_a_round_trip_through_the_url(corpus):
    from dashboard.filters import from_query, to_query

    opts = options(corpus.events)
    chosen = Filters(sources=("PressTV",), types=("launch", "crash"), stances=("disputed",),
                     start=date(2015, 10, 1), end=date(2015, 10, 8))
    query = to_query(chosen)
    assert query["types"] == ["launch", "crash"] and query["start"] == ["2015-10-01"]
    assert from_query(query, opts) == chosen
    assert to_query(Filters()) == {}


def test_a_tampered_link_loses_only_its_bad_values(corpus):
    from dashboard.filters import from_query

    opts = options(corpus.events)
    got = from_query({"types": ["launch", "<script>"], "start": ["2015-13-45"], "bogus": ["x"]}, opts)
    assert got == Filters(types=("launch",))
