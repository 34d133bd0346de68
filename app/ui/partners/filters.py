"""The filter row of the partners page: tier, type, status, country and account manager.

Each list offers "All …" first and then only values the database holds, so a filter never
leads to an empty page by a typo.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.countries import country_name
from app.domain.enums import PartnerStatus, PartnerType
from app.services.partners.listing import FilterChoices, PartnerQuery
from app.ui.combo_fill import filter_combo, refill
from app.ui.flow_layout import FlowLayout


class PartnerFilters(QWidget):
    """Emits ``changed`` whenever a filter is picked; ``apply`` writes them into a query."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # In a narrow window the lists go onto a second line rather than being cut off.
        self.flow = layout = FlowLayout(self, spacing=8)
        self._quiet = False
        self.combos: dict[str, QComboBox] = {}
        for key, text, everyone in (
            ("tier", "Tie&r", "All tiers"),
            ("type", "T&ype", "All types"),
            ("status", "&Status", "All statuses"),
            ("country", "C&ountry", "All countries"),
            ("account_manager", "&Manager", "All managers"),
        ):
            # The first entry names the filter ("All tiers"), so no label takes room beside it.
            combo = filter_combo(
                f"filter_{key}",
                f"Filter by {key.replace('_', ' ')}",
                everyone,
                f"Show only partners of one {text.replace('&', '').lower()}",
                long_names=key in ("country", "account_manager"),
            )
            layout.addWidget(combo)
            self.combos[key] = combo
            combo.currentIndexChanged.connect(self._picked)
        self._fill("type", [(t.label, t) for t in PartnerType])
        self._fill("status", [(s.label, s) for s in PartnerStatus])

    def add_trailing(self, widget: QWidget) -> None:
        """``widget`` (the page's buttons) at the right end of the row, or of its last line."""
        self.flow.add_trailing(widget)

    def set_choices(self, choices: FilterChoices) -> None:
        """Offer what the database holds now, keeping each pick that is still offered."""
        self._quiet = True
        self._fill("tier", [(t, t) for t in choices.tiers])
        self._fill("country", [(f"{country_name(c)} ({c})", c) for c in choices.countries])
        self._fill("account_manager", [(m, m) for m in choices.account_managers])
        self._quiet = False

    def apply(self, query: PartnerQuery) -> PartnerQuery:
        picked = {key: combo.currentData() for key, combo in self.combos.items()}
        return query.with_(**picked)

    def _fill(self, key: str, items: list[tuple[str, object]]) -> None:
        if refill(self.combos[key], items) and not self._quiet:
            self.changed.emit()

    def _picked(self) -> None:
        if not self._quiet:
            self.changed.emit()
