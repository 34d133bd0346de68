"""What the screens hold of storage: the open database, a session's type, backups, the data folder.

The UI reaches the database only through services (an import-linter contract holds it), yet it
must open a database, pass the handle around, run a service inside ``db.reading()`` or
``db.transaction()`` and annotate the callables it runs there. Those few names come from here,
so no screen imports SQLAlchemy or the models, and a query written in a widget fails the check.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.backup import backup_to
from app.db.engine import Database, open_database
from app.db.location import data_dir
from app.db.write_turn import WAITING_TEXT

__all__ = ["WAITING_TEXT", "Database", "Session", "backup_to", "data_dir", "open_database"]
