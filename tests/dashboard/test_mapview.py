from __future__ import annotations

import json

import folium
import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from dashboard.basemap import STATIC_FILE, basemap
from dashboard.mapview import COUNTRIES_URL, base_map, build_map, event_layers, view_of
from tests.dashboard.drawn import marks, paths

EMPTY = {"type": "FeatureCollection", "features": []}


def test_map_is_self_hosted_and_draws_paths_markers_and_legend(corpus, gazetteer):
    html = build_map(corpus.events, basemap(gazetteer)).get_root().render()
    assert "cdn." not in html and "code.jquery.com" not in html and "unpkg" not in html
    assert "/app/static/vendor/leaflet.js" in html and "/app/static/vendor/leaflet.markercluster.js" in html
    assert "L.polyline" in html and "L.circleMarker" in html and "markerClusterGroup" in html
    assert "cm-legend" in html and "launch" in html
    assert '"maxZoom": 12' in html  # marker clustering needs the map's zoom limits


def test_every_located_event_has_a_mark_and_paths_shade_the_airspace_they_cross(corpus):
    events = corpus.events
    layers = event_layers(events)
    located = events[events["lat"].notna()]
    assert len(marks(layers)) == len(located)
    with_path = events[events["path"].map(lambda p: isinstance(p, list) and len(p) > 1)]
    assert len(paths(layers)) == len(with_path) > 0
    assert all(len(p["arrows"]) >= 1 for p in paths(layers))
    crossed = {name for row in with_path.itertuples() for name in (row.crossed or [])}
    shade = next(c for c in layers.groups[0]._children.values())
    assert crossed and crossed <= set(shade.colours)


def test_area_places_are_drawn_as_areas_not_pins(corpus):
    events = corpus.events
    areas = events[events["radius_km"].notna() & events["lat"].notna()]
    points = events[events["radius_km"].isna() & events["lat"].notna()]
    assert len(areas) and len(points)
    drawn = marks(event_layers(events))
    assert sum("metres" in m for m in drawn) == len(areas)
    assert all(m["metres"] >= 1000 for m in drawn if "metres" in m)


def test_article_text_in_tooltips_and_popups_is_escaped(corpus):
    events = corpus.events[corpus.events["lat"].notna()].head(1).copy()
    events["sentence"] = ["<script>window.__pwned=1</script>"]
    events["label"] = ["<img src=x onerror=alert(1)>"]
    html = build_map(events, EMPTY, popups=True).get_root().render()
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    mark = marks(event_layers(events, popups=True))[0]
    assert mark["tip"].startswith("&lt;img src=x") and "&lt;script&gt;" in mark["popup"]


def test_empty_table_gives_an_empty_map(corpus):
    empty = corpus.events.iloc[0:0]
    layers = event_layers(empty)
    assert marks(layers) == [] and layers.focus is None
    assert "L.map(" in build_map(empty, EMPTY).get_root().render()


def test_basemap_has_every_country(gazetteer):
    assert len(basemap(gazetteer)["features"]) == len(gazetteer.countries()) > 200


def test_the_served_basemap_is_the_gazetteers(gazetteer):
    """static/basemap.json is what `python -m dashboard.basemap` writes from the gazetteer in the repo."""
    assert json.loads(STATIC_FILE.read_text(encoding="utf-8")) == json.loads(json.dumps(basemap(gazetteer)))


def test_online_tiles_only_when_chosen(corpus, gazetteer):
    offline = build_map(corpus.events, basemap(gazetteer)).get_root().render()
    online = build_map(corpus.events, basemap(gazetteer), online_tiles=True).get_root().render()
    assert "openstreetmap.org" not in offline
    assert "tile.openstreetmap.org" in online and "openstreetmap.org/copyright" in online


def test_the_open_map_stays_the_same_whatever_the_events(corpus):
    """st_folium builds a new frame when the map's script changes: the dashboard's base map must not change
    with the events, which come as feature groups instead."""
    first = _get_map_string(base_map(COUNTRIES_URL))
    again = _get_map_string(base_map(COUNTRIES_URL))
    assert generate_js_hash(first, "map", False) == generate_js_hash(again, "map", False)
    assert "L.circleMarker" not in first and COUNTRIES_URL in first


def test_event_layers_become_feature_groups_for_the_open_map(corpus):
    layers = event_layers(corpus.events)
    fmap = base_map(COUNTRIES_URL)
    script = "".join(_get_feature_group_string(group, fmap, i) for i, group in enumerate(layers.groups))
    assert script.count("window.feature_group.push(") == len(layers.groups) == 5
    assert "L.circleMarker" in script and "setText" in script and "cm-legend" in script


def test_a_clicked_tooltip_leads_back_to_its_event(corpus):
    events = corpus.events
    layers = event_layers(events)
    ids = set(layers.events_by_tip.values())
    assert set(events.loc[events["lat"].notna(), "id"]) <= ids
    path_event = events[events["path"].map(lambda p: isinstance(p, list) and len(p) > 1)].iloc[0]
    assert any(tip.endswith(" km") and event_id == path_event["id"] for tip, event_id in layers.events_by_tip.items())


def test_the_selected_event_is_where_the_map_looks(corpus):
    events = corpus.events
    pinned = events[events["lat"].notna() & events["path"].isna()].iloc[0]
    layers = event_layers(events, selected=pinned["id"])
    assert layers.focus == [[pinned["lat"], pinned["lon"]], [pinned["lat"], pinned["lon"]]]
    centre, zoom = view_of(layers.focus, max_zoom=layers.zoom_cap)
    assert centre == pytest.approx((pinned["lat"], pinned["lon"]), abs=1e-3) and zoom == 6
    selected = [m for m in marks(layers) if m["style"].get("color") == "#111111"]
    assert len(selected) == 1


def test_view_of_fits_a_box_as_leaflet_would():
    # 40° of longitude in 640 px: 455 px at zoom 4 (the world is 256·2⁴ px), 910 px at zoom 5
    centre, zoom = view_of([[20.0, 20.0], [40.0, 60.0]], width_px=700, height_px=560, max_zoom=12)
    assert zoom == 4.25 and centre[1] == 40.0  # 4.49 and 4.92 fit: the closer quarter zoom that fits both
    assert 30.4 < centre[0] < 30.6  # the middle on the map (Mercator), north of the middle latitude
    lower, _ = view_of([[20.0, 20.0], [40.0, 60.0]], width_px=700, height_px=560, below_px=150, max_zoom=12)
    assert lower[0] < centre[0]  # room kept for the legend below the box: the map looks further south
    assert view_of([[0.0, 0.0], [0.0, 0.0]], max_zoom=6)[1] == 6
    assert view_of([[-60.0, -180.0], [80.0, 180.0]])[1] == 2
    assert view_of(None) == (None, None)


def test_faded_events_are_drawn_faint(corpus):
    events = corpus.events[corpus.events["lat"].notna() & corpus.events["radius_km"].isna()]
    faint = frozenset(events["id"][:1])
    drawn = marks(event_layers(events, faded=faint))
    assert sorted(m["style"]["opacity"] for m in drawn)[0] == 0.3


def test_layer_names_in_the_control(corpus):
    fmap = build_map(corpus.events, EMPTY)
    names = [c.layer_name for c in fmap._children.values() if isinstance(c, folium.FeatureGroup) and c.control]
    assert names == ["Airspace crossed", "Event areas", "Reported paths", "Events"]
