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
from dataclasses import dataclass, field
from functools import lru_cache

from gazetteer import Gazetteer, Place, normalize

from .records import PlaceMention


@dataclass
class Candidate:
    """A span that names a place, with every place the name may mean (best prior first)."""

    start: int
    end: int
    places: list[Place]
    rule: str  # gazetteer, airspace, demonym, adjective, abbreviation, online, nearby
    whole_run: bool = True  # the name is the whole capitalised run, not part of a longer one
    evidence: bool = False  # context says "a place" (preposition, containing place, area word)
    name_start: int = -1  # where the name itself starts, after an area word ("northern Iraq")

    def __post_init__(self) -> None:
        if self.name_start < 0:
            self.name_start = self.start


_LIST_GAP = re.compile(r",\s*|,?\s+(?:and|or)\s+")
_CONTAINER_GAP = re.compile(r"\s*(?:,|\(|-|–)\s*$")
# Prior bonus by kind, on top of log10(population): a country, sea or continent named
# in news is that, far more often than any namesake town.
_KIND_BONUS = {"country": 3.0, "sea": 9.0, "river": 8.0, "lake": 8.0, "mountain": 8.0, "facility": 7.0}
_FEATURE_BONUS = {"CONT": 1.0, "ADM1": -1.0, "PPL": 0.0, "ADM2": -0.5, "AIRP": -2.0}
_CURATED_REGION = 8.5
_ALTERNATE_NAME = -1.5
_NOT_THE_COUNTRY = -20.0
_IN_FOCUS_COUNTRY = 2.0
_IN_FOCUS_ADMIN1 = 2.5
_ADMIN1_SHARE_FULL = 5.0  # a division is the article's focus in full from a third of its named divisions
_NEAR_ANCHOR = 1.5
_NEAR_KM = 200.0
_CONTAINED = 10.0
_NEARBY_CONFIDENCE = 0.5
_COUNTY_WORDS = (" county", " parish")
_IN_NAMED_COUNTY = 4.0  # a bare name whose county the article names ("DeKalb", "DeKalb County") lies in its state
_CONTAINER_CONFIDENCE = 0.95
_LISTED = 3.0  # times the share of the names listed beside it that are of the reading's level
# A town under a thirtieth of the first-level division whose name it bears (Oregon, Ohio; Ontario, California)
# is seldom what the bare name means; a city of its own standing (New York City, Washington, D.C.) is spared.
_NAMESAKE_RATIO = 30
_NAMESAKE_TOWN = -3.0
_LEVEL_MARGIN = 1.0  # readings this close to a listed name's strongest prior give the levels it may be read at
_CLUSTERED = 0.8  # per other name of the article (up to three) with a reading in the same division


def resolve(text: str, candidates: list[Candidate], gazetteer: Gazetteer, *, offset: int = 0) -> list[PlaceMention]:
    """One PlaceMention per candidate, offsets shifted by `offset`.

    Two passes: the first reads the article's focus from names that are hardly
    ambiguous; the second from every first-pass choice, so that "Hall County"
    and "Gainesville" settle on Georgia together.
    """
    contained, containers = _containment(text, candidates)
    keys = [_key(text[c.name_start:c.end]) for c in candidates]
    _add_named_counties(candidates, keys)
    clear = [i for i, c in enumerate(candidates) if _clear(c, i in contained)]
    first = [(contained.get(i) or candidates[i].places[0]) for i in clear]
    support = _admin1_support(candidates, keys)
    names: dict[int, tuple[bool, int]] = {}  # what each candidate's name is the own name of, worked out once
    choices = _choose(candidates, keys, contained, containers, _Context.of(first, [keys[i] for i in clear], support),
                      names)
    context = _Context.of([place for place, _ in choices], keys, support)
    context.listed = _listed_with(text, candidates, keys, [place for place, _ in choices], contained)
    choices = _choose(candidates, keys, contained, containers, context, names)
    choices = _place_nearby(candidates, choices, contained)
    return [_mention(text, c, place, confidence, offset) for c, (place, confidence) in zip(candidates, choices)]


@dataclass
class _Context:
    """What the article is about: its countries, first-level divisions and towns (by the name that chose them)."""

    countries: Counter
    admin1s: Counter
    towns: dict[tuple[str, float, float], None]  # (name, lat, lon) of each town named, once however often
    support: dict[tuple[str, str], set[str]]  # (country, admin1) -> names with a reading there
    own: dict[str, Counter]  # name -> what its own mentions added to `countries` and `admin1s`
    listed: dict[str, Counter] = field(default_factory=dict)  # name -> levels of the names listed beside it
    countries_total: int = 0
    admin1s_total: int = 0
    counties: dict[str, Place] = field(default_factory=dict)  # "dekalb" -> the county "DeKalb County" means

    @classmethod
    def of(cls, places: list[Place], keys: list[str], support: dict[tuple[str, str], set[str]]) -> _Context:
        countries: Counter = Counter()
        admin1s: Counter = Counter()
        own: dict[str, Counter] = {}
        towns: dict[tuple[str, float, float], None] = {}
        counties = {}
        for place, key in zip(places, keys):
            if not place.country_code:
                continue
            if place.feature == "ADM2" and key.endswith(_COUNTY_WORDS):
                counties[key.rsplit(" ", 1)[0]] = place
            countries[place.country_code] += 1
            mine = own.get(key)
            if mine is None:
                mine = own[key] = Counter()
            mine[place.country_code] += 1
            mine[""] += 1  # how many of the name's mentions count for a country
            if place.feature in ("ADM1", "ADM2", "PPL"):
                admin1s[(place.country_code, place.admin1)] += 1
                mine[(place.country_code, place.admin1)] += 1
                mine[None] += 1  # ... and for a division
            if place.kind == "city" or place.feature == "ADM2":
                towns[(key, place.lat, place.lon)] = None
        return cls(countries, admin1s, towns, support, own, countries_total=countries.total(),
                   admin1s_total=admin1s.total(), counties=counties)

    def country_share(self, code: str, key: str) -> float:
        """The share of the other names' places that lie in a country: a name is no evidence for itself."""
        mine = self.own.get(key)
        if mine is None:
            return self.countries.get(code, 0) / self.countries_total if self.countries_total else 0.0
        total = self.countries_total - mine.get("", 0)
        return (self.countries.get(code, 0) - mine.get(code, 0)) / total if total > 0 else 0.0

    def admin1_share(self, division: tuple[str, str], key: str) -> float:
        """The share of the other names' divisions that are this one: an article listing twenty
        states is about none of them in particular."""
        mine = self.own.get(key)
        if mine is None:
            return self.admin1s.get(division, 0) / self.admin1s_total if self.admin1s_total else 0.0
        total = self.admin1s_total - mine.get(None, 0)
        return (self.admin1s.get(division, 0) - mine.get(division, 0)) / total if total > 0 else 0.0


def _place_nearby(candidates: list[Candidate], choices: list[tuple[Place, float]],
                  contained: dict[int, Place]) -> list[tuple[Place, float]]:
    """Names the gazetteer lacks ("East Bank", "West Side"; rule `nearby`) at the article's local anchor:
    its most named town or county in its most named state (local news names places near one another),
    unless a containing name says where ("Bronx County, N.Y.")."""
    if not any(c.rule == "nearby" for c in candidates):
        return choices
    local = [p for c, (p, _) in zip(candidates, choices)
             if c.rule != "nearby" and (p.kind == "city" or p.feature == "ADM2") and p.admin1]
    if not local:
        return choices
    division = Counter((p.country_code, p.admin1) for p in local).most_common(1)[0][0]
    anchor = Counter(p for p in local if (p.country_code, p.admin1) == division).most_common(1)[0][0]
    return [(anchor, _NEARBY_CONFIDENCE) if c.rule == "nearby" and i not in contained else choice
            for i, (c, choice) in enumerate(zip(candidates, choices))]


def _add_named_counties(candidates: list[Candidate], keys: list[str]) -> None:
    """Let a bare name mean the county the article also names in full: local news says
    "DeKalb" for DeKalb County once it has named it."""
    counties = {key.rsplit(" ", 1)[0]: i for i, key in enumerate(keys) if key.endswith(_COUNTY_WORDS)}
    for candidate, key in zip(candidates, keys):
        i = counties.get(key)
        if i is not None:
            known = {p.id for p in candidate.places}
            candidate.places = [*candidate.places,
                                *(p for p in candidates[i].places if p.feature == "ADM2" and p.id not in known)]


def _listed_with(text: str, candidates: list[Candidate], keys: list[str], places: list[Place],
                 contained: dict[int, Place]) -> dict[str, Counter]:
    """For each name, the levels (country, state, county, town) of the names listed right beside it.

    Names in one list are things of one kind: in "Colorado, California and Minnesota"
    California is the state, in "Kenya, Uganda and Georgia" Georgia is the country.
    """
    groups = [[0]] if candidates else []
    for i in range(len(candidates) - 1):
        end, start = candidates[i].end, candidates[i + 1].start
        if i in contained or start - end > 7 or not _LIST_GAP.fullmatch(text[end:start]):
            groups.append([])
        groups[-1].append(i + 1)
    listed: dict[str, Counter] = {}
    for group in groups:
        if len(group) < 2:
            continue
        own = {i: _levels_of(candidates[i], keys[i], places[i], i in contained) for i in group}
        levels: Counter = Counter()
        for i in group:
            levels.update(own[i])
        for i in group:
            mates = listed.setdefault(keys[i], Counter())
            mates.update(levels)
            mates.subtract(own[i])
    return listed


def _levels_of(candidate: Candidate, key: str, chosen: Place, contained: bool) -> dict[str, float]:
    """The levels a listed name may be read at, one vote shared among them: those of its readings within
    a point of its strongest prior. Its first choice alone would make two names listed together trade
    places ("New York and Florida": the state beside the city, then the city beside the state)."""
    if contained or len(candidate.places) == 1:
        return {_level(chosen): 1.0}
    division = _named_division(candidate.places, key)
    country_name = _country_name(candidate.places, key)
    priors = [(_prior(p, key, country_name)[0] + _namesake(p, division), p) for p in candidate.places]
    best = max(score for score, _ in priors)
    levels = {_level(p) for score, p in priors if score >= best - _LEVEL_MARGIN}
    return dict.fromkeys(levels, 1.0 / len(levels))


def _country_name(places: list[Place], key: str) -> bool:
    """Whether a name is a country's own ("Mexico"), which its capital's alternate name never beats."""
    return any(p.kind == "country" and _normal(p.name) == key for p in places)


def _named_division(places: list[Place], key: str) -> int:
    """The population of the first-level division a name is the own name of (0 if none)."""
    return max((p.population for p in places if p.feature == "ADM1" and _normal(p.name) == key), default=0)


def _namesake(place: Place, division: int) -> float:
    """A town far smaller than the first-level division whose name it bears is seldom what the name means:
    "Oregon" is the state, not Oregon, Ohio; "Ontario" the province, not Ontario, California."""
    return _NAMESAKE_TOWN if place.kind == "city" and place.population * _NAMESAKE_RATIO < division else 0.0


def _level(place: Place) -> str:
    return place.kind if place.kind in ("country", "city") else place.feature or place.kind


def _clear(candidate: Candidate, contained: bool) -> bool:
    """Whether a name's country is beyond doubt: one reading, a containing place, or all readings in one country."""
    return contained or len(candidate.places) == 1 or len({p.country_code for p in candidate.places}) == 1


def _admin1_support(candidates: list[Candidate], keys: list[str]) -> dict[tuple[str, str], set[str]]:
    """Which names of the article could lie in each first-level division: towns named together cluster."""
    support: dict[tuple[str, str], set[str]] = {}
    seen: set[tuple[str, tuple[int, ...]]] = set()
    for candidate, key in zip(candidates, keys):
        places = candidate.places
        readings = (key, tuple(map(id, places)))
        if readings in seen:
            continue  # a name said again with the same readings adds nothing
        seen.add(readings)
        if any(p.feature == "ADM1" and _normal(p.name) == key for p in places):
            places = [p for p in places if p.feature == "ADM1"]  # "Ohio" is the state, no evidence for a town named Ohio
        for place in places:
            if place.country_code and place.admin1 and place.feature in ("ADM1", "ADM2", "PPL"):
                support.setdefault((place.country_code, place.admin1), set()).add(key)
    return support


def _choose(candidates: list[Candidate], keys: list[str], contained: dict[int, Place], containers: dict[int, Place],
            context: _Context, names: dict[int, tuple[bool, int]]) -> list[tuple[Place, float]]:
    """The best reading of each candidate and its confidence; one name, one place (unless contained).

    A name that contains the one before it ("Buffalo, New York") is that container
    here (the state, not the city), whatever it means elsewhere in the article.
    `names` keeps, by candidate, whether its name is a country's and the population
    of the division it names, for the next pass.
    """
    chosen: dict[str, tuple[Place, float]] = {}
    results = []
    for i, (candidate, key) in enumerate(zip(candidates, keys)):
        if i in containers:
            results.append((containers[i], _CONTAINER_CONFIDENCE))
            continue
        if i not in contained and key in chosen and chosen[key][0] in candidate.places:
            results.append(chosen[key])  # unless its own context rules that out ("the state of Washington")
            continue
        if len(candidate.places) == 1:
            result = (candidate.places[0], _ONLY_READING)  # nothing to weigh it against
        else:
            named = names.get(i)
            if named is None:
                named = names[i] = (_country_name(candidate.places, key), _named_division(candidate.places, key))
            result = _best_reading(candidate, key, context, contained.get(i), named)
        if i not in contained:
            chosen[key] = result
        results.append(result)
    return results


_ONLY_READING = round(1 - 0.5 * math.exp(-4.0), 2)  # the confidence of a name with one reading


def _best_reading(candidate: Candidate, key: str, context: _Context, container: Place | None,
                  named: tuple[bool, int]) -> tuple[Place, float]:
    """The best of a name's readings, and a confidence from its margin over the runner-up."""
    country_name, division = named
    best, best_score, runner_up = candidate.places[0], -math.inf, -math.inf
    for place in candidate.places:  # the first of equals wins, as the gazetteer ranks them
        score = _score(place, key, context, container, country_name) + _namesake(place, division)
        if score > best_score:
            best, best_score, runner_up = place, score, best_score
        elif score > runner_up:
            runner_up = score
    return best, round(1 - 0.5 * math.exp(-(best_score - runner_up)), 2)


def _containment(text: str, candidates: list[Candidate]) -> tuple[dict[int, Place], dict[int, Place]]:
    """Candidate index -> the place containing it, for "Paris, Texas" and "Springfield (Ill.)"; and the
    index of each containing name -> the reading it has as container."""
    found = {}
    containers = {}
    for i in range(len(candidates) - 1):
        inner, outer = candidates[i], candidates[i + 1]
        if outer.start - inner.end > 4 or not _CONTAINER_GAP.fullmatch(text[inner.end:outer.start]):
            continue
        for container in outer.places:
            if container.kind != "country" and container.feature != "ADM1":
                continue
            if any(_inside(p, container) for p in inner.places):
                found[i] = containers[i + 1] = container
                outer.places = [container, *[p for p in outer.places if p is not container]]
                break
    return found, containers


def _inside(place: Place, container: Place) -> bool:
    if place is container or place.country_code != container.country_code:
        return False
    return container.kind == "country" or (place.admin1 == container.admin1 and place.feature != "ADM1")


def _score(place: Place, key: str, context: _Context, container: Place | None, country_name: bool = False) -> float:
    score, final = _prior(place, key, country_name)
    if final:
        return score
    code, admin1 = place.country_code, place.admin1
    # Counter.get, not [...]: a missing key would go through Counter.__missing__, written in Python
    if code and context.countries.get(code):
        share = context.country_share(code, key)
        score += _IN_FOCUS_COUNTRY * (1 if place.kind == "country" else 2) * share
    if admin1 and code:
        division = (code, admin1)
        if place.feature != "ADM1" and context.admin1s.get(division):
            score += _IN_FOCUS_ADMIN1 * context.admin1_share(division, key)
        names = context.support.get(division)
        if names:
            score += _CLUSTERED * min(len(names) - (key in names), 3)
    if place.kind == "city" and context.towns and _near_town(place, key, context.towns):
        score += _NEAR_ANCHOR
    if context.listed:
        listed = context.listed.get(key)
        if listed:
            score += _LISTED * listed[_level(place)] / listed.total()
    if context.counties:
        county = context.counties.get(key)
        if county is not None and admin1 == county.admin1 and code == county.country_code:
            score += _IN_NAMED_COUNTY
    if container is not None and _inside(place, container):
        score += _CONTAINED
    return score


_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """What makes two mentions one name: "Gainesville's" and "northern Gainesville" are "Gainesville",
    so a possessive or an area word never lets a name count as evidence for itself."""
    return _normal(_POSSESSIVE.sub("", name))


_PRIORS: dict[tuple[str, str, bool], tuple[float, bool]] = {}


def _prior(place: Place, key: str, country_name: bool) -> tuple[float, bool]:
    """A reading's score before context, and whether context may change it: remembered, as the
    same names come back article after article."""
    cached = _PRIORS.get((place.id, key, country_name))
    if cached is not None:
        return cached
    if place.id.startswith("cu:") and place.kind == "region":
        score = _CURATED_REGION
    else:
        score = math.log10(place.population + 1) + _KIND_BONUS.get(place.kind, 0.0)
        score += _FEATURE_BONUS.get(place.feature, 0.0)
    final = False
    own = _normal(place.name)
    if place.kind == "city" and own != key and own != _spelled_out(key):
        if country_name:
            score, final = score + _NOT_THE_COUNTRY, True  # "Mexico", "Kuwait", "Panama": the country, not its capital
        elif not own.startswith(key + " "):
            score += _ALTERNATE_NAME  # Dayton, Ohio is also "Venice"; "New York" is short for New York City
    if len(_PRIORS) >= 200_000:
        _PRIORS.clear()
    _PRIORS[(place.id, key, country_name)] = score, final
    return score, final


_SHORT_FORMS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def _spelled_out(key: str) -> str:
    """"st petersburg" as "saint petersburg": a short form is the place's own name, not an alternate one."""
    head, _, rest = key.partition(" ")
    return f"{_SHORT_FORMS[head]} {rest}" if rest and head in _SHORT_FORMS else key


@lru_cache(maxsize=65536)
def _normal(name: str) -> str:
    """normalize(), remembered: the same few hundred place names are scored again and again."""
    return normalize(name)


def _near_town(place: Place, key: str, towns: dict[tuple[str, float, float], None]) -> bool:
    """Whether another name of the article chose a town within _NEAR_KM: each such town is tried once, not once
    per mention, as a long article names its towns again and again."""
    near = place.lat
    for k, lat, lon in towns:  # a loop, not any(...): this is asked for every reading of every town's name
        if abs(lat - near) < 2 and k != key and _km(lat, lon, place) < _NEAR_KM:
            return True
    return False


def _km(lat: float, lon: float, b: Place) -> float:
    p1, p2 = math.radians(lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - lon) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


_RULE_KINDS = {"airspace": "airspace", "demonym": "country"}  # the kind a rule gives its mentions


def _mention(text: str, candidate: Candidate, place: Place, confidence: float, offset: int) -> PlaceMention:
    kind = _RULE_KINDS.get(candidate.rule, place.kind)
    if candidate.rule == "online":
        confidence = 0.6
    said = text[candidate.start:candidate.end]
    name, place_id = place.name, ("airspace:" if kind == "airspace" else "") + place.id
    if candidate.rule == "nearby":  # placed at the article's anchor, but not that place: say so, keep it apart
        name, place_id = f"{said} (near {place.name})", f"near:{place.id}:{said}"
    return PlaceMention(
        start=candidate.start + offset,
        end=candidate.end + offset,
        text=said,
        name=name,
        kind=kind,
        lat=place.lat,
        lon=place.lon,
        place_id=place_id,
        country_code=place.country_code,
        geonameid=place.geonameid,
        confidence=confidence,
        rule=candidate.rule,
    )
