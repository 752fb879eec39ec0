"""The offline gazetteer: names to Places, demonyms to countries, points and lines to countries."""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.curated import read_curated
from gazetteer.datafiles import (
    CITIES_FILE,
    COUNTRIES_FILE,
    CURATED_FILE,
    CityLine,
    CountryEntry,
    city_place,
    read_cities,
    read_country_entries,
    read_country_geometries,
)
from gazetteer.names import normalize
from gazetteer.places import Place

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from gazetteer.shapes import CountryShapes

DATA_DIR = Path(__file__).parent / "data"

# A bare name in news text most often means the most prominent place that
# has it: "Georgia" the country, "Moscow" the capital, not the Idaho town.
# Cities rank after every kind here: first those whose own name matches,
# then those matched by an alternate name (Dayton, Ohio is also "Venice"),
# each largest first.
_KIND_PRIOR = {"country": 0, "sea": 1, "region": 1, "facility": 2}

_Entry = Place | CityLine


class Gazetteer:
    """Name, demonym and country-code lookups over countries, curated places and cities.

    `max_name_tokens` is the most whitespace-separated tokens in any indexed
    name, so callers can size their n-gram windows. Country polygons are
    parsed on the first spatial query only: most callers never need them.
    """

    def __init__(
        self,
        countries: list[CountryEntry],
        curated: list[tuple[Place, tuple[str, ...]]],
        cities: list[tuple[CityLine, str, tuple[str, ...]]],  # largest first
        countries_path: Path,
    ):
        self._index: dict[str, tuple[_Entry, ...]] = {}
        ranked = sorted(
            [*((c.place, c.aliases) for c in countries), *curated],
            key=lambda entry: (_KIND_PRIOR[entry[0].kind], -entry[0].population),
        )
        for place, aliases in ranked:
            self._add(place, (place.name, *aliases))
        for line, name, _ in cities:
            self._add(line, (name,))
        for line, _, alternates in cities:
            self._add(line, alternates)
        self.max_name_tokens = max(key.count(" ") for key in self._index) + 1

        self._demonyms: dict[str, Place] = {}
        for country in sorted(countries, key=lambda c: -c.place.population):
            for word in country.demonyms:
                self._demonyms.setdefault(normalize(word), country.place)
        self._by_code = {
            code: c.place for c in countries for code in (c.place.country_code, c.iso3) if code
        }
        self._countries_by_id = {c.place.id: c.place for c in countries}
        self._countries_path = countries_path

    def _add(self, entry: _Entry, names: tuple[str, ...]) -> None:
        for key in set(map(normalize, names)):
            if key:
                self._index[key] = self._index.get(key, ()) + (entry,)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        """Read the shipped data files (or those in `data_dir`)."""
        data_dir = data_dir or DATA_DIR
        countries_path = data_dir / COUNTRIES_FILE
        return cls(
            read_country_entries(countries_path),
            read_curated(data_dir / CURATED_FILE),
            read_cities(data_dir / CITIES_FILE),
            countries_path,
        )

    def lookup(self, name: str) -> list[Place]:
        """Every place called `name`, best prior first: countries, seas and regions, facilities, then cities.

        Matching ignores case and punctuation, so "US" and "us" both find the
        United States: deciding which spans of text are names is the caller's job.
        """
        entries = self._index.get(normalize(name), ())
        return [e if isinstance(e, Place) else city_place(e) for e in entries]

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
