"""The offline gazetteer: names to Places, demonyms to countries, points and lines to countries."""

from __future__ import annotations

import math
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.build_index import ABBREVIATION_PREFIX
from gazetteer.curated import read_curated
from gazetteer.datafiles import (
    COUNTRIES_FILE,
    CURATED_FILE,
    NAMES_FILE,
    PERSONAL_NAMES_FILE,
    PLACES_FILE,
    CountryEntry,
    PlaceLine,
    line_place,
    read_country_entries,
    read_country_geometries,
    read_name_index,
    read_personal_names,
    read_places,
)
from gazetteer.names import normalize
from gazetteer.places import Place

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from gazetteer.shapes import CountryShapes

DATA_DIR = Path(__file__).parent / "data"

# A bare name in news text most often means the most prominent place that has
# it: "Georgia" the country, "Moscow" the capital, not the Idaho town. The
# prior ranks kinds first (lower is better), then own names before alternate
# names (Dayton, Ohio is also "Venice"), then population.
_KIND_PRIOR = {"country": 0, "sea": 1, "river": 1, "lake": 1, "mountain": 1, "region": 1, "facility": 2}
# Among GeoNames rows, orders of magnitude of population, shifted by feature: a division's
# population (the sum of its towns) overstates how often its name means it.
_FEATURE_SHIFT = {"CONT": 3.0, "ADM1": -1.0, "PPL": 0.0, "ADM2": -0.5, "AIRP": -2.0}
# Answers kept per name as asked (a few hundred bytes each); emptied when full.
_LOOKUP_CACHE_SIZE = 100_000


class Gazetteer:
    """Name, demonym, abbreviation and country-code lookups over countries, curated places and GeoNames rows.

    `max_name_tokens` is the most whitespace-separated tokens in any indexed
    name, so callers can size their n-gram windows. Rows (towns, divisions,
    airports) stay raw lines until a lookup returns them. Country polygons
    are parsed on the first spatial query only: most callers never need them.
    """

    def __init__(
        self,
        countries: list[CountryEntry],
        curated: list[tuple[Place, tuple[str, ...]]],
        rows: list[PlaceLine],
        row_index: dict[str, str],
        countries_path: Path,
        personal_names: dict[str, tuple[float, float]] | None = None,
    ):
        self._rows = rows
        self._row_index = row_index  # normalised name -> "3,~17" (row numbers; ~n for an alternate name)
        self._parsed: dict[int, Place] = {}
        self._lookups: dict[str, tuple[Place, ...]] = {}  # name as asked -> answer: text repeats its names
        self._named: dict[str, list[Place]] = {}  # countries and curated places by normalised name
        for place, aliases in [*((c.place, c.aliases) for c in countries), *curated]:
            for key in {normalize(name) for name in (place.name, *aliases)} - {""}:
                self._named.setdefault(key, []).append(place)
        self._admin1 = {(p.country_code or "", p.admin1): i for i, p in self._rows_of("ADM1")}
        self.max_name_tokens = max(key.count(" ") for key in (*self._named, *row_index)) + 1

        self._demonyms: dict[str, Place] = {}
        for country in sorted(countries, key=lambda c: -c.place.population):
            for word in country.demonyms:
                self._demonyms.setdefault(normalize(word), country.place)
        self._by_code = {
            code: c.place for c in countries for code in (c.place.country_code, c.iso3) if code
        }
        self._countries_by_id = {c.place.id: c.place for c in countries}
        self._countries_path = countries_path
        self._personal_names = personal_names or {}

    def _rows_of(self, feature: str) -> list[tuple[int, Place]]:
        tag = f"\t{feature}\t"
        return [(i, self._row(i)) for i, line in enumerate(self._rows) if tag in line]

    def _row_numbers(self, key: str) -> list[int]:
        found = self._row_index.get(key)
        return [int(n) for n in found.split(",")] if found else []

    def _row(self, i: int) -> Place:
        place = self._parsed.get(i)
        if place is None:
            place = self._parsed[i] = line_place(self._rows[i])
        return place

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        """Read the shipped data files (or those in `data_dir`)."""
        data_dir = data_dir or DATA_DIR
        countries_path = data_dir / COUNTRIES_FILE
        people = data_dir / PERSONAL_NAMES_FILE
        return cls(
            read_country_entries(countries_path),
            read_curated(data_dir / CURATED_FILE),
            read_places(data_dir / PLACES_FILE),
            read_name_index(data_dir / NAMES_FILE),
            countries_path,
            read_personal_names(people) if people.exists() else None,
        )

    def lookup(self, name: str) -> list[Place]:
        """Every place called `name`, best prior first: countries, seas and regions, facilities,
        then GeoNames rows (towns, divisions, continents, airports), own names before alternate
        names, larger first.

        Matching ignores case and punctuation, so "US" and "us" both find the
        United States: deciding which spans of text are names is the caller's job.
        """
        cached = self._lookups.get(name)
        if cached is None:
            if len(self._lookups) >= _LOOKUP_CACHE_SIZE:
                self._lookups.clear()
            cached = self._lookups[name] = self._ranked(normalize(name))
        return list(cached)

    def _ranked(self, key: str) -> tuple[Place, ...]:
        ranked = [((_KIND_PRIOR.get(p.kind, 2), 0, 0, -p.population), p) for p in self._named.get(key, ())]
        for n in self._row_numbers(key):
            place = self._row(n if n >= 0 else ~n)
            weight = math.log10(place.population + 1) + _FEATURE_SHIFT.get(place.feature, -2.0)
            ranked.append(((3, n < 0, -weight, place.id), place))
        ranked.sort(key=lambda pair: pair[0])
        return tuple(place for _, place in ranked)

    def abbreviation(self, form: str) -> list[Place]:
        """Places a dotted abbreviation stands for, exactly as written ("W.Va.", "Kan.", "D.C.")."""
        return [self._row(n) for n in self._row_numbers(ABBREVIATION_PREFIX + form.replace(" ", ""))]

    def admin1(self, country_code: str | None, code: str) -> Place | None:
        """The first-level division of a country by its GeoNames admin1 code ("US", "TX")."""
        i = self._admin1.get((country_code or "", code))
        return self._row(i) if i is not None else None

    def personal_name(self, word: str) -> tuple[float, float]:
        """How common `word` is as a given name and as a surname, in per cent of people (0.0 if unknown)."""
        return self._personal_names.get(word.title(), (0.0, 0.0))

    def demonym(self, word: str) -> Place | None:
        """The country a demonym refers to ("Turkish", "Iranians"); the most populous on a tie."""
        return self._demonyms.get(normalize(word))

    def country(self, code: str) -> Place | None:
        """A country by ISO 3166 alpha-2 or alpha-3 code, any case."""
        return self._by_code.get(code.strip().upper())

    def countries(self) -> list[Place]:
        """Every country, for maps that draw them all."""
        return list(self._countries_by_id.values())

    def shape(self, place: Place) -> BaseGeometry | None:
        """The (simplified) polygon of a country Place; None for every other kind."""
        if place.kind != "country":
            return None
        return self._shapes.shape(place.id)

    def countries_crossed(self, line: BaseGeometry) -> list[Place]:
        """Countries a lon/lat LineString passes through, in the order it enters them."""
        return self._shapes.crossed(line)

    def country_at(self, lat: float, lon: float) -> Place | None:
        """The country at a point (or within about 5 km of its simplified border), else None."""
        return self._shapes.at(lat, lon)

    @cached_property
    def _shapes(self) -> CountryShapes:
        # Imported here so that name lookups never pay for loading shapely.
        from gazetteer.shapes import CountryShapes

        return CountryShapes(read_country_geometries(self._countries_path), self._countries_by_id)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer.load()
