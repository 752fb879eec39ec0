"""Opening the store file: SQLite in WAL mode, migrated, with clear errors for a damaged file.

WAL lets the dashboard read while an ingest writes; `synchronous=NORMAL`
keeps every committed transaction through a crash of the process (only a
power cut can lose the last few, never corrupt the file).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import schema

DEFAULT_PATH = "chronomap.db"
BUSY_TIMEOUT_MS = 60_000


class StoreError(RuntimeError):
    """The store file cannot be used; the message names the file and what to do."""


def recovery_advice(path: Path) -> str:
    return (f"Move it aside and rebuild it from the articles (chronomap ingest --store {path} ARTICLES...), "
            f"or salvage what is readable with: sqlite3 {path} .recover | sqlite3 recovered.db "
            "(see README, 'Recovering a damaged store').")


def store_error(path: Path, error: sqlite3.Error) -> StoreError:
    """What an SQLite error met while using the store means, in one line naming the file and the way out."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_FULL") or "disk is full" in str(error):
        return StoreError(f"{path}: disk full ({error}); every article and correction saved before is kept. "
                          "Free some space (or choose a store on another disk with --store) and run the same "
                          "command again")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(f"{path}: the store is busy ({error}); another process holds it: try again")
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN")):
        return StoreError(f"{path}: cannot be written or opened ({error}); check the file's and its folder's "
                          "permissions")
    return StoreError(f"{path}: not a readable Chronomap store ({error}). {recovery_advice(path)}")


@dataclass
class Store:
    """An open store: its path and connection. Use the functions of `store`, not the connection."""

    path: Path
    db: sqlite3.Connection
    readonly: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def default_path() -> Path:
    return Path(os.environ.get("CHRONOMAP_STORE") or DEFAULT_PATH)


def open_store(path: str | os.PathLike | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at `path`, default $CHRONOMAP_STORE or chronomap.db.

    `readonly` opens an existing file for reading only (the dashboard); it never migrates or writes.
    """
    path = Path(path) if path is not None else default_path()
    if readonly and not path.exists():
        raise StoreError(f"{path}: no such store. Create it with: chronomap ingest --store {path} ARTICLES...")
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store file")
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        found = schema.version(db)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a readable Chronomap store ({error}). {recovery_advice(path)}") from error
    if found == 0 and tables:
        db.close()
        raise StoreError(f"{path}: an SQLite file but not a Chronomap store (tables: {', '.join(sorted(tables))}); "
                         "choose another --store path")
    if found > schema.LATEST:
        db.close()
        raise StoreError(f"{path}: made by a newer Chronomap (schema version {found}, this one knows up to "
                         f"{schema.LATEST}); upgrade Chronomap to read it")
    if readonly and found < schema.LATEST:
        db.close()
        raise StoreError(f"{path}: schema version {found} is older than {schema.LATEST}; open it once for writing "
                         "(e.g. chronomap ingest --store PATH with no new articles) to migrate it")
    if not readonly:
        try:
            schema.migrate(db)
        except sqlite3.DatabaseError as error:
            db.close()
            if getattr(error, "sqlite_errorname", "").startswith("SQLITE_FULL"):
                raise store_error(path, error) from error
            raise StoreError(f"{path}: could not migrate the store ({error}). {recovery_advice(path)}") from error
    try:
        altered = schema.missing(db)
    except sqlite3.DatabaseError as error:
        db.close()
        raise store_error(path, error) from error
    if altered:
        db.close()
        raise StoreError(f"{path}: a Chronomap store with tables missing or altered ({', '.join(altered)}). "
                         f"{recovery_advice(path)}")
    return Store(path, db, readonly)


def check(store: Store) -> list[str]:
    """SQLite's full integrity check: an empty list when the file is sound (reads every page: slow on big files)."""
    try:
        rows = [r[0] for r in store.db.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [f"{store.path}: {error}. {recovery_advice(store.path)}"]
    return [] if rows == ["ok"] else [f"{store.path}: {r}" for r in rows] + [recovery_advice(store.path)]


@contextmanager
def transaction(store: Store) -> Iterator[sqlite3.Connection]:
    """One atomic write: all of it is in the file afterwards, or none of it."""
    if store.readonly:
        raise StoreError(f"{store.path}: opened read-only")
    db = store.db
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        _rollback(db)
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.Error:  # e.g. a full disk: the transaction may still be open and must not linger
        _rollback(db)
        raise


def _rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (it rolls back by itself on a full disk, for
    one): the error that brought us here is the one to report, never a failed ROLLBACK."""
    if db.in_transaction:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def bump_generation(db: sqlite3.Connection) -> None:
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
