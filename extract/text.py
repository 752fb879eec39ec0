"""Sentences and quotations, found with a few fast rules.

A rule-based splitter here rather than pysbd or NLTK: pysbd costs about a
millisecond a sentence (the extractors must do thousands of articles a
second) and NLTK's Punkt model is a download. News prose needs little more
than abbreviations, initials and closing quotes handled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .records import Span

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt rep sen gov pres st sr jr
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    no vs etc inc corp ltd co dept est approx fig al ft mt u.s u.k u.n e.u d.c a.m p.m""".split()
)

# Full stops, question or exclamation marks, closing quotes or brackets, then space; or a line break. Written to
# start with one character class, which the regex engine skips to directly: the same matches as
# "[.!?]+[\"”’)\]]*\s+|\n\s*", scanned about four times as fast.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’)\]]*\s+|(?<=\n)\s*)")
_OPEN = "“\""
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
_QUOTE_PAIRS = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


@lru_cache(maxsize=16)
def sentences(text: str, offset: int = 0) -> list[Span]:
    """Split `text` into sentences; spans are shifted by `offset`. Cached: every extractor asks."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if "\n" not in match.group() and not _is_sentence_end(text, match.start(), end):
            continue
        _add(spans, text, start, end, offset)
        start = end
    _add(spans, text, start, len(text), offset)
    return spans


def sentence_at(text: str, position: int, offset: int = 0) -> Span | None:
    """The sentence around text[position - offset], splitting only its paragraph: a line break always ends one."""
    local = position - offset
    first = text.rfind("\n", 0, local) + 1
    last = text.find("\n", local)
    last = len(text) if last < 0 else last
    return inside(position, sentences(text[first:last], offset + first))


def _is_sentence_end(text: str, mark: int, after: int) -> bool:
    if after >= len(text):
        return True
    following = text[after]
    if not (following.isupper() or following.isdigit() or following in _OPEN + "‘'(["):
        return False
    if text[mark] != ".":
        return True
    begin = mark
    while begin > 0 and mark - begin < 40 and (text[begin - 1].isalnum() or text[begin - 1] in "._"):
        begin -= 1
    if begin == mark:
        return True
    token = text[begin:mark].lower().rstrip(".")
    if token in ABBREVIATIONS:
        return False
    # An initial ("George W. Bush") or a dotted acronym ("U.S. officials").
    return not (len(token) == 1 or _ACRONYM.fullmatch(token))


def _add(spans: list[Span], text: str, start: int, end: int, offset: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    e = s + len(stripped)
    spans.append(Span(s + offset, e + offset, stripped))


def trie(words: set[str]) -> str:
    """An alternation of `words` factored by common prefix: Python's re tries plain alternatives one by one."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def matches_at(starts: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Non-overlapping non-empty matches of `pattern`, tried only where `starts` matches.

    A large alternation is slow to try at every character; a cheap pattern of
    the words its matches can begin with narrows the positions to a few.
    """
    position = 0
    for start in starts.finditer(text):
        if start.start() < position:
            continue
        match = pattern.match(text, start.start())
        if match and match.end() > match.start():
            position = match.end()
            yield match


def quotations(text: str, offset: int = 0) -> list[Span]:
    """Quoted passages (curly or straight double quotes), quote marks included."""
    return [Span(m.start() + offset, m.end() + offset, m.group()) for m in _QUOTE_PAIRS.finditer(text)]


def quote_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage: `quotations` without the text, for a quick test."""
    return [(m.start() + offset, m.end() + offset) for m in _QUOTE_PAIRS.finditer(text)]


def inside(position: int, spans: list[Span]) -> Span | None:
    for span in spans:
        if span.start <= position < span.end:
            return span
    return None
