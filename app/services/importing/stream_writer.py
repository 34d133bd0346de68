"""New records written on a second thread while the import reads and checks the next rows.

Reading the workbook and checking its cells is Python work; storing the rows is mostly the
database's own work, during which the driver lets other Python code run. Doing both at once
shortens an import of 50,000 partners by most of the database's share on a machine with two
cores.

All within the caller's transaction, so nothing is lost or half-done: a refused import (all or
nothing, and some row is bad) stops writing at its first bad block and is rolled back by the
caller, as is a cancel or any error; a dry run writes nothing at all.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.domain.importing.sheet import BLOCK_ROWS
from app.services.importing.audit import AuditBatch
from app.services.importing.driver_io import InsertTarget, PreparedInsert
from app.services.importing.writing import insert_prepared, prepare_new

log = logging.getLogger(__name__)

Columns = dict[str, list[object]]
#: How long one thread keeps the interpreter while the other waits for it, during an import.
SWITCH_SECONDS = 0.0005


class StreamWriter:
    """Collects new rows; every ``BLOCK_ROWS`` of them are inserted (with their audit entries)
    on a worker thread, in order. ``finish`` waits for the last and returns every new id.

    Rows come as tuples of the values of ``fields``; on the worker, ``complete`` turns a chunk's
    columns into the table's (adds what is worked out from them, fills in defaults).

    While it is open, the session belongs to the worker: the caller touches the database again
    only after ``finish`` (or after leaving the ``with`` block).
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
        self.target = InsertTarget.of(session.connection())  # before the worker has it
        self.table = table
        self.audit = AuditBatch(session, source)
        self.keep_writing = keep_writing
        self.complete = complete
        self.fields: tuple[str, ...] | None = None
        self.rows: list[tuple[object, ...]] = []
        self.numbers: list[int] = []
        self.pending: list[Future[list[int]]] = []
        self.stopped = False
        self.finished = False
        self.ids: list[int] = []
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer")

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
        """Write what is left and wait; the new ids in the order the rows were added.

        Raises what a write raised; empty when writing stopped (the import will be refused).
        """
        if self.finished:
            return [] if self.stopped else self.ids
        self.finished = True
        if not self.stopped:
            self._flush()
        self.ids = [new_id for future in self.pending for new_id in future.result()]
        self.pool.shutdown()
        return [] if self.stopped else self.ids

    def _flush(self) -> None:
        """Hand the rows collected to the worker, made ready for the driver here: the worker's
        share of an import is the longer one, so it is left only the database's own work."""
        if not self.keep_writing():
            self._stop()
        elif self.rows and self.fields is not None:
            fields, rows, numbers = self.fields, self.rows, self.numbers
            self.rows, self.numbers = [], []
            values = zip(*rows, strict=True)
            columns = {field: list(cells) for field, cells in zip(fields, values, strict=True)}
            prepared = prepare_new(self.target, self.table, self.complete(columns))
            self.pending.append(self.pool.submit(self._write, prepared, numbers))

    def _write(self, prepared: PreparedInsert, numbers: list[int]) -> list[int]:
        ids = insert_prepared(self.session, self.table, self.audit, prepared, numbers)
        self.audit.write()
        return ids

    def _stop(self) -> None:
        self.stopped = True
        self.rows, self.numbers = [], []

    def __enter__(self) -> StreamWriter:
        _quick_switching(True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """On the way out with an error, let the write under way end before the caller rolls
        the transaction back (it must not pull the connection from under the worker)."""
        try:
            if kind is None:
                self.finish()  # the caller's rows are written even if it forgot to say so
                return
            self._stop()
            for future in self.pending:
                future.cancel()
            self.pool.shutdown(wait=True)
            for future in self.pending:  # a write that failed too is logged, not lost
                if not future.cancelled() and future.exception() is not None:
                    log.error("import write failed", exc_info=future.exception())
        finally:
            _quick_switching(False)


_switching_lock = threading.Lock()
_switching: list[float] = []  # the interval before the first open writer, while any is open


def _quick_switching(on: bool) -> None:
    """While any writer is open, threads hand the interpreter over after 0.5 ms, not 5 ms.

    The worker gives the interpreter back for each statement and then waits to get it again;
    with the default interval the reading thread kept it that long each time, leaving the
    worker idle for most of its share. Handing over sooner costs the reader next to nothing.
    Overlapping imports (a check and the import) share one setting; the last restores it.
    """
    with _switching_lock:
        if on:
            _switching.append(sys.getswitchinterval())
            sys.setswitchinterval(SWITCH_SECONDS)
        elif _switching:
            first = _switching[0]
            _switching.pop()
            if not _switching:
                sys.setswitchinterval(first)
