"""Offering an existing account before a claim creates a duplicate of it.

Typing "Globex Corp Inc" when "Globex Corporation" is on file is a new account by its letters
but the same company by the overlap rule (``app.domain.overlap_match.same_company``). The claim
dialog says so under the account field with a "Use Globex Corporation" button, and asks once
more on Register, so a duplicate is only ever created on purpose.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSizePolicy, QWidget

from app.services.claims.overlap_check import SameCompany

NEW_ACCOUNT = "New account: it is created with the claim."


def describe(twin: SameCompany) -> str:
    where = f" ({twin.country})" if twin.country else ""
    return f"{twin.name}{where}"


class SameCompanyOffer(QWidget):
    """The line under the account: nothing, "New account…", or the existing account that is
    the same company with a button to use it. Its room is kept whatever it says."""

    use = Signal(object)  # SameCompany

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.twin: SameCompany | None = None
        self.note = QLabel("")
        self.note.setObjectName("newAccountNote")
        self.note.setWordWrap(False)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton("")
        self.button.setObjectName("useExistingAccount")
        policy = self.button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the line keeps its height without a button
        self.button.setSizePolicy(policy)
        self.button.hide()
        self.button.clicked.connect(lambda: self.twin is not None and self.use.emit(self.twin))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)

    def show_state(self, new: bool, twin: SameCompany | None) -> None:
        """``new``: the typed account is not on file; ``twin``: the account it duplicates."""
        self.twin = twin if new else None
        if self.twin is not None:
            text = f"⚠ {describe(self.twin)} is already an account: {self.twin.why}."
            self.note.setStyleSheet("color: #b54708; font-weight: bold;")
            self.button.setText(f"&Use {self.twin.name}")
        else:
            text = NEW_ACCOUNT if new else ""
            self.note.setStyleSheet("")
        self.note.setText(text)
        self.note.setToolTip(text)
        self.button.setVisible(self.twin is not None)


#: "use", "create" or "" (neither: the user goes back to the form).
TwinAnswer = str
AskTwin = Callable[[QWidget, str, SameCompany], TwinAnswer]


def ask_same_company(parent: QWidget, typed: str, twin: SameCompany) -> TwinAnswer:
    """Register on the existing account (the default), create a new one anyway, or go back."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Use the existing account?",
        f"{describe(twin)} is already an account, and is the same company as "
        f"“{typed}” ({twin.why}).",
        parent=parent,
    )
    box.setObjectName("sameCompanyQuestion")
    box.setInformativeText("Register the claim on it, or create a new account anyway?")
    use = box.addButton(f"Use {twin.name}", QMessageBox.ButtonRole.AcceptRole)
    use.setObjectName("useExisting")
    create = box.addButton("Create a new account", QMessageBox.ButtonRole.DestructiveRole)
    create.setObjectName("createNew")
    back = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(use)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    return "use" if clicked is use else "create" if clicked is create else ""
