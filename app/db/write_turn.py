"""One writer at a time: a second program that wants to write waits its turn, and says so.

SQLite lets one connection write at a time. Python's driver starts a transaction only at the
first INSERT or UPDATE, so an import used to read the stored records, then ask for the write
lock, and find another import had written the same partners meanwhile (a UNIQUE error, or new
rows that could not be matched to their ids). Here every transaction on a SQLite file begins
with ``BEGIN IMMEDIATE``: it takes the write lock before it reads anything, so what it read is
still true when it writes.

On PostgreSQL rows are locked one by one and small edits need nothing more; a bulk action (an
import, the demo data) takes a transaction-wide advisory lock, so two imports never interleave.

While the turn is another program's, ``waiting(True)`` is called once (the window shows
"waiting for another program…", the command line prints it) and ``waiting(False)`` when the turn
comes; ``cancelled()`` is asked between tries, and after ``patience_s`` seconds (None: until
cancelled) the action is refused in one line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from app.domain.errors import DatabaseUnavailableError
from app.domain.progress import CancelledByUser

log = logging.getLogger(__name__)

WAITING_TEXT = "Waiting for another program to finish writing to the database…"
#: How long one try waits inside SQLite before the loop looks at ``cancelled`` again: on the
#: window's thread, between two looks the window does not paint, so the slice is short.
SLICE_MS = 50
#: The advisory lock of bulk writers on PostgreSQL (any fixed number of ours).
BULK_LOCK_KEY = 0x43_44_42_4C  # "CDBL"


def take_turn(
    connection: Connection,
    label: str,
    *,
    bulk: bool,
    busy_timeout_ms: int,
    waiting: Callable[[bool], None] | None,
    cancelled: Callable[[], bool] | None,
    patience_s: float | None,
) -> None:
    """Begin the transaction of ``connection`` as the one writer (see the module's docstring)."""
    if connection.dialect.name == "sqlite":
        attempt = _sqlite_attempt(connection, busy_timeout_ms)
    elif bulk:
        attempt = _postgres_attempt(connection)
    else:
        return
    deadline = None if patience_s is None else time.monotonic() + patience_s
    told = False
    while not attempt():
        if not told:
            told = True
            log.info("waiting for another writer of %s", label)
            if waiting is not None:
                waiting(True)
        if cancelled is not None and cancelled():
            raise CancelledByUser()
        if deadline is not None and time.monotonic() >= deadline:
            raise DatabaseUnavailableError(
                f"The database {label} is busy with another program that is writing to it; "
                f"nothing was written. Try again when it has finished."
            )
    if told:
        log.info("the turn to write to %s came", label)
        if waiting is not None:
            waiting(False)


def _sqlite_attempt(connection: Connection, busy_timeout_ms: int) -> Callable[[], bool]:
    """A try at ``BEGIN IMMEDIATE``: at once the first time, then ``SLICE_MS`` inside SQLite."""
    driver = connection.connection.driver_connection
    tries = 0

    def attempt() -> bool:
        nonlocal tries
        if driver.in_transaction:  # type: ignore[union-attr]
            return True  # begun already by this session: the turn is ours
        wait_ms = 0 if tries == 0 else min(SLICE_MS, busy_timeout_ms)
        tries += 1
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return True
        except OperationalError as exc:
            text_ = str(exc.orig).lower()
            if "locked" in text_ or "busy" in text_:
                return False
            raise
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")

    return attempt


def _postgres_attempt(connection: Connection) -> Callable[[], bool]:
    statement = text("SELECT pg_try_advisory_xact_lock(:key)")

    def attempt() -> bool:
        if connection.execute(statement, {"key": BULK_LOCK_KEY}).scalar():
            return True
        time.sleep(SLICE_MS / 1000)
        return False

    return attempt
