"""Alike account names are kept as accounts are written, not found again by every overlap scan.

``account_alike`` holds the pairs of accounts of one country whose names are alike, with their
similarity; ``account_unmatched`` lists the accounts written since their pairs were last looked
for. Triggers fill it on every insert and on a change of name or country, so an account written
any way at all is looked at again; the application replaces the pairs of the accounts listed,
and empties the list, before each commit (``app.db.alike_names``). The triggers touch no pair
themselves: on PostgreSQL that happens only under the lock that makes writers take turns, so
two writers never wait for each other's pairs. ``account.name_initials``
lets one new account be compared with only the names that can be alike.

Every existing account is listed as unmatched here; opening the database then finds their
pairs once.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER account_unmatched_on_insert AFTER INSERT ON account
    BEGIN
        INSERT OR IGNORE INTO account_unmatched (account_id) VALUES (NEW.id);
    END
    """,
    """
    CREATE TRIGGER account_unmatched_on_update AFTER UPDATE OF name_key, country ON account
    WHEN OLD.name_key IS NOT NEW.name_key OR OLD.country IS NOT NEW.country
    BEGIN
        INSERT OR IGNORE INTO account_unmatched (account_id) VALUES (NEW.id);
    END
    """,
)

POSTGRESQL_TRIGGERS = (
    """
    CREATE FUNCTION account_unmatched_mark() RETURNS trigger AS $$
    BEGIN
        INSERT INTO account_unmatched (account_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER account_unmatched_on_insert AFTER INSERT ON account
    FOR EACH ROW EXECUTE FUNCTION account_unmatched_mark()
    """,
    """
    CREATE TRIGGER account_unmatched_on_update AFTER UPDATE OF name_key, country ON account
    FOR EACH ROW
    WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.country IS DISTINCT FROM NEW.country)
    EXECUTE FUNCTION account_unmatched_mark()
    """,
)


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    # In place, never by batch mode's copy (see 0004): SQLite adds a plain column itself.
    with op.batch_alter_table("account", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("name_initials", sa.String(length=100), nullable=True))
    op.create_index("ix_account_country_initials", "account", ["country", "name_initials"])
    op.create_table(
        "account_alike",
        sa.Column("account_a_id", sa.Integer(), nullable=False),
        sa.Column("account_b_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "account_a_id < account_b_id", name=op.f("ck_account_alike_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["account_a_id"], ["account.id"],
            name=op.f("fk_account_alike_account_a_id_account"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_b_id"], ["account.id"],
            name=op.f("fk_account_alike_account_b_id_account"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_a_id", "account_b_id", name=op.f("pk_account_alike")),
    )  # fmt: skip
    op.create_index("ix_account_alike_b", "account_alike", ["account_b_id"])
    op.create_table(
        "account_unmatched",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"],
            name=op.f("fk_account_unmatched_account_id_account"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_unmatched")),
    )  # fmt: skip
    for statement in SQLITE_TRIGGERS if _is_sqlite() else POSTGRESQL_TRIGGERS:
        op.execute(statement)
    op.execute("INSERT INTO account_unmatched (account_id) SELECT id FROM account")


def downgrade() -> None:
    op.execute("DROP TRIGGER account_unmatched_on_update" + ("" if _is_sqlite() else " ON account"))
    op.execute("DROP TRIGGER account_unmatched_on_insert" + ("" if _is_sqlite() else " ON account"))
    if not _is_sqlite():
        op.execute("DROP FUNCTION account_unmatched_mark()")
    op.drop_table("account_unmatched")
    op.drop_index("ix_account_alike_b", table_name="account_alike")
    op.drop_table("account_alike")
    op.drop_index("ix_account_country_initials", table_name="account")
    with op.batch_alter_table("account", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("name_initials")
