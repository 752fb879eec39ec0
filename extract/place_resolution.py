"""Which place each name of an article means: containment, the article's focus, nearby places, population.

A name rarely stands alone: "Springfield, Illinois" says which Springfield;
an article that names Texas twice means the Texan Paris; a town near the
other towns of the story beats a larger namesake abroad. Each span's readings
are scored on those grounds plus a prior (kind, population, own name before
alternate name), the best one is kept, and the margin over the runner-up
becomes its confidence. One name means one place throughout an article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from gazetteer import Gazetteer, Place, normalize

from .records import PlaceMention


@dataclass
class Candidate:
    """A span that names a place, with every place the name may mean (best prior first)."""

    start: int
    end: int
    places: list[Place]
    rule: str  # gazetteer, airspace, demonym, abbreviation, online
    whole_run: bool = True  # the name is the whole capitalised run, not part of a longer one
    evidence: bool = False  # context says "a place" (preposition, containing place, area word)


_CONTAINER_GAP = re.compile(r"\s*(?:,|\(|-|–)\s*$")
# Prior bonus by kind, on top of log10(population): a country, sea or continent named
# in news is that, far more often than any namesake town.
_KIND_BONUS = {"country": 3.0, "sea": 9.0, "river": 8.0, "lake": 8.0, "mountain": 8.0, "facility": 7.0}
_FEATURE_BONUS = {"CONT": 1.0, "ADM1": 1.0, "PPL": 0.0, "ADM2": -0.5, "AIRP": -2.0}
_CURATED_REGION = 8.5
_ALTERNATE_NAME = -1.5
_IN_FOCUS_COUNTRY = 2.0
_IN_FOCUS_ADMIN1 = 2.5
_NEAR_ANCHOR = 1.5
_NEAR_KM = 200.0
_CONTAINED = 10.0


def resolve(text: str, candidates: list[Candidate], gazetteer: Gazetteer, *, offset: int = 0) -> list[PlaceMention]:
    """One PlaceMention per candidate, offsets shifted by `offset`."""
    contained = _containment(text, candidates)
    countries, admin1s = _focus(candidates, contained)
    anchors = [c.places[0] for c in candidates if len(c.places) == 1 and c.places[0].kind == "city"]
    chosen: dict[str, tuple[Place, float]] = {}
    mentions = []
    for i, candidate in enumerate(candidates):
        key = normalize(text[candidate.start:candidate.end])
        if i in contained or key not in chosen:
            scored = sorted(((_score(p, key, countries, admin1s, anchors, contained.get(i)), n)
                             for n, p in enumerate(candidate.places)), key=lambda s: (-s[0], s[1]))
            best = candidate.places[scored[0][1]]
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 4.0
            result = (best, round(1 - 0.5 * math.exp(-margin), 2))
            if i not in contained:
                chosen[key] = result
        else:
            result = chosen[key]
        mentions.append(_mention(text, candidate, *result, offset))
    return mentions


def _containment(text: str, candidates: list[Candidate]) -> dict[int, Place]:
    """Candidate index -> the place containing it, for "Paris, Texas" and "Springfield (Ill.)"."""
    found = {}
    for i in range(len(candidates) - 1):
        inner, outer = candidates[i], candidates[i + 1]
        if not _CONTAINER_GAP.fullmatch(text[inner.end:outer.start]) or outer.start - inner.end > 4:
            continue
        for container in outer.places:
            if container.kind != "country" and container.feature != "ADM1":
                continue
            if any(_inside(p, container) for p in inner.places):
                found[i] = container
                outer.places = [container, *[p for p in outer.places if p is not container]]
                break
    return found


def _inside(place: Place, container: Place) -> bool:
    if place is container or place.country_code != container.country_code:
        return False
    return container.kind == "country" or (place.admin1 == container.admin1 and place.feature != "ADM1")


def _focus(candidates: list[Candidate], contained: dict[int, Place]) -> tuple[Counter, Counter]:
    """Countries and first-level divisions the article is about, from names that are hardly ambiguous."""
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    for i, candidate in enumerate(candidates):
        best = contained.get(i) or candidate.places[0]
        clear = len(candidate.places) == 1 or i in contained or best.kind == "country" or best.feature == "ADM1"
        if not clear or not best.country_code:
            continue
        countries[best.country_code] += 1
        if best.feature in ("ADM1", "ADM2", "PPL"):
            admin1s[(best.country_code, best.admin1)] += 1
    return countries, admin1s


def _score(place: Place, key: str, countries: Counter, admin1s: Counter, anchors: list[Place],
           container: Place | None) -> float:
    if place.id.startswith("cu:") and place.kind == "region":
        score = _CURATED_REGION
    else:
        score = math.log10(place.population + 1) + _KIND_BONUS.get(place.kind, 0.0)
        score += _FEATURE_BONUS.get(place.feature, 0.0)
    if place.kind == "city" and normalize(place.name) != key:
        score += _ALTERNATE_NAME
    if place.country_code and place.kind != "country":
        share = countries[place.country_code] / max(1, sum(countries.values()))
        score += _IN_FOCUS_COUNTRY * share * 2 if countries[place.country_code] else 0.0
        if place.feature != "ADM1" and admin1s[(place.country_code, place.admin1)]:
            score += _IN_FOCUS_ADMIN1
    if place.kind == "city" and any(a is not place and _km(a, place) < _NEAR_KM for a in anchors):
        score += _NEAR_ANCHOR
    if container is not None and _inside(place, container):
        score += _CONTAINED
    return score


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _mention(text: str, candidate: Candidate, place: Place, confidence: float, offset: int) -> PlaceMention:
    kind = {"airspace": "airspace", "demonym": "country"}.get(candidate.rule, place.kind)
    if candidate.rule == "online":
        confidence = 0.6
    return PlaceMention(
        start=candidate.start + offset,
        end=candidate.end + offset,
        text=text[candidate.start:candidate.end],
        name=place.name,
        kind=kind,
        lat=place.lat,
        lon=place.lon,
        place_id=("airspace:" if kind == "airspace" else "") + place.id,
        country_code=place.country_code,
        geonameid=place.geonameid,
        confidence=confidence,
        rule=candidate.rule,
    )
