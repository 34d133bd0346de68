"""Writing an import's records: many rows per statement, with their audit entries.

Bulk statements bypass the ORM (50,000 objects cost seconds), so version counters, time stamps
and audit entries are set here, as an edit by hand would set them. On SQLite the rows go
straight to the driver, converted a column at a time by the columns' own SQLAlchemy types:
SQLAlchemy's per-row parameter handling would otherwise cost more than the database's own work
(``driver_io``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session

from app.db.types import utcnow
from app.services.importing.audit import AuditBatch
from app.services.importing.common import Changes
from app.services.importing.driver_io import (
    InsertTarget,
    PreparedInsert,
    prepare_insert,
    run_insert,
)


def bulk_write(
    session: Session,
    table: Table,
    audit: AuditBatch,
    inserts: list[dict[str, object]],
    updates: list[tuple[int, Changes]],
    rows: Sequence[int | None] = (),
) -> list[int]:
    """Insert ``inserts`` and apply ``updates`` (record id, changes); return the new ids in order.

    ``rows`` gives the file row of each insert, for its "imported from" audit entry. The version
    counter goes up on every changed row, so a window holding an older copy learns that the
    record changed.
    """
    now = utcnow()
    name = str(table.name)
    ids: list[int] = []
    if inserts:
        columns = {key: [row[key] for row in inserts] for key in inserts[0]}
        ids = insert_new(session, table, audit, columns, rows)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for record_id, changes in updates:
        fields = tuple(sorted(changes))
        params: dict[str, Any] = {f"new_{f}": changes[f][1] for f in fields}
        params["b_id"] = record_id
        groups.setdefault(fields, []).append(params)
        audit.updated(name, record_id, changes)
    for fields, params_list in groups.items():
        changing = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                {f: bindparam(f"new_{f}") for f in fields}
                | {"version": table.c.version + 1, "updated_at": now}
            )
        )
        session.connection().execute(changing, params_list)
    return ids


def insert_new(
    session: Session,
    table: Table,
    audit: AuditBatch,
    columns: dict[str, list[object]],
    rows: Sequence[int | None] = (),
) -> list[int]:
    """Insert new records given as ``columns`` (``{column: values}``) with their version and
    time stamps, and note each in ``audit`` with its file row; their new ids, in order."""
    prepared = prepare_new(InsertTarget.of(session.connection()), table, columns)
    return insert_prepared(session, table, audit, prepared, rows)


def prepare_new(
    target: InsertTarget, table: Table, columns: dict[str, list[object]]
) -> PreparedInsert:
    """New records' rows with their version and time stamps, ready for the driver
    (``insert_prepared``): all the Python work of an insert, which an import does on its
    reading thread while the writing thread is busy with the database."""
    count = len(next(iter(columns.values())))
    now = utcnow()
    stamped = columns | {"version": [1] * count, "created_at": [now] * count,
                         "updated_at": [now] * count}  # fmt: skip
    return prepare_insert(target, table, stamped)


def insert_prepared(
    session: Session,
    table: Table,
    audit: AuditBatch,
    prepared: PreparedInsert,
    rows: Sequence[int | None] = (),
) -> list[int]:
    """Insert the ``prepared`` new records and note each in ``audit`` with its file row (from
    ``rows``); their new ids, in order.

    On PostgreSQL, ``RETURNING`` with ``sort_by_parameter_order`` is batched. On SQLite that
    combination runs one statement per row, so the rows go straight to the driver instead
    (``run_insert``): the transaction holds SQLite's write lock, and rowids are handed out as
    max + 1 in insertion order, so the new ids run from the old maximum up to the last row's.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = list(session.execute(statement, prepared.rows).scalars().all())
    else:
        quoted = connection.dialect.identifier_preparer.format_table(table)
        before = connection.exec_driver_sql(f"SELECT max(id) FROM {quoted}").scalar() or 0
        after = run_insert(connection, prepared)
        if after - before != prepared.count:  # pragma: no cover - only if another wrote meanwhile
            raise RuntimeError("new rows could not be matched to their ids")
        ids = list(range(before + 1, after + 1))
    audit.created(str(table.name), ids, rows)
    return ids
