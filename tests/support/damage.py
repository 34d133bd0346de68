"""Damaging a SQLite file the ways disks and copies do: cut short, only its header left, pages
overwritten with noise."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

PAGE = 4096


def page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big") or 65536


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


def overwrite_pages(path: Path, pages: list[int], seed: int = 1) -> None:
    """Overwrite pages (numbered from 1, as SQLite numbers them) with random bytes."""
    size = page_size(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for page in pages:
        start = (page - 1) * size
        data[start : start + size] = rng.randbytes(size)
    path.write_bytes(bytes(data))


def root_page(path: Path, table: str) -> int:
    """The first page of ``table``'s tree: damaging it leaves opening fine and every read of the
    table failing."""
    connection = sqlite3.connect(path)
    try:
        row = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone holds the database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
