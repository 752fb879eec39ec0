from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.articles import load_folder, load_text

ROOT = Path(__file__).resolve().parents[2]

SYNTHETIC = {
    "caspian": ("Russia launched 26 cruise missiles from the Caspian Sea on Wednesday, the defence ministry said. "
                "Turkey denied that the missiles crossed its airspace.", date(2015, 10, 9), "Wire"),
    "aleppo": ("Syrian government forces struck rebel positions near Aleppo on Tuesday, state television said. "
               "Twelve people were killed, a monitoring group said.", date(2015, 10, 14), "Desk"),
    "geneva": ("Foreign ministers met in Geneva on Friday to discuss a ceasefire in Syria. "
               "They agreed to meet again next week.", date(2015, 10, 24), "Agency"),
}


def synthetic(name: str, text: str | None = None, **changes):
    body, published, source = SYNTHETIC[name]
    fields = {"source": source, "published": published, **changes}
    return load_text(text if text is not None else body, name=f"{name}.txt", **fields)


@pytest.fixture(scope="session")
def bundled():
    articles, problems = load_folder(ROOT / "data" / "articles")
    assert articles and not problems
    return articles


@pytest.fixture(scope="session")
def corpus_articles(bundled):
    return [*bundled, *(synthetic(name) for name in SYNTHETIC)]


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "chronomap.db"


DAMAGES = ("truncated", "garbage_inside", "not_sqlite", "wrong_schema", "missing_table", "newer_schema")


def damage(good: Path, path: Path, kind: str) -> Path:
    """A copy of the sound store `good` at `path`, damaged as `kind` says (one of DAMAGES)."""
    import shutil
    import sqlite3

    data = good.read_bytes()
    if kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "garbage_inside":  # the header page kept: SQLite opens it, then meets the damage
        middle = bytearray(data)
        middle[8192: len(data) - 4096] = bytes(range(256)) * ((len(data) - 12288) // 256)
        path.write_bytes(bytes(middle))
    elif kind == "not_sqlite":
        path.write_bytes(b"%PDF-1.7 this is a document, not a database\n" * 500)
    elif kind == "wrong_schema":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE invoices (number INTEGER, total REAL)")
        db.commit()
        db.close()
    else:
        shutil.copy(good, path)
        db = sqlite3.connect(path)
        if kind == "missing_table":
            db.execute("DROP TABLE events")
        else:  # newer_schema: a version this Chronomap does not know
            db.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00+00:00')")
        db.commit()
        db.close()
    return path


# What each damage's message must say as the way out.
WAY_OUT = {"truncated": ".recover", "garbage_inside": ".recover", "not_sqlite": ".recover",
           "wrong_schema": "choose another --store path", "missing_table": ".recover",
           "newer_schema": "upgrade Chronomap"}


def make_sound_store(path: Path, gazetteer) -> Path:
    """A small sound store (the bundled articles), checkpointed into one file: copy it, never write it."""
    import store

    articles, _ = load_folder(ROOT / "data" / "articles")
    with store.open(path) as s:
        store.ingest(s, articles, gazetteer=gazetteer)
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def sound_store(tmp_path_factory, gazetteer):
    return make_sound_store(tmp_path_factory.mktemp("sound") / "sound.db", gazetteer)
