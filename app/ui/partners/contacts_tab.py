"""The partner detail view's contacts tab: the partner's people, added, edited, deactivated."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.partners.contacts import (
    CONTACT_COLUMNS,
    ContactRow,
    add_contact,
    list_contacts,
    set_contact_active,
    update_contact,
)
from app.services.store import Database
from app.ui.partners.contact_dialog import ContactDialog
from app.ui.record_table import RecordTable

Shower = Callable[[BaseException], None]


class ContactsTab(QWidget):
    """The partner's people: add, edit, deactivate or reactivate."""

    def __init__(
        self,
        db: Database,
        partner_id: int,
        on_change: Callable[[], None],
        errors: Shower,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.partner_id = db, partner_id
        self._on_change, self._errors = on_change, errors
        self.table = RecordTable("partner_contacts", CONTACT_COLUMNS, self)
        self.table.empty_text = "No contacts yet. Add the people you work with: Add contact."
        self.table.setSortingEnabled(False)
        self.add_button = QPushButton("&Add contact…")
        self.edit_button = QPushButton("E&dit…")
        self.active_button = QPushButton("Deac&tivate")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.activated.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        #: How a contact dialog is run: modal, so the user finishes one person at a time.
        self.open_dialog: Callable[[ContactDialog], bool] = _run_modal
        self.load()

    def load(self) -> None:
        """Read the contacts again, keeping the selected person selected."""
        chosen = self.selected()
        with self.db.reading() as session:
            rows = list_contacts(session, self.partner_id)
        self.table.records.set_rows(rows)
        if chosen is not None:
            for n, row in enumerate(rows):
                if row.id == chosen.id:
                    self.table.selectRow(n)
        self._selection_changed()

    def selected(self) -> ContactRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.records.row_at(rows[0].row()) if rows else None

    def add(self) -> None:
        dialog = ContactDialog(None, self)
        if self.open_dialog(dialog):
            self._write(lambda s: add_contact(s, self.partner_id, dialog.raw()))

    def edit(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        dialog = ContactDialog(contact, self)
        if self.open_dialog(dialog):
            self._write(lambda s: update_contact(s, contact.id, contact.version, dialog.raw()))

    def toggle_active(self) -> None:
        contact = self.selected()
        if contact is not None:
            self._write(
                lambda s: set_contact_active(s, contact.id, contact.version, not contact.active)
            )

    def _write(self, work: Callable[..., object]) -> None:
        try:
            with self.db.transaction() as session:
                work(session)
        except Exception as exc:  # an AppError is shown as it is; a bug with its details
            self._errors(exc)
        self.load()
        self._on_change()

    def _selection_changed(self, *_args: object) -> None:
        contact = self.selected()
        self.edit_button.setEnabled(contact is not None)
        self.active_button.setEnabled(contact is not None)
        self.active_button.setText(
            "Reac&tivate" if contact is not None and not contact.active else "Deac&tivate"
        )


def _run_modal(dialog: ContactDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted
