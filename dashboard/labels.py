"""Words for an event's date, the same on the map, the timeline and the page."""

from __future__ import annotations


def when(date_start: str | None, date_end: str | None, precision: str) -> str:
    if precision == "reported":
        return f"undated; reported {date_end}"
    if not date_end:
        return "date unknown"
    if date_start == date_end:
        return f"{date_start} ({precision})"
    return f"{date_start} to {date_end} ({precision})"
