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

from . import calendar as cal
from . import timex_grammar as grammar
from .records import TimeExpr
from .speech import Attribution, attributions, same_speaker
from .text import inside, sentences

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|is to|are to|going to|plans? to|planned|scheduled|expected to|due to|"
    r"set to|intends? to|would)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|wrote|met|began|took|hit|struck|\w+ed)\b", re.IGNORECASE)
_SPEECH_PAST = {"said", "told", "wrote", "stated", "added", "noted", "reported", "announced", "claimed"}
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
    statements: list[tuple[int, str | None, date]] = field(default_factory=list)


@dataclass(frozen=True)
class _Value:
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
    attrs = attributions(text, offset)
    quotes = [a.quote for a in attrs]
    sents = sentences(text, offset)
    context = _Context(published)
    resolved: dict[int, TimeExpr] = {}
    # Words outside quotations first: they date the statements that quotations inherit.
    for item in (f for f in found if inside(f.start, quotes) is None):
        resolved[item.start] = _resolve(item, _anchor_outside(item, sents, resolved, context), text, offset, context)
        _remember_statement(item, resolved[item.start], attrs, context)
    for item in (f for f in found if inside(f.start, quotes) is not None):
        attr = next(a for a in attrs if a.quote.start <= item.start < a.quote.end)
        resolved[item.start] = _resolve(item, _anchor_in_quote(attr, context, resolved), text, offset, context)
    return [resolved[f.start] for f in found]


def _anchor_outside(item: grammar.Found, sents, resolved: dict[int, TimeExpr], context: _Context) -> tuple[date | None, str]:
    """Indirect speech: "said on Thursday that ... yesterday" is relative to that Thursday."""
    sentence = inside(item.start, sents)
    if sentence is not None:
        before = sentence.text[: item.start - sentence.start]
        that = re.search(r"\b(?:said|says|told|announced|stated|added|claimed|reported)\b[^.]*?\bthat\b", before)
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
    if item.rule in ("offset_from_anchor", "anaphoric_day", "that_part") and context.last_day:
        anchor, anchor_label = context.last_day, "last date in the text"
    future = _is_future(text, item.start - offset, item.end - offset)
    try:
        value = _RESOLVERS[item.rule](item.fields, anchor, future)
    except _NeedsAnchor:
        return TimeExpr(item.start, item.end, item.text, _TYPES.get(item.rule, "DATE"), None, "unresolved",
                        item.rule, None, reason=f"relative expression and no {anchor_label} to resolve it against")
    except (ValueError, OverflowError):
        return TimeExpr(item.start, item.end, item.text, "DATE", None, "unresolved", item.rule, None,
                        reason="not a valid calendar date")
    if value.precision == "day" and value.first is not None:
        context.last_day = value.first
    uses_anchor = item.rule not in _ABSOLUTE
    rule = item.rule
    if uses_anchor and anchor:
        rule += f" {'forward' if future else 'backward'} from {anchor_label}"
    return TimeExpr(item.start, item.end, item.text, value.type, value.value, value.precision, rule,
                    anchor.isoformat() if anchor and uses_anchor else None,
                    first_day=value.first, last_day=value.last)


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] speaks of the future: the nearest tense marker decides.

    Only the words on the timex's side of any quotation count: in "“We will respond,” he said on
    Saturday", Saturday is past.
    """
    clause_start = max(text.rfind(ch, 0, start) for ch in ".;\n") + 1
    clause_end = min([i for i in (text.find(ch, end) for ch in ".;\n") if i >= 0] + [len(text)])
    clause = text[clause_start:clause_end]
    here = start - clause_start
    quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(clause)]
    inside = [q for q in quotes if q[0] <= here < q[1]]
    if inside:
        lo, hi = inside[0]
        clause, here = clause[lo:hi], here - lo
    else:
        for lo, hi in reversed(quotes):
            clause = clause[:lo] + " " * (hi - lo) + clause[hi:]
    future = [abs(m.start() - here) for m in _FUTURE.finditer(clause) if not re.match(r"would\s+have\b", clause[m.start():])]
    past = [abs(m.start() - here) + (30 if m.group().lower() in _SPEECH_PAST else 0) for m in _PAST.finditer(clause)]
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
    return _day(date(_full_year(f["y"]), int(f["m"]), int(f["d"])))


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
    if unit in cal.SEASON_CODES:
        code = cal.SEASON_CODES[unit]
        first, last = cal.season_bounds(anchor.year + amount, code)
        return _Value("DATE", f"{anchor.year + amount:04d}-{code}", "season", first, last)
    raise ValueError(unit)


_REL_STEP = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1, "following": 1, "the": 0}


def _relative_unit(f, anchor, future) -> _Value:
    return _shift(_need(anchor), f["unit"].lower(), _REL_STEP[f["rel"].lower()])


def _edge_of_relative(f, anchor, future) -> _Value:
    value = _shift(_need(anchor), f["unit"], _REL_STEP[(f.get("rel") or "this").lower()])
    return value


def _within_unit(f, anchor, future) -> _Value:
    return _shift(_need(anchor), f["unit"], 0)


def _weekday(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    weekday = grammar.WEEKDAYS[f["wd"].lower()]
    rel = (f.get("rel") or "").lower()
    if rel in ("next", "coming") or (not rel and future):
        day = cal.weekday_after(anchor, weekday)
    elif rel == "last":
        day = cal.weekday_on_or_before(anchor - timedelta(days=1), weekday)
    elif rel == "this":
        day = cal.week_bounds(anchor)[0] + timedelta(days=weekday)
    else:
        day = cal.weekday_on_or_before(anchor, weekday)
    part = f.get("part")
    return _day(day, "T" + _PART_CODES[part] if part else "")


def _deictic_day(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    step = {"yesterday": -1, "today": 0, "tomorrow": 1}[f["word"].lower()]
    part = f.get("part")
    return _day(anchor + timedelta(days=step), "T" + _PART_CODES[part] if part else "")


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


def _count(f) -> int | None:
    return grammar.number(f["n"]) if f.get("n") else None


def _unit_name(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s")


def _ago(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    unit = _unit_name(f["unit"])
    amount = _count(f)
    if amount is None:
        return _Value("DATE", "PAST_REF", "ref", None, anchor)
    if unit in _TIME_UNITS:
        return _day(anchor)
    return _shift(anchor, unit, -amount)


def _offset_from_anchor(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    amount = _count(f) or 1
    sign = 1 if f["dir"] in ("later", "after") else -1
    return _shift(anchor, _unit_name(f["unit"]), sign * amount)


def _anaphoric_day(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    which = f.get("which") or f.get("which2")
    return _day(anchor + timedelta(days=-1 if which in ("previous", "before") else 1))


def _that_part(f, anchor, future) -> _Value:
    anchor = _need(anchor)
    part = f["part"]
    return _day(anchor, "" if part == "day" else "T" + _PART_CODES[part])


def _duration_value(amount: int | None, unit: str) -> str:
    code = _UNIT_CODES[unit]
    number = "X" if amount is None else str(amount)
    return f"PT{number}{code}" if unit in _TIME_UNITS else f"P{number}{code}"


def _coming_period(f, anchor, future) -> _Value:
    unit = _unit_name(f["unit"])
    amount = _count(f)
    rel = f["rel"].lower()
    forward = rel in ("coming", "next")
    if not f.get("n") and rel in ("coming", "next", "recent"):
        if anchor is None:
            raise _NeedsAnchor
        if forward:
            span = {"day": 7, "week": 31, "month": 183, "year": 1826, "hour": 1, "decade": 3652}[unit]
            return _Value("DATE", "FUTURE_REF", "range", anchor, anchor + timedelta(days=span))
        return _Value("DATE", "PAST_REF", "range", None, anchor)
    value = _duration_value(amount, unit)
    if anchor is None or amount is None or unit in _TIME_UNITS:
        return _Value("DURATION", value, "duration")
    end = _shift(anchor, unit, amount if forward else -amount)
    first, last = (anchor, end.last) if forward else (end.first, anchor)
    return _Value("DURATION", value, "range", first, last)


def _recent_period(f, anchor, future) -> _Value:
    return _Value("DURATION", _duration_value(None, _unit_name(f["unit"])), "duration")


def _duration(f, anchor, future) -> _Value:
    unit = _unit_name(f["unit"])
    return _Value("DURATION", _duration_value(_count(f), unit), "duration")


def _vague_unit(f, anchor, future) -> _Value:
    return _Value("DURATION", _duration_value(None, _unit_name(f["unit"])), "duration")


def _decade(f, anchor, future) -> _Value:
    start = int(f["dec"]) * 10
    return _Value("DATE", f["dec"], "decade", date(start, 1, 1), date(start + 9, 12, 31))


def _century(f, anchor, future) -> _Value:
    number = int(f["c"])
    start = (number - 1) * 100
    return _Value("DATE", f"{number - 1:02d}", "century", date(max(start, 1), 1, 1), date(start + 99, 12, 31))


def _season(f, anchor, future) -> _Value:
    code = cal.SEASON_CODES[f["season"].lower()]
    if f.get("y"):
        year = int(f["y"])
    else:
        anchor = _need(anchor)
        rel = (f.get("rel") or "").lower()
        year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    first, last = cal.season_bounds(year, code)
    return _Value("DATE", f"{year:04d}-{code}", "season", first, last)


def _quarter(f, anchor, future) -> _Value:
    number = ["first", "second", "third", "fourth"].index(f["q"]) + 1
    year = int(f["y"]) if f.get("y") else _need(anchor).year
    first, last = cal.quarter_bounds(year, number)
    return _Value("DATE", f"{year:04d}-Q{number}", "quarter", first, last)


def _fiscal_year(f, anchor, future) -> _Value:
    if f.get("y"):
        return _year(int(f["y"]))
    return _year(_need(anchor).year + {"last": -1, "next": 1}.get((f.get("rel") or "").lower(), 0))


def _set(f, anchor, future) -> _Value:
    unit = (f.get("unit") or f.get("adv") or "").lower()
    values = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M", "monthly": "P1M",
              "year": "P1Y", "annually": "P1Y", "yearly": "P1Y", "morning": "XXXX-XX-XXTMO",
              "evening": "XXXX-XX-XXTEV", "night": "XXXX-XX-XXTNI"}
    if unit in grammar.WEEKDAYS:
        return _Value("SET", f"XXXX-WXX-{grammar.WEEKDAYS[unit] + 1}", "set")
    return _Value("SET", values.get(unit, "P1D"), "set")


def _ref(f, anchor, future) -> _Value:
    word = f["word"].lower()
    if word in ("now", "currently", "nowadays"):
        return _Value("DATE", "PRESENT_REF", "ref", anchor, anchor)
    if word == "the future":
        return _Value("DATE", "FUTURE_REF", "ref")
    return _Value("DATE", "PAST_REF", "ref", None, anchor)


def _year_only(f, anchor, future) -> _Value:
    return _year(int(f["y"]))


def _time(f, anchor, future) -> _Value:
    hour = int(f["h"]) % 12
    if f.get("ampm", "").lower().startswith("p"):
        hour += 12
    clock = f"T{hour:02d}:{f.get('min') or '00'}"
    if anchor is None:
        return _Value("TIME", clock, "time")
    return _Value("TIME", anchor.isoformat() + clock, "time", anchor, anchor)


def _clock(f, anchor, future) -> _Value:
    clock = f"T{int(f['h']):02d}:{f['min']}"
    if anchor is None:
        return _Value("TIME", clock, "time")
    return _Value("TIME", anchor.isoformat() + clock, "time", anchor, anchor)


_RESOLVERS = {
    "iso_date": _iso_date, "numeric_date": _numeric_date, "time_of_day": _time, "clock_time": _clock,
    "month_day_year": _month_day_year, "day_month_year": _month_day_year, "month_day": _month_day,
    "day_month": _month_day, "edge_of_month": _edge_of_month, "edge_of_relative": _edge_of_relative,
    "part_month_year": _part_month_year, "month_year": _month_year, "bare_month": _bare_month,
    "relative_month": _relative_month, "last_night": _last_night, "tonight": _tonight,
    "deictic_part": _deictic_day, "relative_weekday": _weekday, "weekday": _weekday,
    "deictic_day": _deictic_day, "within_unit": _within_unit, "relative_unit": _relative_unit,
    "the_relative_unit": _relative_unit, "ago": _ago, "offset_from_anchor": _offset_from_anchor,
    "anaphoric_day": _anaphoric_day, "that_part": _that_part, "coming_period": _coming_period,
    "recent_period": _recent_period, "decade": _decade, "century": _century, "season": _season,
    "quarter": _quarter, "fiscal_year": _fiscal_year, "duration": _duration, "vague_unit": _vague_unit,
    "set": _set, "ref": _ref, "year": _year_only,
}
_ABSOLUTE = {"iso_date", "numeric_date", "month_day_year", "day_month_year", "month_year", "decade", "century",
             "duration", "vague_unit", "recent_period", "set", "year"}
_TYPES = {"time_of_day": "TIME", "clock_time": "TIME", "duration": "DURATION", "set": "SET"}
assert set(_RESOLVERS) == {name for name, _ in grammar.RULES}


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
