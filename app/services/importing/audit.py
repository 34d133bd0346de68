"""Audit entries for bulk imports, in the shape the ORM hook writes (``app.db.audit``).

Bulk Core statements bypass the session's ``after_flush`` hook, so the import writes the entries
itself. A change is ``{field: [old, new]}``, one entry per changed record, exactly as for an
edit by hand: a CAM reading a partner's history sees "tier: Silver → Gold". The records one
block creates share one entry, ``{"imported_from": [null, "partners.xlsx"], "rows": {"17":
2, …}}`` from ``record_id`` to ``last_record_id``: where each came from, which is what its
history needs to say (``app.services.audit_read``). Their values at that moment are the
record's values with the later changes (each in the log) undone, so they are not copied into
the log a second time. Unchanged records get no entry, so re-importing the same file leaves the
history as it was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.db.audit import plain
from app.db.models import AuditEntry
from app.db.types import utcnow
from app.domain.enums import AuditAction

#: The field of a created record's entry that names the file (and row) it came from.
IMPORTED_FROM = "imported_from"
#: The field of a shared entry that gives each created record's file row (or null).
ROWS = "rows"


class AuditBatch:
    """Collects entries during an import, as columns; ``write`` inserts them in one
    executemany."""

    def __init__(self, session: Session, source: str) -> None:
        self.session = session
        self.actor = str(session.info.get("actor", "unknown"))
        self.source = source
        self.at = utcnow()
        self.tables: list[str] = []
        self.records: list[str] = []
        self.actions: list[AuditAction] = []
        self.changes: list[str] = []
        self.lasts: list[int | None] = []  # a shared entry's highest id (``created``)

    def created(self, table: str, ids: Sequence[int], rows: Sequence[int | None] = ()) -> None:
        """Records ``ids`` of ``table`` were created from the file rows ``rows`` (same order;
        empty when the rows are not known, as for accounts a claims import adds): one entry
        for them all."""
        if not ids:
            return
        numbers = list(rows) if rows else [None] * len(ids)
        if len(numbers) != len(ids):
            raise ValueError("one file row per created record")
        text = json.dumps(
            {
                IMPORTED_FROM: [None, self.source],
                ROWS: dict(zip(map(str, ids), numbers, strict=True)),
            },
            ensure_ascii=False,
        )
        self._add(table, [str(min(ids))], AuditAction.CREATE, [text], max(ids))

    def updated(
        self, table: str, record_id: object, changes: Mapping[str, tuple[object, object]]
    ) -> None:
        plain_changes = {k: [plain(old), plain(new)] for k, (old, new) in changes.items()}
        text = json.dumps(plain_changes, ensure_ascii=False, sort_keys=True)
        self._add(table, [str(record_id)], AuditAction.UPDATE, [text])

    def _add(
        self,
        table: str,
        records: list[str],
        action: AuditAction,
        texts: list[str],
        last: int | None = None,
    ) -> None:
        if len(records) != len(texts):
            raise ValueError("one audit text per record")
        self.tables += [table] * len(records)
        self.records += records
        self.actions += [action] * len(records)
        self.changes += texts
        self.lasts += [last] * len(records)

    def write(self) -> None:
        count = len(self.records)
        if not count:
            return
        table: Table = AuditEntry.__table__  # type: ignore[assignment]
        rows = [
            {"at": self.at, "actor": self.actor, "table_name": table_name, "record_id": record,
             "action": action, "changes": changes, "last_record_id": last}
            for table_name, record, action, changes, last in zip(
                self.tables, self.records, self.actions, self.changes, self.lasts, strict=True
            )
        ]  # fmt: skip
        self.session.connection().execute(insert(table), rows)
        self.tables, self.records, self.actions, self.changes = [], [], [], []
        self.lasts = []
