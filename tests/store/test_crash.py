"""A crash mid-ingest (SIGKILL inside an article's transaction) loses nothing already ingested."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd

import store
from extract.pipeline import build_corpus

from .conftest import ROOT, SYNTHETIC, synthetic

CHILD = textwrap.dedent("""
    import sys, time
    import store, store.incremental
    from extract.articles import load_folder
    from tests.store.conftest import SYNTHETIC, synthetic

    real_put = store.incremental.put
    written = []

    def put(db, encoded):
        if len(written) == int(sys.argv[2]):
            # the article row is in, its extraction not yet: the worst moment to die
            db.execute("INSERT INTO articles (id, content_hash, text, metadata, ingested) "
                       "VALUES (?, 'x', 'half', '{}', 'now')", (encoded.article_id,))
            print("inside", encoded.article_id, flush=True)
            time.sleep(120)
        written.append(encoded.article_id)
        return real_put(db, encoded)

    store.incremental.put = put
    bundled, _ = load_folder("data/articles")
    articles = [*bundled, *(synthetic(n) for n in SYNTHETIC)]
    with store.open(sys.argv[1]) as s:
        store.ingest(s, articles, progress=lambda step: print("done", step.article_id, flush=True))
""")


def test_sigkill_inside_a_transaction_leaves_earlier_articles_whole(store_path, corpus_articles, gazetteer):
    crash_at = 3
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(store_path), str(crash_at)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = []
    for line in child.stdout:
        lines.append(line.split())
        if line.startswith("inside"):
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, lines
    done = [ident for word, ident in lines if word == "done"]
    assert done == [a.id for a in corpus_articles[:crash_at]]
    half_written = lines[-1][1]

    with store.open(store_path) as s:
        assert store.check(s) == []
        ids = [a.id for a in store.articles(s)]
        assert ids == done and half_written not in ids  # no half-written article
        assert s.db.execute("SELECT count(*) FROM articles a LEFT JOIN extractions e ON e.article_id = a.id "
                            "WHERE e.article_id IS NULL").fetchone()[0] == 0
        expected = build_corpus(corpus_articles[:crash_at], gazetteer=gazetteer).extractions
        assert [(e.article.text, e.timexes, e.places, e.events) for e in store.extractions(s, done)] == \
            [(e.article.text, e.timexes, e.places, e.events) for e in expected]
        assert any("interrupted" in p for p in store.problems(s))

        report = store.ingest(s, corpus_articles, gazetteer=gazetteer)  # the next run finishes the job
        assert (report.unchanged, report.new) == (crash_at, len(corpus_articles) - crash_at)
        pd.testing.assert_frame_equal(store.events(s), build_corpus(corpus_articles, gazetteer=gazetteer).events)
        assert not store.problems(s)
    assert len(SYNTHETIC) + 2 == len(corpus_articles)


def _stored_rows(path):
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return {row[0]: row[1:] for row in db.execute(
            "SELECT a.id, a.content_hash, a.text, e.content_hash, e.timexes, e.places, e.events "
            "FROM articles a LEFT JOIN extractions e ON e.article_id = a.id")}
    finally:
        db.close()


def _count(path) -> int:
    import sqlite3

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT count(*) FROM extractions").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:  # not created yet, or its tables not yet
        return 0


def test_random_sigkills_of_a_real_ingest_lose_nothing_and_a_rerun_completes_it(tmp_path, gazetteer):
    """`chronomap ingest` of many articles killed with SIGKILL at random moments, four times (the last while
    the events table is being recomputed, if it gets there): each time the store opens, passes the check, and
    every article in it is whole with the extraction of its text; the same command then completes the job."""
    import random
    import time

    sys.path.insert(0, str(ROOT))
    from bench.corpus import main as write_corpus
    from cli import sources
    from store.work import content_hash, extract_encoded

    total, corpus, db = 80, tmp_path / "c.jsonl", tmp_path / "s.db"
    write_corpus([str(total), str(corpus)])
    articles = {a.id: a for a in sources.read(sources.resolve([str(corpus)]))}
    assert len(articles) == total
    expected = {i: extract_encoded(a, (), gazetteer) for i, a in articles.items()}
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    command = [str(Path(sys.executable).parent / "chronomap"), "ingest", "-q", "--store", str(db), str(corpus)]
    thresholds = sorted(rng.sample(range(1, total), 3)) + [total]
    kills = 0
    for threshold in thresholds:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while _count(db) < threshold and child.poll() is None:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.3 if threshold < total else 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        kills += child.returncode == -signal.SIGKILL
        with store.open(db) as s:
            assert store.check(s) == [], seed
        rows = _stored_rows(db)
        assert len(rows) >= threshold or child.returncode == 0, (seed, threshold, len(rows))
        for ident, (digest, text, extracted_digest, timexes, places, events) in rows.items():
            want = expected[ident]
            assert (digest, text) == (content_hash(articles[ident]), articles[ident].text), (seed, ident)
            assert extracted_digest == digest, (seed, ident)  # no half-written article
            assert (timexes, places, events) == (want.timexes, want.places, want.events), (seed, ident)
    assert kills >= 3, seed

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, (seed, again.stderr[-800:])
    with store.open(db) as s:
        assert store.check(s) == [] and not store.problems(s)
        assert store.article_count(s) == total
        pd.testing.assert_frame_equal(store.events(s), build_corpus(list(articles.values()), gazetteer=gazetteer).events)


CORRECTION_CHILD = textwrap.dedent("""
    import json, sys, time
    import store, store.fixes, store.refresh, store.work
    from extract.corrections import Correction
    from gazetteer import default_gazetteer

    phase = sys.argv[2]

    def pausing(name, real):
        def wrapper(*args, **kwargs):
            if phase == name:
                print("inside", name, flush=True)
                time.sleep(120)
            return real(*args, **kwargs)
        return wrapper

    # extract: inside the article's re-extraction; write: inside the transaction, the correction and the new
    # extraction written, not committed; refresh: inside the transaction that swaps in the new events table
    store.work.extract_article = pausing("extract", store.work.extract_article)
    store.fixes.bump_generation = pausing("write", store.fixes.bump_generation)
    store.refresh.set_meta = pausing("refresh", store.refresh.set_meta)
    gazetteer = default_gazetteer()
    with store.open(sys.argv[1]) as s:
        print("ready", flush=True)
        ident = store.add_correction(s, Correction(**json.loads(sys.argv[3])), gazetteer)
        print("saved", ident, flush=True)
""")


def test_sigkill_during_a_saved_correction_keeps_it_whole_or_absent(store_path, gazetteer):
    """store.add_correction killed with SIGKILL inside the re-extraction, inside its transaction, inside the
    events table's swap, and at random moments: the store passes the check, the corrections saved before are
    all there, the new one is there with its re-extraction or not at all, and saving it again completes it."""
    import json
    import random
    import time
    from dataclasses import asdict

    from extract.corrections import Correction
    from store.work import extract_encoded

    articles = [synthetic(name) for name in SYNTHETIC]
    by_id = {a.id: a for a in articles}

    def fix(article, words, kind, value):
        start = article.text.index(words)
        return Correction(article.id, kind, start, start + len(words), words, value, analyst="ana",
                          created="2026-12-01T10:00:00")

    earlier = fix(by_id["caspian"], "Wednesday", "date", "2015-10-06")
    new = fix(by_id["aleppo"], "Tuesday", "date", "2015-10-12")
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    for phase in ("extract", "write", "refresh", "random", "random", "random"):
        if store_path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{store_path}{suffix}").unlink(missing_ok=True)
        with store.open(store_path) as s:
            store.ingest(s, articles, gazetteer=gazetteer)
            first = store.add_correction(s, earlier, gazetteer)
        child = subprocess.Popen([sys.executable, "-c", CORRECTION_CHILD, str(store_path), phase,
                                  json.dumps(asdict(new))], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
        for line in child.stdout:
            if line.startswith("inside") or (phase == "random" and line.startswith("ready")):
                break
        if phase == "random":
            time.sleep(rng.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        context = (phase, seed)

        with store.open(store_path) as s:
            assert store.check(s) == [], context
            saved = store.corrections(s)
            assert saved[first] == earlier, context
            rest = {i: c for i, c in saved.items() if i != first}
            assert rest in ({}, {first + 1: new}), context  # whole or absent
            if phase in ("extract", "write"):
                assert rest == {}, context
            if phase == "refresh":
                assert rest == {first + 1: new}, context
            for article in articles:  # every stored extraction is the one its stored corrections give
                mine = tuple(c for c in saved.values() if c.article_id == article.id)
                want = extract_encoded(article, mine, gazetteer)
                got = s.db.execute("SELECT timexes, places, events FROM extractions WHERE article_id = ?",
                                   (article.id,)).fetchone()
                assert got == (want.timexes, want.places, want.events), (context, article.id)
            store.refresh_if_stale(s, gazetteer)  # what the next ingest or page load does
            pd.testing.assert_frame_equal(
                store.events(s), build_corpus(articles, gazetteer=gazetteer, corrections=list(saved.values())).events)
            if not rest:  # the analyst saves it again
                store.add_correction(s, new, gazetteer)
            assert list(store.corrections(s).values()) == [earlier, new], context
            assert not store.problems(s), context
            pd.testing.assert_frame_equal(
                store.events(s), build_corpus(articles, gazetteer=gazetteer, corrections=[earlier, new]).events)
