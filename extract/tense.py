"""Whether a clause speaks of the future: the tense markers nearest an expression decide.

Dates need it (a bare "Friday" in "talks will resume Friday" is the next
one) and events need it (a meeting that "is due to" happen is planned, not
past). A few word lists, not a parser: the nearest future marker against
the nearest past one, in words, on the expression's side of any quotation.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PUNCTUATION = ".,;:!?\"'“”‘()[]—–-"
_FUTURE_WORDS = {"will", "won't", "shall", "would", "could", "might", "planned", "scheduled", "postponed", "delayed",
                 "adjourned", "deferred", "rescheduled"}
_FUTURE_PAIRS = {("is", "to"), ("are", "to"), ("going", "to"), ("plan", "to"), ("plans", "to"), ("expected", "to"),
                 ("due", "to"), ("set", "to"), ("intend", "to"), ("intends", "to"), ("pushed", "back"), ("put", "off")}
_PAST_WORDS = {"was", "were", "had", "did", "said", "told", "wrote", "met", "began", "took", "hit", "struck", "couldn't"}
_NOT_PAST = {"indeed", "need", "speed", "proceed", "succeed", "exceed", "breed", "hundred", "embed"}
_BE = {"be", "been", "being", "is", "are", "am"}
REPORTING_VERBS = ("said", "says", "told", "announced", "stated", "added", "claimed", "reported", "wrote", "noted")
# Every word a test of `_markers` can hold for, and the endings of the rest.
_MARKER_WORDS = {"could", "might"} | _FUTURE_WORDS | {first for first, _ in _FUTURE_PAIRS} | _PAST_WORDS
_MARKER_ENDINGS = ("'ll", "ed")
# A sentence end before a capital or an opening quote, a semicolon or a line break. Written to start with one
# character class, which the regex engine skips to directly: the same matches as "[.!?][\"”’)]*\s+(?=[A-Z\"“‘(])|[;\n]".
_BOUNDARY = re.compile(r"[.!?;\n](?:(?<=[.!?])[\"”’)]*\s+(?=[A-Z\"“‘(])|(?<=[;\n]))")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


@lru_cache(maxsize=256)
def _markers(clause: str) -> tuple[tuple[int, bool, int], ...]:
    """(word index, is future, extra distance) of each tense marker; cached, as every event of a sentence asks.

    Words are split on spaces with punctuation stripped, "won’t" spelt "won't"; reporting verbs count as a
    little further away than they are, so "said" does not outweigh the tense of the reported clause.
    """
    words = [w.strip(_PUNCTUATION) for w in clause.lower().replace("’", "'").split()]
    found = []
    for i, word in enumerate(words):
        if word not in _MARKER_WORDS and not word.endswith(_MARKER_ENDINGS):
            continue  # no test below can hold
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in ("could", "might") and following in ("not", "have"):
            found.append((i, False, 0))  # "could not agree", "might have hit": looking back
        elif word in _FUTURE_WORDS or word.endswith("'ll") or (word, following) in _FUTURE_PAIRS:
            if not (word == "would" and following == "have"):  # "would have" looks back
                found.append((i, True, 0))
        elif word in _PAST_WORDS or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST
                                     and not (i and words[i - 1] in _BE)):
            found.append((i, False, 6 if word in REPORTING_VERBS else 0))
    return tuple(found)


def is_future(text: str, start: int, end: int) -> bool:
    return tense(text, start, end) == "future"


def tense(text: str, start: int, end: int) -> str | None:
    """ "future" or "past" for the clause around text[start:end], by the nearest tense marker; None if it has none.

    Only the words on the expression's side of any quotation count: in "“We will respond,” he said on
    Saturday", Saturday is past. A participle after "be" ("due to be published") is not a past tense.
    """
    clause_start, clause_end = _clause(text, start, end)
    clause = text[clause_start:clause_end]
    here = start - clause_start
    if '"' in clause or "“" in clause:
        quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(clause)]
        inside = [q for q in quotes if q[0] <= here < q[1]]
        if inside:
            lo, hi = inside[0]
            clause, here = clause[lo:hi], here - lo
        else:
            for lo, hi in reversed(quotes):
                clause = clause[:lo] + " " * (hi - lo) + clause[hi:]
    here = len(clause[:here].split())  # distances are in words
    markers = _markers(clause)
    future = [abs(i - here) for i, is_future_marker, _ in markers if is_future_marker]
    past = [abs(i - here) + extra for i, is_future_marker, extra in markers if not is_future_marker]
    if not future and not past:
        return None
    return "future" if future and (not past or min(future) <= min(past)) else "past"


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause around text[start:end] within 200 characters each way; the full stop of
    "Sept." or "U.S." does not end it."""
    window = max(0, start - 200)
    clause_start = window
    for boundary in _BOUNDARY.finditer(text, window, start):
        clause_start = boundary.end()
    following = _BOUNDARY.search(text, end, min(len(text), end + 200))
    return clause_start, following.start() if following else min(len(text), end + 200)
