"""Gold files: JSON Lines, one annotated document a line; a line that cannot be read is named by number."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def read_jsonl(path: str | Path, document: Callable[[dict], T]) -> list[T]:
    """`document` makes one record of a line's object; blank lines are skipped."""
    documents = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                documents.append(document(json.loads(line)))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"line {number}: {error}") from None
    return documents
