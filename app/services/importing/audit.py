"""Audit entries for bulk imports, in the same shape as the ORM hook writes (``app.db.audit``).

Bulk Core statements bypass the session's ``after_flush`` hook, so the import writes the
entries itself: one per created or changed record, with ``{field: [old, new]}``. A CAM reading
a partner's history then sees "created" or "tier: Silver → Gold" exactly as for an edit by hand,
rather than one summary entry that says a file was imported but not what it did to this partner.
Unchanged records get no entry, so re-importing the same file leaves the history as it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.audit import plain
from app.db.models import AuditEntry
from app.db.types import utcnow
from app.domain.enums import AuditAction


class AuditBatch:
    """Collects entries during an import; ``write`` inserts them all in one statement."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.actor = str(session.info.get("actor", "unknown"))
        self.at = utcnow()
        self.rows: list[dict[str, object]] = []

    def created(self, table: str, record_id: object, values: Mapping[str, object]) -> None:
        changes = {k: [None, plain(v)] for k, v in values.items()}
        self._add(table, record_id, AuditAction.CREATE, changes)

    def updated(
        self, table: str, record_id: object, changes: Mapping[str, tuple[object, object]]
    ) -> None:
        plain_changes = {k: [plain(old), plain(new)] for k, (old, new) in changes.items()}
        self._add(table, record_id, AuditAction.UPDATE, plain_changes)

    def _add(self, table: str, record_id: object, action: AuditAction, changes: object) -> None:
        self.rows.append(
            {
                "at": self.at,
                "actor": self.actor,
                "table_name": table,
                "record_id": str(record_id),
                "action": action,
                "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
            }
        )

    def write(self) -> None:
        if self.rows:
            table: Table = AuditEntry.__table__  # type: ignore[assignment]
            self.session.execute(insert(table), self.rows)
            self.rows = []
