"""What the property tests and the fuzz run (bench/fuzz.py) feed the extractors, and what they check.

Random Unicode alone rarely reaches a rule, so texts are also built from news-like fragments: date words,
numbers, capitalised names, quotes and reporting verbs, glued by spaces, punctuation and odd characters.
The checks are plain functions raising AssertionError, shared by hypothesis and the seeded fuzz loop.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date

from extract.records import Article, Extraction, PlaceMention, Span, TimeExpr

FRAGMENTS = [
    # dates and times, every rule's starting words
    "Wednesday", "on Monday", "last Friday night", "next Tuesday", "this Sunday", "coming Saturday", "yesterday",
    "today", "tomorrow", "tomorrow morning", "yesterday evening", "last night", "tonight", "overnight", "now",
    "currently", "recently", "nowadays", "these days", "the past", "the future", "the near future", "at the time",
    "October 7", "Oct. 7, 2015", "7 October 2015", "the 7th of October, 2015", "Sept 30", "February 29",
    "February 30, 2015", "2015-02-30", "2015-10-07", "0001-01-01", "9999-12-31", "10/7/2015", "22/03/2013",
    "31.12.2015", "1/1/99", "13/13/13", "January", "May", "March 2016", "last March", "next December",
    "this May", "early October", "mid-2015", "late last year", "the end of March", "the beginning of next month",
    "the middle of the year", "the start of 2015", "early last week", "earlier this week", "later that year",
    "last week", "next month", "this year", "the past year", "past decade", "last spring", "this winter",
    "next summer", "the following week", "the previous month", "that quarter", "the same year", "that year",
    "the weekend", "the next day", "the following morning", "the previous night", "the same day", "that day",
    "the day before", "the day after he was arrested", "two days later", "three weeks earlier",
    "a few days after", "five years before", "10 days ago", "a decade ago", "several months ago",
    "two hours ago", "99999999999999999999 days ago", "99999999999999999999 years later", "a century later",
    "the coming days", "the next five years", "the past 12 months", "recent weeks", "the last two decades",
    "the 1990s", "the '90s", "the early 2000s", "mid-1980s", "the 21st century", "0th century", "99th century",
    "spring 2015", "winter of 2099", "autumn", "fall", "the first quarter", "Q3 2015", "the fourth quarter of 2099",
    "the first half of 2015", "the second half of next year", "fiscal 2016", "FY15", "last fiscal year",
    "every Monday", "each week", "every other day", "every 3 days", "daily", "weekly", "annually", "hourly",
    "twice a week", "three times per month", "once a year", "10:30 a.m.", "10.30pm GMT on Sunday",
    "23:59:59 UTC", "1430 GMT", "0600 hours", "noon", "midnight tomorrow", "midday", "the early hours of Sunday",
    "the night of Oct. 7", "the morning of 7 October 2015", "Christmas", "Christmas Eve 2015", "Easter",
    "Good Friday", "New Year's Day", "Thanksgiving", "Halloween", "Valentine’s Day", "2015", "1500", "2099",
    "1999-2001", "2014–15", "two to three days", "1.5 hours", "a mere two weeks", "more than 30 years",
    "nearly a decade", "at least six months", "years", "decades", "minutes", "a fortnight", "two fortnights ago",
    "the 5th", "31st", "Oct 32", "Feb 29, 2100",
    # places and actors
    "Iran", "Iraq", "Syria", "Russia", "Turkey", "the Caspian Sea", "the Mediterranean", "Moscow", "Tehran",
    "Damascus", "Raqqa", "Aleppo", "Paris", "London", "New York", "Washington", "Kyiv", "Київ", "Donetsk",
    "the Black Sea", "Crimea", "Gaza", "Israel", "Beirut", "Baghdad", "Mosul", "Ankara", "Istanbul",
    "Turkish airspace", "Syrian", "Russian", "the Pentagon", "the Kremlin", "the U.S.", "US", "UK", "UAE",
    "Georgia", "Jordan", "Chad", "Niger", "Nice", "Reading", "Victoria", "Paris Hilton", "George Washington",
    "the USS Donald Cook", "HMS Defender", "Sheremetyevo airport", "Hmeimim air base", "Latakia province",
    "northern Syria", "south of Aleppo", "from the Caspian Sea to Syria", "via Iran and Iraq",
    # events, speech, negation
    "Russia launched 26 cruise missiles", "jets struck targets", "a plane crashed", "troops moved",
    "the ministry said", "officials denied", "Turkey accused Russia", "leaders met", "an agreement was signed",
    "killed 12 people", "said on Thursday that", "told CNN", "on its Facebook page", "state television reported",
    "did not", "will meet", "is due to visit", "reportedly", "allegedly", "according to",
    # glue
    "the", "a", "an", "of", "in", "on", "at", "and", "that", "he said", "she told reporters", "Mr.", "Dr.",
    "U.S.", "No.", "e.g.", "i.e.", "...", "—", "–", "-", "/", "(", ")", "[", "]", "'", "’s",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "; ", ": ", "\n", "\n\n", "\r\n", "\t", " \"", "\" ", " “", "” ", " '",
              "' ", " ‘", "’ ", "!", "?", " - ", "\u00a0", "\u2028", "\u200b", ""]
# Characters that have broken text code elsewhere: case changes that change length (İ, ß, ﬁ), combining
# marks, controls, surrogate-free astral characters, right-to-left text, Unicode digits and spaces.
ODD = ["İ", "ı", "ß", "ẞ", "ﬁ", "ǅ", "K", "Ω", "\u0301", "\u0300", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\ufeff",
       "\u202e", "\u200f", "עברית", "العربية", "٢٠١٥", "٣", "१२", "²", "½", "Ⅻ", "𝟙𝟚", "😀", "👍🏽", "𝔸", "中文",
       "日本語", "한국어", "Ελλάδα", "Россия", "\u3000", "\u2009", "\ud7ff", "\U0010ffff", "\\", "\"\"\"", "''"]

# Dates where the calendar ends: overflows there must leave an expression unresolved, never raise.
EDGE_DATES = [date.min, date.max, date(1, 1, 7), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 25),
              date(9998, 12, 31), date(2000, 2, 29), date(2100, 2, 28), date(1582, 10, 15), date(2015, 10, 8)]


# ---------------------------------------------------------------------------------------------- TIMEX3 values

_Y = r"(?:\d{4}|XXXX)"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"W(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_PART_OF_DAY = r"(?:MO|MI|AF|EV|NI|DT)"
_CLOCK = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"
_DATE = (rf"{_Y}(?:-{_MONTH}(?:-{_DAY})?)?"  # YYYY, YYYY-MM, YYYY-MM-DD
         rf"|{_Y}-{_WEEK}(?:-(?:[1-7]|WE))?"  # YYYY-Www, YYYY-Www-D, YYYY-Www-WE
         rf"|{_Y}-(?:SP|SU|FA|WI)|{_Y}-Q(?:[1-4]|X)|{_Y}-H(?:[12]|X)"  # seasons, quarters, halves
         r"|\d{3}|\d{2}")  # decades (201 = the 2010s), centuries (20 = 2000-2099)
_TIME = rf"(?:{_Y}-{_MONTH}-{_DAY}|{_Y}-{_WEEK}-[1-7])T(?:{_CLOCK}|{_PART_OF_DAY})|T{_CLOCK}"
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (rf"P(?:{_NUMBER}(?:Y|M|W|D|DE|CE|WE|Q|H)"  # P3D, P10Y, P2DE, PXW, P1.5Y
             rf"|T(?=[\dX.])(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?"  # PT2H, PT1H30M15S
             rf"|{_NUMBER}Y(?:{_NUMBER}M)?(?:{_NUMBER}D)?(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?)")
_REF = r"PRESENT_REF|PAST_REF|FUTURE_REF"
_SETS = rf"{_Y}-{_WEEK}-[1-7]|{_Y}-{_MONTH}-{_DAY}T{_PART_OF_DAY}"
TIMEX3_VALUE = re.compile(rf"(?:{_DATE}|{_TIME}|{_DURATION}|{_REF}|{_SETS})")
TYPES = {"DATE", "TIME", "DURATION", "SET"}


def timex3_problem(value: str) -> str | None:
    """Why `value` is not a TIMEX3 value (TimeML 1.2.1 / ISO 8601 as TempEval-3 writes them), or None.

    Syntax first; then a fully numeric day must exist on the calendar (no 2015-02-30, no year 0000) and a week
    number must exist in its ISO year (week 53 only in long years).
    """
    if not TIMEX3_VALUE.fullmatch(value):
        return f"{value!r} is not TIMEX3 value syntax"
    day = re.match(r"(\d{4})-(\d\d)-(\d\d)(?:T|$)", value)
    if day:
        try:
            date(*map(int, day.groups()))
        except ValueError:
            return f"{value!r} names a day that does not exist"
    year = re.match(r"(\d{4})(?:-|$)", value)
    if year and int(year.group(1)) == 0:
        return f"{value!r}: there is no year 0000"
    week = re.match(r"(\d{4})-W(\d\d)", value)
    if week:
        iso_year, number = map(int, week.groups())
        last_week = date(iso_year, 12, 28).isocalendar()[1] if 1 <= iso_year <= 9999 else 52
        if not 1 <= number <= last_week:
            return f"{value!r}: week {number} does not exist in {iso_year}"
    return None


# ---------------------------------------------------------------------------------------------- checks

def check_span(item: Span | TimeExpr | PlaceMention, text: str, what: str) -> None:
    assert isinstance(item.start, int) and isinstance(item.end, int), f"{what} offsets are not integers: {item!r}"
    assert 0 <= item.start <= item.end <= len(text), f"{what} outside the text ({len(text)} chars): {item!r}"
    assert text[item.start:item.end] == item.text, \
        f"{what} text {item.text!r} is not text[{item.start}:{item.end}] = {text[item.start:item.end]!r}"


def check_timex(timex: TimeExpr, text: str) -> None:
    check_span(timex, text, "timex")
    assert timex.start < timex.end, f"empty timex: {timex!r}"
    assert timex.type in TYPES, f"timex type {timex.type!r}: {timex!r}"
    if timex.value is not None:
        problem = timex3_problem(timex.value)
        assert problem is None, f"{problem}: {timex!r}"
    else:
        assert timex.reason or timex.precision == "unresolved", f"no value and no reason: {timex!r}"
    for day in (timex.first_day, timex.last_day):
        assert day is None or isinstance(day, date), f"first/last day not a date: {timex!r}"
    if timex.first_day and timex.last_day:
        assert timex.first_day <= timex.last_day, f"first_day after last_day: {timex!r}"
    if timex.anchor is not None:
        date.fromisoformat(timex.anchor)


def check_coordinate(lat: object, lon: object, what: str) -> None:
    assert isinstance(lat, (int, float)) and isinstance(lon, (int, float)), f"{what}: coordinates {lat!r}, {lon!r}"
    assert math.isfinite(lat) and math.isfinite(lon), f"{what}: coordinates not finite: {lat!r}, {lon!r}"
    assert -90 <= lat <= 90 and -180 <= lon <= 180, f"{what}: coordinates out of range: {lat!r}, {lon!r}"


def check_place(place: PlaceMention, text: str) -> None:
    check_span(place, text, "place")
    assert place.start < place.end and place.name, f"empty place: {place!r}"
    check_coordinate(place.lat, place.lon, f"place {place.name!r}")


def check_extraction(extraction: Extraction) -> None:
    article = extraction.article
    text = article.text
    for timex in extraction.timexes:
        check_timex(timex, text)
        assert timex.start >= article.body_start, f"timex in the front matter: {timex!r}"
    for place in extraction.places:
        check_place(place, text)
    for event in extraction.events:
        check_span(event.trigger, text, "event trigger")
        check_span(event.sentence, text, "event sentence")
        assert event.sentence.start <= event.trigger.start and event.trigger.end <= event.sentence.end, \
            f"trigger outside its sentence: {event!r}"
        if event.date_start and event.date_end:
            assert event.date_start <= event.date_end, f"event dates reversed: {event!r}"
        for role in event.places:
            check_place(role.place, text)


def check_events_table(events) -> None:
    """The events table of `build_corpus`: markers on the globe, dates in order, radius not negative."""
    for row in events.to_dict("records"):
        if row.get("lat") is not None and row.get("lon") is not None and not (
                _missing(row["lat"]) and _missing(row["lon"])):
            check_coordinate(row["lat"], row["lon"], f"event {row.get('id')}")
        start, end = row.get("date_start"), row.get("date_end")
        if isinstance(start, str) and isinstance(end, str) and start and end:
            assert date.fromisoformat(start) <= date.fromisoformat(end), f"event {row.get('id')}: {start} > {end}"
        radius = row.get("radius_km")
        if radius is not None and not _missing(radius):
            assert math.isfinite(radius) and radius >= 0, f"event {row.get('id')}: radius {radius!r}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def check_article(article: Article) -> None:
    assert 0 <= article.body_start <= len(article.text)
    assert article.body.strip(), "an article without text loaded"
    assert article.id and "/" not in article.id and "\\" not in article.id, f"article id {article.id!r}"
    for field in (article.title, article.source, article.url, article.language):
        assert field is None or (isinstance(field, str) and "\n" not in field and len(field) <= 300), \
            f"metadata field {field!r}"
    assert article.published is None or isinstance(article.published, date)


# ---------------------------------------------------------------------------------------------- random texts

def random_text(rng: random.Random) -> str:
    """A seeded news-like text (most of the time), raw random Unicode, or a mix of both."""
    kind = rng.random()
    if kind < 0.15:
        return "".join(chr(_random_code_point(rng)) for _ in range(rng.randint(0, 200)))
    pieces = []
    for _ in range(rng.randint(1, 40)):
        roll = rng.random()
        if roll < 0.72:
            piece = rng.choice(FRAGMENTS)
        elif roll < 0.82:
            piece = str(rng.choice([rng.randint(0, 99), rng.randint(0, 9999), rng.randint(0, 10**25), rng.random()]))
        elif roll < 0.92:
            piece = rng.choice(ODD)
        else:
            piece = "".join(chr(_random_code_point(rng)) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.08:
            piece = piece.upper()
        elif rng.random() < 0.08:
            piece = piece.lower()
        pieces.append(piece)
        pieces.append(rng.choice(SEPARATORS))
    return "".join(pieces)


def random_date(rng: random.Random) -> date | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.35:
        return rng.choice(EDGE_DATES)
    return date.fromordinal(rng.randint(date.min.toordinal(), date.max.toordinal()))


def _random_code_point(rng: random.Random) -> int:
    while True:
        point = rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0x7ff), rng.randint(0x800, 0xffff),
                            rng.randint(0x10000, 0x10ffff)])
        if not 0xd800 <= point <= 0xdfff:  # no lone surrogates: a str from a file never holds them
            return point
