"""The one record type the gazetteer hands out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A named location with a point, and enough context to rank and map it.

    `kind` is one of "country", "city", "sea", "region", "facility". `id`
    says where the place came from: "iso:<ISO3>" (Natural Earth country),
    "gn:<geonameid>" (GeoNames city), "cu:<slug>" (curated layer) or
    "online:<provider>:<query>" (opt-in geocoder). `radius_km` gives curated
    places an extent; `metonym` marks places whose name usually stands for an
    institution ("the Kremlin said...").
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
