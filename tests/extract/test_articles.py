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


# ---------------------------------------------------------------------------------------------- bad input
# Each bad file gets one line naming the file and the problem (an ArticleError), or loads with the problem
# noted in `article.problems`; nothing raises anything else, nothing hangs.

def _one_line(error: pytest.ExceptionInfo, name: str) -> str:
    message = str(error.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    return message


@pytest.mark.parametrize("data, message", [
    (b"", "no article text"),
    (" \n\t\r\n \x0c\u3000".encode(), "no article text"),
    (b"Text\x00with a NUL deep inside" + b" padding" * 2000, "binary data"),
    (bytes(range(256)) * 4, "binary data"),
    (b"\xff\xfeT\x00e\x00x", "not valid UTF-16"),  # a BOM, then an odd number of bytes
    (b"\xfe\xff\xd8\x00\x00A", "not valid UTF-16"),  # an unpaired surrogate
])
def test_bad_bytes_get_one_line(data, message):
    with pytest.raises(ArticleError, match=message) as error:
        load_bytes(data, name="bad.txt")
    _one_line(error, "bad.txt")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark(encoding):
    data = "Київ, 8 October 2015: missiles".encode(encoding)
    if not encoding.endswith(("16", "32")):
        data = ("\ufeff" + "Київ, 8 October 2015: missiles").encode(encoding)
    article = load_bytes(data, name="u.txt")
    assert article.body == "Київ, 8 October 2015: missiles"
    assert not any("UTF" in p for p in article.problems)


def test_latin1_and_broken_utf8_load_with_a_note():
    latin = load_bytes("Café à Paris, on 8 October.".encode("latin-1"), name="l.txt")
    assert latin.body == "Café à Paris, on 8 October."
    assert "not UTF-8: read as Windows-1252 (Latin-1)" in latin.problems
    broken = load_bytes("Київ – Kyiv".encode() + b"\xff and more", name="b.txt")
    assert broken.body.startswith("Київ – Kyiv\ufffd")  # the good UTF-8 kept, only the bad byte replaced
    assert any(p.startswith("not valid UTF-8 (first at byte 17)") for p in broken.problems)


def test_a_50_mb_file_is_refused_at_once(tmp_path):
    import time

    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.write(b"Missiles struck Raqqa on Wednesday. " * (50_000_000 // 36 + 1))
    started = time.perf_counter()
    with pytest.raises(ArticleError, match=r"^huge\.md: too large \(50,000,\d{3} bytes; the limit is 20,000,000\)"):
        load_file(path)
    with pytest.raises(ArticleError, match="too large"):
        load_bytes(b"x" * 50_000_000, name="huge.txt")
    with pytest.raises(ArticleError, match="too large"):
        load_text("x" * 20_000_001, name="huge.txt")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("name, text", [
    ("lines.md", "Russia launched missiles from the Caspian Sea on Wednesday.\n" * 100_000),
    ("lines.txt", "x\n" * 100_000),
    ("open.md", "---\n" + "Missiles flew.\n" * 100_000),  # front matter never closed: all of it is text
    ("lines.html", "<p>" + "Missiles flew on Wednesday.</p><p>" * 100_000),
    ("lines.json", json.dumps({"text": "Missiles flew.\n" * 100_000})),
])
def test_a_100000_line_file_loads_quickly(name, text):
    import time

    started = time.perf_counter()
    article = load_text(text, name=name)
    assert len(article.body.splitlines()) >= 100_000 or name == "lines.html"
    assert time.perf_counter() - started < 10


def test_a_100000_line_front_matter_is_refused_quickly():
    import time

    started = time.perf_counter()
    with pytest.raises(ArticleError, match=r"^big\.md: front matter too long"):
        load_text("---\n" + "title: x\n" * 100_000 + "---\nText.", name="big.md")
    assert time.perf_counter() - started < 2


BILLION_LAUGHS = "---\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)) + "title: *a9\npublished: *a9\n---\nText."


@pytest.mark.parametrize("text, problem", [
    (BILLION_LAUGHS, "the title field is a list, not a single value: ignored"),
    ("---\ntitle: !!python/object/apply:os.system ['touch /tmp/chronomap-pwned']\n---\nText.",
     "the title field is a list, not a single value: ignored"),
    ("---\ntitle: !!python/name:os.system\nsource: !!binary aGVsbG8=\n---\nText.", None),
    ("---\npublished: {year: 2015}\n---\nText.", "the published field is a dict, not a single value: ignored"),
])
def test_hostile_front_matter_is_never_acted_on(text, problem):
    import os
    import time

    started = time.perf_counter()
    article = load_text(text, name="h.md")
    assert time.perf_counter() - started < 2
    assert not os.path.exists("/tmp/chronomap-pwned")
    assert article.body == "Text."
    assert problem is None or problem in article.problems
    assert article.title is None or article.title.startswith("!!") is False


@pytest.mark.parametrize("text, message", [
    ("---\ntitle: " + "[" * 5_000 + "]" * 5_000 + "\n---\nText.", "front matter is nested too deeply"),
    ("---\ntitle: 'unclosed\n---\nText.", "front matter is not valid YAML"),
    ("---\n: : :\n---\nText.", "front matter is not valid YAML"),
    ("---\njust a string\n---\nText.", "front matter must be a mapping"),
])
def test_malformed_front_matter_gets_one_line(text, message):
    with pytest.raises(ArticleError, match=message) as error:
        load_text(text, name="m.md")
    _one_line(error, "m.md")


def test_json_nested_too_deeply_gets_one_line():
    with pytest.raises(ArticleError, match="nested too deeply") as error:
        load_text('{"text": "x", "title": ' + "[" * 100_000 + "]" * 100_000 + "}", name="deep.json")
    _one_line(error, "deep.json")


@pytest.mark.parametrize("value, problem", [
    (None, "no publication date"),
    ("2015-02-30", "publication date '2015-02-30' is not a readable date"),
    ("0000-00-00", "is not a readable date"),
    ("10000-01-01", "is not a readable date"),
    ("2015 " * 1000, "is not a readable date"),
    ("2999-01-01", "publication date 2999-01-01 is in the future"),
    ("9999-12-31", "publication date 9999-12-31 is in the future"),
])
def test_missing_impossible_and_future_dates_are_noted(value, problem):
    front = f"---\npublished: {value}\n---\n" if value else ""
    article = load_text(front + "The strike came yesterday.", name="d.md")
    assert any(problem in p for p in article.problems), article.problems
    if "future" in problem:
        assert article.published == date.fromisoformat(value)  # kept: the analyst decides
    else:
        assert article.published is None


@pytest.mark.parametrize("text, language, reason", [
    ("Россия нанесла удары по целям в Сирии в среду, сообщило министерство обороны.", None, "non-Latin script"),
    ("La Russie a lancé des missiles depuis la mer Caspienne mercredi, selon le ministère de la Défense. Les "
     "missiles ont traversé l'Iran et l'Irak avant de frapper des cibles en Syrie, a déclaré un porte-parole "
     "du ministère lors d'une conférence de presse à Moscou, ajoutant que toutes les cibles avaient été "
     "détruites.", None, "does not read as English"),
    ("Short.", "fr", "the article's language is 'fr'"),
])
def test_text_in_another_language_loads_with_a_note(text, language, reason):
    meta = f"---\nlanguage: {language}\n---\n" if language else ""
    article = load_text(meta + text, name="x.md")
    assert any(reason in p and "extractors read English" in p for p in article.problems), article.problems


def test_english_text_gets_no_language_note():
    article = load_text(FRONT + "Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the "
                        "ministry said; they crossed Iran and Iraq and struck targets in Syria.", name="a.md")
    assert not any("English" in p for p in article.problems)


HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Strikes</title>
<script>document.write("HEAD SCRIPT")</script><style>body { content: "HEAD STYLE" }</style>
<body><p>Jets struck Raqqa on Wednesday.</p>
<SCRIPT type="text/javascript">var x = "</p>BODY SCRIPT";</SCRIPT>
<style media="screen">.x { content: "BODY STYLE" }</style>
<noscript>NOSCRIPT</noscript><template>TEMPLATE</template>
<svg><script>SVG SCRIPT</script></svg>
<nav>NAV <footer>NESTED FOOTER</nav>
<p onclick="alert('ATTRIBUTE')">Turkey protested.</p><img src=x onerror="alert('IMG')">
<!-- COMMENT --><![CDATA[ ]]>
<p>The end.</p><script>UNCLOSED SCRIPT"""


def test_html_scripts_styles_and_comments_never_become_text():
    article = load_text(HOSTILE_PAGE, name="page.html")
    assert article.title == "Strikes"
    assert "Jets struck Raqqa on Wednesday." in article.body and "Turkey protested." in article.body
    assert "The end." in article.body
    for hidden in ("SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "NAV", "FOOTER", "ATTRIBUTE", "IMG", "COMMENT",
                   "alert", "document.write"):
        assert hidden not in article.body, hidden


def test_html_without_a_closing_head_keeps_its_body():
    article = load_text("<html><head><title>T</title><body><p>Jets struck Raqqa.</p>", name="h.html")
    assert article.body == "Jets struck Raqqa."


@pytest.mark.parametrize("tail", ["<!--" * 200_000, "<a " * 200_000, "</a" * 200_000, "<![CDATA[" * 100_000,
                                  "<!-- <p>x</p>" * 100_000, "<?x" * 200_000 + ">", "\x0c" * 300_000,
                                  "<![foo[ bar ]]>"])
def test_pathological_html_loads_quickly(tail):
    import time

    started = time.perf_counter()
    try:
        article = load_text("<p>Jets struck Raqqa.</p>" + tail, name="p.html")
        assert article.body.startswith("Jets struck Raqqa.")
    except ArticleError as error:
        assert str(error).startswith("p.html: ")
    assert time.perf_counter() - started < 5


def test_folder_with_every_kind_of_bad_file_loads_the_good_ones(tmp_path):
    (tmp_path / "good.md").write_text(FRONT + "Missiles flew on Wednesday.", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Café in Paris on Monday.".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Kyiv on Monday.".encode("utf-16"))
    bad = {
        "empty.txt": b"",
        "blank.md": b"  \n\n\t",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "truncated.txt": b"\xff\xfeK\x00y",
        "yaml.md": b"---\ntitle: [unclosed\n---\nText.",
        "deep.md": b"---\ntitle: " + b"[" * 5_000 + b"]" * 5_000 + b"\n---\nText.",
        "long.md": b"---\ntitle: " + b"x" * 50_000 + b"\n---\nText.",
        "broken.json": b'{"text": ',
        "huge.txt": b"x" * 20_000_001,
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    articles, errors = load_folder(tmp_path)
    assert sorted(a.id for a in articles) == ["good", "latin", "utf16"]
    assert len(errors) == len(bad)
    for name in bad:
        assert sum(e.startswith(f"{name}: ") for e in errors) == 1, (name, errors)
    assert all("\n" not in e for e in errors)
