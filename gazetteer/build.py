"""Regenerate gazetteer/data from packaged sources: `python -m gazetteer.build`.

Needs the `build` extra. Output is byte-identical across runs, so a
diff in git means the sources or this code changed. curated.csv is written
by hand; the build only checks it against the countries it just wrote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gazetteer.build_countries import build_countries, natural_earth_zip
from gazetteer.build_index import build_index
from gazetteer.build_people import build_people
from gazetteer.build_places import build_places
from gazetteer.curated import check_curated, read_curated

DATA_DIR = Path(__file__).parent / "data"


def write_countries(collection: dict[str, Any], path: Path) -> None:
    """One Feature per line, so git diffs show which country changed."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output directory")
    parser.add_argument("--curated", type=Path, default=DATA_DIR / "curated.csv")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    countries = build_countries(natural_earth_zip())
    write_countries(countries, args.out / "countries.geojson")
    places = build_places()
    (args.out / "places.tsv.gz").write_bytes(places)
    (args.out / "names.tsv.gz").write_bytes(build_index(places))
    (args.out / "personal_names.tsv.gz").write_bytes(build_people())

    iso2 = {f["properties"]["iso2"] for f in countries["features"]}
    problems = check_curated(read_curated(args.curated), iso2)
    for problem in problems:
        print(f"curated.csv: {problem}", file=sys.stderr)
    for name in ("countries.geojson", "places.tsv.gz", "names.tsv.gz", "personal_names.tsv.gz"):
        print(f"{name}: {(args.out / name).stat().st_size:,} bytes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
