import sqlite3

import pytest

import store

from .conftest import synthetic


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
