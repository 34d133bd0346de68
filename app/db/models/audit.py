"""The audit log: every create, update and delete, with who, when, and old and new values.

The records one block of an import creates share one entry (``last_record_id`` set): their ids
run from ``record_id`` to ``last_record_id``, and its changes map each id to the file row it
came from. A 50,000-row import then adds 25 entries rather than 50,000, and its history is the
same (``app.services.audit_read``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.models._columns import enum_column_type
from app.db.types import UTCDateTime
from app.domain.enums import AuditAction


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_record", "table_name", "record_id"),
        Index("ix_audit_entry_batch", "table_name", "last_record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(60))
    action: Mapped[AuditAction] = mapped_column(enum_column_type(AuditAction, "audit_action"))
    changes: Mapped[str] = mapped_column(Text, doc="JSON: {field: [old, new]}")
    last_record_id: Mapped[int | None] = mapped_column(
        Integer, doc="A batch of created records: the highest id (record_id is the lowest)"
    )
