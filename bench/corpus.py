"""A corpus made by perturbing the seed articles: other places, names, numbers and dates.

Real article texts at realistic lengths, so throughput figures mean something;
used by the benchmarks, never by the tests' expectations.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

from extract.articles import load_file
from extract.pipeline import with_published
from extract.records import Article

SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"
PLACES = ["Syria", "Iran", "Iraq", "Caspian Sea", "Raqqa", "Damascus", "Moscow", "Brussels", "New York"]
SWAPS = ["Yemen", "Libya", "Ukraine", "Black Sea", "Aleppo", "Kyiv", "Tehran", "Baghdad", "Beirut", "Odesa",
         "Mediterranean Sea", "Red Sea", "Kharkiv", "Sanaa", "Tripoli", "Geneva", "Vienna", "Ankara", "Lebanon"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NAMES = ["Shoigu", "Konashenkov", "Carter", "Davis", "Putin", "Obama"]
OTHER_NAMES = ["Ivanov", "Petrova", "Miller", "Garcia", "Haddad", "Kowalski", "Okafor", "Tanaka"]


def perturbed(count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    seeds = [load_file(p) for p in sorted(SEEDS.glob("*.md"))]
    articles = []
    for i in range(count):
        base = seeds[i % len(seeds)]
        body = base.body
        for place in rng.sample(PLACES, 4):
            body = body.replace(place, rng.choice(SWAPS))
        for name in NAMES:
            body = body.replace(name, rng.choice(OTHER_NAMES))
        body = re.sub(r"\b\d+\b", lambda m: str(rng.randint(2, 40)), body)
        body = re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), body)
        paragraphs = body.split("\n")
        head, rest = paragraphs[:2], paragraphs[2:]
        rng.shuffle(rest)
        text = "\n".join(head + rest)
        published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3000))
        article = Article(id=f"bench-{i:06d}", text=text, source=rng.choice(["Wire", "Press", "Desk", "Agency"]),
                          title=base.title)
        articles.append(with_published(article, published))
    return articles
