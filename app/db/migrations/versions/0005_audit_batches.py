"""The records one block of an import creates share one audit entry.

``last_record_id`` marks such an entry: the records' ids run from ``record_id`` to it, and its
changes give each id's file row. A 50,000-row import used to add 50,000 entries, most of the
cost of writing it after the partners themselves.

A downgrade keeps the shared entries: an older version shows each as the creation of its first
record, and the rest of the mapping stays in its changes.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# In place, never by batch mode's copy (see 0004): SQLite adds and drops a plain column itself.


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("last_record_id", sa.Integer(), nullable=True))
    op.create_index("ix_audit_entry_batch", "audit_entry", ["table_name", "last_record_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_entry_batch", table_name="audit_entry")
    with op.batch_alter_table("audit_entry", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("last_record_id")
