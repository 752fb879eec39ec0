"""The briefing: one 16:9 page of title, dates, sources, timeline and map, for slides and screenshots.

`briefing_html` makes it self-contained (Leaflet and its plugins inlined, the
timeline drawn as SVG by vl-convert), so it opens offline on any machine;
`briefing_png` photographs that page with headless Chromium where it is
installed and says clearly when it is not. Every text from articles is escaped.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from html import escape
from pathlib import Path

import folium
import pandas as pd

from .assets import FILES, URL_PREFIX, VENDOR
from .style import event_colour, type_name

WIDTH, HEIGHT = 1920, 1080
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


class BriefingError(RuntimeError):
    """The PNG cannot be made here; the message says why and what to do."""


def subtitle(events: pd.DataFrame) -> str:
    """Dates and sources of the events shown, in one line."""
    days = sorted(pd.concat([events["date_start"], events["date_end"]]).dropna()) if len(events) else []
    span = f"{days[0]} to {days[-1]}" if days else "no dated events"
    sources = sorted({s for row in events["sources"] for s in row}) if len(events) else []
    return f"{len(events)} events · {span} · sources: {', '.join(sources) or 'none'}"


def standalone_map(fmap: folium.Map) -> str:
    """The folium map as one HTML document with every script and style inlined, filling its frame."""
    html = fmap.get_root().render()
    html = html.replace("</head>", "<style>html,body{height:100%;margin:0}.folium-map{height:100%!important}"
                                   "</style></head>", 1)
    for name in FILES:
        content = (VENDOR / name).read_text(encoding="utf-8")
        if name.endswith(".js"):
            html = html.replace(f'<script src="{URL_PREFIX}{name}"></script>', f"<script>{content}</script>")
        else:
            html = html.replace(f'<link rel="stylesheet" href="{URL_PREFIX}{name}"/>', f"<style>{content}</style>")
    return html


def briefing_html(events: pd.DataFrame, fmap: folium.Map, timeline_svg: str, *, title: str,
                  generated: date | None = None) -> str:
    """A 1920×1080 page: title, subtitle, timeline beside map, legend and attribution."""
    generated = generated or date.today()
    types = sorted(set(events["type"])) if len(events) else []
    legend = "".join(f"<span><i style='background:{event_colour(t)}'></i>{escape(type_name(t))}</span>" for t in types)
    map_doc = escape(standalone_map(fmap), quote=True)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
body{{margin:0;font-family:"Source Sans Pro","Helvetica Neue",Arial,sans-serif;color:#111;background:#fff}}
.page{{width:{WIDTH}px;height:{HEIGHT}px;box-sizing:border-box;padding:40px 56px;display:grid;
grid-template-rows:auto auto 1fr auto;row-gap:14px}}
h1{{margin:0;font-size:44px}} .sub{{font-size:22px;color:#333}}
.views{{display:grid;grid-template-columns:40% 60%;column-gap:24px;min-height:0}}
.timeline{{overflow:hidden}} .timeline svg{{max-width:100%;height:auto}}
iframe{{width:100%;height:100%;border:1px solid #ccc;border-radius:4px}}
.legend span{{margin-right:18px;font-size:18px;white-space:nowrap}}
.legend i{{display:inline-block;width:14px;height:14px;border-radius:50%;margin-right:6px;border:1px solid #333}}
.foot{{font-size:15px;color:#555;display:flex;justify-content:space-between}}
</style></head>
<body><div class="page">
<h1>{escape(title)}</h1>
<div class="sub">{escape(subtitle(events))}</div>
<div class="views"><div class="timeline">{timeline_svg}</div>
<iframe title="map" srcdoc="{map_doc}"></iframe></div>
<div><div class="legend">{legend}</div>
<div class="foot"><span>Dashed or hollow marks: reported or disputed claims · shaded circles: areas or uncertain
places · lines: reported paths</span><span>Chronomap · boundaries: Natural Earth · places: GeoNames ·
{generated.isoformat()}</span></div></div>
</div></body></html>"""


def timeline_svg(chart) -> str:
    """The Altair timeline as static SVG, rendered offline by vl-convert."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_json())


# Headless Chromium that reaches nothing on its own (no updates, sync or QUIC probes) and needs no GPU or
# sandbox: the PNG here, and the browser tests and benchmarks.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def briefing_png(html: str, *, timeout_s: float = 60) -> bytes:
    """A PNG of the briefing page, taken by headless Chromium; BriefingError where that cannot be done."""
    browser = chromium_path()
    if browser is None:
        raise BriefingError("No Chromium on this machine: install the Debian packages chromium and "
                            "chromium-driver to download PNGs, or download the HTML briefing and screenshot it.")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "briefing.html"
        shot = Path(folder) / "briefing.png"
        page.write_text(html, encoding="utf-8")
        command = [browser, *CHROMIUM_FLAGS, "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}",
                   "--virtual-time-budget=8000", f"--screenshot={shot}", page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise BriefingError(f"Chromium took more than {timeout_s:.0f} s to draw the briefing.") from None
        if not shot.exists() or shot.stat().st_size == 0:
            raise BriefingError("Chromium could not draw the briefing; download the HTML briefing instead.")
        return shot.read_bytes()
