"""A full disk: the ingest stops with one line naming the store, everything written before is kept, the store
opens, and the same command completes once there is room."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import store
from cli.main import main

from .conftest import ROOT

ORPHANS = ("SELECT count(*) FROM articles a LEFT JOIN extractions e ON e.article_id = a.id "
           "WHERE e.article_id IS NULL OR e.content_hash != a.content_hash")


def _corpus(tmp_path: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import main as write_corpus

    corpus = tmp_path / "corpus.jsonl"
    write_corpus([str(count), str(corpus)])
    return corpus


def _sound_and_partial(db: Path, total: int) -> int:
    with store.open(db) as s:
        assert store.check(s) == []
        kept = store.article_count(s)
        assert 0 < kept < total
        assert s.db.execute(ORPHANS).fetchone()[0] == 0  # every kept article has its whole extraction
    return kept


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs (needs root and mount permission; skipped otherwise: the next test needs neither)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root; test_a_full_store_* simulates it with max_page_count")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True,
                             text=True)
    if mounted.returncode:
        pytest.skip(f"mount -t tmpfs not permitted here ({mounted.stderr.strip()}); "
                    "test_a_full_store_* simulates a full disk with max_page_count")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_stops_the_ingest_cleanly(small_disk, tmp_path):
    total = 200  # about 2.5 MB of store: far more than the 1 MB disk
    corpus, db = _corpus(tmp_path, total), small_disk / "chronomap.db"
    command = [str(Path(sys.executable).parent / "chronomap"), "ingest", "--store", str(db), str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 3, done.stderr[-800:]
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]  # after the progress bar: one line
    assert last.startswith(f"chronomap: {db}: disk full") and "run the same command again" in last, last
    kept = _sound_and_partial(db, total)

    roomy = tmp_path / "roomy.db"  # moved to a disk with room, the same command completes the job
    with sqlite3.connect(db) as source, sqlite3.connect(roomy) as target:
        source.backup(target)
    again = subprocess.run([*command[:-2], str(roomy), str(corpus)], capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-800:]
    assert f"{kept:,} unchanged" in again.stdout
    with store.open(roomy) as s:
        assert store.article_count(s) == total and not store.problems(s)


def test_a_full_store_stops_the_ingest_with_one_line_and_keeps_what_was_written(tmp_path, monkeypatch, capsys):
    """The same through SQLite's max_page_count (no mount needed): SQLITE_FULL, as a full disk gives."""
    total = 60
    corpus, db = _corpus(tmp_path, total), tmp_path / "chronomap.db"
    real_open = store.open

    def small(path=None, **kwargs):
        opened = real_open(path, **kwargs)
        pages = opened.db.execute("PRAGMA page_count").fetchone()[0]
        opened.db.execute(f"PRAGMA max_page_count = {pages + 60}")  # room for some articles, not all
        return opened

    monkeypatch.setattr(store, "open", small)
    assert main(["ingest", "-q", "--store", str(db), str(corpus)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"chronomap: {db}: disk full"), err
    monkeypatch.setattr(store, "open", real_open)
    kept = _sound_and_partial(db, total)
    assert main(["ingest", "-q", "--store", str(db), str(corpus)]) == 0
    assert f"{kept:,} unchanged" in capsys.readouterr().out


def test_a_correction_on_a_full_store_is_not_saved_and_nothing_is_lost(store_path, gazetteer):
    from extract.corrections import Correction

    from .conftest import synthetic

    article = synthetic("caspian")
    with store.open(store_path) as s:
        store.ingest(s, [article, synthetic("aleppo")], gazetteer=gazetteer)
        start = article.text.index("Wednesday")
        first = Correction("caspian", "date", start, start + 9, "Wednesday", "2015-10-06", analyst="ana")
        store.add_correction(s, first, gazetteer)
        before = store.events(s)
        s.db.execute(f"PRAGMA max_page_count = {s.db.execute('PRAGMA page_count').fetchone()[0]}")
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        start = article.text.index("Turkey")
        second = Correction("caspian", "place", start, start + 6, "Turkey", "", analyst="ana", note="x" * 200_000)
        with pytest.raises(sqlite3.Error) as caught:
            store.add_correction(s, second, gazetteer)
        assert "disk full" in str(store.db.store_error(store_path, caught.value))
    with store.open(store_path) as s:
        assert store.check(s) == []
        assert list(store.corrections(s).values()) == [first]
        assert store.events(s).equals(before)
