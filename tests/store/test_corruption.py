import sqlite3

import pytest

import store
import store.db

from .conftest import DAMAGES, WAY_OUT, damage, synthetic


def test_a_file_that_is_not_a_database_is_named_with_how_to_recover(store_path):
    store_path.write_bytes(b"this is not SQLite at all, just some bytes " * 200)
    with pytest.raises(store.StoreError) as caught:
        store.open(store_path)
    message = str(caught.value)
    assert str(store_path) in message and "not a readable Chronomap store" in message
    assert ".recover" in message and "chronomap ingest" in message


def test_damaged_pages_are_found_by_the_check(store_path, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, [synthetic(n) for n in ("caspian", "aleppo", "geneva")], gazetteer=gazetteer)
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = s.db.execute("PRAGMA page_size").fetchone()[0]
        pages = s.db.execute("PRAGMA page_count").fetchone()[0]
    assert pages > 3
    data = bytearray(store_path.read_bytes())
    for page in range(2, pages):  # keep the header page: the damage is inside the file
        start = page * page_size
        data[start + 8:start + 200] = b"\xff" * 192
    store_path.write_bytes(bytes(data))
    try:
        with store.open(store_path) as s:
            problems = store.check(s)
        assert problems and str(store_path) in problems[0] and ".recover" in problems[-1]
    except store.StoreError as error:  # the damage may already be seen on opening
        assert str(store_path) in str(error) and ".recover" in str(error)


def test_a_readonly_open_of_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(store.StoreError, match="chronomap ingest --store"):
        store.open(tmp_path / "missing.db", readonly=True)


def test_readers_are_not_blocked_by_a_writer(store_path, gazetteer):
    with store.open(store_path) as s:
        store.ingest(s, [synthetic("caspian")], gazetteer=gazetteer)
        s.db.execute("BEGIN IMMEDIATE")
        s.db.execute("DELETE FROM events")
        reader = sqlite3.connect(store_path, timeout=0.1)
        assert reader.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        reader.close()
        s.db.execute("ROLLBACK")


@pytest.mark.parametrize("kind", DAMAGES)
def test_every_kind_of_damage_is_named_with_its_way_out_on_first_use(kind, sound_store, tmp_path, gazetteer):
    """Opening, reading, ingesting into or checking a damaged store: a StoreError naming the file and the way
    out, or (damage in pages the operation never reads) a correct answer: never a raw SQLite error."""
    path = damage(sound_store, tmp_path / f"{kind}.db", kind)
    said = []
    for operation in (lambda s: store.events(s), lambda s: store.check(s) and said.append(store.check(s)[-1]),
                      lambda s: store.ingest(s, [synthetic("caspian")], gazetteer=gazetteer, force=True)):
        try:
            with store.open(path) as s:
                operation(s)
        except store.StoreError as error:
            said.append(str(error))
        except sqlite3.Error as error:  # met past the opening: the callers (CLI, dashboard) translate it
            said.append(str(store.db.store_error(path, error)))
    assert said, f"{kind}: the damage went unnoticed"
    for message in said:
        assert str(path) in message and WAY_OUT[kind] in message, message
        assert "\n" not in message


def test_a_store_missing_a_column_is_refused(sound_store, tmp_path):
    path = tmp_path / "altered.db"
    path.write_bytes(sound_store.read_bytes())
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE corrections DROP COLUMN note")
    db.commit()
    db.close()
    with pytest.raises(store.StoreError, match=r"missing or altered \(corrections\.note\)"):
        store.open(path, readonly=True)
