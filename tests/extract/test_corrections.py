import json
from dataclasses import replace
from datetime import date

import pytest

from extract.articles import load_text
from extract.corrections import Correction, date_range, orphaned, place_value
from extract.pipeline import build_corpus, extract_article

TEXT = ("Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the defence ministry said. "
        "Turkey denied that the missiles crossed its airspace.")


@pytest.fixture(scope="module")
def article():
    return load_text(TEXT, name="strike.txt", source="Wire", published=date(2015, 10, 9))


def _span(article, words: str, kind: str, value: str, created: str = "2026-12-01T10:00:00") -> Correction:
    start = article.text.index(words)
    return Correction(article.id, kind, start, start + len(words), words, value, analyst="ana", created=created)


def _launch(extraction):
    return next(m for m in extraction.events if m.type == "launch")


def test_a_corrected_date_dates_the_event_of_its_sentence(article, gazetteer):
    before = _launch(extract_article(article, gazetteer))
    assert before.date_start == date(2015, 10, 7)
    fixed = _launch(extract_article(article, gazetteer, corrections=[_span(article, "Wednesday", "date", "2015-10-06")]))
    assert (fixed.date_start, fixed.date_end, fixed.date_precision) == (date(2015, 10, 6), date(2015, 10, 6), "day")
    assert "analyst" in fixed.date_rule and fixed.corrected == ("date",)


def test_a_corrected_place_replaces_the_gazetteer_reading(article, gazetteer):
    value = place_value("Caspian Flotilla base", "facility", 42.98, 47.50, country_code="RU")
    extraction = extract_article(article, gazetteer, corrections=[_span(article, "Caspian Sea", "place", value)])
    place = next(p for p in extraction.places if p.text == "Caspian Sea")
    assert (place.name, place.lat, place.rule) == ("Caspian Flotilla base", 42.98, "analyst")
    assert "place" in _launch(extraction).corrected


def test_an_empty_place_value_says_it_is_not_a_place(article, gazetteer):
    extraction = extract_article(article, gazetteer, corrections=[_span(article, "Turkey", "place", "")])
    assert "Turkey" not in [p.text for p in extraction.places]


def test_a_stance_correction_reaches_the_events_table(article, gazetteer):
    corpus = build_corpus([article], gazetteer=gazetteer,
                          corrections=[_span(article, "launched", "stance", "disputed")])
    row = corpus.events[corpus.events["type"] == "launch"].iloc[0]
    assert row["stance"] == "disputed" and row["corrected"] == ["stance"]


def test_the_latest_decision_on_a_span_wins(article, gazetteer):
    older = _span(article, "launched", "stance", "denied", created="2026-12-01T09:00:00")
    newer = _span(article, "launched", "stance", "asserted", created="2026-12-01T11:00:00")
    assert _launch(extract_article(article, gazetteer, corrections=[newer, older])).stance == "asserted"


def test_a_correction_whose_text_changed_is_kept_out_and_reported(article, gazetteer):
    correction = _span(article, "Wednesday", "date", "2015-10-06")
    edited = replace(article, text=article.text.replace("Wednesday", "Tuesday"))
    assert orphaned([correction], edited) == [correction]
    corpus = build_corpus([edited], gazetteer=gazetteer, corrections=[correction])
    assert any("no longer matches" in p for p in corpus.problems)
    assert all("analyst" not in t.rule for e in corpus.extractions for t in e.timexes)


@pytest.mark.parametrize("value, expected", [
    ("2015-10-07", (date(2015, 10, 7), date(2015, 10, 7), "day")),
    ("2015-02", (date(2015, 2, 1), date(2015, 2, 28), "month")),
    ("2015-12", (date(2015, 12, 1), date(2015, 12, 31), "month")),
    ("2015", (date(2015, 1, 1), date(2015, 12, 31), "year")),
    ("2015-10-07/2015-11", (date(2015, 10, 7), date(2015, 11, 30), "range")),
])
def test_date_values(value, expected):
    assert date_range(value) == expected


@pytest.mark.parametrize("value", ["2015-02-30", "yesterday", "15", "2015-11/2015-10", ""])
def test_impossible_dates_are_refused_with_a_reason(value):
    with pytest.raises(ValueError, match="date|range"):
        Correction("a", "date", 0, 1, "x", value)


def test_unknown_kinds_and_stances_are_refused():
    with pytest.raises(ValueError, match="kind"):
        Correction("a", "actor", 0, 1, "x", "y")
    with pytest.raises(ValueError, match="stance"):
        Correction("a", "stance", 0, 1, "x", "maybe")


def test_place_values_carry_what_is_needed_to_draw_them():
    chosen = json.loads(place_value("Incirlik", "facility", 37.0, 35.4, country_code="TR"))
    assert chosen["place_id"] == "analyst:Incirlik" and chosen["lat"] == 37.0


def test_an_event_date_is_set_on_the_trigger_for_events_no_expression_dates(gazetteer):
    undated = load_text("Turkey denied that the missiles crossed its airspace.", name="d.txt",
                        published=date(2015, 10, 9))
    extraction = extract_article(undated, gazetteer, corrections=[_span(undated, "denied", "event_date", "2015-10-08")])
    denial = next(m for m in extraction.events if m.type == "denial")
    assert (denial.date_start, denial.date_precision) == (date(2015, 10, 8), "day")
    assert denial.corrected == ("date",) and "analyst" in denial.date_rule
