import json
from datetime import date

import pytest

from dashboard.review import Report, corrections_from_form, describe, place_options, places_in_sentence
from extract.articles import load_text
from extract.pipeline import build_corpus

TEXT = "Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the defence ministry said."


@pytest.fixture(scope="module")
def launch(gazetteer):
    article = load_text(TEXT, name="strike.txt", source="Wire", published=date(2015, 10, 9))
    corpus = build_corpus([article], gazetteer=gazetteer)
    row = corpus.events[corpus.events["type"] == "launch"].iloc[0]
    return corpus.extractions[0], Report.of(row["mentions"][0])


def test_an_unchanged_form_makes_no_correction(launch):
    extraction, report = launch
    assert report.date_value == "2015-10-07"
    assert corrections_from_form(extraction, report, stance=report.stance, date_value=report.date_value) == []


def test_changed_fields_become_stamped_corrections_of_their_spans(launch):
    extraction, report = launch
    made = corrections_from_form(extraction, report, stance="disputed", date_value="2015-10-06", analyst=" ana ",
                                 note="ministry video is from Tuesday")
    assert [(c.kind, c.text, c.value, c.analyst) for c in made] == [
        ("stance", "launched", "disputed", "ana"), ("event_date", "launched", "2015-10-06", "ana")]
    assert all(c.created.startswith("20") for c in made)
    assert "event date of “launched” → 2015-10-06 by ana" in describe(made[1])


def test_an_impossible_date_is_refused_with_the_reason(launch):
    extraction, report = launch
    with pytest.raises(ValueError, match="not a date"):
        corrections_from_form(extraction, report, stance=report.stance, date_value="2015-02-30")


def test_a_place_can_be_moved_to_another_reading_or_struck(launch, gazetteer):
    extraction, report = launch
    assert [p.text for p in places_in_sentence(extraction, report)] == ["Russia", "Caspian Sea"]
    sea = places_in_sentence(extraction, report)[1]
    options = place_options("Paris", gazetteer)
    assert len(options) >= 2 and any("FR" in label for label, _ in options)
    label, value = options[0]
    made = corrections_from_form(extraction, report, stance=report.stance, date_value="", place=sea,
                                 place_value_chosen=value)
    assert made[0].kind == "place" and json.loads(made[0].value)["name"] == "Paris"
    struck = corrections_from_form(extraction, report, stance=report.stance, date_value="", place=sea,
                                   place_value_chosen="")
    assert "→ not a place" in describe(struck[0])
