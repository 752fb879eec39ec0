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


def save_upload(name: str, data: bytes, folder: Path) -> Path:
    """Write an uploaded file into the corpus after checking that it reads as an article."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_BYTES / 1e6:.0f} MB limit")
    path = safe_path(name, folder)
    load_bytes(data, name=path.name)  # raises ArticleError with a one-line reason
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


def save_paste(text: str, folder: Path, **metadata) -> Path:
    title = metadata.get("title") or (text.strip().splitlines()[0][:60] if text.strip() else "pasted")
    data = pasted_markdown(text, **metadata).encode("utf-8")
    return save_upload(f"{title}.md", data, folder)
