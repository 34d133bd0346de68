"""Opening a database: SQLite set up on every connection, PostgreSQL by URL, one Session per action.

``open_database`` checks the file or server, upgrades the schema (after a backup), and returns a
``Database`` whose ``transaction()`` is the only way the rest of the product writes: it commits
at the end of one user action, rolls back on any error, and turns a stale save into a
``ConflictError``.
"""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db.alike_names import has_unmatched, install_alike_names, match_unmatched
from app.db.audit import install_audit
from app.db.damage import damage_text, damaged
from app.db.location import describe, sqlite_path, to_url
from app.db.snapshot import READ_ONLY
from app.db.write_turn import take_turn
from app.domain.errors import ConflictError, DatabaseUnavailableError
from app.domain.progress import CancelledByUser

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

STALE_MESSAGE = (
    "This record was changed by someone else since you opened it. Reload it to see their "
    "changes, or apply yours again on top of them."
)


@dataclass
class Database:
    """An open database: its engine, where it is, and sessions for one user action each."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    actor: str
    #: Told once when a transaction waits for another program's write (the command line
    #: prints it); how long a transaction without a Cancel waits before it is refused.
    waiting: Callable[[bool], None] | None = field(default=None, repr=False)
    patience_s: float = BUSY_TIMEOUT_MS / 1000
    #: The window's own wait (``app.ui.write_wait``): asked as a transaction without a Cancel
    #: of its own begins, it gives a ``cancelled`` for one begun on the window's thread (which
    #: keeps the window painting and answers the person's Cancel, however long the wait), and
    #: None elsewhere.
    window_wait: Callable[[], Callable[[], bool] | None] | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return describe(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def transaction(
        self,
        *,
        bulk: bool = False,
        waiting: Callable[[bool], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[Session]:
        """One user action: commit when the block ends, roll back if it raises.

        It begins as the database's one writer (``app.db.write_turn``): ``bulk`` for an import
        or the demo data; ``waiting(True)`` is told when another program has the turn and
        ``waiting(False)`` when it comes; with a
        ``cancelled`` the wait lasts until the user cancels, without it ``patience_s``.
        """
        session = self.sessions()
        session.info["actor"] = self.actor
        window = self.window_wait() if cancelled is None and self.window_wait else None
        try:
            try:
                take_turn(
                    session.connection(),
                    self.label,
                    bulk=bulk,
                    busy_timeout_ms=BUSY_TIMEOUT_MS,
                    waiting=waiting or self.waiting,
                    cancelled=cancelled or window,
                    patience_s=None if (cancelled or window) is not None else self.patience_s,
                )
            except CancelledByUser:
                if window is None:
                    raise
                raise DatabaseUnavailableError(
                    f"Nothing was saved: another program was still writing to {self.label} "
                    "when you stopped waiting. Save again once it has finished."
                ) from None
            yield session
            session.commit()
        except StaleDataError:
            session.rollback()
            raise ConflictError(STALE_MESSAGE) from None
        except OperationalError as exc:
            session.rollback()
            raise _operational_error(exc, self.label) from exc
        except BaseException as exc:
            session.rollback()
            self.raise_if_damaged(exc)
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look: nothing is committed; closing ends the transaction.

        Objects stay loaded (detached, not expired) after the block, which suits tests; the
        product itself returns frozen rows from services, never ORM objects.
        """
        session = self.sessions()
        session.info[READ_ONLY] = True
        try:
            yield session
        except BaseException as exc:
            self.raise_if_damaged(exc)
            raise
        finally:
            session.close()

    def raise_if_damaged(self, exc: BaseException) -> None:
        """Raise the one-line explanation if ``exc`` is SQLite finding this file damaged."""
        detail = damage_text(exc)
        if detail is not None and self.path is not None:
            raise damaged(self.path, detail) from None

    def dispose(self) -> None:
        self.engine.dispose()


def _operational_error(exc: OperationalError, where: str) -> DatabaseUnavailableError:
    text = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseUnavailableError(
            f"The database {where} is busy with another program; try again in a moment."
        )
    if "disk" in lowered and ("full" in lowered or "i/o" in lowered):
        return DatabaseUnavailableError(
            f"The disk holding {where} is full or failing; free some space and try again. "
            "Nothing was saved."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseUnavailableError(
            f"The database {where} is read-only; choose a file in a folder you can write to."
        )
    return DatabaseUnavailableError(f"The database {where} could not be used: {text}")


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _use_wal(engine: Engine) -> None:
    """Write-ahead logging: readers never block the writer. It is a property of the file, so it
    is switched on once, only after the file proved to be ours (it rewrites the file header)."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def check_sqlite_file(path: Path) -> None:
    """Refuse, before touching it, a file that is not SQLite or a folder we cannot write to."""
    if path.is_dir():
        raise DatabaseUnavailableError(f"{path} is a folder; give the path of a database file.")
    if path.exists() and not path.is_file():
        raise DatabaseUnavailableError(
            f"{path} is not a file (a device, a pipe or a socket); give the path of a database "
            "file."
        )
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseUnavailableError(f"{path} cannot be read: check its permissions.")
        if path.stat().st_size > 0:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_MAGIC))
            if header != SQLITE_MAGIC:
                raise DatabaseUnavailableError(
                    f"{path} is not a Channel Desk database (not an SQLite file): "
                    "open another file, or give a new file name to start one."
                )
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise DatabaseUnavailableError(
                f"{path} is read-only (the file or its folder): copy it to a folder you can "
                "write to and open the copy."
            )
        return
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailableError(
                f"Cannot create the folder {folder} ({exc.strerror}): choose another place."
            ) from None
    if not os.access(folder, os.W_OK):
        raise DatabaseUnavailableError(
            f"Cannot create a database in {folder}: the folder is read-only. Choose another place."
        )
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as exc:
        raise DatabaseUnavailableError(
            f"Cannot create {path} ({exc.strerror}): choose another place."
        ) from None
    os.close(fd)


def make_engine(url: URL) -> Engine:
    """An engine for ``url``, with SQLite's per-connection set-up installed."""
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            check_sqlite_file(path)
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10},
        hide_parameters=True,  # a failed statement's values (names, addresses) stay out of logs
    )


def probe(engine: Engine, label: str) -> None:
    """Connect once, so an unreachable server or a broken file is reported in one line now.

    On SQLite the list of tables is read too: a file cut short or holding only its header
    fails there, before anything else reads it."""
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
            else:
                connection.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:  # also a driver refusing the address (an unknown URL option)
        if damage_text(exc) is not None:
            raise  # open_database names the file and its backup
        orig = exc.orig
        text = str(orig).strip().splitlines()[0] if orig else str(exc)
        if isinstance(orig, sqlite3.DatabaseError) and "not a database" in text:
            raise DatabaseUnavailableError(
                f"{label} is not a Channel Desk database (not an SQLite file): open another file."
            ) from None
        raise DatabaseUnavailableError(
            f"Cannot reach the database {label}: {text}. Check the address and that the "
            "server is running."
        ) from None


def open_database(
    path_or_url: str | os.PathLike[str] | None = None,
    *,
    migrate: bool = True,
    actor: str | None = None,
) -> Database:
    """Open (creating a SQLite file if needed), check, and upgrade the database."""
    from app.db.migrate import upgrade  # late: Alembic is only needed when opening

    url = to_url(path_or_url)
    engine = make_engine(url)
    label = describe(url)
    path = sqlite_path(url)
    try:
        probe(engine, label)
        if migrate:
            upgrade(engine, url)
        if migrate and url.get_backend_name() == "sqlite":
            _use_wal(engine)
    except BaseException as exc:
        engine.dispose()
        detail = damage_text(exc)
        if detail is not None and path is not None:
            raise damaged(path, detail) from None
        raise
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    install_audit(sessions)
    install_alike_names(sessions)
    database = Database(url=url, engine=engine, sessions=sessions, actor=actor or _who())
    if migrate:
        try:
            with database.reading() as session:  # opening waits for no writer when it can
                pending = has_unmatched(session)
            if pending:
                with database.transaction() as session:  # accounts an upgrade left unmatched
                    match_unmatched(session)  # (a damaged file is explained by transaction())
        except BaseException:
            engine.dispose()
            raise
    return database


def _who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some containers: fall back to a neutral one
        return "unknown"
