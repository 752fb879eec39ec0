"""Temporal expressions resolved against each article's own context.

The anchor of a relative expression is the publication date (DCT), except
inside reported speech, where it is the date the words were said: "our
strike yesterday", quoted from a statement made on Thursday, is Wednesday
whatever day the article appeared. Anaphoric expressions ("the next day")
follow the last date the text set. Every value records its rule and anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from dateutil.easter import easter

from . import calendar as cal
from . import timex_grammar as grammar
from .records import TimeExpr
from .speech import Attribution, attributions, same_speaker
from .text import inside, quotations, sentence_at

_TENSE = re.compile(
    r"\b(?:(?P<future>will|won't|shall|'ll|is to|are to|going to|plans? to|planned|scheduled|expected to|due to|"
    r"set to|intends? to|would|postponed|delayed|adjourned|deferred|rescheduled|pushed back|put off)|(?P<past>was|were|had|did|said|told|wrote|met|began|took|hit|struck|\w+ed))\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|am)\s+$", re.IGNORECASE)
_SPEECH_PAST = ("said", "says", "told", "announced", "stated", "added", "claimed", "reported", "wrote", "noted")
_SAID_THAT = re.compile(rf"\b(?:{'|'.join(_SPEECH_PAST)})\b[^.]*?\bthat\b")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
               "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE"}
_TIME_UNITS = {"second", "minute", "hour"}
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_EDGE_MOD = {"beginning": "START", "start": "START", "end": "END", "middle": "MID",
             "early": "START", "mid": "MID", "late": "END"}


@dataclass
class _Context:
    dct: date | None
    last_day: date | None = None  # the last day-precision date the text set
    last_point: date | None = None  # the start of the last date of any precision up to a year
    statements: list[tuple[int, str | None, date]] = field(default_factory=list)


class _Value(NamedTuple):
    type: str
    value: str
    precision: str
    first: date | None = None
    last: date | None = None


def tag(text: str, published: date | None, *, offset: int = 0) -> list[TimeExpr]:
    """Temporal expressions of `text` (a body starting at `offset` in its file)."""
    found = grammar.find(text, offset)
    if not found:
        return []
    quoted = quotations(text, offset) if '"' in text or "“" in text else []
    # Attributions matter only to expressions inside quotations; most articles date none there.
    attrs = attributions(text, offset) if any(inside(f.start, quoted) for f in found) else []
    quotes = [a.quote for a in attrs]
    context = _Context(published)
    resolved: dict[int, TimeExpr] = {}
    # Words outside quotations first: they date the statements that quotations inherit.
    for item in (f for f in found if inside(f.start, quotes) is None):
        resolved[item.start] = _resolve(item, _anchor_outside(item, text, offset, resolved, context), text, offset,
                                        context)
        _remember_statement(item, resolved[item.start], attrs, context)
    for item in (f for f in found if inside(f.start, quotes) is not None):
        attr = next(a for a in attrs if a.quote.start <= item.start < a.quote.end)
        resolved[item.start] = _resolve(item, _anchor_in_quote(attr, context, resolved), text, offset, context)
    return [resolved[f.start] for f in found]


def _anchor_outside(item: grammar.Found, text: str, offset: int, resolved: dict[int, TimeExpr],
                    context: _Context) -> tuple[date | None, str]:
    """Indirect speech: "said on Thursday that ... yesterday" is relative to that Thursday."""
    window = text[max(0, item.start - offset - 300):item.start - offset]
    if "that" not in window or not any(verb in window for verb in _SPEECH_PAST):
        return context.dct, "publication date"  # no "said ... that" before it: no sentence needed
    sentence = sentence_at(text, item.start, offset)
    if sentence is not None:
        before = sentence.text[: item.start - sentence.start]
        that = _SAID_THAT.search(before) if "that" in before else None
        if that:
            for other in resolved.values():
                if sentence.start <= other.start < sentence.start + that.end() and other.precision == "day" and other.first_day:
                    return other.first_day, f"statement date '{other.text}'"
    return context.dct, "publication date"


def _anchor_in_quote(attr: Attribution, context: _Context, resolved: dict[int, TimeExpr]) -> tuple[date | None, str]:
    if attr.frame is not None:
        for other in resolved.values():
            if attr.frame.start <= other.start < attr.frame.end and other.precision == "day" and other.first_day:
                return other.first_day, f"date of the quoted statement '{other.text}'"
    for position, speaker, day in reversed(context.statements):
        if position < attr.quote.start + 10_000 and same_speaker(speaker, attr.speaker):
            return day, f"date of an earlier statement by {speaker}"
    return context.dct, "publication date"


def _remember_statement(item: grammar.Found, value: TimeExpr, attrs: list[Attribution], context: _Context) -> None:
    if value.precision != "day" or value.first_day is None:
        return
    for attr in attrs:
        if attr.frame is not None and attr.frame.start <= item.start < attr.frame.end:
            context.statements.append((attr.quote.start, attr.speaker, value.first_day))


def _resolve(item: grammar.Found, anchor_info: tuple[date | None, str], text: str, offset: int,
             context: _Context) -> TimeExpr:
    anchor, anchor_label = anchor_info
    coarse = item.rule == "anaphoric_unit" or (item.rule == "offset" and _unit_name(item.fields["unit"]) in _COARSE)
    last = context.last_point if coarse else context.last_day
    if item.rule in _ANAPHORIC and last:
        anchor, anchor_label = last, "last date in the text"
    tensed = item.rule in _TENSED
    future = tensed and _is_future(text, item.start - offset, item.end - offset)
    fields = item.fields
    if item.rule in ("offset", "anaphoric_day"):
        fields = {**fields, "resolvable": _offset_is_anaphoric(text, item.end - offset)}
    try:
        value = _RESOLVERS[item.rule](fields, anchor, future)
    except _NeedsAnchor:
        return TimeExpr(item.start, item.end, item.text, _TYPES.get(item.rule, "DATE"), None, "unresolved",
                        item.rule, None, reason=f"relative expression and no {anchor_label} to resolve it against")
    except (ValueError, OverflowError):
        return TimeExpr(item.start, item.end, item.text, _TYPES.get(item.rule, "DATE"), None, "unresolved",
                        item.rule, None, reason="not a valid calendar date")
    if value.precision == "day" and value.first is not None:
        context.last_day = value.first
    if value.precision in _POINT_PRECISIONS and value.first is not None:
        context.last_point = value.first
    uses_anchor = item.rule not in _ABSOLUTE and (value.first is not None or value.type not in ("DURATION", "SET"))
    rule = item.rule
    if uses_anchor and anchor:
        direction = f" {'forward' if future else 'backward'}" if tensed else ""
        rule += f"{direction} from {anchor_label}"
    return TimeExpr(item.start, item.end, item.text, value.type, value.value, value.precision, rule,
                    anchor.isoformat() if anchor and uses_anchor else None,
                    first_day=value.first, last_day=value.last)


def _offset_is_anaphoric(text: str, end: int) -> bool:
    """ "Two days later." counts from the last date; "two years after his diagnosis" from an event we cannot date."""
    rest = text[end:end + 40]
    return bool(re.match(r"\s+(?:later|earlier)\b(?!\s+than)|\s+(?:before|after)\s*(?:[,.;:!?\n]|$|and\b|when\b)", rest))


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] speaks of the future: the nearest tense marker decides.

    Only the words on the timex's side of any quotation count: in "“We will respond,” he said on
    Saturday", Saturday is past. A participle after "be" ("due to be published") is not a past tense.
    """
    clause_start = max(text.rfind(ch, 0, start) for ch in ".;\n") + 1
    clause_end = min([i for i in (text.find(ch, end) for ch in ".;\n") if i >= 0] + [len(text)])
    clause = text[clause_start:clause_end]
    here = start - clause_start
    if '"' in clause or "“" in clause:
        quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(clause)]
        inside = [q for q in quotes if q[0] <= here < q[1]]
        if inside:
            lo, hi = inside[0]
            clause, here = clause[lo:hi], here - lo
        else:
            for lo, hi in reversed(quotes):
                clause = clause[:lo] + " " * (hi - lo) + clause[hi:]
    future, past = [], []
    for m in _TENSE.finditer(clause):
        word = m.group().lower()
        if m.lastgroup == "future":
            if not clause.startswith("have", m.end() + 1):  # "would have" looks back
                future.append(abs(m.start() - here))
        elif not (word.endswith("ed") and _PASSIVE.search(clause, max(0, m.start() - 8), m.start())):
            past.append(abs(m.start() - here) + (30 if word in _SPEECH_PAST else 0))
    return bool(future) and (not past or min(future) <= min(past))


class _NeedsAnchor(Exception):
    """A relative expression met with no date to resolve it against."""


def _need(anchor: date | None) -> date:
    if anchor is None:
        raise _NeedsAnchor
    return anchor


def _day(d: date, suffix: str = "") -> _Value:
    return _Value("TIME" if suffix else "DATE", d.isoformat() + suffix, "day", d, d)


def _month(year: int, month: int) -> _Value:
    first, last = cal.month_bounds(year, month)
    return _Value("DATE", f"{year:04d}-{month:02d}", "month", first, last)


def _year(year: int) -> _Value:
    return _Value("DATE", f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _iso_date(f, anchor, future) -> _Value:
    return _day(date(int(f["y"]), int(f["m"]), int(f["d"])))


def _numeric_date(f, anchor, future) -> _Value:
    """US order (10/7/2015) unless the first number cannot be a month (22/03/2013); dotted dates are day first."""
    if f.get("dd"):
        return _day(date(int(f["yy"]), int(f["mm"]), int(f["dd"])))
    first, second = int(f["m"]), int(f["d"])
    month, day = (second, first) if first > 12 else (first, second)
    return _day(date(_full_year(f["y"]), month, day))


def _day_number(f) -> int:
    return int(re.match(r"\d+", f["d"]).group())


def _month_day_year(f, anchor, future) -> _Value:
    return _day(date(int(f["y"]), grammar.month_number(f["mon"]), _day_number(f)))


def _month_day(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    month, day = grammar.month_number(f["mon"]), _day_number(f)
    candidates = [cal.safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)]
    candidates = [c for c in candidates if c]
    if not candidates:
        raise ValueError
    if future:
        later = [c for c in candidates if c >= anchor]
        return _day(min(later) if later else max(candidates))
    earlier = [c for c in candidates if c <= anchor]
    best = max(earlier) if earlier else min(candidates)
    soon = [c for c in candidates if anchor < c <= anchor + timedelta(days=45)]
    if soon and (anchor - best).days > 300:
        best = soon[0]
    return _day(best)


def _month_year(f, anchor, future) -> _Value:
    return _month(int(f["y"]), grammar.month_number(f["mon"]))


def _nearest_month(month: int, anchor: date, future: bool) -> int:
    """The year of the named month: the latest one up to the anchor, or the next in future clauses."""
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _bare_month(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    month = grammar.month_number(f["mon"])
    return _month(_nearest_month(month, anchor, future), month)


def _relative_month(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    month = grammar.month_number(f["mon"])
    rel = f["rel"].lower()
    if rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    return _month(year, month)


def _edge_of_month(f, anchor, future) -> _Value:
    if f.get("yonly"):
        return _year(int(f["yonly"]))
    month = grammar.month_number(f["mon"])
    year = int(f["y"]) if f.get("y") else _nearest_month(month, _need(anchor), future)
    return _month(year, month)


def _part_month_year(f, anchor, future) -> _Value:
    if f.get("yonly"):
        return _year(int(f["yonly"]))
    month = grammar.month_number(f["mon"])
    if f.get("y"):
        return _month(int(f["y"]), month)
    anchor = _need(anchor)
    if f.get("rel"):
        return _relative_month({"mon": f["mon"], "rel": f["rel"]}, anchor, future)
    return _month(_nearest_month(month, anchor, future), month)


def _shift(anchor: date, unit: str, amount: int) -> _Value:
    if unit == "day":
        return _day(anchor + timedelta(days=amount))
    if unit in ("week", "weekend"):
        d = anchor + timedelta(weeks=amount)
        first, last = cal.week_bounds(d)
        return _Value("DATE", cal.week_value(d) + ("-WE" if unit == "weekend" else ""), "week", first, last)
    if unit == "month":
        d = cal.add_months(anchor, amount)
        return _month(d.year, d.month)
    if unit == "year":
        return _year(anchor.year + amount)
    if unit == "decade":
        decade = (anchor.year // 10 + amount) * 10
        return _Value("DATE", f"{decade // 10:03d}", "decade", date(decade, 1, 1), date(decade + 9, 12, 31))
    if unit == "century":
        century = anchor.year // 100 + amount
        return _Value("DATE", f"{century:02d}", "century", date(max(century * 100, 1), 1, 1), date(century * 100 + 99, 12, 31))
    if unit in cal.SEASON_CODES:
        code = cal.SEASON_CODES[unit]
        first, last = cal.season_bounds(anchor.year + amount, code)
        return _Value("DATE", f"{anchor.year + amount:04d}-{code}", "season", first, last)
    raise ValueError(unit)


_REL_STEP = {"last": -1, "previous": -1, "past": -1, "this past": -1, "this": 0, "next": 1, "coming": 1, "following": 1, "the": 0}


def _relative_unit(f, anchor, future) -> _Value:
    step = _REL_STEP[" ".join(f["rel"].lower().split())]
    unit = f["unit"].lower()
    if unit in cal.SEASON_CODES:
        return _season({"season": unit, "rel": {-1: "last", 0: "this", 1: "next"}[step]}, anchor, future)
    return _shift(_need(anchor), unit, step)


def _edge_of_relative(f, anchor, future) -> _Value:
    value = _shift(_need(anchor), f["unit"], _REL_STEP[(f.get("rel") or "this").lower()])
    return value


def _within_unit(f, anchor, future) -> _Value:
    return _shift(_need(anchor), f["unit"], 0)


def _weekday_date(name: str, rel: str, anchor: date, future: bool) -> date:
    """A bare weekday is the anchor's own day when it names it (a report on Friday of "Friday")."""
    weekday = grammar.WEEKDAYS[name.lower()]
    if rel in ("next", "coming") or (not rel and future and weekday != anchor.weekday()):
        return cal.weekday_after(anchor, weekday)
    if rel == "last":
        return cal.weekday_on_or_before(anchor - timedelta(days=1), weekday)
    if rel == "this":
        return cal.week_bounds(anchor)[0] + timedelta(days=weekday)
    return cal.weekday_on_or_before(anchor, weekday)


def _weekday(f, anchor, future) -> _Value:
    day = _weekday_date(f["wd"], (f.get("rel") or "").lower(), _need(anchor), future)
    part = f.get("part")
    return _day(day, "T" + _PART_CODES[part] if part else "")


_DEICTIC_STEP = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _deictic_day(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    part = f.get("part")
    return _day(anchor + timedelta(days=_DEICTIC_STEP[f["word"].lower()]), "T" + _PART_CODES[part] if part else "")


def _last_night(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    part = f["part"].lower()
    day = anchor - timedelta(days=1) if f["rel"].lower() == "last" else anchor
    return _day(day, "T" + _PART_CODES[part])


def _tonight(f, anchor, future) -> _Value:
    """ "tonight" is the anchor's night; "overnight" in a report is the night before it."""
    anchor = _need(anchor)
    if f["word"].lower() == "overnight" and not future:
        anchor -= timedelta(days=1)
    return _day(anchor, "TNI")


def _the_weekend(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    saturday = cal.weekday_after(anchor, 5) if future else cal.weekday_on_or_before(anchor, 5)
    return _Value("DATE", cal.week_value(saturday) + "-WE", "week", saturday, saturday + timedelta(days=1))


def _count(f, key: str = "n") -> int | str | None:
    """The amount of a duration: an integer, a decimal as written ("1.5"), or None when vague."""
    word = f.get(key)
    if not word:
        return None
    if re.fullmatch(r"\d+\.\d+", word):
        return word
    return grammar.number(word)


def _unit_name(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s")


def _ago(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    unit = _unit_name(f["unit"])
    amount = _count(f)
    if not isinstance(amount, int):
        return _Value("DATE", "PAST_REF", "ref", None, anchor)
    if unit in _TIME_UNITS:
        return _day(anchor)
    return _shift(anchor, unit, -amount)


def _offset(f, anchor, future) -> _Value:
    """ "two days later": the duration, and the point it leads to when it counts from a known date."""
    unit = _unit_name(f["unit"])
    amount = _count(f)
    duration = _duration_value(amount, unit)
    if not (f["resolvable"] and isinstance(amount, int) and anchor) or unit in _TIME_UNITS:
        return _Value("DURATION", duration, "duration")
    sign = 1 if f["dir"] in ("later", "after") else -1
    point = _shift(anchor, unit, sign * amount)
    return _Value("DURATION", duration, point.precision, point.first, point.last)


def _anaphoric_day(f, anchor, future) -> _Value:
    which = f.get("which") or f.get("which2")
    if f.get("which2") and not f["resolvable"]:
        return _Value("DATE", "XXXX-XX-XX", "unresolved")  # "the day before he was arrested"
    anchor = _need(anchor)
    return _day(anchor + timedelta(days=-1 if which in ("previous", "before") else 1))


def _anaphoric_unit(f, anchor, future) -> _Value:
    """ "the following week", "that year": counted from the last date the text set."""
    step = {"following": 1, "previous": -1}.get((f.get("rel") or "").lower(), 0)
    return _shift(_need(anchor), f["unit"].lower(), step)


def _holiday(f, anchor, future) -> _Value:
    name = f["name"].replace("’", "'").lower()
    if f.get("y"):
        return _day(_holiday_date(name, int(f["y"])))
    anchor = _need(anchor)
    this_year = _holiday_date(name, anchor.year)
    if future:
        return _day(this_year if this_year >= anchor else _holiday_date(name, anchor.year + 1))
    return _day(this_year if this_year <= anchor else _holiday_date(name, anchor.year - 1))


def _holiday_date(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name == "thanksgiving":  # the fourth Thursday of November
        return cal.weekday_after(date(year, 10, 31), 3) + timedelta(weeks=3)
    sunday = easter(year)
    return sunday - timedelta(days=2) if name == "good friday" else sunday


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
                   "valentine's day": (2, 14)}


def _that_part(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    part = f["part"]
    return _day(anchor, "" if part == "day" else "T" + _PART_CODES[part])


def _duration_value(amount: int | str | None, unit: str) -> str:
    """TIMEX3 duration; decades and centuries in years when counted ("a decade" is P10Y), as TempEval marks them."""
    if unit in ("decade", "century") and isinstance(amount, int):
        return f"P{amount * (10 if unit == 'decade' else 100)}Y"
    code = _UNIT_CODES[unit]
    number = "X" if amount is None else str(amount)
    return f"PT{number}{code}" if unit in _TIME_UNITS else f"P{number}{code}"


def _coming_period(f, anchor, future) -> _Value:
    unit = _unit_name(f["unit"])
    amount = _count(f)
    rel = f["rel"].lower()
    forward = rel in ("coming", "next")
    if rel == "recent":
        return _Value("DURATION", _duration_value(None, unit), "duration", None, anchor)
    if not f.get("n") and forward:
        if anchor is None:
            raise _NeedsAnchor
        span = {"day": 7, "week": 31, "month": 183, "year": 1826, "hour": 1, "minute": 1, "second": 1,
                "decade": 3652}[unit]
        return _Value("DATE", "FUTURE_REF", "range", anchor, anchor + timedelta(days=span))
    value = _duration_value(amount, unit)
    if anchor is None or not isinstance(amount, int) or unit in _TIME_UNITS:
        return _Value("DURATION", value, "duration")
    end = _shift(anchor, unit, amount if forward else -amount)
    first, last = (anchor, end.last) if forward else (end.first, anchor)
    return _Value("DURATION", value, "range", first, last)


def _duration(f, anchor, future) -> _Value:
    return _Value("DURATION", _duration_value(_count(f), _unit_name(f["unit"])), "duration")


def _clock_duration(f, anchor, future) -> _Value:
    return _Value("DURATION", f"PT{int(f['h'])}H{int(f['min'])}M{int(f['sec'])}S", "duration")


def _vague_unit(f, anchor, future) -> _Value:
    return _Value("DURATION", _duration_value(None, _unit_name(f["unit"])), "duration")


def _decade(f, anchor, future) -> _Value:
    if f.get("dec2"):  # "the '90s": the nearest such decade not after the anchor's
        anchor = _need(anchor)
        start = anchor.year // 100 * 100 + int(f["dec2"]) * 10
        start -= 100 if start > anchor.year else 0
        return _Value("DATE", f"{start // 10:03d}", "decade", date(start, 1, 1), date(start + 9, 12, 31))
    start = int(f["dec"]) * 10
    return _Value("DATE", f["dec"], "decade", date(start, 1, 1), date(start + 9, 12, 31))


def _century(f, anchor, future) -> _Value:
    number = int(f["c"])
    start = (number - 1) * 100
    return _Value("DATE", f"{number - 1:02d}", "century", date(max(start, 1), 1, 1), date(start + 99, 12, 31))


def _season(f, anchor, future) -> _Value:
    """ "last spring" is the latest spring over before the anchor; a bare season follows the clause's tense."""
    code = cal.SEASON_CODES[f["season"].lower()]
    if f.get("y"):
        year = int(f["y"])
    else:
        anchor = _need(anchor)
        rel = (f.get("rel") or "").lower()
        bounds = {y: cal.season_bounds(y, code) for y in range(anchor.year - 2, anchor.year + 2)}
        if rel == "last":
            year = max(y for y, (_, last) in bounds.items() if last < anchor)
        elif rel == "next":
            year = min(y for y, (first, _) in bounds.items() if first > anchor)
        elif rel == "this" or not future:
            year = max(y for y, (first, _) in bounds.items() if first <= anchor)
        else:
            year = min(y for y, (_, last) in bounds.items() if last >= anchor)
    first, last = cal.season_bounds(year, code)
    return _Value("DATE", f"{year:04d}-{code}", "season", first, last)


def _quarter(f, anchor, future) -> _Value:
    number = int(f["qn"]) if f.get("qn") else ["first", "second", "third", "fourth"].index(f["q"]) + 1
    year_text = f.get("y") or f.get("y2")
    year = int(year_text) if year_text else _need(anchor).year
    first, last = cal.quarter_bounds(year, number)
    return _Value("DATE", f"{year:04d}-Q{number}", "quarter", first, last)


def _fiscal_year(f, anchor, future) -> _Value:
    written = f.get("y") or f.get("y2") or f.get("y3")
    if written:
        return _year(_full_year(written))
    return _year(_need(anchor).year + {"last": -1, "next": 1}.get((f.get("rel") or "").lower(), 0))


_SET_VALUES = {"day": "XXXX-XX-XX", "daily": "XXXX-XX-XX", "night": "XXXX-XX-XXTNI", "nightly": "XXXX-XX-XXTNI",
               "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
               "week": "XXXX-WXX", "weekly": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
               "monthly": "XXXX-XX", "year": "XXXX", "annually": "XXXX", "yearly": "XXXX", "hourly": "PT1H"}


def _set(f, anchor, future) -> _Value:
    """Recurring times as TIMEX3 calendar patterns ("every Monday" is XXXX-WXX-1, "annually" XXXX)."""
    if f.get("per"):  # "twice a week": the period; the frequency is not a value
        return _Value("SET", _duration_value(1, f["per"].lower()), "set")
    if f.get("units"):
        return _Value("SET", _duration_value(_count(f), _unit_name(f["units"])), "set")
    unit = (f.get("unit") or f.get("adv")).lower()
    if unit in grammar.WEEKDAYS:
        return _Value("SET", f"XXXX-WXX-{grammar.WEEKDAYS[unit] + 1}", "set")
    if unit in cal.SEASON_CODES:
        return _Value("SET", f"XXXX-{cal.SEASON_CODES[unit]}", "set")
    return _Value("SET", _SET_VALUES[unit], "set")


def _ref(f, anchor, future) -> _Value:
    word = f["word"].lower()
    if word in ("now", "currently", "nowadays", "these days"):
        return _Value("DATE", "PRESENT_REF", "ref", anchor, anchor)
    if word in ("the future", "the near future"):
        return _Value("DATE", "FUTURE_REF", "ref")
    return _Value("DATE", "PAST_REF", "ref", None, anchor)


def _year_only(f, anchor, future) -> _Value:
    return _year(int(f["y"]))


def _day_of_time(f, anchor: date, future: bool) -> date:
    """The day a clock time names: its own weekday or "yesterday", else the anchor."""
    if f.get("wd"):
        return _weekday_date(f["wd"], "", anchor, future)
    if f.get("word") and f["word"].lower() in _DEICTIC_STEP:
        return anchor + timedelta(days=_DEICTIC_STEP[f["word"].lower()])
    return anchor


def _timed(f, anchor, future, clock: str) -> _Value:
    if anchor is None:
        if f.get("wd") or (f.get("word") or "").lower() in _DEICTIC_STEP:
            raise _NeedsAnchor
        return _Value("TIME", clock, "time")
    day = _day_of_time(f, anchor, future)
    return _Value("TIME", day.isoformat() + clock, "time", day, day)


def _time(f, anchor, future) -> _Value:
    hour = int(f["h"]) % 12
    if f.get("ampm", "").lower().startswith("p"):
        hour += 12
    return _timed(f, anchor, future, f"T{hour:02d}:{f.get('min') or '00'}")


def _military(f, anchor, future) -> _Value:
    return _timed(f, anchor, future, f"T{f['h']}:{f['min']}")


def _clock(f, anchor, future) -> _Value:
    return _timed(f, anchor, future, f"T{int(f['h']):02d}:{f['min']}")


def _noon(f, anchor, future) -> _Value:
    return _timed(f, anchor, future, "T00:00" if f["noon"].lower() == "midnight" else "T12:00")


_RESOLVERS = {
    "iso_date": _iso_date, "numeric_date": _numeric_date, "time_of_day": _time, "clock_time": _clock,
    "clock_duration": _clock_duration, "noon": _noon, "military_time": _military, "holiday": _holiday,
    "anaphoric_unit": _anaphoric_unit,
    "month_day_year": _month_day_year, "day_month_year": _month_day_year, "month_day": _month_day,
    "day_month": _month_day, "edge_of_month": _edge_of_month, "edge_of_relative": _edge_of_relative,
    "part_month_year": _part_month_year, "part_of_relative": _relative_unit, "month_year": _month_year,
    "bare_month": _bare_month, "relative_month": _relative_month, "last_night": _last_night, "tonight": _tonight,
    "deictic_part": _deictic_day, "relative_weekday": _weekday, "weekday": _weekday,
    "deictic_day": _deictic_day, "within_unit": _within_unit, "relative_unit": _relative_unit,
    "the_relative_unit": _relative_unit, "the_weekend": _the_weekend, "ago": _ago, "offset": _offset,
    "anaphoric_day": _anaphoric_day, "that_part": _that_part, "coming_period": _coming_period,
    "decade": _decade, "century": _century, "season": _season, "quarter": _quarter, "fiscal_year": _fiscal_year,
    "duration": _duration, "vague_unit": _vague_unit, "set": _set, "ref": _ref, "year": _year_only,
}
_ABSOLUTE = {"iso_date", "numeric_date", "month_day_year", "day_month_year", "month_year", "decade", "century",
             "duration", "clock_duration", "vague_unit", "set", "year"}
_TENSED = {"weekday", "month_day", "day_month", "bare_month", "edge_of_month", "part_month_year", "tonight",
           "the_weekend", "time_of_day", "clock_time", "noon", "military_time", "holiday", "season", "decade"}
_COARSE = {"month", "year", "decade", "century"}
_POINT_PRECISIONS = {"day", "week", "month", "quarter", "season", "year"}
_ANAPHORIC = {"offset", "anaphoric_day", "that_part", "anaphoric_unit"}
_TYPES = {"time_of_day": "TIME", "clock_time": "TIME", "noon": "TIME", "military_time": "TIME", "duration": "DURATION", "offset": "DURATION",
          "clock_duration": "DURATION", "set": "SET"}
assert set(_RESOLVERS) == grammar.rule_names()


def parse_date(value: str | None) -> date | None:
    """A publication date from metadata, in any format dateparser reads; None if unreadable."""
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; only needed for dates that are not ISO

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None
