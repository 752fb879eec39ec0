"""The Streamlit page: sidebar filters, timeline beside map, selected event with its article.

Thin on purpose: data comes from `extract.pipeline`, every view from a plain
function in this package; this module only wires widgets to state.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import store
from extract import exports
from extract.articles import ArticleError, load_folder
from extract.records import Extraction
from gazetteer import default_gazetteer
from gazetteer.online import OnlineGeocoder
from store.db import store_error
from store.engines import LocalEngine

from . import briefing, ingest
from . import filters as flt
from .basemap import basemap
from .mapview import COUNTRIES_URL, MapLayers, base_map, build_map, event_layers
from .overview import DETAIL_LIMIT, overview
from .selected import Backend, selected_panel
from .timeline import LANES, SELECTION, STORE_PICK, store_chart, timeline_chart
from .vega import vega_lite_spec

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "articles"
MAP_RETURNS = ["last_object_clicked_tooltip"]
PLAYBACK_SECONDS = 1.2
LARGE_STORE = 50_000  # events; past it the page reads only the dates chosen (at first the last month)
WINDOW_EVENTS = 10_000  # the most events a large store's page reads at once (a day's, however many)
DEFAULT_WINDOW_DAYS = 31
TABLE_LIMIT = 1000  # rows listed in the events table


@st.cache_resource(show_spinner="Loading the gazetteer…")
def _gazetteer():
    return default_gazetteer()


@st.cache_resource(show_spinner=False)
def _geocoder(provider: str | None) -> OnlineGeocoder | None:
    """The opt-in online geocoder (CHRONOMAP_GEOCODER=nominatim); None, the default, stays offline."""
    if not provider:
        return None
    cache = Path(os.environ.get("CHRONOMAP_CACHE", ".chronomap-cache")) / "geocode.json"
    return OnlineGeocoder(provider, cache_path=cache)


@dataclass(frozen=True)
class Source:
    """Where the page's articles come from: a store, and the folder synced into it (None: the store alone)."""

    store: Path
    folder: Path | None


def _source() -> Source:
    """$CHRONOMAP_STORE alone serves a store (`chronomap serve`); otherwise the folder ($CHRONOMAP_DATA or the
    bundled corpus) is kept in the store ($CHRONOMAP_STORE or chronomap.db), so the page opens on it."""
    folder = os.environ.get("CHRONOMAP_DATA")
    if os.environ.get("CHRONOMAP_STORE") and not folder:
        return Source(store.default_path(), None)
    return Source(store.default_path(), Path(folder) if folder else DEFAULT_DATA)


@st.cache_resource(show_spinner=False)
def _synced(path: str, folder: str, stamp: tuple, provider: str | None) -> tuple[str, ...]:
    """Bring the store up to date with the folder (unchanged articles cost a hash); the folder's unreadable
    files, which never reach the store. Runs again only when a file in the folder changes."""
    articles, problems = load_folder(folder)
    _ingest(Path(path), articles, provider)
    return tuple(problems)


def _ingest(path: Path, articles: list, provider: str | None) -> None:
    bar = st.progress(0.0, text="Reading and extracting articles…") if articles else None

    def step(done: store.Step) -> None:
        if bar is not None and done.total:
            bar.progress(done.done / done.total, text=f"Extracting articles: {done.done} of {done.total}")

    geocoder = _geocoder(provider)
    engine = LocalEngine(_gazetteer(), geocoder=geocoder.geocode if geocoder else None)
    with store.open(path) as s:
        store.ingest(s, articles, progress=step, gazetteer=_gazetteer(), engine=engine, total=len(articles))
    if bar is not None:
        bar.empty()


@st.cache_resource(show_spinner=False)
def _reader(path: str) -> store.Store:
    """One read-only connection for every session: readers never block an ingest (WAL)."""
    return store.open(path, readonly=True)


@st.cache_resource(show_spinner="Reading events…", max_entries=4)
def _events(path: str, generation: int, window: tuple[str, str] | None = None) -> pd.DataFrame:
    """Shared, not copied, by every run and session (a copy of 10,000 rows costs a second): never modified.
    `window` (first and last ISO day) reads only the events that overlap it, in SQL."""
    if window is None:
        return store.events(_reader(path))
    return store.events(_reader(path), since=window[0], until=window[1])


@st.cache_data(show_spinner=False, max_entries=4)
def _span(path: str, generation: int) -> tuple[int, str | None, str | None]:
    return store.event_span(_reader(path))


@st.cache_data(show_spinner=False, max_entries=64)
def _days_holding(path: str, generation: int, since: str, until: str, limit: int) -> tuple[str, int]:
    return store.days_holding(_reader(path), since, until, limit)


def _window(path: str, generation: int, first: str, last: str) -> Window:
    """The days a large store's page reads: those the sidebar's dates ask for (at first the last month), or
    the latest of them that hold WINDOW_EVENTS events when they hold more; the sidebar then shows those."""
    picked = st.session_state.get("f_dates")
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        since, until = picked[0].isoformat(), picked[1].isoformat()
    else:
        since = max(date.fromisoformat(first), date.fromisoformat(last) - timedelta(days=DEFAULT_WINDOW_DAYS - 1))
        since, until = since.isoformat(), last
    start, asked = _days_holding(path, generation, since, until, WINDOW_EVENTS)
    st.session_state["f_dates"] = (date.fromisoformat(start), date.fromisoformat(until))
    return Window(start, until, asked, (since, until) if start > since else None)


@st.cache_data(show_spinner=False, max_entries=64)
def _extractions(path: str, generation: int, ids: tuple[str, ...]) -> dict[str, Extraction]:
    return {e.article.id: e for e in store.extractions(_reader(path), ids)}


@st.cache_data(show_spinner=False, max_entries=4)
def _facts(path: str, generation: int) -> tuple[int, tuple[str, ...]]:
    """The number of stored articles and the store's problems."""
    reader = _reader(path)
    return store.article_count(reader), tuple(store.problems(reader))


@st.cache_resource(show_spinner=False, max_entries=64)
def _timeline(path: str, generation: int, window: tuple[str, str] | None, chosen: str, selected: str | None,
              lanes: str, focus: tuple[date, date] | None, _view: pd.DataFrame):
    """The timeline of a view as a Vega-Lite spec, built and converted once and shared by every session
    (dashboard/vega.py says why). The view is named by what makes it (the store's generation, the window read,
    the filters as text), not by its 10,000 ids, whose hashing took 0.4 s a run."""
    return vega_lite_spec(timeline_chart(_view, selected=selected, lanes=lanes, focus=focus))


@st.cache_data(show_spinner=False, max_entries=64)
def _layers(path: str, generation: int, window: tuple[str, str] | None, chosen: str, selected: str | None,
            focus: tuple[date, date] | None, _view: pd.DataFrame) -> MapLayers:
    """The map's layers of a view, named as `_timeline` names it. Built once and copied to each run (a copy is
    under a millisecond, a build 30 to 50 ms for 10,000 events): st_folium attaches the layers to each run's
    map, so runs must not share them. Events outside the time window `focus` are drawn faded."""
    faded = frozenset() if focus is None else \
        frozenset(_view["id"]) - frozenset(flt.apply(_view, flt.Filters(start=focus[0], end=focus[1]))["id"])
    return event_layers(_view, selected=selected, faded=faded)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store_chart(path: str, generation: int):
    """The whole store's events a month, from the counts the store keeps (never its rows); shared."""
    return vega_lite_spec(store_chart(store.day_counts(_reader(path), by="month")))


def _store_months(loaded: Loaded) -> None:
    """A large store's shape: where in the archive the story is; a click on a month reads that month."""
    st.vega_lite_chart(spec=_store_chart(str(loaded.source.store), loaded.generation), key="store_months",
                       on_select=_on_store_month, selection_mode=STORE_PICK, width="stretch")


def _on_store_month() -> None:
    picked = ((st.session_state.get("store_months") or {}).get("selection", {}).get(STORE_PICK)) or []
    if picked and picked[0].get("period") is not None:
        value = picked[0]["period"]
        month = pd.Timestamp(value, unit="ms" if isinstance(value, (int, float)) else None).date().replace(day=1)
        following = (month + timedelta(days=32)).replace(day=1)
        st.session_state["f_dates"] = (month, following - timedelta(days=1))


@st.cache_data(show_spinner=False)
def _basemap() -> dict:
    return basemap(_gazetteer())


def _folder_stamp(folder: Path) -> tuple:
    """Changes whenever a file in the folder changes, so the corpus cache refreshes."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()))


@dataclass(frozen=True)
class Window:
    """The days of a large store the page reads, and how many events the dates asked for hold; `cut` is
    those dates when they hold too many to read at once, so the page reads only their latest days."""

    first: str
    last: str
    asked: int
    cut: tuple[str, str] | None = None


@dataclass(frozen=True)
class Loaded:
    """What one run of the page reads: the events and what the sidebar says about them."""

    source: Source
    generation: int
    events: pd.DataFrame
    articles: int
    problems: tuple[str, ...]
    total: int  # events in the store; more than `events` holds when only a window of a large store is read
    window: Window | None = None

    @property
    def days(self) -> tuple[str, str] | None:
        """The first and last day read, when only some are (the caches' key)."""
        return (self.window.first, self.window.last) if self.window else None


def _load() -> Loaded | None:
    source = _source()
    provider = os.environ.get("CHRONOMAP_GEOCODER") or None
    unreadable: tuple[str, ...] = ()
    try:
        if source.folder is not None:
            if not source.folder.is_dir():
                st.error(f"The article folder {source.folder} does not exist. Set CHRONOMAP_DATA to a folder of "
                         "articles, or CHRONOMAP_STORE alone to open a store.")
                return None
            unreadable = _synced(str(source.store), str(source.folder), _folder_stamp(source.folder), provider)
        generation = store.generation(_reader(str(source.store)))
        count, problems = _facts(str(source.store), generation)
        total, first, last = _span(str(source.store), generation)
        window = _window(str(source.store), generation, first, last) if total > LARGE_STORE and first and last \
            else None
        events = _events(str(source.store), generation, (window.first, window.last) if window else None)
    except store.StoreError as error:
        st.error(str(error))
        return None
    except sqlite3.Error as error:  # damage found past the opening: the same message as the command line's
        st.error(str(store_error(source.store, error)))
        return None
    return Loaded(source, generation, events, count, unreadable + problems, total, window)


def main() -> None:
    """The page; with $CHRONOMAP_RUN_LOG set, each run's wall time is appended to that file (one line: when
    it ended, seconds), for an operator or bench/load.py to see what the server itself takes."""
    log = os.environ.get("CHRONOMAP_RUN_LOG")
    started = time.perf_counter()
    try:
        _page()
    finally:
        if log:
            with open(log, "a", encoding="utf-8") as runs:
                runs.write(f"{time.time():.3f}\t{time.perf_counter() - started:.4f}\n")


def _page() -> None:
    # An emoji: Streamlit fetches a material page icon from fonts.gstatic.com (the network tests catch it).
    st.set_page_config(page_title="Chronomap", page_icon="🗺️", layout="wide")
    loaded = _load()
    if loaded is None:
        return
    events = loaded.events
    chosen = _sidebar(loaded, _geocoder(os.environ.get("CHRONOMAP_GEOCODER") or None))
    view = flt.apply(events, chosen)
    if st.session_state.get("v_brief"):
        _briefing(view)
        return
    _header(view)
    # Optional notes and controls go in containers that are always there: an element appearing above the
    # map would move it in the page, and Streamlit would build its frame anew instead of updating it.
    notes = st.container()
    if loaded.window:
        with notes:
            _store_months(loaded)
        window = loaded.window
        cut = (f" The dates chosen, {window.cut[0]} to {window.cut[1]}, hold {window.asked:,} events, more than "
               f"the page reads at once ({WINDOW_EVENTS:,}): it reads their latest days." if window.cut else "")
        notes.info(f"This store holds {loaded.total:,} events: the page reads those between {window.first} "
                   f"and {window.last} ({len(events):,}).{cut} Click a month above, or choose other dates in the "
                   "sidebar, to read others.", icon=":material/date_range:")
    if not len(view):
        st.info("No events match the filters. Widen the date range or select more sources or types.")
        return
    if not (view["id"] == st.session_state.get("selected")).any():
        st.session_state["selected"] = None
    selected = st.session_state.get("selected")
    with st.container():
        focus = _time_window(view)
        if overview(view):
            st.info(f"{len(view):,} events are more than can be drawn one by one: the timeline shows events a "
                    "day and the map events by place. Click a place, or narrow the filters or the time window, "
                    f"to see each event (at most {DETAIL_LIMIT:,}).", icon=":material/zoom_in:")
    left, right = st.columns([4, 6], gap="medium")
    with right:  # first: the map's frame has the longest way to go (its scripts, the basemap)
        st.subheader("Map")
        layers = _layers(str(loaded.source.store), loaded.generation, loaded.days, repr(chosen), selected, focus,
                         view)
        centre, zoom = layers.view()
        # A clicked tooltip comes back as its text or, from some browsers, as its HTML.
        st.session_state["_group_tips"] = layers.places_by_tip | {escape(t): n for t, n in layers.places_by_tip.items()}
        st.session_state["_tooltips"] = layers.events_by_tip | {escape(t): i for t, i in layers.events_by_tip.items()}
        # The map stays open: each run swaps its event layers and moves it, instead of building a new frame.
        st_folium(base_map(COUNTRIES_URL, online_tiles=st.session_state.get("v_tiles", False)), key="map",
                  height=560, use_container_width=True, returned_objects=MAP_RETURNS, render=False,
                  feature_group_to_add=layers.groups, layer_control=folium.LayerControl(collapsed=True),
                  center=centre, zoom=zoom, on_change=_on_map)
    with left:
        st.subheader("Timeline")
        lanes = st.segmented_control("Lanes", list(LANES), format_func=LANES.get, key="v_lanes",
                                     default="type", label_visibility="collapsed") or "type"
        chart = _timeline(str(loaded.source.store), loaded.generation, loaded.days, repr(chosen), selected, lanes,
                          focus, view)
        st.vega_lite_chart(spec=chart, key="timeline", on_select=_on_timeline, selection_mode=SELECTION,
                           width="stretch")
        st.caption("Darker squares are more events; click one to narrow the time window to it." if overview(view)
                   else "Colour is the source. Bars are date ranges; diamonds are undated events placed at the "
                   "date they were reported; hollow marks are reported claims, dashed outlines disputed or denied "
                   "ones; triangles are planned events.")
    _events_table(view)
    path = str(loaded.source.store)
    selected_panel(view, st.session_state.get("selected"), Backend(
        extractions=lambda ids: _extractions(path, loaded.generation, tuple(sorted(ids))),
        corrections=lambda article_id: store.corrections(_reader(path), article_id),
        save=lambda made: _correct(loaded, made), undo=lambda ids: _remove_corrections(loaded, ids),
        gazetteer=_gazetteer))


_FILTER_WIDGETS = {"sources": "f_sources", "types": "f_types", "places": "f_places", "actors": "f_actors",
                   "stances": "f_stances", "precisions": "f_precisions"}


def _restore_from_url(opts: flt.Options) -> None:
    """On a session's first run, a shared link's filters become the widgets' values."""
    if st.session_state.get("_url_restored"):
        return
    st.session_state["_url_restored"] = True
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    chosen = flt.from_query(query, opts)
    for name, key in _FILTER_WIDGETS.items():
        if getattr(chosen, name):
            st.session_state[key] = list(getattr(chosen, name))
    if chosen.start or chosen.end:
        st.session_state["f_dates"] = (chosen.start or opts.first, chosen.end or opts.last)


def _reset_filters() -> None:
    for key in [*_FILTER_WIDGETS.values(), "f_dates"]:
        st.session_state.pop(key, None)
    st.query_params.clear()


@st.cache_data(show_spinner=False, max_entries=4)
def _options(path: str, generation: int, window: tuple[str, str] | None) -> flt.Options:
    return flt.options(_events(path, generation, window))


def _sidebar(loaded: Loaded, geocoder: OnlineGeocoder | None) -> flt.Filters:
    opts = _options(str(loaded.source.store), loaded.generation, loaded.days)
    _restore_from_url(opts)
    with st.sidebar:
        st.title("Chronomap")
        origin = f"`{loaded.source.folder.name}/`" if loaded.source.folder else f"`{loaded.source.store.name}`"
        st.caption(f"{loaded.articles:,} articles from {origin} · {loaded.total:,} events")
        sources = st.multiselect("Sources", opts.sources, placeholder="All sources", key="f_sources")
        types = st.multiselect("Event types", opts.types, format_func=lambda t: t.replace("_", " "),
                               placeholder="All types", key="f_types")
        start = end = None
        if opts.first and opts.last:
            # A value already in the session (a shared link, a large store's window) is the widget's own.
            default = {} if "f_dates" in st.session_state else {"value": (opts.first, opts.last)}
            # The calendar opens from a button that shows the dates: drawn in the page, the date picker was a
            # tenth of a 10,000-event page's load in the browser.
            st.html("<p style='font-size:0.875rem;margin:0 0 -0.75rem'>Dates</p>")  # as the widgets' labels
            with st.popover(_dates_label(st.session_state.get("f_dates") or (opts.first, opts.last)),
                            icon=":material/calendar_month:", width="stretch"):
                picked = st.date_input("First and last day", min_value=date(1900, 1, 1), max_value=date(2100, 12, 31),
                                       key="f_dates", **default)
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                start, end = picked
        places = st.multiselect("Places", opts.places, placeholder="All places", key="f_places")
        actors = st.multiselect("Actors", opts.actors, placeholder="All actors", key="f_actors")
        stances = st.pills("Stance", opts.stances, selection_mode="multi", key="f_stances")
        precisions = st.pills("Date precision", opts.precisions, selection_mode="multi", key="f_precisions")
        st.button("Reset filters", on_click=_reset_filters, key="f_reset", width="stretch")
        st.toggle("Briefing view", key="v_brief", help="One clean 16:9 page for slides, with HTML and PNG downloads.")
        st.toggle("Online map tiles (OpenStreetMap)", key="v_tiles",
                  help="Off by default: the map is drawn offline. On, the browser fetches tiles from "
                       "openstreetmap.org where it can reach it.")
        _add_articles(loaded)
        if geocoder is not None:
            st.caption(f"Online geocoder on: {geocoder.provider} (cached, rate limited)")
            if geocoder.last_error:
                st.warning(f"Online geocoder failed ({geocoder.last_error}); offline gazetteer used instead.")
        if loaded.problems:
            with st.expander(f"{len(loaded.problems)} problems reading the corpus", icon=":material/warning:"):
                st.html("<ul class='cm-problems'>" + "".join(f"<li>{escape(p)}</li>" for p in loaded.problems) + "</ul>")
    whole_range = (start, end) == (opts.first, opts.last)
    chosen = flt.Filters(tuple(sources), tuple(types), tuple(places), tuple(actors), tuple(stances),
                         tuple(precisions), None if whole_range else start, None if whole_range else end)
    _write_url(chosen)
    return chosen


def _dates_label(dates: tuple | list) -> str:
    """The dates filter's button: "1 Dec 2011 – 28 Dec 2022" (one date while a range is half chosen)."""
    shown = [f"{d.day} {d:%b %Y}" for d in dates]
    return " – ".join(shown) if len(shown) == 2 else f"from {shown[0]}"


def _add_articles(loaded: Loaded) -> None:
    """The sidebar's button to the upload dialog, and what the last upload added. A dialog, not an
    expander: its forms are drawn only when asked for (they were a sixth of the page's drawing time)."""
    st.button("Add articles", icon=":material/add:", key="up_open", width="stretch",
              on_click=lambda: st.session_state.update(_adding=True))
    if st.session_state.get("_adding"):  # open until it is closed or has added something
        _add_dialog(loaded)
    if st.session_state.get("_added"):
        st.success(f"Added {', '.join(st.session_state.pop('_added'))}.")


def _stop_adding() -> None:
    st.session_state.pop("_adding", None)


@st.dialog("Add articles", width="large", on_dismiss=_stop_adding)
def _add_dialog(loaded: Loaded) -> None:
    """Uploads and pasted text are checked, kept in the corpus folder (or, serving a store, in the store)
    and extracted at once, with a progress bar; the page then shows them. What cannot be read is said here,
    and the dialog stays open."""
    with st.form("add_files", clear_on_submit=True, border=False):
        files = st.file_uploader("Files", type=ingest.UPLOAD_TYPES, accept_multiple_files=True, key="up_files")
        sent_files = st.form_submit_button("Add files", width="stretch")
    with st.form("add_paste", clear_on_submit=True, border=False):
        text = st.text_area("Or paste an article", height=120, key="up_text")
        title = st.text_input("Title", key="up_title")
        source = st.text_input("Source", key="up_source")
        published = st.date_input("Published", value=None, key="up_published")
        url = st.text_input("URL", key="up_url")
        sent_paste = st.form_submit_button("Add pasted article", width="stretch")
    uploads, failed = [], []
    if sent_files:
        uploads += [(upload.name, upload.getvalue()) for upload in files or []]
    if sent_paste:
        try:
            uploads.append(ingest.paste_upload(text, title=title, source=source, published=published, url=url))
        except ArticleError as error:
            failed.append(str(error))
    added, articles = [], []
    for name, data in uploads:
        try:
            if loaded.source.folder is not None:
                added.append(ingest.save_upload(name, data, loaded.source.folder).name)
            else:
                articles.append(ingest.read_upload(name, data))
                added.append(articles[-1].id)
        except ArticleError as error:
            failed.append(str(error))
        except OSError as error:
            failed.append(f"{name}: could not be saved ({error.strerror or error})")
    if articles:
        _ingest(loaded.source.store, articles, os.environ.get("CHRONOMAP_GEOCODER") or None)
    for problem in failed:
        st.error(problem)
    if added:
        st.session_state["_added"] = added
        _stop_adding()
        st.rerun()


def _correct(loaded: Loaded, made: list) -> None:
    """Save an analyst's corrections: the article is extracted again with them and the events recomputed."""
    try:
        with st.spinner("Saving the correction and extracting the article again…"), \
                store.open(loaded.source.store) as s:
            for correction in made:
                store.add_correction(s, correction, _gazetteer())
    except sqlite3.Error as error:  # a full disk, a damaged file: said in one line (what was saved is kept)
        raise store_error(loaded.source.store, error) from error


def _remove_corrections(loaded: Loaded, ids: list[int]) -> None:
    try:
        with st.spinner("Undoing the correction…"), store.open(loaded.source.store) as s:
            for correction_id in ids:
                store.remove_correction(s, correction_id, _gazetteer())
    except sqlite3.Error as error:
        raise store_error(loaded.source.store, error) from error


def _write_url(chosen: flt.Filters) -> None:
    """The filters in the address bar, so a copied link reproduces the view."""
    wanted = flt.to_query(chosen)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def _time_window(view: pd.DataFrame) -> tuple[date, date] | None:
    """A window over the shown events' days, stepped a day at a time; None while it spans them all."""
    first, last = flt.date_bounds(view)
    if not first or not last or first == last:
        return None
    whole = (first, last)
    window = st.session_state.get("v_window")
    if not (isinstance(window, (tuple, list)) and len(window) == 2 and first <= window[0] <= window[1] <= last):
        st.session_state["v_window"] = whole
    play, back, slider, ahead = st.columns([2.4, 1, 11, 1], vertical_alignment="bottom")
    playing = play.toggle("Play", key="v_play", help="Step the window through the days, one a second")
    back.button("◀", key="v_back", help="Move the window a day earlier", on_click=_step, args=(-1, whole))
    ahead.button("▶", key="v_ahead", help="Move the window a day later", on_click=_step, args=(1, whole))
    lo, hi = slider.slider("Time window: events outside it fade", min_value=first, max_value=last,
                           key="v_window", format="D MMM YYYY")
    if playing:
        # Each step redraws the page; without this the whole page would dim while it does.
        st.html("<style>[data-stale='true']{opacity:1 !important;transition:none !important}</style>")
        _playback(whole)
    else:
        st.session_state.pop("_played_at", None)
    return None if (lo, hi) == whole else (lo, hi)


@st.fragment(run_every=PLAYBACK_SECONDS)
def _playback(whole: tuple[date, date]) -> None:
    """While Play is on, each tick moves the window a day and redraws the page; at the last day it stops.

    The fragment also runs with every full page run; only a run a tick after the last step moves the window."""
    now = time.monotonic()
    last = st.session_state.get("_played_at")
    if last is None or now - last < PLAYBACK_SECONDS * 0.8:
        st.session_state.setdefault("_played_at", now)
        return
    st.session_state["_played_at"] = now
    lo, hi = st.session_state.get("v_window", whole)
    if hi >= whole[1] and (lo, hi) != whole:
        st.session_state["v_play"] = False
        st.session_state.pop("_played_at", None)
    else:
        _step(1, whole)
    st.rerun()


def _step(days: int, whole: tuple[date, date]) -> None:
    """Move the window a day; from the whole range, start stepping through single days at its near end."""
    lo, hi = st.session_state.get("v_window", whole)
    if (lo, hi) == whole:
        day = whole[0] if days > 0 else whole[1]
        st.session_state["v_window"] = (day, day)
        return
    shift = timedelta(days=days)
    if whole[0] <= lo + shift and hi + shift <= whole[1]:
        st.session_state["v_window"] = (lo + shift, hi + shift)


def _briefing(view: pd.DataFrame) -> None:
    """One clean 16:9 page for slides: no controls, just what the filters chose, with its legend and sources."""
    st.html("<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],header{display:none}"
            ".block-container{padding-top:1.2rem;max-width:1920px}</style>")
    back, title_box = st.columns([1, 5])
    back.button("← Back to the dashboard", key="b_back", on_click=lambda: st.session_state.update(v_brief=False))
    title = title_box.text_input("Briefing title", value="Chronomap briefing", key="b_title",
                                 label_visibility="collapsed")
    st.html(f"<h1 class='cm-brief-title'>{escape(title)}</h1>"
            f"<p class='cm-brief-sub'>{escape(briefing.subtitle(view))}</p>")
    if not len(view):
        st.info("No events match the filters.")
        return
    fmap = build_map(view, _basemap(), height_px=620, popups=True)
    chart = timeline_chart(view, height=520, width=640)
    left, right = st.columns([4, 6], gap="medium")
    left.vega_lite_chart(spec=vega_lite_spec(chart), width="stretch")
    with right:
        st_folium(fmap, key="brief_map", height=620, use_container_width=True, returned_objects=[], render=False)
    st.caption("Colour: source (timeline), event type (map). Dashed or hollow: reported or disputed claims; shaded "
               "circles: areas or uncertain places; lines: reported paths. Boundaries: Natural Earth; places: "
               "GeoNames. Made with Chronomap.")
    page = briefing.briefing_html(view, fmap, _svg(chart), title=title)
    html_col, png_col = st.columns(2)
    html_col.download_button("⬇ Briefing (HTML, works offline)", page, "chronomap-briefing.html", "text/html",
                             key="b_html", width="stretch")
    if png_col.button("Make a PNG (1920×1080)", key="b_make_png", width="stretch"):
        with st.spinner("Drawing the briefing in headless Chromium…"):
            try:
                st.session_state["_png"] = briefing.briefing_png(page)
            except briefing.BriefingError as error:
                st.session_state.pop("_png", None)
                png_col.warning(str(error))
    if st.session_state.get("_png"):
        png_col.download_button("⬇ Briefing (PNG)", st.session_state["_png"], "chronomap-briefing.png",
                                "image/png", key="b_png", width="stretch")


def _svg(chart) -> str:
    try:
        return briefing.timeline_svg(chart)
    except Exception as error:  # a missing or failing renderer costs the HTML its timeline, not the page
        return f"<p>The timeline could not be drawn here ({escape(type(error).__name__)}).</p>"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _header(view: pd.DataFrame) -> None:
    st.title("Chronomap")
    first, last = flt.date_bounds(view)
    span = f"{first} to {last}" if first else "no dated events"
    sources = sorted({s for row in view["sources"].tolist() for s in row})
    st.html(f"<p class='cm-summary'><b>{_count(len(view), 'event')}</b> · {escape(span)} · "
            f"{_count(len(sources), 'source')}: "
            f"{escape(', '.join(sources))}</p>")


def _events_table(view: pd.DataFrame) -> None:
    """The events as rows, in a section that is drawn only while open. It opens at first when the session's
    first view is small; past DETAIL_LIMIT events the map and timeline summarise, and the table waits for a
    click."""
    st.subheader("Events")
    open_at_first = st.session_state.setdefault("_table_open_at_first", not overview(view))
    section = st.expander("Events table", expanded=open_at_first, key="v_table", on_change="rerun",
                          icon=":material/table_rows:")
    if section.open:
        with section:
            _table(_by_date(view))
    _downloads(view)


def _by_date(view: pd.DataFrame) -> pd.DataFrame:
    """Earliest first, undated last, by type within a day; ties keep the view's order."""
    keys = pd.DataFrame({"when": view["date_end"].fillna("9999").to_numpy(), "type": view["type"].to_numpy()})
    return view.iloc[keys.sort_values(["when", "type"], kind="stable").index]


def _table(ordered: pd.DataFrame) -> None:
    listed = ordered.tail(TABLE_LIMIT)  # the latest: a table of 10,000 rows is for the downloads
    if len(listed) < len(ordered):
        st.caption(f"The latest {len(listed):,} of {len(ordered):,} events; narrow the filters to list others. "
                   "The downloads hold them all.")
    table = pd.DataFrame({
        "date": listed["date_start"].where(listed["date_precision"] != "reported", listed["date_end"]),
        "precision": listed["date_precision"],
        "event": listed["label"],
        "stance": listed["stance"],
        "claimed by": listed["claimants"].map(", ".join),
        "sources": listed["sources"].map(", ".join),
    })
    st.dataframe(table, key="table", on_select=_on_table, selection_mode="single-row", hide_index=True,
                 width="stretch", column_config={
                     "event": st.column_config.TextColumn("event", width="large"),
                     "precision": st.column_config.TextColumn("precision", width="small"),
                     "stance": st.column_config.TextColumn("stance", width="small"),
                 })
    st.session_state["_table_ids"] = list(listed["id"])


def _downloads(view: pd.DataFrame) -> None:
    """The filtered events, earliest first, for other tools: a spreadsheet, a GIS, Google Earth's time slider.
    Each file is made when its button is clicked, so a page of 10,000 events does not build three exports it
    may not need."""
    csv, geojson, kml = st.columns(3)
    csv.download_button("⬇ CSV", lambda: exports.to_csv(_by_date(view)), "chronomap-events.csv", "text/csv",
                        key="dl_csv", width="stretch")
    geojson.download_button("⬇ GeoJSON",
                            lambda: json.dumps(exports.to_geojson(_by_date(view), _area_of), ensure_ascii=False),
                            "chronomap-events.geojson", "application/geo+json", key="dl_geojson", width="stretch")
    kml.download_button("⬇ KML", lambda: exports.to_kml(_by_date(view)), "chronomap-events.kml",
                        "application/vnd.google-earth.kml+xml", key="dl_kml", width="stretch")


def _area_of(place: dict):
    """The polygon of a country or airspace the events name, from the gazetteer's boundaries."""
    if place.get("kind") not in ("country", "airspace") or not place.get("country_code"):
        return None
    country = _gazetteer().country(place["country_code"])
    return _gazetteer().shape(country) if country else None


def _on_timeline() -> None:
    state = st.session_state.get("timeline")
    picked = (state or {}).get("selection", {}).get(SELECTION) or []
    if picked and picked[0].get("id"):
        st.session_state["selected"] = picked[0]["id"]
    elif picked and picked[0].get("day"):  # a day of the counts: the window narrows to it
        day = pd.Timestamp(picked[0]["day"], unit="ms" if isinstance(picked[0]["day"], (int, float)) else None)
        st.session_state["v_window"] = (day.date(), day.date())


def _on_table() -> None:
    rows = st.session_state["table"]["selection"]["rows"]
    ids = st.session_state.get("_table_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state["selected"] = ids[rows[0]]


def _on_map() -> None:
    clicked = (st.session_state.get("map") or {}).get("last_object_clicked_tooltip")
    event_id = st.session_state.get("_tooltips", {}).get(clicked)
    if event_id:
        st.session_state["selected"] = event_id
    place = st.session_state.get("_group_tips", {}).get(clicked)
    if place:  # a place of the overview: show its events
        st.session_state["f_places"] = [place]
