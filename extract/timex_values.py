"""TIMEX3 values of temporal expressions, given the rule that found them, their fields and an anchor.

Pure calendar arithmetic: which anchor applies (publication date, date of a
statement, last date in the text) and whether the clause is future tense are
decided by `dates`; this module turns "last spring" plus an anchor into
`2015-SP` with the days it covers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from dateutil.easter import easter

from . import calendar as cal
from . import timex_grammar as grammar

_UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
               "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE"}
_TIME_UNITS = {"second", "minute", "hour"}
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


class Value(NamedTuple):
    """A TIMEX3 type and value, its precision, and the calendar days it covers (None where open or unknown)."""

    type: str
    value: str
    precision: str
    first: date | None = None
    last: date | None = None


class NeedsAnchor(Exception):
    """A relative expression met with no date to resolve it against."""


def _need(anchor: date | None) -> date:
    if anchor is None:
        raise NeedsAnchor
    return anchor


def _day(d: date, suffix: str = "") -> Value:
    return Value("TIME" if suffix else "DATE", d.isoformat() + suffix, "day", d, d)


def _month(year: int, month: int) -> Value:
    first, last = cal.month_bounds(year, month)
    return Value("DATE", f"{year:04d}-{month:02d}", "month", first, last)


def _year(year: int) -> Value:
    return Value("DATE", f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _iso_date(f, anchor, future) -> Value:
    return _day(date(int(f["y"]), int(f["m"]), int(f["d"])))


def _numeric_date(f, anchor, future) -> Value:
    """US order (10/7/2015) unless the first number cannot be a month (22/03/2013); dotted dates are day first."""
    if f.get("dd"):
        return _day(date(int(f["yy"]), int(f["mm"]), int(f["dd"])))
    first, second = int(f["m"]), int(f["d"])
    month, day = (second, first) if first > 12 else (first, second)
    return _day(date(_full_year(f["y"]), month, day))


def _day_number(f) -> int:
    return int(re.match(r"\d+", f["d"]).group())


def _month_day_year(f, anchor, future) -> Value:
    return _day(date(int(f["y"]), grammar.month_number(f["mon"]), _day_number(f)))


def _month_day(f, anchor, future) -> Value:
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


def _part_of_date(f, anchor, future) -> Value:
    """ "the night of Oct. 7": the day as a month and day would be resolved, with its part of day."""
    fields = {"mon": f.get("mon") or f["mon2"], "d": f.get("d") or f["d2"]}
    day = _month_day_year({**fields, "y": f["y"]}, anchor, future) if f.get("y") else _month_day(fields, anchor, future)
    return Value("TIME", f"{day.value}T{_PART_CODES[f['part']]}", "day", day.first, day.last)


def _month_year(f, anchor, future) -> Value:
    return _month(int(f["y"]), grammar.month_number(f["mon"]))


def _nearest_month(month: int, anchor: date, future: bool | None) -> int:
    """The year of the named month: the latest one up to the anchor, the next in future clauses, and the
    nearer of the two in a clause with no tense ("a cut at the September meeting")."""
    if future is None:
        ahead = (month - anchor.month) % 12
        return anchor.year + (anchor.month + ahead > 12) if ahead and ahead < 12 - ahead else \
            anchor.year - (month > anchor.month)
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _bare_month(f, anchor, future) -> Value:
    anchor = _need(anchor)
    month = grammar.month_number(f["mon"])
    return _month(_nearest_month(month, anchor, future), month)


def _relative_month(f, anchor, future) -> Value:
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


def _edge_of_month(f, anchor, future) -> Value:
    if f.get("yonly"):
        return _year(int(f["yonly"]))
    month = grammar.month_number(f["mon"])
    year = int(f["y"]) if f.get("y") else _nearest_month(month, _need(anchor), future)
    return _month(year, month)


def _part_month_year(f, anchor, future) -> Value:
    if f.get("yonly"):
        return _year(int(f["yonly"]))
    month = grammar.month_number(f["mon"])
    if f.get("y"):
        return _month(int(f["y"]), month)
    anchor = _need(anchor)
    if f.get("rel"):
        return _relative_month({"mon": f["mon"], "rel": f["rel"]}, anchor, future)
    return _month(_nearest_month(month, anchor, future), month)


def _shift(anchor: date, unit: str, amount: int) -> Value:
    if unit == "fortnight":
        return _day(anchor + timedelta(days=14 * amount))
    if unit == "day":
        return _day(anchor + timedelta(days=amount))
    if unit in ("week", "weekend"):
        d = anchor + timedelta(weeks=amount)
        first, last = cal.week_bounds(d)
        return Value("DATE", cal.week_value(d) + ("-WE" if unit == "weekend" else ""), "week", first, last)
    if unit == "month":
        d = cal.add_months(anchor, amount)
        return _month(d.year, d.month)
    if unit == "year":
        return _year(anchor.year + amount)
    if unit == "decade":
        decade = (anchor.year // 10 + amount) * 10
        return Value("DATE", f"{decade // 10:03d}", "decade", date(decade, 1, 1), date(decade + 9, 12, 31))
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + amount
        year, quarter = divmod(index, 4)
        first, last = cal.quarter_bounds(year, quarter + 1)
        return Value("DATE", f"{year:04d}-Q{quarter + 1}", "quarter", first, last)
    if unit == "century":
        century = anchor.year // 100 + amount
        return Value("DATE", f"{century:02d}", "century", date(max(century * 100, 1), 1, 1), date(century * 100 + 99, 12, 31))
    if unit in cal.SEASON_CODES:
        code = cal.SEASON_CODES[unit]
        first, last = cal.season_bounds(anchor.year + amount, code)
        return Value("DATE", f"{anchor.year + amount:04d}-{code}", "season", first, last)
    raise ValueError(unit)


_REL_STEP = {"last": -1, "previous": -1, "past": -1, "this past": -1, "this": 0, "next": 1, "coming": 1, "following": 1, "the": 0}


def _relative_unit(f, anchor, future) -> Value:
    step = _REL_STEP[" ".join(f["rel"].lower().split())]
    unit = f["unit"].lower()
    if unit in cal.SEASON_CODES:
        return _season({"season": unit, "rel": {-1: "last", 0: "this", 1: "next"}[step]}, anchor, future)
    return _shift(_need(anchor), unit, step)


def _edge_of_relative(f, anchor, future) -> Value:
    value = _shift(_need(anchor), f["unit"], _REL_STEP[(f.get("rel") or "this").lower()])
    return value


def _within_unit(f, anchor, future) -> Value:
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


def _weekday(f, anchor, future) -> Value:
    day = _weekday_date(f["wd"], (f.get("rel") or "").lower(), _need(anchor), future)
    part = f.get("part")
    return _day(day, "T" + _PART_CODES[part] if part else "")


_DEICTIC_STEP = {"yesterday": -1, "today": 0, "tomorrow": 1}


def _deictic_day(f, anchor, future) -> Value:
    anchor = _need(anchor)
    part = f.get("part")
    return _day(anchor + timedelta(days=_DEICTIC_STEP[f["word"].lower()]), "T" + _PART_CODES[part] if part else "")


def _last_night(f, anchor, future) -> Value:
    anchor = _need(anchor)
    part = f["part"].lower()
    day = anchor - timedelta(days=1) if f["rel"].lower() == "last" else anchor
    return _day(day, "T" + _PART_CODES[part])


def _tonight(f, anchor, future) -> Value:
    """ "tonight" is the anchor's night; "overnight" in a report is the night before it."""
    anchor = _need(anchor)
    if f["word"].lower() == "overnight" and not future:
        anchor -= timedelta(days=1)
    return _day(anchor, "TNI")


def _the_weekend(f, anchor, future) -> Value:
    anchor = _need(anchor)
    saturday = cal.weekday_after(anchor, 5) if future else cal.weekday_on_or_before(anchor, 5)
    return Value("DATE", cal.week_value(saturday) + "-WE", "week", saturday, saturday + timedelta(days=1))


def _count(f, key: str = "n") -> int | str | None:
    """The amount of a duration: an integer, a decimal as written ("1.5"), or None when vague."""
    word = f.get(key)
    if not word:
        return None
    if re.fullmatch(r"\d+\.\d+", word):
        return word
    return grammar.number(word)


def unit_name(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s")


def _ago(f, anchor, future) -> Value:
    anchor = _need(anchor)
    unit = unit_name(f["unit"])
    amount = _count(f)
    if not isinstance(amount, int):
        return Value("DATE", "PAST_REF", "ref", None, anchor)
    if unit in _TIME_UNITS:
        return _day(anchor)
    return _shift(anchor, unit, -amount)


def _offset(f, anchor, future) -> Value:
    """ "two days later": the duration, and the point it leads to when it counts from a known date."""
    unit = unit_name(f["unit"])
    amount = _count(f)
    duration = _duration_value(amount, unit)
    if not (f["resolvable"] and isinstance(amount, int) and anchor) or unit in _TIME_UNITS:
        return Value("DURATION", duration, "duration")
    sign = 1 if f["dir"] in ("later", "after") else -1
    point = _shift(anchor, unit, sign * amount)
    return Value("DURATION", duration, point.precision, point.first, point.last)


def _anaphoric_day(f, anchor, future) -> Value:
    which = f.get("which") or f.get("which2")
    if f.get("which2") and not f["resolvable"]:
        return Value("DATE", "XXXX-XX-XX", "unresolved")  # "the day before he was arrested"
    anchor = _need(anchor)
    step = {"previous": -1, "before": -1, "same": 0}.get(which, 1)
    part = f.get("part") or "day"
    return _day(anchor + timedelta(days=step), "" if part == "day" else "T" + _PART_CODES[part])


def _early_hours(f, anchor, future) -> Value:
    """ "the early hours of Sunday": that day's small hours, as TIMEX3 writes a night."""
    anchor = _need(anchor)
    if f.get("wd"):
        day = _weekday_date(f["wd"], "", anchor, future)
    else:
        day = anchor + timedelta(days=_DEICTIC_STEP[f["word"].lower()])
    return _day(day, "TNI")


def _anaphoric_unit(f, anchor, future) -> Value:
    """ "the following week", "that year": counted from the last date the text set."""
    step = {"following": 1, "previous": -1}.get((f.get("rel") or "").lower(), 0)
    return _shift(_need(anchor), f["unit"].lower(), step)


def _holiday(f, anchor, future) -> Value:
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


def _that_part(f, anchor, future) -> Value:
    anchor = _need(anchor)
    part = f["part"]
    return _day(anchor, "" if part == "day" else "T" + _PART_CODES[part])


def _duration_value(amount: int | str | None, unit: str) -> str:
    """TIMEX3 duration; decades and centuries in years when counted ("a decade" is P10Y), as TempEval marks them."""
    if unit == "fortnight":
        unit, amount = "week", amount * 2 if isinstance(amount, int) else amount
    if unit in ("decade", "century") and isinstance(amount, int):
        return f"P{amount * (10 if unit == 'decade' else 100)}Y"
    code = _UNIT_CODES[unit]
    number = "X" if amount is None else str(amount)
    return f"PT{number}{code}" if unit in _TIME_UNITS else f"P{number}{code}"


def _coming_period(f, anchor, future) -> Value:
    unit = unit_name(f["unit"])
    amount = _count(f)
    rel = f["rel"].lower()
    forward = rel in ("coming", "next")
    if rel == "recent":
        return Value("DURATION", _duration_value(None, unit), "duration", None, anchor)
    if not f.get("n") and forward:
        if anchor is None:
            raise NeedsAnchor
        span = {"day": 7, "week": 31, "month": 183, "year": 1826, "hour": 1, "minute": 1, "second": 1,
                "decade": 3652}[unit]
        return Value("DATE", "FUTURE_REF", "range", anchor, anchor + timedelta(days=span))
    value = _duration_value(amount, unit)
    if anchor is None or not isinstance(amount, int) or unit in _TIME_UNITS:
        return Value("DURATION", value, "duration")
    end = _shift(anchor, unit, amount if forward else -amount)
    first, last = (anchor, end.last) if forward else (end.first, anchor)
    return Value("DURATION", value, "range", first, last)


def _duration(f, anchor, future) -> Value:
    return Value("DURATION", _duration_value(_count(f), unit_name(f["unit"])), "duration")


def _clock_duration(f, anchor, future) -> Value:
    return Value("DURATION", f"PT{int(f['h'])}H{int(f['min'])}M{int(f['sec'])}S", "duration")


def _vague_unit(f, anchor, future) -> Value:
    return Value("DURATION", _duration_value(None, unit_name(f["unit"])), "duration")


def _decade(f, anchor, future) -> Value:
    if f.get("dec2"):  # "the '90s": the nearest such decade not after the anchor's
        anchor = _need(anchor)
        start = anchor.year // 100 * 100 + int(f["dec2"]) * 10
        start -= 100 if start > anchor.year else 0
        return Value("DATE", f"{start // 10:03d}", "decade", date(start, 1, 1), date(start + 9, 12, 31))
    start = int(f["dec"]) * 10
    return Value("DATE", f["dec"], "decade", date(start, 1, 1), date(start + 9, 12, 31))


def _century(f, anchor, future) -> Value:
    number = int(f["c"])
    start = (number - 1) * 100
    return Value("DATE", f"{number - 1:02d}", "century", date(max(start, 1), 1, 1), date(start + 99, 12, 31))


def _season(f, anchor, future) -> Value:
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
    return Value("DATE", f"{year:04d}-{code}", "season", first, last)


def _quarter(f, anchor, future) -> Value:
    number = int(f["qn"]) if f.get("qn") else ["first", "second", "third", "fourth"].index(f["q"].lower()) + 1
    year_text = f.get("y") or f.get("y2")
    year = int(year_text) if year_text else _need(anchor).year
    first, last = cal.quarter_bounds(year, number)
    return Value("DATE", f"{year:04d}-Q{number}", "quarter", first, last)


def _half_year(f, anchor, future) -> Value:
    half = 1 if f["h"] == "first" else 2
    year = int(f["y"]) if f.get("y") else _need(anchor).year + {"last": -1, "next": 1}.get(f.get("rel") or "", 0)
    first, last = (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))
    return Value("DATE", f"{year:04d}-H{half}", "half", first, last)


def _fiscal_year(f, anchor, future) -> Value:
    written = f.get("y") or f.get("y2") or f.get("y3")
    if written:
        return _year(_full_year(written))
    return _year(_need(anchor).year + {"last": -1, "next": 1}.get((f.get("rel") or "").lower(), 0))


_SET_VALUES = {"day": "XXXX-XX-XX", "daily": "XXXX-XX-XX", "night": "XXXX-XX-XXTNI", "nightly": "XXXX-XX-XXTNI",
               "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
               "week": "XXXX-WXX", "weekly": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
               "monthly": "XXXX-XX", "quarterly": "XXXX-QX", "year": "XXXX", "annually": "XXXX", "yearly": "XXXX", "hourly": "PT1H"}


def _set(f, anchor, future) -> Value:
    """Recurring times as TIMEX3 calendar patterns ("every Monday" is XXXX-WXX-1, "annually" XXXX)."""
    if f.get("per"):  # "twice a week": the period; the frequency is not a value
        return Value("SET", _duration_value(1, f["per"].lower()), "set")
    if f.get("units"):
        return Value("SET", _duration_value(_count(f), unit_name(f["units"])), "set")
    unit = (f.get("unit") or f.get("adv")).lower()
    if unit in grammar.WEEKDAYS:
        return Value("SET", f"XXXX-WXX-{grammar.WEEKDAYS[unit] + 1}", "set")
    if unit in cal.SEASON_CODES:
        return Value("SET", f"XXXX-{cal.SEASON_CODES[unit]}", "set")
    return Value("SET", _SET_VALUES[unit], "set")


def _ref(f, anchor, future) -> Value:
    word = f["word"].lower()
    if word in ("now", "currently", "nowadays", "these days"):
        return Value("DATE", "PRESENT_REF", "ref", anchor, anchor)
    if word in ("the future", "the near future"):
        return Value("DATE", "FUTURE_REF", "ref")
    return Value("DATE", "PAST_REF", "ref", None, anchor)


def _year_only(f, anchor, future) -> Value:
    return _year(int(f["y"]))


def _day_of_time(f, anchor: date, future: bool) -> date:
    """The day a clock time names: its own weekday or "yesterday", else the anchor."""
    if f.get("wd"):
        return _weekday_date(f["wd"], "", anchor, future)
    if f.get("word") and f["word"].lower() in _DEICTIC_STEP:
        return anchor + timedelta(days=_DEICTIC_STEP[f["word"].lower()])
    return anchor


def _timed(f, anchor, future, clock: str) -> Value:
    if anchor is None:
        if f.get("wd") or (f.get("word") or "").lower() in _DEICTIC_STEP:
            raise NeedsAnchor
        return Value("TIME", clock, "time")
    day = _day_of_time(f, anchor, future)
    return Value("TIME", day.isoformat() + clock, "time", day, day)


def _time(f, anchor, future) -> Value:
    hour = int(f["h"]) % 12
    if f.get("ampm", "").lower().startswith("p"):
        hour += 12
    return _timed(f, anchor, future, f"T{hour:02d}:{f.get('min') or '00'}")


def _military(f, anchor, future) -> Value:
    return _timed(f, anchor, future, f"T{f['h']}:{f['min']}")


def _clock(f, anchor, future) -> Value:
    return _timed(f, anchor, future, f"T{int(f['h']):02d}:{f['min']}")


def _noon(f, anchor, future) -> Value:
    return _timed(f, anchor, future, "T00:00" if f["noon"].lower() == "midnight" else "T12:00")


_RESOLVERS = {
    "iso_date": _iso_date, "numeric_date": _numeric_date, "time_of_day": _time, "clock_time": _clock,
    "clock_duration": _clock_duration, "noon": _noon, "military_time": _military, "holiday": _holiday,
    "anaphoric_unit": _anaphoric_unit, "early_hours": _early_hours,
    "part_of_date": _part_of_date, "month_day_year": _month_day_year, "day_month_year": _month_day_year, "month_day": _month_day,
    "day_month": _month_day, "edge_of_month": _edge_of_month, "edge_of_relative": _edge_of_relative,
    "part_month_year": _part_month_year, "part_of_relative": _relative_unit, "month_year": _month_year,
    "bare_month": _bare_month, "relative_month": _relative_month, "last_night": _last_night, "tonight": _tonight,
    "deictic_part": _deictic_day, "relative_weekday": _weekday, "weekday": _weekday,
    "deictic_day": _deictic_day, "within_unit": _within_unit, "relative_unit": _relative_unit,
    "the_relative_unit": _relative_unit, "the_weekend": _the_weekend, "ago": _ago, "offset": _offset,
    "anaphoric_day": _anaphoric_day, "that_part": _that_part, "coming_period": _coming_period,
    "decade": _decade, "century": _century, "season": _season, "quarter": _quarter, "half_year": _half_year, "fiscal_year": _fiscal_year,
    "duration": _duration, "vague_unit": _vague_unit, "set": _set, "ref": _ref, "year": _year_only,
}
# Rules whose value needs no anchor; rules whose value follows the tense of the clause; rules counted from
# the last date the text set, and the units for which that may be any date down to a year.
ABSOLUTE = {"iso_date", "numeric_date", "month_day_year", "day_month_year", "month_year", "decade", "century",
             "duration", "clock_duration", "vague_unit", "set", "year"}
TENSED = {"weekday", "month_day", "part_of_date", "early_hours", "day_month", "bare_month", "edge_of_month", "part_month_year", "tonight",
           "the_weekend", "time_of_day", "clock_time", "noon", "military_time", "holiday", "season", "decade"}
COARSE = {"month", "year", "decade", "century"}
POINT_PRECISIONS = {"day", "week", "month", "quarter", "season", "year"}
ANAPHORIC = {"offset", "anaphoric_day", "that_part", "anaphoric_unit"}
TYPES = {"time_of_day": "TIME", "clock_time": "TIME", "noon": "TIME", "military_time": "TIME", "duration": "DURATION", "offset": "DURATION",
          "clock_duration": "DURATION", "set": "SET"}
assert set(_RESOLVERS) == grammar.rule_names()


def resolve(rule: str, fields: dict, anchor: date | None, future: bool) -> Value:
    """The value of an expression found by `rule`; raises NeedsAnchor for a relative one without anchor,
    ValueError or OverflowError for an impossible date."""
    return _RESOLVERS[rule](fields, anchor, future)
