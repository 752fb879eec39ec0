"""Property-based tests of the extractors: any text, any publication date from year 1 to 9999 (or none).

Never an exception; every span inside the text and on its characters; every TIMEX3 value well formed and on
the calendar; first day not after last day; every coordinate on the globe. bench/fuzz.py runs the same checks
over 100,000 seeded inputs.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract import dates, places
from extract.articles import SUFFIXES, ArticleError, load_bytes, load_text
from extract.pipeline import build_corpus, extract_article
from extract.records import Article
from tests.extract.fuzzing import (
    EDGE_DATES,
    FRAGMENTS,
    ODD,
    SEPARATORS,
    check_article,
    check_events_table,
    check_extraction,
    check_place,
    check_timex,
    timex3_problem,
)

# CHRONOMAP_PROPERTY_SCALE=50 runs fifty times the examples (a deeper search than the default few seconds).
SCALE = max(1, int(os.environ.get("CHRONOMAP_PROPERTY_SCALE", "1")))
FAST = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS).map(str.upper),
    st.sampled_from(FRAGMENTS).map(str.lower),
    st.sampled_from(ODD),
    st.integers(min_value=0, max_value=10**22).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(str),
    st.text(max_size=6),
)
news_text = st.lists(st.tuples(_piece, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(a + b for a, b in pairs))
any_text = st.one_of(news_text, news_text, st.text(max_size=300))
published = st.one_of(st.none(), st.sampled_from(EDGE_DATES), st.dates())
front_matter = st.sampled_from(["", "---\ntitle: T\n---\n", "---\r\npublished: 2015-10-08\r\n---\r\n", "\ufeff"])


@FAST
@given(text=any_text, published=published, prefix=front_matter)
@example(text="the '90s, last spring and next week", published=date.max, prefix="")
@example(text="Last winter, a decade ago, the past 2 decades and the following week", published=date.min, prefix="")
@example(text="İstanbul on Monday: ß yesterday", published=date(2015, 10, 8), prefix="")
def test_date_tagger_on_any_text(text, published, prefix):
    full = prefix + text
    for timex in dates.tag(text, published, offset=len(prefix)):
        check_timex(timex, full)
        assert timex.start >= len(prefix)


@FAST
@given(text=any_text, prefix=front_matter)
@example(text="Russia fired missiles from the Caspian Sea over Iran and Iraq into Syria.", prefix="")
def test_place_recogniser_on_any_text(gazetteer, text, prefix):
    full = prefix + text
    for place in places.recognise(text, gazetteer, offset=len(prefix)):
        check_place(place, full)
        assert place.start >= len(prefix)


@SLOWER
@given(text=any_text, published=published, prefix=front_matter)
@example(text='Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the ministry said. '
              '"We struck Raqqa yesterday," he told CNN on Thursday.', published=date.max, prefix="")
def test_article_extraction_on_any_text(gazetteer, text, published, prefix):
    article = Article(id="fuzz", text=prefix + text, body_start=len(prefix), published=published)
    check_extraction(extract_article(article, gazetteer))


@settings(max_examples=15 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.tuples(news_text, published), min_size=1, max_size=4))
def test_corpus_on_any_articles(gazetteer, texts):
    articles = [Article(id=f"a{i}", text=text, published=day) for i, (text, day) in enumerate(texts)]
    corpus = build_corpus(articles, gazetteer=gazetteer)
    assert not [p for p in corpus.problems if "extraction failed" in p], corpus.problems
    for extraction in corpus.extractions:
        check_extraction(extraction)
    check_events_table(corpus.events)


_published_field = st.one_of(st.sampled_from(["2015-10-08", "2015-02-30", "0001-01-01", "9999-12-31", "10000-01-01",
                                              "0000-00-00", "yesterday", "8 October 2015", "[1, 2]", "{a: b}",
                                              "!!python/object:os.system", "&a", "*a", "'", "\"", "2015-10-08T25:99"]),
                             st.dates().map(str), st.text(max_size=20))
_yaml_value = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20), _published_field)


@st.composite
def article_files(draw):
    """Text as a file might hold it: front matter (well formed or not), HTML or JSON around news-like text."""
    body = draw(any_text)
    kind = draw(st.sampled_from(["md", "md", "txt", "html", "json", "raw"]))
    if kind == "md":
        fields = draw(st.dictionaries(st.sampled_from(["title", "source", "published", "url", "language", "x"]),
                                      _yaml_value, max_size=5))
        lines = [f"{key}: {value}" for key, value in fields.items()]
        return "x.md", "---\n" + "\n".join(lines) + "\n---\n" + body
    if kind == "html":
        meta = draw(_published_field)
        return "x.html", (f"<html><head><title>{draw(_yaml_value)}</title><meta property='article:published_time' "
                          f"content='{meta}'><script>{draw(st.text(max_size=20))}</script></head><body><p>{body}</p>")
    if kind == "json":
        import json

        return "x.json", json.dumps({"text": body, "published": draw(_published_field), "title": draw(_yaml_value)})
    return f"x{draw(st.sampled_from(sorted(SUFFIXES)))}", body


@FAST
@given(file=article_files())
def test_loading_any_text_gives_an_article_or_a_one_line_error(file):
    name, text = file
    try:
        article = load_text(text, name=name)
    except ArticleError as error:
        _check_error(error, name)
        return
    check_article(article)
    if name.endswith((".md", ".txt", ".markdown", ".text")):
        assert article.text == text  # offsets are into the file as read


@FAST
@given(data=st.one_of(st.binary(max_size=400),
                      st.tuples(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                                           "utf-32", "latin-1", "cp1252"]))
                      .map(lambda pair: pair[0].encode(pair[1], errors="replace")),
                      st.tuples(st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b""]), st.binary(max_size=50))
                      .map(b"".join)),
       suffix=st.sampled_from(sorted(SUFFIXES)))
def test_loading_any_bytes_gives_an_article_or_a_one_line_error(data, suffix):
    name = f"x{suffix}"
    try:
        article = load_bytes(data, name=name)
    except ArticleError as error:
        _check_error(error, name)
        return
    check_article(article)


def _check_error(error: ArticleError, name: str) -> None:
    message = str(error)
    assert message.startswith(f"{name}: "), message
    assert "\n" not in message and len(message) < 400, message


@pytest.mark.parametrize("value", [
    "2015", "2015-10", "2015-10-07", "2015-W41", "2015-W53", "2015-W41-WE", "2015-W41-3", "2015-SP", "2015-WI",
    "2015-Q3", "2015-H2", "201", "20", "2015-10-07T14:30", "2015-10-07T14:30:59", "2015-10-07TNI", "T14:30",
    "P3D", "P10Y", "P1.5Y", "PXW", "P2DE", "PT2H", "PT1H30M15S", "PTXH", "PRESENT_REF", "PAST_REF", "FUTURE_REF",
    "XXXX-XX-XX", "XXXX-XX-XXTNI", "XXXX-WXX", "XXXX-WXX-1", "XXXX-WXX-WE", "XXXX-XX", "XXXX-QX", "XXXX", "XXXX-SP",
    "0001-01-01", "9999-12-31",
])
def test_timex3_validator_accepts(value):
    assert timex3_problem(value) is None


@pytest.mark.parametrize("value", [
    "", "2015-02-30", "2015-13", "0000", "0000-01-01", "2014-W53", "2015-W54", "2015-Q5", "2015-H3", "10000",
    "-001", "2015-10-07T25:00", "2015/10/07", "P", "PT", "P3", "3D", "NOW", "2015-10-07 ", "T", "2015-XS",
])
def test_timex3_validator_refuses(value):
    assert timex3_problem(value) is not None
