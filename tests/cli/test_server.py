"""The dashboard's server as `chronomap serve`, the browser tests and the benchmarks start it."""

from __future__ import annotations

import os
from pathlib import Path

import store
from cli import server
from cli.main import _parser, _port_of, main

ROOT = Path(__file__).resolve().parents[2]


def test_a_warmed_server_has_run_the_page_before_the_first_visit(tmp_path):
    """Warming runs the page inside the server: the folder is already in the store when the first analyst
    comes (a Streamlit without the script health check would leave it empty)."""
    db = tmp_path / "chronomap.db"
    env = dict(os.environ, CHRONOMAP_DATA=str(ROOT / "data" / "articles"), CHRONOMAP_STORE=str(db))
    with server.running(env, warmed=False) as running:
        assert not db.exists()
        assert server.warm(running.url)
        with store.open(db, readonly=True) as s:
            assert store.article_count(s) == len(list((ROOT / "data" / "articles").iterdir()))


def test_warming_a_server_that_is_not_there_is_false_not_an_error():
    assert server.warm(f"http://127.0.0.1:{server.free_port()}", timeout_s=2) is False


def test_the_port_is_found_where_streamlit_would_take_it():
    assert _port_of(_parser().parse_args(["serve"])) == 8501
    assert _port_of(_parser().parse_args(["serve", "--port", "8600"])) == 8600
    assert _port_of(_parser().parse_args(["serve", "--", "--server.port", "8700"])) == 8700
    assert _port_of(_parser().parse_args(["serve", "--", "--server.port=8800"])) == 8800


def test_serving_articles_from_a_folder_that_is_not_one_is_a_usage_error(tmp_path, capsys):
    assert main(["serve", "--store", str(tmp_path / "s.db"), "--articles", str(tmp_path / "missing")]) == 2
    assert "not a folder of articles" in capsys.readouterr().err


def test_serve_passes_the_articles_folder_to_the_page(tmp_path):
    from cli.main import serve_command

    args = _parser().parse_args(["serve", "--store", str(tmp_path / "s.db"), "--articles", "data/articles"])
    _, env = serve_command(args)
    assert env["CHRONOMAP_DATA"] == str(Path("data/articles").resolve())
