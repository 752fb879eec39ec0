"""The dashboard with many events, in headless Debian Chromium: time until the page is ready, and until a
filter change is drawn.

python bench/dashboard_many.py [--store PATH | --articles N] [--runs 3] [--screenshot OUT.png]

With `--articles N` a corpus of N perturbed articles (bench/corpus.py) is ingested into a fresh store
first (about 10 events an article, so 1,500 articles give some 14,000 events); `--store` reuses one.
The server serves the store as `chronomap serve` does. "Ready" is from navigation to the summary, the
timeline and the map all drawn; the first load after the server starts (cold: the events are read from the
store) and later loads (warm: cached) are reported apart. "Filter" is from choosing an event type in the
sidebar (launch) to the new count, timeline and map drawn and Streamlit idle.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(articles: int, folder: Path) -> Path:
    corpus, db = folder / "corpus.jsonl", folder / "bench.db"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(articles), str(corpus)], check=True)
    subprocess.run([sys.executable, "-m", "cli.main", "ingest", "--store", str(db), "--engine", "processes", "--quiet",
                    str(corpus)], check=True, cwd=ROOT)
    return db


def _idle(page) -> None:
    """While a script runs Streamlit keeps the previous run's elements, marked stale; done when none are left
    and the map's frame has drawn its marks."""
    page.wait_for_timeout(100)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=120_000)
    page.frame_locator(MAP_FRAME).locator(".leaflet-interactive").first.wait_for(timeout=120_000)


def _ready(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".cm-summary").wait_for(timeout=120_000)
    page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=120_000)
    page.frame_locator(MAP_FRAME).locator(".leaflet-interactive").first.wait_for(timeout=120_000)
    _idle(page)
    return time.perf_counter() - started


def _filter(page, sent: list[float]) -> float:
    """From the click on an option that the page takes (it sends a rerun request within 2 s; a click that
    lands while the list is still scrolling is made again) to the new view drawn."""
    before = page.locator(".cm-summary b").first.inner_text()
    types = page.locator("[data-testid='stMultiSelect']").nth(1)
    types.click()
    option = page.get_by_role("option", name="launch", exact=True)
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
    page.frame_locator(MAP_FRAME).locator(".leaflet-interactive").first.wait_for(timeout=120_000)
    _idle(page)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.store or build_store(args.articles, Path(tmp))
        port = _port()
        env = {k: v for k, v in os.environ.items() if k != "CHRONOMAP_DATA"} | {"CHRONOMAP_STORE": str(db)}
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
                                   "--server.port", str(port), "--server.address", "127.0.0.1",
                                   "--server.headless", "true"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                loads, filters, events = [], [], ""
                for run in range(args.runs + 1):
                    page = browser.new_page(viewport={"width": 1920, "height": 1080})
                    sent: list[float] = []  # the page's messages to the server: a rerun request is one
                    page.on("websocket", lambda ws, sent=sent: ws.on("framesent", lambda _: sent.append(0)))
                    loads.append(_ready(page, url))
                    events = page.locator(".cm-summary b").first.inner_text()
                    filters.append(_filter(page, sent))
                    if run == args.runs and args.screenshot:
                        page.screenshot(path=args.screenshot)
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    warm = loads[1:]
    print(f"store: {db} ({events})")
    print(f"page ready, cold (first load after start): {loads[0]:.2f} s")
    print(f"page ready, warm: median {statistics.median(warm):.2f} s, worst {max(warm):.2f} s over {len(warm)} loads")
    print(f"filter change drawn: median {statistics.median(filters):.2f} s, worst {max(filters):.2f} s "
          f"over {len(filters)} changes")


if __name__ == "__main__":
    main()
