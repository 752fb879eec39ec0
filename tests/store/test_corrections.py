import pandas as pd

import store
from extract.corrections import Correction
from extract.pipeline import build_corpus

from .conftest import synthetic


def _fix(article, words, kind, value, created="2026-12-01T10:00:00"):
    start = article.text.index(words)
    return Correction(article.id, kind, start, start + len(words), words, value, analyst="ana", created=created)


def _launch(s):
    events = store.events(s)
    return events[events["type"] == "launch"].iloc[0]


def test_a_correction_reextracts_its_article_and_survives_reingest(store_path, gazetteer):
    article = synthetic("caspian")
    with store.open(store_path) as s:
        store.ingest(s, [article, synthetic("geneva")], gazetteer=gazetteer)
        assert _launch(s)["date_start"] == "2015-10-07"
        fix = _fix(article, "Wednesday", "date", "2015-10-06")
        ident = store.add_correction(s, fix, gazetteer)
        assert store.corrections(s, "caspian") == {ident: fix}
        assert _launch(s)["date_start"] == "2015-10-06" and "date" in _launch(s)["corrected"]
        expected = build_corpus([article, synthetic("geneva")], gazetteer=gazetteer, corrections=[fix])
        pd.testing.assert_frame_equal(store.events(s), expected.events)

        # the article changes around the corrected span: re-extracted, the correction still applies
        changed = synthetic("caspian", article.text + " Iran said nothing.")
        assert store.ingest(s, [changed], gazetteer=gazetteer).changed == 1
        assert _launch(s)["date_start"] == "2015-10-06"

        assert store.remove_correction(s, ident, gazetteer)
        assert store.corrections(s) == {}
        assert _launch(s)["date_start"] == "2015-10-07"
        assert not store.remove_correction(s, ident, gazetteer)


def test_a_correction_whose_span_is_gone_is_kept_and_reported(store_path, gazetteer):
    article = synthetic("caspian")
    with store.open(store_path) as s:
        store.ingest(s, [article], gazetteer=gazetteer)
        store.add_correction(s, _fix(article, "Wednesday", "date", "2015-10-06"), gazetteer)
        store.ingest(s, [synthetic("caspian", article.text.replace("Wednesday", "Thursday"))], gazetteer=gazetteer)
        assert len(store.corrections(s)) == 1
        assert any("no longer matches" in p for p in store.problems(s))
        assert _launch(s)["date_start"] == "2015-10-08"


def test_a_correction_before_its_article_applies_when_the_article_arrives(store_path, gazetteer):
    article = synthetic("caspian")
    with store.open(store_path) as s:
        store.add_correction(s, _fix(article, "Wednesday", "date", "2015-10-05"), gazetteer)
        assert store.events(s).empty
        store.ingest(s, [article], gazetteer=gazetteer)
        assert _launch(s)["date_start"] == "2015-10-05"
