"""Every export carries the hostile corpus's payloads as inert text (see tests/hostile.py).

CSV: no cell a spreadsheet would run as a formula; GeoJSON: the payloads are JSON strings, byte for byte;
KML: well-formed XML with no element an article made, descriptions HTML-escaped (Google Earth renders a
description as HTML and runs its scripts). The HTML briefing is opened in Chromium by tests/e2e/test_hostile.py.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from extract import exports
from tests.hostile import PAYLOADS, write_corpus

KML = "{http://www.opengis.net/kml/2.2}"
FORMULAS = [f"=HYPERLINK(\"javascript:window.__pwned={n}\",\"x\")" for n in range(1, 4)] + \
    ["+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def events(tmp_path_factory, gazetteer) -> pd.DataFrame:
    from extract.articles import load_folder
    from extract.pipeline import build_corpus

    folder = tmp_path_factory.mktemp("hostile") / "articles"
    write_corpus(folder)
    events = build_corpus(*load_folder(folder), gazetteer).events.copy()
    payloads = [p for _, _, p in PAYLOADS]
    events["label"] = [payloads[i % len(payloads)] for i in range(len(events))]
    events.loc[events.index[: len(FORMULAS)], "label"] = FORMULAS
    events.loc[events.index[: len(FORMULAS)], "claimants"] = pd.Series([[f] for f in FORMULAS],
                                                                      index=events.index[: len(FORMULAS)])
    return events


def test_the_corpus_has_at_least_30_payloads_and_they_reach_the_events(events):
    assert len(PAYLOADS) >= 30
    text = " ".join(str(v) for column in ("sources", "sentence", "claimants") for v in events[column])
    reached = {n for n, _, payload in PAYLOADS if payload in text}
    assert len(reached) >= 30, sorted(set(range(1, len(PAYLOADS) + 1)) - reached)


def test_csv_has_no_cell_a_spreadsheet_would_run(events):
    rows = list(csv.reader(io.StringIO(exports.to_csv(events), newline="")))
    assert len(rows) == len(events) + 1
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert sum(c.startswith("'=HYPERLINK") for c in cells) >= 3  # defused, still readable
    assert any("<script>window.__pwned=1</script>" in c for c in cells)  # text stays text


def test_geojson_carries_the_payloads_as_plain_strings(events):
    text = json.dumps(exports.to_geojson(events), ensure_ascii=False)
    back = json.loads(text)
    sources = {s for f in back["features"] for s in f["properties"]["sources"]}
    assert {s for row in events["sources"] for s in row} == sources
    labels = {f["properties"]["label"] for f in back["features"]}
    assert labels <= set(events["label"]) and len(labels) >= 20


def test_kml_is_well_formed_and_every_payload_is_text(events):
    document = exports.to_kml(events, title=PAYLOADS[0][2])
    root = ET.fromstring(document)  # a payload that broke out of its element would make this fail
    tags = {element.tag for element in root.iter()}
    assert tags <= {KML + t for t in ("kml", "Document", "name", "Placemark", "description", "TimeStamp", "when",
                                      "TimeSpan", "begin", "end", "Point", "coordinates", "LineString",
                                      "tessellate", "MultiGeometry")}, tags
    assert "<script" not in document and "<img" not in document and "<svg" not in document
    placemarks = root.findall(f".//{KML}Placemark")
    assert len(placemarks) == len(events)
    names = [p.find(f"{KML}name").text for p in placemarks]
    # Names are text to Earth, kept as they were (XML reads a carriage return as a line feed).
    assert names == [str(label).replace("\r", "\n") for label in events["label"]]
    for placemark in placemarks:
        description = placemark.find(f"{KML}description").text
        # Earth renders descriptions as HTML: the only markup in one is our own line breaks.
        assert "<" not in description.replace("<br>", "")
    assert any("&lt;script&gt;window.__pwned=" in p.find(f"{KML}description").text for p in placemarks)
