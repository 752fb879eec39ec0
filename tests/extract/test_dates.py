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


def found(text: str, published: date | None = THURSDAY) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tag(text, published)]


@pytest.mark.parametrize("text, expected", [
    ("The deal was signed Oct. 7.", [("Oct. 7", "DATE", "2015-10-07")]),
    ("The deal was signed Sept. 30.", [("Sept. 30", "DATE", "2015-09-30")]),
    ("The deal was signed on October 7th, 2015.", [("October 7th, 2015", "DATE", "2015-10-07")]),
    ("The deal was signed on Wednesday, Oct. 7, 2015.", [("Wednesday, Oct. 7, 2015", "DATE", "2015-10-07")]),
    ("It was signed on the 7th of October 2015.", [("the 7th of October 2015", "DATE", "2015-10-07")]),
    ("Elections are due in summer 2016.", [("summer 2016", "DATE", "2016-SU")]),
    ("Profits fell in the third quarter.", [("the third quarter", "DATE", "2015-Q3")]),
    ("Profits fell in Q2 2014.", [("Q2 2014", "DATE", "2014-Q2")]),
    ("The budget for fiscal 2016 was cut.", [("fiscal 2016", "DATE", "2016")]),
    ("The budget for FY2016 was cut.", [("FY2016", "DATE", "2016")]),
    ("Spending rose this fiscal year.", [("this fiscal year", "DATE", "2015")]),
    ("The plant opened in the 1980s.", [("the 1980s", "DATE", "198")]),
    ("It was built in the 19th century.", [("19th century", "DATE", "18")]),
    ("Sales rose earlier this week.", [("earlier this week", "DATE", "2015-W41")]),
    ("Prices fell this past weekend.", [("this past weekend", "DATE", "2015-W40-WE")]),
    ("Fighting resumed over the weekend.", [("the weekend", "DATE", "2015-W40-WE")]),
    ("The unit was formed early this year.", [("early this year", "DATE", "2015")]),
    ("The strike came this morning.", [("this morning", "TIME", "2015-10-08TMO")]),
    ("Talks resume tonight.", [("tonight", "TIME", "2015-10-08TNI")]),
    ("The vote is next month.", [("next month", "DATE", "2015-11")]),
    ("Unemployment rose in the past three months.", [("the past three months", "DURATION", "P3M")]),
    ("Fighting has intensified in recent weeks.", [("recent weeks", "DURATION", "PXW")]),
    ("Officials recently visited.", [("recently", "DATE", "PAST_REF")]),
    ("The plant opened a few years ago.", [("a few years ago", "DATE", "PAST_REF")]),
])
def test_news_forms_with_timeml_extents_types_and_values(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The talks lasted two hours.", [("two hours", "DURATION", "PT2H")]),
    ("The flight took 1.5 hours.", [("1.5 hours", "DURATION", "PT1.5H")]),
    ("The worst flu in a decade.", [("a decade", "DURATION", "P10Y")]),
    ("He served almost seven years.", [("almost seven years", "DURATION", "P7Y")]),
    ("The season began about a month early.", [("a month", "DURATION", "P1M")]),
    ("She finished the marathon in 3:07:35.", [("3:07:35", "DURATION", "PT3H7M35S")]),
    ("It could take between 12 and 18 months.", [("12", "DURATION", "P12M"), ("18 months", "DURATION", "P18M")]),
    ("The pandemic of 2009-2010 killed many.", [("2009", "DATE", "2009"), ("2010", "DATE", "2010")]),
    ("The expedition of 1957-58 crossed Antarctica.", [("1957", "DATE", "1957"), ("58", "DATE", "1958")]),
    ("Talks were held on March 3-4.", [("March 3", "DATE", "2015-03-03"), ("4", "DATE", "2015-03-04")]),
    ("Inspectors visit every Monday.", [("every Monday", "SET", "XXXX-WXX-1")]),
    ("The agency spends billions annually.", [("annually", "SET", "XXXX")]),
    ("He checked the air every morning.", [("every morning", "SET", "XXXX-XX-XXTMO")]),
    ("Ferries sail twice a week.", [("twice a week", "SET", "P1W")]),
])
def test_durations_ranges_and_sets(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The strike hit at 14:30 GMT.", [("14:30 GMT", "TIME", "2015-10-08T14:30")]),
    ("Sirens sounded at 3 p.m. local time.", [("3 p.m. local time", "TIME", "2015-10-08T15:00")]),
    ("The match was postponed until 15:00 GMT Saturday.", [("15:00 GMT Saturday", "TIME", "2015-10-10T15:00")]),
    ("The blast came at 8 p.m. Monday.", [("8 p.m. Monday", "TIME", "2015-10-05T20:00")]),
    ("He left on Friday afternoon.", [("Friday afternoon", "TIME", "2015-10-02TAF")]),
])
def test_times_of_day_take_their_day(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "His 22-year-old son was arrested.",
    "Children aged 6 months and older should be vaccinated.",
    "Prices fall when supply rises.",
    "May I ask a question?",
    "The fiscal battle dominated the week's politics.".replace(" the week's", ""),
    "Police deployed 2000 troops.",
])
def test_false_friends_are_not_expressions(text):
    assert found(text) == []


def test_offsets_are_durations_that_still_date_what_follows_a_known_day():
    later = tag("The ceasefire began on October 1. Two days later it collapsed.", THURSDAY)[1]
    assert (later.text, later.type, later.value, later.first_day) == ("Two days", "DURATION", "P2D", date(2015, 10, 3))
    after_event = tag("Two years after his diagnosis, he ran a marathon.", THURSDAY)[0]
    assert (after_event.text, after_event.value, after_event.first_day) == ("Two years", "P2Y", None)
    assert not after_event.dates_an_event
    comparison = tag("The season started a month earlier than usual.", THURSDAY)[0]
    assert (comparison.text, comparison.first_day) == ("a month", None)


def test_the_day_before_an_event_is_a_day_we_cannot_name():
    [day] = tag("The day before he was arrested, he sent an e-mail.", THURSDAY)
    assert (day.text, day.value, day.first_day) == ("The day", "XXXX-XX-XX", None)
    [day] = tag("The talks ended on October 2. The day before, the envoys met.", THURSDAY)[1:]
    assert (day.text, day.value) == ("The day", "2015-10-01")


@pytest.mark.parametrize("text, expected", [
    # Tense of the clause picks the month's year: DCT is March 2013.
    ("The book is due to be published in May.", "2013-05"),
    ("The book was published in May.", "2012-05"),
    ("The company will report results in June.", "2013-06"),
    ("He was fired in July.", "2012-07"),
])
def test_bare_months_follow_the_tense_of_their_clause(text, expected):
    [month] = tag(text, date(2013, 3, 22))
    assert month.value == expected


def test_a_weekday_that_names_the_publication_day_is_that_day_in_any_tense():
    assert values("The agency will close the towers on Thursday.") == {"Thursday": "2015-10-08"}
    assert values("The agency will close the towers on Friday.") == {"Friday": "2015-10-09"}
    assert values("The agency closed the towers on Friday.") == {"Friday": "2015-10-02"}


def test_every_expression_keeps_its_type_precision_anchor_and_rule():
    for t in tag("On Wednesday, three days after the vote of October 4, 2015, the 1990s law was repealed "
                 "for the next two years, and talks will resume every Monday.", THURSDAY):
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.precision and t.rule
        assert t.value is not None


@pytest.mark.parametrize("text, expected", [
    ("The law passed on 22/03/2013.", [("22/03/2013", "DATE", "2013-03-22")]),
    ("The law passed on 22.03.2013.", [("22.03.2013", "DATE", "2013-03-22")]),
    ("The raid began at 0430 GMT.", [("0430 GMT", "TIME", "2015-10-08T04:30")]),
    ("Sales peaked by the end of 2014.", [("the end of 2014", "DATE", "2014")]),
    ("Shops closed on Christmas Eve.", [("Christmas Eve", "DATE", "2014-12-24")]),
    ("Talks resume after Thanksgiving.".replace("resume", "will resume"), [("Thanksgiving", "DATE", "2015-11-26")]),
    ("The uprising began at Easter 2014.", [("Easter 2014", "DATE", "2014-04-20")]),
])
def test_other_calendar_forms(text, expected):
    assert found(text) == expected


def test_anaphoric_units_follow_the_last_date_at_any_precision():
    got = values("The war began in 2009. The following year, talks failed. That year also saw floods.")
    assert got == {"2009": "2009", "The following year": "2010", "That year": "2010"}
    got = values("The mine opened in March 2011. Two years later it closed.")
    assert got["Two years"] == "P2Y"
    assert tag("The mine opened in March 2011. Two years later it closed.", THURSDAY)[1].first_day == date(2013, 1, 1)


@pytest.mark.parametrize("text, published, expected", [
    ("Talks could resume next spring.", date(2024, 11, 19), [("next spring", "DATE", "2025-SP")]),
    ("Talks collapsed last spring.", date(2024, 11, 19), [("last spring", "DATE", "2024-SP")]),
    ("Talks will resume in spring.", date(2024, 11, 19), [("spring", "DATE", "2025-SP")]),
    ("The summit was pushed back to early December.", date(2024, 11, 19), [("early December", "DATE", "2024-12")]),
    ("By the mid-2000s the economy had recovered.", date(2024, 11, 19), [("the mid-2000s", "DATE", "200")]),
    ("Music from the '90s played.", date(2024, 11, 19), [("the '90s", "DATE", "199")]),
    ("Music from '80s bands played.", date(2024, 11, 19), [("80s", "DATE", "198")]),
    ("Women in their 90s were evacuated.", date(2024, 11, 19), []),
])
def test_seasons_decades_and_postponements(text, published, expected):
    assert found(text, published) == expected


def test_half_years_and_newspapers_named_for_weekdays():
    assert found("Exports fell in the first half of 2015.") == [("the first half of 2015", "DATE", "2015-H1")]
    assert found("Growth slowed in the second half of last year.") == [
        ("the second half of last year", "DATE", "2014-H2")]
    assert found("The Sunday Times reported the raid.") == []
    assert found("The raid happened on Sunday.") == [("Sunday", "DATE", "2015-10-04")]


@pytest.mark.parametrize("text, expected", [
    ("The raid came on the night of Oct. 6.", [("the night of Oct. 6", "TIME", "2015-10-06TNI")]),
    ("Shelling began on the morning of 3 October 2015.", [("the morning of 3 October 2015", "TIME", "2015-10-03TMO")]),
    ("The jets took off early Wednesday.", [("early Wednesday", "DATE", "2015-10-07")]),
    ("The blast came at 10.30pm.", [("10.30pm", "TIME", "2015-10-08T22:30")]),
])
def test_parts_of_named_days(text, expected):
    assert found(text) == expected


def test_quarters_in_business_news():
    assert found("Fourth-quarter profit fell.") == [("Fourth-quarter", "DATE", "2015-Q4")]
    assert found("Results are published quarterly.") == [("quarterly", "SET", "XXXX-QX")]
    got = values("Sales rose in the third quarter of 2014. The following quarter they fell.")
    assert got["The following quarter"] == "2014-Q4"


@pytest.mark.parametrize("text, expected", [
    # DCT is 31 July 2024.
    ("Markets see a cut at the September meeting.", "2024-09"),  # no tense: the nearer September
    ("Prices rose in the 12 months through June.", "2024-06"),
    ("The Fed could cut rates as early as September.", "2024-09"),
    ("The plant closed in September.", "2023-09"),
])
def test_a_month_in_a_clause_without_tense_is_the_nearest_one(text, expected):
    [month] = [t for t in tag(text, date(2024, 7, 31)) if t.rule.startswith("bare_month")]
    assert month.value == expected


def test_a_full_stop_inside_an_abbreviation_does_not_end_the_clause():
    assert values("The meeting is scheduled for Sept. 17-18.", date(2024, 7, 31)) == {
        "Sept. 17": "2024-09-17", "18": "2024-09-18"}


def test_an_adjectival_duration_leaves_the_article_out():
    assert found("The two-day meeting ended.") == [("two-day", "DURATION", "P2D")]
    assert found("In the 90 years since, much changed.") == [("the 90 years", "DURATION", "P90Y")]


@pytest.mark.parametrize("text, expected", [
    # DCT is Monday 18 March 2024.
    ("Police came in the early hours of Sunday.", [("the early hours of Sunday", "TIME", "2024-03-17TNI")]),
    ("It happened a fortnight ago.", [("a fortnight ago", "DATE", "2024-03-04")]),
    ("The talks lasted a fortnight.", [("a fortnight", "DURATION", "P2W")]),
])
def test_british_forms(text, expected):
    assert found(text, date(2024, 3, 18)) == expected


def test_the_previous_evening_follows_the_last_date():
    got = values("Troops entered the town on 12 March. The previous evening, shelling began.", date(2024, 3, 18))
    assert got["The previous evening"] == "2024-03-11TEV"
