"""What `chronomap ingest` reads: files, folders, glob patterns and standard input, as articles.

A JSON Lines file is many articles and is read line by line, so an archive of
any size streams through without being held in memory.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract.articles import LINES_SUFFIXES, MAX_BYTES, SUFFIXES, ArticleError, load_bytes, load_file, read_lines
from extract.records import Article

READABLE = SUFFIXES | LINES_SUFFIXES
STDIN_FORMATS = ("jsonl", "json", "md", "txt", "html")


@dataclass
class Inputs:
    """The files an ingest will read (in order), whether standard input is one of them, and what matched nothing."""

    files: list[Path] = field(default_factory=list)
    stdin: bool = False
    missing: list[str] = field(default_factory=list)


def resolve(specs: list[str]) -> Inputs:
    """Each spec: '-' (standard input), a file, a folder (every article file under it) or a glob pattern."""
    inputs, seen = Inputs(), set()

    def add(path: Path) -> None:
        if path not in seen:
            seen.add(path)
            inputs.files.append(path)

    for spec in specs:
        path = Path(spec)
        if spec == "-":
            inputs.stdin = True
        elif path.is_dir():
            for found in sorted(p for p in path.rglob("*") if _article_file(p)):
                add(found)
        elif path.is_file():
            add(path)
        else:
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
            files = [p for p in matches if p.is_file() and _article_file(p)]
            for found in files:
                add(found)
            if not files:
                inputs.missing.append(spec)
    return inputs


def count(inputs: Inputs) -> int | None:
    """How many articles the files hold (a JSON Lines file: its non-blank lines); None with standard input."""
    if inputs.stdin:
        return None
    total = 0
    for path in inputs.files:
        if path.suffix.lower() in LINES_SUFFIXES:
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def read(inputs: Inputs, stdin_format: str = "jsonl") -> Iterator[Article | ArticleError]:
    """Every article in order; an unreadable file or line gives an ArticleError naming it, and reading goes on."""
    for path in inputs.files:
        if path.suffix.lower() in LINES_SUFFIXES:
            try:
                with path.open("rb") as handle:
                    yield from read_lines(handle, name=path.name, path=str(path))
            except OSError as error:
                yield ArticleError(f"{path}: cannot read ({error.strerror or error})")
            continue
        try:
            yield load_file(path)
        except ArticleError as error:
            yield error
    if inputs.stdin:
        if stdin_format == "jsonl":
            yield from read_lines(sys.stdin.buffer, name="stdin.jsonl")
        else:
            try:
                # One byte over the limit is enough to refuse it: never the whole of an endless stream in memory.
                yield load_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), name=f"stdin.{stdin_format}")
            except ArticleError as error:
                yield error


def _article_file(path: Path) -> bool:
    return path.suffix.lower() in READABLE and not path.name.startswith(".") and path.is_file()
