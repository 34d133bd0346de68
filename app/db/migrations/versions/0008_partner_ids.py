"""Every partner has a Partner ID: those without one get the next numbers, ``P-1001`` on.

Until now a partner created in the application, or imported without an ID, had none, so it
could not be named by ID in a quote or a later import. From now on the application gives the
next number (``app.services.partners.codes``); this gives one to each partner stored without,
in the order they were created, numbered after every ``P-`` number in use, and keeps the last
number given in the shared setting ``last_partner_number`` so no ID is ever given twice.

The downgrade leaves the IDs: they may be in quotes and lists already.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from app.domain.partner_codes import next_codes

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LAST_NUMBER = "last_partner_number"


def upgrade() -> None:
    connection = op.get_bind()
    partner = sa.table(
        "partner",
        sa.column("id", sa.Integer),
        sa.column("partner_code", sa.String),
    )
    setting = sa.table(
        "setting",
        sa.column("key", sa.String),
        sa.column("value", sa.Text),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    missing = list(
        connection.scalars(
            sa.select(partner.c.id).where(partner.c.partner_code.is_(None)).order_by(partner.c.id)
        )
    )
    taken = connection.scalars(
        sa.select(partner.c.partner_code).where(partner.c.partner_code.is_not(None))
    )
    codes, last = next_codes(len(missing), 0, [c for c in taken if c])
    if missing:
        connection.execute(
            partner.update()
            .where(partner.c.id == sa.bindparam("pid"))
            .values(partner_code=sa.bindparam("code")),
            [{"pid": pid, "code": code} for pid, code in zip(missing, codes, strict=True)],
        )
    now = datetime.now(UTC).replace(tzinfo=None)
    connection.execute(sa.delete(setting).where(setting.c.key == LAST_NUMBER))
    connection.execute(
        sa.insert(setting).values(
            key=LAST_NUMBER, value=str(last), version=1, created_at=now, updated_at=now
        )
    )


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM setting WHERE key = :key"), {"key": LAST_NUMBER})
