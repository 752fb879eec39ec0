"""Adding articles from the page: uploads and pasted text become files in the corpus folder.

Plain functions, tested without Streamlit. A file is checked by the same
reader the corpus uses before it is written, so nothing unreadable enters
the folder; names are reduced to a safe base name, so no upload can write
outside it or replace an article already there.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from extract.articles import MAX_BYTES, SUFFIXES, ArticleError, load_bytes
from extract.records import Article

UPLOAD_TYPES = sorted(s.lstrip(".") for s in SUFFIXES)


def safe_path(name: str, folder: Path) -> Path:
    """A new file in `folder` for an uploaded `name`: base name only, tame characters, never an existing file."""
    base = Path(name.replace("\\", "/")).name
    stem = re.sub(r"[^\w.-]+", "-", Path(base).stem, flags=re.ASCII).strip(".-")[:80] or "article"
    suffix = Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(f"{base or name!r}: not an article file (allowed: {', '.join(UPLOAD_TYPES)})")
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def read_upload(name: str, data: bytes) -> Article:
    """An uploaded file as an article, checked as the corpus reader checks files."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_BYTES / 1e6:.0f} MB limit")
    base = Path(name.replace("\\", "/")).name
    if Path(base).suffix.lower() not in SUFFIXES:
        raise ArticleError(f"{base or name!r}: not an article file (allowed: {', '.join(UPLOAD_TYPES)})")
    return load_bytes(data, name=base)  # raises ArticleError with a one-line reason


def save_upload(name: str, data: bytes, folder: Path) -> Path:
    """Write an uploaded file into the corpus after checking that it reads as an article."""
    read_upload(name, data)
    path = safe_path(name, folder)
    path.write_bytes(data)
    return path


def pasted_markdown(text: str, *, title: str = "", source: str = "", published: date | None = None,
                    url: str = "") -> str:
    """A Markdown article with YAML front matter from pasted text and the metadata typed beside it."""
    if not text.strip():
        raise ArticleError("the pasted text is empty")
    meta = {k: v for k, v in {"title": title.strip(), "source": source.strip(),
                              "published": published.isoformat() if published else "",
                              "url": url.strip()}.items() if v}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
    return f"---\n{front}---\n{text.strip()}\n"


def paste_upload(text: str, **metadata) -> tuple[str, bytes]:
    """A pasted article as the file it becomes: a name from its title, Markdown with front matter."""
    title = metadata.get("title") or (text.strip().splitlines()[0][:60] if text.strip() else "pasted")
    return f"{title}.md", pasted_markdown(text, **metadata).encode("utf-8")


def save_paste(text: str, folder: Path, **metadata) -> Path:
    return save_upload(*paste_upload(text, **metadata), folder)
