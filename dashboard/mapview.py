"""The folium map of events: offline basemap, incident markers, paths with direction, crossed airspaces.

The map comes in two parts. `base_map` is what stays: the countries, the panes and the plugins. The
dashboard fetches the countries once from this server (`COUNTRIES_URL`); an exported page carries them.
`event_layers` is what a view of events adds: feature groups that the app gives to st_folium as
`feature_group_to_add`, so a filter change swaps them in the open map instead of building a new frame
around a 460 KB basemap. `build_map` puts both together for the briefing and its exports.

Each layer's marks are drawn by one script from a data array (`_Marks`, `_Paths`), not by one folium
element per mark: every folium element costs a Jinja compile, and 500 of them took a third of a second a
run. Those scripts are put in the page once, as rendered (`_Script`): branca would render them a second
time as Jinja templates, which would run `{{ ... }}` from an article on the server. Tooltip and popup HTML
made from article text goes through `html_text`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from . import style
from .assets import OfflineMap, OfflineMarkerCluster
from .labels import when
from .overview import PlaceGroup, busiest_paths, overview, place_groups

# Besides HTML's specials: a template literal's (` $ \\) and Jinja's ({ }) as character references.
_INERT = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})
_LABELLED_PATH_KM = 400  # shorter paths have no room for their label
COUNTRIES_URL = "/app/static/basemap.json"  # written by `python -m dashboard.basemap`
DETAIL_ZOOM = 6  # the zoom a selected event is shown at
MAX_FIT_ZOOM = 6  # fitting the events never zooms closer than this
GROUP_RADIUS_PX = 30  # the largest circle of counted events, past its 5 px centre
ZOOM_STEP = 0.25

ONLINE_TILES = ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors')
_STYLES = (f"<style>.leaflet-container{{background:{style.WATER}!important;font-family:sans-serif}}"
           ".cm-legend{background:rgba(255,255,255,.92);padding:5px 8px;border-radius:4px;font-size:12px;"
           "line-height:17px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:260px}"
           ".cm-legend .cm-types{display:grid;grid-template-columns:auto auto;column-gap:10px}"
           ".cm-legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;"
           "vertical-align:-1px;border:1px solid #333}</style>")


@dataclass
class MapLayers:
    """What a view of events adds to the base map, and where to look at it."""

    groups: list[folium.FeatureGroup]
    box: list[list[float]] | None  # every drawn point
    focus: list[list[float]] | None  # where to look: the selected event, or where most events are
    zoom_cap: int = MAX_FIT_ZOOM
    types: int = 0  # event types in the legend
    events_by_tip: dict[str, str] = field(default_factory=dict)  # a clicked tooltip's event id
    places_by_tip: dict[str, str] = field(default_factory=dict)  # a clicked count's place name

    def view(self, *, width_px: int = 700, height_px: int = 560) -> tuple[tuple[float, float] | None, float | None]:
        """Centre and zoom for a map of that size: the focus, above the legend (about how tall it is drawn:
        two columns of types, then three lines and a note)."""
        legend_px = 17 * math.ceil(self.types / 2) + 90
        return view_of(self.focus, width_px=width_px, height_px=height_px, below_px=legend_px, max_zoom=self.zoom_cap)


def base_map(countries: dict | str, *, height_px: int = 560, online_tiles: bool = False) -> OfflineMap:
    """The map with no events: `countries` is the basemap's GeoJSON, or the URL it is fetched from.

    The basemap is drawn from the gazetteer's polygons, so it needs no network; `online_tiles` adds
    OpenStreetMap's tiles beneath it for users who choose them (the browser fetches them)."""
    m = OfflineMap(location=[30, 30], zoom_start=3, tiles=None, control_scale=True, max_zoom=12, min_zoom=2,
                   prefer_canvas=False, height=height_px)
    # With no tile layer Leaflet has no zoom limits, and marker clustering needs one. Quarter zooms let a
    # view fit its events closely (view_of).
    m.options.update(max_zoom=12, min_zoom=2, zoom_snap=ZOOM_STEP, zoom_delta=0.5)
    m.get_root().header.add_child(Element(_STYLES))
    if online_tiles:
        folium.TileLayer(ONLINE_TILES[0], attr=ONLINE_TILES[1], name="OpenStreetMap", max_zoom=12).add_to(m)
    _Countries(countries, fill_opacity=0.0 if online_tiles else 1.0).add_to(m)
    return m


def build_map(events: pd.DataFrame, countries: dict | str, *, selected: str | None = None, height_px: int = 560,
              width_px: int = 1100, online_tiles: bool = False, faded: frozenset[str] = frozenset(),
              popups: bool = False) -> folium.Map:
    """A whole map of `events`, for a page of its own (the briefing and its exports), `width_px` wide about."""
    m = base_map(countries, height_px=height_px, online_tiles=online_tiles)
    layers = event_layers(events, selected=selected, faded=faded, popups=popups)
    for group in layers.groups:
        group.add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    centre, zoom = layers.view(width_px=width_px, height_px=height_px)
    if centre is not None:
        m.location, m.options["zoom"] = list(centre), zoom
    if layers.box:
        m.events_box = layers.box
    return m


def event_layers(events: pd.DataFrame, *, selected: str | None = None, faded: frozenset[str] = frozenset(),
                 popups: bool = False) -> MapLayers:
    """The feature groups of a view: crossed airspaces, areas, paths, events (or counts by place), legend.

    Events in `faded` (outside the time window) are drawn faint, so the rest of the story stays in view."""
    crossed = folium.FeatureGroup(name="Airspace crossed")
    paths = folium.FeatureGroup(name="Reported paths")
    areas = folium.FeatureGroup(name="Event areas")
    bounds: list[tuple[float, float]] = []
    shaded: dict[str, str] = {}
    many = overview(events)
    drawn_paths = busiest_paths(events, keep=selected)
    path_marks = []
    events_by_tip: dict[str, str] = {}
    places_by_tip: dict[str, str] = {}
    for row in drawn_paths.itertuples(index=False):
        if isinstance(row.path, list) and row.path:
            colour = style.event_colour(row.type)
            for name in airspace_names(row):
                shaded.setdefault(name, colour)
            path_marks.append(_path_mark(row, colour, selected == row.id, row.id in faded, labelled=not many))
            events_by_tip[_path_tip(row)] = row.id
            bounds.extend((p[0], p[1]) for p in row.path)
    _Shade(shaded).add_to(crossed)
    _Paths(path_marks).add_to(paths)
    if many:  # the groups are already a summary: clustering them again would hide their sizes
        markers = folium.FeatureGroup(name="Events by place")
        groups = place_groups(events)
        largest = max((group.count for group in groups), default=1)
        _Marks([_group_mark(group, largest) for group in groups]).add_to(markers)
        bounds.extend((group.lat, group.lon) for group in groups)
        places_by_tip = {group.tooltip(): group.name for group in groups}
    else:
        markers = folium.FeatureGroup(name="Events")
        # Markers cluster where they crowd at low zoom; from zoom 7 on every event has its own mark.
        cluster = OfflineMarkerCluster(control=False, options={
            "disableClusteringAtZoom": 7, "maxClusterRadius": 35, "showCoverageOnHover": False,
            "spiderfyOnMaxZoom": True})
        cluster.add_to(markers)
        points, area_marks = [], []
        for row, (lat, lon) in _spread(events):
            mark = _event_mark(row, lat, lon, selected == row.id, row.id in faded, popups)
            (area_marks if "metres" in mark else points).append(mark)
            events_by_tip[tooltip_text(row)] = row.id
            bounds.append((lat, lon))
        _Marks(points).add_to(cluster)
        _Marks(area_marks).add_to(areas)
    legend = folium.FeatureGroup(name="Legend", control=False)
    with_path = int(events["path"].map(lambda p: isinstance(p, list) and len(p) > 1).sum()) if len(events) else 0
    note = f"paths: the {len(drawn_paths):,} best-sourced of {with_path:,}" if with_path > len(drawn_paths) else ""
    types = sorted(events["type"].unique().tolist()) if len(events) else []
    _Legend(types, note).add_to(legend)
    focus, cap = (_box(_focus(bounds)), MAX_FIT_ZOOM) if bounds else (None, MAX_FIT_ZOOM)
    chosen = events[events["id"] == selected] if selected is not None else events.iloc[:0]
    if len(chosen):
        row = chosen.iloc[0]
        if isinstance(row["path"], list) and row["path"]:
            focus, cap = _box([(p[0], p[1]) for p in row["path"]]), DETAIL_ZOOM
        elif pd.notna(row["lat"]):
            focus, cap = _box([(row["lat"], row["lon"])]), DETAIL_ZOOM
    return MapLayers([crossed, areas, paths, markers, legend], _box(bounds) if bounds else None, focus, cap,
                     len(types), events_by_tip, places_by_tip)


def view_of(box: list[list[float]] | None, *, width_px: int = 700, height_px: int = 560, padding_px: int = 30,
            below_px: int = 0, max_zoom: int = MAX_FIT_ZOOM) -> tuple[tuple[float, float] | None, int | None]:
    """The centre and zoom that show `box` in a map of that size, as Leaflet's fitBounds would, with
    `below_px` at the bottom kept for the legend (the box sits in the map above it).

    The dashboard's map stays open between runs, so it is moved, not rebuilt, and needs these numbers."""
    if not box:
        return None, None
    (south, west), (north, east) = box
    top, bottom = _world_y(north), _world_y(south)
    width = max(width_px - 2 * padding_px, 64)
    height = max(height_px - 2 * padding_px - below_px, 64)
    fits = min(math.log2(width / (256 * max((east - west) / 360, 1e-9))),
               math.log2(height / (256 * max(bottom - top, 1e-9))))
    zoom = max(2, min(math.floor(fits / ZOOM_STEP) * ZOOM_STEP, max_zoom))
    # The box's middle goes to the middle of the space above the legend: the map's centre lies half the
    # legend's height further south.
    middle = (top + bottom) / 2 + below_px / 2 / (256 * 2**zoom)
    return (round(_latitude(middle), 4), round((west + east) / 2, 4)), zoom


def _world_y(lat: float) -> float:
    """Web Mercator's y of a latitude, from 0 (north edge) to 1 (south edge)."""
    lat = max(min(lat, 85.0), -85.0)
    return (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2


def _latitude(world_y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * world_y))))


def html_text(value: object) -> str:
    """Text (from an article) as HTML that shows as itself in a folium tooltip or popup, and never runs."""
    return escape(str(value), quote=True).translate(_INERT)


def _focus(points: list[tuple[float, float]], radius_km: float = 2500) -> list[tuple[float, float]]:
    """The points around the median, when most lie there: one far-off meeting should not shrink the story."""
    if len(points) < 3:
        return points
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    centre = (lats[len(lats) // 2], lons[len(lons) // 2])
    near = [p for p in points if _km(p, centre) <= radius_km]
    return near if len(near) >= 0.6 * len(points) else points


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def airspace_names(row) -> list[str]:
    """Countries to shade for an event: those its path crosses and the route areas the text names."""
    names = list(row.crossed or [])
    names += [p["name"] for p in row.places if p["role"] == "via" and p["kind"] in ("country", "airspace")]
    return list(dict.fromkeys(names))


def _path_mark(row, colour: str, selected: bool, faded: bool, labelled: bool) -> dict:
    """A path for `_Paths`: its line, tooltip, arrowheads and the label that rides along it."""
    points = [(p[0], p[1]) for p in row.path]
    label = _path_label(row) if labelled and row.path_km >= _LABELLED_PATH_KM and not faded else None
    return {"points": points, "colour": colour, "weight": 5 if selected else 3.5, "halo": 8 if selected else 6,
            "strength": 0.2 if faded else 1.0, "tip": html_text(_path_tip(row)), "label": label,
            "flip": points[-1][1] < points[0][1],  # so the label never reads upside down
            "arrows": [_arrowhead(tip_point, base, size_deg=0.9 if selected else 0.7)
                       for tip_point, base in _arrow_positions(points)]}


def _path_tip(row) -> str:
    return f"{row.label} · {when(row.date_start, row.date_end, row.date_precision)} · {row.path_km:,.0f} km"


def _path_label(row) -> str:
    """What, when, how far, short enough to ride along the line."""
    name = row.label.split(":")[0]
    day = row.date_start if row.date_precision == "day" and isinstance(row.date_start, str) else None
    return f"{name} · {day} · {row.path_km:,.0f} km" if day else f"{name} · {row.path_km:,.0f} km"


def _arrow_positions(points: list[tuple[float, float]]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Arrowheads at the end and halfway along the path, pointing the way it goes."""
    if len(points) < 2:
        return []
    ends = [(points[-1], points[-2])]
    mid = len(points) // 2
    if len(points) > 4:
        ends.append((points[mid], points[mid - 1]))
    return ends


def _arrowhead(tip: tuple[float, float], previous: tuple[float, float], size_deg: float) -> list[tuple[float, float]]:
    lat_scale = math.cos(math.radians(tip[0]))
    dx = (tip[1] - previous[1]) * lat_scale
    dy = tip[0] - previous[0]
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    back = (tip[0] - uy * size_deg, tip[1] - ux * size_deg / lat_scale)
    side = size_deg * 0.5
    left = (back[0] + ux * side, back[1] - uy * side / lat_scale)
    right = (back[0] - ux * side, back[1] + uy * side / lat_scale)
    return [tip, left, right]


def _spread(events: pd.DataFrame):
    """Events at one spot are fanned out around it so each marker can be seen and clicked."""
    groups: dict[tuple[float, float], list] = {}
    for row in events.itertuples(index=False):
        if pd.isna(row.lat) or pd.isna(row.lon):
            continue
        groups.setdefault((round(row.lat, 3), round(row.lon, 3)), []).append(row)
    for (lat, lon), rows in groups.items():
        for i, row in enumerate(rows):
            if len(rows) == 1:
                yield row, (lat, lon)
                continue
            angle = 2 * math.pi * i / len(rows)
            radius = 0.35 + 0.04 * len(rows)
            yield row, (lat + radius * math.sin(angle), lon + radius * math.cos(angle) / math.cos(math.radians(lat)))


def _event_mark(row, lat: float, lon: float, selected: bool, faded: bool, popups: bool) -> dict:
    """An event for `_Marks`: a dot, or a shaded circle of its radius when its place is an area or in doubt
    (a pin would claim more precision than there is)."""
    colour = style.event_colour(row.type)
    mark = {"at": (round(lat, 5), round(lon, 5)), "tip": html_text(tooltip_text(row)),
            "popup": _popup_html(row) if popups else None}
    radius_km = getattr(row, "radius_km", None)
    if radius_km and not pd.isna(radius_km):
        mark["metres"] = radius_km * 1000
        mark["style"] = {"color": "#111111" if selected else colour, "weight": 3 if selected else 1.5,
                         "dashArray": style.STANCE_DASH.get(row.stance) or "5 4", "fill": True, "fillColor": colour,
                         "fillOpacity": 0.04 if faded else 0.28 if selected else 0.16, "opacity": 0.25 if faded else 1}
        return mark
    mark["style"] = {"radius": 11 if selected else 7, "color": "#111111" if selected else "#333333",
                     "weight": 3 if selected else 1.2, "dashArray": style.STANCE_DASH.get(row.stance), "fill": True,
                     "fillColor": colour, "opacity": 0.3 if faded else 1,
                     "fillOpacity": 0.15 if faded else 0.95 if row.stance == "asserted" else 0.55}
    return mark


def _group_mark(group: PlaceGroup, largest: int) -> dict:
    """Many events at one place: one circle, its area growing with their number, the view's largest at most
    GROUP_RADIUS_PX across (a place of thousands of events would otherwise cover its neighbours' countries)."""
    radius = 5 + min(2.2 * math.sqrt(group.count), GROUP_RADIUS_PX * math.sqrt(group.count / largest))
    return {"at": (group.lat, group.lon), "tip": html_text(group.tooltip()), "popup": None,
            "style": {"radius": round(radius, 1), "color": "#333333", "weight": 1,
                      "fill": True, "fillColor": group.colour, "fillOpacity": 0.75}}


def tooltip_text(row) -> str:
    """The marker's tooltip; the app maps a clicked tooltip back to its event."""
    return f"{row.label} · {when(row.date_start, row.date_end, row.date_precision)}"


def _popup_html(row) -> str:
    sources = ", ".join(row.sources)
    claim = f"<br><b>Claimed by:</b> {html_text(', '.join(row.claimants))}" if row.claimants else ""
    dated = when(row.date_start, row.date_end, row.date_precision)
    return (f"<div style='font-size:13px'><b>{html_text(row.label)}</b><br>{html_text(dated)}"
            f"<br><b>Stance:</b> {html_text(row.stance)}{claim}<br><b>Sources:</b> {html_text(sources)}"
            f"<br><i>“{html_text(row.sentence)}”</i><br><small>id {html_text(row.id)}</small></div>")


def _box(points: list[tuple[float, float]]) -> list[list[float]]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


class _Verbatim(Element):
    """Script text put in the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _Script(MacroElement):
    """An element whose script is rendered once: its data may hold article text, which a second rendering
    (branca's, as a Jinja template) would run on the server. It also spares that second compile."""

    def render(self, **kwargs) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_Verbatim(script(self, kwargs)), name=self.get_name())


class _Countries(_Script):
    """The land, beneath everything; `window.cmCountries` holds the countries for `_Shade`."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, source) {
            map.createPane('cm-land').style.zIndex = 250;
            map.createPane('cm-airspace').style.zIndex = 300;
            window.cmCountries = typeof source === 'string'
                ? fetch(source).then(function (r) { return r.json(); })
                : Promise.resolve(source);
            var land = L.geoJson(null, {pane: 'cm-land', interactive: false, style: {{ this.style|tojson }}});
            land.addTo(map);
            window.cmCountries.then(function (countries) { land.addData(countries); });
        })({{ this._parent.get_name() }}, {{ this.source|tojson }});
        {% endmacro %}
    """)

    def __init__(self, source: dict | str, fill_opacity: float):
        super().__init__()
        self._name = "Countries"
        self.source = source
        self.style = {"fillColor": style.LAND, "color": style.BORDER, "weight": 0.7, "fillOpacity": fill_opacity}


class _Shade(_Script):
    """Countries whose airspace a path crosses, shaded in its colour (from the basemap's outlines)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (layer, colours) {
            if (!Object.keys(colours).length) { return; }
            window.cmCountries.then(function (countries) {
                var crossed = countries.features.filter(function (f) { return colours[f.properties.name]; });
                L.geoJson({type: 'FeatureCollection', features: crossed}, {
                    pane: 'cm-airspace', interactive: false,
                    style: function (f) {
                        var c = colours[f.properties.name];
                        return {fillColor: c, color: c, weight: 1, dashArray: '4 3', fillOpacity: 0.13};
                    }
                }).addTo(layer);
            });
        })({{ this._parent.get_name() }}, {{ this.colours|tojson }});
        {% endmacro %}
    """)

    def __init__(self, colours: dict[str, str]):
        super().__init__()
        self._name = "Shade"
        self.colours = colours


class _Marks(_Script):
    """Dots (circle markers) and areas (circles in metres), each with its tooltip and, if any, popup."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (layer, marks) {
            marks.forEach(function (m) {
                var mark = m.metres ? L.circle(m.at, Object.assign({radius: m.metres}, m.style))
                                    : L.circleMarker(m.at, m.style);
                mark.bindTooltip(m.tip, {sticky: true});
                if (m.popup) { mark.bindPopup(m.popup, {maxWidth: 360}); }
                layer.addLayer(mark);
            });
        })({{ this._parent.get_name() }}, {{ this.marks|tojson }});
        {% endmacro %}
    """)

    def __init__(self, marks: list[dict]):
        super().__init__()
        self._name = "Marks"
        self.marks = marks


class _Paths(_Script):
    """Reported paths: a white halo, the line with its tooltip, arrowheads, and a label along it (a text
    node, never HTML) at the zooms where it fits: a longer label is drawn off its line."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (layer, paths) {
            paths.forEach(function (p) {
                L.polyline(p.points, {color: '#ffffff', weight: p.halo, opacity: 0.9 * p.strength,
                                      interactive: false}).addTo(layer);
                var line = L.polyline(p.points, {color: p.colour, weight: p.weight, opacity: 0.95 * p.strength});
                line.bindTooltip(p.tip, {sticky: true}).addTo(layer);
                p.arrows.forEach(function (a) {
                    L.polygon(a, {color: p.colour, weight: 1, fill: true, fillColor: p.colour,
                                  fillOpacity: p.strength, opacity: p.strength, interactive: false}).addTo(layer);
                });
                if (p.label && line.setText) {  // only while the label fits along the line as drawn
                    var options = {center: true, offset: -7, orientation: p.flip ? 'flip' : 0,
                        attributes: {'font-size': '12', 'font-weight': 'bold', fill: '#222', stroke: '#fff',
                                     'stroke-width': '3', 'paint-order': 'stroke'}};
                    var fit = function () {
                        var map = line._map, px = 0, pts;
                        if (!map) { return; }
                        pts = line.getLatLngs().map(function (ll) { return map.latLngToLayerPoint(ll); });
                        for (var i = 1; i < pts.length; i++) { px += pts[i].distanceTo(pts[i - 1]); }
                        line.setText(null);
                        if (px >= p.label.length * 7 + 24) { line.setText(p.label, options); }
                    };
                    line.on('add', function () { fit(); line._map.on('zoomend', fit); });
                    line.on('remove', function () { line._map.off('zoomend', fit); });
                }
            });
        })({{ this._parent.get_name() }}, {{ this.paths|tojson }});
        {% endmacro %}
    """)

    def __init__(self, paths: list[dict]):
        super().__init__()
        self._name = "Paths"
        self.paths = paths


class _Legend(_Script):
    """Event types with their colours, and what a dashed outline means; shown while its group is."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (group, html) {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'cm-legend');
                div.innerHTML = html;
                return div;
            };
            group.on('add', function (e) { legend.addTo(e.target._map); });
            group.on('remove', function () { legend.remove(); });
            if (group._map) { legend.addTo(group._map); }
        })({{ this._parent.get_name() }}, {{ this.html|tojson }});
        {% endmacro %}
    """)

    def __init__(self, types: list[str], note: str = ""):
        super().__init__()
        self._name = "Legend"
        rows = "".join(f"<div><i style='background:{style.event_colour(t)}'></i>{escape(style.type_name(t))}</div>"
                       for t in types)
        self.html = (f"<b>Events</b><div class='cm-types'>{rows}</div><div style='margin-top:4px'><i style='background:#fff;border-style:dashed'>"
                     "</i>disputed or reported</div><div><i style='background:rgba(85,85,85,.2);border-style:dotted'>"
                     "</i>area or uncertain place</div><div><span style='display:inline-block;width:16px;"
                     "border-top:3px solid #D55E00;vertical-align:3px;margin-right:5px'></span>reported path</div>"
                     + (f"<div class='cm-note'><small>{escape(note)}</small></div>" if note else ""))
