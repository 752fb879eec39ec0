"""An analyst's review of one report: what the form offers and the corrections it makes.

Plain functions, tested without Streamlit. The form shows what the extractors
decided; only what the analyst changed becomes a correction, stamped with who
and when, so the store keeps a record of decisions rather than of form posts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from extract.corrections import STANCES, Correction, date_range, place_value
from extract.records import Article, Extraction, PlaceMention
from gazetteer import Gazetteer

NOT_A_PLACE = "— not a place —"


@dataclass(frozen=True)
class Report:
    """One mention of the selected event, as the events table describes it."""

    article_id: str
    trigger_start: int
    trigger_end: int
    trigger: str
    sentence_start: int
    sentence_end: int
    stance: str
    date: str  # as shown: "2015-10-07", "2015-10-01..2015-10-31", "on or before 2015-10-09", "undated"

    @classmethod
    def of(cls, mention: dict) -> Report:
        return cls(mention["article_id"], mention["trigger_start"], mention["trigger_end"], mention["trigger"],
                   mention["start"], mention["end"], mention["stance"], mention["date"])

    @property
    def date_value(self) -> str:
        """The shown date as a correction value, so the field starts from what is there ("" if undated)."""
        if self.date.startswith(("undated", "on or before")):
            return ""
        return self.date.replace("..", "/")


def places_in_sentence(extraction: Extraction, report: Report) -> list[PlaceMention]:
    return [p for p in extraction.places if report.sentence_start <= p.start < report.sentence_end]


def place_options(name: str, gazetteer: Gazetteer, limit: int = 8) -> list[tuple[str, str]]:
    """(label, correction value) for each place the gazetteer knows by `name`, best first."""
    options = []
    for place in gazetteer.lookup(name)[:limit]:
        division = gazetteer.admin1(place.country_code, place.admin1) if place.admin1 and place.kind == "city" else None
        where = ", ".join(part for part in (division.name if division else None, place.country_code) if part)
        label = f"{place.name} ({place.kind}{', ' + where if where else ''}; {place.lat:.2f}, {place.lon:.2f})"
        options.append((label, place_value(place.name, place.kind, place.lat, place.lon,
                                           country_code=place.country_code, geonameid=place.geonameid,
                                           place_id=place.id)))
    return options


def corrections_from_form(extraction: Extraction, report: Report, *, stance: str, date_value: str,
                          place: PlaceMention | None = None, place_value_chosen: str | None = None,
                          analyst: str = "", note: str = "") -> list[Correction]:
    """The corrections a submitted form makes: only the fields that differ from what was extracted.

    Raises ValueError with a message for the analyst when a value cannot be used.
    """
    article = extraction.article
    made: list[Correction] = []
    if stance not in STANCES:
        raise ValueError(f"unknown stance {stance!r}")
    if stance != report.stance:
        made.append(_correction(article, "stance", report.trigger_start, report.trigger_end, stance, analyst, note))
    date_value = date_value.strip()
    if date_value and date_value != report.date_value:
        date_range(date_value)  # the message names the problem
        made.append(_correction(article, "event_date", report.trigger_start, report.trigger_end, date_value,
                                analyst, note))
    if place is not None and place_value_chosen is not None:
        made.append(_correction(article, "place", place.start, place.end, place_value_chosen, analyst, note))
    return made


def _correction(article: Article, kind: str, start: int, end: int, value: str, analyst: str,
                note: str) -> Correction:
    return Correction(article.id, kind, start, end, article.text[start:end], value, analyst=analyst.strip(),
                      note=note.strip(), created=datetime.now(timezone.utc).isoformat(timespec="seconds"))


def describe(correction: Correction) -> str:
    """One line for the list of an article's corrections."""
    if correction.kind == "place":
        what = json.loads(correction.value)["name"] if correction.value else "not a place"
    else:
        what = correction.value
    who = f" by {correction.analyst}" if correction.analyst else ""
    when = f" on {correction.created[:10]}" if correction.created else ""
    label = {"date": "date", "event_date": "event date", "place": "place", "stance": "stance"}[correction.kind]
    return f"{label} of “{correction.text}” → {what}{who}{when}" + (f" ({correction.note})" if correction.note else "")
