"""Automatic backups belong to exactly one database, and pruning never removes the newest."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from app.db.backup import KEEP_AUTOMATIC, automatic_backup
from app.db.engine import open_database
from tests.db.test_migrations import ship_next_revision


def _database(path: Path) -> Path:
    open_database(path).dispose()
    return path


def test_upgrading_one_database_keeps_its_backup_beside_another_databases_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shop = _database(tmp_path / "shop.sqlite")
    shop_eu = _database(tmp_path / "shop-eu.sqlite")
    eu_copies = [automatic_backup(shop_eu, "manual") for _ in range(KEEP_AUTOMATIC)]
    ship_next_revision(tmp_path, monkeypatch)

    with caplog.at_level(logging.INFO, logger="app.db.migrate"):
        open_database(shop).dispose()

    made = re.search(r"backup at (\S+)", caplog.text)
    assert made is not None, caplog.text
    assert Path(made.group(1)).is_file()
    assert all(copy.is_file() for copy in eu_copies)  # shop's upgrade leaves shop-eu's alone


def test_the_backup_just_made_survives_even_when_others_look_newer(tmp_path: Path) -> None:
    """A clock set back (or copies brought from another machine) must not cost today's copy."""
    shop = _database(tmp_path / "shop.sqlite")
    folder = tmp_path / "backups"
    folder.mkdir()
    for second in range(KEEP_AUTOMATIC):
        (folder / f"shop-20990101-00000{second}-000000-before-0001.sqlite").write_bytes(b"x")

    made = automatic_backup(shop, "before-0002")

    assert made.is_file()
    assert len(list(folder.glob("shop-*.sqlite"))) == KEEP_AUTOMATIC


def test_pruning_leaves_backups_the_user_made_and_other_files(tmp_path: Path) -> None:
    shop = _database(tmp_path / "shop.sqlite")
    folder = tmp_path / "backups"
    folder.mkdir()
    own = folder / "shop-backup-2026-01-31.sqlite"
    own.write_bytes(b"mine")
    notes = folder / "shop-notes.txt"
    notes.write_text("keep me")

    for _ in range(KEEP_AUTOMATIC + 2):
        automatic_backup(shop, "test")

    assert own.is_file() and notes.is_file()
    assert len(list(folder.glob("shop-2*.sqlite"))) == KEEP_AUTOMATIC
