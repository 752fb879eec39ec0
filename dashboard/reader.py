"""The article reader: the text with the chosen sentence and the found expressions marked.

Everything from the article is escaped; only our own <mark> tags are HTML.
"""

from __future__ import annotations

from html import escape

from extract.records import Extraction

_MARKS = {"date": "#fde68a", "place": "#bfdbfe", "sentence": "#fef3c7"}


def article_html(extraction: Extraction, *, sentence: tuple[int, int] | None = None,
                 trigger: tuple[int, int] | None = None) -> str:
    """The article body as HTML: dates and places underlined, the selected sentence highlighted."""
    article = extraction.article
    spans: list[tuple[int, int, str, str]] = []
    for t in extraction.timexes:
        spans.append((t.start, t.end, "date", f"{t.type} {t.value or 'unresolved'} ({t.precision}); {t.rule}"))
    for p in extraction.places:
        spans.append((p.start, p.end, "place", f"{p.kind}: {p.name} ({p.lat:.2f}, {p.lon:.2f})"))
    if trigger:
        spans.append((trigger[0], trigger[1], "trigger", "event trigger"))
    spans.sort()
    text = article.text
    out: list[str] = []
    position = article.body_start
    for start, end, kind, title in spans:
        if start < position:
            continue
        out.append(_plain(text, position, start, sentence))
        style = {"date": "border-bottom:2px solid #b45309", "place": "border-bottom:2px solid #1d4ed8",
                 "trigger": "font-weight:700"}[kind]
        out.append(f"<span class='cm-{kind}' style='{style}' title='{escape(title, quote=True)}'>"
                   f"{_plain(text, start, end, sentence)}</span>")
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
            "padding:1px 0;box-shadow:0 0 0 2px #f59e0b'>" + escape(text[a:b]) + "</mark>" + escape(text[b:end]))
