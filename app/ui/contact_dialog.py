"""Add or edit one contact: name, role, e-mail, phone, each checked as it is typed."""

from __future__ import annotations

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
from app.services.partner_contacts import ContactRow


class ContactDialog(QDialog):
    """``contact`` None: a new contact. ``raw()`` is what the services take."""

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
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b42318;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.setSpacing(8)
        for text, widget, name in (
            ("&Name", self.name, "name"),
            ("&Role", self.role, "role"),
            ("&E-mail", self.email, "email"),
            ("&Phone", self.phone, "phone"),
        ):
            widget.setObjectName(f"contact_{name}")
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.name, self.email, self.phone):
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

    def check(self) -> bool:
        _values, errors = check_contact(self.raw())
        self.problem.setText("\n".join(errors.values()))
        self.problem.setVisible(bool(errors))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not errors)
        return not errors
