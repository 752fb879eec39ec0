from __future__ import annotations

from extract.paths import event_path
from extract.records import PlaceMention


def place(name, kind, lat, lon, code=None):
    return PlaceMention(0, 1, name, name, kind, lat, lon, f"t:{name}", country_code=code)


def test_path_passes_each_route_country_and_reports_what_it_crosses(gazetteer):
    path = event_path(place("Caspian Sea", "sea", 41.9, 50.7),
                      [place("Iran", "country", 32.0, 53.0, "IR"), place("Iraq", "country", 33.0, 44.0, "IQ")],
                      place("Syria", "country", 35.0, 38.0, "SY"), gazetteer)
    assert path.waypoints[0] == (41.9, 50.7) and path.waypoints[-1] == (35.0, 38.0)
    assert len(path.waypoints) == 4
    assert ["Iran", "Iraq", "Syria"] == [c for c in path.crossed if c in ("Iran", "Iraq", "Syria")]
    assert 1200 < path.length_km < 2000
    assert len(path.points) > 20  # densified along great circles


def test_point_route_places_are_passed_exactly(gazetteer):
    path = event_path(place("Incirlik", "facility", 37.0, 35.4), [place("Aleppo", "city", 36.2, 37.16, "SY")],
                      place("Raqqa", "city", 35.95, 39.01, "SY"), gazetteer)
    assert path.waypoints[1] == (36.2, 37.16)
