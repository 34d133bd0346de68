"""Reading a record table's column as the person sees it, for page tests."""

from __future__ import annotations

from app.ui.record_table import RecordTable


def cells(table: RecordTable, key: str) -> list[str]:
    """The displayed text of column ``key`` in every row, top to bottom."""
    model = table.records
    column = [c.key for c in model.columns].index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]
