"""Fixtures for every test: offscreen Qt, a private data folder, and databases on both engines.

Qt aborts the whole process without a display, so the offscreen platform is chosen here, before
anything imports QtGui. ``CHANNEL_DESK_DATA_DIR`` points the product's data folder (default
database, logs, backups) at a temporary folder so no test touches the user's own files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CHANNEL_DESK_DATA_DIR"] = tempfile.mkdtemp(prefix="channel-desk-tests-")

import pytest

from app.db.engine import Database, open_database
from tests.support.corpus import corpus_problem
from tests.support.db_templates import DatabaseTemplates, DemoLike
from tests.support.postgres import PostgresServer, start_postgres
from tests.support.sample_records import TODAY

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """A ``CHANNEL_DESK_CORPUS`` that names no corpus stops the run in one line: skipping the
    corpus tests then would hide that they never ran."""
    problem = corpus_problem()
    if problem:
        raise pytest.UsageError(problem)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Benchmarks run only when asked for by path (``pytest tests/bench``), never by default."""
    bench = REPO / "tests" / "bench"
    if collection_path == bench or bench in collection_path.parents:
        asked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
        if not any(a == bench or bench in a.parents for a in asked):
            return True
    return None


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    """Databases migrated (and filled with the demo) once per run, copied for each test."""
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def sqlite_db(tmp_path: Path, db_templates: DatabaseTemplates) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    db = db_templates.sqlite_copy(tmp_path / "test.sqlite")
    yield db
    db.dispose()


@pytest.fixture
def demo_db(tmp_path: Path, db_templates: DatabaseTemplates) -> Iterator[Database]:
    """A SQLite database of its own holding the demo data as of the tests' fixed day."""
    db = db_templates.sqlite_copy(tmp_path / "demo.sqlite", TODAY)
    yield db
    db.dispose()


@pytest.fixture
def demo_like(
    request: pytest.FixtureRequest, tmp_path: Path, db_templates: DatabaseTemplates
) -> Iterator[DemoLike]:
    made: list[tuple[Database, Callable[[], None] | None]] = []

    def make(db: Database, today: date = TODAY) -> Database:
        if db.is_sqlite:
            copy = db_templates.sqlite_copy(tmp_path / f"demo-{len(made)}.sqlite", today)
            made.append((copy, None))
            return copy
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.create_database(template=db_templates.postgres_template(server, today))
        copy = open_database(url)
        made.append((copy, lambda: server.drop_database(url)))
        return copy

    yield make
    for db, drop in made:
        db.dispose()
        if drop is not None:
            drop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server on 127.0.0.1, stopped and removed at the end of the run.

    Its folder is made directly under the system temp folder: pytest's own temp folders are
    private to root, and the server runs as the ``postgres`` user when the tests run as root.
    """
    folder = Path(tempfile.mkdtemp(prefix="channel-desk-pg-"))
    server = start_postgres(folder)
    if server is None:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip("no PostgreSQL server binaries on this machine (install Debian's postgresql)")
    # One migrated database serves as the template of every test's own copy.
    template = server.create_database()
    open_database(template).dispose()
    server.template = template.rsplit("/", 1)[1]
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server: PostgresServer) -> Iterator[Database]:
    """A fresh, migrated database on the PostgreSQL server (a new database per test)."""
    url = postgres_server.create_database(template=postgres_server.template)
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
