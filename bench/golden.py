"""The whole extraction's output as one canonical text, to prove a speed-up changes nothing.

Runs what bench/throughput.py times (every article through extract_article, then merge and the events table)
over the perturbed corpus plus the seed articles, and writes every record field by field (floats by repr,
dates in ISO, the table's dtypes and rows) as sorted JSON. Write it before a change, check after:

python bench/golden.py write [N] [--mix] [--file PATH]   (default 1,000 articles, /tmp/chronomap_golden.json)
python bench/golden.py check [N] [--mix] [--file PATH]   exit status 1 and the first difference if any
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import SEEDS, perturbed  # noqa: E402
from extract.articles import load_file  # noqa: E402
from extract.merge import merge  # noqa: E402
from extract.pipeline import extract_article  # noqa: E402
from extract.table import events_table  # noqa: E402
from gazetteer import Gazetteer  # noqa: E402


def plain(value: object) -> object:
    """A JSON-able form of any record, exact: floats by repr, types of records and containers kept."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__t": type(value).__name__,
                **{f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, date):
        return {"__d": value.isoformat()}
    if isinstance(value, dict):
        return {"__m": [[plain(k), plain(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"__s": sorted(repr(plain(v)) for v in value)}
    if isinstance(value, float):
        return {"__f": repr(value)} if math.isnan(value) or math.isinf(value) else repr(value)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if hasattr(value, "item"):  # a numpy scalar
        return plain(value.item())
    return {"__r": type(value).__name__, "v": repr(value)}


def snapshot(count: int, mix: bool) -> str:
    """The canonical text of the pipeline's output on `count` perturbed articles and the seeds."""
    gazetteer = Gazetteer.load()
    # Seeds by file name alone, so that snapshots of two checkouts compare.
    seeds = [dataclasses.replace(load_file(p), path=p.name) for p in sorted(SEEDS.glob("*"))]
    articles = perturbed(count, mix=mix) + seeds
    extractions = [extract_article(a, gazetteer) for a in articles]
    clusters = merge([m for e in extractions for m in e.events])
    table = events_table(clusters, {e.article.id: e.events for e in extractions},
                         {e.article.id: e.article for e in extractions}, gazetteer)
    out = {
        "extractions": [plain(e) for e in extractions],
        "clusters": [plain(c) for c in clusters],
        "table_columns": list(table.columns),
        "table_dtypes": [str(t) for t in table.dtypes],
        "table_rows": [[plain(v) for v in row] for row in table.itertuples(index=False, name=None)],
    }
    return json.dumps(out, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check a canonical snapshot of the extraction's output.")
    parser.add_argument("mode", choices=("write", "check"))
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--mix", action="store_true", help="perturb the LGL and GeoVirus texts too")
    parser.add_argument("--file", type=Path, default=Path("/tmp/chronomap_golden.json"))
    args = parser.parse_args(argv)
    text = snapshot(args.count, args.mix)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    if args.mode == "write":
        args.file.write_text(text, encoding="utf-8")
        print(f"wrote {args.file} ({len(text):,} characters, sha256 {digest})")
        return 0
    golden = args.file.read_text(encoding="utf-8")
    if golden == text:
        print(f"identical ({len(text):,} characters, sha256 {digest})")
        return 0
    at = first_difference(golden, text)
    print(f"DIFFERENT at character {at:,}\n golden: {golden[max(0, at - 200):at + 200]}\n now:    "
          f"{text[max(0, at - 200):at + 200]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
