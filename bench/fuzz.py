"""Fuzz the extractors: seeded random texts and publication dates through the loaders, the date tagger, the place
recogniser and (every Nth input) the whole article extraction, checked as tests/extract/test_properties.py checks.

python bench/fuzz.py [--inputs 100000] [--seed 1] [--full-every 20] [--max-failures 20]

Each input is a news-like text built from date words, numbers, place names, quotes and odd Unicode (or raw random
code points) and a date between 0001-01-01 and 9999-12-31, or none. Prints inputs a second as it goes and, for
each failure, the exception and a reproducer: a Python snippet with the input's text and date. Exit status 1 if
anything failed. The same seed gives the same inputs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import dates, places  # noqa: E402
from extract.articles import ArticleError, load_bytes, load_text  # noqa: E402
from extract.pipeline import extract_article  # noqa: E402
from extract.records import Article  # noqa: E402
from gazetteer import default_gazetteer  # noqa: E402
from tests.extract.fuzzing import (  # noqa: E402
    check_article,
    check_extraction,
    check_place,
    check_timex,
    random_date,
    random_text,
)

_ENCODINGS = ["utf-8", "utf-16", "utf-32", "latin-1", "cp1252"]
_PREFIXES = ["", "---\ntitle: T\n---\n", "---\npublished: 2015-10-08\n---\n"]


def check_one(text: str, published, prefix: str, full: bool, encoding: str, gazetteer) -> str:
    """Run every extractor on one input; returns which stage ran last (for the report), raises on a failure."""
    whole = prefix + text
    stage = "dates.tag"
    for timex in dates.tag(text, published, offset=len(prefix)):
        check_timex(timex, whole)
    stage = "places.recognise"
    for place in places.recognise(text, gazetteer, offset=len(prefix)):
        check_place(place, whole)
    stage = "articles.load_text"
    try:
        check_article(load_text(whole, name="fuzz.md"))
    except ArticleError as error:
        assert str(error).startswith("fuzz.md: ") and "\n" not in str(error), str(error)
    stage = "articles.load_bytes"
    try:
        check_article(load_bytes(whole.encode(encoding, errors="replace"), name="fuzz.txt"))
    except ArticleError as error:
        assert str(error).startswith("fuzz.txt: ") and "\n" not in str(error), str(error)
    if full:
        stage = "pipeline.extract_article"
        article = Article(id="fuzz", text=whole, body_start=len(prefix), published=published)
        check_extraction(extract_article(article, gazetteer))
    return stage


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--full-every", type=int, default=20, help="run the whole extraction on every Nth input")
    parser.add_argument("--max-failures", type=int, default=20, help="stop after this many failures")
    args = parser.parse_args()

    gazetteer = default_gazetteer()
    failures = 0
    characters = 0
    started = last_report = time.perf_counter()
    for index in range(args.inputs):
        rng = random.Random(f"{args.seed}:{index}")  # each input reproducible on its own
        text, published = random_text(rng), random_date(rng)
        prefix, encoding = rng.choice(_PREFIXES), rng.choice(_ENCODINGS)
        full = args.full_every > 0 and index % args.full_every == 0
        characters += len(text)
        try:
            check_one(text, published, prefix, full, encoding, gazetteer)
        except Exception as error:  # noqa: BLE001 - every failure is reported with its reproducer
            failures += 1
            where = traceback.extract_tb(error.__traceback__)[-1]
            print(f"\nFAILURE {failures} at input {index} (seed {args.seed}): {type(error).__name__}: {error}\n"
                  f"  raised at {where.filename}:{where.lineno} in {where.name}\n"
                  f"  reproducer:\n"
                  f"    from datetime import date\n"
                  f"    from bench.fuzz import check_one\n"
                  f"    from gazetteer import default_gazetteer\n"
                  f"    check_one({text!r}, {published!r}, {prefix!r}, {full!r}, {encoding!r}, default_gazetteer())",
                  flush=True)
            if failures >= args.max_failures:
                print(f"stopping after {failures} failures", flush=True)
                break
        now = time.perf_counter()
        if now - last_report >= 10:
            last_report = now
            print(f"{index + 1:,} inputs, {(index + 1) / (now - started):,.0f} inputs/s, {failures} failures",
                  flush=True)
    elapsed = time.perf_counter() - started
    done = index + 1
    print(f"done: {done:,} inputs ({-(-done // args.full_every) if args.full_every > 0 else 0:,} through the whole "
          f"extraction, {characters:,} characters) in {elapsed:,.1f} s: {done / elapsed:,.0f} inputs/s; "
          f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
