"""A real `streamlit run` server and headless Debian Chromium, both on this machine only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cli import server
from dashboard.briefing import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    env = dict(os.environ, CHRONOMAP_DATA=str(ROOT / "data" / "articles"),
               CHRONOMAP_STORE=str(tmp_path_factory.mktemp("store") / "chronomap.db"))
    with server.running(env) as running:
        yield running.url


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that may talk to this machine only: any other request fails the test."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    outside: list[str] = []

    def guard(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.outside_requests = outside
    yield page
    context.close()


ROW_PX = 35  # the events table's row height


def select_table_row(page, row: int = 0) -> None:
    """Tick a row's selection box in the events table (glide-data-grid draws on a canvas: a click at its place)."""
    grid = page.locator("[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 50 + ROW_PX * row)
