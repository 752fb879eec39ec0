"""The default configuration never opens a network connection: extraction and the page, under a socket guard."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")):
            return real_connect(self, address)
        attempts.append(address)
        raise OSError(f"network use in offline test: {address}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a) or (_ for _ in ()).throw(
        OSError("name lookup in offline test")))
    return attempts


def test_extraction_and_page_stay_offline(no_network, monkeypatch, tmp_path):
    from extract.articles import load_folder
    from extract.pipeline import build_corpus

    articles, problems = load_folder(ROOT / "data" / "articles")
    assert len(build_corpus(articles, problems).events) > 0
    monkeypatch.setenv("CHRONOMAP_DATA", str(ROOT / "data" / "articles"))
    monkeypatch.setenv("CHRONOMAP_STORE", str(tmp_path / "chronomap.db"))
    monkeypatch.delenv("CHRONOMAP_GEOCODER", raising=False)
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    app.run()
    assert not app.exception
    assert no_network == []


def test_the_server_opens_no_connection_past_this_machine(tmp_path):
    """The real `streamlit run` with the project's settings, the page run in it once (warmed) and its health
    asked: every connection or lookup it attempts past loopback is recorded (tests/guard/sitecustomize.py).
    Streamlit looks up the machine's external address for its start-up banner unless browser.serverAddress
    is set; .streamlit/config.toml sets it."""
    import os

    from cli import server

    log = tmp_path / "connections.log"
    guard = ROOT / "tests" / "guard"
    env = dict(os.environ, CHRONOMAP_DATA=str(ROOT / "data" / "articles"),
               CHRONOMAP_STORE=str(tmp_path / "chronomap.db"), CHRONOMAP_CONNECT_LOG=str(log),
               PYTHONPATH=os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]))
    env.pop("CHRONOMAP_GEOCODER", None)
    with server.running(env, local=False) as running:
        assert server.warm(running.url)
    assert not log.exists(), log.read_text(encoding="utf-8")
