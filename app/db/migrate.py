"""Schema upgrades with Alembic, configured in code (no alembic.ini to lose or mis-edit).

At every start the database is brought to the newest schema. A SQLite file that already holds
data is first copied to ``backups/`` beside it. A database written by a newer Channel Desk, or a
SQLite file of some other program, is refused and left exactly as it was.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

from app.db.backup import automatic_backup
from app.db.damage import damaged
from app.db.location import describe, sqlite_path
from app.domain.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, url: URL) -> None:
    """Bring the schema to the head revision, after a backup when there is data to protect."""
    if _already_at_head(engine):
        return  # the usual start: Alembic (a third of a second to import) is not needed
    from alembic import command
    from alembic.script import ScriptDirectory

    label = describe(url)
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        _one_version(connection, tables, url)
        current = current_revision(connection)
    if current == head:
        return
    if current is not None and _unknown(script, current):
        raise DatabaseUnavailableError(
            f"{label} was written by a newer version of Channel Desk (schema {current}); "
            "update Channel Desk to open it."
        )
    if current is None and tables:
        raise DatabaseUnavailableError(
            f"{label} is a database of another program, not of Channel Desk: open another "
            "file, or give a new file name to start one."
        )
    path = sqlite_path(url)
    if current is not None and path is not None:
        copy = automatic_backup(path, f"before-{head}")
        log.info("upgrading %s from %s to %s; backup at %s", label, current, head, copy)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            with sqlite_migration(connection, label):
                command.upgrade(alembic_config(connection), "head")
        else:
            with connection.begin():  # PostgreSQL changes its schema inside a transaction
                command.upgrade(alembic_config(connection), "head")
    log.info("database %s is at schema %s", label, head)


@contextmanager
def sqlite_migration(connection: Connection, label: str) -> Iterator[None]:
    """Run the migrations inside as one SQLite transaction, with foreign keys off; commit only
    when no record is left referring to one that is gone.

    Python's SQLite driver starts no transaction before a change of schema, so each would be
    saved at once and a failing upgrade would leave the file half-changed (and unable to open):
    here the transaction is begun explicitly. Foreign keys are off because a migration in batch
    mode rebuilds a table by copying it and dropping the old one, and with them on that drop
    deletes every row that refers to it (ON DELETE CASCADE: all the lines of every quote).
    """
    driver = connection.connection.driver_connection
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or ignored
    connection.commit()
    before = _broken_references(connection)
    connection.commit()
    managed = driver.isolation_level  # type: ignore[union-attr]
    driver.isolation_level = None  # type: ignore[union-attr]  # BEGIN and COMMIT are ours
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield
        broken = _broken_references(connection) - before
        if broken:
            log.error("schema upgrade of %s left broken references: %s", label, sorted(broken)[:20])
            raise DatabaseUnavailableError(
                f"Upgrading {label} would leave {len(broken)} records referring to records that "
                "are gone, so nothing was changed. Please report this, with the log file."
            )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        driver.isolation_level = managed  # type: ignore[union-attr]
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def _broken_references(connection: Connection) -> set[tuple[object, ...]]:
    """Every (table, row, parent table, key) where a record refers to one that does not exist;
    a database may hold some from before, and only new ones stop an upgrade."""
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return {tuple(row) for row in rows}


def _one_version(connection: Connection, tables: set[str], url: URL) -> None:
    """Refuse a version table that does not hold exactly one revision: which schema the file
    has cannot be known, so no upgrade may run on it. A SQLite file is named with its newest
    backup, as any damaged file is."""
    if "alembic_version" not in tables:
        return
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    if len(rows) == 1 or (not rows and tables == {"alembic_version"}):
        return
    detail = f"its schema version table holds {len(rows)} rows instead of one"
    path = sqlite_path(url)
    if path is not None:
        raise damaged(path, detail)
    raise DatabaseUnavailableError(
        f"{describe(url)} is damaged ({detail}), so which version of Channel Desk wrote it "
        "cannot be told and nothing was changed. Restore it from a backup of the server."
    )


_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*"([^"]*)"', re.MULTILINE)


def _head_from_files() -> str | None:
    """The newest revision named in the migration files, read as text (one head expected)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for kind, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if kind == "revision" else parents).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _already_at_head(engine: Engine) -> bool:
    head = _head_from_files()
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return False  # no version table: a new file, or not ours; the full check decides
    return head is not None and [tuple(row) for row in stored] == [(head,)]


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except Exception:  # Alembic raises for revisions it has never heard of
        return True
