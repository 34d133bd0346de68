"""An issued quote revision keeps its PDF's bytes, not only their SHA-256.

Until now every print re-rendered the PDF and refused it when the bytes differed from the hash
kept at the first print, so any change to the fonts or the renderer made every issued quote
unprintable. The bytes kept here are what every later print, preview and e-mail sends.

Revisions issued before this keep their hash and get their bytes at their next print, when that
print still matches the hash (app/services/quotes/issued_pdf.py).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# Both ways alter the table in place, never by batch mode's copy: on SQLite that copy drops the
# old quote_revision, and with foreign keys on, the drop deletes every quote line (ON DELETE
# CASCADE). SQLite adds and drops a plain column in place (DROP COLUMN since 3.35).


def upgrade() -> None:
    with op.batch_alter_table("quote_revision", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("pdf_data", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quote_revision", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("pdf_data")
