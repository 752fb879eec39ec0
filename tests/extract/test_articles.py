"""Loading articles: formats, metadata, offsets, and a clear message for every bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extract.articles import ArticleError, load_bytes, load_file, load_folder, load_text

FRONT = "---\ntitle: Missiles over Iran\nsource: Wire\npublished: 2015-10-08\nurl: https://example.org/a\n---\n"


def test_front_matter_fields_and_body_offset():
    article = load_text(FRONT + "Missiles flew on Wednesday.", name="a.md")
    assert (article.title, article.source, article.published, article.url) == (
        "Missiles over Iran", "Wire", date(2015, 10, 8), "https://example.org/a")
    assert article.body == "Missiles flew on Wednesday."
    assert article.text[article.body_start:].startswith("Missiles")
    assert article.problems == ()


def test_plain_text_takes_its_headline_as_title():
    article = load_text("Jets diverted over Syria\n\nThe jets turned back.", name="b.txt")
    assert article.title == "Jets diverted over Syria"
    assert article.body_start == 0


def test_missing_publication_date_loads_with_a_problem():
    article = load_text("The strike came yesterday.", name="c.txt")
    assert article.published is None
    assert any("no publication date" in p for p in article.problems)


@pytest.mark.parametrize("value", ["2015-02-30", "someday", "[1, 2]"])
def test_unreadable_publication_date_is_a_problem_not_a_failure(value):
    article = load_text(f"---\npublished: {value}\n---\nText.", name="d.md")
    assert article.published is None
    assert article.problems


def test_hostile_yaml_tags_are_not_executed():
    text = "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nText here."
    article = load_text(text, name="e.md")
    assert article.title != "0" and "pwned" not in (article.source or "")


def test_front_matter_that_is_not_a_mapping():
    with pytest.raises(ArticleError, match="front matter must be a mapping"):
        load_text("---\n- a\n- b\n---\nText.", name="f.md")


def test_malformed_front_matter_names_the_file():
    with pytest.raises(ArticleError, match=r"^g\.md: front matter is not valid YAML"):
        load_text("---\ntitle: [unclosed\n---\nText.", name="g.md")


@pytest.mark.parametrize("data, message", [
    (b"", "no article text"),
    (b"   \n\t ", "no article text"),
    (b"\x00\x01\x02binary", "binary data"),
])
def test_bad_bytes(data, message):
    with pytest.raises(ArticleError, match=message):
        load_bytes(data, name="x.txt")


def test_encodings():
    assert load_bytes("Kyiv – Київ".encode("utf-16"), name="u.txt").body == "Kyiv – Київ"
    assert load_bytes("Café in Paris".encode("latin-1"), name="l.txt").body == "Café in Paris"
    assert load_bytes("\ufeffBOM text".encode("utf-8"), name="b.txt").body == "BOM text"


def test_json_article():
    data = json.dumps({"text": "Jets struck Raqqa.", "title": "T", "published": "2015-10-07", "source": "S"})
    article = load_text(data, name="j.json")
    assert (article.body, article.published, article.source) == ("Jets struck Raqqa.", date(2015, 10, 7), "S")
    with pytest.raises(ArticleError, match="'text' field"):
        load_text(json.dumps({"body": "x"}), name="k.json")


def test_html_article_drops_scripts_and_reads_meta():
    page = ("<html><head><title>Page</title><meta property='article:published_time' content='2015-10-08T10:00'>"
            "<script>alert(1)</script><style>p{}</style></head><body><p>Jets struck Raqqa.</p></body></html>")
    article = load_text(page, name="h.html")
    assert "alert" not in article.body and "Jets struck Raqqa." in article.body
    assert article.published == date(2015, 10, 8) and article.title == "Page"


def test_folder_loads_the_good_files_and_reports_the_bad(tmp_path):
    (tmp_path / "good.md").write_text(FRONT + "Text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    articles, errors = load_folder(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert errors == ["empty.txt: no article text"]


def test_unreadable_file(tmp_path):
    with pytest.raises(ArticleError, match="missing.md: cannot read"):
        load_file(tmp_path / "missing.md")


def test_json_lines_give_one_article_a_line_and_name_bad_lines():
    import json as _json

    from extract.articles import ArticleError, read_lines

    lines = [_json.dumps({"id": "wire 7", "text": "Russia fired missiles on Monday.", "published": "2015-10-07",
                          "source": "Wire", "url": "https://example.org/a"}).encode(),
             b"", b"[1, 2]", _json.dumps({"text": "Turkey protested."}), _json.dumps({"text": " "})]
    out = list(read_lines(lines, name="feed.jsonl", path="in/feed.jsonl"))
    first, bad, second, empty = out
    assert (first.id, first.source, first.published.isoformat(), first.url) == \
        ("wire-7", "Wire", "2015-10-07", "https://example.org/a")
    assert first.path == "in/feed.jsonl"
    assert isinstance(bad, ArticleError) and str(bad).startswith("feed.jsonl, line 3: each line must be")
    assert second.id == "feed-4" and second.published is None and second.problems
    assert isinstance(empty, ArticleError) and str(empty) == "feed.jsonl, line 5: no article text"
