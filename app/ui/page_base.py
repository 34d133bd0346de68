"""What every page shares: a title, a count, a filter, and reloading only when it must.

A page loads its rows from services in one read-only session and hands the model frozen rows.
It reloads when the change signal names a kind of record it shows; while hidden it only notes
that it is stale and reloads when it is shown again, so one import does not reload six pages.

A page that reads whole tables (a scan, a matrix, every deal) reads them in the background: its
``reader()`` runs off the GUI thread in a session of its own and returns frozen rows, which
``show_read()`` puts on screen when they arrive. Meanwhile the window stays responsive, the
rows read before stay in view, the header says what is being read with a Cancel, and a newer
reload makes an older one's rows count for nothing (the newest read wins).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from app.domain.columns import Column
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.elided_label import ElidedLabel
from app.ui.loading_line import LoadingLine
from app.ui.operations import IsCancelled, LatestOnly, Operation, Progress
from app.ui.record_table import RecordTable

#: A page's read, run off the GUI thread: a session of its own, progress and cancel callables;
#: it returns frozen rows (never an ORM object or the session).
Reader = Callable[[Session, Progress, IsCancelled], Any]


def plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


class Page(QWidget):
    """One area of the window. Subclasses say what they show and how to load it."""

    key = ""  # stable name: settings, object names, tests
    title = ""
    icon_name = ""
    kinds: frozenset[RecordKind] = frozenset()
    loading_text = "Reading…"  # said in the header (and an empty table) while reading
    #: The page's saved edits that Edit › Undo takes back while the page is in view.
    undo_stack: QUndoStack | None = None

    count_changed = Signal(str)

    #: Asks the window to open another page (key), filtered by a text, on a period (or None):

    #: the dashboard's click through to the rows behind a chart.

    wanted = Signal(str, str, object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{self.key}")
        self.context = context
        self._db: Database | None = None
        self.stale = True
        self._splitters: dict[str, QSplitter] = {}
        self._placed: set[str] = set()  # splitters whose handle the person moved, ever
        self.loads = 0  # how many times rows were read: tests check pages reload only when needed
        self.last_message = ""  # the last note said in the status bar (``say``)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        outer.setSpacing(12)
        header = QHBoxLayout()
        header.setSpacing(8)
        self.header = header  # title, count, then a page's buttons may go before the filter
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        self.count_label = ElidedLabel("")  # the status bar shows it whole
        self.count_label.setObjectName("pageCount")
        self.loading_line = LoadingLine()
        self.loading_line.cancel_asked.connect(self.cancel_loading)
        self._reading = LatestOnly()
        header.addWidget(heading)
        header.addWidget(self.count_label)
        header.addWidget(self.loading_line)
        header.addStretch(1)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filter")
        self.filter_edit.setPlaceholderText("Filter…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(280)  # grows from its minimum in a narrow window
        self.filter_edit.setAccessibleName(f"Filter {self.title}")
        self.filter_edit.textChanged.connect(self.apply_filter)
        header.addWidget(self.filter_edit, 1)
        outer.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        outer.addLayout(self.body, 1)

    def say(self, text: str) -> None:
        """A short note in the window's status bar: what was just done, for a few seconds."""
        self.last_message = text
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(text)

    # --- what the window calls -----------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.invalidate()

    def on_changed(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & self.kinds:
            self.invalidate()

    def invalidate(self) -> None:
        """Rows are out of date: reload now if visible, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()
        else:
            self._reading.cancel()  # what it would bring is out of date already

    def refresh(self) -> None:
        if self._db is None:
            return
        read = self.reader()
        if read is None:
            with self._db.reading() as session:
                self.load(session)
            self._loaded()
            return
        db = self._db

        def work(progress: Progress, cancelled: IsCancelled) -> Any:
            with db.reading() as session:  # opened in the worker, closed there
                return read(session, progress, cancelled)

        operation: Operation[Any] = Operation(self, self.context.errors, work)
        operation.success(lambda result: self._arrived(operation, result))
        operation.failure(lambda exc: self._read_failed(operation, exc))
        operation.when_cancelled(lambda: self._read_cancelled(operation))
        operation.progressing(lambda done, total: self._read_progress(operation, done, total))
        operation.finished.connect(operation.deleteLater)
        self._reading.start(operation)
        self.loading_line.start(self.loading_text)
        self.loading_started()

    @property
    def loading(self) -> bool:
        """Whether rows are being read in the background right now."""
        return self._reading.running

    def cancel_loading(self) -> None:
        """Stop reading: the rows read before stay, and the page reads again when next shown."""
        self._reading.cancel()

    def _read_progress(self, operation: Operation[Any], done: int, total: int) -> None:
        if self._reading.is_current(operation):
            self.loading_line.progress(done, total)

    def _arrived(self, operation: Operation[Any], result: Any) -> None:
        if self._read_ended(operation):
            self.show_read(result)
            self._loaded()

    def _read_failed(self, operation: Operation[Any], exc: BaseException) -> None:
        if self._read_ended(operation):
            self.context.errors.show_now(exc)

    def _read_cancelled(self, operation: Operation[Any]) -> None:
        if self._read_ended(operation):
            self.stale = True  # the rows read before stay; read again when next shown

    def _read_ended(self, operation: Operation[Any]) -> bool:
        """Whether ``operation`` is the newest read (whose ending the page shows)."""
        if not self._reading.is_current(operation):
            return False
        self.loading_line.stop()
        self.loading_ended()
        return True

    def _loaded(self) -> None:
        self.loads += 1
        self.stale = False
        self.update_count()

    def count_text(self) -> str:
        return ""

    def update_count(self) -> None:
        text = self.count_text()
        self.count_label.setText(text)
        self.count_changed.emit(text)

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        """(title, rows as shown, columns) for File › Export, or None if nothing to export."""
        return None

    def tables(self) -> list[RecordTable]:
        return self.findChildren(RecordTable)

    def save_state(self) -> None:
        for table in self.tables():
            table.save_state(self.context.settings)
        for name, splitter in self._splitters.items():
            if name in self._placed:  # else the page's own sizing stays in charge next time
                state = bytes(splitter.saveState().data())
                self.context.settings.window.set_splitter_state(name, state)

    def restore_state(self) -> None:
        for table in self.tables():
            table.restore_state(self.context.settings)
        for name, splitter in self._splitters.items():
            state = self.context.settings.window.splitter_state(name)
            if state:
                splitter.restoreState(state)
                self._placed.add(name)

    def remember_splitter(self, splitter: QSplitter, name: str | None = None) -> None:
        """Keep where the person leaves ``splitter``'s handle from one start to the next (under
        the page's key, or ``name`` for a second one). Only a handle they moved is kept."""
        key = name or self.key
        self._splitters[key] = splitter
        splitter.splitterMoved.connect(lambda *_: self._placed.add(key))

    def splitter_placed(self, name: str | None = None) -> bool:
        """Whether the person has moved that splitter's handle, now or in an earlier session."""
        return (name or self.key) in self._placed

    # --- for subclasses ------------------------------------------------------------------

    def load(self, session: Session) -> None:
        """Read and show at once, on the GUI thread: for pages that read one SQL page only."""
        raise NotImplementedError

    def reader(self) -> Reader | None:
        """The page's read for the background, built on the GUI thread from what the page
        shows now (today, the tab, a choice); None if the page reads with ``load``."""
        return None

    def show_read(self, result: Any) -> None:
        """Put what ``reader()`` returned on screen (on the GUI thread)."""
        raise NotImplementedError

    def loading_started(self) -> None:
        """A background read began: tables left empty say so."""
        for table in self.tables():
            table.loading_text = self.loading_text
        self.loading_changed()

    def loading_ended(self) -> None:
        for table in self.tables():
            table.loading_text = None
            table.viewport().update()
        self.loading_changed()

    def loading_changed(self) -> None:
        """A background read began or ended: a page whose actions work on rows that are about
        to be replaced enables them again here (``self.loading`` says which)."""

    def apply_filter(self, text: str) -> None:
        for table in self.tables():
            table.records.set_filter(text)
        self.update_count()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and not self.loading:
            self.refresh()


class TablePage(Page):
    """A page that is one table of records."""

    columns: Sequence[Column[Any]] = ()
    one = "record"
    many = "records"
    empty_text = "Nothing here yet."  # what the empty table says (``RecordTable``)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.table = RecordTable(self.key, self.columns, self)
        self.table.empty_text = self.empty_text
        self.body.addWidget(self.table)

    def load(self, session: Session) -> None:
        self.table.records.set_rows(self.load_rows(session))

    def load_rows(self, session: Session) -> Sequence[Any]:
        raise NotImplementedError

    def count_text(self) -> str:
        return table_count(self.table, self.one, self.many)

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        return (self.title, self.table.records.rows(), self.table.records.columns)


def table_count(table: RecordTable, one: str, many: str) -> str:
    """``60 partners``, or ``12 of 60 partners`` while a filter hides some."""
    model = table.records
    shown, total = model.rowCount(), model.total_count
    if model.filter_text and shown != total:
        return f"{shown:,} of {plural(total, one, many)}"
    return plural(total, one, many)
