import sqlite3

import pytest

import store
from store import schema


def test_a_new_store_is_at_the_latest_version(store_path):
    with store.open(store_path) as s:
        assert schema.version(s.db) == schema.LATEST
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_old_version_file_is_migrated_and_keeps_its_data(store_path, bundled):
    db = sqlite3.connect(store_path, isolation_level=None)
    assert schema.migrate(db, upto=1) == [1]
    db.execute("INSERT INTO corrections (article_id, kind, start, \"end\", text, value) "
               "VALUES ('a', 'stance', 0, 5, 'Russia', 'disputed')")
    db.close()
    with store.open(store_path) as s:
        assert schema.version(s.db) == schema.LATEST
        assert [v for (v,) in s.db.execute("SELECT version FROM schema_version ORDER BY version")] == \
            list(range(1, schema.LATEST + 1))
        assert [c.value for c in store.corrections(s).values()] == ["disputed"]
        report = store.ingest(s, bundled[:1])
        assert report.new == 1 and report.events == len(store.events(s)) > 0


def test_a_failing_migration_leaves_the_file_at_its_old_version(store_path, monkeypatch):
    db = sqlite3.connect(store_path, isolation_level=None)
    schema.migrate(db, upto=1)

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(db, upto=2)
    assert schema.version(db) == 1
    assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()


def test_a_store_from_a_newer_chronomap_is_refused(store_path):
    store.open(store_path).close()
    db = sqlite3.connect(store_path)
    db.execute("INSERT INTO schema_version VALUES (?, 'later')", (schema.LATEST + 1,))
    db.commit()
    db.close()
    with pytest.raises(store.StoreError, match="newer Chronomap"):
        store.open(store_path)


def test_another_sqlite_file_is_not_taken_for_a_store(store_path):
    db = sqlite3.connect(store_path)
    db.execute("CREATE TABLE invoices (n)")
    db.commit()
    db.close()
    with pytest.raises(store.StoreError, match="not a Chronomap store"):
        store.open(store_path)
