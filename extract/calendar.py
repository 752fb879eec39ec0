"""Calendar arithmetic for TIMEX3 values: shifting, naming and bounding periods."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, _cal.monthrange(year, month)[1])


def week_value(day: date) -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def week_bounds(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def season_bounds(year: int, code: str) -> tuple[date, date]:
    first, last = _SEASON_MONTHS[code]
    if code == "WI":
        return date(year, 12, 1), month_bounds(year + 1, 2)[1]
    return date(year, first, 1), month_bounds(year, last)[1]


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_bounds(year, first + 2)[1]


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None for an impossible one (31 February, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
