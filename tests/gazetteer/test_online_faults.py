"""The opted-in online geocoder against a service that fails: it falls back to offline, says so, never hangs.

A local HTTP server plays Nominatim (through geopy's real adapter): one that never answers in time, one that
answers HTTP 429 with Retry-After, one whose host name does not resolve. Each failure costs one request at
most: the geocoder pauses and every further name is resolved offline at once. The page shows the notice.
"""

from __future__ import annotations

import functools
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from geopy.geocoders import Nominatim

from gazetteer.online import OnlineGeocoder

ROOT = Path(__file__).resolve().parents[2]
UNKNOWN = ["Xqzville", "Brolundia", "Vaskarovo", "Quellmar", "Tirnavel", "Ostrakai"]
ARTICLE = ("---\ntitle: Strikes\nsource: Wire\npublished: 2015-10-08\n---\n"
           "Missiles struck Baghdad on 7 October 2015. " + " ".join(f"Fighting was reported in {n}." for n in UNKNOWN))


class FakeService:
    """A Nominatim stand-in on 127.0.0.1: `mode` is "slow" (answers after `delay`) or "429"."""

    def __init__(self, mode: str, delay: float = 3.0, retry_after: int = 120):
        self.requests: list[str] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                service.requests.append(self.path)
                if mode == "slow":
                    time.sleep(delay)
                    body, status, headers = b"[]", 200, {}
                else:
                    body, status, headers = b"Too Many Requests", 429, {"Retry-After": str(retry_after)}
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up first
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.domain = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def service(self):
        """What geopy's get_geocoder_for_service("nominatim") gives, aimed at this server."""
        return functools.partial(Nominatim, domain=self.domain, scheme="http")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service(request):
    fake = FakeService(*request.param)
    yield fake
    fake.close()


def _geocoder(tmp_path, monkeypatch, service, **options) -> OnlineGeocoder:
    """The geocoder as the app builds it (geopy's adapter and all), its service class aimed at `service`."""
    import gazetteer.online

    monkeypatch.setattr(gazetteer.online, "get_geocoder_for_service", lambda provider: service)
    return OnlineGeocoder(cache_path=tmp_path / "cache.json", min_delay_seconds=0, **options)


@pytest.mark.parametrize("service", [("slow",)], indirect=True)
def test_a_service_that_times_out_is_asked_once_then_paused(tmp_path, monkeypatch, service):
    geocoder = _geocoder(tmp_path, monkeypatch, service.service(), timeout=0.5)
    started = time.monotonic()
    assert [geocoder.geocode(name) for name in UNKNOWN] == [None] * len(UNKNOWN)
    assert time.monotonic() - started < 2.5  # one 0.5 s timeout, then no waiting at all
    assert len(service.requests) == 1
    assert "GeocoderTimedOut" in geocoder.last_error and "not asked again" in geocoder.last_error
    assert not (tmp_path / "cache.json").exists() or "Xqzville" not in (tmp_path / "cache.json").read_text()


@pytest.mark.parametrize("service", [("429", 0, 120)], indirect=True)
def test_a_rate_limited_service_is_left_alone_as_long_as_it_asks(tmp_path, monkeypatch, service):
    geocoder = _geocoder(tmp_path, monkeypatch, service.service(), timeout=0.5, pause_seconds=5)
    started = time.monotonic()
    assert [geocoder.geocode(name) for name in UNKNOWN] == [None] * len(UNKNOWN)
    assert time.monotonic() - started < 2.0
    assert len(service.requests) == 1
    assert "GeocoderRateLimited" in geocoder.last_error
    assert geocoder._paused_until - time.monotonic() > 100  # Retry-After: 120 beats the 5 s pause


def test_a_host_that_does_not_resolve_falls_back_at_once(tmp_path, monkeypatch):
    lookups: list[str] = []

    def no_such_host(host, *args, **kwargs):
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    geocoder = _geocoder(tmp_path, monkeypatch, functools.partial(Nominatim, domain="nominatim.invalid"), timeout=1)
    started = time.monotonic()
    assert [geocoder.geocode(name) for name in UNKNOWN] == [None] * len(UNKNOWN)
    assert time.monotonic() - started < 2.0
    assert lookups and set(lookups) == {"nominatim.invalid"} and len(lookups) <= 2  # asked once, then paused
    assert "GeocoderUnavailable" in geocoder.last_error or "GeocoderServiceError" in geocoder.last_error


@pytest.mark.parametrize("service", [("slow", 5.0)], indirect=True)
def test_extraction_with_a_hanging_service_finishes_offline(tmp_path, monkeypatch, service, gazetteer):
    from extract.articles import load_text
    from extract.pipeline import build_corpus

    geocoder = _geocoder(tmp_path, monkeypatch, service.service(), timeout=1)
    started = time.monotonic()
    corpus = build_corpus([load_text(ARTICLE, name="a.md")], gazetteer=gazetteer, geocoder=geocoder.geocode)
    assert time.monotonic() - started < 10
    assert len(service.requests) == 1
    assert "Baghdad" in {p.name for p in corpus.extractions[0].places} and len(corpus.events)  # found offline
    assert geocoder.last_error


@pytest.mark.parametrize("service", [("slow", 8.0)], indirect=True)  # longer than the app's 5 s timeout
def test_the_page_with_a_hanging_service_opens_with_a_notice(tmp_path, service, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import gazetteer.online

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(gazetteer.online, "get_geocoder_for_service", lambda provider: service.service())
    monkeypatch.setenv("CHRONOMAP_GEOCODER", "nominatim")
    monkeypatch.setenv("CHRONOMAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CHRONOMAP_DATA", str(tmp_path / "articles"))
    monkeypatch.setenv("CHRONOMAP_STORE", str(tmp_path / "chronomap.db"))
    st.cache_resource.clear()
    try:
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        started = time.monotonic()
        app.run()
        elapsed = time.monotonic() - started
    finally:
        st.cache_resource.clear()  # the next page test gets its own, offline geocoder
    assert not app.exception
    # One 5 s timeout, then offline at once: asking each of the six unknown names would add 30 s more.
    assert elapsed < 90
    notices = [w.value for w in app.sidebar.warning]
    assert any("Online geocoder failed" in n and "offline gazetteer used instead" in n for n in notices), notices
    assert len(service.requests) == 1
