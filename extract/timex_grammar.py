"""Where temporal expressions are in English news text, and what kind they are.

Each rule names the words an expression of its kind can begin with. A cheap
scan finds those words; at each one only the rules that can start there are
tried, as one alternation (most specific first), and the matching rule's own
pattern yields its fields. That dispatch is what lets the tagger do thousands
of articles a second. Extents follow TimeML as TempEval-3 annotates it: no
leading preposition or approximating "about"; determiners and "the end of"
included; "two days later" is the duration "two days" with its direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import trie

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
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a couple of": 2, "a dozen": 12, "dozen": 12,
}
_NUMBER_NAMES = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")]


def _either_case(words) -> str:
    return trie({w for word in words for w in (word, word.capitalize())})


_MONTH = trie({"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.",
                "Oct.", "Nov.", "Dec.", "Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"})
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = rf"(?:\d+(?:\.\d+)?|{_either_case(_NUMBER_NAMES + ['a', 'an', 'a couple of', 'a dozen'])})"
_VAGUE = _either_case(["a few", "few", "several", "many", "some", "a number of"])
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
_PART = r"(?:morning|afternoon|evening|night)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_ZONE = r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|IST|JST|local time)"
_ON_DAY = rf"(?:,?\s+(?P<wd>{_WD})|\s+(?P<word>yesterday|today|tomorrow))?"
_B = r"(?<![\w-])"  # word start that does not split a hyphenated word
_E = r"(?![\w])"

# Starter sets: the words (lower case) an expression can begin with; "#" stands for a number, "####" for a
# four-digit one only (years, ISO dates, military times): a number of another length does not try those rules.
MONTH_WORDS = "january february march april may june july august september october november december " \
              "jan feb mar apr jun jul aug sept sep oct nov dec"
WEEKDAY_WORDS = " ".join(WEEKDAYS)
NUMBER_STARTS = "# a an " + " ".join(_NUMBER_NAMES)
VAGUE_STARTS = "a few several many some"


@dataclass(frozen=True)
class Rule:
    name: str
    starts: frozenset[str]
    pattern: str


def _rule(name: str, starts: str, pattern: str) -> Rule:
    return Rule(name, frozenset(starts.split()), pattern)


# Order matters: at one position the first rule that matches wins.
RULES: list[Rule] = [
    _rule("iso_date", "####", rf"{_B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){_E}"),
    _rule("numeric_date", "#",
          rf"{_B}(?P<m>3[01]|[12]\d|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{{4}}|\d\d){_E}"
          rf"|{_B}(?P<dd>3[01]|[12]\d|0?[1-9])[.-](?P<mm>1[0-2]|0?[1-9])[.-](?P<yy>\d{{4}}){_E}"),
    _rule("military_time", "####", rf"{_B}(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s+(?P<zone>{_ZONE}|GMT|hours|hrs){_E}"),
    _rule("time_of_day", "#",
          rf"{_B}(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[AaPp]\.[Mm]\.?|[AaPp][Mm]{_E})"
          rf"(?:\s+(?P<zone>{_ZONE}))?{_ON_DAY}"),
    _rule("clock_time", "#",
          rf"{_B}(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?::(?P<sec>[0-5]\d))?(?:\s+(?P<zone>{_ZONE}))?{_E}{_ON_DAY}"),
    _rule("noon", "noon midday midnight", rf"{_B}(?P<noon>[Nn]oon|[Mm]idday|[Mm]idnight){_E}{_ON_DAY}"),
    _rule("early_hours", "the early",
          rf"{_B}(?:[Tt]he\s+)?early\s+hours\s+of\s+(?:(?P<wd>{_WD})|(?P<word>yesterday|today|tomorrow)){_E}"),
    _rule("part_of_date", "the morning afternoon evening night",
          rf"{_B}[Tt]he\s+(?P<part>morning|afternoon|evening|night)\s+of\s+(?:(?P<wd>{_WD}),?\s+)?(?:(?P<mon>{_MONTH})\s*"
          rf"(?P<d>{_DAY})|(?P<d2>{_DAY})\s+(?P<mon2>{_MONTH}))(?:,?\s+(?P<y>{_YEAR}))?{_E}"),
    _rule("month_day_year", f"{MONTH_WORDS} {WEEKDAY_WORDS}",
          rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MONTH})\s*(?P<d>{_DAY}),?\s+(?P<y>{_YEAR}){_E}"),
    _rule("day_month_year", f"# the {WEEKDAY_WORDS}",
          rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR}){_E}"),
    _rule("day_range", MONTH_WORDS,
          rf"{_B}(?P<mon>{_MONTH})\s*(?P<d>{_DAY})\s*(?:-|–|and|to|through)\s*(?P<d2>{_DAY})"
          rf"(?:,?\s+(?P<y>{_YEAR}))?{_E}(?![-–/:]?\d)"),
    _rule("month_day", f"{MONTH_WORDS} {WEEKDAY_WORDS}",
          rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MONTH})\s*(?P<d>{_DAY}){_E}(?!,?\s*\d)"),
    _rule("day_month", f"# the {WEEKDAY_WORDS}",
          rf"{_B}(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}){_E}"),
    _rule("edge_of_month", "the beginning start end middle",
          rf"{_B}(?:[Tt]he\s+)?(?P<edge>beginning|start|end|middle)\s+of\s+(?:(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
          rf"|(?P<yonly>{_YEAR})){_E}"),
    _rule("edge_of_relative", "the beginning start end middle",
          rf"{_B}(?:[Tt]he\s+)?(?P<edge>beginning|start|end|middle)\s+of\s+(?:(?P<rel>last|this|next|the)\s+)?"
          rf"(?P<unit>week|month|year|decade){_E}"),
    _rule("part_month_year", "early mid late",
          rf"{_B}(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ](?:(?P<rel>last|this|next)\s+)?"
          rf"(?:(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?|(?P<yonly>{_YEAR})){_E}"),
    _rule("part_of_relative", "early mid late",
          rf"{_B}(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ](?P<rel>last|this|next)\s+(?P<unit>week|month|year){_E}"),
    _rule("month_year", MONTH_WORDS, rf"{_B}(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR}){_E}"),
    _rule("bare_month", MONTH_WORDS,
          rf"{_B}(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December){_E}"),
    _rule("relative_month", "last next this", rf"{_B}(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<mon>{_MONTH}){_E}"),
    _rule("last_night", "last this", rf"{_B}(?P<rel>[Ll]ast|[Tt]his)\s+(?P<part>night|morning|afternoon|evening){_E}"),
    _rule("tonight", "tonight overnight", rf"{_B}(?P<word>[Tt]onight|[Oo]vernight){_E}"),
    _rule("deictic_part", "yesterday today tomorrow",
          rf"{_B}(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow)\s+(?P<part>{_PART}){_E}"),
    _rule("relative_weekday", "last next this coming",
          rf"{_B}(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+(?P<wd>{_WD})(?:\s+(?P<part>{_PART}))?{_E}"),
    _rule("weekday", f"{WEEKDAY_WORDS} early late",
          rf"{_B}(?:(?P<edge>[Ee]arly|[Ll]ate)\s+)?(?P<wd>{_WD})(?:\s+(?P<part>{_PART}))?{_E}"),
    _rule("deictic_day", "yesterday today tomorrow", rf"{_B}(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow){_E}"),
    _rule("within_unit", "earlier later",
          rf"{_B}(?P<when>[Ee]arlier|[Ll]ater)\s+(?:this|that)\s+(?P<unit>week|month|year){_E}"),
    _rule("fiscal_year", "this last next the fiscal fy",
          rf"{_B}(?:(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Tt]he)\s+)?(?:fiscal|[Ff]iscal)\s+(?:year(?:\s+(?P<y>{_YEAR}))?|(?P<y2>{_YEAR}))"
          rf"{_E}|{_B}FY\s?(?P<y3>{_YEAR}|\d\d){_E}"),
    _rule("relative_unit", "last next this previous coming past",
          rf"{_B}(?P<rel>[Ll]ast|[Nn]ext|[Tt]his\s+past|[Tt]his|[Pp]revious|[Cc]oming|[Pp]ast)\s+"
          rf"(?P<unit>week|weekend|month|year|decade|spring|summer|autumn|fall|winter){_E}"),
    _rule("anaphoric_unit", "the following previous same that",
          rf"{_B}(?:[Tt]he\s+(?P<rel>following|previous|same)|(?P<that>[Tt]hat))\s+(?P<unit>week|month|quarter|year){_E}"),
    _rule("the_relative_unit", "the following",
          rf"{_B}[Tt]he\s+(?P<rel>last|next|past|previous|coming|following)\s+(?P<unit>week|weekend|month|year|decade){_E}"),
    _rule("the_weekend", "the weekend", rf"{_B}[Tt]he\s+weekend{_E}"),
    _rule("ago", f"{NUMBER_STARTS} {VAGUE_STARTS}", rf"{_B}(?P<n>{_NUM}|{_VAGUE})\s+(?P<unit>{_UNIT})\s+ago{_E}"),
    _rule("duration_range", NUMBER_STARTS,
          rf"{_B}(?P<n>\d+|{_either_case(_NUMBER_NAMES)})\s*(?:-|–|and|to|or)\s*(?P<n2>{_NUM})[- ](?P<unit>{_UNIT}){_E}"
          r"(?!-old| old)"),
    _rule("offset", f"{NUMBER_STARTS} {VAGUE_STARTS}",
          rf"{_B}(?P<n>{_NUM}|{_VAGUE})\s+(?P<unit>{_UNIT})(?=\s+(?P<dir>later|earlier|before|after)\b)"),
    _rule("anaphoric_day", "the following previous same day morning afternoon evening night",
          rf"{_B}[Tt]he\s+(?P<which>next|following|previous|same)\s+(?P<part>day|morning|afternoon|evening|night){_E}"
          rf"|{_B}[Tt]he\s+day(?=\s+(?P<which2>before|after)\b)"),
    _rule("that_part", "that", rf"{_B}[Tt]hat\s+(?P<part>day|morning|afternoon|evening|night){_E}"),
    _rule("coming_period", "the coming next past last previous recent",
          rf"{_B}(?:[Tt]he\s+)?(?P<rel>coming|next|past|last|previous|recent|[Cc]oming|[Nn]ext|[Pp]ast|[Ll]ast|[Rr]ecent)\s+"
          rf"(?:(?P<n>{_NUM}|{_VAGUE})\s+)?(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades){_E}"),
    _rule("decade", "# the early mid late",
          rf"{_B}(?:the\s+)?(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ])?(?:(?P<dec>(?:1[5-9]|20)\d)0s|(?:'|(?<='))(?P<dec2>\d)0s){_E}"),
    _rule("century", "#", rf"{_B}(?P<c>\d\d?)(?:st|nd|rd|th)\s+[Cc]entury{_E}"),
    _rule("set", f"every each daily weekly monthly quarterly annually yearly nightly hourly once twice {NUMBER_STARTS}",
          rf"{_B}(?:[Ee]very|[Ee]ach)\s+(?:other\s+)?(?P<unit>day|week|month|year|morning|afternoon|evening|night|"
          rf"weekend|{_SEASON}|{_WD}){_E}"
          rf"|{_B}[Ee]very\s+(?P<n>{_NUM})\s+(?P<units>days|weeks|months|years){_E}"
          rf"|{_B}(?P<adv>daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly){_E}"
          rf"|{_B}(?P<freq>[Oo]nce|[Tt]wice|{_NUM}\s+times)\s+(?:a|an|per|each)\s+(?P<per>day|week|month|year){_E}"),
    _rule("season", "last this next spring summer autumn fall winter",
          rf"{_B}(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<season>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?{_E}"),
    _rule("quarter", "the first second third fourth q",
          rf"{_B}(?:the\s+)?(?P<q>first|second|third|fourth|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)[- ]quarter"
          rf"(?:\s+of\s+(?P<y>{_YEAR}))?{_E}"
          rf"|{_B}Q(?P<qn>[1-4])\s+(?P<y2>{_YEAR}){_E}"),
    _rule("half_year", "the first second",
          rf"{_B}(?:[Tt]he\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<y>{_YEAR})|(?P<rel>this|last|next|the)\s+year){_E}"),
    _rule("duration", f"{NUMBER_STARTS} {VAGUE_STARTS} the more less fewer almost nearly at",
          rf"{_B}(?:(?:[Mm]ore than|[Ll]ess than|[Ff]ewer than|[Aa]lmost|[Nn]early|[Aa]t least|a mere)\s+)?"
          rf"(?:the\s+(?=[^\s-]+\s))?"  # "the 90 years", but "two-day" alone in "the two-day meeting"
          rf"(?P<n>{_NUM}|{_VAGUE})[- ](?P<unit>{_UNIT}){_E}(?!-old| old)"),
    _rule("vague_unit", "seconds minutes hours days weeks months years decades",
          rf"{_B}(?P<unit>[Mm]inutes|[Hh]ours|[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears|[Dd]ecades){_E}(?!\s+(?:ago|of\s+the))"),
    _rule("ref", "now currently recently nowadays the past future near at these",
          rf"{_B}(?P<word>[Nn]ow|[Cc]urrently|[Rr]ecently|[Nn]owadays|[Tt]he past|[Tt]he future|[Tt]he near future|"
          rf"[Aa]t the time|[Tt]hese days){_E}"),
    _rule("holiday", "christmas new halloween valentine thanksgiving easter good",
          rf"{_B}(?P<name>Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|New Year’s Eve|"
          rf"New Year’s Day|Halloween|Valentine's Day|Valentine’s Day|Thanksgiving|Easter Sunday|Easter|Good Friday)"
          rf"(?:\s+(?P<y>{_YEAR}))?{_E}"),
    _rule("year_range", "####", rf"{_B}(?P<y>(?:1[6-9]|20)\d\d)\s*[-–]\s*(?P<y2>(?:1[6-9]|20)\d\d|\d\d){_E}(?![-/.,]?\d)"),
    _rule("year", "####", rf"{_B}(?P<y>(?:1[6-9]|20)\d\d){_E}(?![-/.,]?\d)"),
]

_BY_NAME = {rule.name: rule for rule in RULES}
_PARSERS = {rule.name: re.compile(rule.pattern) for rule in RULES}

_STARTERS = {word for rule in RULES for word in rule.starts if not word.startswith("#")}

# Where an expression can begin: a digit run or a starter word, at a word start, found in the lower-cased
# text. "The" and "a" are so common that they count only before a word that can follow them in some rule
# ("the past", "a few", "a month"): every rule that begins with "the" lists its second word among its starts.
_A_FOLLOWERS = {"few", "couple", "dozen", "mere", "number", "second", "minute", "hour", "day", "week", "fortnight",
                "month", "year", "decade", "century"}
_DETERMINERS = {"the": _STARTERS, "a": _A_FOLLOWERS, "an": {"hour"}}
_STARTS_PATTERN = (
    rf"(?<![\w-])(?:\d+|(?:{trie(_STARTERS - set(_DETERMINERS))})(?![a-z])"
    + "".join(rf"|{word}(?=\s+(?:'?\d|(?:{trie(after)})(?![a-z])))" for word, after in _DETERMINERS.items())
    + ")"
)
_STARTS = re.compile(_STARTS_PATTERN)
_STARTS_ANY_CASE = re.compile(_STARTS_PATTERN, re.IGNORECASE)  # for the rare text whose lower case is longer


class _Alternations(dict):
    """For each starter, the rules that can begin with it as one pattern named by rule; compiled on first use."""

    def __missing__(self, key: str) -> re.Pattern[str]:
        keys = {key, "#"} if key == "####" else {key}
        parts = [f"(?P<{rule.name}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', rule.pattern).replace(_B, '')})"
                 for rule in RULES if keys & rule.starts]  # the scan has checked the word start
        self[key] = re.compile("|".join(parts))
        return self[key]


_ALTERNATIONS = _Alternations()


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    rule: str
    fields: dict[str, str]


def find(text: str, offset: int = 0) -> list[Found]:
    """All temporal expressions in `text`, leftmost first, none overlapping."""
    found: list[Found] = []
    position = 0
    lowered = text.lower()
    starts = _STARTS.finditer(lowered) if len(lowered) == len(text) else _STARTS_ANY_CASE.finditer(text)
    for start in starts:
        at = start.start()
        if at < position:
            continue
        word = start.group().lower()
        key = ("####" if len(word) == 4 else "#") if word[0].isdigit() else word
        match = _ALTERNATIONS[key].match(text, at)
        if not match:
            continue
        rule = match.lastgroup
        parsed = _PARSERS[rule].match(text, at)
        fields = {k: v for k, v in parsed.groupdict().items() if v is not None}
        items = _split(rule, fields, parsed) if rule.endswith("_range") else [(at, match.end(), rule, fields)]
        for s, e, name, f in items:
            if name == "clock_time":
                name = _reclassify(name, f, text, s)
            if name not in _CHECKED or _plausible(name, f, text, s, e):
                found.append(Found(s + offset, e + offset, text[s:e], name, f))
        position = match.end()
    return found


def _split(rule: str, fields: dict[str, str], match: re.Match[str]) -> list[tuple[int, int, str, dict[str, str]]]:
    """A range ("2009-2010", "12 and 18 months", "March 3-4") is two expressions, as TimeML marks it."""
    if rule == "year_range":
        first, second = int(fields["y"]), fields["y2"]
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if not first < last <= first + 100:
            return [(match.start("y"), match.end("y"), "year", {"y": fields["y"]})]
        return [(match.start("y"), match.end("y"), "year", {"y": fields["y"]}),
                (match.start("y2"), match.end("y2"), "year", {"y": str(last)})]
    if rule == "duration_range":
        return [(match.start("n"), match.end("n"), "duration", {"n": fields["n"], "unit": fields["unit"]}),
                (match.start("n2"), match.end(), "duration", {"n": fields["n2"], "unit": fields["unit"]})]
    name = "month_day_year" if "y" in fields else "month_day"
    first = {k: fields[k] for k in ("mon", "d", "y") if k in fields}
    return [(match.start(), match.end("d"), name, first), (match.start("d2"), match.end(), name, {**first, "d": fields["d2"]})]


def _reclassify(rule: str, fields: dict[str, str], text: str, start: int) -> str:
    """A clock reading with seconds and no zone is a race or flight time, not a time of day."""
    if rule == "clock_time" and "sec" in fields and "zone" not in fields and not text[max(0, start - 3):start].endswith("at "):
        return "clock_duration"
    return rule


_CHECKED = {"bare_month", "year", "season", "duration", "weekday"}
# Newspapers and named days that begin with a weekday: "the Sunday Times" is not a date.
_WEEKDAY_NAMES = re.compile(r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Independent|Mail|Star|Sport|Bloody)\b")


def _plausible(rule: str, fields: dict[str, str], text: str, start: int, end: int) -> bool:
    """Reject the common false friends of the grammar."""
    before = text[max(0, start - 12):start]
    if rule == "bare_month" and fields["mon"] == "May":
        return bool(re.search(r"\b(?:in|since|until|by|of|from|through|during|early|late|mid|before|after)[- ]$", before))
    if rule == "year":
        after = text[end:end + 16]
        if re.match(r"\s+(?:people|troops|soldiers|missiles|men|women|residents|dollars|to\s+\d)", after):
            return False
        return not re.search(r"[$€£#]\s*$", before)
    if rule == "season" and fields.get("season") == "fall":
        return bool(fields.get("rel") or fields.get("y"))  # not "prices fall"
    if rule == "weekday":
        return not _WEEKDAY_NAMES.match(text, end)
    if rule == "duration":
        return not re.search(r"\b(?:aged?|ages)\s+$", before)  # an age, not a period
    return True


def number(word: str) -> int | None:
    """The value of a number word or digits; None for vague amounts ("several") and fractions."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def rule_names() -> set[str]:
    return set(_BY_NAME) - {"year_range", "duration_range", "day_range"} | {"clock_duration"}
