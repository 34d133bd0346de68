"""What every command shares: opening the database named by ``--db``."""

from __future__ import annotations

import argparse

from app.db.engine import Database, open_database


def database(args: argparse.Namespace) -> Database:
    """The database of ``--db`` (or the default file), checked and upgraded."""
    return open_database(getattr(args, "db", None))
