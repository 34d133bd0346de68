"""The parties of a joint deal: who works it, in which role, for what commission.

A row of controls adds a party (a partner or one of our reps, picked by typing), the list shows
them all, and the line under it adds their commissions up and warns when together they expect
more than the commission limit — the moment to agree the split is before the deal closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import PartyRole
from app.domain.importing import values as v
from app.domain.money import format_percent
from app.services.claims.account_edit import Choice
from app.services.deals.edit import Party, check_parties, commission_warning, total_commission
from app.ui.completing import completing_line
from app.ui.enter_acts import enter_acts
from app.ui.field_box import ProblemLine
from app.ui.record_table import align_headers
from app.ui.selection_gate import SelectionGate
from app.ui.sheet_table import SheetTable
from app.ui.table_menu import Needs

_REP = "  (direct rep)"


class PartiesEditor(QWidget):
    """Edits a list of ``Party``; ``changed`` fires on every addition or removal."""

    changed = Signal()

    def __init__(
        self,
        partners: Sequence[Choice],
        reps: Sequence[Choice],
        limit: Decimal,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.limit = limit
        self.parties: list[Party] = []
        self.by_label: dict[str, tuple[int | None, int | None, str]] = {}
        for c in partners:
            self.by_label[c.label.casefold()] = (c.id, None, c.label)
        for c in reps:
            self.by_label[(c.label + _REP).casefold()] = (None, c.id, c.label)
        labels = [c.label for c in partners] + [c.label + _REP for c in reps]
        self.who = completing_line(labels, "Partner or direct rep", must_pick=True)
        self.who.setObjectName("partyName")
        self.who.setAccessibleName("Party")
        self.who.setMinimumWidth(160)  # a partner's name stays readable in a narrow dialog
        self.role = QComboBox()
        self.role.setObjectName("partyRole")
        self.role.setAccessibleName("Role")
        for role in PartyRole:
            self.role.addItem(role.label, role)
        self.commission = QLineEdit()
        self.commission.setObjectName("partyCommission")
        self.commission.setAccessibleName("Commission %")
        self.commission.setPlaceholderText("Commission %")
        self.commission.setMaximumWidth(120)
        self.commission.setMinimumWidth(
            self.commission.fontMetrics().horizontalAdvance("Commission %") + 16
        )  # its placeholder is its label: never cut to "C…"
        self.add_button = QPushButton("Add par&ty")
        self.add_button.setObjectName("addParty")
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.setObjectName("removeParty")
        self.problem = ProblemLine()  # its room kept: a refusal moves nothing
        self.table = SheetTable(0, 3, "Parties")
        self.table.setObjectName("parties")
        self.table.setHorizontalHeaderLabels(["Party", "Role", "Commission"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        align_headers(self.table, numbers=(2,))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 170)
        header.resizeSection(2, 110)
        self.total = QLabel()
        self.total.setObjectName("commissionTotal")
        # one line, not wrapped: a wrapped label makes the dialog's layout share its height by
        # width and squeeze the deal's fields in a short window (the whole text is its tooltip)
        self.total.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.who, 3)
        row.addWidget(self.role, 2)
        row.addWidget(self.commission, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self.add_button.clicked.connect(self.add_typed)
        enter_acts(self.commission, self.add_typed)
        self.remove_button.clicked.connect(self.remove_selected)
        self.gate = SelectionGate(self)  # Remove waits for a party to be selected
        self.gate.rows(self.remove_button, self.table, Needs.SOME)
        self.who.textChanged.connect(self._suggest_role)
        self._show()

    def set_parties(self, parties: Sequence[Party]) -> None:
        self.parties = list(parties)
        self._show()

    def add_typed(self) -> bool:
        """Add the party typed in the controls; False (with the reason shown) if it cannot be."""
        found = self.by_label.get(self.who.text().strip().casefold())
        try:
            pct = v.percent(self.commission.text(), "commission") or Decimal(0)
        except v.BadValue as exc:
            return self._refuse(f"Commission {exc}")
        if found is None:
            return self._refuse("Choose a partner or a direct rep from the list.")
        partner_id, rep_id, name = found
        role = PartyRole(self.role.currentData())
        party = Party(partner_id, rep_id, role, pct, name)
        problem = check_parties([*self.parties, party])
        if problem:
            return self._refuse(problem)
        self.parties.append(party)
        self.who.clear()
        self.commission.clear()
        self.problem.hide()
        self._show()
        self.changed.emit()
        self.who.setFocus()
        return True

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.parties[row]
        if rows:
            self._show()
            self.changed.emit()

    def warning(self) -> str | None:
        return commission_warning(self.parties, self.limit)

    def _refuse(self, text: str) -> bool:
        self.problem.setText(text)
        self.problem.show()
        return False

    def _suggest_role(self, text: str) -> None:
        found = self.by_label.get(text.strip().casefold())
        if found is None:
            return
        if found[1] is not None:
            wanted = PartyRole.DIRECT_REP
        elif any(p.role is PartyRole.REGISTERING_PARTNER for p in self.parties):
            wanted = PartyRole.FULFILMENT_PARTNER
        else:
            wanted = PartyRole.REGISTERING_PARTNER
        self.role.setCurrentIndex(self.role.findData(wanted))

    def _show(self) -> None:
        self.table.setRowCount(len(self.parties))
        for n, party in enumerate(self.parties):
            name = party.name + (_REP if party.direct_rep_id is not None else "")
            pct = QTableWidgetItem(format_percent(party.commission_pct))
            pct.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate(
                (QTableWidgetItem(name), QTableWidgetItem(party.role.label), pct)
            ):
                self.table.setItem(n, column, item)
        total = format_percent(total_commission(self.parties))
        warning = self.warning()
        if warning:
            self.total.setText(f"⚠ {warning}")
            self.total.setToolTip(self.total.text())
            self.total.setStyleSheet("color: #b54708; font-weight: bold;")
        else:
            limit = format_percent(self.limit)
            text = f"Commission together: {total} (limit {limit})"
            if self.parties and not any(
                p.role is PartyRole.REGISTERING_PARTNER for p in self.parties
            ):
                text += " · no registering partner yet"
            self.total.setText(text)
            self.total.setToolTip(self.total.text())
            self.total.setStyleSheet("")
