from __future__ import annotations

import pandas as pd

from dashboard.basemap import airspaces, basemap
from dashboard.mapview import build_map


def test_map_is_self_hosted_and_draws_paths_markers_and_legend(corpus, gazetteer):
    html = build_map(corpus.events, basemap(gazetteer), airspaces(gazetteer, {"Iran", "Iraq"})).get_root().render()
    assert "cdn." not in html and "code.jquery.com" not in html and "unpkg" not in html
    assert "/app/static/vendor/leaflet.js" in html
    assert "L.polyline" in html and "L.circleMarker" in html
    assert "cm-legend" in html and "launch" in html


def test_article_text_in_popups_is_escaped(corpus, gazetteer):
    events = corpus.events.head(1).copy()
    events["sentence"] = ["<script>window.__pwned=1</script>"]
    events["label"] = ["<img src=x onerror=alert(1)>"]
    html = build_map(events, {"type": "FeatureCollection", "features": []}, {}).get_root().render()
    assert "<script>window.__pwned" not in html and "<img src=x" not in html


def test_empty_table_gives_an_empty_map(corpus):
    empty = corpus.events.iloc[0:0]
    html = build_map(empty, {"type": "FeatureCollection", "features": []}, {}).get_root().render()
    assert "L.circleMarker" not in html
    assert isinstance(empty, pd.DataFrame)


def test_basemap_has_every_country(gazetteer):
    assert len(basemap(gazetteer)["features"]) == len(gazetteer.countries()) > 200


def test_area_places_are_drawn_as_areas_not_pins(corpus, gazetteer):
    from dashboard.basemap import basemap
    from dashboard.mapview import build_map

    events = corpus.events
    areas = events[events["radius_km"].notna()]
    points = events[events["radius_km"].isna() & events["lat"].notna()]
    assert len(areas) and len(points)
    html = build_map(events, basemap(gazetteer), {}).get_root().render()
    assert html.count("L.circle(") >= len(areas.drop_duplicates(["lat", "lon", "radius_km"]))
    assert "L.circleMarker(" in html


def test_the_map_declares_its_zoom_limits_for_clustering(corpus, gazetteer):
    from dashboard.basemap import basemap
    from dashboard.mapview import build_map

    html = build_map(corpus.events, basemap(gazetteer), {}).get_root().render()
    assert '"maxZoom": 12' in html and "markerClusterGroup" in html and "setText" in html


def test_online_tiles_only_when_chosen(corpus, gazetteer):
    from dashboard.basemap import basemap
    from dashboard.mapview import build_map

    offline = build_map(corpus.events, basemap(gazetteer), {}).get_root().render()
    online = build_map(corpus.events, basemap(gazetteer), {}, online_tiles=True).get_root().render()
    assert "openstreetmap.org" not in offline
    assert "tile.openstreetmap.org" in online and "openstreetmap.org/copyright" in online
