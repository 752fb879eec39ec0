"""Extraction throughput on one core, over a corpus of perturbed seed articles.

python bench/throughput.py [N]   (default 1,000 articles)
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import perturbed  # noqa: E402


def main(count: int) -> None:
    started = time.perf_counter()
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - started
    from extract import dates, events, places
    from extract.merge import merge
    from extract.pipeline import extract_article
    from extract.speech import attributions
    from extract.table import events_table

    articles = perturbed(count)
    chars = sum(len(a.body) for a in articles)
    extract_article(articles[0], gazetteer)  # warm caches (regexes)
    started = time.perf_counter()
    # The country polygons and their index, loaded on first use by the table's paths: a one-off, like the gazetteer.
    from shapely.geometry import LineString

    gazetteer.countries_crossed(LineString([(30.0, 50.0), (31.0, 51.0)]))
    shapes_s = time.perf_counter() - started

    started = time.perf_counter()
    for a in articles:
        dates.tag(a.body, a.published, offset=a.body_start)
    dates_s = time.perf_counter() - started

    started = time.perf_counter()
    for a in articles:
        places.recognise(a.body, gazetteer, offset=a.body_start)
    places_s = time.perf_counter() - started

    # Each stage of extract_article timed article by article, so caches shared between stages still work; in CPU
    # time of this process, which other loads of a shared machine disturb less than the wall clock.
    stage_s = dict.fromkeys(("dates", "places", "speech", "events"), 0.0)
    clock = time.process_time
    for a in articles:
        t0 = clock()
        timexes = dates.tag(a.body, a.published, offset=a.body_start)
        t1 = clock()
        found = places.recognise(a.body, gazetteer, offset=a.body_start)
        t2 = clock()
        quotes = attributions(a.body, a.body_start)
        t3 = clock()
        events.extract(a, timexes, [p for p in found if p.rule != "adjective"], quotes, gazetteer)
        t4 = clock()
        stage_s["dates"] += t1 - t0
        stage_s["places"] += t2 - t1
        stage_s["speech"] += t3 - t2
        stage_s["events"] += t4 - t3

    started = time.perf_counter()
    extractions = [extract_article(a, gazetteer) for a in articles]
    extract_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), clock()
    mentions = [m for e in extractions for m in e.events]
    clusters = merge(mentions)
    merge_s, merge_cpu = time.perf_counter() - started, clock() - cpu
    started, cpu = time.perf_counter(), clock()
    events_table(clusters, {e.article.id: e.events for e in extractions},
                 {e.article.id: e.article for e in extractions}, gazetteer)
    table_s, table_cpu = time.perf_counter() - started, clock() - cpu
    total_s = extract_s + merge_s + table_s

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles                 {count:,} ({chars / count:,.0f} characters each on average)")
    print(f"gazetteer load           {load_s:.2f} s")
    print(f"polygons load            {shapes_s:.2f} s")
    print(f"dates only               {count / dates_s:,.0f} articles/s")
    print(f"places only              {count / places_s:,.0f} articles/s")
    print(f"extraction per article   {count / extract_s:,.0f} articles/s (dates, places, event mentions)")
    print(f"merge                    {merge_s:.2f} s ({len(mentions):,} mentions into {len(clusters):,} events)")
    print(f"events table and paths   {table_s:.2f} s")
    stage_s |= {"merge": merge_cpu, "table": table_cpu}
    print("per article, by stage    " + ", ".join(f"{k} {1000 * v / count:.2f} ms" for k, v in stage_s.items())
          + f" (CPU; sum {1000 * sum(stage_s.values()) / count:.2f} ms, {count / sum(stage_s.values()):,.0f} articles/s)")
    print(f"full pipeline            {count / total_s:,.0f} articles/s ({total_s:.2f} s)")
    print(f"peak memory (RSS)        {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
