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
