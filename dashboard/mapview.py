"""The folium map of events: offline basemap, incident markers, paths with direction, crossed airspaces.

Every string from an article goes through `html_text` before it becomes a tooltip or a popup: folium puts
both inside JavaScript template literals, and renders a popup's script a second time as a Jinja template,
so HTML escaping alone would let `${...}`, a backtick or `{{ ... }}` in an article run.
"""

from __future__ import annotations

import math
from html import escape

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from . import style
from .assets import OfflineMap, OfflineMarkerCluster, OfflineTextPath
from .labels import when
from .overview import PlaceGroup, busiest_paths, overview, place_groups

# Besides HTML's specials: a template literal's (` $ \\) and Jinja's ({ }) as character references.
_INERT = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})
_LABELLED_PATH_KM = 400  # shorter paths have no room for their label


ONLINE_TILES = ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors')


def build_map(events: pd.DataFrame, basemap: dict, airspaces: dict[str, dict], *,
              selected: str | None = None, height_px: int = 560, online_tiles: bool = False,
              faded: frozenset[str] = frozenset(), popups: bool = False) -> folium.Map:
    """A map of `events`; `airspaces` maps a country name to its GeoJSON geometry.

    The basemap is drawn from the gazetteer's polygons, so it needs no network; `online_tiles` adds
    OpenStreetMap's tiles beneath it for users who choose them (the browser fetches them). Events in
    `faded` (outside the time window) are drawn faint, so the rest of the story stays in view.
    """
    m = OfflineMap(location=[30, 30], zoom_start=3, tiles=None, control_scale=True, max_zoom=12, min_zoom=2,
                   prefer_canvas=False, height=height_px)
    # With no tile layer Leaflet has no zoom limits, and marker clustering needs one.
    m.options.update(max_zoom=12, min_zoom=2)
    m.get_root().header.add_child(folium.Element(
        f"<style>.leaflet-container{{background:{style.WATER}!important;font-family:sans-serif}}"
        ".cm-legend{background:rgba(255,255,255,.92);padding:5px 8px;border-radius:4px;font-size:12px;"
        "line-height:17px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:260px}"
        ".cm-legend .cm-types{display:grid;grid-template-columns:auto auto;column-gap:10px}"
        ".cm-legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;"
        "vertical-align:-1px;border:1px solid #333}</style>"))
    if online_tiles:
        folium.TileLayer(ONLINE_TILES[0], attr=ONLINE_TILES[1], name="OpenStreetMap", max_zoom=12).add_to(m)
    land_opacity = 0.0 if online_tiles else 1.0
    folium.GeoJson(basemap, name="Countries", control=False, interactive=False,
                   style_function=lambda _: {"fillColor": style.LAND, "color": style.BORDER, "weight": 0.7,
                                             "fillOpacity": land_opacity}).add_to(m)
    crossed_layer = folium.FeatureGroup(name="Airspace crossed")
    paths_layer = folium.FeatureGroup(name="Reported paths")
    areas_layer = folium.FeatureGroup(name="Event areas")
    # Markers cluster where they crowd at low zoom; from zoom 7 on every event has its own mark.
    markers_layer = OfflineMarkerCluster(name="Events", options={
        "disableClusteringAtZoom": 7, "maxClusterRadius": 35, "showCoverageOnHover": False,
        "spiderfyOnMaxZoom": True})
    bounds: list[tuple[float, float]] = []
    shaded: set[str] = set()
    many = overview(events)
    drawn_paths = busiest_paths(events, keep=selected)
    for row in drawn_paths.itertuples(index=False):
        colour = style.event_colour(row.type)
        if isinstance(row.path, list) and row.path:
            for name in airspace_names(row):
                if name in airspaces and name not in shaded:
                    shaded.add(name)
                    folium.GeoJson(airspaces[name], name=name, interactive=False,
                                   style_function=lambda _, c=colour: {"fillColor": c, "color": c, "weight": 1,
                                                                      "dashArray": "4 3", "fillOpacity": 0.13}
                                   ).add_to(crossed_layer)
            _draw_path(row, colour, paths_layer, selected == row.id, row.id in faded, labelled=not many)
            bounds.extend((p[0], p[1]) for p in row.path)
    if many:  # the groups are already a summary: clustering them again would hide their sizes
        markers_layer = folium.FeatureGroup(name="Events by place")
        for group in place_groups(events):
            _draw_group(group, markers_layer)
            bounds.append((group.lat, group.lon))
    else:
        for row, (lat, lon) in _spread(events):
            _draw_marker(row, lat, lon, markers_layer, areas_layer, selected == row.id, row.id in faded, popups)
            bounds.append((lat, lon))
    crossed_layer.add_to(m)
    areas_layer.add_to(m)
    paths_layer.add_to(m)
    markers_layer.add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    with_path = int(events["path"].map(lambda p: isinstance(p, list) and len(p) > 1).sum()) if len(events) else 0
    note = f"paths: the {len(drawn_paths):,} best-sourced of {with_path:,}" if with_path > len(drawn_paths) else ""
    _Legend(sorted(set(events["type"])) if len(events) else [], note).add_to(m)
    if selected is not None and selected in set(events["id"]):
        row = events[events["id"] == selected].iloc[0]
        if isinstance(row["path"], list) and row["path"]:
            m.fit_bounds(_box([(p[0], p[1]) for p in row["path"]]), padding=(40, 40))
        elif pd.notna(row["lat"]):
            m.location = [row["lat"], row["lon"]]
            m.options["zoom"] = 6
    elif bounds:
        m.fit_bounds(_box(_focus(bounds)), padding=(30, 30), max_zoom=6)
    if bounds:
        m.events_box = _box(bounds)
    return m


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


def _draw_path(row, colour: str, layer: folium.FeatureGroup, selected: bool, faded: bool = False,
               labelled: bool = True) -> None:
    points = [(p[0], p[1]) for p in row.path]
    tip = f"{row.label} · {when(row.date_start, row.date_end, row.date_precision)} · {row.path_km:,.0f} km"
    strength = 0.2 if faded else 1.0
    folium.PolyLine(points, color="#ffffff", weight=8 if selected else 6, opacity=0.9 * strength,
                    interactive=False).add_to(layer)
    line = folium.PolyLine(points, color=colour, weight=5 if selected else 3.5, opacity=0.95 * strength,
                           tooltip=html_text(tip))
    line.add_to(layer)
    for tip_point, base_point in _arrow_positions(points):
        folium.Polygon(_arrowhead(tip_point, base_point, size_deg=0.9 if selected else 0.7), color=colour,
                       weight=1, fill=True, fill_color=colour, fill_opacity=strength, opacity=strength,
                       interactive=False).add_to(layer)
    if labelled and row.path_km >= _LABELLED_PATH_KM and not faded:  # the label rides along the path: what, when, how far
        westward = points[-1][1] < points[0][1]  # flipped, so the label never reads upside down
        OfflineTextPath(line, _path_label(row),  # a text node: never HTML
                        center=True, offset=-7, orientation="flip" if westward else 0,
                        attributes={"font-size": "12", "font-weight": "bold", "fill": "#222",
                                    "stroke": "#fff", "stroke-width": "3", "paint-order": "stroke"}).add_to(layer)


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


def _draw_marker(row, lat: float, lon: float, layer, areas: folium.FeatureGroup, selected: bool,
                 faded: bool = False, popups: bool = False) -> None:
    colour = style.event_colour(row.type)
    radius_km = getattr(row, "radius_km", None)
    if radius_km and not pd.isna(radius_km):
        # An area place, or one in doubt: a shaded area, not a pin that claims more precision than there is.
        folium.Circle(
            [lat, lon], radius=radius_km * 1000, color="#111111" if selected else colour,
            weight=3 if selected else 1.5, dash_array=style.STANCE_DASH.get(row.stance) or "5 4", fill=True,
            fill_color=colour, fill_opacity=0.04 if faded else 0.28 if selected else 0.16, opacity=0.25 if faded else 1,
            tooltip=html_text(tooltip_text(row)), popup=_popup(row) if popups else None,
        ).add_to(areas)
        return
    folium.CircleMarker(
        [lat, lon],
        radius=11 if selected else 7,
        color="#111111" if selected else "#333333",
        weight=3 if selected else 1.2,
        dash_array=style.STANCE_DASH.get(row.stance),
        fill=True,
        fill_color=colour,
        fill_opacity=0.15 if faded else 0.95 if row.stance == "asserted" else 0.55,
        opacity=0.3 if faded else 1,
        tooltip=html_text(tooltip_text(row)),
        popup=_popup(row) if popups else None,
    ).add_to(layer)


def _draw_group(group: PlaceGroup, layer) -> None:
    """Many events at one place: one circle, its area proportional to their number."""
    folium.CircleMarker([group.lat, group.lon], radius=5 + 2.2 * math.sqrt(group.count), color="#333333",
                        weight=1, fill=True, fill_color=group.colour, fill_opacity=0.75,
                        tooltip=html_text(group.tooltip())).add_to(layer)


def tooltip_text(row) -> str:
    """The marker's tooltip; the app maps a clicked tooltip back to its event."""
    return f"{row.label} · {when(row.date_start, row.date_end, row.date_precision)}"


def _popup(row) -> folium.Popup:
    return folium.Popup(_popup_html(row), max_width=360)


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


class _Legend(MacroElement):
    """Event types with their colours, and what a dashed outline means."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var legend_{{ this.get_name() }} = L.control({position: 'bottomleft'});
        legend_{{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create('div', 'cm-legend');
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        legend_{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
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
