import json
import socket

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut
from geopy.location import Location

from gazetteer.online import OnlineGeocoder


class FakeGeocoder:
    """Stands in for a geopy geocoder: canned answers, recorded queries."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def geocode(self, query, **options):
        self.calls.append((query, options))
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return answer


def location(name, lat, lon, **raw):
    return Location(f"{name}, Somewhere", (lat, lon), {"name": name, **raw})


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def make(tmp_path, fake, provider="nominatim"):
    return OnlineGeocoder(
        provider, cache_path=tmp_path / "cache.json", min_delay_seconds=0, pause_seconds=0, geocoder=fake
    )


def test_geocode_returns_a_city_place(tmp_path):
    fake = FakeGeocoder(
        {"Deir ez-Zor": location("Deir ez-Zor", 35.336, 40.14, type="city", address={"country_code": "sy"})}
    )
    place = make(tmp_path, fake).geocode("Deir ez-Zor")
    assert place.id == "online:nominatim:deir ez-zor"
    assert (place.name, place.kind, place.country_code) == ("Deir ez-Zor", "city", "SY")
    assert (place.lat, place.lon) == (35.336, 40.14)
    assert fake.calls == [("Deir ez-Zor", {"addressdetails": True})]


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ({"addresstype": "country", "type": "administrative"}, "country"),
        ({"addresstype": "state", "type": "administrative"}, "region"),
        ({"class": "natural", "type": "strait"}, "sea"),
        ({"class": "military", "type": "airfield"}, "facility"),
        ({"class": "place", "type": "town"}, "city"),
        ({}, "city"),
    ],
)
def test_kind_comes_from_the_raw_result(tmp_path, raw, kind):
    fake = FakeGeocoder({"X": location("X", 1.0, 2.0, **raw)})
    assert make(tmp_path, fake).geocode("X").kind == kind


def test_answers_and_misses_are_cached_on_disk(tmp_path, no_network):
    fake = FakeGeocoder({"Raqqa": location("Raqqa", 35.95, 39.01), "Nowhereville": None})
    first = make(tmp_path, fake)
    assert first.geocode("Raqqa").name == "Raqqa"
    assert first.geocode("Nowhereville") is None
    assert first.geocode("RAQQA").name == "Raqqa"
    assert len(fake.calls) == 2

    cache = json.loads((tmp_path / "cache.json").read_text())
    assert cache["nominatim:nowhereville"] is None
    assert cache["nominatim:raqqa"]["lat"] == 35.95

    offline = FakeGeocoder({})
    second = make(tmp_path, offline)
    assert second.geocode("Raqqa").lat == 35.95
    assert second.geocode("Nowhereville") is None
    assert offline.calls == []


def test_cache_is_per_provider(tmp_path):
    make(tmp_path, FakeGeocoder({"Aleppo": location("Aleppo", 36.2, 37.16)})).geocode("Aleppo")
    other = FakeGeocoder({"Aleppo": None})
    assert make(tmp_path, other, provider="photon").geocode("Aleppo") is None
    assert len(other.calls) == 1


@pytest.mark.parametrize("error", [GeocoderTimedOut("timed out"), GeocoderServiceError("HTTP 503")])
def test_errors_become_none_with_last_error_and_are_not_cached(tmp_path, error):
    fake = FakeGeocoder({"Idlib": error})
    geocoder = make(tmp_path, fake)
    assert geocoder.geocode("Idlib") is None
    assert type(error).__name__ in geocoder.last_error

    fake.answers["Idlib"] = location("Idlib", 35.93, 36.63)
    assert geocoder.geocode("Idlib").name == "Idlib"
    assert geocoder.last_error is None
    assert len(fake.calls) == 2


def test_unknown_provider_is_reported_not_raised(tmp_path, no_network):
    geocoder = OnlineGeocoder("no-such-service", cache_path=tmp_path / "cache.json")
    assert geocoder.geocode("Homs") is None
    assert "GeocoderNotFound" in geocoder.last_error


def test_construction_touches_neither_network_nor_disk(tmp_path, no_network):
    OnlineGeocoder(cache_path=tmp_path / "sub" / "cache.json")
    assert not (tmp_path / "sub").exists()


def test_unreadable_cache_is_ignored(tmp_path):
    (tmp_path / "cache.json").write_text("{not json")
    fake = FakeGeocoder({"Hama": location("Hama", 35.13, 36.75)})
    assert make(tmp_path, fake).geocode("Hama").name == "Hama"
    assert json.loads((tmp_path / "cache.json").read_text())["nominatim:hama"]["name"] == "Hama"


def test_blank_query_asks_nobody(tmp_path):
    fake = FakeGeocoder({})
    assert make(tmp_path, fake).geocode("  ") is None
    assert fake.calls == []
