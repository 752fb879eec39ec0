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


def test_event_words_say_how_they_were_read_and_analysts_values_are_marked(gazetteer):
    from extract.corrections import Correction

    text = "---\npublished: 2015-10-08\n---\nJets struck Raqqa on Wednesday."
    article = load_text(text, name="x.md")
    start = text.index("Wednesday")
    fix = Correction(article.id, "date", start, start + 9, "Wednesday", "2015-10-06")
    extraction = extract_article(article, gazetteer, corrections=[fix])
    trigger = extraction.events[0].trigger
    html = article_html(extraction, trigger=(trigger.start, trigger.end))
    assert "class='cm-focus cm-corrected'" in html and "strike: 2015-10-06" in html
    assert "corrected by an analyst: date" in html
    assert "class='cm-date cm-corrected'" in html and "rule: analyst" in html
    plain = article_html(extract_article(article, gazetteer))
    assert "class='cm-trigger'" in plain and "cm-corrected" not in plain
