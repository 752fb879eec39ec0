"""A crash mid-ingest (SIGKILL inside an article's transaction) loses nothing already ingested."""

import os
import signal
import subprocess
import sys
import textwrap

import pandas as pd

import store
from extract.pipeline import build_corpus

from .conftest import ROOT, SYNTHETIC

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
