"""New records written a block at a time while the import reads on.

An import of 50,000 partners keeps only a block of new rows in memory: every ``BLOCK_ROWS`` of
them are inserted with their audit entry as soon as they are checked. All within the caller's
transaction, so nothing is lost or half-done: a refused import (all or nothing, and some row is
bad) stops writing at its first bad block and is rolled back by the caller, as is a cancel or
any error; a dry run writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.domain.importing.sheet import BLOCK_ROWS
from app.services.importing.audit import AuditBatch
from app.services.importing.writing import insert_new

Columns = dict[str, list[object]]


class StreamWriter:
    """Collects new rows; every ``BLOCK_ROWS`` of them are inserted (with their audit entries),
    in order. ``finish`` writes the last and returns every new id.

    Rows come as tuples of the values of ``fields``; ``complete`` turns a block's columns into
    the table's (adds what is worked out from them, fills in defaults).
    """

    def __init__(
        self,
        session: Session,
        table: Table,
        source: str,
        keep_writing: Callable[[], bool],
        complete: Callable[[Columns], Columns],
    ) -> None:
        self.session = session
        self.table = table
        self.audit = AuditBatch(session, source)
        self.keep_writing = keep_writing
        self.complete = complete
        self.fields: tuple[str, ...] | None = None
        self.rows: list[tuple[object, ...]] = []
        self.numbers: list[int] = []
        self.stopped = False
        self.ids: list[int] = []

    def add(
        self, fields: Sequence[str], rows: list[tuple[object, ...]], numbers: list[int]
    ) -> None:
        """New records from the file rows ``numbers``; written soon, unless writing stopped."""
        if self.stopped or not rows:
            return
        fields = tuple(fields)
        if self.fields is not None and fields != self.fields:
            self._flush()  # another shape of row: what came before goes on its own
        self.fields = fields
        self.rows += rows
        self.numbers += numbers
        if len(self.rows) >= BLOCK_ROWS:
            self._flush()

    def finish(self) -> list[int]:
        """Write what is left; the new ids in the order the rows were added. Empty when writing
        stopped (the import will be refused)."""
        if not self.stopped:
            self._flush()
        return [] if self.stopped else self.ids

    def _flush(self) -> None:
        if not self.keep_writing():
            self.stopped = True
            self.rows, self.numbers = [], []
        elif self.rows and self.fields is not None:
            fields, rows, numbers = self.fields, self.rows, self.numbers
            self.rows, self.numbers = [], []
            values = zip(*rows, strict=True)
            columns = {field: list(cells) for field, cells in zip(fields, values, strict=True)}
            self.ids += insert_new(
                self.session, self.table, self.audit, self.complete(columns), numbers
            )
            self.audit.write()

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Leaving without an error writes what is left, even if the caller forgot to say so;
        with an error, nothing more is written (the caller rolls back)."""
        if kind is None:
            self.finish()
        else:
            self.stopped = True
