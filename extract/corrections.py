"""Analysts' corrections: a date, a place or a stance set by hand, re-applied after every extraction.

A correction names the span it corrects (offsets into `Article.text` and the
text read there), not an extracted record, so it survives re-extraction: when
the extractors change, the span is still the span. When the article itself
changes and the span no longer reads the same, the correction is orphaned:
kept, reported, not applied to text it was not written for.

Date and place corrections are applied before events are found, so the events
of the sentence take the corrected value as if the extractor had found it;
stance corrections are applied to the event mentions whose trigger they name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from .records import Article, EventMention, PlaceMention, TimeExpr

KINDS = ("date", "event_date", "place", "stance")
STANCES = ("asserted", "reported", "disputed", "denied")
RULE = "analyst"


@dataclass(frozen=True)
class Correction:
    """One analyst's decision about one span.

    The span and `value` by kind: "date": a date expression, and an ISO day, month or year, or
    "START/END" days; "event_date": an event's trigger, and a date as for "date" (for events that no
    expression dates, or dates wrongly); "place": a place name, and JSON of the chosen place (see
    `place_value`), or "" for "not a place"; "stance": an event's trigger, and one of STANCES.
    """

    article_id: str
    kind: str
    start: int
    end: int
    text: str
    value: str
    analyst: str = ""
    note: str = ""
    created: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown correction kind {self.kind!r} (expected one of {', '.join(KINDS)})")
        if self.kind == "stance" and self.value not in STANCES:
            raise ValueError(f"unknown stance {self.value!r} (expected one of {', '.join(STANCES)})")
        if self.kind in ("date", "event_date"):
            date_range(self.value)  # raises ValueError with the reason


def applies_to(correction: Correction, article: Article) -> bool:
    """Whether the span still reads as it did when the analyst corrected it."""
    return (correction.article_id == article.id and 0 <= correction.start < correction.end <= len(article.text)
            and article.text[correction.start:correction.end] == correction.text)


def orphaned(corrections: list[Correction], article: Article) -> list[Correction]:
    return [c for c in corrections if c.article_id == article.id and not applies_to(c, article)]


def date_range(value: str) -> tuple[date, date, str]:
    """First day, last day and precision of a corrected date: "2024-10-01", "2024-10", "2024" or "A/B"."""
    if "/" in value:
        head, tail = value.split("/", 1)
        first, last = date_range(head)[0], date_range(tail)[1]
        if last < first:
            raise ValueError(f"{value}: the range ends before it starts")
        return first, last, "range"
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            day = date(*numbers)
            return day, day, "day"
        if len(numbers) == 2:
            first = date(numbers[0], numbers[1], 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1), "month"
        if len(numbers) == 1 and len(parts[0]) == 4:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31), "year"
    except ValueError as error:
        raise ValueError(f"{value}: not a date ({error})") from error
    raise ValueError(f"{value}: not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)")


def place_value(name: str, kind: str, lat: float, lon: float, *, country_code: str | None = None,
                geonameid: int | None = None, place_id: str | None = None) -> str:
    """The stored value of a place correction: everything needed to draw it, no gazetteer needed later."""
    return json.dumps({"name": name, "kind": kind, "lat": lat, "lon": lon, "country_code": country_code,
                       "geonameid": geonameid, "place_id": place_id or f"analyst:{name}"}, sort_keys=True)


def apply_to_dates(timexes: list[TimeExpr], corrections: list[Correction], article: Article) -> list[TimeExpr]:
    """Corrected date expressions replace the extracted ones on the same span; new spans are added."""
    fixes = _by_span(corrections, article, "date")
    out = [t for t in timexes if (t.start, t.end) not in fixes]
    for (start, end), c in fixes.items():
        first, last, precision = date_range(c.value)
        out.append(TimeExpr(start, end, c.text, "DATE", c.value, precision, RULE,
                            reason=c.note or None, first_day=first, last_day=last))
    return sorted(out, key=lambda t: (t.start, t.end))


def apply_to_places(places: list[PlaceMention], corrections: list[Correction],
                    article: Article) -> list[PlaceMention]:
    """A corrected span means the analyst's place, or no place at all when the value is empty."""
    fixes = _by_span(corrections, article, "place")
    out = [p for p in places if (p.start, p.end) not in fixes]
    for (start, end), c in fixes.items():
        if not c.value:
            continue
        chosen = json.loads(c.value)
        out.append(PlaceMention(start, end, c.text, chosen["name"], chosen["kind"], float(chosen["lat"]),
                                float(chosen["lon"]), chosen.get("place_id") or f"analyst:{chosen['name']}",
                                chosen.get("country_code"), chosen.get("geonameid"), 1.0, RULE))
    return sorted(out, key=lambda p: (p.start, p.end))


def apply_to_events(mentions: list[EventMention], corrections: list[Correction],
                    article: Article) -> list[EventMention]:
    """The date and stance an analyst gave an event, on the mentions whose trigger is the corrected span;
    every mention notes which of its values came from an analyst, so the table and the map can say so."""
    stances = _by_span(corrections, article, "stance")
    dates = _by_span(corrections, article, "event_date")
    out = []
    for m in mentions:
        corrected = []
        words = (m.trigger.start, m.trigger.end)
        if words in dates:
            first, last, precision = date_range(dates[words].value)
            m = replace(m, date_start=first, date_end=last, date_precision=precision, date_text=None,
                        date_rule=f"set by an analyst ({RULE})")
        if f"({RULE})" in m.date_rule:
            corrected.append("date")
        if any(r.place.rule == RULE for r in m.places):
            corrected.append("place")
        if words in stances:
            m = replace(m, stance=stances[words].value)
            corrected.append("stance")
        out.append(replace(m, corrected=tuple(corrected)) if corrected else m)
    return out


def _by_span(corrections: list[Correction], article: Article, kind: str) -> dict[tuple[int, int], Correction]:
    """The latest applicable correction of each span (a later decision overrides an earlier one)."""
    chosen: dict[tuple[int, int], Correction] = {}
    for c in sorted((c for c in corrections if c.kind == kind and applies_to(c, article)), key=lambda c: c.created):
        chosen[(c.start, c.end)] = c
    return chosen
