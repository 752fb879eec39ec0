"""Analysts' corrections in the store: kept apart from extractions, so re-ingesting never loses them.

Adding or removing one re-extracts its article (dates and places are
corrected before events are found, so only a new extraction is right) and
recomputes the events table; the correction and the new extraction are
written in one transaction.
"""

from __future__ import annotations

from dataclasses import astuple

from extract.corrections import Correction
from gazetteer import Gazetteer, default_gazetteer

from . import refresh as event_table
from .db import Store, bump_generation, transaction
from .engines import LocalEngine

_FIELDS = 'article_id, kind, start, "end", text, value, analyst, note, created'


def corrections(store: Store, article_id: str | None = None) -> dict[int, Correction]:
    """Stored corrections by id, oldest first; those of one article when `article_id` is given."""
    query = f"SELECT id, {_FIELDS} FROM corrections"
    rows = (store.db.execute(query + " WHERE article_id = ? ORDER BY id", (article_id,)) if article_id is not None
            else store.db.execute(query + " ORDER BY id"))
    return {row[0]: Correction(*row[1:]) for row in rows}


def corrections_by_article(store: Store) -> dict[str, list[Correction]]:
    out: dict[str, list[Correction]] = {}
    for c in corrections(store).values():
        out.setdefault(c.article_id, []).append(c)
    return out


def add_correction(store: Store, correction: Correction, gazetteer: Gazetteer | None = None) -> int:
    """Store `correction`, re-extract its article with it, recompute the events; the new correction's id."""
    gazetteer = gazetteer or default_gazetteer()
    mine = [*corrections(store, correction.article_id).values(), correction]
    encoded = _reextracted(store, correction.article_id, mine, gazetteer)
    with transaction(store) as db:
        cursor = db.execute(f"INSERT INTO corrections ({_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            astuple(correction))
        _put(db, encoded)
        bump_generation(db)
    if encoded is not None:
        event_table.refresh(store, gazetteer)
    return int(cursor.lastrowid)


def remove_correction(store: Store, correction_id: int, gazetteer: Gazetteer | None = None) -> bool:
    """Delete a correction and re-extract its article without it; False when there is no such id."""
    row = store.db.execute("SELECT article_id FROM corrections WHERE id = ?", (correction_id,)).fetchone()
    if row is None:
        return False
    gazetteer = gazetteer or default_gazetteer()
    rest = [c for i, c in corrections(store, row[0]).items() if i != correction_id]
    encoded = _reextracted(store, row[0], rest, gazetteer)
    with transaction(store) as db:
        db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
        _put(db, encoded)
        bump_generation(db)
    if encoded is not None:
        event_table.refresh(store, gazetteer)
    return True


def _reextracted(store: Store, article_id: str, mine: list[Correction], gazetteer: Gazetteer):
    from .read import articles

    stored = articles(store, [article_id])
    if not stored:
        return None  # a correction may arrive before its article; it is applied when the article is ingested
    return LocalEngine(gazetteer).map([(stored[0], tuple(mine))])[0]


def _put(db, encoded) -> None:
    if encoded is not None:
        from .incremental import put

        put(db, encoded)
