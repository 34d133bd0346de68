"""A damaged database file: recognised wherever SQLite notices it, explained in one line.

A file can be damaged in ways no check at opening finds cheaply (a page of one table overwritten
by a failing disk: ``PRAGMA quick_check`` would find it, but reads the whole file, a third of a
second at 100,000 partners, on every start). So SQLite's own report is recognised wherever it
comes (opening, a read, a save) and turned into one message that names the file, its newest
automatic backup and how to restore it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.db.backup import automatic_backups, backup_time
from app.domain.errors import DamagedDatabaseError

#: What SQLite says about a file whose bytes are not a whole database.
_SIGNS = ("malformed", "not a database", "file is encrypted", "disk image")


def damage_text(exc: BaseException | None) -> str | None:
    """SQLite's words for the damage behind ``exc`` (or its causes), or None if it is not that."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        orig = getattr(exc, "orig", None)
        for candidate in (exc, orig):
            if isinstance(candidate, sqlite3.DatabaseError) and not isinstance(
                candidate, sqlite3.OperationalError | sqlite3.IntegrityError
            ):
                text = str(candidate).strip().splitlines()[0] if str(candidate) else ""
                if any(sign in text.lower() for sign in _SIGNS):
                    return text
        exc = exc.__cause__ or exc.__context__
    return None


def damaged(path: Path, detail: str) -> DamagedDatabaseError:
    """The one line for a damaged ``path``, naming its newest backup and how to restore it."""
    copies = automatic_backups(path)
    start = f"{path} is damaged ({detail}) and cannot be used; nothing was changed."
    if not copies:
        return DamagedDatabaseError(
            f"{start} There is no automatic backup of it in {path.parent / 'backups'}: restore "
            "it from a copy of your own, or give a new file name to start a new database."
        )
    newest = copies[-1]
    when = _taken(newest)
    return DamagedDatabaseError(
        f"{start} The newest backup is {newest}{when}: to restore it, close Channel Desk, "
        f"move {path.name} aside and copy the backup in its place as {path.name}; or open the "
        f"backup itself (--db {newest}).",
        backup=str(newest),
    )


def _taken(backup: Path) -> str:
    when = backup_time(backup)
    return f", taken {when:%Y-%m-%d %H:%M}" if when else ""
