import gzip
import json
import math

import pytest
from shapely.geometry import LineString, Point

from gazetteer import Gazetteer, Place, default_gazetteer


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def test_default_gazetteer_is_loaded_once():
    assert default_gazetteer() is default_gazetteer()


def test_caspian_sea(gaz):
    sea = gaz.lookup("Caspian Sea")[0]
    assert sea.kind == "sea"
    assert sea.id == "cu:caspian-sea"
    assert km_between(sea.lat, sea.lon, 41.9, 50.7) < 300
    assert sea.radius_km and sea.radius_km > 100


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Russian Federation", "RUS"),
        ("Russia", "RUS"),
        ("Syria", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("Islamic Republic of Iran", "IRN"),
        ("Iran", "IRN"),
        ("United States of America", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("US", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Great Britain", "GBR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Czechia", "CZE"),
        ("Kosovo", "XKX"),
        ("France", "FRA"),
        ("Norway", "NOR"),
    ],
)
def test_country_names_and_aliases(gaz, name, iso3):
    best = gaz.lookup(name)[0]
    assert (best.kind, best.id) == ("country", f"iso:{iso3}")


def test_country_place_fields(gaz):
    turkey = gaz.lookup("Turkey")[0]
    assert turkey.name == "Turkey"
    assert turkey.country_code == "TR"
    assert (turkey.lat, turkey.lon) == (39, 35)
    assert turkey.population > 50_000_000
    iran = gaz.lookup("Iran")[0]
    assert (iran.lat, iran.lon) == (32, 53)


def test_moscow_means_the_russian_capital_in_any_case(gaz):
    places = gaz.lookup("MOSCOW")
    assert places[0].kind == "city"
    assert places[0].country_code == "RU"
    assert places[0].population > 10_000_000
    assert places[0].geonameid == 524901
    assert places[0].id == "gn:524901"
    assert "US" in [p.country_code for p in places[1:]]


def test_brussels_is_the_belgian_city(gaz):
    brussels = gaz.lookup("Brussels")[0]
    assert brussels.kind == "city"
    assert brussels.country_code == "BE"
    assert km_between(brussels.lat, brussels.lon, 50.85, 4.35) < 10


def test_city_alternate_names(gaz):
    assert gaz.lookup("Constantinople")[0].name == "Istanbul"
    assert gaz.lookup("Bombay")[0].name == "Mumbai"


def test_results_are_ordered_country_region_facility_city(gaz):
    assert [p.kind for p in gaz.lookup("Georgia")][0] == "country"
    gaza = gaz.lookup("Gaza")
    assert [p.kind for p in gaza[:2]] == ["region", "city"]
    langley = gaz.lookup("Langley")
    assert langley[0].kind == "facility"
    assert langley[1].kind == "city"


def test_cities_named_alike_are_ordered_by_population(gaz):
    cities = [p for p in gaz.lookup("San Jose") if p.kind == "city"]
    named = [p for p in cities if p.name in ("San Jose", "San José")]
    assert len(named) > 2
    assert cities[: len(named)] == named
    populations = [p.population for p in named]
    assert populations == sorted(populations, reverse=True)


def test_own_name_beats_a_larger_citys_alternate_name(gaz):
    # GeoNames lists "Venice" among the alternate names of Dayton, Ohio.
    assert gaz.lookup("Venice")[0].country_code == "IT"


def test_unknown_and_empty_names(gaz):
    assert gaz.lookup("Qwxzzyplace") == []
    assert gaz.lookup("") == []


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Turkish", "TUR"),
        ("turkish", "TUR"),
        ("Iranian", "IRN"),
        ("Iranians", "IRN"),
        ("Syrian", "SYR"),
        ("American", "USA"),
        ("AMERICANS", "USA"),
        ("Russian", "RUS"),
        ("British", "GBR"),
        ("Emirati", "ARE"),
        ("Saudi", "SAU"),
        ("Congolese", "COD"),
        ("French", "FRA"),
        ("Chinese", "CHN"),
    ],
)
def test_demonym(gaz, word, iso3):
    place = gaz.demonym(word)
    assert place is not None
    assert (place.kind, place.id) == ("country", f"iso:{iso3}")


def test_demonym_unknown(gaz):
    assert gaz.demonym("Table") is None


def test_country_by_code(gaz):
    assert gaz.country("TR").name == "Turkey"
    assert gaz.country("tur").name == "Turkey"
    assert gaz.country("XK").name == "Kosovo"
    assert gaz.country("FR").id == "iso:FRA"
    assert gaz.country("ZZ") is None


def test_metonyms_and_facilities(gaz):
    pentagon = gaz.lookup("Pentagon")[0]
    assert (pentagon.kind, pentagon.metonym, pentagon.country_code) == ("facility", True, "US")
    assert gaz.lookup("the Kremlin")[0].metonym
    assert gaz.lookup("Elysee Palace")[0].metonym
    nato = gaz.lookup("NATO headquarters")[0]
    assert (nato.kind, nato.metonym, nato.country_code) == ("facility", False, "BE")
    assert km_between(nato.lat, nato.lon, 50.876, 4.423) < 1
    incirlik = gaz.lookup("Incirlik")[0]
    assert (incirlik.kind, incirlik.metonym, incirlik.country_code) == ("facility", False, "TR")
    assert gaz.lookup("Khmeimim")[0].id == gaz.lookup("Hmeimim Air Base")[0].id


def test_regions_and_seas(gaz):
    assert gaz.lookup("the Mediterranean")[0].id == "cu:mediterranean-sea"
    assert gaz.lookup("Arabian Gulf")[0].id == "cu:persian-gulf"
    assert gaz.lookup("Donbass")[0].kind == "region"
    crimea = gaz.lookup("Crimea")[0]
    assert (crimea.kind, crimea.country_code) == ("region", "UA")


def test_max_name_tokens(gaz):
    assert gaz.lookup("United Kingdom of Great Britain and Northern Ireland")[0].id == "iso:GBR"
    assert 8 <= gaz.max_name_tokens <= 12


def test_country_at(gaz):
    assert gaz.country_at(39.0, 35.2).name == "Turkey"
    assert gaz.country_at(35.2, 39.0).name == "Syria"
    assert gaz.country_at(50.85, 4.35).name == "Belgium"
    assert gaz.country_at(45.0, 34.0).name == "Ukraine"  # Crimea
    assert gaz.country_at(33.0, 35.75).name == "Syria"  # Golan Heights, a hole in Natural Earth
    assert gaz.country_at(0.0, -30.0) is None  # mid-Atlantic


def test_country_at_coastal_city_despite_simplified_coastline(gaz):
    for city, iso3 in [("Tartus", "SYR"), ("Latakia", "SYR"), ("Istanbul", "TUR"), ("Venice", "ITA")]:
        place = gaz.lookup(city)[0]
        assert gaz.country_at(place.lat, place.lon).id == f"iso:{iso3}", city


def test_countries_crossed_in_order(gaz):
    line = LineString([(50.7, 41.9), (51.4, 35.7), (44.4, 33.3), (38.99, 34.8)])
    crossed = [p.id for p in gaz.countries_crossed(line)]
    iran, iraq, syria = crossed.index("iso:IRN"), crossed.index("iso:IRQ"), crossed.index("iso:SYR")
    assert iran < iraq < syria


def test_countries_crossed_at_sea(gaz):
    assert gaz.countries_crossed(LineString([(-30, 0), (-31, 1)])) == []


def test_shape(gaz):
    turkey = gaz.country("TR")
    polygon = gaz.shape(turkey)
    assert polygon is not None
    assert polygon.contains(Point(32.85, 39.93))  # Ankara
    assert not polygon.contains(Point(44.4, 33.3))  # Baghdad
    assert gaz.shape(gaz.lookup("Caspian Sea")[0]) is None
    assert gaz.shape(gaz.lookup("Ankara")[0]) is None


def write_data_dir(path):
    """A minimal gazetteer with one name shared by every kind."""
    from gazetteer.build_index import build_index
    from gazetteer.build_places import COLUMNS

    feature = {
        "type": "Feature",
        "properties": {
            "iso2": "AA", "iso3": "AAA", "name": "Alpha", "aliases": ["Shared"],
            "demonyms": ["Alphan"], "lat": 1.0, "lon": 1.0, "population": 10,
        },
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]},
    }
    (path / "countries.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    (path / "curated.csv").write_text(
        "id,name,aliases,kind,lat,lon,country_code,radius_km,metonym\n"
        "shared-hq,Shared HQ,Shared,facility,1,1,AA,1,1\n"
        "shared-sea,Shared Sea,Shared,sea,5,5,,100,0\n"
    )
    rows = [
        "\t".join(COLUMNS),
        "gn:1\tBeta\tcity\tPPL\t1.2\t1.2\tAA\t01\t9000\t1\tShared|Betatown|B.T.",
        "gn:2\tShared\tcity\tPPL\t1.5\t1.5\tAA\t01\t5000\t2\tShared Town",
        "a1:AA.01\tGamma\tregion\tADM1\t1.4\t1.4\tAA\t01\t14000\t\t",
    ]
    places = gzip.compress("\n".join(rows).encode())
    (path / "places.tsv.gz").write_bytes(places)
    (path / "names.tsv.gz").write_bytes(build_index(places))


def test_load_from_data_dir_ranks_kinds_then_own_names(tmp_path):
    write_data_dir(tmp_path)
    gaz = Gazetteer.load(tmp_path)
    assert [p.id for p in gaz.lookup("shared")] == [
        "iso:AAA", "cu:shared-sea", "cu:shared-hq", "gn:2", "gn:1",
    ]
    assert gaz.lookup("Betatown") == [
        Place("gn:1", "Beta", "city", 1.2, 1.2, "AA", population=9000, geonameid=1, feature="PPL", admin1="01")
    ]
    assert gaz.demonym("alphan").id == "iso:AAA"
    assert gaz.country_at(1.0, 1.0).id == "iso:AAA"
    assert gaz.max_name_tokens == 2
    assert [p.id for p in gaz.abbreviation("B.T.")] == ["gn:1"]
    assert gaz.lookup("BT") == []  # dotted abbreviations are matched as written only
    assert gaz.admin1("AA", "01").name == "Gamma"
    assert gaz.personal_name("Beta") == (0.0, 0.0)  # no personal names file: no names


def test_countries_lists_every_country_once(gaz):
    countries = gaz.countries()
    assert len(countries) >= 230
    assert {p.kind for p in countries} == {"country"}
    assert len({p.id for p in countries}) == len(countries)
    assert gaz.country("IR") in countries


def test_dotted_abbreviations_are_exact(gaz):
    assert gaz.abbreviation("W.Va.")[0].name == "West Virginia"
    assert gaz.abbreviation("Kan.")[0].name == "Kansas"
    assert gaz.abbreviation("D.C.")[0].id == "gn:4140963"
    assert gaz.abbreviation("kan.") == [] and gaz.abbreviation("Qwz.") == []
    assert gaz.lookup("NSW")[0].name == "New South Wales"
    assert gaz.lookup("U.S.")[0].id == "iso:USA"


@pytest.mark.parametrize(("word", "iso3"), [("Turkish", "TUR"), ("Syrian", "SYR"), ("Iranian", "IRN"),
                                            ("Emirati", "ARE"), ("Palestinians", "PSE")])
def test_demonyms_of_news(gaz, word, iso3):
    assert gaz.demonym(word).id == f"iso:{iso3}"


def test_first_and_second_level_divisions(gaz):
    texas = gaz.lookup("Texas")[0]
    assert (texas.kind, texas.feature, texas.country_code, texas.admin1, texas.geonameid) == (
        "region", "ADM1", "US", "TX", 4736286)
    assert km_between(texas.lat, texas.lon, 31.25, -99.25) < 161
    assert gaz.admin1("CA", "08").name == "Ontario"
    county = gaz.lookup("Kanawha County")[0]
    assert (county.feature, county.admin1) == ("ADM2", "WV")
    assert km_between(county.lat, county.lon, 38.35, -81.6) < 50


def test_small_towns_have_population_and_division(gaz):
    town = next(p for p in gaz.lookup("Chiefland") if p.country_code == "US")
    assert 1_000 <= town.population < 15_000 and town.admin1 == "FL"


def test_airports_and_air_bases(gaz):
    assert any(p.feature == "AIRP" and p.country_code == "TR" for p in gaz.lookup("Incirlik Air Base"))
    heathrow = gaz.lookup("London Heathrow Airport")[0]
    assert heathrow.kind == "facility" and km_between(heathrow.lat, heathrow.lon, 51.47, -0.45) < 5


def test_seas_rivers_mountains_and_continents(gaz):
    assert gaz.lookup("Gulf of Aden")[0].kind == "sea"
    assert gaz.lookup("Strait of Hormuz")[0].kind == "sea"
    assert gaz.lookup("Tigris River")[0].kind == "river"
    assert gaz.lookup("Zagros Mountains")[0].kind == "mountain"
    assert gaz.lookup("Levant")[0].kind == "region"
    assert gaz.lookup("Africa")[0].feature == "CONT"


def test_personal_names(gaz):
    given, surname = gaz.personal_name("Taylor")
    assert surname > 0.1 and given > 0.01
    assert gaz.personal_name("Qwxz") == (0.0, 0.0)
