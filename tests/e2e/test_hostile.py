"""No script injection: a corpus of classic HTML/JavaScript payloads, shown everywhere, runs nowhere.

Every payload of `tests.hostile` would set `window.__pwned` to its number if it ran. The page, every frame
in it (the folium map is an iframe, the briefing's map an iframe in that) and the self-contained map and
briefing files are checked after each interaction: `window.__pwned` stays undefined, no dialog opens, and
no element carries an event handler or a javascript:/data:text/html link that came from an article.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from cli import server
from tests.hostile import PAYLOADS, write_corpus

from .conftest import ARTIFACTS, select_table_row

pytestmark = pytest.mark.e2e
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

_INJECTED = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const a of Array.from(el.attributes)) {
            const name = a.name.toLowerCase(), value = a.value;
            if (name.startsWith('on') && value.includes('__pwned')) found.push(el.tagName + ' ' + name);
            if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'style'].includes(name)
                && (/^\\s*(javascript|vbscript|data:text\\/html)/i.test(value) || value.includes('__pwned')))
                found.push(el.tagName + ' ' + name + '=' + value.slice(0, 60));
        }
    }
    return {pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned), found: found};
}"""


def assert_inert(page, dialogs: list[str], where: str) -> None:
    """No payload ran in the page or any of its frames, none opened a dialog, none became live markup."""
    for frame in page.frames:
        try:
            state = frame.evaluate(_INJECTED)
        except Exception as error:  # a frame that went away while we looked
            if "detached" in str(error) or "destroyed" in str(error):
                continue
            raise
        assert state["pwned"] is None, f"{where}: payload {state['pwned']} ran in frame {frame.url[:80]}"
        assert state["found"] == [], f"{where}: live markup from an article in {frame.url[:80]}: {state['found'][:5]}"
    assert dialogs == [], f"{where}: a dialog opened: {dialogs}"


def _watch(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "articles"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def hostile_events(hostile_folder, gazetteer) -> pd.DataFrame:
    """The corpus's events, with payloads also in the labels and claimants (the tooltips' text)."""
    from extract.articles import load_folder
    from extract.pipeline import build_corpus

    events = build_corpus(*load_folder(hostile_folder), gazetteer).events.copy()
    located = events[events["lat"].notna()].copy()
    payloads = [p for _, _, p in PAYLOADS]
    located["label"] = [f"Strike {payloads[i % len(payloads)]}" for i in range(len(located))]
    located["claimants"] = [[payloads[(i + 7) % len(payloads)]] for i in range(len(located))]
    return pd.concat([located, events[events["lat"].isna()]])


def _serve(data: Path, store_path: Path):
    env = dict(os.environ, CHRONOMAP_DATA=str(data), CHRONOMAP_STORE=str(store_path))
    env.pop("CHRONOMAP_GEOCODER", None)
    return server.running(env)


@pytest.fixture(scope="module")
def hostile_server(hostile_folder, tmp_path_factory):
    with _serve(hostile_folder, tmp_path_factory.mktemp("hostile-store") / "chronomap.db") as running:
        yield running.url


@pytest.fixture
def file_page(browser):
    """A page for local files: anything but file: and data: is refused and recorded."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


_OPEN_ALL = """(zoom) => {
    let map = null;
    for (const k of Object.keys(window)) { try { if (window[k] instanceof L.Map) map = window[k]; } catch (e) {} }
    if (!map) return {tooltips: 0, popups: 0};
    if (zoom) map.setZoom(zoom, {animate: false});
    const layers = [];
    map.eachLayer(l => { layers.push(l); if (l.getLayers) layers.push(...l.getLayers()); });
    let tooltips = 0, popups = 0;
    for (const l of layers) {
        if (l.getTooltip && l.getTooltip()) { l.openTooltip(l.getLatLng ? l.getLatLng() : map.getCenter());
            tooltips++; l.fire('mouseover'); }
        if (l.getPopup && l.getPopup()) { l.fire('click', {latlng: l.getLatLng ? l.getLatLng() : map.getCenter(),
            sourceTarget: l, target: l}); l.openPopup(); popups++; }
    }
    return {tooltips: tooltips, popups: popups};
}"""


def _evaluate_in_map(page, frame, zoom: int) -> dict:
    """Open everything in the map; a click may have rerun the page and replaced the map's frame meanwhile."""
    for _ in range(20):
        try:
            return frame.evaluate(_OPEN_ALL, zoom)
        except Exception as error:
            if "detached" not in str(error) and "destroyed" not in str(error):
                raise
        page.wait_for_timeout(500)
        maps = [f for f in page.frames if f is not page.main_frame and not f.is_detached()
                and f.locator(".leaflet-container").count()]
        frame = maps[-1] if maps else frame
    raise AssertionError("the map frame kept being replaced")


def _poke_map(page, frame, dialogs: list[str], where: str, limit: int = 12) -> dict:
    """Open every tooltip and popup of the map (and hover and click the first marks, as a person would)."""
    marks = frame.locator("path.leaflet-interactive")
    for i in range(min(marks.count(), limit)):
        try:
            marks.nth(i).hover(timeout=500, force=True)
            marks.nth(i).click(timeout=500, force=True)
        except Exception:
            continue
    page.wait_for_timeout(300)
    assert_inert(page, dialogs, where + " (hover and click)")
    opened = _evaluate_in_map(page, frame, 8)
    page.wait_for_timeout(300)
    assert_inert(page, dialogs, where + " (every tooltip and popup)")
    return opened


def test_map_tooltips_and_popups_keep_payloads_inert(file_page, hostile_events, tmp_path):
    from dashboard.briefing import standalone_map
    from dashboard.mapview import build_map

    path = tmp_path / "map.html"
    path.write_text(standalone_map(build_map(hostile_events, {"type": "FeatureCollection", "features": []},
                                             popups=True)),
                    encoding="utf-8")
    dialogs = _watch(file_page)
    file_page.goto(path.as_uri())
    file_page.locator(".leaflet-container").wait_for(timeout=30_000)
    assert_inert(file_page, dialogs, "map loaded")
    opened = _poke_map(file_page, file_page.main_frame, dialogs, "map")
    assert opened["tooltips"] >= 40 and opened["popups"] >= 40, opened
    popups = file_page.evaluate("() => Array.from(document.querySelectorAll('.leaflet-popup-content'))"
                                ".map(e => e.textContent).join(' ')")
    assert "lipsum.__globals__" in popups or "__pwned" in popups  # shown as text, not evaluated
    assert file_page.outside_requests == []


def test_briefing_file_keeps_payloads_inert(file_page, hostile_events, tmp_path):
    from dashboard import briefing
    from dashboard.mapview import build_map
    from dashboard.timeline import timeline_chart

    payloads = " ".join(p for _, _, p in PAYLOADS)
    fmap = build_map(hostile_events, {"type": "FeatureCollection", "features": []}, popups=True)
    svg = briefing.timeline_svg(timeline_chart(hostile_events, width=640))
    page_html = briefing.briefing_html(hostile_events, fmap, svg, title=payloads, generated=date(2015, 10, 9))
    path = tmp_path / "briefing.html"
    path.write_text(page_html, encoding="utf-8")
    dialogs = _watch(file_page)
    file_page.goto(path.as_uri())
    inner = file_page.frame_locator("iframe[title=map]")
    inner.locator(".leaflet-container").wait_for(timeout=30_000)
    file_page.wait_for_timeout(500)
    assert_inert(file_page, dialogs, "briefing loaded")
    assert "__pwned=1</script>" in file_page.locator("h1").inner_text()  # shown as text
    map_frame = next(f for f in file_page.frames if f != file_page.main_frame)
    _poke_map(file_page, map_frame, dialogs, "briefing map")
    assert file_page.outside_requests == []


def _map_drawn(page) -> None:
    """The page's one map has drawn: while a view replaces another (the briefing's map the dashboard's), the
    old map's frame can stay a moment beside the new one."""
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=60_000)
    page.frame_locator(MAP_FRAME).locator(".leaflet-container").wait_for(timeout=60_000)


def _wait_for_dashboard(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("Timeline", exact=True).first.wait_for(timeout=90_000)
    _map_drawn(page)
    page.locator(".vega-embed").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)


def _settle(page) -> None:
    """Let the reruns a click starts finish (Streamlit's status widget shows while one runs)."""
    page.wait_for_timeout(1500)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)
    page.wait_for_timeout(500)


def test_the_dashboard_keeps_hostile_articles_inert(page, hostile_server):
    dialogs = _watch(page)
    _wait_for_dashboard(page, hostile_server)
    assert_inert(page, dialogs, "page loaded")
    assert page.get_by_text("Traceback").count() == 0

    # Timeline hovers: sweep the pointer over the chart so vega's tooltips show each mark's texts.
    chart = page.locator(".vega-embed").first
    box = chart.bounding_box()
    for row in range(8):
        for col in range(24):
            page.mouse.move(box["x"] + box["width"] * (col + 0.5) / 24, box["y"] + box["height"] * (row + 0.5) / 9)
    assert_inert(page, dialogs, "timeline hovers")

    # Map: hover (tooltips) and click (popups, and selection of the event) the marks.
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    map_frame = next(f for f in page.frames if "streamlit_folium" in (f.name or "") or
                     f.locator(".leaflet-container").count())
    _poke_map(page, map_frame, dialogs, "dashboard map", limit=8)
    _settle(page)

    # Events table: select rows; each opens the reader with the article's text, sentence highlighted.
    grid = page.locator("[data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-dashboard.png"), full_page=True)
    for row in range(4):
        select_table_row(page, row)
        page.locator(".cm-article").first.wait_for(timeout=30_000)
        _settle(page)
        assert_inert(page, dialogs, f"table row {row} and its article")
    assert page.locator(".cm-article").first.inner_text().count("__pwned") > 0  # the payloads are shown, as text

    # The correction form: open it and look at its choices.
    page.get_by_text("Correct this report").first.click()
    page.wait_for_timeout(800)
    assert_inert(page, dialogs, "correction form")
    for tab in page.get_by_role("tab").all()[:6]:
        tab.click()
        page.wait_for_timeout(300)
    assert_inert(page, dialogs, "report tabs")

    # The sidebar's options (sources) and the problems list.
    page.locator("[data-testid='stMultiSelect']").first.click()
    page.get_by_role("option").nth(1).wait_for(timeout=10_000)
    assert_inert(page, dialogs, "source options")
    page.keyboard.press("Escape")

    # The briefing view: title, subtitle, timeline and map again.
    page.get_by_text("Briefing view").click()
    page.locator(".cm-brief-title").wait_for(timeout=60_000)
    title = page.get_by_role("textbox").first
    title.fill(PAYLOADS[0][2] + PAYLOADS[5][2] + PAYLOADS[12][2])
    title.press("Enter")
    page.wait_for_timeout(2500)
    _map_drawn(page)
    assert "__pwned=1" in page.locator(".cm-brief-title").inner_text()
    assert_inert(page, dialogs, "briefing view")
    assert page.get_by_text("Traceback").count() == 0
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests[:5]}"
