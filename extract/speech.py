"""Reported speech: who is quoted, where their attribution is, which words are theirs.

Dates inside a quotation are relative to when it was said, not to when the
article appeared, and events inside it are claims of the speaker. Both
depend on finding the attribution ("..., Konashenkov said in a statement on
Thursday") and telling whether two attributions name the same speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .records import Span
from .text import quotations, sentences, trie

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|noted|notes|stated|states|stressed|stresses|"
    "continued|retorted|exclaimed|declared|declares|announced|announces|claimed|claims|insisted|insists|"
    "explained|warned|warns|asked|replied|tweeted|posted|reported|reports|denied|denies|rejected|"
    "confirmed|confirms|acknowledged|argued|argues|alleged|according to"
)
_VERB = re.compile(rf"\b(?:{trie(set(SPEECH_VERBS.split('|')))})\b")  # whole words factored by prefix: faster
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_GENERIC = frozenset(
    """the a an of in on at for and or to from with by its their his her our this that these those
    statement comment interview news network page said also one another other some two three
    russia's russian u.s us us-led""".split()
)
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")


@dataclass(frozen=True)
class Attribution:
    """A stretch of quoted words, with the words outside the quotes that attribute them."""

    quote: Span
    sentence: Span
    verb: Span | None
    speaker: str | None
    frame: Span | None  # the attributing clause outside the quotes, where its date is found


def attributions(text: str, offset: int = 0) -> list[Attribution]:
    """One Attribution per quotation in the text, in reading order."""
    return list(_attributions(text, offset))


@lru_cache(maxsize=16)
def _attributions(text: str, offset: int) -> tuple[Attribution, ...]:
    """`attributions`, cached: the date tagger and the event extractor both ask for an article's."""
    sents = sentences(text, offset)
    ends = [s.end for s in sents]
    quotes = quotations(text, offset)
    result: list[Attribution] = []
    previous: Attribution | None = None
    for k, quote in enumerate(quotes):
        sentence = _sentence_of(quote, sents, ends, text, offset)
        attribution = _attribute(quote, sentence, quotes, k)
        if previous is not None and attribution.speaker is None:
            # A quotation continuing in the next sentence keeps its speaker.
            attribution = Attribution(quote, sentence, None, previous.speaker, previous.frame)
        elif previous is not None and _is_pronoun(attribution.speaker) and previous.speaker:
            # "..." they wrote: the pronoun points back at the last speaker quoted.
            attribution = Attribution(quote, sentence, attribution.verb, previous.speaker, attribution.frame)
        result.append(attribution)
        previous = attribution
    return tuple(result)


def _sentence_of(quote: Span, sents: list[Span], ends: list[int], text: str, offset: int) -> Span:
    """The sentences a quotation touches, merged: a quote may cover several. Sentences come in order without
    overlapping (`ends` are theirs), so those touching it are found by bisection."""
    first = bisect_right(ends, quote.start)  # the first sentence ending after the quote starts
    touching = []
    for s in sents[first:]:
        if s.start >= quote.end:
            break
        touching.append(s)
    if not touching:
        return quote
    start = min(s.start for s in touching)
    end = max(s.end for s in touching)
    return Span(start, end, text[start - offset:end - offset])


def _attribute(quote: Span, sentence: Span, quotes: list[Span], k: int) -> Attribution:
    """The attribution of `quotes[k]`, `quote`, in its sentence."""
    full = sentence.text
    # The attribution usually follows the quote within its sentence ("...,” X said.)
    # or precedes it ("X said: “...”").
    after_text, after_start = _outside(sentence, quote, quotes, k, after=True, full=full)
    before_text, before_start = _outside(sentence, quote, quotes, k, after=False, full=full)
    for chunk, chunk_start in ((after_text, after_start), (before_text, before_start)):
        match = _VERB.search(chunk)
        if match:
            verb = Span(chunk_start + match.start(), chunk_start + match.end(), match.group())
            speaker = _speaker(chunk, match)
            frame = Span(chunk_start, chunk_start + len(chunk), chunk)
            return Attribution(quote, sentence, verb, speaker, frame)
    return Attribution(quote, sentence, None, None, None)


def _outside(sentence: Span, quote: Span, quotes: list[Span], k: int, *, after: bool, full: str) -> tuple[str, int]:
    """Text of the sentence after (or before) the quote, `quotes[k]`, up to the next other quote. Quotations come
    in order without overlapping: the next one is `quotes[k + 1]`, the one before `quotes[k - 1]`."""
    if after:
        start = quote.end
        end = min(quotes[k + 1].start, sentence.end) if k + 1 < len(quotes) else sentence.end
    else:
        end = quote.start
        start = max(quotes[k - 1].end, sentence.start) if k else sentence.start
    if start >= end:
        return "", start
    return full[start - sentence.start:end - sentence.start], start


def _speaker(chunk: str, verb: re.Match[str]) -> str | None:
    before = chunk[:verb.start()].strip(" ,.;:“”\"")
    after = chunk[verb.end():].strip(" ,.;:“”\"")
    # "..., Konashenkov said" / "..., said Konashenkov" / "X said: ..."
    candidate = before if len(before.split()) <= 16 else before.split(",")[-1].strip()
    if not candidate or len(candidate.split()) > 16:
        candidate = re.split(r"[,.;:]| on | in | that ", after)[0].strip() if after else ""
    return candidate or None


@lru_cache(maxsize=8192)
def speaker_key(speaker: str | None) -> frozenset[str]:
    """Content words of a speaker phrase, for matching two mentions of one speaker."""
    if not speaker:
        return frozenset()
    words = {w.lower().replace("’", "'") for w in _TOKEN.findall(speaker)}
    return frozenset(w for w in words if w not in _GENERIC)


@lru_cache(maxsize=65536)
def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two speaker phrases plausibly name the same speaker; cached, as merging asks again and again."""
    if not a or not b:
        return False
    if a.strip().lower() in _PRONOUNS or b.strip().lower() in _PRONOUNS:
        return False
    ka, kb = speaker_key(a), speaker_key(b)
    shared = ka & kb
    if len(shared) >= 2:
        return True
    # One shared proper name is enough ("Konashenkov").
    return any(word[:1].isalpha() and _is_name(word, a) and _is_name(word, b) for word in shared)


def _is_name(word: str, phrase: str) -> bool:
    return any(t.lower() == word and t[0].isupper() for t in _TOKEN.findall(phrase))


def _is_pronoun(speaker: str | None) -> bool:
    return bool(speaker) and speaker.strip().lower() in _PRONOUNS
