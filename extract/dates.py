"""Temporal expressions resolved against each article's own context.

The anchor of a relative expression is the publication date (DCT), except
inside reported speech, where it is the date the words were said: "our
strike yesterday", quoted from a statement made on Thursday, is Wednesday
whatever day the article appeared. Anaphoric expressions ("the next day")
follow the last date the text set. Every value records its rule and anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import timex_grammar as grammar
from . import timex_values as values
from .records import TimeExpr
from .speech import Attribution, attributions, same_speaker
from .tense import REPORTING_VERBS, tense
from .text import inside, quote_spans, sentence_at

_SAID_THAT = re.compile(rf"\b(?:{'|'.join(REPORTING_VERBS)})\b[^.]*?\bthat\b")


@dataclass
class _Context:
    dct: date | None
    last_day: date | None = None  # the last day-precision date the text set
    last_point: date | None = None  # the start of the last date of any precision up to a year
    statements: list[tuple[int, str | None, date]] = field(default_factory=list)


def tag(text: str, published: date | None, *, offset: int = 0) -> list[TimeExpr]:
    """Temporal expressions of `text` (a body starting at `offset` in its file)."""
    found = grammar.find(text, offset)
    if not found:
        return []
    # Attributions matter only to expressions inside quotations; most articles date none there.
    quoted = quote_spans(text, offset) if '"' in text or "“" in text else []
    attrs = attributions(text, offset) if any(s <= f.start < e for f in found for s, e in quoted) else []
    quotes = [a.quote for a in attrs]
    context = _Context(published)
    resolved: dict[int, TimeExpr] = {}
    # Words outside quotations first: they date the statements that quotations inherit.
    for item in (f for f in found if inside(f.start, quotes) is None):
        resolved[item.start] = _resolve(item, _anchor_outside(item, text, offset, resolved, context), text, offset,
                                        context)
        _remember_statement(item, resolved[item.start], attrs, context)
    for item in (f for f in found if inside(f.start, quotes) is not None):
        attr = next(a for a in attrs if a.quote.start <= item.start < a.quote.end)
        resolved[item.start] = _resolve(item, _anchor_in_quote(attr, context, resolved), text, offset, context)
    return [resolved[f.start] for f in found]


def _anchor_outside(item: grammar.Found, text: str, offset: int, resolved: dict[int, TimeExpr],
                    context: _Context) -> tuple[date | None, str]:
    """Indirect speech: "said on Thursday that ... yesterday" is relative to that Thursday."""
    window = text[max(0, item.start - offset - 300):item.start - offset]
    if "that" not in window or not any(verb in window for verb in REPORTING_VERBS):
        return context.dct, "publication date"  # no "said ... that" before it: no sentence needed
    sentence = sentence_at(text, item.start, offset)
    if sentence is not None:
        before = sentence.text[: item.start - sentence.start]
        that = _SAID_THAT.search(before) if "that" in before else None
        if that:
            for other in resolved.values():
                if sentence.start <= other.start < sentence.start + that.end() and other.precision == "day" and other.first_day:
                    return other.first_day, f"statement date '{other.text}'"
    return context.dct, "publication date"


def _anchor_in_quote(attr: Attribution, context: _Context, resolved: dict[int, TimeExpr]) -> tuple[date | None, str]:
    if attr.frame is not None:
        for other in resolved.values():
            if attr.frame.start <= other.start < attr.frame.end and other.precision == "day" and other.first_day:
                return other.first_day, f"date of the quoted statement '{other.text}'"
    for position, speaker, day in reversed(context.statements):
        if position < attr.quote.start + 10_000 and same_speaker(speaker, attr.speaker):
            return day, f"date of an earlier statement by {speaker}"
    return context.dct, "publication date"


def _remember_statement(item: grammar.Found, value: TimeExpr, attrs: list[Attribution], context: _Context) -> None:
    if value.precision != "day" or value.first_day is None:
        return
    for attr in attrs:
        if attr.frame is not None and attr.frame.start <= item.start < attr.frame.end:
            context.statements.append((attr.quote.start, attr.speaker, value.first_day))


def _resolve(item: grammar.Found, anchor_info: tuple[date | None, str], text: str, offset: int,
             context: _Context) -> TimeExpr:
    anchor, anchor_label = anchor_info
    coarse = item.rule == "anaphoric_unit" or (item.rule == "offset" and values.unit_name(item.fields["unit"]) in values.COARSE)
    last = context.last_point if coarse else context.last_day
    if item.rule in values.ANAPHORIC and last:
        anchor, anchor_label = last, "last date in the text"
    tensed = item.rule in values.TENSED
    # True, False, or None when the clause has no tense marker (a bare month is then the nearest one).
    future = {"future": True, "past": False, None: None}[tense(text, item.start - offset, item.end - offset)] \
        if tensed else False
    fields = item.fields
    if item.rule in ("offset", "anaphoric_day"):
        fields = {**fields, "resolvable": _offset_is_anaphoric(text, item.end - offset)}
    try:
        value = values.resolve(item.rule, fields, anchor, future)
    except values.NeedsAnchor:
        return TimeExpr(item.start, item.end, item.text, values.TYPES.get(item.rule, "DATE"), None, "unresolved",
                        item.rule, None, reason=f"relative expression and no {anchor_label} to resolve it against")
    except (ValueError, OverflowError):
        return TimeExpr(item.start, item.end, item.text, values.TYPES.get(item.rule, "DATE"), None, "unresolved",
                        item.rule, None, reason="not a valid calendar date")
    if value.precision == "day" and value.first is not None:
        context.last_day = value.first
    if value.precision in values.POINT_PRECISIONS and value.first is not None:
        context.last_point = value.first
    uses_anchor = item.rule not in values.ABSOLUTE and (value.first is not None or value.type not in ("DURATION", "SET"))
    rule = item.rule
    if uses_anchor and anchor:
        direction = f" {'nearest' if future is None else 'forward' if future else 'backward'}" if tensed else ""
        rule += f"{direction} from {anchor_label}"
    return TimeExpr(item.start, item.end, item.text, value.type, value.value, value.precision, rule,
                    anchor.isoformat() if anchor and uses_anchor else None,
                    first_day=value.first, last_day=value.last)


def _offset_is_anaphoric(text: str, end: int) -> bool:
    """ "Two days later." counts from the last date; "two years after his diagnosis" from an event we cannot date."""
    rest = text[end:end + 40]
    return bool(re.match(r"\s+(?:later|earlier)\b(?!\s+than)|\s+(?:before|after)\s*(?:[,.;:!?\n]|$|and\b|when\b)", rest))


def parse_date(value: str | None) -> date | None:
    """A publication date from metadata, in any format dateparser reads; None if unreadable."""
    if not value:
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; only needed for dates that are not ISO

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None
