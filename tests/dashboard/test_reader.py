from __future__ import annotations

from dashboard.reader import article_html
from extract.articles import load_text
from extract.pipeline import extract_article


def test_article_text_is_escaped_and_the_sentence_marked(gazetteer):
    body = "Jets struck Raqqa on Wednesday. <script>window.__pwned=1</script> <img src=x onerror=alert(1)>"
    extraction = extract_article(load_text("---\npublished: 2015-10-08\n---\n" + body, name="x.md"), gazetteer)
    sentence = extraction.events[0].sentence
    html = article_html(extraction, sentence=(sentence.start, sentence.end))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<mark class='cm-selected'" in html
    assert "cm-place" in html and "cm-date" in html
