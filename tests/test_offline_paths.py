"""The default configuration never opens a network connection, on every path articles take.

tests/test_offline.py guards extraction and one page run; this adds the store ingest (store/ and the
`chronomap` command, local and process engines, then an export), the hostile corpus through the page
(AppTest: selection, briefing view), with a stricter guard: connect, connect_ex, sendto and name lookups
to anything but this machine fail the test. tests/e2e/test_network_namespace.py loads the page in
Chromium inside a network namespace that has no network at all.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.hostile import write_corpus

ROOT = Path(__file__).resolve().parents[1]
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


def _local(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    return not isinstance(host, str) or host.startswith(_LOCAL) or host.startswith("/") or host == ""


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to reach another machine is recorded and refused."""
    attempts: list[object] = []
    real = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
    real_lookup = socket.getaddrinfo

    def guard(name):
        def guarded(self, *args):
            address = args[-1]
            if _local(address):
                return real[name](self, *args)
            attempts.append((name, address))
            raise OSError(f"network use in offline test: {name} {address}")
        return guarded

    def lookup(host, *args, **kwargs):
        if host is None or _local((host,)) or (isinstance(host, bytes) and host.startswith(b"127.")):
            return real_lookup(host, *args, **kwargs)
        attempts.append(("getaddrinfo", host))
        raise socket.gaierror(f"name lookup in offline test: {host}")

    for name in real:
        monkeypatch.setattr(socket.socket, name, guard(name))
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.delenv("CHRONOMAP_GEOCODER", raising=False)
    return attempts


def test_the_guard_catches_a_connection(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80), timeout=1)
    assert no_network


@pytest.mark.parametrize("engine", ["local", "processes"])
def test_cli_ingest_and_export_stay_offline(no_network, tmp_path, engine, capsys):
    from cli.main import main

    write_corpus(tmp_path / "hostile")
    db = tmp_path / "chronomap.db"
    argv = ["ingest", str(ROOT / "data" / "articles"), str(tmp_path / "hostile"), "--store", str(db), "--quiet",
            "--engine", engine] + (["--workers", "2"] if engine == "processes" else [])
    assert main(argv) == 0
    assert main(["export", "--store", str(db), "-o", str(tmp_path / "events.geojson")]) == 0
    assert (tmp_path / "events.geojson").stat().st_size > 1000
    assert no_network == []  # (worker processes are new interpreters: the namespace test covers them)


def test_store_ingest_stays_offline(no_network, tmp_path, gazetteer):
    import store
    from extract.articles import load_folder

    write_corpus(tmp_path / "hostile")
    articles, problems = load_folder(tmp_path / "hostile")
    with store.open(tmp_path / "chronomap.db") as s:
        store.ingest(s, articles, gazetteer=gazetteer)
        assert len(store.events(s)) > 100
    assert no_network == []


def test_the_page_with_hostile_articles_stays_offline(no_network, monkeypatch, tmp_path):
    write_corpus(tmp_path / "hostile")
    monkeypatch.setenv("CHRONOMAP_DATA", str(tmp_path / "hostile"))
    monkeypatch.setenv("CHRONOMAP_STORE", str(tmp_path / "chronomap.db"))
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    app.run()
    assert not app.exception
    app.session_state["selected"] = app.session_state["_table_ids"][0]
    app.run()
    assert not app.exception
    app.session_state["v_brief"] = True
    app.run()
    assert not app.exception
    assert no_network == []
