"""The records that flow through extraction: plain dataclasses, no behaviour.

Offsets (`start`, `end`) are always character offsets into `Article.text`,
the file's text exactly as read, so a span can be highlighted in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    body_start: int = 0
    path: str | None = None
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression with its TIMEX3 value and how it was resolved.

    `value` is None when the expression could not be resolved (for example a
    relative date in an article without publication date); `reason` says why.
    `anchor` is the ISO date the value was computed from, if any.
    """

    start: int
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str | None
    precision: str  # day, week, month, quarter, half, season, year, decade, century, range, time, duration, set, ref
    rule: str
    anchor: str | None = None
    reason: str | None = None
    first_day: date | None = None  # the calendar range the value covers, for the timeline
    last_day: date | None = None

    @property
    def dates_an_event(self) -> bool:
        """Whether it puts something on the calendar: a date or time, or an offset such as "two days later"
        (a DURATION in TimeML, resolved to the day it leads to); not a period or a recurrence."""
        if self.first_day is None or self.type == "SET":
            return False
        return self.type != "DURATION" or self.precision not in ("range", "duration")


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name: str
    kind: str  # country, city, sea, region, facility, airspace
    lat: float
    lon: float
    place_id: str
    country_code: str | None = None
    geonameid: int | None = None
    confidence: float = 1.0
    rule: str = "gazetteer"


@dataclass(frozen=True)
class PlaceRole:
    role: str  # origin, via, destination, location
    place: PlaceMention


@dataclass(frozen=True)
class EventMention:
    """One report of an event in one sentence of one article."""

    article_id: str
    type: str
    trigger: Span
    sentence: Span
    date_start: date | None
    date_end: date | None
    date_precision: str  # day, month, ..., "reported" when undated (placed at the report date)
    date_rule: str
    date_text: str | None = None
    places: tuple[PlaceRole, ...] = ()
    actors: tuple[str, ...] = ()
    actor_countries: tuple[str, ...] = ()  # ISO codes the actors are named with ("Russian Navy": RU)
    claimant: str | None = None
    stance: str = "asserted"  # asserted, reported, denied, disputed
    negated: bool = False
    hedged: bool = False
    planned: bool = False  # future in its clause: "will meet", "is due to visit"
    quantity: str | None = None
    channel: str | None = None  # how the claimant said it: "told CNN", "on its Facebook page", "on television"
    denies: int | None = None  # index, within the article, of the mention this one denies
    corrected: tuple[str, ...] = ()  # which of its values an analyst set: "date", "place", "stance"


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    timexes: list[TimeExpr] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
