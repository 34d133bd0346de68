"""The quotes page: every quote by its latest revision, and New (Ctrl+N) opens the editor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from sqlalchemy.orm import Session

from app.domain.errors import AppError
from app.services.quote_read import read_quote
from app.services.quotes import QUOTE_COLUMNS, QuoteRow, list_quotes
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.pages.base import TablePage
from app.ui.quote_editor.dialog import QuoteEditor
from app.ui.quote_editor.preview import PdfPreview, revision_pdf


class QuotesPage(TablePage):
    key = "quotes"
    title = "Quotes"
    icon_name = "quotes"
    kinds = frozenset({RecordKind.QUOTE, RecordKind.PARTNER, RecordKind.ACCOUNT})
    columns = QUOTE_COLUMNS
    one, many = "quote", "quotes"

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editors: list[QuoteEditor] = []
        bar = QHBoxLayout()
        self.new_button = QPushButton("New quote")
        self.new_button.setToolTip("Build a new quote (Ctrl+N)")
        self.new_button.clicked.connect(self.new_quote)
        bar.addWidget(self.new_button)
        self.preview_button = QPushButton("Preview")
        self.preview_button.setToolTip("Show the selected quote's PDF; print it from there")
        self.preview_button.clicked.connect(self.preview_selected)
        bar.addWidget(self.preview_button)
        bar.addStretch(1)
        self.body.insertLayout(0, bar)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_quote)
        self.table.activated.connect(lambda _index: self.open_selected())

    def load_rows(self, session: Session) -> Sequence[QuoteRow]:
        return list_quotes(session)

    def new_quote(self) -> QuoteEditor | None:
        """Open the editor beside the window; a saved quote reloads the pages that show it."""
        if self._db is None:
            return None
        return self._editor()

    def _editor(self) -> QuoteEditor:
        assert self._db is not None
        editor = QuoteEditor(self._db, self.context.today(), self.window())
        editor.accepted.connect(lambda: self.context.changes.announce({RecordKind.QUOTE}))
        editor.finished.connect(lambda _r, e=editor: self._closed(e))
        self.editors.append(editor)
        editor.show()
        editor.activateWindow()
        return editor

    def selected(self) -> QuoteRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def open_selected(self) -> QuoteEditor | None:
        """The selected quote's latest revision in the editor, read-only once stored."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        with self._db.reading() as session:
            view = read_quote(session, row.number, row.revision)
        editor = self._editor()
        editor.show_stored(view)
        return editor

    def preview_selected(self) -> PdfPreview | None:
        """The selected quote's latest revision as its PDF; problems go to the error hook."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        try:
            data = revision_pdf(self._db, row.number, row.revision)
        except AppError as exc:
            self.context.errors.show_now(exc)
            return None
        preview = PdfPreview(data, f"{row.number} rev. {row.revision}", self.window())
        preview.show()
        return preview

    def _closed(self, editor: QuoteEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
