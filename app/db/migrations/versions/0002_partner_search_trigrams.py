"""Trigram indexes for the partners page's search on PostgreSQL.

A search looks for the typed text anywhere in six columns (``lower(column) LIKE '%text%'``). A
B-tree index cannot answer that, so on a shared server with 100,000 partners every keystroke
scanned the table. PostgreSQL's pg_trgm GIN indexes can; SQLite scans its local file quickly
enough without them (see tests/bench/test_partners_page_speed.py).

pg_trgm ships with PostgreSQL and is a trusted extension, so the database owner may create it.
Where a server lacks it the search still works, only slower: the migration then skips the
indexes rather than refusing to open the database.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: The partner columns the search looks in (app.services.partners.listing.SEARCHED).
SEARCHED = ("name", "legal_name", "city", "email", "website", "partner_code")

log = logging.getLogger(__name__)


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as exc:
        log.warning("pg_trgm is not available (%s); partner search works without its indexes", exc)
        return
    for column in SEARCHED:
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS ix_partner_{column}_trgm "
            f"ON partner USING gin (lower({column}) gin_trgm_ops)"
        )


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    for column in SEARCHED:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS ix_partner_{column}_trgm")
