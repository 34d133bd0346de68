"""Opening a database that cannot be used says so in one line and changes nothing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from app.db.engine import open_database
from app.domain.errors import DatabaseUnavailableError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(exc: pytest.ExceptionInfo[DatabaseUnavailableError]) -> str:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Dear diary, today I bought a database.\n" * 20)
    before = _digest(path)
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(path)
    assert "not a Channel Desk database" in _one_line(raised)
    assert _digest(path) == before


def test_a_sqlite_file_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(path)
    assert "another program" in _one_line(raised)
    assert _digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_database_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    open_database(path).dispose()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(path)
    assert "newer version of Channel Desk" in _one_line(raised)
    assert _digest(path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseUnavailableError) as raised:
            open_database(folder / "new.sqlite")
        assert "read-only" in _one_line(raised)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_read_only_folder_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal where the permission check itself says no (root ignores chmod)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode)
    )
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(folder / "new.sqlite")
    assert "read-only" in _one_line(raised)
    assert list(folder.iterdir()) == []


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(tmp_path)
    assert "is a folder" in _one_line(raised)


def test_a_server_that_cannot_be_reached() -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database("postgresql+psycopg://app@127.0.0.1:9/nowhere")
    message = _one_line(raised)
    assert "Cannot reach the database" in message
    assert "127.0.0.1:9" in message


def test_an_engine_we_do_not_support() -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database("mysql://root@localhost/db")
    assert "SQLite files and PostgreSQL servers" in _one_line(raised)


def test_password_never_appears_in_messages() -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database("postgresql://app:s3cret@127.0.0.1:9/nowhere")
    assert "s3cret" not in _one_line(raised)
