"""The hand-written layer: seas, lakes, rivers, mountain ranges, regions, facilities and metonyms in curated.csv.

Neither GeoNames cities nor Natural Earth countries know "the Caspian Sea",
"Donbas" or "the Kremlin", yet news text names them constantly. The file is
edited by hand, so it is checked both by the build and by the tests.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from pathlib import Path

from gazetteer.names import normalize
from gazetteer.places import Place

COLUMNS = ("id", "name", "aliases", "kind", "lat", "lon", "country_code", "radius_km", "metonym")
CURATED_KINDS = ("sea", "lake", "river", "mountain", "region", "facility")


def read_curated(path: Path) -> list[tuple[Place, tuple[str, ...]]]:
    """Each row as a Place with its aliases; raises ValueError naming the bad line."""
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: header must be {','.join(COLUMNS)}")
        for row in reader:
            try:
                entries.append(_parse(row))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{path}:{reader.line_num}: {error}") from error
    return entries


def _parse(row: dict[str, str]) -> tuple[Place, tuple[str, ...]]:
    if row["metonym"] not in ("0", "1"):
        raise ValueError(f"metonym must be 0 or 1, not {row['metonym']!r}")
    place = Place(
        id=f"cu:{row['id']}",
        name=row["name"],
        kind=row["kind"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        country_code=row["country_code"] or None,
        radius_km=float(row["radius_km"]) if row["radius_km"] else None,
        metonym=row["metonym"] == "1",
    )
    aliases = tuple(alias for alias in row["aliases"].split("|") if alias)
    return place, aliases


def check_curated(
    entries: list[tuple[Place, tuple[str, ...]]], country_codes: Collection[str]
) -> list[str]:
    """Problems a reviewer would want fixed before the layer ships; empty when clean."""
    problems = []
    seen_ids: set[str] = set()
    for place, aliases in entries:
        where = place.id
        slug = place.id.removeprefix("cu:")
        if not slug or not all(c.islower() or c.isdigit() or c == "-" for c in slug):
            problems.append(f"{where}: id must be a lowercase slug")
        if place.id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(place.id)
        if not place.name.strip():
            problems.append(f"{where}: empty name")
        if place.kind not in CURATED_KINDS:
            problems.append(f"{where}: kind {place.kind!r} not one of {CURATED_KINDS}")
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            problems.append(f"{where}: lat/lon out of range")
        if place.country_code is not None and place.country_code not in country_codes:
            problems.append(f"{where}: unknown country code {place.country_code}")
        if place.radius_km is None or place.radius_km <= 0:
            problems.append(f"{where}: radius_km must be positive")
        if place.metonym and place.kind != "facility":
            problems.append(f"{where}: only facilities can be metonyms")
        keys = [normalize(name) for name in (place.name, *aliases)]
        if len(set(keys)) != len(keys):
            problems.append(f"{where}: an alias repeats the name or another alias")
    return problems
