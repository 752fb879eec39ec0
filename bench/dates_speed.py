"""Speed and memory of the date tagger alone, on the TempEval-3 platinum articles.

python bench/dates_speed.py [GOLD.jsonl] [ROUNDS]   (default ../shared/eval/te3_platinum.jsonl, 200 rounds)

Prints articles per second on one core after start-up (best of five timed
passes, so a busy machine does not understate it) and the peak memory of the
process before and after all rounds: flat memory means nothing accumulates.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import text  # noqa: E402
from extract.dates import tag  # noqa: E402


def main(path: Path, rounds: int) -> None:
    documents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        documents.append((raw["text"], date.fromisoformat(raw["dct"]) if raw.get("dct") else None))
    started = time.perf_counter()
    for body, dct in documents:
        tag(body, dct)
    first_s = time.perf_counter() - started
    rss_before = _peak_mb()
    passes = []
    per_pass = max(rounds // 5, 1)
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(per_pass):
            for body, dct in documents:
                text.sentences.cache_clear()  # every article is new: no help from the sentence cache
                tag(body, dct)
        passes.append(time.perf_counter() - started)
    articles = per_pass * len(documents)
    chars = sum(len(body) for body, _ in documents) / len(documents)
    print(f"{len(documents)} articles of {chars:,.0f} characters on average, {5 * articles:,} taggings")
    print(f"first pass (compiling patterns): {first_s * 1000:.1f} ms")
    print(f"tagger alone, one core:          {articles / min(passes):,.0f} articles/s best, "
          f"{articles / (sum(passes) / 5):,.0f} mean")
    print(f"peak memory:                     {rss_before:.0f} MB after the first pass, {_peak_mb():.0f} MB after all")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "te3_platinum.jsonl"
    main(gold, int(sys.argv[2]) if len(sys.argv) > 2 else 200)
