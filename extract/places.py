"""Place names in text, found and resolved against the offline gazetteer.

Candidates are runs of capitalised words; a run is a place only when the
gazetteer knows the whole run ("New York", "Caspian Sea"), so a place name
inside a person's or an organisation's name ("Jeff Davis", "Russian Navy")
is not taken. Demonyms count when they qualify a place noun ("a Turkish
airfield", "Turkish airspace"). Ship names, metonyms of institutions ("the
Pentagon said") and sentence-initial common words are not places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gazetteer import Gazetteer, Place, normalize

from .records import PlaceMention

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’-]*\w|[^\W\d_]")
_CONNECTORS = {"of", "de", "del", "da", "do", "al", "el", "la", "le", "du", "des", "upon", "on"}
_AREA_PREFIXES = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                  "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower", "greater"}
_PLACE_NOUNS = (
    "airspace|airfield|airfields|air base|airbase|base|border|borders|city|town|village|coast|coastline|"
    "territory|territories|waters|soil|capital|port|province|region|mainland|countryside|frontier|side|"
    "island|islands|shore|skies"
)
_AREA_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|central|north|south|east|west|"
                          r"northeastern|northwestern|southeastern|southwestern)\s+$")
_DEMONYM_PLACE = re.compile(rf"\s+(?P<noun>{_PLACE_NOUNS})\b")
_AIRSPACE_AFTER = re.compile(r"(?:['’]s)?\s+airspace\b")
_SHIP_NOUNS = r"(?:ship|ships|vessel|vessels|frigate|frigates|destroyer|destroyers|corvette|corvettes|cruiser|cruisers|carrier|carriers|submarine|submarines|warship|warships|boat|boats)"
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_SHIP_PATTERNS = [
    re.compile(rf"\b(?:the\s+)(?P<names>{_NAME})\s+(?:[a-z-]+\s+){{0,2}}{_SHIP_NOUNS}\b"),
    re.compile(rf"\b{_SHIP_NOUNS}\s*,?\s+(?:the\s+)?(?P<names>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?)"),
    re.compile(rf"\b(?:USS|HMS|INS|RFS|HMCS|HMAS|MV|SS)\s+(?P<names>{_NAME})"),
]
# Common words that are also names (or alternate names) of small places.
COMMON_WORDS = frozenset(
    """a about above after again against all also although always among an and another any are as at away back
    be because been before being below between both but by can could did do does down during each even ever
    every few for from further had has have he her here hers him his how however i if in into is it its just
    last least less like many may me might more most much must my never new next no nor not now of off often
    on once one only or other our out over own same say says see several she should since so some still such
    than that the their them then there these they this those though through thus to too under unlike until
    up upon very was we well were what when where whether which while who whom whose why will with within
    without would yet you your therefore credit police mobile reading nice bath split opportunity independence
    liberty union ocean hope eagle enterprise paradise unity deal mercy surprise goes officials president
    minister government state army navy forces court council party republic general major captain
    administration defense defence ministry office spokesman officer agency service
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_PERSON_TITLES = frozenset(
    """president minister secretary general major captain admiral colonel lieutenant commander sergeant
    mr mrs ms dr sen senator rep representative governor mayor chancellor king queen prince princess sheikh
    pope bishop judge justice spokesman spokeswoman ambassador envoy chief director premier""".split()
)
@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


Fallback = Callable[[str], "Place | None"]
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|from|into|to|toward|towards)\s+(?:the\s+)?$")


def recognise(text: str, gazetteer: Gazetteer, *, offset: int = 0, fallback: Fallback | None = None) -> list[PlaceMention]:
    """Place mentions of `text` (a body starting at `offset` in its file), in reading order.

    `fallback` (an opt-in online geocoder) is asked only about capitalised
    names after a locative preposition ("in Kherson") that the gazetteer lacks.
    """
    tokens = [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    blocked = _ship_spans(text)
    surnames: set[str] = set()
    found: list[tuple[int, int, list[Place], str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.capitalised:
            i += 1
            continue
        run_end = _run_end(tokens, i, text)
        matched = _match_run(tokens, i, run_end, text, gazetteer, surnames)
        if matched is None and run_end > i:
            _remember_person(tokens[i:run_end + 1], surnames)
        if matched is None and fallback is not None:
            matched = _ask_fallback(tokens[i:run_end + 1], text, fallback, surnames)
        if matched:
            end, places, rule = matched
            if not any(s <= token.start < e for s, e in blocked):
                prefix = _AREA_BEFORE.search(text, max(0, token.start - 20), token.start)
                start = prefix.start() if prefix else token.start
                found.append((start, end, places, rule))
            while i < len(tokens) and tokens[i].start < end:
                i += 1
            continue
        demonym = gazetteer.demonym(_strip_possessive(token.text)) if run_end == i else None
        if demonym is not None:
            noun = _DEMONYM_PLACE.match(text, token.end)
            if noun:
                rule = "airspace" if noun.group("noun") in ("airspace", "skies") else "demonym"
                found.append((token.start, noun.end("noun"), [demonym], rule))
        i = run_end + 1
    focus = {places[0].country_code for _, _, places, _ in found if places[0].kind == "country"}
    return [_mention(text, start, end, places, rule, focus, offset) for start, end, places, rule in found]


def _ask_fallback(run: list[_Token], text: str, fallback: Fallback, surnames: set[str]):
    words = [t.text for t in run]
    if not _LOCATIVE_BEFORE.search(text, max(0, run[0].start - 16), run[0].start):
        return None
    if any(w.lower().strip(".") in _PERSON_TITLES or w.lower() in COMMON_WORDS for w in words) or words[-1] in surnames:
        return None
    place = fallback(text[run[0].start:run[-1].end])
    return (run[-1].end, [place], "online") if place is not None else None


def _remember_person(run: list[_Token], surnames: set[str]) -> None:
    """A run of capitalised words that is not a place, ending in a name: "Jeff Davis", "Barack Obama"."""
    words = [t.text for t in run]
    if any(w.lower().strip(".") in _PERSON_TITLES for w in words[:-1]) or (
            len(words) in (2, 3) and all(w[0].isupper() and w[1:].islower() for w in words if len(w) > 1)):
        surnames.add(words[-1])


def _run_end(tokens: list[_Token], i: int, text: str) -> int:
    """Index of the last token of the capitalised run starting at i (connectors allowed inside)."""
    j = i
    while j + 1 < len(tokens):
        nxt = tokens[j + 1]
        gap = text[tokens[j].end:nxt.start]
        if gap not in (" ", "-"):
            break
        if nxt.capitalised:
            j += 1
            continue
        if nxt.text in _CONNECTORS and j + 2 < len(tokens) and tokens[j + 2].capitalised \
                and text[nxt.end:tokens[j + 2].start] == " ":
            j += 2
            continue
        break
    return j


def _match_run(tokens, i, run_end, text, gazetteer: Gazetteer, surnames: set[str]):
    """(end offset, places, rule) for the run tokens[i..run_end], or None if it is not a place.

    The whole run must be a name the gazetteer knows; an area prefix
    ("northern Iraq") and a trailing "airspace" are allowed around it.
    """
    run = tokens[i:run_end + 1]
    start = 1 if len(run) > 1 and run[0].text.lower() in _AREA_PREFIXES else 0
    places: list[Place] = []
    # The whole run, else the part before a connector word ("New York on September" -> "New York").
    for stop in [len(run)] + [k for k in range(len(run) - 1, start, -1) if run[k].text in _CONNECTORS]:
        if stop <= start:
            continue
        run = run[:stop]
        places = _lookup(text[run[start].start:run[-1].end], gazetteer)
        if places:
            break
    first = run[start]
    if not places or places[0].metonym:
        return None
    best = places[0]
    single = len(run) - start == 1
    if single and best.kind == "city":
        word = _strip_possessive(first.text)
        if word.lower() in COMMON_WORDS or word in surnames:
            return None
        if len(word) <= 4 and normalize(word) != normalize(best.name):
            return None  # a short alternate name ("No") is a word, not a place
        if start == 0 and _sentence_initial(text, first.start) and best.population < 100_000:
            return None
    airspace = _AIRSPACE_AFTER.match(text, run[-1].end)
    if airspace and best.kind == "country":
        return airspace.end(), places, "airspace"
    return run[-1].end, places, "gazetteer"


def _lookup(name: str, gazetteer: Gazetteer) -> list[Place]:
    name = _strip_possessive(name)
    if name.isupper() and len(name) > 3 and "." not in name:
        name = name.title()  # datelines: "MOSCOW, Russian Federation"
    return gazetteer.lookup(name)


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _ship_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in _SHIP_PATTERNS:
        for match in pattern.finditer(text):
            spans.append((match.start("names"), match.end("names")))
    return spans


def _mention(text, start: int, end: int, places: list[Place], rule: str, focus: set, offset: int) -> PlaceMention:
    place, confidence = _choose(places, focus)
    kind = {"airspace": "airspace", "demonym": "country"}.get(rule, place.kind)
    if rule == "online":
        confidence = 0.6
    return PlaceMention(
        start=start + offset,
        end=end + offset,
        text=text[start:end],
        name=place.name,
        kind=kind,
        lat=place.lat,
        lon=place.lon,
        place_id=("airspace:" if kind == "airspace" else "") + place.id,
        country_code=place.country_code,
        geonameid=place.geonameid,
        confidence=confidence,
        rule=rule,
    )


def _choose(places: list[Place], focus: set) -> tuple[Place, float]:
    """The likeliest referent: the gazetteer's prior order, preferring the article's countries."""
    best = places[0]
    if len(places) == 1 or best.kind != "city":
        return best, 1.0 if len(places) == 1 else 0.9
    in_focus = [p for p in places if p.country_code in focus]
    if in_focus and in_focus[0] is not best and in_focus[0].population * 20 >= best.population:
        return in_focus[0], 0.7
    return best, 0.8
