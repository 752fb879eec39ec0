"""Read the shipped countries.geojson, places.tsv.gz and personal_names.tsv.gz."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.places import Place

COUNTRIES_FILE = "countries.geojson"
PLACES_FILE = "places.tsv.gz"
NAMES_FILE = "names.tsv.gz"
PERSONAL_NAMES_FILE = "personal_names.tsv.gz"
CURATED_FILE = "curated.csv"

# A town, division or airport stays the raw TSV line it was read as until a
# lookup returns it: building 200,000 dataclasses up front would treble load time.
PlaceLine = str

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


def read_places(path: Path) -> list[PlaceLine]:
    """Each row of places.tsv.gz as its raw line, in file order (by kind, then largest first)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()[1:]


def read_name_index(path: Path) -> dict[str, str]:
    """Normalised name -> its row numbers, still as the comma-separated text of names.tsv.gz."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return dict(line.split("\t", 1) for line in handle.read().splitlines())


def line_place(line: PlaceLine) -> Place:
    place_id, name, kind, feature, lat, lon, country, admin1, population, geonameid, _ = line.split("\t")
    return Place(
        id=place_id,
        name=name,
        kind=kind,
        lat=float(lat),
        lon=float(lon),
        country_code=country or None,
        population=int(population),
        geonameid=int(geonameid) if geonameid else None,
        feature=feature,
        admin1=admin1,
    )


def read_personal_names(path: Path) -> dict[str, tuple[float, float]]:
    """Word -> (share of people with it as given name, as surname), in per cent."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [line.split("\t") for line in handle.read().splitlines()[1:]]
    return {name: (float(given), float(surname)) for name, given, surname in rows}
