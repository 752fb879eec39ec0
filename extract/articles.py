"""Reading articles and their metadata from files, uploads and pasted text.

Formats: Markdown or plain text with an optional YAML front-matter block,
HTML (text of the page, metadata from <title> and <meta> tags), JSON
(an object with `text` and metadata fields) and JSON Lines (one such object
a line, read lazily: archives of any size). Offsets of everything found
later are into `Article.text`: for text and Markdown files the whole file as
read, front matter included; for HTML and JSON the article text itself.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .dates import parse_date
from .records import Article

SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm", ".json"}
LINES_SUFFIXES = {".jsonl", ".ndjson"}  # many articles a file: see `read_lines`
MAX_BYTES = 20_000_000
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FIELDS = ("title", "source", "published", "url", "language")


class ArticleError(ValueError):
    """An input that cannot be read as an article; the message names the problem."""


def load_file(path: str | Path) -> Article:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{path.name}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path.name}: cannot read ({error.strerror or error})") from error
    return load_bytes(data, name=path.name, path=str(path))


def load_bytes(data: bytes, *, name: str, path: str | None = None) -> Article:
    """An article from raw bytes (an upload or a file), format chosen by the name's suffix."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    text, note = _decode(data, name)
    article = load_text(text, name=name, path=path)
    return replace(article, problems=(note, *article.problems)) if note else article


def load_text(text: str, *, name: str, path: str | None = None, **metadata: object) -> Article:
    """An article from text; `metadata` (title, source, published, ...) overrides what the text says."""
    suffix = Path(name).suffix.lower()
    if len(text) > MAX_BYTES:
        raise ArticleError(f"{name}: too large ({len(text):,} characters; the limit is {MAX_BYTES:,})")
    problems: list[str] = []
    if suffix == ".json":
        body, meta, start = _from_json(text, name)
    elif suffix in (".html", ".htm"):
        body, meta, start = _from_html(text, name)
    else:
        body, meta, start = text, *_front_matter(text, name)
    meta.update({k: v for k, v in metadata.items() if v not in (None, "")})
    if not body[start:].strip():
        raise ArticleError(f"{name}: no article text")
    for key in _FIELDS:  # a list or mapping where a value belongs (or an alias bomb) is dropped, never printed
        if key in meta and meta[key] is not None and not isinstance(meta[key], (str, int, float, date)):
            problems.append(f"the {key} field is a {type(meta.pop(key)).__name__}, not a single value: ignored")
    published = _published(meta.get("published"), name, problems)
    language = _clean(meta.get("language"))
    foreign = _not_english(body[start:], language)
    if foreign:
        problems.append(f"{foreign}: the extractors read English, so few dates, places or events will be found")
    title = _clean(meta.get("title")) or _headline(body[start:])
    return Article(
        id=_article_id(name, body),
        text=body,
        body_start=start,
        path=path,
        title=title,
        source=_clean(meta.get("source")),
        published=published,
        url=_clean(meta.get("url")),
        language=language,
        problems=tuple(problems),
    )


def load_folder(folder: str | Path) -> tuple[list[Article], list[str]]:
    """Every article in a folder, and one message per file that could not be read."""
    articles, errors = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in SUFFIXES or path.name.startswith("."):
            continue
        try:
            articles.append(load_file(path))
        except ArticleError as error:
            errors.append(str(error))
    return articles, errors


def read_lines(lines: Iterable[str | bytes], *, name: str, path: str | None = None) -> Iterator[Article | ArticleError]:
    """Articles of a JSON Lines stream, one object a line with `text` and the metadata fields, plus an optional
    `id` (else the stream's name and the line number). A bad line yields an ArticleError naming the line and
    the others still load; blank lines are skipped."""
    stem = re.sub(r"[^\w-]+", "-", Path(name).stem).strip("-")[:60] or "lines"
    for number, line in enumerate(lines, 1):
        where = f"{name}, line {number}"
        if isinstance(line, bytes):
            try:
                line = _decode(line, name)[0]
            except ArticleError as error:
                yield ArticleError(f"{where}: {str(error).split(': ', 1)[-1]}")
                continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield ArticleError(f"{where}: not valid JSON ({error.msg})")
            continue
        except RecursionError:
            yield ArticleError(f"{where}: JSON nested too deeply to be an article")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            yield ArticleError(f"{where}: each line must be a JSON object with a 'text' field")
            continue
        ident = _clean(data.get("id"))
        try:
            article = load_text(data["text"], name=f"{stem}-{number}.txt", path=path,
                                **{k: data.get(k) for k in _FIELDS if k in data})
        except ArticleError as error:
            yield ArticleError(f"{where}: {str(error).split(': ', 1)[-1]}")
            continue
        yield replace(article, id=re.sub(r"[^\w.:-]+", "-", ident)[:120]) if ident else article


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 first: its little-endian BOM begins with UTF-16's
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The text of a file and, when it was not clean UTF-8, a note saying how it was read.

    UTF-16 and UTF-32 need their byte-order mark. Bytes that are not UTF-8 are read as Windows-1252 (a superset
    of Latin-1 in practice) unless they hold UTF-8 sequences too: then it is damaged UTF-8, and only the broken
    bytes are replaced. NUL characters mean binary data, never text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text, note = data.decode(encoding), None
            except UnicodeDecodeError as error:
                raise ArticleError(f"{name}: not valid {encoding.upper()} text despite its byte-order mark "
                                   f"({error.reason} at byte {error.start:,})") from None
            break
    else:
        try:
            text, note = data.decode("utf-8-sig"), None
        except UnicodeDecodeError as error:
            if _UTF8_SEQUENCE.search(data):
                text = data.decode("utf-8-sig", errors="replace")
                note = f"not valid UTF-8 (first at byte {error.start:,}): undecodable bytes replaced by \ufffd"
            else:
                text = data.decode("cp1252", errors="replace")
                note = "not UTF-8: read as Windows-1252 (Latin-1)"
    if "\x00" in text:
        raise ArticleError(f"{name}: binary data, not text")
    return text, note


_LONGEST_FRONT_MATTER = 20_000


def _front_matter(text: str, name: str) -> tuple[dict, int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    if match.end(1) - match.start(1) > _LONGEST_FRONT_MATTER:  # PyYAML reads some 50 KB a second
        raise ArticleError(f"{name}: front matter too long ({match.end(1) - match.start(1):,} characters; metadata "
                           f"fields fit in {_LONGEST_FRONT_MATTER:,})")
    try:
        # BaseLoader: every value a plain string, no tags acted on, no date conversion that could fail.
        meta = yaml.load(match.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        raise ArticleError(f"{name}: front matter is not valid YAML ({_first_line(error)})") from error
    except RecursionError:
        raise ArticleError(f"{name}: front matter is nested too deeply to be metadata") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(f"{name}: front matter must be a mapping of fields, e.g. 'title: ...'")
    return {k: meta.get(k) for k in _FIELDS if k in meta}, match.end()


def _from_json(text: str, name: str) -> tuple[str, dict, int]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleError(f"{name}: not valid JSON ({error.msg}, line {error.lineno})") from error
    except RecursionError:
        raise ArticleError(f"{name}: JSON nested too deeply to be an article") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ArticleError(f"{name}: JSON must be an object with a 'text' field")
    return data["text"], {k: data.get(k) for k in _FIELDS if k in data}, 0


def _tame_html(text: str) -> str:
    """The page with the constructs html.parser rescans to the end of the text, once each, taken out.

    A markup opening that is never closed ("<!--" with no "-->" after it, "<" with no ">" after it) makes the
    parser search the rest of the page, fail and step on: thousands of them take minutes (quadratic). Browsers
    treat them so: an unclosed comment hides the rest of the page; a "<" that no ">" follows is text.
    Marked sections ("<![CDATA[") are text too: the parser raises on ones it does not know.
    """
    last_close = text.rfind("-->")
    unclosed = text.find("<!--", last_close + 3 if last_close >= 0 else 0)
    if unclosed >= 0:
        text = text[:unclosed]
    last_gt = text.rfind(">")
    if last_gt < 0:
        return text.replace("<", "&lt;")
    text = text[:last_gt] + text[last_gt:].replace("<", "&lt;")
    return text.replace("<![", "&lt;![")


class _PageText(HTMLParser):
    """Visible text of a page and its metadata; scripts and styles dropped."""

    _SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer"}
    _BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "article", "section", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skipping: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            content = values.get("content")
            if content:
                self.meta.setdefault(key, content)
        if tag == "title":
            self._in_title = True
        if tag == "body" and "head" in self._skipping:  # </head> is optional: the body ends the head
            del self._skipping[self._skipping.index("head"):]
        if tag in self._SKIP:
            self._skipping.append(tag)
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self._skipping:  # also closes skipped elements left open inside it (<nav><footer></nav>)
            del self._skipping[len(self._skipping) - 1 - self._skipping[::-1].index(tag):]
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.meta.setdefault("title", data.strip())
        elif not self._skipping:
            self.parts.append(data)


def _from_html(text: str, name: str) -> tuple[str, dict, int]:
    page = _PageText()
    try:
        page.feed(_tame_html(text))
        page.close()
    except Exception as error:  # html.parser raises AssertionError on some marked sections
        raise ArticleError(f"{name}: HTML that cannot be read ({type(error).__name__}: {_first_line(error)})") \
            from None
    body = re.sub(r"[ \t]+", " ", "".join(page.parts))
    # Blank-line separated paragraphs. Not re.sub(r"\s*\n\s*"): on a long run of other white space (form feeds,
    # ideographic spaces) with no newline that backtracks quadratically.
    body = "\n\n".join(line for line in (part.strip() for part in body.split("\n")) if line)
    m = page.meta
    meta = {
        "title": m.get("og:title") or m.get("title"),
        "source": m.get("og:site_name") or m.get("author"),
        "published": m.get("article:published_time") or m.get("date") or m.get("pubdate"),
        "url": m.get("og:url"),
        "language": None,
    }
    return body, meta, 0


def _published(value: object, name: str, problems: list[str]) -> date | None:
    if value in (None, ""):
        problems.append("no publication date: relative dates are left unresolved")
        return None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = str(value).strip()
        parsed = parse_date(text) if len(text) <= _LONGEST_DATE else None  # no date reads like a paragraph
        if parsed is None:
            problems.append(f"publication date {text[:40]!r} is not a readable date: relative dates are left "
                            "unresolved")
    if parsed is not None and parsed > date.today() + timedelta(days=1):  # a day's grace for time zones
        problems.append(f"publication date {parsed.isoformat()} is in the future: relative dates are resolved "
                        "against it; check it")
    return parsed


_LONGEST_DATE = 64


_ENGLISH = frozenset("the of and to in a is that for on was with said as by at from it has have were be are "
                     "will after its an he she they their not".split())
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _not_english(body: str, language: str | None) -> str | None:
    """Why the text seems not to be English (its declared language, its script, its words), or None."""
    if language and not re.match(r"en\b|eng\b|english\b", language, re.IGNORECASE):
        return f"the article's language is {language!r}"
    sample = body[:20_000]
    letters = _LETTER.findall(sample)
    if len(letters) < 20:
        return None  # too short to tell
    latin = sum(1 for c in letters if c < "\u0250")
    if latin < len(letters) / 2:
        return "the text is mostly in a non-Latin script"
    words = _WORD.findall(sample)
    if len(words) >= 40 and sum(w.lower() in _ENGLISH for w in words) < len(words) * 0.06:
        return "the text does not read as English"
    return None


def _headline(body: str) -> str | None:
    """The first line, when it reads like a headline (short, no full stop)."""
    first = body.strip().split("\n", 1)[0].strip()
    if 0 < len(first.split()) <= 16 and not first.endswith((".", "”", '"')):
        return first
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, (str, int, float)):
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text[:300] or None


def _article_id(name: str, body: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", Path(name).stem).strip("-")[:60] or "article"
    if stem in ("article", "pasted"):
        stem += "-" + hashlib.sha1(body.encode("utf-8", "replace")).hexdigest()[:10]
    return stem


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:120]
