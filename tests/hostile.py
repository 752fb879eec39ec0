"""A corpus of hostile articles: classic HTML/JavaScript payloads in titles, sources, URLs and text.

Payload number n would set `window.__pwned = n` if it ever ran, in the page, in a frame or in an export,
so a test needs only to look at `window.__pwned` to know whether any of them executed, and which.
Each payload sits where the extractors pick it up: beside dates, places and event words, in the
front matter fields, in speaker names, so it reaches popups, tooltips, timeline hovers, the events
table, the article reader, the correction form and every export.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path


def _b64(n: int) -> str:
    return base64.b64encode(f"<script>window.__pwned={n}</script>".encode()).decode()


# (name, payload) pairs; every payload mentions `__pwned=<its number>`.
_TEMPLATES = [
    ("script tag", "<script>window.__pwned={n}</script>"),
    ("img onerror", "<img src=x onerror=\"window.__pwned={n}\">"),
    ("svg onload", "<svg onload=\"window.__pwned={n}\"></svg>"),
    ("javascript: link", "<a href=\"javascript:window.__pwned={n}\">read more</a>"),
    ("iframe srcdoc", "<iframe srcdoc=\"&lt;script&gt;window.__pwned={n}&lt;/script&gt;\"></iframe>"),
    ("double-quote attribute breakout", "\" onmouseover=\"window.__pwned={n}\" autofocus onfocus=\"window.__pwned={n}\" x=\""),
    ("single-quote attribute breakout", "' onmouseover='window.__pwned={n}' autofocus onfocus='window.__pwned={n}' x='"),
    ("attribute breakout to a tag", "\"><img src=x onerror=window.__pwned={n}>"),
    ("single quote breakout to svg", "'><svg/onload=window.__pwned={n}>"),
    ("</script> breakout", "</script><script>window.__pwned={n}</script>"),
    ("</textarea> breakout", "</textarea><img src=x onerror=window.__pwned={n}>"),
    ("template literal breakout", "`)[0];window.__pwned={n};//"),
    ("template literal substitution", "${{window.__pwned={n}}}"),
    ("backslash-backtick breakout", "\\\\`)[0];window.__pwned={n};//"),
    ("JSON string breakout", "\"}}];window.__pwned={n};//"),
    ("JS string breakout", "';window.__pwned={n};//\";window.__pwned={n};//"),
    ("</style> breakout", "</style><img src=x onerror=window.__pwned={n}>"),
    ("CSS expression", "<div style=\"width:expression(window.__pwned={n});background:url('javascript:window.__pwned={n}')\">x</div>"),
    ("markdown javascript: link", "[click here](javascript:window.__pwned={n})"),
    ("markdown autolink", "<javascript:window.__pwned={n}>"),
    ("data: URL link", "<a href=\"data:text/html;base64,{b64}\">x</a> [y](data:text/html;base64,{b64})"),
    ("object data: URL", "<object data=\"data:text/html;base64,{b64}\"></object>"),
    ("unicode-escaped tag", "\\u003cimg src=x onerror=window.__pwned={n}\\u003e"),
    ("hex-escaped script", "\\x3cscript\\x3ewindow.__pwned={n}\\x3c/script\\x3e"),
    ("entity-encoded tag", "&lt;img src=x onerror=window.__pwned={n}&gt;"),
    ("entity-encoded handler", "<img src=x onerror=\"&#119;indow.__pwned={n}\">"),
    ("details ontoggle", "<details open ontoggle=\"window.__pwned={n}\"><summary>x</summary></details>"),
    ("input autofocus", "<input autofocus onfocus=\"window.__pwned={n}\">"),
    ("math mutation", "<math><mtext></table><img src=x onerror=window.__pwned={n}></mtext></math>"),
    ("comment breakout", "<!--<img src=\"--><img src=x onerror=window.__pwned={n}//\">"),
    ("svg script", "<svg><script>window.__pwned={n}</script></svg>"),
    ("template injection", "{{{{constructor.constructor('window.__pwned={n}')()}}}}"),
    ("server-side Jinja template", "{{{{ lipsum.__globals__.os.getpid() }}}}{{% if 1 %}}window.__pwned={n}{{% endif %}}"),
    ("form action", "<form><button formaction=\"javascript:window.__pwned={n}\">go</button></form>"),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned={n}\">"),
    ("video source onerror", "<video><source onerror=\"window.__pwned={n}\"></video>"),
    ("body onload", "<body onload=\"window.__pwned={n}\">"),
    ("line separator in a JS string", "\u2028';window.__pwned={n};//\u2029"),
    ("style tag import", "<style>@import 'javascript:window.__pwned={n}';</style>"),
]

PAYLOADS: list[tuple[int, str, str]] = [
    (n, name, template.format(n=n, b64=_b64(n))) for n, (name, template) in enumerate(_TEMPLATES, start=1)]

# Places and event words the extractors know, so the payloads land in events with coordinates and dates.
_PLACES = ["Baghdad", "Tehran", "Damascus", "Aleppo", "Latakia", "Beirut", "Mosul", "Tabriz", "Basra", "Homs"]
_URL_PAYLOADS = ["javascript:window.__pwned={n}", "data:text/html;base64,{b64}", "\" onclick=\"window.__pwned={n}"]


def write_corpus(folder: Path) -> list[Path]:
    """One article per payload, payload in title, source, URL, speaker, and beside a date, place and event."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n, name, payload in PAYLOADS:
        place = _PLACES[n % len(_PLACES)]
        other = _PLACES[(n + 3) % len(_PLACES)]
        day = 1 + n % 28
        url = _URL_PAYLOADS[n % len(_URL_PAYLOADS)].format(n=n, b64=_b64(n))
        meta = {"title": f"Missiles hit {place} {payload}", "source": f"Wire {n} {payload}",
                "published": f"2015-10-{day:02d}", "url": url, "language": "en"}
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        text = (f"Missiles hit {place} {payload}\n\n"
                f"On {day} October 2015 Russian warships launched missiles at {place} {payload} from the Caspian Sea.\n\n"
                f"“The strike on {other} {payload} was a success,” {payload} said on Thursday.\n\n"
                f"An airstrike hit {other} on {day} October 2015, officials said. {payload}\n\n"
                f"{payload} denied that the missiles crashed in {place}.\n")
        path = folder / f"hostile_{n:02d}.md"
        path.write_text(f"---\n{front}\n---\n{text}", encoding="utf-8")
        written.append(path)
    return written


def pwned_numbers(text: str) -> set[int]:
    """The payload numbers whose script text appears in `text`, escaped or not (for reports)."""
    return {n for n, _, _ in PAYLOADS if f"__pwned={n}" in text}
