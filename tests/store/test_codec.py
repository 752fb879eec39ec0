import json

import pandas as pd

from extract.pipeline import build_corpus, corpus_events, extract_article
from extract.records import EventMention, Extraction, PlaceMention, TimeExpr
from store import codec
from store.work import decode, encode

from .conftest import synthetic


def test_extractions_round_trip_through_json(corpus_articles, gazetteer):
    for article in corpus_articles:
        extraction = extract_article(article, gazetteer)
        assert extraction.events and extraction.places and extraction.timexes
        back = decode(encode(extraction, []))
        assert back == extraction
        assert back.article == article


def test_the_events_of_decoded_extractions_equal_the_originals(corpus_articles, gazetteer):
    original = build_corpus(corpus_articles, gazetteer=gazetteer)
    decoded = [decode(encode(e, [])) for e in original.extractions]
    pd.testing.assert_frame_equal(corpus_events(decoded, gazetteer), original.events)


def test_defaults_are_left_out_and_old_rows_still_read(gazetteer):
    mention = extract_article(synthetic("caspian"), gazetteer).events[0]
    data = json.loads(codec.dumps([mention]))[0]
    assert "corrected" not in data and "negated" not in data  # defaults are not written
    data["a_field_from_a_newer_version"] = 1
    assert codec.from_dict(EventMention, data) == mention


def test_each_record_type_encodes_to_plain_json(gazetteer):
    extraction = extract_article(synthetic("aleppo"), gazetteer)
    for cls, records in ((TimeExpr, extraction.timexes), (PlaceMention, extraction.places),
                         (EventMention, extraction.events)):
        text = codec.dumps(records)
        assert isinstance(json.loads(text), list)
        assert codec.loads(cls, text) == records
    assert isinstance(decode(encode(Extraction(extraction.article), [])), Extraction)
