"""The dashboard as a person sees it: loaded in Chromium, map and timeline drawn, no request leaves the machine."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, select_table_row

pytestmark = pytest.mark.e2e
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _wait_for_dashboard(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("Timeline", exact=True).first.wait_for(timeout=60_000)
    page.frame_locator(MAP_FRAME).first.locator(".leaflet-container").wait_for(timeout=60_000)
    page.locator(".vega-embed").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)


def test_map_and_timeline_are_drawn_offline(page, server_url):
    _wait_for_dashboard(page, server_url)
    frame = page.frame_locator(MAP_FRAME).first
    # Countries of the offline basemap, event markers and the missile path are SVG paths.
    assert frame.locator("path.leaflet-interactive").count() >= 5
    assert frame.locator(".cm-legend").count() == 1
    assert "launch" in frame.locator(".cm-legend").inner_text()
    assert page.locator(".vega-embed canvas, .vega-embed svg").count() >= 1
    assert page.get_by_text("Traceback").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests[:5]}"


def test_selecting_an_event_shows_its_sentence(page, server_url):
    _wait_for_dashboard(page, server_url)
    select_table_row(page)
    reader = page.locator(".cm-article").first
    marks = reader.locator("mark.cm-selected")
    marks.first.wait_for(timeout=30_000)
    highlighted = "".join(marks.all_inner_texts())
    article = reader.inner_text()
    assert len(highlighted) > 20 and highlighted in article
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-selected.png"), full_page=True)


def _wait_in_map(page, selector: str, seconds: float = 60) -> None:
    """Wait for `selector` in the map; while the page reruns the old map frame and the new one may both be there."""
    for _ in range(int(seconds * 2)):
        frames = page.frame_locator(MAP_FRAME)
        if any(frames.nth(i).locator(selector).count() for i in range(page.locator(MAP_FRAME).count())):
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"{selector} never appeared in the map")


def _events_shown(page) -> int:
    return int(page.locator(".cm-summary b").first.inner_text().split()[0].replace(",", ""))


def test_a_shared_link_reproduces_the_filters(page, server_url):
    _wait_for_dashboard(page, server_url + "/?types=launch")
    assert _events_shown(page) == 1
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("() => !window.location.search.includes('types=')", timeout=30_000)
    page.wait_for_timeout(1500)
    assert _events_shown(page) > 1


def test_stepping_the_time_window_fades_the_rest(page, server_url):
    _wait_for_dashboard(page, server_url)
    page.get_by_role("button", name="▶").click()
    slider = page.get_by_role("slider").first
    page.wait_for_function("() => document.body.innerText.includes('28 Sep 2015')", timeout=30_000)
    assert slider.count() == 1 and page.get_by_text("Traceback").count() == 0


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_briefing_view_at_slide_sizes(page, server_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    _wait_for_dashboard(page, server_url)
    page.get_by_text("Briefing view").click()
    page.locator(".cm-brief-title").wait_for(timeout=60_000)
    page.frame_locator(MAP_FRAME).first.locator(".leaflet-container").wait_for(timeout=60_000)
    page.get_by_role("button", name="⬇ Briefing (HTML, works offline)").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"briefing-{width}x{height}.png"))
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests[:5]}"


def _window_text(page) -> str:
    return page.locator("[data-testid='stSlider']").first.inner_text()


def test_playback_steps_the_window_through_the_days_and_pauses(page, server_url):
    _wait_for_dashboard(page, server_url)
    page.get_by_text("Play", exact=True).click()
    seen = {_window_text(page)}
    for _ in range(40):
        page.wait_for_timeout(500)
        seen.add(_window_text(page))
        if len(seen) >= 3:
            break
    assert len(seen) >= 3, f"the window did not move: {seen}"
    page.get_by_text("Play", exact=True).click()
    page.wait_for_timeout(2500)
    paused = _window_text(page)
    page.wait_for_timeout(3000)
    assert _window_text(page) == paused
    assert page.get_by_text("Traceback").count() == 0


def test_clicking_the_map_selects_the_event_and_opens_its_sentence(page, server_url):
    _wait_for_dashboard(page, server_url)
    frame = page.frame_locator(MAP_FRAME).first
    marks = frame.locator("path.leaflet-interactive")
    assert marks.count() >= 3
    for i in range(marks.count()):  # the first mark that can take a click (some lie under others)
        try:
            marks.nth(i).click(timeout=2_000)
        except Exception:
            continue
        if page.locator(".cm-event-title").count():
            break
        try:
            page.locator(".cm-event-title").wait_for(timeout=8_000)
            break
        except Exception:
            continue
    title = page.locator(".cm-event-title").first
    title.wait_for(timeout=15_000)
    assert title.inner_text().strip()
    assert page.locator(".cm-article mark.cm-selected").count() >= 1
    assert page.get_by_text("Traceback").count() == 0


def test_selecting_in_the_table_marks_the_event_on_the_map(page, server_url):
    _wait_for_dashboard(page, server_url)
    frame = page.frame_locator(MAP_FRAME).first
    assert frame.locator("path[stroke='#111111']").count() == 0
    select_table_row(page)
    page.locator(".cm-event-title").first.wait_for(timeout=60_000)
    _wait_in_map(page, "path[stroke='#111111']")


def test_an_analyst_corrects_a_stance_in_the_browser(page, server_url):
    _wait_for_dashboard(page, server_url)
    select_table_row(page)
    page.locator(".cm-event-title").first.wait_for(timeout=30_000)
    page.get_by_text("Correct this report").first.click()
    form = page.locator("[data-testid='stExpander']").filter(has_text="Correct this report").first
    form.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="denied").click()
    form.get_by_label("Analyst").fill("e2e analyst")
    form.get_by_label("Note").fill("checked against the ministry's video")
    form.get_by_role("button", name="Save correction").click()
    page.get_by_text("Saved 1 correction").wait_for(timeout=60_000)
    assert "denied" in page.locator(".cm-facts").first.inner_text()
    page.get_by_text("Correct this report").first.click()
    listed = page.locator(".cm-correction").first
    listed.wait_for(timeout=15_000)
    assert "stance" in listed.inner_text() and "e2e analyst" in listed.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-correction.png"), full_page=True)
    page.get_by_role("button", name="Undo").first.click()
    page.get_by_text("Correction undone").wait_for(timeout=60_000)


def test_a_filter_change_redraws_the_open_map_instead_of_a_new_one(page, server_url):
    """The map's frame stays: a filter swaps its event layers (and legend) in place, so nothing reloads
    Leaflet or the basemap. A mark set in the frame's window before the change is still there after it."""
    _wait_for_dashboard(page, server_url)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.evaluate("() => { window.__cmSameMap = true; }")
    legend = page.frame_locator(MAP_FRAME).first.locator(".cm-legend")
    assert "strike" in legend.inner_text()
    before = page.locator(".cm-summary b").first.inner_text()
    page.locator("[data-testid='stMultiSelect']").nth(1).click()
    page.get_by_role("option", name="launch", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("(b) => document.querySelector('.cm-summary b')?.innerText !== b", arg=before,
                           timeout=60_000)
    for _ in range(200):
        if "strike" not in legend.inner_text():
            break
        page.wait_for_timeout(100)
    assert "launch" in legend.inner_text() and "strike" not in legend.inner_text()
    assert frame.evaluate("() => window.__cmSameMap === true")
    assert page.locator(MAP_FRAME).count() == 1


def test_the_stance_pills_and_the_dates_button_filter_the_view(page, server_url):
    _wait_for_dashboard(page, server_url)
    every = _events_shown(page)
    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="disputed", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('stances=disputed')", timeout=30_000)
    page.wait_for_function(f"() => !document.querySelector('.cm-summary b').innerText.startsWith('{every} ')",
                           timeout=30_000)
    assert 0 < _events_shown(page) < every
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function(f"() => document.querySelector('.cm-summary b').innerText.startsWith('{every} ')",
                           timeout=30_000)

    dates = sidebar.locator("[data-testid='stPopover'] button").first
    assert "28 Sep 2015 – 15 Oct 2015" in dates.inner_text()
    dates.click()
    # The calendar opens on the first day chosen; a range is two clicks, here twice the same day.
    page.get_by_role("spinbutton", name="day, First and last day start").click()
    page.get_by_role("button", name="Next", exact=False).first.click()
    day = page.get_by_role("button", name="Wednesday, October 7, 2015")
    day.click()
    day.click()
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stPopover\"] button')]"
                           ".some(b => b.innerText.includes('7 Oct 2015 – 7 Oct 2015'))", timeout=30_000)
    page.wait_for_function("() => document.querySelector('.cm-summary').innerText.includes('2015-10-07 to 2015-10-07')",
                           timeout=30_000)
    assert 0 < _events_shown(page) < every
    assert page.get_by_text("Traceback").count() == 0
