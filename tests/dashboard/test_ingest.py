"""Adding articles from the page: safe names, checked content, pasted text with its metadata."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest import UPLOAD_TYPES, pasted_markdown, safe_path, save_paste, save_upload
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


GOOD = b"Russia launched missiles from the Caspian Sea on Wednesday."


@pytest.mark.parametrize("name, saved", [
    ("../../etc/passwd.md", "passwd.md"),
    ("/etc/passwd.md", "passwd.md"),
    ("/../../../tmp/x.txt", "x.txt"),
    ("C:\\Windows\\System32\\evil.md", "evil.md"),
    ("C:evil.md", "evil.md"),
    ("\\\\server\\share\\evil.md", "evil.md"),
    ("..\\..\\..\\evil.html", "evil.html"),
    ("evil\x00.md", "evil.md"),
    ("line\nbreak.md", "line-break.md"),
    ("x" * 5000 + ".md", "x" * 76 + ".md"),  # the name's last 80 characters
    ("Київ звіт.md", "article.md"),
    ("...report.md", "report.md"),
    ("REPORT.MD", "REPORT.md"),
])
def test_uploads_land_in_the_folder_whatever_their_name(tmp_path, name, saved):
    folder = tmp_path / "corpus"
    folder.mkdir()
    path = save_upload(name, GOOD, folder)
    assert path.parent == folder and path.name == saved
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [saved]  # nothing written anywhere else


@pytest.mark.parametrize("name", ["..", ".", "...", "....md", ".md", "", "/", "C:\\", "../..", "\x00", "x.md/",
                                  "payload.exe", "archive.md.exe", "notes.md:stream", "page.php", "script.js",
                                  "image.svg", "feed.jsonl"])
def test_names_that_are_no_article_file_are_refused_with_one_line(tmp_path, name):
    with pytest.raises(ArticleError, match="not an article file") as error:
        save_upload(name, GOOD, tmp_path)
    message = str(error.value)
    assert "\n" not in message and "\x00" not in message and len(message) < 200
    assert list(tmp_path.iterdir()) == []


def test_messages_name_the_upload_in_one_printable_line(tmp_path):
    with pytest.raises(ArticleError) as error:
        save_upload("../evil\nname\x00" + "y" * 500 + ".txt", b"", tmp_path)
    message = str(error.value)
    assert message.endswith(".txt: no article text") and "\n" not in message and "\x00" not in message
    assert "/" not in message and len(message) < 150


def test_the_size_cap_is_checked_first_and_said_plainly(tmp_path):
    from extract.articles import MAX_BYTES

    with pytest.raises(ArticleError, match=r"^big\.md: 20\.0 MB is over the 20 MB limit$"):
        save_upload("../big.md", b"a" * (MAX_BYTES + 1), tmp_path)
    assert save_upload("edge.md", b"a " * (MAX_BYTES // 2), tmp_path).stat().st_size == MAX_BYTES
    assert UPLOAD_TYPES == ["htm", "html", "json", "markdown", "md", "text", "txt"]


def test_a_link_in_the_folder_is_never_written_through(tmp_path):
    folder, outside = tmp_path / "corpus", tmp_path / "outside.md"
    folder.mkdir()
    (folder / "wire.md").symlink_to(outside)  # dangling: exists() says no
    path = save_upload("wire.md", GOOD, folder)
    assert path == folder / "wire-2.md" and not outside.exists()


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import os

    class FullDisk:
        def __init__(self, fd, mode):
            self.fd = fd

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            os.close(self.fd)

        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(ArticleError, match=r"^wire\.md: could not be saved \(No space left on device\)$"):
        save_upload("wire.md", GOOD, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_content_is_refused_whatever_the_suffix(tmp_path):
    for name, data, message in [("a.md", b"\x00\x01", "binary"), ("b.json", b"{", "not valid JSON"),
                                ("c.html", b"<script>alert(1)</script>", "no article text"),
                                ("d.txt", b"\xff\xfe\x00", "not valid UTF-16")]:
        with pytest.raises(ArticleError, match=message):
            save_upload(name, data, tmp_path)
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(st.text(max_size=300),
                      st.lists(st.sampled_from(["..", ".", "/", "\\", "C:", "etc", "passwd", ".md", ".txt", ".html",
                                                "\x00", "\n", "~", "%2e%2e", "Київ", " "]), max_size=12).map("".join)))
def test_any_upload_name_lands_in_the_folder_or_is_refused_with_one_line(tmp_path_factory, name):
    folder = tmp_path_factory.mktemp("corpus")
    try:
        path = save_upload(name, GOOD, folder)
    except ArticleError as error:
        assert "\n" not in str(error) and "\x00" not in str(error) and len(str(error)) < 200
        assert list(folder.iterdir()) == []
        return
    assert path.parent == folder and path.is_file() and not path.name.startswith(".")
    assert path.suffix in {".md", ".txt", ".html", ".htm", ".json", ".markdown", ".text"}
