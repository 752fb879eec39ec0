"""Leaflet served from this app, so the map draws with no internet at all.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; the map
here needs only Leaflet, served by Streamlit's static file serving from
`static/vendor/`. `python -m dashboard.assets` rewrites those files from the
MIT-licensed `folium-offline` package (the `build` extra), which embeds the
same releases folium links to.
"""

from __future__ import annotations

from pathlib import Path

import folium
from folium.plugins import MarkerCluster

STATIC = Path(__file__).resolve().parent.parent / "static"
VENDOR = STATIC / "vendor"
FILES = {
    "leaflet.js": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    "leaflet.css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
    "leaflet.markercluster.js": "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js",
    "MarkerCluster.css": "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css",
    "MarkerCluster.Default.css":
        "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css",
    "leaflet.textpath.min.js": "https://cdn.jsdelivr.net/npm/leaflet-textpath@1.2.3/leaflet.textpath.min.js",
}
URL_PREFIX = "/app/static/vendor/"


class OfflineMap(folium.Map):
    """A folium map that loads Leaflet and the two plugins the event layers use, from this server.

    The plugins come with the map, not with the layers that use them: the dashboard swaps layers in an
    open map, which loads its scripts only once."""

    default_js = [("leaflet", URL_PREFIX + "leaflet.js"), ("markerclusterjs", URL_PREFIX + "leaflet.markercluster.js"),
                  ("polylinetextpath", URL_PREFIX + "leaflet.textpath.min.js")]
    default_css = [("leaflet_css", URL_PREFIX + "leaflet.css"),
                   ("markerclustercss", URL_PREFIX + "MarkerCluster.css"),
                   ("markerclusterdefaultcss", URL_PREFIX + "MarkerCluster.Default.css")]
    events_box: list[list[float]] | None = None

    def get_bounds(self) -> list[list[float]]:
        """The events' box. st_folium asks for the bounds on every run, and folium would walk every vertex of
        the basemap's countries (a second a run) to answer."""
        return self.events_box or [[-60.0, -180.0], [80.0, 180.0]]


class OfflineMarkerCluster(MarkerCluster):
    """Marker clustering with its script and styles from this server."""

    default_js = [("markerclusterjs", URL_PREFIX + "leaflet.markercluster.js")]
    default_css = [("markerclustercss", URL_PREFIX + "MarkerCluster.css"),
                   ("markerclusterdefaultcss", URL_PREFIX + "MarkerCluster.Default.css")]


def write_vendor_files() -> list[Path]:
    from offlinefolium.elements import _res  # build-time only

    VENDOR.mkdir(parents=True, exist_ok=True)
    written = []
    for name, url in FILES.items():
        path = VENDOR / name
        path.write_text(_res[url], encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_vendor_files():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
