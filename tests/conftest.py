"""Fixtures for every test: offscreen Qt, a private data folder, and databases on both engines.

Qt aborts the whole process without a display, so the offscreen platform is chosen here, before
anything imports QtGui. ``CHANNEL_DESK_DATA_DIR`` points the product's data folder (default
database, logs, backups) at a temporary folder so no test touches the user's own files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CHANNEL_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="channel-desk-tests-")

import pytest  # noqa: E402

from app.db.engine import Database, open_database  # noqa: E402
from tests.support.postgres import PostgresServer, start_postgres  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "xlsx"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    db = open_database(tmp_path / "test.sqlite")
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL 15 server on 127.0.0.1, stopped at the end of the run."""
    server = start_postgres(tmp_path_factory.mktemp("pg"))
    if server is None:
        pytest.skip("no PostgreSQL server binaries on this machine (install Debian's postgresql)")
    yield server
    server.stop()


@pytest.fixture
def postgres_db(postgres_server: PostgresServer) -> Iterator[Database]:
    """A fresh, migrated database on the PostgreSQL server (a new database per test)."""
    url = postgres_server.create_database()
    db = open_database(url)
    yield db
    db.dispose()
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest) -> Database:
    """The same test on a SQLite file and on a PostgreSQL server."""
    if request.param == "postgres":
        request.applymarker(pytest.mark.postgres)
    return request.getfixturevalue(f"{request.param}_db")  # type: ignore[no-any-return]
