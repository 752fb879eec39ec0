"""Read the shipped countries.geojson and cities.tsv.gz into Places."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.places import Place

COUNTRIES_FILE = "countries.geojson"
CITIES_FILE = "cities.tsv.gz"
CURATED_FILE = "curated.csv"

# A city stays the raw TSV line it was read as until a lookup returns it:
# building 34,000 frozen dataclasses up front would double load time.
CityLine = str

_PROPERTIES = re.compile(r'"properties"\s*:\s*')


@dataclass(frozen=True)
class CountryEntry:
    """A country Place with the names and demonyms that point to it."""

    place: Place
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    iso3: str


def country_id(iso3: str) -> str:
    return f"iso:{iso3}"


def read_country_entries(path: Path) -> list[CountryEntry]:
    """Country properties only.

    The coordinates are nine tenths of the file and only spatial queries need
    them, so each Feature's "properties" object is decoded where it stands
    instead of parsing the whole document.
    """
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    return [
        _country_entry(decoder.raw_decode(text, match.end())[0])
        for match in _PROPERTIES.finditer(text)
    ]


def read_country_geometries(path: Path) -> dict[str, dict[str, Any]]:
    """GeoJSON geometry mappings keyed by country Place id."""
    with path.open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {country_id(f["properties"]["iso3"]): f["geometry"] for f in features}


def _country_entry(props: dict[str, Any]) -> CountryEntry:
    place = Place(
        id=country_id(props["iso3"]),
        name=props["name"],
        kind="country",
        lat=props["lat"],
        lon=props["lon"],
        country_code=props["iso2"],
        population=props["population"],
    )
    return CountryEntry(place, tuple(props["aliases"]), tuple(props["demonyms"]), props["iso3"])


def read_cities(path: Path) -> list[tuple[CityLine, str, tuple[str, ...]]]:
    """Each city's line, name and alternate names, in file order (largest first)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    cities = []
    for line in lines[1:]:
        fields = line.split("\t")
        cities.append((line, fields[1], tuple(fields[7].split("|")) if fields[7] else ()))
    return cities


def city_place(line: CityLine) -> Place:
    geonameid, name, lat, lon, country_code, _admin1, population, _ = line.split("\t")
    return Place(
        id=f"gn:{geonameid}",
        name=name,
        kind="city",
        lat=float(lat),
        lon=float(lon),
        country_code=country_code or None,
        population=int(population),
        geonameid=int(geonameid),
    )
