"""Given an article's publication date (DCT), when its text is tagged, then each expression has this value."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import parse_date, tag

THURSDAY = date(2015, 10, 8)


def values(text: str, published: date | None = THURSDAY) -> dict[str, str | None]:
    return {t.text: t.value for t in tag(text, published)}


@pytest.mark.parametrize("text, expected", [
    ("Officials met on Wednesday.", {"Wednesday": "2015-10-07"}),
    ("Officials met on Thursday.", {"Thursday": "2015-10-08"}),
    ("Officials will meet on Monday.", {"Monday": "2015-10-12"}),
    ("The strike happened yesterday.", {"yesterday": "2015-10-07"}),
    ("They arrive tomorrow.", {"tomorrow": "2015-10-09"}),
    ("Sirens sounded last night.", {"last night": "2015-10-07TNI"}),
    ("They met in New York on September 28.", {"September 28": "2015-09-28"}),
    ("The campaign began at the end of last month.", {"the end of last month": "2015-09"}),
    ("Attacks rose last week.", {"last week": "2015-W40"}),
    ("Sales fell last year.", {"last year": "2014"}),
    ("It happened two days ago.", {"two days ago": "2015-10-06"}),
    ("It was signed on October 7, 2015.", {"October 7, 2015": "2015-10-07"}),
    ("It was signed on 7 October 2015.", {"7 October 2015": "2015-10-07"}),
    ("It was signed on 10/7/2015.", {"10/7/2015": "2015-10-07"}),
    ("It was signed on 2015-10-07.", {"2015-10-07": "2015-10-07"}),
    ("Prices rose in March 2014.", {"March 2014": "2014-03"}),
    ("The war lasted three years.", {"three years": "P3Y"}),
    ("Growth slowed in the 1990s.", {"the 1990s": "199"}),
    ("Casualties are expected in the coming days.", {"the coming days": "FUTURE_REF"}),
    ("Talks are currently stalled.", {"currently": "PRESENT_REF"}),
])
def test_values_against_the_publication_date(text, expected):
    assert values(text) == expected


def test_precision_and_range_are_kept():
    [month] = tag("The campaign began at the end of last month.", THURSDAY)
    assert (month.precision, month.first_day, month.last_day) == ("month", date(2015, 9, 1), date(2015, 9, 30))
    [day] = tag("It happened on Wednesday.", THURSDAY)
    assert (day.precision, day.first_day, day.type) == ("day", date(2015, 10, 7), "DATE")
    assert day.anchor == "2015-10-08" and "publication date" in day.rule


def test_a_quote_is_anchored_on_the_date_of_its_statement():
    text = ("“Our strike yesterday hit its targets,” the ministry said in a statement on Thursday.")
    for published in (date(2015, 10, 8), date(2015, 10, 10), date(2015, 10, 13)):
        got = {t.text: t.value for t in tag(text, published)}
        assert got == {"yesterday": "2015-10-07", "Thursday": "2015-10-08"}


def test_a_later_quote_of_the_same_speaker_keeps_the_statement_date():
    text = ("“We hit every target,” Defense Ministry spokesman Igor Konashenkov said on Thursday. "
            "Reporters asked more questions. "
            "“The strike yesterday was a success,” Konashenkov added.")
    got = {t.text: t.value for t in tag(text, date(2015, 10, 12))}
    assert got["yesterday"] == "2015-10-07"


def test_indirect_speech_is_anchored_on_the_statement_date():
    got = values("The ministry said on Tuesday that its jets struck yesterday.", date(2015, 10, 9))
    assert got == {"Tuesday": "2015-10-06", "yesterday": "2015-10-05"}


def test_anaphoric_expressions_follow_the_last_date_of_the_text():
    found = tag("The talks opened on September 28. The next day the delegates left. Two days later, they returned.",
                THURSDAY)
    assert [(t.text, t.value) for t in found] == [
        ("September 28", "2015-09-28"), ("The next day", "2015-09-29"), ("Two days", "P2D")]
    # TimeML marks "two days" as the duration; the day it leads to is kept for the timeline.
    assert found[2].first_day == date(2015, 10, 1) and found[2].dates_an_event


def test_without_publication_date_relative_values_are_unresolved_with_a_reason():
    found = {t.text: t for t in tag("On Wednesday, on 7 October 2015, missiles were fired.", None)}
    assert found["Wednesday"].value is None
    assert "no publication date" in found["Wednesday"].reason
    assert found["7 October 2015"].value == "2015-10-07"


def test_an_impossible_date_is_reported_not_raised():
    [bad] = tag("It was signed on February 30, 2015.", THURSDAY)
    assert bad.value is None and "not a valid calendar date" in bad.reason


def test_spans_point_into_the_text_with_an_offset():
    text = "Body starts. It happened yesterday."
    [found] = tag(text, THURSDAY, offset=100)
    assert text[found.start - 100:found.end - 100] == "yesterday"


def test_may_the_verb_is_not_a_month():
    assert values("Officials may meet again.") == {}


@pytest.mark.parametrize("raw, expected", [
    ("2015-10-08", date(2015, 10, 8)),
    ("2015-10-08T14:00:00Z", date(2015, 10, 8)),
    ("8 October 2015", date(2015, 10, 8)),
    ("not a date", None),
    ("", None),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


def test_overnight_in_a_report_is_the_night_before():
    assert values("Drones struck Kyiv overnight, officials said.", date(2024, 6, 9)) == {"overnight": "2024-06-08TNI"}


def test_future_words_inside_a_quote_do_not_make_its_attribution_future():
    got = values("“We will respond,” the president said in his address on Saturday.", date(2024, 6, 9))
    assert got == {"Saturday": "2024-06-08"}
    assert values("The leaders will meet on Saturday, officials said.", date(2024, 6, 9)) == {"Saturday": "2024-06-15"}
