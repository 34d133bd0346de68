"""A course has a cost per seat in a currency (SPEC.md, "Import and export": courses).

Both are optional: a course bought without a price list keeps none. A cost needs its currency,
the currency is an upper-case ISO 4217 code, and a cost is never negative.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# Batch mode copies the course table on SQLite to add the table's CHECK constraints; the upgrade
# runs with foreign keys off (app.db.migrate), so the copy leaves training records as they are.


def upgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cost_per_seat", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("currency", sa.String(length=3), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_course_currency"), "length(currency) = 3 AND upper(currency) = currency"
        )
        batch_op.create_check_constraint(
            op.f("ck_course_cost_per_seat_non_negative"), "cost_per_seat >= 0"
        )
        batch_op.create_check_constraint(
            op.f("ck_course_cost_has_currency"), "cost_per_seat IS NULL OR currency IS NOT NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_course_cost_has_currency"), type_="check")
        batch_op.drop_constraint(op.f("ck_course_cost_per_seat_non_negative"), type_="check")
        batch_op.drop_constraint(op.f("ck_course_currency"), type_="check")
        batch_op.drop_column("currency")
        batch_op.drop_column("cost_per_seat")
