"""The partners page: search as you type, filter, sort, and open, create, terminate or delete.

Rows come from SQL a slice at a time (``PartnerListModel``), so the page is as quick with
100,000 partners as with 60. Typing waits 150 ms for a pause before searching, so a fast typist
does not queue a search per letter; each search itself takes well under 0.1 s.

Keys: Ctrl+N new partner, Ctrl+F search, Enter opens, Delete deletes. Quarterly review… writes
the selected partner's business review pack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QWidget,
)

from app.domain.columns import Column
from app.domain.enums import PartnerStatus
from app.services.partners.edit import delete_partner, partner_usage, set_partner_status
from app.services.partners.listing import filter_choices
from app.services.partners.rows import PARTNER_COLUMNS, PartnerRow
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.open_dialogs import OpenDialogs
from app.ui.page_base import Page, plural
from app.ui.partners.dialog import PartnerDialog, ask
from app.ui.partners.filters import PartnerFilters
from app.ui.partners.model import PartnerListModel
from app.ui.partners.review_dialog import ReviewDialog
from app.ui.partners.undo import PartnerEdit
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind
from app.ui.table_menu import Needs

WIDGET = Qt.ShortcutContext.WidgetShortcut

#: Pause in typing before the search runs.
SEARCH_DELAY_MS = 150


class PartnersPage(Page):
    key = "partners"
    title = "Partners"
    icon_name = "partners"
    kinds = frozenset({RecordKind.PARTNER, RecordKind.CONTACT, RecordKind.TIER})

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.filter_edit.setPlaceholderText("Search name, city, e-mail, web or ID")
        self.filter_edit.setToolTip(
            "Search as you type: name, legal name, city, e-mail, website, Partner ID (Ctrl+F)"
        )
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.run_search)
        self.model = PartnerListModel(self)
        self.table = RecordTable(self.key, PARTNER_COLUMNS, self, model=self.model)
        self.table.describe_empty = self._empty_text
        self.filters = PartnerFilters(self)
        self.filters.changed.connect(self.run_search)
        self.dialogs: OpenDialogs[PartnerDialog] = OpenDialogs()
        self.reviews: OpenDialogs[ReviewDialog] = OpenDialogs()
        self.confirm: Callable[[str, str], bool] = lambda t, x: ask(self, t, x)
        self.edits = self.undo_stack = QUndoStack(self)  # Edit › Undo takes an edit back

        buttons = QWidget()
        bar = QHBoxLayout(buttons)
        bar.setContentsMargins(0, 0, 0, 0)
        self.new_button = QPushButton("&New partner")
        self.new_button.setObjectName("newPartner")
        self.new_button.setToolTip("Create a partner (Ctrl+N)")
        self.status_button = QPushButton("&Change status")
        menu = QMenu("C&hange status", self.status_button)
        for status in PartnerStatus:
            action = menu.addAction(status.label)
            action.triggered.connect(lambda _c=False, s=status: self.set_status(s))
        self.status_button.setMenu(menu)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete a partner with no contacts, claims, deals or quotes")
        self.review_button = QPushButton("&Review…")
        self.review_button.setObjectName("quarterlyReview")
        self.review_button.setToolTip(
            "Quarterly review: write the selected partner's business review pack as a PDF"
        )
        buttons_in_bar = (self.new_button, self.status_button, self.review_button)
        for button in (*buttons_in_bar, self.delete_button):
            bar.addWidget(button)
        self.filters.add_trailing(buttons)  # on the filters' line, or under them if narrow
        self.body.addWidget(self.filters)
        # Tab walks the page as it reads: search, the filters, the buttons, then the table.
        chain = [self.filter_edit, *self.filters.combos.values()]
        chain += [*buttons_in_bar, self.delete_button, self.table]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.body.addWidget(self.table, 1)

        self.new_button.clicked.connect(self.new_partner)
        self.delete_button.clicked.connect(self.delete_selected)
        self.review_button.clicked.connect(self.review_selected)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.menu.add("&Open", self.open_selected, default=True, shortcut="Return")
        self.table.menu.add_action(self.status_button.menu().menuAction(), Needs.ONE)
        self.table.menu.add("&Quarterly review…", self.review_selected)
        self.table.menu.add("&Delete…", self.delete_selected, shortcut="Del")
        bind(self, "Ctrl+N", self.new_partner, "New partner")
        bind(self, QKeySequence.StandardKey.Find, self.focus_search, "Search partners")
        open_key = bind(
            self.table, Qt.Key.Key_Return, self.open_selected, "Open the selected partner", WIDGET
        )
        delete_key = bind(
            self.table, QKeySequence.StandardKey.Delete, self.delete_selected, "Delete the partner"
        )
        # Change status and Delete wait for a partner to be selected
        self.gate = SelectionGate(self)
        for control in (
            self.status_button, self.review_button, self.delete_button, open_key, delete_key
        ):  # fmt: skip
            self.gate.rows(control, self.table)

    # --- the window calls ----------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self.model.set_database(db)
        super().set_database(db)

    def load(self, session: Session) -> None:
        """Read again after a change, keeping the same partner selected."""
        chosen = self.selected()
        self.filters.set_choices(filter_choices(session))
        self.model.query = self.filters.apply(self.model.query)
        self.model.reload()
        row = self.model.row_of(chosen.id) if chosen is not None else None
        if row is not None:
            self.table.selectRow(row)

    def _empty_text(self) -> str:
        if self.model.query.filtered:
            return "No partner matches the search and filters."
        return "No partners yet. Add one with New partner, or import a list with File › Import."

    def count_text(self) -> str:
        model = self.model
        if model.query.filtered:
            return f"{model.matching:,} of {plural(model.total, 'partner', 'partners')}"
        return plural(model.total, "partner", "partners")

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        self.flush_search()
        return (self.title, _Deferred(self.model.rows), PARTNER_COLUMNS)

    def save_state(self) -> None:
        self.table.save_state(self.context.settings)

    def restore_state(self) -> None:
        self.table.restore_state(self.context.settings)

    # --- searching -----------------------------------------------------------------------

    def apply_filter(self, text: str) -> None:
        """A keystroke: search once typing pauses."""
        self.search_timer.start()

    def flush_search(self) -> None:
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.run_search()

    def run_search(self) -> None:
        query = self.filters.apply(self.model.query).with_(text=self.filter_edit.text().strip())
        self.model.set_query(query)
        self.update_count()

    def focus_search(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # --- acting on partners --------------------------------------------------------------

    def selected(self) -> PartnerRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def new_partner(self) -> PartnerDialog | None:
        return self._show(None)

    def open_selected(self) -> PartnerDialog | None:
        row = self.selected()
        return self._show(row.id) if row is not None else None

    def _show(self, partner_id: int | None) -> PartnerDialog | None:
        if self._db is None:
            return None
        dialog = PartnerDialog(self.context, self._db, partner_id, self.window())
        dialog.record_edit = self.record_edit
        dialog.wanted.connect(self.wanted)  # a scorecard chart's figure: the page behind it
        return self.dialogs.show(dialog)

    def review_selected(self) -> ReviewDialog | None:
        """Quarterly review… for the selected partner: pick the quarter and the file."""
        row = self.selected()
        if row is None or self._db is None:
            return None
        dialog = ReviewDialog(
            self.context, self._db, row.partner_code or row.name, row.name, self.window()
        )
        dialog.written.connect(self._say_written)
        self.reviews.show(dialog)
        return dialog

    def _say_written(self, path: Path) -> None:
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(f"Saved the business review to {path}")

    def record_edit(
        self, partner_id: int, name: str, before: dict[str, object], after: dict[str, object]
    ) -> None:
        """A saved edit, kept so Ctrl+Z on the page can take it back."""
        if self._db is not None:
            edit = PartnerEdit(self._db, partner_id, name, before, after, self._undone)
            if edit.after:  # a save that changed nothing has nothing to undo
                self.edits.push(edit)

    def _undone(self, problem: BaseException | None) -> None:
        if problem is not None:
            self.context.errors.show_now(problem)
        self.context.changes.announce({RecordKind.PARTNER})

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or self._db is None:
            return
        with self._db.reading() as session:
            usage = partner_usage(session, row.id)
        try:
            if not usage and not self.confirm(
                "Delete partner?",
                f"Delete {row.name}? It has no contacts, claims, deals or quotes.",
            ):
                return
            with self._db.transaction() as session:
                delete_partner(session, row.id)
        except Exception as exc:  # the refusal (or a bug) is shown through the error hook
            self.context.errors.show_now(exc)
            return
        self.context.changes.announce({RecordKind.PARTNER})

    def set_status(self, status: PartnerStatus) -> None:
        row = self.selected()
        if row is None or self._db is None or row.status is status:
            return
        if status is PartnerStatus.TERMINATED and not self.confirm(
            "Terminate partner?", f"Terminate {row.name}? Its history is kept."
        ):
            return
        try:
            with self._db.transaction() as session:
                set_partner_status(session, row.id, row.version, status)
        except Exception as exc:
            self.context.errors.show_now(exc)
        else:
            self.record_edit(row.id, row.name, {"status": row.status}, {"status": status})
        self.context.changes.announce({RecordKind.PARTNER})


class _Deferred(Sequence[PartnerRow]):
    """The rows to export, read from the database only when the export starts."""

    def __init__(self, read: Callable[[], list[PartnerRow]]) -> None:
        self._read = read
        self._rows: list[PartnerRow] | None = None

    def _all(self) -> list[PartnerRow]:
        if self._rows is None:
            self._rows = self._read()
        return self._rows

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]
