"""Backup copies of a SQLite database, taken before every upgrade and on request.

SQLite's online backup API copies a consistent state even while WAL holds recent writes, which a
plain file copy would miss.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from app.domain.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

KEEP_AUTOMATIC = 5
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"


#: The files SQLite keeps beside a database while writing it.
_SIDE_FILES = ("-journal", "-wal", "-shm")


def backup_to(source: Path, target: Path) -> Path:
    """Copy the database at ``source`` to ``target`` (mode 0600); returns ``target``.

    The copy is written under a temporary name and renamed when whole; a copy that cannot be
    written (a full disk) leaves nothing behind and says so in one line.
    """
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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
    except (sqlite3.Error, OSError) as exc:
        # SQLite may leave its rollback journal beside a copy it could not finish: a full disk
        # stops the copy wherever it is, the journal's own write included.
        for leftover in (tmp, *(tmp.with_name(tmp.name + end) for end in _SIDE_FILES)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise _cannot_back_up(target, exc) from None
    log.info("backed up %s to %s", source, target)
    return target


def _cannot_back_up(target: Path, exc: BaseException) -> DatabaseUnavailableError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    number = getattr(exc, "errno", None)
    full = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
    if number in full or "full" in text.lower() or "disk i/o" in text.lower():
        reason = "the disk is full (or the file too large for it); free some space or choose "
        reason += "another folder"
    else:
        reason = f"{text[:1].lower()}{text[1:]}".rstrip(".")
    return DatabaseUnavailableError(
        f"Cannot write the backup {target}: {reason}. The database itself was not changed."
    )


def automatic_backup(source: Path, reason: str, keep: int = KEEP_AUTOMATIC) -> Path:
    """A dated copy beside the database in ``backups/``, keeping the newest ``keep``.

    The copy just made is always kept, whatever the clock or the other files say: it is the one
    the upgrade that follows may need.
    """
    folder = backup_folder(source)
    stamp = datetime.now().strftime(STAMP_FORMAT)
    target = folder / f"{source.stem}-{stamp}-{reason}{_suffix(source)}"
    backup_to(source, target)
    prune(source, keep, made=target)
    return target


def backup_folder(source: Path) -> Path:
    return source.parent / "backups"


def automatic_backups(source: Path) -> list[Path]:
    """The automatic backups of exactly ``source``, oldest first.

    Several databases may share one folder (``shop.sqlite`` and ``shop-eu.sqlite``): a name
    belongs to ``source`` only when its stem is followed directly by the time stamp and it ends
    in ``source``'s suffix, and the order is the time stamp's, not the name's.
    """
    pattern = re.compile(
        re.escape(source.stem) + r"-(\d{8}-\d{6}-\d{6})-[^/]*" + re.escape(_suffix(source))
    )
    stamped: list[tuple[datetime, str, Path]] = []
    folder = backup_folder(source)
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            when = datetime.strptime(match.group(1), STAMP_FORMAT)
        except ValueError:
            continue
        stamped.append((when, path.name, path))
    stamped.sort()
    return [path for _when, _name, path in stamped]


def backup_time(backup: Path) -> datetime | None:
    """When the automatic backup ``backup`` was taken, read from its name."""
    match = re.search(r"-(\d{8}-\d{6}-\d{6})-", backup.name)
    try:
        return datetime.strptime(match.group(1), STAMP_FORMAT) if match else None
    except ValueError:
        return None


def newest_backup(source: Path) -> Path | None:
    """The most recent automatic backup of ``source``, if there is one."""
    copies = automatic_backups(source)
    return copies[-1] if copies else None


def prune(source: Path, keep: int, made: Path | None = None) -> None:
    """Delete all but the newest ``keep`` automatic backups of ``source``; never ``made``."""
    copies = [path for path in automatic_backups(source) if path != made]
    room = max(0, keep - (1 if made is not None else 0))
    for old in copies[: max(0, len(copies) - room)]:
        old.unlink(missing_ok=True)
        log.info("removed an old automatic backup")


def _suffix(source: Path) -> str:
    return source.suffix or ".sqlite"
