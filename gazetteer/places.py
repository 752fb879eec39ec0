"""The one record type the gazetteer hands out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A named location with a point, and enough context to rank and map it.

    `kind` is one of "country", "city", "region", "sea", "river", "lake",
    "mountain", "facility". `feature` refines it where known: "PPL" (populated
    place), "ADM1"/"ADM2" (first/second-level division), "CONT" (continent),
    "AIRP" (airport). `id` says where the place came from: "iso:<ISO3>"
    (Natural Earth country), "gn:<geonameid>" (GeoNames town or continent),
    "a1:<CC>.<code>" and "a2:..." (divisions), "ap:<ICAO>" (airport),
    "cu:<slug>" (curated layer) or "online:<provider>:<query>" (opt-in
    geocoder). `admin1` is the GeoNames first-level code a town or division
    lies in. `radius_km` gives curated places an extent; `metonym` marks
    places whose name usually stands for an institution ("the Kremlin said...").
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country_code: str | None
    population: int = 0
    geonameid: int | None = None
    radius_km: float | None = None
    metonym: bool = False
    feature: str = ""
    admin1: str = ""
