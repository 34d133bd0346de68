"""Reading the audit log for one record: its own entries and the import entry it shares.

The records one block of an import creates share one entry (``app.db.models.audit``); a
record's history finds it by its id among the shared entries' ranges, and says the file row the
record came from, as a record created by hand or alone has its own entry.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import AuditEntry
from app.domain.enums import AuditAction
from app.services.importing.audit import IMPORTED_FROM, ROWS

#: Shared entries looked at for one record: ranges of imports running at once on a server may
#: interleave, so the first range that reaches the id is not always the one that holds it.
_CANDIDATES = 20


class CreatedBy(NamedTuple):
    """The shared entry that created a record, and where the record came from."""

    entry: AuditEntry
    source: str  # "partners.xlsx, row 17", or the file alone when rows were not known


def created_in_batch(session: Session, table: str, record_id: int) -> CreatedBy | None:
    """The shared import entry that created record ``record_id`` of ``table``, if any."""
    query = (
        select(AuditEntry)
        .where(
            AuditEntry.table_name == table,
            AuditEntry.action == AuditAction.CREATE,
            AuditEntry.last_record_id >= record_id,
        )
        .order_by(AuditEntry.last_record_id)
        .limit(_CANDIDATES)
    )
    key = str(record_id)
    for entry in session.scalars(query):
        if int(entry.record_id) > record_id:
            continue
        changes = json.loads(entry.changes or "{}")
        rows = changes.get(ROWS, {})
        if key in rows:
            source = str(changes.get(IMPORTED_FROM, [None, ""])[1] or "")
            row = rows[key]
            return CreatedBy(entry, f"{source}, row {row}" if row is not None else source)
    return None
