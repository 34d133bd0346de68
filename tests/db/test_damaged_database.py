"""A damaged database file, or an address that names none: one line naming the file, the newest
backup and how to restore it, exit 1, and the file left exactly as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

import main
from app.db.backup import automatic_backup
from app.db.engine import open_database
from app.db.models import Partner
from app.domain.errors import DamagedDatabaseError
from tests.support.damage import (
    checkpoint,
    header_only,
    overwrite_pages,
    root_page,
    truncate,
)
from tests.support.many_partners import add_many_partners


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A database of 3,000 partners, its write-ahead log folded in, with one backup."""
    path = tmp_path / "shop.sqlite"
    db = open_database(path)
    add_many_partners(db, 3000)
    db.dispose()
    checkpoint(path)
    automatic_backup(path, "before-0006")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main.main(argv)
    return code, capsys.readouterr().err.splitlines()


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "header only": header_only,
    "schema pages overwritten": lambda path: overwrite_pages(path, [2, 3, 4, 5]),
    "tables' pages overwritten": lambda path: overwrite_pages(
        path, [root_page(path, table) for table in ("partner", "account", "claim")]
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize(
    "command", [["export", "partners", "OUT"], ["overlaps"], ["demo", "--force"]]
)
def test_a_damaged_file_is_explained_with_its_backup(
    shop: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: str,
    command: list[str],
) -> None:
    DAMAGES[damage](shop)
    before = shop.read_bytes()
    argv = [str(tmp_path / "out.csv") if arg == "OUT" else arg for arg in command]

    code, err = _run([*argv, "--db", str(shop)], capsys)

    assert code == 1, err
    assert len(err) == 1, err
    backups = sorted((tmp_path / "backups").glob("shop-*.sqlite"))
    assert str(shop) in err[0] and "damaged" in err[0]
    assert f"The newest backup is {backups[-1]}" in err[0] and "restore" in err[0]
    assert shop.read_bytes() == before


def test_damage_found_while_reading_names_the_backup(shop: Path) -> None:
    """Opening reads only the list of tables; a page of one table is found bad when read."""
    db = open_database(shop)
    db.engine.dispose()  # no connection keeps the healthy pages cached
    overwrite_pages(shop, [root_page(shop, "partner")])
    try:
        with pytest.raises(DamagedDatabaseError) as refused, db.reading() as session:
            session.scalars(select(Partner)).all()
    finally:
        db.dispose()
    assert refused.value.backup is not None and Path(refused.value.backup).is_file()


def test_without_a_backup_the_message_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lonely.sqlite"
    open_database(path).dispose()
    header_only(path)
    code, err = _run(["overlaps", "--db", str(path)], capsys)
    assert code == 1 and len(err) == 1, err
    assert "no automatic backup" in err[0] and str(path) in err[0]


def test_two_rows_in_the_schema_version_table_are_refused_untouched(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(shop)
    connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.commit()
    connection.close()
    before = shop.read_bytes()
    code, err = _run(["overlaps", "--db", str(shop)], capsys)
    assert code == 1 and len(err) == 1, err
    assert str(shop) in err[0] and "schema version table holds 2 rows" in err[0]
    assert "The newest backup is " in err[0]
    assert shop.read_bytes() == before


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("/dev/null", "/dev/null is not a file"),
        ("postgresql://sam:s3cret@db.example:abc/desk", "is not a database address"),
        ("postgresql://sam@127.0.0.1:1/desk?colour=blue", "Cannot reach the database"),
    ],
)
def test_an_address_that_names_no_database_file_gets_one_line(
    address: str, said: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, err = _run(["overlaps", "--db", address], capsys)
    assert code == 1 and len(err) == 1, err
    assert said in err[0] and "s3cret" not in err[0], err
