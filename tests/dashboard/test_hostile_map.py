"""The map with the hostile corpus (tests/hostile.py): it renders, and no article text stays live.

folium writes tooltips and popups into JavaScript template literals and renders each element's script a
second time as a Jinja template: `${...}`, a backtick, a backslash or `{{ ... }}` from an article would run
in the browser or, worse, on the server. The browser test (tests/e2e/test_hostile.py) opens every tooltip
and popup; this one reads the generated script.
"""

from __future__ import annotations

import os

import pandas as pd

from dashboard.mapview import build_map, html_text
from tests.hostile import PAYLOADS, write_corpus

EMPTY = {"type": "FeatureCollection", "features": []}


def _hostile_events(tmp_path, gazetteer) -> pd.DataFrame:
    from extract.articles import load_folder
    from extract.pipeline import build_corpus

    write_corpus(tmp_path / "articles")
    events = build_corpus(*load_folder(tmp_path / "articles"), gazetteer).events.copy()
    payloads = [p for _, _, p in PAYLOADS]
    events["label"] = [f"Strike {payloads[i % len(payloads)]}" for i in range(len(events))]
    return events


def test_html_text_leaves_nothing_for_html_javascript_or_jinja():
    for _, _, payload in PAYLOADS:
        safe = html_text(payload)
        assert not set(safe) & set("<>\"'`$\\{}"), (payload, safe)


def test_the_hostile_map_renders_with_every_payload_as_text(tmp_path, gazetteer):
    html = build_map(_hostile_events(tmp_path, gazetteer), EMPTY, popups=True).get_root().render()
    assert "${window.__pwned" not in html
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "lipsum.__globals__" in html  # the server-side template stayed text
    assert f" {os.getpid()}window.__pwned" not in html


def test_a_jinja_payload_in_a_path_label_stays_text(corpus):
    events = corpus.events[corpus.events["path"].map(lambda p: isinstance(p, list) and len(p) > 1)].head(1).copy()
    events["label"] = ["{{ lipsum.__globals__.os.getpid() }}{% if 1 %}ran{% endif %}: Iran"]
    events["path_km"] = [2000.0]
    html = build_map(events, EMPTY, popups=True).get_root().render()
    assert str(os.getpid()) not in html and "ran: Iran" not in html
    assert "lipsum" in html
