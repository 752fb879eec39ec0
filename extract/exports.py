"""The events table written out for other tools: CSV, GeoJSON (RFC 7946), KML and Parquet.

Each function takes any filtered copy of the events table, so the dashboard,
the command line and scripts export exactly the rows they show. Geometry
follows the table: an event's marker is a point, its reported path a line,
and the areas it names (a sea, a country, an airspace) polygons when a
`shape_of` function gives them. Dates keep their precision: GeoJSON carries
ISO dates with `date_precision`; KML a TimeStamp for a known day and a
TimeSpan otherwise, so Google Earth's time slider plays the events in order.
"""

from __future__ import annotations

import html
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

ShapeOf = Callable[[dict], BaseGeometry | None]  # a place of the table's `places` column to its area

# Columns exported as they are; list columns become "a; b" in CSV, nested ones JSON.
_NESTED = ("places", "path", "quantities", "mentions")
_AREA_KINDS = {"country", "sea", "airspace", "region"}
_KML_NS = "http://www.opengis.net/kml/2.2"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(events: pd.DataFrame) -> str:
    """One row per event; lists joined with "; ", nested values (places, path, mentions) as JSON."""
    flat = events.copy()
    for column in flat.columns:
        if column in _NESTED:
            flat[column] = flat[column].map(lambda v: "" if _missing(v) else _cell(json.dumps(v, ensure_ascii=False)))
        else:
            flat[column] = flat[column].map(_cell)
    return flat.to_csv(index=False)


def to_parquet(events: pd.DataFrame) -> bytes:
    """Apache Parquet for analysis tools (pandas, DuckDB, Spark): list columns stay lists of strings, nested
    values (places, path, quantities, mentions) are JSON text, as in the CSV."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = events.copy()
    for column in flat.columns:
        if column in _NESTED:
            flat[column] = flat[column].map(lambda v: None if _missing(v) else json.dumps(v, ensure_ascii=False))
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(flat, preserve_index=False), buffer)
    return buffer.getvalue()


def to_geojson(events: pd.DataFrame, shape_of: ShapeOf | None = None) -> dict[str, Any]:
    """A FeatureCollection: per event a point feature (its marker), a line (its path) and polygons (its areas).

    Every feature carries `event_id` and `geometry_role` (marker, path or area) so a GIS can style them apart.
    """
    features: list[dict[str, Any]] = []
    for row in events.to_dict("records"):
        properties = _properties(row)
        if not _missing(row.get("lat")) and not _missing(row.get("lon")):
            features.append(_feature({"type": "Point", "coordinates": _lonlat(row["lat"], row["lon"])},
                                     properties, "marker"))
        if row.get("path"):
            line = {"type": "LineString", "coordinates": [_lonlat(lat, lon) for lat, lon in row["path"]]}
            features.append(_feature(line, properties, "path"))
        for place, area in _areas(row, shape_of):
            features.append(_feature(_rounded(mapping(area)), {**properties, "area": place["name"],
                                                               "area_role": place["role"]}, "area"))
    return {"type": "FeatureCollection", "features": features}


def to_kml(events: pd.DataFrame, title: str = "Chronomap events") -> str:
    """KML 2.2: one Placemark per event, with its marker and path, timed by TimeStamp or TimeSpan."""
    ET.register_namespace("", _KML_NS)
    kml = ET.Element(f"{{{_KML_NS}}}kml")
    document = ET.SubElement(kml, f"{{{_KML_NS}}}Document")
    ET.SubElement(document, f"{{{_KML_NS}}}name").text = title
    for row in events.to_dict("records"):
        placemark = ET.SubElement(document, f"{{{_KML_NS}}}Placemark", id=str(row["id"]))
        ET.SubElement(placemark, f"{{{_KML_NS}}}name").text = str(_present(row.get("label")) or row["type"])
        ET.SubElement(placemark, f"{{{_KML_NS}}}description").text = _description(row)
        _kml_time(placemark, row)
        geometries = _kml_geometries(row)
        if len(geometries) == 1:
            placemark.append(geometries[0])
        elif geometries:
            multi = ET.SubElement(placemark, f"{{{_KML_NS}}}MultiGeometry")
            multi.extend(geometries)
    ET.indent(kml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


def _properties(row: dict) -> dict[str, Any]:
    keep = ("type", "label", "date_start", "date_end", "date_precision", "date_rule", "origin", "via", "destination",
            "location", "path_km", "crossed", "actors", "claimants", "stance", "disputed_by", "denies", "negated",
            "hedged", "quantities", "sources", "articles", "sentence", "merge_reason")
    return {"event_id": row["id"], **{k: _json_value(row.get(k)) for k in keep}}


def _feature(geometry: dict, properties: dict, role: str) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": {**properties, "geometry_role": role}}


def _areas(row: dict, shape_of: ShapeOf | None) -> Iterable[tuple[dict, BaseGeometry]]:
    if shape_of is None:
        return
    seen = set()
    for place in row.get("places") or []:
        if place.get("kind") in _AREA_KINDS and place.get("place_id") and place["place_id"] not in seen:
            seen.add(place["place_id"])
            area = shape_of(place)
            if area is not None and not area.is_empty:
                yield place, area


def _kml_time(placemark: ET.Element, row: dict) -> None:
    start, end = _present(row.get("date_start")), _present(row.get("date_end"))
    if not start and not end:
        return
    if start and start == end:
        stamp = ET.SubElement(placemark, f"{{{_KML_NS}}}TimeStamp")
        ET.SubElement(stamp, f"{{{_KML_NS}}}when").text = start
        return
    span = ET.SubElement(placemark, f"{{{_KML_NS}}}TimeSpan")
    if start:
        ET.SubElement(span, f"{{{_KML_NS}}}begin").text = start
    if end:
        ET.SubElement(span, f"{{{_KML_NS}}}end").text = end


def _kml_geometries(row: dict) -> list[ET.Element]:
    geometries = []
    if not _missing(row.get("lat")) and not _missing(row.get("lon")):
        point = ET.Element(f"{{{_KML_NS}}}Point")
        ET.SubElement(point, f"{{{_KML_NS}}}coordinates").text = _kml_coordinates([(row["lat"], row["lon"])])
        geometries.append(point)
    if row.get("path"):
        line = ET.Element(f"{{{_KML_NS}}}LineString")
        ET.SubElement(line, f"{{{_KML_NS}}}tessellate").text = "1"
        ET.SubElement(line, f"{{{_KML_NS}}}coordinates").text = _kml_coordinates(row["path"])
        geometries.append(line)
    return geometries


def _kml_coordinates(points) -> str:
    return " ".join(f"{lon:.5f},{lat:.5f}" for lat, lon in points)


def _description(row: dict) -> str:
    """What Google Earth shows in the balloon. Earth renders a description as HTML and runs its JavaScript, so
    the text is HTML-escaped here (and XML-escaped again by ElementTree): an article's markup shows as text."""
    start, end = _present(row.get("date_start")), _present(row.get("date_end"))
    when = start or end or "undated"
    if start and end and end != start:
        when = f"{start} to {end}"
    lines = [f"{when} ({_present(row.get('date_precision'))})", f"Stance: {_present(row.get('stance'))}",
             f"Sources: {', '.join(row.get('sources') or [])}", "", str(_present(row.get("sentence")) or "")]
    return "<br>\n".join(html.escape(line, quote=True) for line in lines)


def _lonlat(lat: float, lon: float) -> list[float]:
    """RFC 7946 order is longitude first; five decimals are about a metre."""
    return [round(float(lon), 5), round(float(lat), 5)]


def _rounded(geometry: dict) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), 5) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _present(value: Any) -> Any:
    """The value, or None where pandas left NaN for a missing one."""
    return None if _missing(value) else value


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _json_value(value: Any) -> Any:
    if _missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars from pandas
        return value.item()
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):  # a bare carriage return is written unquoted and read as a new row
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        return "'" + value  # a spreadsheet must not run article text as a formula
    return "" if _missing(value) else value
