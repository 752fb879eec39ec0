"""The event taxonomy and the words that trigger each type, in all inflections.

In the spirit of PLOVER/CAMEO, sized for reports of military incidents and
the diplomacy around them. Negation and hedging are attributes of an event,
found around its trigger, never separate events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import trie

TAXONOMY: dict[str, str] = {
    "launch": "launch or firing of missiles, rockets or other weapons",
    "strike": "strike or impact on a target",
    "interception": "interception or downing of a missile, drone or aircraft",
    "crash": "crash or landing of a weapon or aircraft off its target",
    "campaign": "start or expansion of a military campaign",
    "movement": "flight, deployment or movement of forces",
    "diversion": "diversion or rerouting of aircraft or ships",
    "airspace_violation": "violation of a country's airspace",
    "statement": "announcement or statement",
    "denial": "denial or rejection of a claim",
    "accusation": "accusation, criticism or warning",
    "meeting": "meeting or talks",
    "agreement": "agreement or cooperation",
    "casualties": "deaths or injuries",
}
SPEECH_TYPES = {"statement", "denial", "accusation"}

_LEXICON: dict[str, str] = {
    "campaign": r"(?:launch(?:ed|es|ing)?|beg[ia]n|start(?:ed|s)?|expand(?:ed|s)?)\s+(?:(?:its|their|a|an|the|his|her)\s+)?(?:\w+\s+){0,2}?(?:campaign|operation|offensive)",
    "airspace_violation": r"violat(?:e|ed|es|ing|ion|ions)\s+(?:of\s+)?(?:[\w’'-]+\s+){0,2}airspace|incursions?\s+into"
                          r"|(?:enter(?:ed|s|ing)?|crossed\s+into|stray(?:ed|s)?\s+into)\s+(?:[\w’'-]+\s+){0,2}"
                          r"(?:air\s?space|territory)",
    "launch": r"launch(?:ed|es|ing)?(?:\s+(?:an?|the|its|their|a\s+new)\s+(?:[\w-]+\s+)?attacks?\b)?|fir(?:ed|ing)\b(?!\s+(?:from\s+)?(?:his|her|their)\s+job)"
              r"|fires?\b(?=\s+(?:at|on|missiles|rockets|shells|drones|a\s+missile|a\s+rocket)\b)",
    "strike": r"(?<!ship )strikes?(?!\s+group)|struck|hits?\b|bomb(?:ed|ing|s)\b|shell(?:ed|ing)\b|air\s?strikes?"
              r"|engaged\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+){0,2}targets|(?<!heart )(?<!cyber )(?<!cyber-)attack(?:ed|s|ing)?\b"
              r"|damag(?:ed|es|ing)\b|suffered\s+(?:\w+\s+)?damage",
    "interception": r"sh(?:o|oo)t(?:s|ing)?\s+down|intercept(?:ed|s|ing|ion|ions)?\b|downed",
    "crash": r"crash(?:ed|es|ing)?|landed|land(?:s|ing)?(?=\s+(?:in|on|near|inside|short|outside))|came\s+down|went\s+down|fell\s+(?:short|in|on|into)",
    "diversion": r"divert(?:ed|ing|s)?|rerout(?:ed|e|es|ing)|change\s+their\s+flight\s+paths",
    "movement": r"took\s+off|tak(?:e|es|ing)\s+off|flew|fl(?:y|ies|ying|own)\s+over|deploy(?:ed|s|ing)|sail(?:ed|ing)"
                r"|on\s+their\s+way|scrambled",
    "denial": r"den(?:ied|ies|y|ying)|reject(?:ed|s|ing)?|refut(?:ed|es|ing)|dismiss(?:ed|es)|retorted",
    "accusation": r"accus(?:e|ed|es|ing|ation|ations)\b|threaten(?:ed|s|ing)?|warn(?:ed|s|ing)?|lash(?:ed|es)\s+out|call(?:ed|s)\s+out|condemn(?:ed|s|ing)?|criticiz(?:ed|es|ing)|criticis(?:ed|es|ing)|blam(?:ed|es|ing)",
    "meeting": r"(?<!be )(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )\bmet\b|meet(?:s|ing)?\b|talks\b|summit\b"
               r"|conven(?:e|ed|es|ing)\b",
    "agreement": r"agree(?:d|s|ment|ments)?\b|sign(?:ed|s|ing)?\s+(?:a|an|the)\s+(?:\w+\s+)?(?:deal|accord|treaty|memorandum)",
    "casualties": r"casualties|kill(?:ed|ing|s)\b|deaths|died|dies|dead\b|wound(?:ed|ing)\b|injur(?:e|ed|es|ing|ies)\b",
    "statement": r"announc(?:e|ed|es|ing|ement|ements)\b|claim(?:ed|s|ing)?\s+responsibility|confirm(?:ed|s|ing)\b",
}
_TRIGGERS = re.compile("|".join(f"(?P<{name}>\\b(?:{pattern}))" for name, pattern in _LEXICON.items()), re.IGNORECASE)
# Stems every trigger starts with, found in the lower-cased sentence: the full pattern is tried only there.
_STEM_WORDS = """launch fir strik struck hit bomb shell air engag sho intercept down enter cross stray scrambl fli flo
    crash land came went fell divert rerout change took tak flew fly deploy sail on den reject refut dismiss retort
    accus threaten warn lash call condemn critic blam met meet talk summit conven agree sign casualt kill death die dead
    attack damag suffer
    wound injur announc claim confirm violat incursion beg start expand""".split()
_STEMS = re.compile(rf"\b(?:{trie(set(_STEM_WORDS))})")  # factored by prefix: a plain alternation is slow
_STEMS_ANY_CASE = re.compile(_STEMS.pattern, re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|n[o’']t|never|no|neither|nor|without)\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(?:may|might|could|would|likely|possibly|probably|reportedly|allegedly|apparently|perhaps|appear(?:s|ed)? to)\b"
    r"(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
# A piece of every negation and hedge word, in lower case: a text without any of them is searched no further. The
# pieces avoid i, k and s, whose case-insensitive matches include other letters ("ı", "K", "ſ"), so every text
# the patterns match holds one once lower-cased.
_NEGATION_PIECES = re.compile("no|ne|n't|n’t|thout")  # not, no, nor, n't, never, neither, without
_HEDGE_PIECES = re.compile("may|ght|ould|ely|bly|dly|ntly|perhap|appear")


@dataclass(frozen=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str
    negated: bool
    hedged: bool


def find(sentence: str, offset: int = 0) -> list[Trigger]:
    """Event triggers of one sentence, with negation and hedging read from the words before them."""
    triggers = []
    lowered = sentence.lower()
    # Stems are found in the lower-cased text unless lower-casing moves offsets ("İ"); the triggers in the original.
    stems = _STEMS.finditer(lowered) if len(lowered) == len(sentence) else _STEMS_ANY_CASE.finditer(sentence)
    position = 0
    for stem in stems:
        if stem.start() < position:
            continue
        match = _TRIGGERS.match(sentence, stem.start())
        if match is None or match.end() == match.start():
            continue
        position = match.end()
        before = sentence[max(0, match.start() - 40):match.start()]
        lowered_before = before.lower()
        triggers.append(Trigger(
            type=match.lastgroup or "statement",
            start=match.start() + offset,
            end=match.end() + offset,
            text=match.group(),
            negated=_ends_with(_NEGATION, _NEGATION_PIECES, before, lowered_before),
            hedged=_ends_with(_HEDGE, _HEDGE_PIECES, before, lowered_before),
        ))
    return triggers


def _ends_with(pattern: re.Pattern[str], pieces: re.Pattern[str], before: str, lowered: str) -> bool:
    """Whether `pattern` finds its word at the end of `before`; searched only when `lowered` holds one of its
    pieces (plain strings, which the regex engine skips to), as few words before a trigger do."""
    return pieces.search(lowered) is not None and pattern.search(before) is not None
