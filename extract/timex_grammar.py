"""Where temporal expressions are in English news text, and what kind they are.

One combined regular expression finds the extents (leftmost, most specific
alternative first); each alternative is named for its rule, and the rule's
own pattern, matched again on the found text, yields its fields. Extents
follow TimeML: no leading preposition, determiners and modifiers included
("the end of last month", "the past two years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import matches_at

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a couple of": 2,
}
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
    r"|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Oct|Nov|Dec)"
)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = (
    r"(?:\d+|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen"
    r"|[Nn]ineteen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Hh]undred|a couple of)"
)
_VAGUE = r"(?:a few|[Ff]ew|[Ss]everal|[Mm]any|[Ss]ome)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))"
_PART = r"(?:morning|afternoon|evening|night)"
_REL = r"(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]revious|[Cc]oming|[Pp]ast)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_ZONE = r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|MSK)"
_B = r"(?<![\w-])"  # word start that does not split a hyphenated word
_E = r"(?![\w])"

# (rule name, pattern). Order matters: at one position the first that matches wins.
RULES: list[tuple[str, str]] = [
    ("iso_date", rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){_E}"),
    ("numeric_date", rf"{_B}(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{{4}}|\d\d){_E}"),
    ("time_of_day", rf"{_B}(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[AaPp]\.?[Mm]\.?{_E})(?:\s+(?P<zone>{_ZONE}))?"),
    ("clock_time", rf"{_B}(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s+(?P<zone>{_ZONE}))?{_E}"),
    ("month_day_year", rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MONTH})\s*(?P<d>{_DAY}),?\s+(?P<y>{_YEAR}){_E}"),
    ("day_month_year", rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR}){_E}"),
    ("month_day", rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MONTH})\s*(?P<d>{_DAY}){_E}(?!,?\s*\d)"),
    ("day_month", rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}){_E}"),
    ("edge_of_month", rf"{_B}(?:the\s+)?(?P<edge>beginning|start|end|middle)\s+of\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?{_E}"),
    ("edge_of_relative", rf"{_B}(?:[Tt]he\s+)?(?P<edge>beginning|start|end|middle)\s+of\s+(?:(?P<rel>last|this|next|the)\s+)?(?P<unit>week|month|year){_E}"),
    ("part_month_year", rf"{_B}(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ](?:(?P<rel>last|this|next)\s+)?(?:(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?|(?P<yonly>{_YEAR})){_E}"),
    ("month_year", rf"{_B}(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR}){_E}"),
    ("bare_month", rf"{_B}(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December){_E}"),
    ("relative_month", rf"{_B}(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<mon>{_MONTH}){_E}"),
    ("last_night", rf"{_B}(?P<rel>[Ll]ast|[Tt]his)\s+(?P<part>night|morning|afternoon|evening){_E}"),
    ("tonight", rf"{_B}(?P<word>[Tt]onight|[Oo]vernight){_E}"),
    ("deictic_part", rf"{_B}(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow)\s+(?P<part>{_PART}){_E}"),
    ("relative_weekday", rf"{_B}(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+(?P<wd>{_WD})(?:\s+(?P<part>{_PART}))?{_E}"),
    ("weekday", rf"{_B}(?P<wd>{_WD})(?:\s+(?P<part>{_PART}))?{_E}"),
    ("deictic_day", rf"{_B}(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow){_E}"),
    ("within_unit", rf"{_B}(?P<when>[Ee]arlier|[Ll]ater)\s+(?:this|that)\s+(?P<unit>week|month|year){_E}"),
    ("relative_unit", rf"{_B}(?P<rel>{_REL})\s+(?P<unit>week|weekend|month|year|decade|spring|summer|autumn|fall|winter){_E}"),
    ("the_relative_unit", rf"{_B}[Tt]he\s+(?P<rel>last|next|past|previous|coming|following)\s+(?P<unit>week|month|year|decade){_E}"),
    ("ago", rf"{_B}(?P<n>{_NUM}|{_VAGUE})\s+(?P<unit>{_UNIT})\s+ago{_E}"),
    ("offset_from_anchor", rf"{_B}(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|earlier|before|after){_E}"),
    ("anaphoric_day", rf"{_B}[Tt]he\s+(?P<which>next|following|previous)\s+day{_E}|{_B}[Tt]he\s+day\s+(?P<which2>before|after){_E}"),
    ("that_part", rf"{_B}[Tt]hat\s+(?P<part>day|morning|afternoon|evening|night){_E}"),
    ("coming_period", rf"{_B}(?:[Tt]he\s+)?(?P<rel>coming|next|past|last|previous|recent)\s+(?:(?P<n>{_NUM}|{_VAGUE})\s+)?(?P<unit>days|weeks|months|years|hours|decades){_E}"),
    ("recent_period", rf"{_B}(?P<rel>[Rr]ecent)\s+(?P<unit>days|weeks|months|years){_E}"),
    ("decade", rf"{_B}(?:the\s+)?(?P<dec>(?:1[5-9]|20)\d)0s{_E}"),
    ("century", rf"{_B}(?:the\s+)?(?P<c>\d\d?)(?:st|nd|rd|th)\s+[Cc]entury{_E}"),
    ("season", rf"{_B}(?:(?P<rel>last|this|next|[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?{_E}"),
    ("quarter", rf"{_B}(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter(?:\s+of\s+(?P<y>{_YEAR}))?{_E}"),
    ("fiscal_year", rf"{_B}(?:(?P<rel>this|last|next)\s+)?fiscal(?:\s+year)?\s*(?P<y>{_YEAR})?{_E}"),
    ("duration", rf"{_B}(?:(?:more than|less than|about|almost|nearly|over|at least|some)\s+)?(?P<n>{_NUM}|{_VAGUE})[- ](?P<unit>{_UNIT}){_E}"),
    ("vague_unit", rf"{_B}(?P<unit>[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears|[Dd]ecades){_E}(?!\s+(?:ago|of\s+the))"),
    ("set", rf"{_B}(?:[Ee]very|[Ee]ach)\s+(?P<unit>day|week|month|year|morning|evening|night|{_WD}){_E}|{_B}(?P<adv>daily|weekly|monthly|annually|yearly){_E}"),
    ("ref", rf"{_B}(?P<word>[Nn]ow|[Cc]urrently|[Rr]ecently|[Nn]owadays|the past|the future|[Aa]t the time|so far|[Ff]ormerly){_E}"),
    ("year", rf"{_B}(?P<y>(?:1[6-9]|20)\d\d){_E}(?![-/.,]?\d)"),
]

_COMBINED = re.compile("|".join(f"(?P<{name}>{_strip})" for name, _strip in
                                ((n, re.sub(r"\(\?P<\w+>", "(?:", p)) for n, p in RULES)))
# Where an expression can begin: trying the combined pattern only there is what makes tagging fast.
_STARTERS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    "jun|jul|aug|sept|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    "tomorrow|tonight|overnight|last|next|this|previous|coming|past|the|early|mid|late|earlier|later|every|each|daily|"
    "weekly|monthly|annually|yearly|now|currently|recently|nowadays|at|so|formerly|an|a|one|two|three|four|"
    "five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    "nineteen|twenty|thirty|forty|fifty|sixty|hundred|few|several|many|some|more|less|about|almost|nearly|"
    "over|spring|summer|autumn|fall|winter|first|second|third|fourth|fiscal|that|days|weeks|months|years|"
    "decades|recent|beginning|start|end|middle"
)
_STARTS = re.compile(rf"(?<![\w-])(?:\d|(?i:{_STARTERS})(?![a-z]))")
_PARSERS = {name: re.compile(pattern) for name, pattern in RULES}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    rule: str
    fields: dict[str, str]


def find(text: str, offset: int = 0) -> list[Found]:
    """All temporal expressions in `text`, leftmost first, none overlapping."""
    found = []
    for match in matches_at(_STARTS, _COMBINED, text):
        rule = match.lastgroup
        assert rule is not None
        parsed = _PARSERS[rule].match(match.group())
        fields = {k: v for k, v in parsed.groupdict().items() if v is not None} if parsed else {}
        if not _plausible(rule, fields, text, match.start(), match.end()):
            continue
        found.append(Found(match.start() + offset, match.end() + offset, match.group(), rule, fields))
    return found


def _plausible(rule: str, fields: dict[str, str], text: str, start: int, end: int) -> bool:
    """Reject the common false friends of the grammar."""
    before = text[max(0, start - 12):start]
    after = text[end:end + 16]
    if rule == "bare_month" and fields["mon"] == "May":
        return bool(re.search(r"\b(?:in|since|until|by|of|from|through|during|early|late|mid|before|after)[- ]$", before))
    if rule == "year":
        if re.match(r"\s+(?:people|troops|soldiers|missiles|men|women|residents|dollars|to\s+\d)", after):
            return False
        return not re.search(r"[$€£#]\s*$", before)
    if rule == "season" and fields.get("season") == "fall":
        return bool(fields.get("rel") or fields.get("y"))  # not "prices fall"
    return True


def number(word: str) -> int | None:
    """The value of a number word or digits; None for vague amounts ("several")."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]
