"""Time from starting the server (as `make app` does: the bundled articles, warmed) to a drawn map and
timeline, in headless Debian Chromium.

python bench/dashboard_start.py [--screenshot OUT.png] [--size 1600x1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from cli import server
from dashboard.briefing import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def run_once(browser, size: tuple[int, int], screenshot: str | None) -> dict[str, float]:
    """One start as `make app` does it: a fresh store, the bundled articles, the server warmed."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CHRONOMAP_DATA=str(ROOT / "data" / "articles"),
                   CHRONOMAP_STORE=str(Path(tmp) / "chronomap.db"))
        started = time.perf_counter()
        with server.running(env) as running:
            warmed = time.perf_counter() - started
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(running.url)
            frame = page.frame_locator(MAP_FRAME)
            frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=120_000)
            mapped = time.perf_counter() - started
            page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=120_000)
            timeline = time.perf_counter() - started
            if screenshot:
                page.wait_for_timeout(1500)
                Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=screenshot)
            page.close()
    return {"server up and warmed": warmed, "map drawn": mapped, "timeline drawn": timeline}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshot")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        runs = [run_once(browser, size, args.screenshot if i == 0 else None) for i in range(args.runs)]
        browser.close()
    for key in runs[0]:
        values = sorted(r[key] for r in runs)
        print(f"{key:<28} median {values[len(values) // 2]:.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    venv = ROOT / ".venv"
    if venv.is_dir():
        size_mb = sum(f.stat().st_size for f in venv.rglob("*") if f.is_file()) / 1e6
        print(f"{'installed size (.venv)':<28} {size_mb:,.0f} MB")


if __name__ == "__main__":
    main()
