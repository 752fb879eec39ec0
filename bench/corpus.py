"""A corpus made by perturbing real articles: other places, names, numbers and dates, news-like lengths.

Real article texts, so throughput figures mean something: the seed articles
of data/articles and, with `mix`, the news texts of ../shared/eval (LGL,
GeoVirus) when present. Each article swaps places and people, moves its
dates with its publication day (years follow it, weekdays and month names are
redrawn), changes numbers, reorders its paragraphs and is cut or extended to
a length drawn from a log-normal around news lengths (median ~3,000
characters). Used by the benchmarks, never by the tests' expectations.

python bench/corpus.py N OUT.jsonl [--mix] [--seed S]   writes JSON Lines for `chronomap ingest`
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.articles import load_file  # noqa: E402
from extract.pipeline import with_published  # noqa: E402
from extract.records import Article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "articles"
EVAL = ROOT.parent / "shared" / "eval"
PLACES = ["Syria", "Iran", "Iraq", "Caspian Sea", "Raqqa", "Damascus", "Moscow", "Brussels", "New York"]
SWAPS = ["Yemen", "Libya", "Ukraine", "Black Sea", "Aleppo", "Kyiv", "Tehran", "Baghdad", "Beirut", "Odesa",
         "Mediterranean Sea", "Red Sea", "Kharkiv", "Sanaa", "Tripoli", "Geneva", "Vienna", "Ankara", "Lebanon",
         "Mosul", "Idlib", "Gaza", "Crimea", "Donetsk", "Benghazi", "Kabul", "Islamabad", "Riyadh", "Doha"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NAMES = ["Shoigu", "Konashenkov", "Carter", "Davis", "Putin", "Obama", "Assad", "Kerry", "Lavrov"]
OTHER_NAMES = ["Ivanov", "Petrova", "Miller", "Garcia", "Haddad", "Kowalski", "Okafor", "Tanaka", "Rossi", "Nguyen"]
SOURCES = ["Wire", "Press", "Desk", "Agency", "Herald", "Monitor", "Courier", "Observer"]
MEDIAN_CHARS, SIGMA = 3000, 0.5  # log-normal lengths: half the articles between ~2,100 and ~4,200 characters


def seeds(mix: bool = False) -> list[Article]:
    """The real articles every generated one starts from."""
    found = [load_file(p) for p in sorted(SEEDS.glob("*.md"))]
    if mix:
        for name in ("lgl.jsonl", "geovirus.jsonl"):
            path = EVAL / name
            if path.exists():
                for line in path.read_text(encoding="utf-8").split("\n"):
                    if not line.strip():
                        continue
                    doc = json.loads(line)
                    found.append(Article(id=str(doc.get("doc_id")), text=doc["text"]))
    return found


def generate(count: int, seed: int = 7, mix: bool = False, start: int = 0) -> Iterator[Article]:
    """`count` articles, lazily (a million need not fit in memory), numbered from `start`."""
    rng = random.Random(seed * 1_000_003 + start)
    bases = seeds(mix)
    for i in range(start, start + count):
        base = bases[rng.randrange(len(bases))] if mix else bases[i % len(bases)]
        published = date(2012, 1, 1) + timedelta(days=rng.randint(0, 4000))
        text = _perturb(base.body, rng, published)
        article = Article(id=f"bench-{i:07d}", text=text, source=rng.choice(SOURCES), title=base.title)
        yield with_published(article, published)


def perturbed(count: int, seed: int = 7, mix: bool = False) -> list[Article]:
    return list(generate(count, seed, mix))


def _perturb(body: str, rng: random.Random, published: date) -> str:
    for place in rng.sample(PLACES, 4):
        body = body.replace(place, rng.choice(SWAPS))
    for name in NAMES:
        body = body.replace(name, rng.choice(OTHER_NAMES))
    body = re.sub(r"\b(19|20)\d\d\b", lambda m: str(published.year - rng.choice((0, 0, 0, 1))), body)
    body = re.sub(r"\b(?!(?:19|20)\d\d\b)\d+\b", lambda m: str(rng.randint(2, 28)), body)
    body = re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), body)
    body = re.sub("|".join(MONTHS), lambda m: MONTHS[(published.month - 1 - rng.choice((0, 0, 1))) % 12], body)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    head, rest = paragraphs[:2], paragraphs[2:]
    rng.shuffle(rest)
    target = int(math.exp(rng.gauss(math.log(MEDIAN_CHARS), SIGMA)))
    out, size = list(head), sum(len(p) for p in head)
    pool = rest or paragraphs
    k = 0
    while size < target and k < 4 * len(pool):  # cut at the target, or extend with the article's own paragraphs
        out.append(pool[k % len(pool)])
        size += len(out[-1])
        k += 1
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a perturbed corpus as JSON Lines for chronomap ingest.")
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--mix", action="store_true", help="also start from the LGL and GeoVirus news texts")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as out:
        for a in generate(args.count, args.seed, args.mix):
            out.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "source": a.source,
                                  "published": a.published.isoformat()}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
