"""An index on the account's country for the claim dialog's before-save overlap check.

Likely matches are looked for among the accounts of the new claim's country; without the index
that is a scan of every account on each change in the dialog.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_country"), ["country"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_country"))
