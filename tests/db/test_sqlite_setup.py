"""Every SQLite connection is set up alike: foreign keys, WAL, a busy timeout, a page cache."""

from __future__ import annotations

from app.db.engine import BUSY_TIMEOUT_MS, CACHE_KIB, Database


def test_pragmas_on_every_connection(sqlite_db: Database) -> None:
    for _ in range(3):
        with sqlite_db.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
            assert pragma("PRAGMA cache_size").scalar() == -CACHE_KIB
        sqlite_db.engine.dispose()  # the next connection is a new one
