"""Load the dashboard in headless Chromium and fail if anything reaches past this machine.

Meant to run inside a network namespace that holds only loopback (see bench/offline_check.sh, or
tests/e2e/test_network_namespace.py), where any connection to another host fails at the kernel:

    unshare -n bash -c 'ip link set lo up && .venv/bin/python bench/offline_check.py [--hostile]'

It checks the namespace really has no network, starts `streamlit run` on 127.0.0.1 with the default
configuration and a store in a temporary folder, waits until the map, the timeline and the events table are
drawn, selects an event, opens the briefing view, and records every request the page made to a host other
than this one. Exit status 0 when the page drew and nothing left the machine, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

from cli import server  # noqa: E402  (after the path above: the checkout's code, installed or not)
from dashboard.briefing import CHROMIUM_FLAGS  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def network_is_closed() -> bool:
    """True when neither a name lookup nor a connection to a public address can succeed."""
    try:
        socket.create_connection(("1.1.1.1", 443), timeout=3).close()
        return False
    except OSError:
        pass
    try:
        socket.getaddrinfo("pypi.org", 443)
        return False
    except OSError:
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hostile", action="store_true", help="serve tests/hostile.py's corpus, not the bundled one")
    parser.add_argument("--allow-network", action="store_true", help="run even where the network is open")
    args = parser.parse_args()
    closed = network_is_closed()
    print(f"network closed: {closed}")
    if not closed and not args.allow_network:
        print("FAIL: this machine can reach the network; run inside `unshare -n` (or pass --allow-network)")
        return 1
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="chronomap-offline-"))
    data = ROOT / "data" / "articles"
    if args.hostile:
        from tests.hostile import write_corpus

        data = folder / "articles"
        write_corpus(data)
    env = {k: v for k, v in os.environ.items() if k != "CHRONOMAP_GEOCODER"}
    env.update(CHRONOMAP_DATA=str(data), CHRONOMAP_STORE=str(folder / "chronomap.db"))
    outside: list[str] = []
    problems: list[str] = []
    try:
        with server.running(env, warmed=False) as running, sync_playwright() as playwright:
            url = running.url
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1600, "height": 1000})

            def record(request):
                if request.url.startswith(("data:", "blob:", "about:")):
                    return
                host = request.url.split("/")[2].split(":")[0]
                if host not in ("127.0.0.1", "localhost"):
                    outside.append(request.url)

            context.on("request", record)
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            started = time.monotonic()
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_text("Timeline", exact=True).first.wait_for(timeout=120_000)
            page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive >> visible=true").first.wait_for(timeout=60_000)
            page.locator(".vega-embed").first.wait_for(timeout=60_000)
            page.locator("[data-testid='stDataFrame']").wait_for(timeout=60_000)
            print(f"page drawn in {time.monotonic() - started:.1f} s")
            grid = page.locator("[data-testid='stDataFrame']")
            grid.scroll_into_view_if_needed()
            box = grid.bounding_box()
            page.mouse.click(box["x"] + 12, box["y"] + 50)
            page.locator(".cm-article").first.wait_for(timeout=60_000)
            page.get_by_text("Briefing view").click()
            page.locator(".cm-brief-title").wait_for(timeout=60_000)
            page.frame_locator(MAP_FRAME).locator(".leaflet-container").wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            if page.get_by_text("Traceback").count():
                problems.append("a Traceback is shown")
            pwned = [f.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
                     for f in page.frames]
            if any(p is not None for p in pwned):
                problems.append(f"a payload ran: {pwned}")
            browser.close()
    except (TimeoutError, RuntimeError) as error:  # the server did not come up
        print(f"FAIL: {error}")
        return 1
    problems += [f"request left the machine: {u}" for u in outside]
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print("OK: page drawn, event selected, briefing shown; no request left the machine")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
