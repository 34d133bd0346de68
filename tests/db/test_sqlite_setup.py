"""Every SQLite connection is set up alike: foreign keys, WAL, a busy timeout."""

from __future__ import annotations

from app.db.engine import BUSY_TIMEOUT_MS, Database


def test_pragmas_on_every_connection(sqlite_db: Database) -> None:
    for _ in range(3):
        with sqlite_db.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        sqlite_db.engine.dispose()  # the next connection is a new one
