"""Alike account names found again: likely matches now read business abbreviations as their
full words and tell names that differ in a distinctive word apart
(``app.domain.name_words``), so the stored word initials and alike pairs (0006) are stale.

Every account is listed as unmatched; opening the database then finds their alike names again
with the current rule (``app.db.alike_names``), as it did after 0006. Until that is done a scan
compares names itself, so no scan reads the stale pairs.

The downgrade leaves the list: an older program finds the pairs again by its own rule.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO account_unmatched (account_id) SELECT id FROM account "
        "WHERE id NOT IN (SELECT account_id FROM account_unmatched)"
    )


def downgrade() -> None:
    """Nothing to undo (see the module's docstring)."""
