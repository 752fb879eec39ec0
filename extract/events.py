"""Event mentions in one article: what happened, when, where, who acted, who says so.

Per sentence: triggers give the type; each date attaches to its nearest
trigger; each place belongs to the trigger of its clause and takes its role
from the preposition that introduces it ("launched from" → origin, "through
their airspace" → route); the speaker of a quotation or of a "said that"
frame is the claimant; a denial disputes the event of its complement.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import MISSING, fields
from functools import lru_cache

from . import actors as act
from . import triggers as trig
from .records import Article, EventMention, PlaceMention, PlaceRole, Span, TimeExpr
from .speech import SPEECH_VERBS, Attribution
from .tense import is_future
from .text import matches_at, sentences, trie

_FRAME_WORDS = {*SPEECH_VERBS.split("|"), "report", "reports", "claim", "claims", "allegation", "allegations", "adding",
                "saying", "insisting", "noting", "stressing"}
_FRAMES = re.compile(rf"\b(?:{trie(_FRAME_WORDS)})\b")  # whole words factored by prefix: the same matches, faster
_PARTICIPIAL_FRAMES = {"adding", "saying", "insisting", "noting", "stressing"}
# "..., the air force said on Tuesday." / "..., according to officials.": the attribution after the claim.
_POSTPOSED = re.compile(
    r",\s*(?:(?P<who>(?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+(?:said|says|wrote|writes|told|tells|reported|reports|added|"
    r"stated|announced|claimed|confirmed|warned)\b[^,;]*?|according\s+to\s+(?P<source>[^,;]+?))"
    r"(?=,|[.;!?\"”’]*\s*$)")
_PREMODIFIER = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,2}\s*$")  # up to two words between a date and its noun
_COORDINATED = re.compile(r"\band\s+(?:also\s+|later\s+|then\s+)?$")
_ROLE_PREPOSITIONS = {
    "from": "origin", "into": "destination", "to": "destination", "toward": "destination",
    "towards": "destination", "at": "destination", "against": "destination", "on": "destination",
    "for": "destination", "through": "via", "over": "via", "across": "via", "via": "via",
    "in": "location", "near": "location", "inside": "location", "outside": "location", "off": "location",
}
_DIRECTED = {"launch", "movement", "diversion", "strike"}
_CLAUSE_BREAK = re.compile(r"\bthat\b|[;“”\"]|\b(?:while|but|which|who)\b")
_CLAUSE_BREAK_PIECES = re.compile('that|but|wh|[;“”"]')  # one is in every clause break
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "northern",
                "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
                "southwestern", "nearby", "neighbouring", "neighboring"}
_SCAN_STOP = {"that", "which", "who", "is", "are", "was", "were", "has", "have", "had", "said", "says", "told",
              "and", "but", "or", "while"}
_NOT_ORIGIN_NOUNS = {"approval", "request", "permission", "support", "help", "assistance", "pressure",
                     "reports", "report", "statement", "news", "officials", "calls", "orders", "word", "comment"}
_ORG_NOUN = re.compile(
    r"['’]?s?\s+(?:government|regime|authorities|officials?|forces|army|military|ministry|embassy|police|navy|"
    r"leadership|administration|parliament|media|troops|authority|allegations|reports|counterparts?|"
    r"air\s+force|air\s+defen[cs]es?|defen[cs]e\s+ministry|foreign\s+ministry|president|prime\s+minister|"
    r"leaders?|spokes(?:man|woman|person)|envoy|delegation|state\s+media|news\s+agency)\b", re.IGNORECASE)
_COMPLEMENT_END = re.compile(r"\band\s+(?:said|added|stated|insisted|stressed|claimed)\b|,\s*but\b|;|\bwhile\b")
_CHANNEL = re.compile(
    r"\btold\s+(?:the\s+)?(?P<told>[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,3})"
    r"|\b(?:on|in)\s+(?:an?\s+|its\s+|his\s+|her\s+|their\s+|the\s+)?(?:official\s+)?"
    r"(?P<social>(?:Facebook|Twitter|X|Telegram|Instagram|YouTube|VKontakte|Weibo|WhatsApp)(?:\s+(?:page|account|channel|post|"
    r"feed|video))?)"
    r"|\bon\s+(?P<broadcast>(?:[\w-]+\s+){0,2}?(?:television|TV|radio))\b"
    r"|\b(?:in|at|during)\s+an?\s+(?P<genre>(?:written\s+|joint\s+|televised\s+|video\s+)?(?:statement|interview|"
    r"press\s+release|news\s+conference|press\s+conference|briefing|speech|address|tweet|post|video|letter))\b"
)
_THEIR_AIRSPACE = re.compile(r"\b(?:through|over|across|via)\s+(?:their|its|the)\s+(?:air\s?space|skies|territory)\b")
_QUANTITY = re.compile(
    r"(?<![\w-])(?:a total of |all |at least |more than |some )?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|dozens of|hundreds of)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:missiles|rockets|ships|warships|warplanes|jets|aircraft|planes|targets|F-16s|people|civilians|soldiers|"
    r"troops|drones|projectiles|bombs|sorties)\b", re.IGNORECASE)
# Where a quantity can begin (its optional lead words, else its number): the full pattern is tried only there.
_QUANTITY_STARTS = re.compile(
    r"(?<![\w-])(?:a total of |all |at least |more than |some |\d|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|dozens of|hundreds of)", re.IGNORECASE)

_DATELINE_END = re.compile(r"\s*(?:,|—|–|-|\()")
_COUNTERPARTS = re.compile(r"\s+(?:with\s+)?((?:[A-Z][\w.’'-]*\s+|(?:of|the|and|general|secretary|chief|minister|"
                           r"president|foreign|defence|defense|prime)\s+){0,7}[A-Z][\w.’'-]*)")
_AND = re.compile(r"\s+and\s+")
_AND_OR_GAP = re.compile(r"\s*(?:,|and|or|, and|, or)\s*")
_AND_GAP = re.compile(r"\s*(?:,|and|, and)\s*")
_LOCATIVE = re.compile(r"\s*(?:\S+\s+){0,6}?(?:in|at|from)\s")
_INSTEAD_OF = re.compile(r"\binstead\s+of\s+(?:the\s+)?$")
_OF = re.compile(r"\s+of\b")
_WORDS = re.compile(r"[A-Za-z’'-]+")
_REPORTS_BY = re.compile(r"\s+(?:by|from)\s+((?:[\w.’'-]+\s+){0,5}?[\w.’'-]+)\s+that\b")
_CAPITALISED_TAIL = re.compile(r"((?:[A-Z][\w.’'-]*\s+){1,4})$")


def extract(article: Article, timexes: list[TimeExpr], places: list[PlaceMention],
            quotes: list[Attribution], gazetteer=None) -> list[EventMention]:
    """Event mentions of one article, in reading order; `gazetteer` tells actors' countries."""
    mentions: list[EventMention] = []
    last_speaker: str | None = None
    dateline = _dateline(article, places)
    in_sentence_times = _by_offset(timexes)
    in_sentence_places = _by_offset(places)
    for sentence in sentences(article.body, article.body_start):
        found = trig.find(sentence.text, sentence.start)
        if not found:
            continue
        sent_times = [t for t in in_sentence_times(sentence) if t.dates_an_event]
        sent_places = in_sentence_places(sentence)
        frames = list(_FRAMES.finditer(sentence.text))
        clause = _Clause(sentence, found, sent_times, sent_places, frames)
        first_index = len(mentions)
        for trigger in _outermost(found):
            mention = _mention(article, clause, trigger, quotes)
            mention = _coordinated_subject(mention, sentence, frames, mentions[first_index:])
            mention, last_speaker = _resolve_pronouns(mention, last_speaker)
            if gazetteer is not None:
                codes = tuple(dict.fromkeys(c for c in (act.affiliation(a, gazetteer) for a in mention.actors) if c))
                if codes:
                    mention = _with(mention, actor_countries=codes)
            if dateline and mention.type in trig.SPEECH_TYPES and not mention.places and mention.actor_countries \
                    and all(c == dateline.country_code for c in mention.actor_countries):
                mention = _with(mention, places=(PlaceRole("location", dateline),))
            if mention.type == "casualties" and len(mentions) > first_index:
                # "..., killing two people": the deaths happened where and when the event before them did.
                previous = mentions[-1]
                if not mention.places:
                    mention = _with(mention, places=tuple(PlaceRole("location", r.place)
                                                            for r in previous.places if r.role != "origin"))
                if mention.date_precision == "reported" and previous.date_precision != "reported":
                    mention = _with(mention, date_start=previous.date_start, date_end=previous.date_end,
                                      date_precision=previous.date_precision, date_rule=previous.date_rule,
                                      date_text=previous.date_text)
            mentions.append(mention)
        _fold_participles(mentions, first_index)
        _link_denials(mentions, first_index)
    return mentions


def _coordinated_subject(mention: EventMention, sentence: Span, frames: list[re.Match[str]],
                         earlier: list[EventMention]) -> EventMention:
    """ "The ministry said ... and denied targeting civilians": the second verb shares the subject of the first
    verb of its kind (a speech verb for a denial, an event verb otherwise)."""
    if mention.actors:
        return mention
    before = sentence.text[:mention.trigger.start - sentence.start]
    # The pattern ends in spaces after one of these words: a quick test first.
    if not before.rstrip().endswith(("and", "also", "later", "then")) or not _COORDINATED.search(before):
        return mention
    if mention.type in trig.SPEECH_TYPES:
        verbs = [m.start() for m in frames if m.end() <= len(before)]
        verbs += [e.trigger.start - sentence.start for e in earlier if e.type in trig.SPEECH_TYPES]
    else:
        verbs = [e.trigger.start - sentence.start for e in earlier if e.type not in trig.SPEECH_TYPES]
    if not verbs:
        return mention
    actors = tuple(act.subject(before[:max(verbs)]))
    if not actors:
        return mention
    claimant = actors[0] if mention.type in trig.SPEECH_TYPES else mention.claimant
    return _with(mention, actors=actors, claimant=claimant)


def _fold_participles(mentions: list[EventMention], first: int) -> None:
    """ "launched missiles at Raqqa, flying over Iran and Iraq": the participle is the launch's route,
    not an event of its own."""
    i = max(first + 1, 1)
    while i < len(mentions):
        mention, previous = mentions[i], mentions[i - 1]
        if (i > first and mention.type == "movement" and mention.trigger.text.lower().split()[0].endswith("ing")
                and previous.type in _DIRECTED and previous.sentence == mention.sentence
                and mention.sentence.text[:mention.trigger.start - mention.sentence.start].rstrip().endswith(",")
                and not _clause_break(mention.sentence.text[previous.trigger.end - mention.sentence.start:
                                                                   mention.trigger.start - mention.sentence.start])):
            taken = {r.place.place_id for r in previous.places}
            route = tuple(PlaceRole("via", r.place) for r in mention.places if r.place.place_id not in taken)
            mentions[i - 1] = _with(previous, places=previous.places + route)
            del mentions[i]
            continue
        i += 1


def _dateline(article: Article, places: list[PlaceMention]) -> PlaceMention | None:
    """ "MOSCOW, Russian Federation. ...": where the article's statements were made."""
    body = article.body
    lead = len(body) - len(body.lstrip())
    for place in places:
        offset = place.start - article.body_start
        if offset == lead and place.text.isupper() and _DATELINE_END.match(body, offset + len(place.text)):
            return place
    return None


def _outermost(found: list[trig.Trigger]) -> list[trig.Trigger]:
    """Triggers not nested inside a longer one."""
    return [t for t in found if not any(o is not t and o.start <= t.start and t.end <= o.end for o in found)]


# Every field of an EventMention with its default, in declaration order (required ones as None, always given).
_MENTION_FIELDS = {f.name: None if f.default is MISSING else f.default for f in fields(EventMention)}


def _new_mention(**values) -> EventMention:
    """`EventMention(**values)` without the field-by-field __init__ of a frozen dataclass, as `_with` does: a
    sentence's mentions are built by the thousand."""
    new = object.__new__(EventMention)
    new.__dict__.update(_MENTION_FIELDS, **values)
    return new


def _with(mention: EventMention, **changes) -> EventMention:
    """`dataclasses.replace` for an EventMention, without the field-by-field __init__ of a frozen dataclass
    (EventMention has no __post_init__ and no slots: its __dict__ is the whole record)."""
    new = object.__new__(EventMention)
    new.__dict__.update(mention.__dict__, **changes)
    return new


def _by_offset(items: list):
    """A function from a sentence to the items starting inside it, in their order: by bisection when the
    items are sorted by offset, as the taggers give them, else by a scan."""
    starts = [item.start for item in items]
    if any(a > b for a, b in zip(starts, starts[1:])):
        return lambda sentence: [item for item in items if sentence.start <= item.start < sentence.end]
    return lambda sentence: items[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]


class _Clause:
    """What every trigger of one sentence shares, computed once: the triggers, dated expressions, places and
    speech frames, which verb each date modifies and which trigger each place belongs to."""

    def __init__(self, sentence: Span, found: list[trig.Trigger], times: list[TimeExpr], places: list[PlaceMention],
                 frames: list[re.Match[str]]):
        self.sentence, self.found, self.times, self.places, self.frames = sentence, found, times, places, frames
        self._attached: list[tuple[int, int] | None] | None = None
        self._owners: list[trig.Trigger | None] | None = None

    @property
    def attached(self) -> list[tuple[int, int] | None]:
        """The verb each dated expression modifies."""
        if self._attached is None:
            self._attached = [_attached_verb(self.sentence, timex, self.verbs) for timex in self.times]
        return self._attached

    @property
    def verbs(self) -> list[tuple[int, int]]:
        start = self.sentence.start
        return [(t.start, t.end) for t in self.found] + [(m.start() + start, m.end() + start) for m in self.frames]

    @property
    def frame_verbs(self) -> set[tuple[int, int]]:
        start = self.sentence.start
        return {(m.start() + start, m.end() + start) for m in self.frames}

    @property
    def owners(self) -> list[trig.Trigger | None]:
        """The trigger each place belongs to."""
        if self._owners is None:
            self._owners = [_owner(self.sentence, place, self.found) for place in self.places]
        return self._owners


def _mention(article, clause: _Clause, trigger: trig.Trigger, quotes) -> EventMention:
    sentence, frames = clause.sentence, clause.frames
    start, end, precision, rule, date_text = _date(article, clause, trigger)
    quote = _quote_around(quotes, trigger.start)
    before = sentence.text[:trigger.start - sentence.start]
    actors = act.subject(before) or [p for p in [act.pronoun_subject(before)] if p]
    if trigger.type == "meeting":
        actors += [a for a in _counterparts(sentence, trigger) if a not in actors]
    claimant, stance = _attribution(sentence, trigger, frames, quote, article, actors)
    return _new_mention(
        article_id=article.id,
        type=trigger.type,
        trigger=Span(trigger.start, trigger.end, trigger.text),
        sentence=sentence,
        date_start=start,
        date_end=end,
        date_precision=precision,
        date_rule=rule,
        date_text=date_text,
        places=tuple(_roles(clause, trigger)),
        actors=tuple(actors),
        claimant=claimant,
        stance=stance,
        negated=trigger.negated,
        hedged=trigger.hedged,
        planned=trigger.type not in trig.SPEECH_TYPES and is_future(article.text, trigger.start, trigger.end),
        quantity=_quantity(sentence, trigger),
        channel=_channel(sentence) if trigger.type in trig.SPEECH_TYPES or claimant != article.source else None,
    )


def _quote_around(quotes: list[Attribution], position: int) -> Attribution | None:
    """The first quotation holding the position, if any."""
    for attribution in quotes:
        if attribution.quote.start <= position < attribution.quote.end:
            return attribution
    return None


def _counterparts(sentence: Span, trigger: trig.Trigger) -> list[str]:
    """ "met NATO chief Mark Rutte", "talks with Iranian officials": who else took part."""
    after = sentence.text[trigger.end - sentence.start:]
    match = _COUNTERPARTS.match(after)
    if not match:
        return []
    return [a for a in (act.clean_actor(part) for part in _AND.split(match.group(1))) if a]


def _date(article, clause: _Clause, trigger):
    """The date of the timex attached to this trigger; else the date it was reported."""
    if clause.times:
        attached = clause.attached
        for timex, verb in zip(clause.times, attached):
            if verb == (trigger.start, trigger.end):
                return timex.first_day, timex.last_day, timex.precision, f"dated by '{timex.text}' ({timex.rule})", timex.text
        # Undated: it happened on or before it was reported; a dated "said on ..." frame is the report date.
        frame_verbs = clause.frame_verbs
        for timex, verb in zip(clause.times, attached):
            if timex.precision == "day" and timex.start < trigger.start and verb in frame_verbs:
                return (timex.first_day, timex.first_day, "reported",
                        f"undated; placed at the date it was reported ('{timex.text}')", None)
    if article.published is None:
        return None, None, "unknown", "undated, and the article has no publication date", None
    return (article.published, article.published, "reported",
            f"undated; placed at the article's publication date {article.published.isoformat()}", None)


def _attached_verb(sentence: Span, timex: TimeExpr, verbs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The verb a time adverbial modifies: the last one before it in its clause ("landed in Iran on
    Wednesday"), else the first after it ("On Thursday, officials told CNN")."""
    after = [v for v in verbs if v[0] >= timex.end]
    rest = sentence.text[timex.end - sentence.start:]
    if after and _PREMODIFIER.match(rest[:min(after)[0] - timex.end]):
        return min(after, key=lambda v: v[0])  # "Monday's missile strike", "an April 1 attack": it dates its noun
    before = [v for v in verbs if v[1] <= timex.start
              and not _clause_break(sentence.text[v[1] - sentence.start:timex.start - sentence.start])]
    if before:
        return max(before, key=lambda v: v[1])
    return min(after, key=lambda v: v[0]) if after else None


def _roles(clause: _Clause, trigger: trig.Trigger) -> list[PlaceRole]:
    """The places that are arguments of this trigger, each with its role."""
    sentence, places = clause.sentence, clause.places
    roles: list[PlaceRole] = []
    if not places:
        return roles
    for place, owner in zip(places, clause.owners):
        if owner is not trigger:
            continue
        role = _role(sentence, place, trigger)
        if role is None and roles and _coordinated(sentence, roles[-1].place, place):
            role = roles[-1].role  # "over Iran and Iraq": the preposition covers both
        if role is not None:
            roles.append(PlaceRole(role, place))
    if trigger.type in _DIRECTED:
        roles += _their_airspace(sentence, trigger, places, roles)
    return roles


def _coordinated(sentence: Span, first: PlaceMention, second: PlaceMention) -> bool:
    gap = sentence.text[first.end - sentence.start:second.start - sentence.start]
    return bool(_AND_OR_GAP.fullmatch(gap))


def _clause_break(text: str) -> bool:
    """Whether `text` holds a clause boundary; most stretches between a verb and a place or a date hold none of
    its words, which a substring test tells faster than the search."""
    return _CLAUSE_BREAK_PIECES.search(text) is not None and _CLAUSE_BREAK.search(text) is not None


def _owner(sentence: Span, place: PlaceMention, found: list[trig.Trigger]) -> trig.Trigger | None:
    """The trigger a place belongs to: the one containing it, the nearest before it in its clause, else the next."""
    for t in found:
        if t.start <= place.start < t.end:
            return t
    before = [t for t in found if t.end <= place.start]
    after = [t for t in found if t.start >= place.end]
    if before:
        previous = before[-1]
        between = sentence.text[previous.end - sentence.start:place.start - sentence.start]
        same_clause = not _clause_break(between)
        locative = _LOCATIVE.match(between)
        if same_clause and (previous.type not in trig.SPEECH_TYPES or locative):
            return previous
        if not after:
            return previous if same_clause else None
    return after[0] if after else None


def _role(sentence: Span, place: PlaceMention, trigger: trig.Trigger) -> str | None:
    """origin, via, destination or location; None when the place is no argument ("US allegations")."""
    # From the trigger's start: "flying over Iran" carries its preposition inside the trigger.
    limit = trigger.start if trigger.end <= place.start else sentence.start
    local = sentence.text[limit - sentence.start:place.start - sentence.start]
    after = sentence.text[place.end - sentence.start:]
    if ("instead" in local and _INSTEAD_OF.search(local)) or _ORG_NOUN.match(after):
        return None
    if place.rule == "demonym" and _OF.match(after):
        return None  # "the Syrian city of Raqqa": the city is the place
    if place.kind == "airspace":
        return "via" if trigger.type in _DIRECTED else "location"
    role = _preposition_role(local)
    if role is None:
        return None
    if trigger.type in trig.SPEECH_TYPES:
        return "location" if role in ("location", "origin") else None
    if trigger.type not in _DIRECTED:
        return "origin" if role == "origin" and trigger.type == "crash" else "location"
    if trigger.type == "strike" and role == "via":
        return "location"  # "struck over Kyiv": where it hit, not a route
    if trigger.type == "strike" and role == "location":
        return "destination"
    return role


def _preposition_role(local: str) -> str | None:
    """The role given by the prepositions just before a place; an inner "in" defers to an outer one.

    The search stops at a comma or a clause word: "at Kyiv overnight, Ukraine's" gives Ukraine no role.
    """
    words = _WORDS.findall(local.rsplit(",", 1)[-1])[-12:]
    role = None
    for distance, word in enumerate(reversed(words)):
        lowered = word.lower()
        if lowered in _SCAN_STOP:
            break
        candidate = _ROLE_PREPOSITIONS.get(lowered)
        if candidate is None:
            continue
        index = len(words) - 1 - distance
        if lowered == "to" and index + 1 < len(words) and _infinitive(words[index + 1]):
            break  # "to avoid": a verb follows, not a place
        if candidate == "origin" and index > 0 and words[index - 1].lower() in _NOT_ORIGIN_NOUNS:
            return None if role is None else role
        if candidate == "location" and role is None:
            role = "location"
            continue
        role = candidate if role in (None, "location") else role
        break
    return role


def _infinitive(word: str) -> bool:
    return word[:1].islower() and word.lower() not in _DETERMINERS


def _their_airspace(sentence: Span, trigger: trig.Trigger, places: list[PlaceMention], roles) -> list[PlaceRole]:
    """ "... approval from Iran and Iraq ... through their airspace": the named countries are the route."""
    text = sentence.text
    match = _THEIR_AIRSPACE.search(text) if "air" in text or "skies" in text or "territory" in text else None
    if not match:
        return []
    at = match.start() + sentence.start
    taken = {r.place.place_id for r in roles}
    countries = [p for p in places if p.end <= at and p.kind == "country"]
    group = _coordinated_tail(sentence, countries)
    return [PlaceRole("via", p) for p in group if p.place_id not in taken]


def _coordinated_tail(sentence: Span, countries: list[PlaceMention]) -> list[PlaceMention]:
    """The last run of places joined by 'and' or commas: 'Iran and Iraq'."""
    group: list[PlaceMention] = []
    for place in reversed(countries):
        if group:
            gap = sentence.text[place.end - sentence.start:group[0].start - sentence.start]
            if not _AND_GAP.fullmatch(gap):
                break
        group.insert(0, place)
    return group


def _attribution(sentence, trigger, frames, quote: Attribution | None, article: Article, actors: list[str]):
    """Who asserts the event, and how: in a quotation, framed by "X said that", or by the article."""
    if trigger.type in trig.SPEECH_TYPES:
        return (actors[0] if actors else quote.speaker if quote else None), "asserted"
    if quote is not None and quote.speaker:
        return quote.speaker, "asserted"
    before = sentence.text[:trigger.start - sentence.start]
    framing = [m for m in frames if m.end() <= len(before)]
    if framing:
        return _frame_speaker(before, framing[-1]), "reported"
    after = trigger.end - sentence.start
    for post in _POSTPOSED.finditer(sentence.text, after):
        who = post.group("who") or post.group("source")
        speakers = act.subject(who) if post.group("who") else [act.clean_actor(who)]
        if speakers and speakers[0]:
            return speakers[0], "reported"
    return article.source, "asserted"


def _frame_speaker(before: str, frame: re.Match[str]) -> str | None:
    word = frame.group().lower()
    if word in _PARTICIPIAL_FRAMES:  # "..., the air force said, adding that ...": the speaker said it first
        said = list(_POSTPOSED.finditer(before[:frame.start()].rstrip(" ,") + ","))
        who = said[-1].group("who") if said else None
        speakers = act.subject(who) if who else act.subject(before[:frame.start()].rstrip(" ,"))
        return speakers[0] if speakers else None
    if word in ("reports", "report", "claims", "claim", "allegations", "allegation"):
        by = _REPORTS_BY.match(before, frame.end())
        if by:
            return act.clean_actor(by.group(1))
        head = _CAPITALISED_TAIL.search(before[:frame.start()])
        return head.group(1).strip() if head else None
    speakers = act.subject(before[:frame.start()])
    return speakers[0] if speakers else None


def _resolve_pronouns(mention: EventMention, last_speaker: str | None) -> tuple[EventMention, str | None]:
    """ "He warned", "they retorted": the pronoun is the last speaker named before."""
    claimant = mention.claimant
    if act.is_pronoun(claimant) or (claimant is None and mention.type in trig.SPEECH_TYPES):
        claimant = last_speaker
    actors = tuple(last_speaker if act.is_pronoun(a) and last_speaker else a for a in mention.actors)
    if mention.type in trig.SPEECH_TYPES and claimant and not act.is_pronoun(claimant):
        last_speaker = claimant
    if claimant == mention.claimant and actors == mention.actors:
        return mention, last_speaker
    return _with(mention, claimant=claimant, actors=actors), last_speaker


def _channel(sentence: Span) -> str | None:
    """How a claim was made, as the sentence says: "told CNN", "on Facebook", "on state television"."""
    return _channel_of(sentence.text)


@lru_cache(maxsize=64)
def _channel_of(text: str) -> str | None:
    """`_channel` by the sentence's text: cached, as every claim of a sentence asks."""
    match = _CHANNEL.search(text)
    if match is None:
        return None
    if match.group("told"):
        return match.group("told")
    return " ".join(next(g for g in match.groups() if g).split())


def _quantity(sentence: Span, trigger: trig.Trigger) -> str | None:
    """The quantity nearest the trigger in its sentence."""
    found = _quantities(sentence.text)
    if not found:
        return None
    return min(found, key=lambda q: abs(q[0] + sentence.start - trigger.start))[1]


@lru_cache(maxsize=64)
def _quantities(sentence: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in matches_at(_QUANTITY_STARTS, _QUANTITY, sentence)]


def _link_denials(mentions: list[EventMention], first: int) -> None:
    """A denial disputes the last event of its complement: "denied reports that missiles crashed".

    The complement ends where the denial's clause does: in "denied targeting civilians and said its
    strikes hit military sites", the strikes are asserted, not denied.
    """
    for i in range(first, len(mentions)):
        denial = mentions[i]
        if denial.type != "denial":
            continue
        claims = []
        for j in range(i + 1, len(mentions)):
            between = denial.sentence.text[denial.trigger.end - denial.sentence.start:
                                           mentions[j].trigger.start - denial.sentence.start]
            if mentions[j].sentence != denial.sentence or _COMPLEMENT_END.search(between):
                break
            if mentions[j].type not in trig.SPEECH_TYPES:
                claims.append(j)
        if claims:
            mentions[i] = _with(denial, denies=claims[-1])
            # The denier does not assert what it denies: the claim's author is whoever made it, not named here.
            denied = mentions[claims[-1]]
            claimant = None if denied.claimant == denial.claimant else denied.claimant
            mentions[claims[-1]] = _with(denied, stance="disputed", claimant=claimant)
