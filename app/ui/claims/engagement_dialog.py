"""Rules of engagement: who owns an end customer, in plain words, with the numbers and the
list the person can change.

Registration protection and direct cooling-off are business settings shared by everyone on the
database (``main.py settings set registration-protection`` changes the same one); the named
accounts are the direct team's list, each with the rep who owns it, added through the account
picker and removed by selecting them. The words at the top follow the numbers as they are
typed, so the page always says what Save would put in force. Nothing is stored until Save,
and then all of it at once.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.columns import Column
from app.domain.engagement import rules_in_words
from app.domain.errors import AppError
from app.services.claims.account_edit import account_choices, direct_reps
from app.services.claims.engagement import NamedAccount, read_engagement, save_engagement
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.claims.direct_reps_dialog import REP_KINDS, DirectRepsDialog
from app.ui.combo_fill import refill
from app.ui.completing import completing_line
from app.ui.context import UiContext
from app.ui.enter_acts import enter_acts
from app.ui.record_table import RecordTable
from app.ui.sections import button
from app.ui.unsaved import AsksBeforeDiscarding

NAMED_COLUMNS: tuple[Column[NamedAccount], ...] = (
    Column("name", "Named account", lambda r: r.name, width=30),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("rep", "Direct rep", lambda r: r.rep, width=20),
)
MOST_DAYS = 3650
NO_REP = "(no rep)"


class EngagementDialog(AsksBeforeDiscarding, QDialog):
    """The rules of engagement's settings page; ``save`` stores them."""

    noun = "rules of engagement"

    def __init__(self, db: Database, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagementSettings")
        self.setWindowTitle("Rules of engagement")
        self.db, self.context = db, context
        with db.reading() as session:
            rules = read_engagement(session)
            accounts = account_choices(session)
            reps = direct_reps(session)
        self.accounts = {c.label.casefold(): c for c in accounts}
        for c in accounts:  # the bare name finds the account too when only one has it
            bare = c.label.split(" · ")[0].casefold()
            if sum(1 for o in accounts if o.label.split(" · ")[0].casefold() == bare) == 1:
                self.accounts.setdefault(bare, c)
        self.named: dict[int, NamedAccount] = {n.account_id: n for n in rules.named}

        self.words = QLabel()
        self.words.setObjectName("rulesInWords")
        self.words.setWordWrap(True)
        self.protection = self._days(rules.protection_days, "registrationProtection")
        self.cooling_off = self._days(rules.cooling_off_days, "directCoolingOff")
        numbers = QFormLayout()
        numbers.addRow("Registration &protection:", self.protection)
        numbers.addRow("Direct &cooling-off:", self.cooling_off)

        self.table = RecordTable("named_accounts", NAMED_COLUMNS, self)
        self.table.empty_text = "No named accounts: every account is open to partner claims."
        self.account_line = completing_line(
            [c.label for c in accounts], "Pick an account", must_pick=True
        )
        self.account_line.setObjectName("namedAccountPick")
        self.account_line.setAccessibleName("Account to name")
        self.rep_combo = QComboBox()
        self.rep_combo.setObjectName("namedAccountRep")
        self.rep_combo.setAccessibleName("Direct rep")
        self.rep_combo.addItem(NO_REP, None)
        refill(self.rep_combo, [(rep.label, rep.id) for rep in reps])
        self.reps_button = button(
            "&Direct reps…", "directReps", "Add, rename or retire the direct team's reps"
        )
        self.reps_dialog: DirectRepsDialog | None = None
        self.add_button = button("&Add", "addNamedAccount", "Put the account on the list")
        self.remove_button = button(
            "&Remove", "removeNamedAccount", "Take the selected accounts off the list"
        )
        self.problem = QLabel("")
        self.problem.setObjectName("problems")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a33;")
        pick = QHBoxLayout()
        pick.addWidget(self.account_line, 3)
        pick.addWidget(self.rep_combo, 2)
        pick.addWidget(self.reps_button)
        pick.addWidget(self.add_button)
        pick.addWidget(self.remove_button)
        list_label = QLabel("&Named accounts of the direct team")
        list_label.setBuddy(self.account_line)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(self.words)
        layout.addLayout(numbers)
        layout.addWidget(list_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(pick)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_named)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reps_button.clicked.connect(self.edit_reps)
        context.changes.changed.connect(self._changed)
        enter_acts(self.account_line, self.add_named)
        self.protection.valueChanged.connect(self.show_words)
        self.cooling_off.valueChanged.connect(self.show_words)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.show_rows()
        self.show_words()
        self.resize(760, 560)

    def _days(self, value: int, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(0, MOST_DAYS)
        box.setSuffix(" days")
        box.setValue(value)
        box.setMaximumWidth(box.fontMetrics().horizontalAdvance("0000 days") + 48)
        return box

    def edit_reps(self) -> DirectRepsDialog:
        """The reps' list over this dialog; a rep added there is offered here at once."""
        self.reps_dialog = DirectRepsDialog(self.context, self.db, self)
        self.reps_dialog.open()
        return self.reps_dialog

    def _changed(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & REP_KINDS:
            with self.db.reading() as session:
                reps = direct_reps(session)
            refill(self.rep_combo, [(rep.label, rep.id) for rep in reps])

    def extra_state(self) -> Hashable:
        return tuple(sorted((n.account_id, n.rep_id) for n in self.named.values()))

    def show_words(self) -> None:
        lines = rules_in_words(self.protection.value(), self.cooling_off.value())
        self.words.setText("\n\n".join(lines))

    def show_rows(self) -> None:
        rows = sorted(self.named.values(), key=lambda n: (n.name.casefold(), n.account_id))
        self.table.records.set_rows(rows)
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def add_named(self) -> bool:
        """Put the picked account on the list with the chosen rep (a listed one changes rep)."""
        typed = self.account_line.text().strip()
        choice = self.accounts.get(typed.casefold())
        if choice is None:
            self.problem.setText(
                f"'{typed}' is not an account: pick one from the list as you type."
                if typed
                else "Pick the account to put on the list first."
            )
            self.account_line.setFocus()
            return False
        rep_id = self.rep_combo.currentData()
        rep = self.rep_combo.currentText() if rep_id is not None else None
        self.named[choice.id] = NamedAccount(
            choice.id, choice.label.split(" · ")[0], choice.country, rep_id, rep
        )
        self.problem.setText("")
        self.account_line.clear()
        self.show_rows()
        return True

    def remove_selected(self) -> None:
        for index in self.table.selectionModel().selectedRows():
            row: NamedAccount = self.table.records.row_at(index.row())
            self.named.pop(row.account_id, None)
        self.show_rows()

    def save(self) -> bool:
        """Store the numbers and the list, or say what is wrong and store nothing."""
        try:
            with self.db.transaction() as session:
                save_engagement(
                    session,
                    str(self.protection.value()),
                    str(self.cooling_off.value()),
                    {n.account_id: n.rep_id for n in self.named.values()},
                )
        except AppError as exc:
            self.problem.setText(str(exc))
            return False
        self.context.changes.announce({RecordKind.SETTING, RecordKind.ACCOUNT})
        self.mark_clean()
        self.accept()
        return True


def open_engagement(db: Database, context: UiContext, parent: QWidget) -> EngagementDialog:
    """Show the rules of engagement, modeless, forgotten once closed."""
    dialog = EngagementDialog(db, context, parent)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.show()
    dialog.activateWindow()
    return dialog
