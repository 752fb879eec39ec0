"""The article reader: the text with the chosen sentence and the found expressions marked.

Everything from the article is escaped; only our own <mark> tags are HTML.
"""

from __future__ import annotations

from html import escape

from extract.corrections import RULE
from extract.merge import describe_date
from extract.records import Extraction

_MARKS = {"date": "#fde68a", "place": "#bfdbfe", "sentence": "#fde68a"}
_STYLES = {"date": "border-bottom:2px solid #b45309", "place": "border-bottom:2px solid #1d4ed8",
           "trigger": "border-bottom:2px solid #6b7280", "focus": "font-weight:700;border-bottom:2px solid #111"}


def article_html(extraction: Extraction, *, sentence: tuple[int, int] | None = None,
                 trigger: tuple[int, int] | None = None) -> str:
    """The article body as HTML: dates, places and event words underlined, each with how it was resolved
    on hover; the selected sentence highlighted, the selected event word in bold; analysts' values dotted."""
    article = extraction.article
    spans: list[tuple[int, int, str, str, bool]] = []
    for t in extraction.timexes:
        spans.append((t.start, t.end, "date", f"{t.type} {t.value or 'unresolved'} ({t.precision}); rule: {t.rule}"
                      + (f"; from {t.anchor}" if t.anchor else "") + (f"; {t.reason}" if t.reason else ""),
                      t.rule == RULE))
    for p in extraction.places:
        spans.append((p.start, p.end, "place", f"{p.kind}: {p.name} ({p.lat:.2f}, {p.lon:.2f}); rule: {p.rule}; "
                      f"confidence {p.confidence:.2f}", p.rule == RULE))
    for m in extraction.events:
        words = (m.trigger.start, m.trigger.end)
        title = f"{m.type.replace('_', ' ')}: {describe_date(m)} ({m.date_rule}); {m.stance}" + \
            (f", claimed by {m.claimant}" if m.claimant else "") + \
            (f"; corrected by an analyst: {', '.join(m.corrected)}" if m.corrected else "")
        spans.append((*words, "focus" if words == trigger else "trigger", title, bool(m.corrected)))
    spans.sort()
    text = article.text
    out: list[str] = []
    position = article.body_start
    for start, end, kind, title, corrected in spans:
        if start < position:
            continue
        out.append(_plain(text, position, start, sentence))
        style = _STYLES[kind] + (";border-bottom-style:dotted" if corrected else "")
        out.append(f"<span class='cm-{kind}{' cm-corrected' if corrected else ''}' style='{style}' "
                   f"title='{escape(title, quote=True)}'>{_plain(text, start, end, sentence)}</span>")
        position = end
    out.append(_plain(text, position, len(text), sentence))
    body = "".join(out).replace("\n", "<br>")
    return f"<div class='cm-article' style='line-height:1.6;font-size:15px'>{body}</div>"


def _plain(text: str, start: int, end: int, sentence: tuple[int, int] | None) -> str:
    """Escaped text[start:end], with the part inside the selected sentence highlighted."""
    if not sentence or end <= sentence[0] or start >= sentence[1]:
        return escape(text[start:end])
    a, b = max(start, sentence[0]), min(end, sentence[1])
    return (escape(text[start:a]) + f"<mark class='cm-selected' style='background:{_MARKS['sentence']};"
            "padding:2px 0;border-radius:2px'>" + escape(text[a:b]) + "</mark>" + escape(text[b:end]))
