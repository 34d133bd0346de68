"""Databases made once per test run and copied for each test that needs one.

Migrating a new SQLite file takes a third of a second or more and filling the demo data two
seconds or more, while copying a finished file takes milliseconds: hundreds of tests start
from an empty migrated database and over a hundred from the demo data. Each gets a copy of its
own, the same rows a migration or a fill of its own would give (the demo is the same for the
same day and seed). On PostgreSQL the template is a database the server copies
(``CREATE DATABASE … TEMPLATE``). The demo's own tests still fill afresh.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.db.engine import Database, open_database
from tests.support.postgres import PostgresServer

#: ``demo_like(db, today)`` (a fixture): a database of its own on ``db``'s engine holding the
#: demo data as of ``today`` (the tests' fixed day when left out).
DemoLike = Callable[..., Database]


def _fill_demo(db: Database, today: date) -> None:
    from app.services.demo.fill import generate_demo  # late: most runs of one file need none

    with db.transaction() as session:
        generate_demo(session, today=today)


class DatabaseTemplates:
    """Finished databases, each made on first use, kept until the end of the run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[date | None, Path] = {}
        self._postgres: dict[date, str] = {}

    def sqlite_template(self, demo_day: date | None = None) -> Path:
        """A migrated SQLite file: empty, or holding the demo as of ``demo_day``."""
        path = self._files.get(demo_day)
        if path is None:
            name = f"demo-{demo_day.isoformat()}" if demo_day else "empty"
            path = self.folder / f"{name}.sqlite"
            db = open_database(path)
            try:
                if demo_day is not None:
                    _fill_demo(db, demo_day)
                with db.engine.connect() as connection:  # all in the file itself, none in the WAL
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.dispose()
            self._files[demo_day] = path
        return path

    def sqlite_copy(self, to: Path, demo_day: date | None = None) -> Database:
        """A database of its own at ``to``, copied from the template."""
        shutil.copy(self.sqlite_template(demo_day), to)
        return open_database(to)

    def postgres_template(self, server: PostgresServer, demo_day: date) -> str:
        """The name of a database on ``server`` holding the demo as of ``demo_day``."""
        name = self._postgres.get(demo_day)
        if name is None:
            url = server.create_database(template=server.template)
            db = open_database(url)
            try:
                _fill_demo(db, demo_day)
            finally:
                db.dispose()
            name = url.rsplit("/", 1)[1]
            self._postgres[demo_day] = name
        return name
