"""Add or edit one contact: name, role, e-mail, phone, each checked as it is typed.

A new contact's problems show under the fields the user has typed in (in room kept for them, so
nothing moves), and all of them once they press Save: an empty form that opens with "name is
required" in red scolds before anyone has typed a thing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ContactRole
from app.domain.partner_form import check_contact
from app.services.partners.contacts import ContactRow
from app.ui.field_box import field_box
from app.ui.unsaved import AsksBeforeDiscarding


class ContactDialog(AsksBeforeDiscarding, QDialog):
    """``contact`` None: a new contact. ``raw()`` is what the services take."""

    noun = "contact"

    def __init__(self, contact: ContactRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle("New contact" if contact is None else f"Edit {contact.name}")
        self.contact = contact
        self.name = QLineEdit(contact.name if contact else "")
        self.role = QComboBox()
        for role in ContactRole:
            self.role.addItem(role.label, role)
        if contact is not None:
            self.role.setCurrentIndex(self.role.findData(contact.role))
        self.email = QLineEdit((contact.email or "") if contact else "")
        self.email.setPlaceholderText("name@example.com")
        self.phone = QLineEdit((contact.phone or "") if contact else "")
        form = QFormLayout()
        form.setVerticalSpacing(2)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.problems: dict[str, QLabel] = {}
        for text, widget, name in (
            ("&Name", self.name, "name"),
            ("&Role", self.role, "role"),
            ("&E-mail", self.email, "email"),
            ("&Phone", self.phone, "phone"),
        ):
            label, box, self.problems[name] = field_box(widget, text, name)
            form.addRow(label, box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.touched: set[str] = set()
        self.reveal_all = contact is not None  # a stored contact's problems show at once
        for edit, field in ((self.name, "name"), (self.email, "email"), (self.phone, "phone")):
            edit.textEdited.connect(lambda _text, field=field: self._edited(field))
            edit.textChanged.connect(self.check)
        self.setMinimumWidth(420)
        self.check()

    def raw(self) -> dict[str, object]:
        return {
            "name": self.name.text(),
            "role": self.role.currentData(),
            "email": self.email.text(),
            "phone": self.phone.text(),
        }

    def _edited(self, field: str) -> None:
        """The user typed in ``field``: its problems show from now on."""
        self.touched.add(field)
        self.check()

    def check(self) -> bool:
        """Whether the contact can be saved; says what is wrong with what was typed."""
        _values, errors = check_contact(self.raw())
        for field, problem in self.problems.items():
            text = errors.get(field, "") if self.reveal_all or field in self.touched else ""
            problem.setText(text)
            problem.setVisible(bool(text))
        return not errors

    def problem_texts(self) -> list[str]:
        """The problems shown now, field by field (for tests and screen readers)."""
        return [p.text() for p in self.problems.values() if not p.isHidden()]

    def save(self) -> None:
        """Close with the contact when it can be saved; else show every problem and stay."""
        self.reveal_all = True
        if self.check():
            self.accept()
