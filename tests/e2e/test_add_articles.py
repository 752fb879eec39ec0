"""Adding an article in the browser: the dialog, a pasted text with its metadata, the page showing it."""

from __future__ import annotations

import os
import shutil

import pytest

from cli import server

from .conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server on a copy of the bundled corpus: what is pasted here is written into its folder."""
    folder = tmp_path_factory.mktemp("articles")
    for path in (ROOT / "data" / "articles").iterdir():
        shutil.copy(path, folder / path.name)
    env = dict(os.environ, CHRONOMAP_DATA=str(folder), CHRONOMAP_STORE=str(folder.parent / "chronomap.db"))
    with server.running(env) as running:
        yield running.url, folder


def test_a_pasted_article_is_added_from_the_dialog(page, own_server):
    url, folder = own_server
    before = len(list(folder.iterdir()))
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".cm-summary").wait_for(timeout=60_000)
    assert page.get_by_label("Or paste an article").count() == 0  # drawn only in the dialog
    page.get_by_role("button", name="Add articles").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Or paste an article").fill("Officials met in Brussels on Thursday to discuss the strikes.")
    dialog.get_by_label("Source").fill("Pasted Wire")
    dialog.get_by_label("Title").fill("A meeting <script>window.__pwned=1</script>")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-add-articles.png"))
    dialog.get_by_role("button", name="Add pasted article").click()
    page.get_by_text("Added ").first.wait_for(timeout=60_000)
    assert page.get_by_role("dialog").count() == 0
    page.locator(".cm-summary", has_text="Pasted Wire").wait_for(timeout=60_000)
    assert len(list(folder.iterdir())) == before + 1
    assert page.evaluate("() => window.__pwned") is None
    assert page.get_by_text("Traceback").count() == 0


def test_an_unreadable_paste_is_said_in_the_dialog_which_stays_open(page, own_server):
    url, folder = own_server
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".cm-summary").wait_for(timeout=60_000)
    page.get_by_role("button", name="Add articles").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Add pasted article").click()  # nothing pasted
    dialog.locator("[data-testid='stAlertContentError']").first.wait_for(timeout=30_000)
    assert page.get_by_role("dialog").count() == 1
    assert page.get_by_text("Traceback").count() == 0
