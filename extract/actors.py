"""Who acted: the subject noun phrase before a trigger, with titles stripped from names.

A shallow reading of English word order, not a parser: the subject is the
last noun phrase of the clause before the verb, skipping prepositional
phrases ("four missiles from a Russian ship in the Caspian Sea crashed").
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache

from .text import trie

PRONOUNS = {"he", "she", "they", "it", "we", "i", "one", "the other", "another", "there", "this", "who", "you"}
_CLAUSE_WORDS = {"that", "when", "while", "which", "who", "since", "because", "after", "before", "if", "as"}
# The words factored by prefix (a plain alternation is tried word by word); whole words, so one matches at most.
_BOUNDARY = re.compile(rf"[,;:“”\"()]|\b(?:{trie(_CLAUSE_WORDS)})\b")
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|will|would|could|can|may|might|must|should|did|does|do|not|n[o’']t|"
    r"also|reportedly|allegedly|vehemently|been|be|to|ordered|first|already|never|just|then|still|had to|"
    r"have to|has to|likely|later|finally|again|due to|expected to|set to|going to|scheduled to|plans to|"
    r"planning to|is to|are to|was to))+\s*$", re.IGNORECASE)
_PREPOSITIONS = {"from", "in", "on", "at", "to", "with", "by", "for", "into", "over", "through", "against",
                 "of", "about", "near", "across", "toward", "towards", "between", "among", "within", "without"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "two", "three", "four", "five", "six",
                "several", "some", "all", "both", "many", "senior", "unnamed", "unidentified", "other", "top",
                "former", "local", "foreign", "military", "defense", "defence", "u.s.", "us-led", "armed", "air",
                "naval", "coast", "border", "national", "state", "security", "interior", "regional", "emergency",
                "presidential", "ambulance", "rescue", "fire", "health", "intelligence", "press", "news", "civil",
                "aviation"}
AGENT_NOUNS = {
    "official", "officials", "ministry", "spokesman", "spokeswoman", "pilots", "pilot", "planes", "plane",
    "warplanes", "ships", "ship", "forces", "military", "troops", "government", "navy", "army", "jets", "jet",
    "aircraft", "missiles", "rockets", "projectiles", "president", "minister", "militants", "rebels",
    "fighters", "officers", "diplomats", "leaders", "police", "coalition", "authorities", "group", "drones",
    "soldiers", "commanders", "sources", "analysts", "force", "guard", "command", "office", "agency", "service",
    "services", "council", "committee", "governor", "mayor", "ambassador", "embassy", "administration",
    "spokesperson", "defences", "defenses", "battalion", "brigade", "unit", "units", "operators", "crew",
}
_TITLES = {
    "president", "prime", "minister", "defense", "defence", "secretary", "foreign", "general", "major",
    "captain", "admiral", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "chancellor", "king", "queen",
    "prince", "spokesman", "spokeswoman", "navy", "army", "colonel", "lieutenant", "commander", "gen",
    "governor", "regional", "mayor", "ambassador", "envoy", "commissioner", "ministry", "spokesperson",
}

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NAMES = re.compile(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?")
_POSSESSIVE = re.compile(r"['’]s$")


def subject(before: str) -> list[str]:
    """Actors named by the subject at the end of `before` (the sentence up to a verb)."""
    return list(_subject(before))


@lru_cache(maxsize=256)
def _subject(before: str) -> tuple[str, ...]:
    """`subject`, cached: the triggers after one speech frame all ask for the frame's speaker."""
    clause = _last_clause(before)
    if not clause.strip():
        # A relative clause: "F-16s that took off": the subject precedes the boundary.
        parts = _BOUNDARY.split(before)
        clause = _TRAILING.sub("", parts[-2]) if len(parts) > 1 else ""
    words = clause.split()
    for _ in range(4):
        phrase, rest = _last_noun_phrase(words)
        if not phrase:
            return ()
        if rest and rest[-1].lower() in _PREPOSITIONS:
            words = rest[:-1]  # a prepositional phrase; the subject is further left
            continue
        return tuple(_split(phrase))
    return ()


@lru_cache(maxsize=64)
def _last_clause(before: str) -> str:
    """The text after the last clause boundary, without trailing auxiliaries; cached, as `subject` and
    `pronoun_subject` read the same text one after the other."""
    return _TRAILING.sub("", _BOUNDARY.split(before)[-1])


def _last_noun_phrase(words: list[str]) -> tuple[list[str], list[str]]:
    i = len(words)
    while i > 0 and len(words) - i < 8:
        word = words[i - 1].strip(".’'")
        lowered = word.lower()
        if word[:1].isupper() or word[:1].isdigit() or lowered in AGENT_NOUNS or lowered in _DETERMINERS or lowered == "and":
            i -= 1
            continue
        break
    phrase = [w.strip("“”\"‘’") for w in words[i:]]
    phrase = [w for w in phrase if w]
    while phrase and phrase[0].lower() == "and":
        phrase = phrase[1:]
    content = [w for w in phrase if w.lower() not in _DETERMINERS and w.lower() != "and"]
    if not content or not any(w[:1].isupper() or w.lower().strip(".") in AGENT_NOUNS for w in content):
        return [], words[:i]
    return phrase, words[:i]


def _split(phrase: list[str]) -> list[str]:
    actors, current = [], []
    for word in phrase + ["and"]:
        if word.lower() == "and":
            cleaned = clean_actor(" ".join(current))
            if cleaned:
                actors.append(cleaned)
            current = []
        else:
            current.append(word)
    return actors


def clean_actor(text: str) -> str | None:
    """'Russian President Vladimir Putin' -> 'Vladimir Putin'; 'the Russian Navy' -> 'Russian Navy'."""
    text = _ARTICLE.sub("", text.strip(" .,'’"))
    words = text.split()
    if not words or text.lower() in PRONOUNS:
        return None
    i = 0
    while i < len(words) and (words[i].lower().strip(".") in _TITLES or
                              (i == 0 and words[i].endswith(("ian", "ish", "ese", "U.S.")))):
        i += 1
    name = words[i:]
    if i and len(name) >= 2 and all(w[0].isupper() for w in name):
        return " ".join(name)
    return " ".join(words)


_METONYM_POPULATION = 1_000_000


# Per gazetteer (held weakly, so a cache never keeps one alive): actor -> country code. Actors recur through an
# article and a corpus.
_AFFILIATIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_AFFILIATIONS_KEPT = 16384


def affiliation(actor: str, gazetteer) -> str | None:
    """The country an actor is named with: "Russian Navy" and "Russia's Defense Ministry" are RU."""
    try:
        known = _AFFILIATIONS.setdefault(gazetteer, {})
    except TypeError:  # a gazetteer that cannot be weakly referenced: no cache
        return _affiliation(actor, gazetteer)
    if actor not in known:
        if len(known) >= _AFFILIATIONS_KEPT:
            known.clear()
        known[actor] = _affiliation(actor, gazetteer)
    return known[actor]


def _affiliation(actor: str, gazetteer) -> str | None:
    for word in _NAMES.findall(actor):
        for candidate in (word, word.split()[0]):
            candidate = _POSSESSIVE.sub("", candidate)
            country = gazetteer.demonym(candidate)
            if country is None:
                found = gazetteer.lookup(candidate)
                if found and found[0].kind == "city" and found[0].population >= _METONYM_POPULATION \
                        and candidate == actor:
                    return found[0].country_code  # "Moscow denied": a capital-sized city stands for its state
                country = found[0] if found and found[0].kind == "country" else None
            if country is not None:
                return country.country_code
    return None


def pronoun_subject(before: str) -> str | None:
    """ "He is due to meet": a personal pronoun as the subject, for the caller to resolve."""
    clause = _last_clause(before).strip()
    return clause if clause.lower() in ("he", "she", "they", "we") else None


def is_pronoun(text: str | None) -> bool:
    return bool(text) and text.strip().lower() in PRONOUNS
