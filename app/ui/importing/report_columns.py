"""The columns of the wizard's check step: the changes an import would make and the problems it
found, also written to a workbook when the user saves either list."""

from __future__ import annotations

from app.domain.columns import Column, Kind
from app.domain.importing.report import PlannedChange, Problem

CHANGE_COLUMNS: tuple[Column[PlannedChange], ...] = (
    Column("row", "Row", lambda c: c.row, Kind.INTEGER, width=6),
    Column("action", "Does", lambda c: c.action, width=8),
    Column("record", "Record", lambda c: c.record, width=30),
    Column("changes", "Changes", lambda c: c.changes, width=50),
)
PROBLEM_COLUMNS: tuple[Column[Problem], ...] = (
    Column("row", "Row", lambda p: p.row, Kind.INTEGER, width=6),
    Column("column", "Column", lambda p: p.column, width=18),
    Column("value", "Value", lambda p: p.value, width=24),
    Column("reason", "Problem", lambda p: p.reason, width=50),
)
