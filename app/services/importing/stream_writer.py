"""New records written a block at a time by the caller while a second thread checks the rows.

Checking a workbook's rows is Python work; storing them is mostly the database's own work, during
which the driver lets other Python code run. So the rows are checked on a worker thread that
touches no Session or connection: it works on plain data the caller read before it started
(``check``'s arguments), and hands each block of new rows, made ready for the driver
(``driver_block``), through a small queue to the caller's thread, which writes it with its own
Session, in its own transaction, and notes its audit entry. Progress and the cancel question
come to the caller's thread too, so the caller's callables run where they always did.

A bad row that makes an all-or-nothing import fail stops the sending at its first bad block, and
the caller rolls back; a cancel, or an error on either thread, stops both: the worker is joined
before the caller returns or raises, and an error of the worker is raised on the caller's thread.
A dry run writes nothing at all.

Measured by turns against the plain version (checks and writes on the caller's thread, new rows
as parameter dicts through ``insert(table)``: commit 25c67cd), importing the 50,000 partners of
``tests/bench/test_import_speed.py``'s workbook into SQLite, each import in a fresh process,
the two versions alternating, 6 turns each, medians of the ratio to a bare read of the file:
first import 4.36x -> 2.79x (2.04 s -> 1.29 s; spreads 4.33-4.52 and 2.77-3.01), re-import
2.05x -> 2.09x (nothing new to write: the same work).

While the checking thread runs, every statement the writing thread sends ends in a wait for the
interpreter lock (up to Python's switch interval), so the writing sends as few as it can: on
SQLite each block's new ids follow from the block before instead of two reads of the table's
highest id around every block (``insert_block``), and the history of all blocks goes in one
statement at the end. By turns against the version before, each import in a fresh process, 8
turns on two cores loaded by other work: a first import of the 50,000 partners 3.55x -> 2.83x
a bare read (medians; the new version quicker in 6 of the 8 turns).

The hand-over is one statement: the checking thread works a block the size of one ``INSERT``
of many rows (``BlockMaker.per_statement``, 500 rows on SQLite) and sends it on. While the
writing thread's statement runs (about 4 ms, the interpreter let go), the checking thread
readies the next block (about 3.5 ms) and then waits for room in the queue, so the statement
ends with nobody holding the interpreter and the writing thread goes on at once. With blocks of
2,000 rows (four statements each), three statements of four ended while the checking thread was
still busy and waited for it up to the switch interval: a fifth of the writing thread's time.
By turns against blocks of 2,000 rows, each import in a fresh process, 6 turns: a first import
of the 50,000 partners 2.55x -> 2.28x a bare read (medians; 1.32 s -> 1.19 s), re-import
2.15x -> 2.18x (nothing to write: the same work).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.db.types import utcnow
from app.domain.importing.sheet import BLOCK_ROWS
from app.domain.progress import CancelledByUser
from app.services.importing.audit import AuditBatch
from app.services.importing.common import ImportOptions
from app.services.importing.driver_block import BlockMaker, DriverBlock, rows_per_statement
from app.services.importing.writing import insert_block

Columns = dict[str, list[object]]
Result = TypeVar("Result")
#: Blocks and progress reports (one of each per block) the checking thread may be ahead of the
#: writing one.
AHEAD = 16


class StreamWriter:
    """The checking thread's end: collects new rows; every ``block_rows`` of them go to the
    caller as one ``DriverBlock``, in order (one statement where the database takes many rows
    in one, see ``write_while_checking``).

    Rows come as tuples of the values of ``fields``; ``complete`` turns a block's columns into
    the table's (adds what is worked out from them, fills in defaults). ``keep_writing`` is
    asked before each block: once it says no, nothing more is sent.
    """

    def __init__(
        self,
        maker: BlockMaker,
        keep_writing: Callable[[], bool],
        complete: Callable[[Columns], Columns],
        send: Callable[[DriverBlock], None],
        block_rows: int = BLOCK_ROWS,
    ) -> None:
        self.maker = maker
        self.block_rows = block_rows
        self.keep_writing = keep_writing
        self.complete = complete
        self.send = send
        self.fields: tuple[str, ...] | None = None
        self.rows: list[tuple[object, ...]] = []
        self.numbers: list[int] = []
        self.stopped = False

    def add(
        self, fields: Sequence[str], rows: list[tuple[object, ...]], numbers: list[int]
    ) -> None:
        """New records from the file rows ``numbers``; sent soon, unless sending stopped."""
        if self.stopped or not rows:
            return
        fields = tuple(fields)
        if self.fields is not None and fields != self.fields:
            self._flush()  # another shape of row: what came before goes on its own
        self.fields = fields
        self.rows += rows
        self.numbers += numbers
        while len(self.rows) >= self.block_rows and not self.stopped:
            self._flush(self.block_rows)  # a block at a time; the rest waits for more

    def add_columns(self, columns: Columns, numbers: list[int]) -> None:
        """New records given as columns (``{field: values}``) from the file rows ``numbers``:
        a whole block of them goes on as it is, without being made into rows and back."""
        if self.stopped or not numbers:
            return
        if self.rows or len(numbers) < self.block_rows:
            self.add(tuple(columns), list(zip(*columns.values(), strict=True)), numbers)
        elif not self.keep_writing():
            self.stopped = True
        else:
            self._send(dict(columns), numbers)

    def finish(self) -> None:
        """Send what is left."""
        if not self.stopped:
            self._flush()

    def _flush(self, count: int | None = None) -> None:
        """Send the first ``count`` rows collected (all of them when ``None``)."""
        if not self.keep_writing():
            self.stopped = True
            self.rows, self.numbers = [], []
        elif self.rows and self.fields is not None:
            end = len(self.rows) if count is None else count
            rows, numbers = self.rows[:end], self.numbers[:end]
            self.rows, self.numbers = self.rows[end:], self.numbers[end:]
            fields = self.fields
            values = zip(*rows, strict=True)
            self._send(
                {field: list(cells) for field, cells in zip(fields, values, strict=True)}, numbers
            )

    def _send(self, columns: Columns, numbers: list[int]) -> None:
        now = utcnow()
        stamps = {"version": 1, "created_at": now, "updated_at": now}
        self.send(self.maker.make(self.complete(columns), stamps, numbers))


Check = Callable[[ImportOptions, StreamWriter], Result]


def write_while_checking(
    session: Session,
    table: Table,
    source: str,
    options: ImportOptions,
    check: Check[Result],
    keep_writing: Callable[[], bool],
    complete: Callable[[Columns], Columns],
) -> Result:
    """Run ``check(options, writer)`` on a worker thread and write the new rows it gives
    ``writer`` here, with ``session``, as they come; ``check``'s answer once both are done.

    ``check`` must not touch ``session`` (or any other): what it needs from the database is
    read before. Its ``options`` report progress to, and take a cancel from, this thread. It
    works ``writer.block_rows`` rows at a time, so each block it hands over is one statement.
    """
    channel: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()
    connection = session.connection()
    maker = BlockMaker(connection.dialect, table, rows_per_statement(connection, len(table.c)))
    outcome: list[Any] = []

    def report(done: int, total: int) -> None:
        channel.put(("progress", (done, total)))

    def work() -> None:
        try:
            writer = StreamWriter(
                maker,
                keep_writing,
                complete,
                lambda block: channel.put(("block", block)),
                maker.per_statement if maker.per_statement > 1 else BLOCK_ROWS,
            )
            answer = check(replace(options, progress=report, cancelled=stop.is_set), writer)
            writer.finish()
            outcome.append(answer)
        except BaseException as error:  # handed to the caller, raised there
            outcome.append(error)
        finally:
            channel.put(("end", None))

    worker = threading.Thread(target=work, name="import-check", daemon=True)
    audit = AuditBatch(session, source)
    worker.start()
    try:
        _write_what_comes(session, table, audit, options, channel)
    except BaseException:
        stop.set()
        while channel.get()[0] != "end":  # let the worker see the stop and end
            pass
        raise
    finally:
        worker.join()
    (answer,) = outcome
    if isinstance(answer, BaseException):
        raise answer
    result: Result = answer
    return result


def _write_what_comes(
    session: Session,
    table: Table,
    audit: AuditBatch,
    options: ImportOptions,
    channel: queue.Queue[tuple[str, Any]],
) -> None:
    """Until the worker ends: write each block, pass progress on, and stop on a cancel
    (``CancelledByUser``), as the import's ticker would; then the blocks' audit entries."""
    name = str(table.name)
    highest: int | None = None  # the last new id so far (SQLite counts the next block's from it)
    while True:
        kind, payload = channel.get()
        if kind == "end":
            audit.write()  # one entry a block, all written at once
            return
        if kind == "progress":
            if options.cancelled is not None and options.cancelled():
                raise CancelledByUser
            if options.progress is not None:
                options.progress(*payload)
        else:
            block: DriverBlock = payload
            ids = insert_block(session.connection(), table, block, highest)
            if ids:
                highest = ids[-1]
            audit.created(name, ids, block.numbers)
