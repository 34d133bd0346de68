"""What every command shares: opening the database named by ``--db``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.db.engine import Database, open_database
from app.db.write_turn import WAITING_TEXT
from app.domain.errors import InputError
from app.domain.importing import values as v

#: How long a command waits for another program's write before it gives up (exit 1). A script
#: that starts two imports together expects both to happen, one after the other; a program
#: that holds the database for longer than this has most likely hung.
PATIENCE_S = 300.0


def database(args: argparse.Namespace) -> Database:
    """The database of ``--db`` (or the default file), checked and upgraded.

    A command that finds another program writing waits its turn, after one line on stderr.
    """
    db = open_database(getattr(args, "db", None))
    db.waiting = _say_waiting
    db.patience_s = PATIENCE_S
    return db


def _say_waiting(waiting: bool) -> None:
    if waiting:
        print(f"channel-desk: {WAITING_TEXT}", file=sys.stderr, flush=True)


def option_date(text: str | None, option: str) -> date | None:
    """A date given on the command line (ISO, or day first as the import reads dates); ``None``
    when the option was not given. A bad one is refused naming the option."""
    if text is None:
        return None
    try:
        day = v.parse_date(text.strip(), day_first=True)
    except v.BadValue as exc:
        raise InputError(f"{option} {exc}: give a date such as 2026-11-22.") from None
    if day is None:
        raise InputError(f"{option} needs a date such as 2026-11-22.")
    return day
