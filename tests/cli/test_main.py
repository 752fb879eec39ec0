import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

import store
from cli.main import _parser, main, serve_command

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
LINES = [
    {"id": "wire-1", "text": "Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the ministry said.",
     "published": "2015-10-09", "source": "Wire", "title": "Missiles launched"},
    {"text": "Turkey denied that the missiles crossed its airspace on Thursday.", "published": "2015-10-09"},
]


@pytest.fixture
def inputs(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([json.dumps(LINES[0]), "{not json", "", json.dumps(LINES[1])]) + "\n")
    (tmp_path / "broken.json").write_text('{"title": "no text here"}')
    return tmp_path


def run(*argv, store_path):
    return main([*argv, "--store", str(store_path)])


def test_ingest_reads_folders_and_json_lines_and_names_every_failure(inputs, tmp_path, capsys):
    db = tmp_path / "s.db"
    code = run("ingest", "-q", str(ARTICLES), str(inputs / "feed.jsonl"), str(inputs / "broken.json"), store_path=db)
    out, err = capsys.readouterr()
    assert code == 1
    assert "articles: 6 read, 4 new, 0 changed, 0 unchanged, 2 failed" in out
    assert "failed: feed.jsonl, line 2: not valid JSON" in err
    assert "failed: broken.json: JSON must be an object with a 'text' field" in err
    with store.open(db) as s:
        ids = [a.id for a in store.articles(s)]
        assert ids[-2:] == ["wire-1", "feed-4"] and len(ids) == 4
        assert store.articles(s, ["wire-1"])[0].title == "Missiles launched"
        events = len(store.events(s))
    assert f"events: {events:,} in the store" in out

    assert run("ingest", "-q", str(ARTICLES), str(inputs / "feed.jsonl"), store_path=db) == 1  # the bad line again
    assert "0 new, 0 changed, 4 unchanged, 1 failed" in capsys.readouterr().out
    assert run("ingest", "-q", str(ARTICLES), store_path=db) == 0


def test_ingest_takes_glob_patterns_and_says_when_nothing_matches(tmp_path, capsys):
    db = tmp_path / "s.db"
    assert run("ingest", "-q", str(ARTICLES / "*.md"), store_path=db) == 0
    assert "2 new" in capsys.readouterr().out
    assert run("ingest", "-q", str(tmp_path / "nothing" / "*.md"), store_path=db) == 2
    assert "no article files at" in capsys.readouterr().err


def test_the_console_script_reads_standard_input_and_draws_a_progress_bar(tmp_path):
    db = tmp_path / "s.db"
    script = Path(sys.executable).parent / "chronomap"
    stdin = "\n".join(json.dumps(line) for line in LINES)
    done = subprocess.run([str(script), "ingest", "--store", str(db), "-"], input=stdin, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "CHRONOMAP_STORE": ""})
    assert done.returncode == 0, done.stderr
    assert "2 new" in done.stdout
    assert re.search(r"2article \[\d\d:\d\d, +[\d.]+(s/article|article/s)\]", done.stderr)  # count and rate

    files = subprocess.run([str(script), "ingest", "--store", str(db), str(ARTICLES)], capture_output=True, text=True,
                           timeout=300)
    assert files.returncode == 0
    assert re.search(r"2/2 \[\d\d:\d\d<00:00", files.stderr)  # a total, so a bar with the time left


def test_export_writes_every_format(tmp_path, capsys):
    db = tmp_path / "s.db"
    assert run("ingest", "-q", str(ARTICLES), store_path=db) == 0
    capsys.readouterr()
    with store.open(db) as s:
        events = store.events(s)
    assert len(events) > 5

    assert run("export", "-o", str(tmp_path / "e.csv"), store_path=db) == 0
    assert len(pd.read_csv(tmp_path / "e.csv")) == len(events)
    assert run("export", "-o", str(tmp_path / "e.parquet"), store_path=db) == 0
    table = pd.read_parquet(tmp_path / "e.parquet")
    assert list(table.columns) == list(events.columns) and list(table["id"]) == list(events["id"])
    assert json.loads(table["mentions"][0]) == events["mentions"][0]
    assert list(table["sources"][0]) == events["sources"][0]
    assert run("export", "-f", "kml", "-o", str(tmp_path / "e.kml"), store_path=db) == 0
    assert ET.parse(tmp_path / "e.kml").getroot().tag.endswith("kml")

    capsys.readouterr()
    assert run("export", "-f", "geojson", store_path=db) == 0
    collection = json.loads(capsys.readouterr().out)
    markers = [f for f in collection["features"] if f["properties"]["geometry_role"] == "marker"]
    assert collection["type"] == "FeatureCollection" and len(markers) == events["lat"].notna().sum()


def test_a_damaged_store_exits_with_3_and_names_the_file(tmp_path, capsys):
    db = tmp_path / "s.db"
    db.write_bytes(b"garbage" * 1000)
    assert run("ingest", "-q", str(ARTICLES), store_path=db) == 3
    assert run("export", store_path=db) == 3
    err = capsys.readouterr().err
    assert str(db) in err and ".recover" in err


def test_check_passes_a_sound_store(tmp_path, capsys):
    db = tmp_path / "s.db"
    store.open(db).close()
    assert run("check", store_path=db) == 0
    assert "ok" in capsys.readouterr().out


def test_serve_runs_streamlit_on_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CHRONOMAP_DATA", "some/folder")  # would make the page ingest that folder instead
    args = _parser().parse_args(["serve", "--store", str(tmp_path / "s.db"), "--port", "8600", "--",
                                 "--server.headless", "true"])
    command, env = serve_command(args)
    assert command[1:4] == ["-m", "streamlit", "run"] and Path(command[4]).name == "streamlit_app.py"
    assert Path(command[4]).exists()
    assert command[5:] == ["--server.scriptHealthCheckEnabled", "true", "--server.port", "8600",
                           "--server.headless", "true"]
    assert env["CHRONOMAP_STORE"] == str((tmp_path / "s.db").resolve()) and "CHRONOMAP_DATA" not in env
    assert main(["serve", "--store", str(tmp_path / "missing.db")]) == 3  # said before streamlit starts


def test_evaluate_delegates_to_extract_evaluate(tmp_path, capsys):
    assert main(["evaluate", "dates", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["evaluate", "--help"]) == 0
    assert "python -m extract.evaluate" in capsys.readouterr().out


def test_every_option_is_explained():
    parser = _parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"ingest", "export", "serve", "evaluate", "check", "import-parquet"} <= set(commands)
    for name, sub in commands.items():
        for action in sub._actions:
            if action.option_strings and action.help is not argparse_suppress():
                assert action.help, f"{name} {action.option_strings} has no help"
    help_text = io.StringIO()
    commands["ingest"].print_help(help_text)
    assert "--engine" in help_text.getvalue() and "Exit status" in help_text.getvalue()


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def test_dask_ingest_writes_parquet_that_another_store_imports(tmp_path, capsys):
    first, second, parquet = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "pq"
    assert run("ingest", "-q", "--engine", "dask", "--workers", "1", "--parquet", str(parquet), str(ARTICLES),
               store_path=first) == 0
    assert [p.name for p in parquet.iterdir()] == ["published_day=2015-10-08"]  # both bundled articles' day
    assert run("import-parquet", str(parquet), store_path=second) == 0
    assert "2 new" in capsys.readouterr().out
    with store.open(first) as a, store.open(second) as b:
        pd.testing.assert_frame_equal(store.events(a), store.events(b))
    assert run("ingest", "--scheduler", "tcp://127.0.0.1:1", str(ARTICLES), store_path=first) == 2
    assert "need --engine dask" in capsys.readouterr().err


def test_an_interrupted_ingest_keeps_what_it_wrote_and_exits_130(tmp_path):
    import signal

    sys.path.insert(0, str(ROOT))
    from bench.corpus import main as write_corpus

    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.db"
    total = 1500  # enough that the interrupt lands mid-ingest on a fast, idle machine too
    write_corpus([str(total), str(corpus)])
    script = Path(sys.executable).parent / "chronomap"
    # A shell's background job inherits SIGINT ignored, and Python keeps it so: restore it, as at a terminal.
    child = subprocess.Popen([str(script), "ingest", "--store", str(db), "--engine", "processes", "--workers", "2",
                              str(corpus)], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    import time

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None:  # until the first article is in the store
        try:
            with store.open(db, readonly=True) as s:
                if store.article_count(s):
                    break
        except store.StoreError:
            pass  # not created or not migrated yet
        time.sleep(0.1)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, (out, err[-500:])
    assert "interrupted; every article written so far is kept" in err
    with store.open(db) as s:
        kept = len(store.articles(s))
        assert 0 < kept < total
        assert s.db.execute("SELECT count(*) FROM articles a LEFT JOIN extractions e ON e.article_id = a.id "
                            "WHERE e.article_id IS NULL").fetchone()[0] == 0
    again = subprocess.run([str(script), "ingest", "-q", "--store", str(db), str(corpus)], capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0 and f"{kept:,} unchanged" in again.stdout


BAD_FILES = {
    "empty.txt": b"",
    "blank.md": b"  \n\n\t",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "truncated-utf16.txt": b"\xff\xfeK\x00y",
    "yaml.md": b"---\ntitle: [unclosed\n---\nText.",
    "deep.md": b"---\ntitle: " + b"[" * 5_000 + b"]" * 5_000 + b"\n---\nText.",
    "broken.json": b'{"text": ',
    "huge.txt": b"x" * 20_000_001,
}
GOOD_FILES = {
    "good.md": "---\ntitle: Strikes\npublished: 2015-10-08\n---\nRussia launched missiles on Wednesday.".encode(),
    "latin.txt": "Café owners in Paris protested on Monday.".encode("latin-1"),
    "utf16.txt": "Turkey protested on Thursday.".encode("utf-16"),
    "laughs.md": ("---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: *c\n---\nJets struck Raqqa.").encode(),
    "page.html": b"<html><head><title>Page</title><script>alert('x')</script><body><p>Jets struck Raqqa.</p>",
}


def test_ingest_of_a_batch_with_bad_files_names_each_once_on_stderr_and_ingests_the_rest(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    for name, data in {**BAD_FILES, **GOOD_FILES}.items():
        (batch / name).write_bytes(data)
    db = tmp_path / "s.db"
    assert run("ingest", "-q", str(batch), store_path=db) == 1
    out, err = capsys.readouterr()
    assert f"{len(GOOD_FILES)} new" in out and f"{len(BAD_FILES)} failed" in out
    lines = err.strip().splitlines()
    assert len(lines) == len(BAD_FILES), lines
    for name in BAD_FILES:
        assert sum(f"{name}: " in line for line in lines) == 1, (name, lines)
    assert all(line.startswith("failed: ") for line in lines)
    with store.open(db) as opened:
        assert sorted(a.id for a in store.articles(opened)) == sorted(Path(n).stem for n in GOOD_FILES)
        assert "alert" not in store.articles(opened, ["page"])[0].text


def test_a_50_mb_article_on_standard_input_is_refused_with_one_line(tmp_path, monkeypatch, capsys):
    import time

    class Stdin:
        buffer = io.BytesIO(b"Missiles struck Raqqa. " * (50_000_000 // 23 + 1))

    monkeypatch.setattr(sys, "stdin", Stdin)
    started = time.perf_counter()
    assert run("ingest", "-q", "--stdin-format", "md", "-", store_path=tmp_path / "s.db") == 1
    assert time.perf_counter() - started < 30
    assert capsys.readouterr().err.strip() == \
        "failed: stdin.md: too large (20,000,001 bytes; the limit is 20,000,000)"


@pytest.fixture(scope="module")
def sound_store(tmp_path_factory):
    from gazetteer import default_gazetteer
    from tests.store.conftest import make_sound_store

    return make_sound_store(tmp_path_factory.mktemp("sound") / "sound.db", default_gazetteer())


@pytest.mark.parametrize("kind", ["truncated", "garbage_inside", "not_sqlite", "wrong_schema", "missing_table",
                                  "newer_schema"])
def test_every_kind_of_damaged_store_is_one_line_and_status_3(kind, sound_store, tmp_path, capsys):
    from tests.store.conftest import WAY_OUT, damage

    db = damage(sound_store, tmp_path / f"{kind}.db", kind)
    for command in (["ingest", "-q", "--force", str(ARTICLES)], ["export", "-f", "csv"], ["check"]):
        assert run(*command, store_path=db) == 3, (kind, command)
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (kind, command, err)
        assert str(db) in err and WAY_OUT[kind] in err, (kind, command, err)
