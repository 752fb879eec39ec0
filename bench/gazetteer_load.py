"""Gazetteer load time and memory, in a fresh process: python bench/gazetteer_load.py

The issue's budget: loaded in under a second, under 300 MB.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    names = ["Springfield", "Texas", "Paris", "Caspian Sea", "Incirlik", "U.S.", "Gulf of Aden", "Kanawha County"]
    for _ in range(10_000):
        for name in names:
            gazetteer.lookup(name)
    lookup_us = (time.perf_counter() - started) / (10_000 * len(names)) * 1e6
    tracemalloc.start()
    Gazetteer.load()
    traced_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"load                {load_s:.2f} s (imports included)")
    print(f"memory              {peak_mb - before_mb:,.0f} MB RSS added ({peak_mb:,.0f} MB peak), "
          f"{traced_mb:,.0f} MB allocated by a second load")
    print(f"lookup              {lookup_us:.1f} µs per name")


if __name__ == "__main__":
    main()
