"""Adding articles from the page: uploads and pasted text become files in the corpus folder.

Plain functions, tested without Streamlit. A file is checked by the same
reader the corpus uses before it is written, so nothing unreadable enters
the folder; names are reduced to a safe base name, so no upload can write
outside it or replace an article already there. Every refusal is an
ArticleError of one line that starts with the upload's name, made printable.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import yaml

from extract.articles import MAX_BYTES, SUFFIXES, ArticleError, load_bytes
from extract.records import Article

UPLOAD_TYPES = sorted(s.lstrip(".") for s in SUFFIXES)
_LONGEST_NAME = 80


def base_name(name: str) -> str:
    """The upload's file name as the messages show it: no folders (POSIX or Windows, drive letters), no control
    characters, at most 80 characters (the end kept, where the suffix is)."""
    base = re.split(r"[\\/]", name.replace("\x00", ""))[-1]
    base = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", base).strip()
    base = re.sub(r"^[A-Za-z]:", "", base)  # "C:evil.md", a drive-relative Windows path
    return base if len(base) <= _LONGEST_NAME else "…" + base[-(_LONGEST_NAME - 1):]


def _suffix(base: str) -> str:
    suffix = Path(base).suffix.lower()
    if suffix not in SUFFIXES or Path(base).stem.strip(".") == "":
        raise ArticleError(f"{base or 'a file without a name'}: not an article file (allowed: "
                           f"{', '.join(UPLOAD_TYPES)})")
    return suffix


def safe_path(name: str, folder: Path) -> Path:
    """A new file in `folder` for an uploaded `name`: base name only, tame characters, never an existing file."""
    base = base_name(name)
    suffix = _suffix(base)
    stem = re.sub(r"[^\w.-]+", "-", Path(base).stem, flags=re.ASCII).strip(".-")[:_LONGEST_NAME] or "article"
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while os.path.lexists(candidate):  # a dangling link counts: writing through it would leave the folder
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    if candidate.parent.resolve() != folder.resolve():  # cannot happen with the stem above; checked all the same
        raise ArticleError(f"{base}: not a name for a file in the corpus folder")
    return candidate


def read_upload(name: str, data: bytes) -> Article:
    """An uploaded file as an article, checked as the corpus reader checks files."""
    base = base_name(name)
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{base or 'upload'}: {len(data) / 1e6:.1f} MB is over the {MAX_BYTES / 1e6:.0f} MB "
                           "limit")
    _suffix(base)
    return load_bytes(data, name=base)  # raises ArticleError with a one-line reason


def save_upload(name: str, data: bytes, folder: Path) -> Path:
    """Write an uploaded file into the corpus after checking that it reads as an article.

    The file is created, never opened if it exists (O_EXCL, no link followed), so two uploads of one name at
    once both land; a write that fails (a full disk) leaves no partial file behind.
    """
    read_upload(name, data)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        path = safe_path(name, folder)
        try:
            handle = os.open(path, flags, 0o644)
        except FileExistsError:
            continue
        except OSError as error:
            raise ArticleError(f"{base_name(name)}: could not be saved ({error.strerror or error})") from None
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        except OSError as error:
            path.unlink(missing_ok=True)
            raise ArticleError(f"{base_name(name)}: could not be saved ({error.strerror or error})") from None
        return path
    raise ArticleError(f"{base_name(name)}: could not be saved (too many files of that name)")


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
