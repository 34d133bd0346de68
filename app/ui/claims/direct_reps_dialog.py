"""The direct team's reps: the people who own named accounts, claim for the team and work deals.

On a fresh database nobody is on file, so no account can be given a Direct owner and the accounts
import refuses every Direct rep it names; this list is where a rep is added, renamed (or given
an e-mail, which the import also matches by) and marked inactive when they leave. An inactive
rep keeps what they own but is no longer offered for new work.
"""

from __future__ import annotations

from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.direct_rep_form import REP_LABELS, check_rep
from app.services.claims.direct_reps import (
    REP_COLUMNS,
    RepRow,
    add_rep,
    list_reps,
    set_active,
    update_rep,
)
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.pricebook.form_dialog import FormDialog
from app.ui.record_table import RecordTable
from app.ui.sections import button
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind

#: What a change to the reps changes: the lists that offer them (accounts, claims, deals).
REP_KINDS = frozenset({RecordKind.ACCOUNT, RecordKind.CLAIM, RecordKind.DEAL})


class DirectRepsDialog(QDialog):
    """Every rep with Add…, Rename… and Mark inactive (or active again)."""

    def __init__(self, context: UiContext, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("directRepsDialog")
        self.setWindowTitle("Direct reps")
        self.context, self.db = context, db
        self.editor: RepDialog | None = None  # tests drive it
        note = QLabel(
            "The direct team's sales people: each can own named accounts, claim accounts for "
            "the team and work deals. A rep who leaves is marked inactive and keeps what they own."
        )
        note.setWordWrap(True)
        self.table = RecordTable("direct_reps", REP_COLUMNS, self)
        self.table.setAccessibleName("Direct reps")
        self.table.empty_text = "No direct reps yet. Add the first with Add… (Ctrl+N)."
        self.add_button = button("&Add…", "addRep", "A new rep of the direct team (Ctrl+N)")
        self.rename_button = button("&Rename…", "renameRep", "Change the rep's name or e-mail")
        self.active_button = button(
            "Mark &inactive", "repActive", "Inactive reps are not offered for new work"
        )
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.rename_button, self.active_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.activated.connect(lambda _index: self.rename())
        self.table.menu.add("&Rename…", self.rename, default=True, shortcut="Return")
        bind(self, "Ctrl+N", self.add, "New direct rep")
        bind(self.table, "Return", self.rename, "Rename the rep", Qt.ShortcutContext.WidgetShortcut)
        self.gate = SelectionGate(self)
        self.gate.rows(self.rename_button, self.table)
        self.gate.rows(self.active_button, self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._say_active())
        context.changes.changed.connect(self._changed)
        self.reload()
        self.resize(640, 420)

    def _changed(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & REP_KINDS:
            self.reload()

    def reload(self) -> None:
        kept = {r.id for r in self.selected()}
        with self.db.reading() as session:
            self.table.records.set_rows(list_reps(session))
        for n, row in enumerate(self.table.records.rows()):
            if row.id in kept:
                self.table.selectRow(n)
        self._say_active()

    def selected(self) -> list[RepRow]:
        chosen = self.table.selectionModel().selectedRows()
        return [self.table.records.row_at(index.row()) for index in chosen]

    def _say_active(self) -> None:
        chosen = self.selected()
        inactive = len(chosen) == 1 and not chosen[0].active
        self.active_button.setText("Mark &active" if inactive else "Mark &inactive")

    def add(self) -> RepDialog:
        return self._open(RepDialog(self.context, self.db, None, self))

    def rename(self) -> RepDialog | None:
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        return self._open(RepDialog(self.context, self.db, chosen[0], self))

    def _open(self, dialog: RepDialog) -> RepDialog:
        self.editor = dialog
        dialog.open()
        return dialog

    def toggle_active(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        try:
            with self.db.transaction() as session:
                set_active(session, chosen[0], not chosen[0].active)
        except Exception as exc:  # deleted meanwhile: one line; a bug: its details
            self.context.errors.show_now(exc)
            return False
        finally:
            self.context.changes.announce(REP_KINDS)
        return True


class RepDialog(FormDialog):
    """A new rep, or the rep ``opened`` renamed."""

    noun = "direct rep"
    labels = MappingProxyType(REP_LABELS)
    kinds = REP_KINDS

    def __init__(
        self, context: UiContext, db: Database, opened: RepRow | None, parent: QWidget | None
    ) -> None:
        title = "New direct rep" if opened is None else f"Direct rep {opened.name}"
        heading = "One of the direct team's sales people, by name (and e-mail, if known)"
        super().__init__(context, db, title, heading, parent)
        self.setObjectName("repDialog")
        self.opened = opened
        name = QLineEdit("" if opened is None else opened.name)
        name.setPlaceholderText("e.g. Dana Direct")
        email = QLineEdit("" if opened is None or opened.email is None else opened.email)
        email.setPlaceholderText("e.g. dana@example.com")
        self.form.add("name", "&Name", name, 0)
        self.form.add("email", "&E-mail", email, 1)
        name.setFocus()

    def raw(self) -> dict[str, object]:
        return {"name": self.form.text("name"), "email": self.form.text("email")}

    def problems(self) -> dict[str, str]:
        return check_rep(self.raw())[1]

    def write(self, session: Session, overwrite: bool) -> None:
        if self.opened is None:
            add_rep(session, self.raw())
        else:
            update_rep(session, self.opened, self.raw(), overwrite)
