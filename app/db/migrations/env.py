"""Alembic's environment, driven from ``app.db.migrate`` with an open connection."""

from __future__ import annotations

from alembic import context

import app.db.models as models

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Channel Desk runs its migrations through app.db.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=models.Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
