"""Writes an audit entry for every create, update and delete made through a session.

Hooked on ``after_flush``: by then new rows have their ids, while the session still knows what
each object looked like before the flush. Entries are inserted with Core in the same transaction,
so an action and its history are committed, or rolled back, together.
"""

from __future__ import annotations

import json
import weakref
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import History

from app.db.models.audit import AuditEntry
from app.db.types import utcnow
from app.domain.enums import AuditAction

#: Bookkeeping columns whose change is not news to anyone reading a history.
_SKIPPED = frozenset({"version", "created_at", "updated_at"})


def plain(value: Any) -> Any:
    """A value as the JSON of an audit entry keeps it (also used by bulk imports)."""
    if value is None or type(value) is str:
        return value  # most values: checked first, as an import converts hundreds of thousands
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):  # a kept PDF: the history says it was written, not what
        return f"{len(value):,} bytes"
    return value


def _record_id(obj: Any) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _column_values(obj: Any) -> dict[str, Any]:
    """The values of ``obj``'s columns; a deferred column not loaded (a quote revision's kept
    PDF) is left out rather than read from the database for the history."""
    state = inspect(obj)
    return {
        attr.key: plain(getattr(obj, attr.key))
        for attr in state.mapper.column_attrs
        if attr.key not in _SKIPPED and not (attr.deferred and attr.key in state.unloaded)
    }


def _changes(obj: Any) -> dict[str, list[Any]]:
    state = inspect(obj)
    changed: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED:
            continue
        history: History = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if plain(old) != plain(new):
            changed[attr.key] = [plain(old), plain(new)]
    return changed


def _after_flush(session: Session, _context: Any) -> None:
    actor = str(session.info.get("actor", "unknown"))
    at = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: AuditAction, changes: dict[str, Any]) -> None:
        if isinstance(obj, AuditEntry):
            return
        rows.append(
            {
                "at": at,
                "actor": actor,
                "table_name": obj.__tablename__,
                "record_id": _record_id(obj),
                "action": action,
                "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
            }
        )

    for obj in session.new:
        add(obj, AuditAction.CREATE, {k: [None, v] for k, v in _column_values(obj).items()})
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            changes = _changes(obj)
            if changes:
                add(obj, AuditAction.UPDATE, changes)
    for obj in session.deleted:
        add(obj, AuditAction.DELETE, {k: [v, None] for k, v in _column_values(obj).items()})
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


#: The session factories that already write history (listening twice would write it twice).
#: Kept here rather than asked of ``event.contains``: SQLAlchemy's registry knows a target by
#: its ``id()`` until the target's listeners are collected, so a factory made where a closed
#: database's factory stood could be taken for it and write no history at all.
_audited: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()


def install_audit(sessions: sessionmaker[Session]) -> None:
    """Record the history of everything written through sessions made by ``sessions``."""
    if sessions not in _audited:
        event.listen(sessions, "after_flush", _after_flush)
        _audited.add(sessions)
