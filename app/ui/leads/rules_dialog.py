"""Lead rules: where each grade goes, what each tier weighs, the deadlines and the pause rule,
shown in plain words and changed in one place (the ``leadrules`` import changes the same ones).

Save checks the rules as a whole before storing anything: a set of rules under which no lead
could ever reach a partner (every grade routed to partners, but every tier weighing 0) is
refused with what to change, not stored.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InputError
from app.domain.leads.rules import GRADES, ROUTES, LeadRules
from app.services.leads.rules import read_lead_rules, save_lead_rules
from app.services.partners.edit import tier_names
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.field_box import ProblemLine
from app.ui.unsaved import GuardsUnsavedEdits

ROUTE_WORDS = {"direct": "the direct team", "partners": "the partners", "nurture": "nurture"}
NUMBERS = (
    ("acceptance_days", "Acc&eptance days", 0, 365, "Days a partner has to accept a lead"),
    ("quiet_days", "&Quiet after days", 0, 3650,
     "An accepted lead with no outcome this long is quiet"),
    ("load_window_days", "&Load window days", 1, 3650,
     "How far back a partner's leads count as its load"),
    ("pause_after_expired", "&Pause after expired", 0, 1000,
     "Leads let expire within the load window that pause a partner (0: never)"),
)  # fmt: skip


def plain_words(rules: LeadRules) -> str:
    """The rules as a sentence or two a partner could read."""
    by_route: dict[str, list[str]] = {}
    for grade in GRADES:
        by_route.setdefault(rules.route_of(None if grade == "none" else grade), []).append(
            "ungraded" if grade == "none" else grade
        )
    parts = [f"{', '.join(g)} leads go to {ROUTE_WORDS[r]}" for r, g in by_route.items()]
    pause = (
        f"after {rules.pause_after_expired} let expire within {rules.load_window_days} days a "
        "partner is paused"
        if rules.pause_after_expired
        else "a partner is never paused"
    )
    return (
        "; ".join(parts)
        + f". A partner has {rules.acceptance_days} days to accept; an accepted lead with no "
        f"outcome for {rules.quiet_days} days is quiet; {pause}."
    )


class LeadRulesDialog(GuardsUnsavedEdits, QDialog):
    """Edit the lead rules; ``saved`` once they are stored."""

    noun = "lead rules"
    saved = Signal()

    def __init__(self, context: UiContext, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadRulesDialog")
        self.setWindowTitle("Lead rules")
        self.context, self.db = context, db
        with db.reading() as session:
            rules = read_lead_rules(session)
            tiers = tier_names(session)
        self.routes: dict[str, QComboBox] = {}
        routes_box = QGroupBox("Where each grade goes")
        routes_form = QFormLayout(routes_box)
        for grade in GRADES:
            combo = QComboBox()
            combo.setObjectName(f"route_{grade}")
            combo.setAccessibleName(f"Route of grade {grade}")
            for route in ROUTES:
                combo.addItem(ROUTE_WORDS[route].capitalize(), route)
            route = rules.route_of(None if grade == "none" else grade)
            combo.setCurrentIndex(combo.findData(route))
            routes_form.addRow(f"Grade &{grade}" if grade != "none" else "&Ungraded", combo)
            self.routes[grade] = combo
        self.weights: dict[str, QSpinBox] = {}
        weights_box = QGroupBox("Tier weights (a tier's share of the leads; 0: no leads)")
        weights_form = QFormLayout(weights_box)
        for tier in tiers:
            spin = QSpinBox()
            spin.setObjectName(f"weight_{tier}")
            spin.setAccessibleName(f"Weight of tier {tier}")
            spin.setRange(0, 1000)
            spin.setValue(rules.weight_of(tier))
            weights_form.addRow(f"{tier}", spin)
            self.weights[tier] = spin
        if not tiers:
            weights_form.addRow(QLabel("No tiers yet: every partner weighs 1."))
        self.numbers: dict[str, QSpinBox] = {}
        numbers_box = QGroupBox("Deadlines and the pause rule")
        numbers_form = QFormLayout(numbers_box)
        for key, label, low, high, tip in NUMBERS:
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(low, high)
            spin.setValue(getattr(rules, key))
            spin.setToolTip(tip)
            spin.setAccessibleName(label.replace("&", ""))
            numbers_form.addRow(label, spin)
            self.numbers[key] = spin
        self.summary = QLabel(plain_words(rules))
        self.summary.setObjectName("leadRulesSummary")
        self.summary.setWordWrap(True)
        self.problem = ProblemLine()
        self.import_button = QPushButton("&Import…")
        self.import_button.setObjectName("importLeadRules")
        self.import_button.setToolTip(
            "Import lead rules from a workbook (sheets Grades, Tier weights, Settings)"
        )
        columns = QHBoxLayout()
        columns.addWidget(routes_box)
        columns.addWidget(weights_box)
        columns.addWidget(numbers_box)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        heading = QWidget()
        heading_row = QHBoxLayout(heading)
        heading_row.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>How leads are routed</b>: the same rules for the Route button and "
                       "<code>leads route</code>.")  # fmt: skip
        title.setWordWrap(True)
        heading_row.addWidget(title, 1)
        heading_row.addWidget(self.import_button)
        self.lay_out_editor(heading, body)
        self.save_button.setEnabled(False)
        for combo in self.routes.values():
            combo.currentIndexChanged.connect(self._edited)
        for spin in (*self.weights.values(), *self.numbers.values()):
            spin.valueChanged.connect(self._edited)
        self.import_button.clicked.connect(self.import_rules)

    def rules(self) -> LeadRules:
        """The rules as set in the dialog (``InputError`` if the domain refuses them)."""
        return LeadRules(
            routes={g: str(c.currentData()) for g, c in self.routes.items()},
            tier_weights={t: s.value() for t, s in self.weights.items()},
            **{key: spin.value() for key, spin in self.numbers.items()},
        )

    def problem_of(self, rules: LeadRules) -> str | None:
        """What makes ``rules`` unusable as a whole, in words; None when they are fine."""
        to_partners = [g for g in GRADES if rules.routes[g] == "partners"]
        if to_partners and self.weights and all(s.value() == 0 for s in self.weights.values()):
            grades = ", ".join("ungraded" if g == "none" else g for g in to_partners)
            return (
                f"Every tier weighs 0, so the {grades} leads routed to the partners could never "
                "reach one: give a tier a weight, or route those grades elsewhere."
            )
        return None

    def _edited(self) -> None:
        try:
            rules = self.rules()
        except InputError as exc:
            self.problem.setText(str(exc))
            self._show_dirty(True)
            return
        self.summary.setText(plain_words(rules))
        self.problem.setText(self.problem_of(rules) or "")
        self._show_dirty(self.has_unsaved_edits())

    def save(self) -> bool:
        try:
            rules = self.rules()
        except InputError as exc:
            self.problem.setText(str(exc))
            return False
        problem = self.problem_of(rules)
        if problem is not None:
            self.problem.setText(problem)
            return False
        try:
            with self.db.transaction() as session:
                save_lead_rules(session, rules)
        except Exception as exc:  # a refusal (or a bug) is shown through the error hook
            self.context.errors.show_now(exc)
            return False
        self.context.changes.announce({RecordKind.SETTING, RecordKind.TIER})
        self._show_dirty(False)
        self.saved.emit()
        self.accept()
        return True

    def import_rules(self) -> None:
        """Close (asking first if there are edits), then import a rules workbook."""
        self.reject()
        if self.isVisible():
            return  # the person kept editing
        commands = getattr(self.parent(), "commands", None)
        if commands is not None:
            commands.import_records(kind="leadrules")
