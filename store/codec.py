"""Extraction records to JSON and back, losslessly.

The store keeps what `extract/records.py` produces as JSON text: readable
with any SQLite client, independent of Python's pickle (a store outlives the
code that wrote it). Fields left at their default are omitted, so the text
stays small and a field added later to a record (with a default) still reads
old rows; a field the code no longer knows is dropped on reading.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Collection
from datetime import date
from functools import cache
from typing import Any

from extract.records import Article, EventMention, PlaceMention, PlaceRole, Span, TimeExpr

_RECORDS = {cls.__name__: cls for cls in (Article, Span, TimeExpr, PlaceMention, PlaceRole, EventMention)}


@cache
def _fields(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(name, how to decode, default) per field: 'date', 'tuple', a record class name, or 'plain'."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        text = str(hints[f.name])
        if "datetime.date" in text:
            how = "date"
        elif "PlaceRole" in text:
            how = "roles"
        elif hints[f.name] is Span:
            how = "span"
        elif hints[f.name] is PlaceMention:
            how = "place"
        elif text.startswith("tuple"):
            how = "tuple"
        else:
            how = "plain"
        default = f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING
        out.append((f.name, how, default))
    return tuple(out)


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict, defaults left out."""
    out: dict[str, Any] = {}
    for name, how, default in _fields(type(record)):
        value = getattr(record, name)
        if default is not dataclasses.MISSING and value == default:
            continue
        if value is None:
            out[name] = None
        elif how == "date":
            out[name] = value.isoformat()
        elif how == "roles":
            out[name] = [{"role": r.role, "place": to_dict(r.place)} for r in value]
        elif how in ("span", "place"):
            out[name] = to_dict(value)
        elif how == "tuple":
            out[name] = list(value)
        else:
            out[name] = value
    return out


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """The record of class `cls` that `to_dict` gave `data` (fields it does not know are dropped)."""
    decoders = _decoders(cls)
    kwargs = {}
    for name, value in data.items():
        how = decoders.get(name, _UNKNOWN)
        if how is _UNKNOWN:
            continue
        kwargs[name] = value if how is None or value is None else how(value)
    return cls(**kwargs)


_UNKNOWN = object()


@cache
def _decoders(cls: type) -> dict[str, Any]:
    """Per field, the function that turns its JSON value back (None: taken as it is)."""
    def roles(value):
        return tuple(PlaceRole(r["role"], from_dict(PlaceMention, r["place"])) for r in value)

    table = {"date": date.fromisoformat, "roles": roles, "span": lambda v: Span(v["start"], v["end"], v["text"]),
             "place": lambda v: from_dict(PlaceMention, v), "tuple": tuple, "plain": None}
    return {name: table[how] for name, how, _default in _fields(cls)}


def dumps(records: list[Any]) -> str:
    return json.dumps([to_dict(r) for r in records], ensure_ascii=False, separators=(",", ":"))


def loads(cls: type, text: str | None, only: Collection[int] | None = None) -> list[Any]:
    """The records of `text`; with `only`, just those at these positions and None elsewhere (a few mentions of
    a long article read back: JSON parsing is cheap, making records is not)."""
    if not text:
        return []
    if only is None:
        return [from_dict(cls, d) for d in json.loads(text)]
    return [from_dict(cls, d) if i in only else None for i, d in enumerate(json.loads(text))]


def article_metadata(article: Article) -> dict[str, Any]:
    """Everything of an article but its id and text: the store's `metadata` column."""
    data = to_dict(article)
    data.pop("id", None)
    data.pop("text", None)
    return data


def article_from(article_id: str, text: str, metadata: dict[str, Any]) -> Article:
    return from_dict(Article, {**metadata, "id": article_id, "text": text})
