"""Place names in text: spans found against the offline gazetteer, then resolved in context.

Candidates are runs of capitalised words. Inside a run the longest names the
gazetteer knows are taken ("Texas" in "Texas Department of Health"), unless
the run is a person's name ("Jeff Davis", "President Lincoln"). A name that is
only a small town, or also a common personal name or word, needs evidence
before it counts: a locative preposition ("in Taylor"), a containing place
after it ("Paris, Texas"), or a population large enough to dominate. Ship
names, metonyms of institutions ("the Pentagon said") and sentence-initial
common words are not places. Demonyms count when they qualify a place noun
("Turkish airspace"). Which referent each span means is decided by
`place_resolution` from the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple
from weakref import WeakKeyDictionary

from gazetteer import Gazetteer, Place, normalize

from .place_resolution import Candidate, resolve
from .records import PlaceMention

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’-]*\w|[^\W\d_]")
_CONNECTORS = {"of", "de", "del", "da", "do", "al", "el", "la", "le", "du", "des", "upon"}
_SHORT_FORMS = {"St", "Ste", "Mt", "Ft", "Pt"}  # "St. Petersburg", "Mt. Pleasant" inside a run


def _backwards(words: tuple[str, ...] | list[str]) -> str:
    """An alternation of `words` spelled backwards, for expressions matched on reversed text (see _ends_with)."""
    return "|".join(re.escape(word[::-1]) for word in words)


def _upper_class() -> str:
    """A character class of every upper-case letter of the Basic Multilingual Plane, as ranges."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


# A run of capitalised words, found by one regular expression instead of a loop over every token
# (articles are mostly lower-case words): tokens as _TOKEN cuts them, starting where a token can
# start, joined by a space or a hyphen, by ". " after an initial or a short form ("J. Smith",
# "St. Louis"), and by a lower-case connector between capitalised words ("Gulf of Aden", "Democratic
# Republic of the Congo").
_UPPER = _upper_class()
_TOKEN_REST = r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?:[\w'’-]*\w)?)"  # after the capital: "U.S." or "Texas"
_CAPITALISED = rf"[{_UPPER}]{_TOKEN_REST}"
_INITIAL_GAP = "|".join([rf"(?<=[{_UPPER}])(?<![\w'’-][{_UPPER}])",
                         *(rf"(?<={form})(?<![\w'’-]{form})" for form in sorted(_SHORT_FORMS))])
_RUN = re.compile(
    rf"[{_UPPER}](?<!\w.)(?<!\w['’-].){_TOKEN_REST}"
    rf"(?:(?:[ -]|(?:{_INITIAL_GAP})\. )(?:(?:{'|'.join(sorted(_CONNECTORS))}) (?:the )?)?{_CAPITALISED})*"
)
_AREA_PREFIXES = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                  "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
                  "southeast", "southwest", "upper", "lower", "greater"}
_PLACE_NOUNS = (
    "airspace|airfield|airfields|air base|airbase|base|border|borders|city|town|village|coast|coastline|"
    "territory|territories|waters|soil|capital|port|province|region|mainland|countryside|frontier|side|"
    "island|islands|shore|skies"
)
# A name inside a longer one that ends in one of these, or after "Lake", names that other place
# ("Hopkins Park", "Jerome Township"), which the gazetteer lacks when it found only the inner name.
_LOCAL_HEAD_AFTER = re.compile(r" (?:Park|Township|Colony|Valley|Lake|Creek|Heights|Beach|Springs|Falls|Hills|"
                               r"County|Parish)\b(?!\s*[A-Z])")
_LAKE_BEFORE = re.compile(r"\bLake $")
_COMPASS_POINTS = frozenset("north south east west northeast northwest southeast southwest".split())
_AREA_WORDS = ("northern southern eastern western central north south east west northeastern northwestern "
               "southeastern southwestern north-central south-central northwest northeast southwest southeast").split()
_AREA_BEFORE = re.compile(rf"\b(?:{'|'.join(_AREA_WORDS)})\s+$", re.IGNORECASE)
# The last letters of the area words, in either case (no other character matches them ignoring case): a name
# after any other letter cannot take an area word, and is spared the search.
_AREA_ENDINGS = frozenset(w[-1] for w in _AREA_WORDS) | frozenset(w[-1].upper() for w in _AREA_WORDS)
_BEFORE_WINDOW = 24  # characters before a name searched for an area word or "... of"
_COAST_BEFORE = re.compile(r"\boff (?:the )?(?:coast|coasts|shore|shores|coastline) of\s+$", re.IGNORECASE)
_DEMONYM_PLACE = re.compile(rf"\s+(?P<noun>{_PLACE_NOUNS})\b")
_AIRSPACE_AFTER = re.compile(r"(?:['’]s)?\s+airspace\b")
# "Iraqi and Jordanian airspace": a demonym coordinated with one that qualifies "airspace" shares it.
_COORDINATED_AIRSPACE = re.compile(r"(?:\s*,\s*|\s+(?:and|or)\s+)(?:[A-Z][\w’'-]+(?:\s*,\s*|\s+(?:and|or)\s+))*"
                                   r"[A-Z][\w’'-]+\s+(?:airspace|skies)\b")
_WAR_AFTER = re.compile(r"\s+War\b")
_ORG_WORDS = ("Chamber", "Department", "Dept.", "Ministry", "Secretary", "Bureau", "Board", "Office", "Institute",
              "Association", "Society", "Council", "Commission", "Committee", "School", "College")
_ORG_OF_BEFORE_REVERSED = re.compile(rf"\s+(?:eht\s+)?fo\s+(?:{_backwards(_ORG_WORDS)})\b")
_ORG_OF_POPULATION = 100_000
# "two Iskander missiles", "Tomahawk cruise missiles": a weapon's model name, not the town it shares a name with.
_MODEL_AFTER = re.compile(r"(?:-\w+)?\s+(?:(?:cruise|ballistic|hypersonic|anti-ship|attack|fighter|combat|"
                          r"air-defen[cs]e|missile)\s+)?(?:missiles?|rockets?|drones?|jets?|fighters?|warplanes?|"
                          r"helicopters?|tanks?|launchers?|systems?|interceptors?|bombers?|aircraft)\b")
# "Anbar province", "Butler county": the division, not a town of the same name.
_DIVISION_AFTER = re.compile(r"\s+(?P<noun>province|governorate|county|parish|state|district|region|oblast|prefecture)"
                             r"\b(?!\s+(?:of|[A-Z]))")
# "the state of Washington", "the province of Ontario", "the town of Kalam": the noun says which reading.
_DIVISION_NOUNS = frozenset({"state", "province", "prefecture", "governorate", "oblast", "emirate"})
_NOUN_OF_BEFORE = re.compile(rf"\b({'|'.join(sorted(_DIVISION_NOUNS))}|city|town|village)\s+of\s+$", re.IGNORECASE)
_SHIP_NOUN_WORDS = ("ship ships vessel vessels frigate frigates destroyer destroyers corvette corvettes "
                    "cruiser cruisers carrier carriers submarine submarines warship warships boat boats").split()
_SHIP_PREFIXES = ("USS", "HMS", "INS", "RFS", "HMCS", "HMAS", "MV", "SS")
_SHIP_NOUNS = rf"(?:{'|'.join(_SHIP_NOUN_WORDS)})"
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_SHIP_PATTERNS = [
    # "t(?<!\w.)he" is "\bthe" with the letter first, so that the scan skips ahead to the t's
    re.compile(rf"t(?<!\w.)he\s+(?P<names>{_NAME})\s+(?:[a-z-]+\s+){{0,2}}{_SHIP_NOUNS}\b"),
    re.compile(rf"\b{_SHIP_NOUNS}\s*,?\s+(?:the\s+)?(?P<names>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+and\s+{_NAME})?)"),
    re.compile(rf"\b(?:USS|HMS|INS|RFS|HMCS|HMAS|MV|SS)\s+(?P<names>{_NAME})"),
]
# Every ship pattern needs one of these words: most articles are spared the three scans.
_SHIP_WINDOW = 200  # characters either side of a ship word: longer than any ship's name and its noun
# The word boundary before it is "(?<!\w)" after a look-ahead at the first letters, which lets the scan skip to them.
_SHIP_WORD = re.compile(rf"(?=[{''.join(sorted({w[0] for w in (*_SHIP_NOUN_WORDS, *_SHIP_PREFIXES)}))}])(?<!\w)"
                        rf"(?:{_SHIP_NOUNS}|{'|'.join(_SHIP_PREFIXES)})\b")
# "W.Va.", "Kan.", "D.C.": a dotted abbreviation, looked up exactly as written. Its capital comes first and the
# word boundary after it ("(?<!\w.)", as in _RUN), so that the scan skips ahead to capitals, three times faster.
_ABBREVIATION = re.compile(r"[A-Z](?<!\w.)[A-Za-z]{0,4}\.(?:\s?[A-Z][A-Za-z]{0,4}\.)*")
_PLACE_BEFORE_ABBREVIATION = re.compile(r"[A-Z][\w.'’-]*,\s*$")  # "Springfield, Ill."
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
    administration defense defence ministry office spokesman officer agency service university college school
    church hospital department center centre city county street road avenue park lake river hall man god
    best green golden olympic delta liberal media early late north south east west
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter fall christmas easter
    halloween thanksgiving human metro""".split()
)
_PERSON_TITLES = frozenset(
    """president minister secretary general major captain admiral colonel lieutenant commander sergeant
    mr mrs ms miss dr sen senator rep representative governor gov mayor chancellor king queen prince princess
    sheikh pope bishop judge justice spokesman spokeswoman ambassador envoy chief director premier lt sgt col
    capt gen cpl pvt officer deputy detective trooper coach pastor rev reverend father sister brother saint
    st professor prof attorney sheriff councilman councilwoman commissioner superintendent principal""".split()
)
_SPEECH_AFTER = re.compile(r"(?:['’]s)?\s+(?:said|says|told|added|asked|wrote|argued|explained|noted|stated)\b")
# A place name before these is a town's: "a Lebanon woman", "Palestine Independent School District"
# (a country's people are "Lebanese", its schools are not a district's).
_LOCAL_AFTER = re.compile(r"\s+(?:man|woman|men|women|boy|girl|teen|teenager|couple|"
                          r"(?:Independent\s+)?School\s+District)\b")
_ADMINISTRATION_AFTER = re.compile(r"(?:['’]s)?\s+(?:administration|presidency)\b")
_VEHICLE_WORDS = ("a", "an", "the", "his", "her", "their")
_LOCATIVE_WORDS = ("in at near outside from into to toward towards of across around throughout between via through "
                   "across within beyond inside downtown visit visited visiting").split()
_LOCATIVE_ARTICLES = ("the", "downtown", "nearby", "suburban")
_LOCATIVE_BEFORE = re.compile(
    rf"\b(?:{'|'.join(_LOCATIVE_WORDS)})\s+(?:(?:{'|'.join(_LOCATIVE_ARTICLES)})\s+)?$", re.IGNORECASE)


# Reversed, for the window before a name: what it ends in ("in the ", "a 1992 ", "Department of ").
_LOCATIVE_BEFORE_REVERSED = re.compile(
    rf"\s+(?:(?:{_backwards(_LOCATIVE_ARTICLES)})\s+)?(?:{_backwards(_LOCATIVE_WORDS)})\b", re.IGNORECASE)
_VEHICLE_BEFORE_REVERSED = re.compile(rf"\s+\d\d(?:91|02)\s+(?:{_backwards(_VEHICLE_WORDS)})\b", re.IGNORECASE)
_LOCATIVE_AFTER = re.compile(r"(?:-based|\s+(?:resident|residents|native|natives|area|areas|-area|suburb|suburbs|"
                             r"neighborhood|neighbourhood|metro|metropolitan)\b)")
_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_COMMA_NAME = re.compile(r",\s*[A-Z]")
_ARTICLE_PREFIX = re.compile(r"^(?:al|ar|as|ad|an|at|az|el|ash|the)[ -]")
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
# Personal-name share (per cent of people) above which a town's name needs evidence to
# count, unless the town is a city of a million; above the second, always.
_PERSONAL_NAME_SHARE = 0.02
_PERSONAL_NAME_SHARE_ANY_TOWN = 0.1
_MILLION = 1_000_000
# A run ending in one of these names a place, whatever names a person before it ("Walker County").
_PLACE_HEADS = frozenset("""county parish city township borough river lake mountain mountains island islands bay sea
    province valley beach springs falls heights creek harbor harbour port point peninsula canyon gulf strait""".split())
# A place's institutions and events take its name: "DeKalb City Council", "Georgia Public Service
# Commission", "Walker County Fair". A name right before one of these words inside a run is the place.
_CIVIC_WORDS = frozenset("""city county state police fire sheriff council commission board department school schools
    public university college hospital chamber fair airport court courthouse township borough village town
    metro municipal regional area district parks library""".split())
_CIVIC_AFTER = re.compile(rf"(?:['’]s)?[ -](?:{'|'.join(sorted(_CIVIC_WORDS))})\b", re.IGNORECASE)
# A town this large is taken on its name alone, where no reading as a word or a person competes.
_SELF_EVIDENT_POPULATION = 15_000


class _Token(NamedTuple):
    """A word of the text (a tuple: articles have thousands, made fast)."""

    start: int
    end: int
    text: str


Fallback = Callable[[str], "Place | None"]


def recognise(text: str, gazetteer: Gazetteer, *, offset: int = 0, fallback: Fallback | None = None) -> list[PlaceMention]:
    """Place mentions of `text` (a body starting at `offset` in its file), in reading order.

    `fallback` (an opt-in online geocoder) is asked only about capitalised
    names after a locative preposition ("in Kherson") that the gazetteer lacks.
    """
    return resolve(text, find_candidates(text, gazetteer, fallback=fallback), gazetteer, offset=offset)


def find_candidates(text: str, gazetteer: Gazetteer, *, fallback: Fallback | None = None) -> list[Candidate]:
    """Spans that name places, each with every place the name may mean, in reading order."""
    blocked = _Covered(_ship_spans(text))
    found = _abbreviations(text, gazetteer)
    taken_until = {c.start: c.end for c in found}
    surnames = _Surnames(text)
    lowercase_words = _LowercaseWords(text)
    runs = _runs_of(gazetteer)
    position = 0
    while match := _RUN.search(text, position):
        start, position = match.span()
        if start in taken_until:
            position = taken_until[start]
            continue
        if blocked and blocked.covers(start):
            continue
        words = match.group()
        info = runs.get(words) or _run_info(words, gazetteer, runs)
        if info.person:
            surnames.add(info.surname)
            continue
        if not info.names and info.demonym is None and fallback is None:
            surnames.add_if_after_title(info.surname, start)  # nothing else to do with it
            continue
        if _after_title(text, start):
            surnames.add(info.surname)
            continue
        if not info.names and fallback is not None:
            online = _ask_fallback([_Token(start + a, start + b, t) for a, b, t in info.tokens], text, fallback,
                                   surnames)
            if online:
                found.append(online)
            continue
        if info.demonym is not None:
            end, country = info.demonym
            demonym = _demonym_place(_Token(start, start + end, ""), text, country)
            if demonym:
                found.append(demonym)
        for name_start, name_end, places, whole in info.names:
            candidate = _extend(Candidate(start + name_start, start + name_end, list(places), "gazetteer",
                                          whole_run=whole), text)
            if _accept(candidate, start, text, gazetteer, surnames, lowercase_words):
                found.append(candidate)
    found.sort(key=lambda c: c.start)
    return found


class _Covered:
    """Spans of text (ships' names), asked about at positions that only grow: a step forward, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._spans = merged
        self._next = 0

    def __bool__(self) -> bool:
        return bool(self._spans)

    def covers(self, position: int) -> bool:
        spans, i = self._spans, self._next
        while i < len(spans) and spans[i][1] <= position:
            i += 1
        self._next = i
        return i < len(spans) and spans[i][0] <= position


class _Surnames:
    """The last words of the people an article has named so far ("President Obama": "Obama").

    Whether a run of words follows a title ("Gov. Perry") is asked only when a name like its last
    word needs it: most runs of a long article are never asked about.
    """

    def __init__(self, text: str):
        self._text = text
        self._known: set[str] = set()
        self._pending: dict[str, list[int]] = {}  # last word -> starts of runs not yet checked for a title

    def add(self, word: str) -> None:
        self._known.add(word)

    def add_if_after_title(self, word: str, start: int) -> None:
        if word not in self._known:
            self._pending.setdefault(word, []).append(start)

    def __contains__(self, word: str) -> bool:
        if word in self._known:
            return True
        starts = self._pending.pop(word, None)
        if starts and any(_after_title(self._text, start) for start in starts):
            self._known.add(word)
            return True
        return False


class _LowercaseWords:
    """The words an article writes in lower case ("reading", "mobile"), listed only if a town's name asks."""

    def __init__(self, text: str):
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if word not in self._text:
            return False  # every word listed is a substring of the text: most names are spared the listing
        if self._words is None:
            self._words = set(_LOWERCASE_WORD.findall(self._text))
        return word in self._words


class _RunInfo(NamedTuple):
    """What a run's words say whatever surrounds them: kept per run, since news repeats its names."""

    tokens: tuple[_Token, ...]  # offsets from the run's start
    names: tuple[tuple[int, int, tuple[Place, ...], bool], ...]  # start, end, readings, whether the whole run
    person: bool  # a given name then a surname, or a title first ("President Obama")
    demonym: tuple[int, Place] | None  # where a demonym ends, and its country ("Sri Lankan", "American Red Cross")
    surname: str  # its last word, were it a person's name ("Obama's": "Obama")


_RUN_CACHE_SIZE = 50_000
_run_cache: WeakKeyDictionary[Gazetteer, dict[str, _RunInfo]] = WeakKeyDictionary()


def _runs_of(gazetteer: Gazetteer) -> dict[str, _RunInfo]:
    """The gazetteer's cache of runs, looked up once per article (a weak dictionary is slow to ask)."""
    cache = _run_cache.get(gazetteer)
    if cache is None:
        cache = _run_cache[gazetteer] = {}
    return cache


def _run_info(words: str, gazetteer: Gazetteer, cache: dict[str, _RunInfo]) -> _RunInfo:
    info = cache.get(words)
    if info is None:
        if len(cache) >= _RUN_CACHE_SIZE:
            cache.clear()
        if " " in words or "-" in words:
            run = [_Token(*m.span(), m.group()) for m in _TOKEN.finditer(words)]
        else:
            run = [_Token(0, len(words), words)]
        names = tuple(_names_in_run(run, words, gazetteer))
        demonym = None
        if not (names and names[0][0] == 0):
            whole = gazetteer.demonym(_strip_possessive(words))  # "Sri Lankan", "South Ossetian"
            if whole is not None:
                demonym = (len(words), whole)
            elif len(run) > 1 and run[1].text.lower() not in _PERSON_TITLES:  # not "Syrian President Assad"
                first = gazetteer.demonym(run[0].text)
                demonym = (run[0].end, first) if first is not None else None
        info = cache[words] = _RunInfo(tuple(run), names, _named_person(run, words, gazetteer), demonym,
                                       _strip_possessive(run[-1].text))
    return info


def _names_in_run(run: list[_Token], text: str, gazetteer: Gazetteer):
    """Longest gazetteer names inside a run, left to right: (start, end, readings, whether the whole run)."""
    k = 0
    limit = min(gazetteer.max_name_tokens, 6)
    while k < len(run):
        if run[k].text in _CONNECTORS or run[k].text.lower() in ("the",):
            k += 1
            continue
        for length in range(min(limit, len(run) - k), 0, -1):
            last = run[k + length - 1]
            if last.text in _CONNECTORS:
                continue
            start, end = run[k].start, last.end
            places = _lookup(text[start:end], gazetteer)
            if not places or (length == 1 and run[k].text.lower() in _AREA_PREFIXES and len(run) > 1):
                continue
            if length == 1 and k > 0 and run[k].text.lower() in _PLACE_HEADS:
                continue  # "Kanawha Valley": the head belongs to the name before it, not a town called Valley
            if last.text == "City" and k + length < len(run) and not _a_town_called(text[start:end], places):
                continue  # "Dublin City Council" is the council of the town Dublin, not of the area "Dublin City"
            whole = length == len(run) or (k == 1 and length == len(run) - 1 and run[0].text.lower() in _AREA_PREFIXES)
            yield start, end, tuple(places), whole
            k += length
            break
        else:
            k += 1


def _extend(candidate: Candidate, text: str) -> Candidate:
    """Take in "northern" or "off the coast of" before, "airspace" or "province" after."""
    word = _word_before(text, candidate.start)
    window = max(0, candidate.start - _BEFORE_WINDOW)
    prefix = (word[-1:] in _AREA_ENDINGS and _AREA_BEFORE.search(text, window, candidate.start)) or \
        (word[-2:].lower() == "of" and _COAST_BEFORE.search(text, window, candidate.start))
    if prefix:
        candidate.name_start = candidate.start
        candidate.start = prefix.start()
        candidate.evidence = True
        word = _word_before(text, candidate.start)
    airspace = _AIRSPACE_AFTER.match(text, candidate.end)
    if airspace and candidate.places[0].kind == "country":
        candidate.end, candidate.rule, candidate.places = airspace.end(), "airspace", candidate.places[:1]
        return candidate
    noun_before = word[-2:].lower() == "of" and \
        _NOUN_OF_BEFORE.search(text, max(0, candidate.start - _BEFORE_WINDOW), candidate.start)
    if noun_before:
        wanted = ("region", "country") if noun_before.group(1).lower() in _DIVISION_NOUNS else ("city",)
        candidate.places = [p for p in candidate.places if p.kind in wanted] or candidate.places
        candidate.evidence = True
    division = _DIVISION_AFTER.match(text, candidate.end)
    if division:
        regions = [p for p in candidate.places if p.kind in ("region", "country")]
        if regions:
            candidate.end, candidate.places, candidate.evidence = division.end("noun"), regions, True
    elif candidate.places[0].kind == "country" and _LOCAL_AFTER.match(text, candidate.end) and \
            _spelled_in_full(text[candidate.start:candidate.end]):
        towns = [p for p in candidate.places if p.kind == "city" or p.feature == "ADM2"]
        if towns:  # "a Lebanon woman": a nation would take "Lebanese"
            candidate.places, candidate.evidence = towns, True
    return candidate


def _word_before(text: str, start: int) -> str:
    """The text before `start`, within _BEFORE_WINDOW, up to the whitespace that ends it ("" if none ends it).

    The patterns searched there end in a word then whitespace ("northern ", "the province of "): the word's
    last letters rule most of them out without the search, which tries every position of the window.
    """
    window = text[max(0, start - _BEFORE_WINDOW):start]
    return window.rstrip() if window[-1:].isspace() else ""


def _lookup(name: str, gazetteer: Gazetteer) -> list[Place]:
    name = _strip_possessive(name)
    if name.isupper() and len(name) > 3 and "." not in name:
        name = name.title()  # datelines: "MOSCOW, Russian Federation"
    places = gazetteer.lookup(name)
    if not places and name.startswith(("St ", "St. ", "Ft. ", "Mt. ")):
        head, _, rest = name.partition(" ")
        places = gazetteer.lookup({"St": "Saint", "St.": "Saint", "Ft.": "Fort", "Mt.": "Mount"}[head] + " " + rest)
    return [p for p in places if not p.metonym] if places and not places[0].metonym else []


def _accept(candidate: Candidate, run_start: int, text: str, gazetteer: Gazetteer, surnames: _Surnames,
            lowercase_words: _LowercaseWords) -> bool:
    """Whether a matched name is a place here, from its strongest reading and the evidence around it."""
    best = candidate.places[0]
    words = text[candidate.name_start:candidate.end].split()
    word = _strip_possessive(words[-1]) if len(words) == 1 else ""
    strong = best.kind not in ("city", "facility") and best.feature not in ("ADM2", "AIRP")
    before = text[max(0, candidate.start - 30):candidate.start]
    after = text[candidate.end:candidate.end + 30]
    # Inside a run ("Clarke County Superior Court"), a civic word after a name names the institution, not the place.
    candidate.evidence = candidate.evidence or bool(
        _ends_with(before, _LOCATIVE_BEFORE_REVERSED) or _LOCATIVE_AFTER.match(after) or _COMMA_NAME.match(after)
        or (_CIVIC_AFTER.match(after) and not _inside_run(text, run_start, candidate.start))
        or words[-1].lower() in _PLACE_HEADS)
    if best.kind == "city" and best.population < _ORG_OF_POPULATION and \
            _compass_point(text[candidate.start:candidate.name_start].strip()):
        candidate.rule = "nearby"  # "East Bank", "West Side": a name of its own, not part of a town elsewhere
    elif not candidate.whole_run and best.kind != "country" and (
            _LOCAL_HEAD_AFTER.match(after) or _LAKE_BEFORE.search(before)):
        candidate.rule = "nearby"  # "Hopkins Park", "Tennessee Colony", "Lake Vermont": named after it, elsewhere
    if best.kind == "city" and best.population < _ORG_OF_POPULATION and _ends_with(before, _ORG_OF_BEFORE_REVERSED):
        return False  # "Chamber of Commerce", "Department of Human Resources": an office's field, not a town
    if word and (word.lower() in COMMON_WORDS or (word in surnames and not strong)):
        return False
    if word and len(word) <= 3 and not word.isupper() and best.kind != "country":
        return False  # "Un", "Bo": a short alternate name is a word, not a place
    if best.kind != "country" and (_MODEL_AFTER.match(after) or _WAR_AFTER.match(after)):
        return False  # "Iskander missiles", "the Gulf War": a weapon or a war named after a place
    given, surname = gazetteer.personal_name(word) if word else (0.0, 0.0)
    personal = max(given, surname)
    if word and best.kind != "country" and (_ADMINISTRATION_AFTER.match(after) or
                                                 _ends_with(before, _VEHICLE_BEFORE_REVERSED)):
        return False  # "the Obama administration", "a 1992 Toyota": a president's government, a car's make
    if word and _SPEECH_AFTER.match(after) and best.kind != "country" and (personal > 0.001 or not strong):
        return False  # "Washington said", "Obama said": the person
    if word and best.kind in ("city", "region") and not candidate.evidence and not _spelling_of(word, best.name):
        return False  # "Hamas" is an alternate name of Hamm: a word first, unless a spelling of it ("Raqqa")
    if strong and best.feature == "ADM1" and best.population < _MILLION and personal >= _PERSONAL_NAME_SHARE:
        return candidate.evidence  # "Flores", a surname before a province
    if strong:
        return True
    if not candidate.whole_run and best.population < _SELF_EVIDENT_POPULATION * 3 and not candidate.evidence:
        return False  # "Wedgewood Baptist Church": a small town's name inside an organisation's
    if word and (word.lower() in lowercase_words or personal >= _PERSONAL_NAME_SHARE_ANY_TOWN
                 or (personal >= _PERSONAL_NAME_SHARE and best.population < _MILLION
                     and not _major_division(candidate.places))):
        return candidate.evidence
    if word and _sentence_initial(text, candidate.start) and not candidate.evidence:
        return best.population >= 100_000
    return candidate.evidence or best.population >= _SELF_EVIDENT_POPULATION or not word


def _inside_run(text: str, run_start: int, start: int) -> bool:
    """Whether a name comes after other words of its run ("Clarke" in "Clarke County Superior Court"
    does not; "County" does), not after a connector or "the"."""
    previous = text[run_start:start].split()
    return bool(previous) and previous[-1] not in _CONNECTORS and previous[-1].lower() != "the"


def _ends_with(before: str, reversed_pattern: re.Pattern) -> bool:
    """Whether `before` ends in what `reversed_pattern` matches spelled backwards ("in the " as " eht ni").

    An expression anchored at the end of a window ("in the $") is tried from every position of it;
    reversed, it is tried once, at the start.
    """
    return reversed_pattern.match(before[::-1]) is not None


def _compass_point(prefix: str) -> bool:
    """Whether the word before a name is a capitalised compass point ("East Bank", "West Side")."""
    return prefix[:1].isupper() and prefix.lower() in _COMPASS_POINTS


def _spelled_in_full(name: str) -> bool:
    """A name in words ("Lebanon"), not an abbreviation ("U.S.", "UK") that only a country goes by."""
    return "." not in name and not name.isupper()


def _a_town_called(name: str, places: list[Place]) -> bool:
    key = normalize(name)
    return any(p.kind == "city" and normalize(p.name) == key for p in places)


def _major_division(places: list[Place]) -> bool:
    """Whether a reading is a country or a first-level division of a million ("Washington": the state too)."""
    return any(p.kind == "country" or (p.feature == "ADM1" and p.population >= _MILLION) for p in places)


@lru_cache(maxsize=65536)
def _spelling_of(word: str, name: str) -> bool:
    """Whether `word` is the place's own name or a transliteration of it ("Raqqa", "Ar Raqqah")."""
    word, name = normalize(word), normalize(name)
    name = _ARTICLE_PREFIX.sub("", name)
    return word == name or SequenceMatcher(None, word, name).ratio() >= 0.8


def _after_title(text: str, start: int) -> bool:
    """Whether a run follows a person's title ("President Obama", "Gov. Perry")."""
    window = text[max(0, start - 16):start]
    if not window[-1:].isspace():
        return False
    words = window.split()
    last = words[-1].removesuffix(".") if words else ""
    if last.isascii() and last.isalpha():  # the common case, without the expression
        return last.lower() in _PERSON_TITLES and (len(words) > 1 or start - 16 <= 0 or not text[start - 17].isalnum())
    title = _WORD_BEFORE.search(text, max(0, start - 16), start)
    return bool(title) and title.group(1).lower() in _PERSON_TITLES


def _named_person(run: list[_Token], text: str, gazetteer: Gazetteer) -> bool:
    """Whether a run's words name a person: a title first ("President Obama"), or a given name then a surname."""
    words = [t.text for t in run]
    if words[0].lower() in _PERSON_TITLES and len(words) > 1 and words[0] not in _SHORT_FORMS:
        return True
    if not 2 <= len(words) <= 4 or not all(w[0].isupper() for w in words) or words[-1].lower() in _PLACE_HEADS:
        return False
    if words[0] in _SHORT_FORMS or words[1].lower() in _CIVIC_WORDS:
        return False  # "St. Petersburg", "Georgia Public Service Commission"
    if gazetteer.lookup(text[run[0].start:run[-1].end]):
        return False
    given, _ = gazetteer.personal_name(words[0])
    if given < 0.01:
        return False
    first = gazetteer.lookup(words[0])
    return not first or first[0].kind not in ("country", "region") or given >= 0.05


def _demonym_place(token: _Token, text: str, country: Place) -> Candidate | None:
    """"Turkish airspace", "a Syrian town": the country, when a demonym qualifies a place noun."""
    noun = _DEMONYM_PLACE.match(text, token.end)
    if not noun and _COORDINATED_AIRSPACE.match(text, token.end):
        return Candidate(token.start, token.end, [country], "airspace", whole_run=True, evidence=True)
    if not noun:
        if not _sentence_initial(text, token.start):
            return Candidate(token.start, token.end, [country], "adjective", whole_run=True)
        return None
    rule = "airspace" if noun.group("noun") in ("airspace", "skies") else "demonym"
    return Candidate(token.start, noun.end("noun"), [country], rule, whole_run=True, evidence=True)


def _abbreviations(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Dotted state and city abbreviations: "Springfield, Ill.", "in D.C.", "W.Va."."""
    found = []
    for match in _ABBREVIATION.finditer(text):
        form = match.group()
        places = gazetteer.abbreviation(form)
        if not places:
            continue
        after_place = _PLACE_BEFORE_ABBREVIATION.search(text[max(0, match.start() - 40):match.start()])
        if after_place or form.count(".") >= 2:
            found.append(Candidate(match.start(), match.end(), places, "abbreviation", whole_run=True,
                                   evidence=True))
    return found


def _ask_fallback(run: list[_Token], text: str, fallback: Fallback, surnames: _Surnames) -> Candidate | None:
    words = [t.text for t in run]
    if not _LOCATIVE_BEFORE.search(text, max(0, run[0].start - 16), run[0].start):
        return None
    if any(w.lower().strip(".") in _PERSON_TITLES or w.lower() in COMMON_WORDS for w in words) or words[-1] in surnames:
        return None
    place = fallback(text[run[0].start:run[-1].end])
    if place is None:
        return None
    return Candidate(run[0].start, run[-1].end, [place], "online", whole_run=True, evidence=True)


def _strip_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("'s", "’s")) else name


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _ship_spans(text: str) -> list[tuple[int, int]]:
    """Names of ships: before a ship noun ("the Admiral Essen frigate"), after one or a prefix ("USS Cole"),
    looked for only where a ship word is."""
    before, after = _SHIP_PATTERNS[0], _SHIP_PATTERNS[1:]
    spans = set()
    window_end = -1
    for word in _SHIP_WORD.finditer(text):
        for pattern in after:
            if match := pattern.match(text, word.start()):
                spans.add((match.start("names"), match.end("names")))
        if word.start() > window_end:  # one scan for names before the ship nouns close together
            start = max(0, word.start() - _SHIP_WINDOW)
            window_end = word.start() + _SHIP_WINDOW
            for match in before.finditer(text, start, min(window_end + 20, len(text))):
                spans.add((match.start("names"), match.end("names")))
    return sorted(spans)
