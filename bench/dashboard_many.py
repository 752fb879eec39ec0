"""The dashboard with many events, in headless Debian Chromium: time until the page is ready, and until a
filter change is drawn.

python bench/dashboard_many.py [--store PATH | --articles N] [--runs 3] [--screenshot OUT.png]

With `--articles N` a corpus of N perturbed articles (bench/corpus.py) is ingested into a fresh store
first (about 10 events an article, so 1,500 articles give some 14,000 events); `--store` reuses one.
The server serves the store as `chronomap serve` does, warmed first (`--cold`: not). "Ready" is from
navigation to the summary, the timeline and the map all drawn; the first load after the server starts and
later loads are reported apart. "Filter" is from choosing an event type in the
sidebar (the first offered) to the new count, the map's new layers (its legend changes) and Streamlit idle.

Page loads on a shared machine vary by a second from one hour to the next, so each load of the dashboard
is followed by a load of a bare Streamlit page (a title and a line) from a server of its own in the same browser:
its median is this machine's floor for any Streamlit page at the time, printed beside the dashboard's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import store
from cli import server
from dashboard.briefing import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def build_store(articles: int, folder: Path) -> Path:
    corpus, db = folder / "corpus.jsonl", folder / "bench.db"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(articles), str(corpus)], check=True)
    subprocess.run([sys.executable, "-m", "cli.main", "ingest", "--store", str(db), "--engine", "processes", "--quiet",
                    str(corpus)], check=True, cwd=ROOT)
    return db


def _idle(page) -> None:
    """While a script runs Streamlit keeps the previous run's elements, marked stale; done when none are left
    and the map's frame has drawn its marks."""
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=120_000)
    page.frame_locator(MAP_FRAME).locator(".leaflet-interactive >> visible=true").first.wait_for(timeout=120_000)


def _ready(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".cm-summary").wait_for(timeout=120_000)
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=120_000)
    page.frame_locator(MAP_FRAME).locator(".leaflet-interactive >> visible=true").first.wait_for(timeout=120_000)
    _idle(page)
    return time.perf_counter() - started


BARE_PAGE = 'import streamlit as st\nst.title("Chronomap")\nst.write("A bare page: the floor of any Streamlit page.")\n'


def _bare(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("A bare page").wait_for(timeout=120_000)
    return time.perf_counter() - started


def _filter(page, sent: list[float]) -> float:
    """From the click on an option that the page takes (it sends a rerun request within 2 s; a click that
    lands while the list is still scrolling is made again) to the new view drawn."""
    before = page.locator(".cm-summary b").first.inner_text()
    legend = page.frame_locator(MAP_FRAME).locator(".cm-legend").first
    types_before = legend.inner_text()
    types = page.locator("[data-testid='stMultiSelect']").nth(1)
    types.click()
    option = page.get_by_role("option").filter(has_not_text="Select all").first  # the first type the view offers
    option.wait_for()
    for _ in range(5):
        count = len(sent)
        started = time.perf_counter()
        option.click()
        deadline = started + 2
        while len(sent) == count and time.perf_counter() < deadline:
            page.wait_for_timeout(20)
        if len(sent) > count:
            break
    page.wait_for_function("(b) => document.querySelector('.cm-summary b')?.innerText !== b", arg=before,
                           timeout=120_000)
    while legend.inner_text() == types_before:  # the map has its new layers: the legend lists one type
        if time.perf_counter() - started > 120:
            raise TimeoutError("the map did not change")
        page.wait_for_timeout(10)
    _idle(page)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot")
    parser.add_argument("--cold", action="store_true",
                        help="do not warm the server first (as `chronomap serve` does): the first load then "
                             "imports the modules and reads the store")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.store or build_store(args.articles, Path(tmp))
        store.open(db).close()  # migrated to this version's schema, as `chronomap serve` does
        env = {k: v for k, v in os.environ.items() if k != "CHRONOMAP_DATA"} | {"CHRONOMAP_STORE": str(db)}
        bare_app = Path(tmp) / "bare.py"
        bare_app.write_text(BARE_PAGE, encoding="utf-8")
        with server.running(env, warmed=not args.cold) as running, server.running(env, app=bare_app) as bare_page, \
                sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            loads, filters, bare, events = [], [], [], ""
            for run in range(args.runs + 1):
                page = browser.new_page(viewport={"width": 1920, "height": 1080})
                sent: list[int] = []  # the page's messages to the server: a rerun request is one
                page.on("websocket", lambda ws, sent=sent: ws.on("framesent", lambda _: sent.append(0)))
                loads.append(_ready(page, running.url))
                events = page.locator(".cm-summary b").first.inner_text()
                filters.append(_filter(page, sent))
                if run == args.runs and args.screenshot:
                    page.screenshot(path=args.screenshot)
                page.close()
                page = browser.new_page(viewport={"width": 1920, "height": 1080})
                bare.append(_bare(page, bare_page.url))
                page.close()
            browser.close()
    warm = loads[1:]
    print(f"store: {db} ({events})")
    print(f"page ready, first load after the server started{'' if args.cold else ' and was warmed'}: "
          f"{loads[0]:.2f} s")
    print(f"page ready, later loads: median {statistics.median(warm):.2f} s, worst {max(warm):.2f} s over {len(warm)} loads")
    print(f"a bare Streamlit page, loaded after each (this machine's floor now): median "
          f"{statistics.median(bare[1:]):.2f} s, worst {max(bare[1:]):.2f} s")
    print(f"filter change drawn: median {statistics.median(filters):.2f} s, worst {max(filters):.2f} s "
          f"over {len(filters)} changes")


if __name__ == "__main__":
    main()
