"""Speed of place recognition and resolution alone, on LGL-length and news-length articles.

python bench/places_speed.py [LGL.jsonl] [N]   (default ../shared/eval/lgl.jsonl, 1,000 generated articles)

Prints the gazetteer's start-up time, then articles per second on one core
after start-up for the LGL articles (about 1,900 characters) and for the
generated news-length articles of bench/corpus.py (about 3,400): CPU time of
this process, best of five passes after a warm-up pass, so that other work on
a shared machine does not understate it. Long articles are measured apart
because work that grows faster than the text shows only there.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import perturbed  # noqa: E402

PASSES = 5


def main(lgl: Path, count: int) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    print(f"gazetteer start-up       {time.perf_counter() - wall:.2f} s ({time.process_time() - cpu:.2f} s CPU)")
    # split("\n"), not splitlines(): a text may hold a line separator (U+2028) inside its JSON string
    short = [json.loads(line)["text"] for line in lgl.read_text(encoding="utf-8").split("\n") if line.strip()]
    long = [a.body for a in perturbed(count)]
    for label, texts in (("LGL articles", short), ("generated articles", long)):
        chars = sum(len(t) for t in texts) / len(texts)
        rate = _best_rate(texts, gazetteer)
        print(f"{label:<24} {rate:,.0f} articles/s ({len(texts):,} of {chars:,.0f} characters on average)")


def _best_rate(texts: list[str], gazetteer) -> float:
    """Articles per CPU second, best of PASSES after one pass that fills the caches (start-up)."""
    from extract.places import recognise

    for t in texts:
        recognise(t, gazetteer)
    best = float("inf")
    for _ in range(PASSES):
        started = time.process_time()
        for t in texts:
            recognise(t, gazetteer)
        best = min(best, time.process_time() - started)
    return len(texts) / best


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "lgl.jsonl",
         int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
