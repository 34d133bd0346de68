"""The filter row of the leads list: status, grade, recipient, campaign, country, and quiet.

Each list offers "All …" first and then only values the database holds, so a filter never
leads to an empty list by a typo. "Quiet only" keeps the leads accepted long ago and never
converted nor lost: the board's quiet figure, lead by lead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QWidget

from app.domain.countries import country_name
from app.domain.enums import LeadStatus
from app.domain.leads.rules import GRADES
from app.services.leads.listing import LeadChoices, LeadQuery
from app.ui.combo_fill import filter_combo, refill
from app.ui.flow_layout import FlowLayout

FILTERS = (
    ("status", "All statuses", "Show only leads of one status"),
    ("grade", "All grades", "Show only leads of one grade"),
    ("recipient", "All recipients", "Show only the leads one recipient holds now"),
    ("campaign", "All campaigns", "Show only the leads of one campaign"),
    ("country", "All countries", "Show only the leads of one country"),
)


class LeadFilters(QWidget):
    """Emits ``changed`` whenever a filter is picked; ``query`` reads them as a ``LeadQuery``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = layout = FlowLayout(self, spacing=8)
        self._quiet = False
        self.combos: dict[str, QComboBox] = {}
        for key, everyone, tip in FILTERS:
            long_names = key in ("recipient", "campaign", "country")
            combo = filter_combo(
                f"lead_filter_{key}", f"Filter by {key}", everyone, tip, long_names
            )
            layout.addWidget(combo)
            self.combos[key] = combo
            combo.currentIndexChanged.connect(self._picked)
        self.quiet = QCheckBox("&Quiet only")
        self.quiet.setObjectName("lead_filter_quiet")
        self.quiet.setToolTip(
            "Only leads accepted more than the quiet days ago and neither converted nor lost"
        )
        layout.addWidget(self.quiet)
        self.quiet.toggled.connect(self._picked)
        #: The Lead IDs the board's quiet figure counted, while the list shows only those.
        self.codes: frozenset[str] | None = None
        self.codes_note = QLabel()
        self.codes_note.setObjectName("leadCodesNote")
        self.show_all = QPushButton("Show &all leads")
        self.show_all.setObjectName("showAllLeads")
        self.show_all.setToolTip("Back to every lead the other filters let through")
        self.show_all.clicked.connect(self.clear_codes)
        layout.addWidget(self.codes_note)
        layout.addWidget(self.show_all)
        self.codes_note.hide()
        self.show_all.hide()
        self._fill("status", [(s.label, s) for s in LeadStatus])
        self._fill("grade", [(g, g) for g in GRADES])

    def set_choices(self, choices: LeadChoices) -> None:
        """Offer what the database holds now, keeping each pick that is still offered."""
        self._quiet = True
        self._fill("recipient", list(choices.recipients))
        self._fill("campaign", [(c, c) for c in choices.campaigns])
        self._fill("country", [(f"{country_name(c)} ({c})", c) for c in choices.countries])
        self._quiet = False

    def query(self) -> LeadQuery:
        picked = {key: combo.currentData() for key, combo in self.combos.items()}
        return LeadQuery(quiet=self.quiet.isChecked(), codes=self.codes, **picked)

    def show_only(self, codes: frozenset[str], said: str) -> None:
        """Only the leads ``codes`` (a board figure's), every other filter cleared so the
        list is exactly that figure; ``said`` names them beside "Show all leads"."""
        self._quiet = True
        for combo in self.combos.values():
            combo.setCurrentIndex(0)
        self.quiet.setChecked(False)
        self.codes = codes
        self.codes_note.setText(said)
        self.codes_note.show()
        self.show_all.show()
        self._quiet = False
        self.changed.emit()

    def clear_codes(self) -> None:
        self.codes = None
        self.codes_note.hide()
        self.show_all.hide()
        self.changed.emit()

    def _fill(self, key: str, items: list[tuple[str, object]]) -> None:
        if refill(self.combos[key], items) and not self._quiet:
            self.changed.emit()

    def _picked(self) -> None:
        if not self._quiet:
            self.changed.emit()
