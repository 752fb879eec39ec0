"""Adding articles from the page: safe names, checked content, pasted text with its metadata."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.ingest import pasted_markdown, safe_path, save_paste, save_upload
from extract.articles import ArticleError, load_file


def test_names_cannot_leave_the_folder_or_replace_a_file(tmp_path):
    assert safe_path("../../etc/passwd.md", tmp_path) == tmp_path / "passwd.md"
    assert safe_path("..\\..\\windows\\evil.txt", tmp_path) == tmp_path / "evil.txt"
    assert safe_path("Report <b>1</b>.html", tmp_path).parent == tmp_path
    (tmp_path / "wire.md").write_text("x", encoding="utf-8")
    assert safe_path("wire.md", tmp_path) == tmp_path / "wire-2.md"
    with pytest.raises(ArticleError, match="not an article file"):
        safe_path("payload.exe", tmp_path)


def test_unreadable_or_huge_uploads_are_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ArticleError, match="binary"):
        save_upload("binary.txt", b"\x00\x01\x02\x03", tmp_path)
    with pytest.raises(ArticleError, match="limit"):
        save_upload("huge.txt", b"a" * 20_000_001, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_pasted_article_keeps_its_metadata(tmp_path):
    path = save_paste("Russia launched missiles on Wednesday.", tmp_path, title="Strikes: day 1",
                      source="Wire", published=date(2015, 10, 8), url="https://example.org/a")
    article = load_file(path)
    assert (article.title, article.source, article.published) == ("Strikes: day 1", "Wire", date(2015, 10, 8))
    assert article.body.strip() == "Russia launched missiles on Wednesday."


def test_metadata_that_looks_like_yaml_stays_text():
    text = pasted_markdown("Body.", title="!!python/object:os.system ['rm -rf /']", source="a: b")
    assert "!!python" in text and "'!!python/object" in text  # quoted, never a tag


def test_empty_paste_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="empty"):
        save_paste("   ", tmp_path)
