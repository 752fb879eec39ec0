"""The briefing page: self-contained, offline, escaped; a PNG where Chromium is installed."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dashboard import briefing
from dashboard.basemap import basemap
from dashboard.mapview import build_map
from dashboard.timeline import timeline_chart


@pytest.fixture(scope="module")
def page(corpus, gazetteer):
    view = corpus.events
    fmap = build_map(view, basemap(gazetteer))
    svg = briefing.timeline_svg(timeline_chart(view, width=640))
    return briefing.briefing_html(view, fmap, svg, title="Strikes <script>alert(1)</script>", generated=date(2015, 10, 9))


def test_the_page_needs_no_network(page):
    assert "<svg" in page and "L.map(" in page
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page)
    assert "/app/static/" not in page  # every script and style inlined


def test_text_from_articles_and_the_title_is_escaped(page):
    assert "<script>alert(1)</script>" not in page
    assert "Strikes &lt;script&gt;" in page


def test_subtitle_names_dates_and_sources(corpus):
    line = briefing.subtitle(corpus.events)
    assert "2015-09-28" in line and "PressTV" in line


def test_png_from_headless_chromium_or_a_clear_reason(page, monkeypatch):
    if briefing.chromium_path() is None:
        with pytest.raises(briefing.BriefingError, match="Chromium"):
            briefing.briefing_png(page)
        return
    png = briefing.briefing_png(page)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1920, 1080)
    monkeypatch.setattr(briefing, "chromium_path", lambda: None)
    with pytest.raises(briefing.BriefingError, match="chromium-driver"):
        briefing.briefing_png(page)
