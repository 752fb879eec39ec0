"""Every hand-checked expectation of ../shared/gold/seeds.json, on the corpus in data/articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from geopy.distance import geodesic

from extract.articles import load_file
from extract.pipeline import build_corpus, extract_article, with_published

ROOT = Path(__file__).resolve().parents[1]


def _article_path(gold_article: dict) -> Path:
    return ROOT / "data" / "articles" / gold_article["file"].replace(".txt", ".md")


def _locate(text: str, anchor: str, needle: str) -> tuple[int, int]:
    at = text.find(anchor)
    assert at >= 0 and text.find(anchor, at + 1) < 0, f"anchor not unique in article: {anchor!r}"
    inner = anchor.find(needle)
    assert inner >= 0
    return at + inner, at + inner + len(needle)


def _overlapping(items, start: int, end: int):
    return [i for i in items if i.start < end and start < i.end]


@pytest.fixture(scope="module")
def corpus(gold, gazetteer):
    articles = [load_file(_article_path(a)) for a in gold["articles"]]
    return build_corpus(articles, gazetteer=gazetteer)


def _extraction(corpus, gold_article):
    article_id = Path(gold_article["file"]).stem
    return next(e for e in corpus.extractions if e.article.id == article_id)


def test_metadata_loaded(gold, corpus):
    for expected in gold["articles"]:
        article = _extraction(corpus, expected).article
        assert article.published == date.fromisoformat(expected["published"])
        assert article.source == expected["source"]
        assert article.title == expected["title"]


def test_timexes(gold, corpus):
    for expected in gold["articles"]:
        extraction = _extraction(corpus, expected)
        for timex in expected["timexes"]:
            start, end = _locate(extraction.article.text, timex["anchor"], timex["text"])
            found = _overlapping(extraction.timexes, start, end)
            assert found, f"{expected['file']}: no timex at {timex['anchor']!r}"
            assert (found[0].value, found[0].precision) == (timex["value"], timex["precision"]), timex["anchor"]


def test_places(gold, corpus, gazetteer):
    for expected in gold["articles"]:
        extraction = _extraction(corpus, expected)
        for place in expected["places"]:
            start, end = _locate(extraction.article.text, place["anchor"], place["text"])
            found = _overlapping(extraction.places, start, end)
            assert found, f"{expected['file']}: no place at {place['anchor']!r}"
            mention = found[0]
            distance = geodesic((mention.lat, mention.lon), (place["lat"], place["lon"])).km
            inside = False
            if place["kind"] in ("country", "airspace") and mention.country_code:
                country = gazetteer.country(mention.country_code)
                inside = gazetteer.country_at(place["lat"], place["lon"]) == country
            assert distance <= place["tolerance_km"] or inside, f"{place['text']}: {distance:.0f} km off"


def test_not_places(gold, corpus):
    for expected in gold["articles"]:
        extraction = _extraction(corpus, expected)
        texts = [p.text for p in extraction.places]
        for name in expected["not_places"]:
            assert not any(name in t for t in texts), f"{name!r} taken as a place in {expected['file']}"


def test_invariant_published_dates(gold, gazetteer):
    for expected in gold["articles"]:
        article = load_file(_article_path(expected))
        baseline = [(t.start, t.value) for t in extract_article(article, gazetteer).timexes]
        for published in expected.get("invariant_published", []):
            moved = with_published(article, date.fromisoformat(published))
            values = [(t.start, t.value) for t in extract_article(moved, gazetteer).timexes]
            assert values == baseline, f"values changed with published={published}"


def _events_of(corpus, kind):
    return corpus.events[corpus.events["type"] == kind]


def test_launch_is_one_event_with_path_and_both_sources(corpus):
    launches = _events_of(corpus, "launch")
    assert len(launches) == 1
    launch = launches.iloc[0]
    assert launch["date_start"] == launch["date_end"] == "2015-10-07"
    assert launch["origin"] == "Caspian Sea"
    assert launch["via"] == ["Iran", "Iraq"]
    assert launch["destination"] == "Syria"
    assert len(launch["articles"]) == 2
    assert {"Iran", "Iraq", "Syria"} <= set(launch["crossed"])
    assert 1000 < launch["path_km"] < 2500


def test_crash_claim_and_its_denial_are_linked(corpus):
    crashes = _events_of(corpus, "crash")
    crash = crashes[crashes["location"] == "Iran"].iloc[0]
    assert crash["stance"] == "disputed"
    assert any("U.S. officials" in c or "US officials" in c for c in crash["claimants"])
    assert crash["disputed_by"]
    denial = corpus.events[corpus.events["id"] == crash["disputed_by"][0]].iloc[0]
    assert denial["type"] == "denial"
    assert crash["id"] in denial["denies"]
    assert denial["date_end"] == "2015-10-08"


def test_meeting_in_new_york(corpus):
    meeting = _events_of(corpus, "meeting")
    meeting = meeting[meeting["date_start"] == "2015-09-28"].iloc[0]
    assert meeting["location"] == "New York City"
    assert {"Barack Obama", "Vladimir Putin"} <= set(meeting["actors"])


def test_undated_brussels_statement_is_shown_at_the_report_date(corpus):
    events = corpus.events
    brussels = events[events["places"].map(lambda ps: any(p["name"] == "Brussels" for p in ps))].iloc[0]
    assert "Ashton Carter" in brussels["actors"]
    assert brussels["date_precision"] == "reported"
    assert brussels["date_end"] == "2015-10-08"


def test_campaign_start_and_diversion(corpus):
    campaigns = _events_of(corpus, "campaign")
    assert any(c["date_start"] == "2015-09-30" and c["location"] == "Syria" for _, c in campaigns.iterrows())
    diversion = _events_of(corpus, "diversion")
    diversion = diversion[diversion["date_start"] == "2015-10-07"].iloc[0]
    assert diversion["origin"] == "Turkey"
    assert diversion["destination"] == "Ar Raqqah"


def test_denial_in_moscow(corpus):
    denials = _events_of(corpus, "denial")
    assert any(d["location"] == "Moscow" for _, d in denials.iterrows())
