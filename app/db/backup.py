"""Backup copies of a SQLite database, taken before every upgrade and on request.

SQLite's online backup API copies a consistent state even while WAL holds recent writes, which a
plain file copy would miss.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_AUTOMATIC = 5


def backup_to(source: Path, target: Path) -> Path:
    """Copy the database at ``source`` to ``target`` (mode 0600); returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, target)
    log.info("backed up %s to %s", source, target)
    return target


def automatic_backup(source: Path, reason: str, keep: int = KEEP_AUTOMATIC) -> Path:
    """A dated copy beside the database in ``backups/``, keeping the newest ``keep``."""
    folder = source.parent / "backups"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{source.stem}-{stamp}-{reason}{source.suffix or '.sqlite'}"
    backup_to(source, target)
    prune(folder, source.stem, keep)
    return target


def prune(folder: Path, stem: str, keep: int) -> None:
    copies = sorted(folder.glob(f"{stem}-*"), key=lambda p: p.name)
    for old in copies[: max(0, len(copies) - keep)]:
        old.unlink(missing_ok=True)
