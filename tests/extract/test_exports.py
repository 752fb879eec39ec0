"""Exports of the events table: CSV for spreadsheets, GeoJSON for GIS, KML for Google Earth."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd
import pytest

from extract.articles import load_text
from extract.exports import to_csv, to_geojson, to_kml
from extract.pipeline import build_corpus

KML = "{http://www.opengis.net/kml/2.2}"
TEXT = (
    "Russian warships launched cruise missiles from the Caspian Sea on Wednesday at targets in Raqqa, Syria. "
    "The Pentagon said on Thursday that a missile crashed in Iran. "
    "Officials met in Brussels last month."
)


@pytest.fixture(scope="module")
def events(gazetteer) -> pd.DataFrame:
    article = load_text(TEXT, name="wire.txt", source="Wire <b>&</b> Co", published=date(2015, 10, 8))
    return build_corpus([article], gazetteer=gazetteer).events


def test_geojson_has_markers_and_paths_in_longitude_latitude_order(events):
    collection = to_geojson(events)
    json.dumps(collection)  # serialisable as it is
    roles = {f["properties"]["geometry_role"] for f in collection["features"]}
    assert {"marker", "path"} <= roles
    launch = next(f for f in collection["features"]
                  if f["properties"]["type"] == "launch" and f["properties"]["geometry_role"] == "path")
    lon, lat = launch["geometry"]["coordinates"][0]
    assert 46 < lon < 55 and 36 < lat < 47  # the Caspian Sea: longitude first
    assert launch["properties"]["date_start"] == "2015-10-07" and launch["properties"]["date_precision"] == "day"
    assert {f["properties"]["event_id"] for f in collection["features"]} <= set(events["id"])


def test_geojson_areas_come_from_the_shape_function(events):
    from shapely.geometry import box

    collection = to_geojson(events, lambda place: box(40, 30, 41, 31))
    areas = [f for f in collection["features"] if f["properties"]["geometry_role"] == "area"]
    assert areas and all(f["geometry"]["type"] == "Polygon" for f in areas)
    assert areas[0]["geometry"]["coordinates"][0][0] in ([41.0, 30.0], [40.0, 30.0], [41.0, 31.0], [40.0, 31.0])


def test_kml_times_each_placemark_and_escapes_text(events):
    root = ET.fromstring(to_kml(events))
    placemarks = root.findall(f".//{KML}Placemark")
    assert len(placemarks) == len(events)
    for placemark, row in zip(placemarks, events.to_dict("records")):
        if row["date_start"] and row["date_start"] == row["date_end"]:
            assert placemark.find(f"{KML}TimeStamp/{KML}when").text == row["date_start"]
        elif row["date_end"]:
            assert placemark.find(f"{KML}TimeSpan/{KML}end").text == row["date_end"]
    description = placemarks[0].find(f"{KML}description").text
    assert "Wire &lt;b&gt;&amp;&lt;/b&gt; Co" in description  # Earth renders HTML: shown as text, never markup


def test_kml_month_event_gets_a_time_span(events):
    root = ET.fromstring(to_kml(events))
    spans = root.findall(f".//{KML}TimeSpan")
    assert any(s.find(f"{KML}begin").text == "2015-09-01" for s in spans)


def test_csv_round_trips_rows_and_defuses_formulas(events):
    hostile = events.copy()
    hostile.loc[hostile.index[0], "label"] = "=HYPERLINK(\"http://evil\")"
    table = pd.read_csv(io.StringIO(to_csv(hostile)))
    assert len(table) == len(events) and list(table.columns) == list(events.columns)
    assert table.loc[0, "label"].startswith("'=")
    places = json.loads(table.loc[0, "places"])
    assert isinstance(places, list)


def test_undated_and_placeless_events_export_without_error(gazetteer):
    article = load_text("Jets struck a depot.", name="undated.txt", source="Wire")
    events = build_corpus([article], gazetteer=gazetteer).events
    assert len(events) and events["date_start"].isna().all()
    root = ET.fromstring(to_kml(events))
    assert root.find(f".//{KML}Placemark/{KML}TimeStamp") is None
    assert json.loads(json.dumps(to_geojson(events)))["type"] == "FeatureCollection"
    assert len(pd.read_csv(io.StringIO(to_csv(events)))) == len(events)
