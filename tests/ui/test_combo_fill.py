"""Choice lists refilled from the database keep the user's pick and show what is there now."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Partner
from app.ui.combo_fill import refill
from app.ui.context import UiContext
from app.ui.dashboard.charts_area import ChartsArea
from tests.support.sample_records import add_sample_records

DRAW_MS = 30_000


def entries(combo: QComboBox) -> list[tuple[str, object]]:
    return [(combo.itemText(n), combo.itemData(n)) for n in range(combo.count())]


def test_a_refill_keeps_the_pick_quietly_and_says_when_it_is_gone(qtbot: QtBot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("All", None)
    refill(combo, [("Acme", "A"), ("Bolt", "B")])
    combo.setCurrentIndex(2)
    picked: list[int] = []
    combo.currentIndexChanged.connect(picked.append)
    assert refill(combo, [("Apex", "X"), ("Bolt", "B")]) is False
    assert (combo.currentText(), picked) == ("Bolt", [])
    assert entries(combo) == [("All", None), ("Apex", "X"), ("Bolt", "B")]
    assert refill(combo, [("Apex", "X")]) is True
    assert (combo.currentIndex(), picked) == (0, [])
    assert refill(combo, [("Apex", "X")], choose="X") is False
    assert combo.currentText() == "Apex"


def test_the_dashboard_partner_list_shows_a_renamed_partner(
    qtbot: QtBot, context: UiContext, sqlite_db: Database
) -> None:
    add_sample_records(sqlite_db)
    area = ChartsArea(context)
    qtbot.addWidget(area)
    area.db = sqlite_db

    def read_and_wait() -> None:
        area.read()
        qtbot.waitUntil(
            lambda: (
                area.charts is not None
                and all(view.current is not None for view in area.views.values())
            ),
            timeout=DRAW_MS,
        )

    read_and_wait()
    assert area.partner.count() == 4  # "All partners" and the three partners
    area.partner.setCurrentIndex(area.partner.findData("P-001"))
    with sqlite_db.transaction() as session:
        partner = session.scalars(select(Partner).where(Partner.partner_code == "P-001")).one()
        partner.name = "Northwind Renamed"
    area.read()

    def texts() -> list[str]:
        return [area.partner.itemText(n) for n in range(area.partner.count())]

    # The charts of the first read already stand: wait for the list this read refills.
    qtbot.waitUntil(lambda: "Northwind Renamed (P-001)" in texts(), timeout=DRAW_MS)
    assert "Northwind Traders (P-001)" not in texts()
    assert area.partner.currentData() == "P-001"


def test_the_filter_rows_build_their_lists_alike(qtbot: QtBot) -> None:
    """Leads and partners: "All …" first with no data, long names at a fixed width."""
    from app.ui.combo_fill import LONG_NAMES_WIDTH
    from app.ui.leads.filters import LeadFilters
    from app.ui.partners.filters import PartnerFilters

    leads, partners = LeadFilters(), PartnerFilters()
    qtbot.addWidget(leads)
    qtbot.addWidget(partners)
    long_names = {"recipient", "campaign", "country", "account_manager"}
    for key, combo in [*leads.combos.items(), *partners.combos.items()]:
        assert combo.itemText(0).startswith("All ") and combo.itemData(0) is None, key
        assert combo.toolTip() and combo.accessibleName().startswith("Filter by"), key
        fixed = combo.sizeAdjustPolicy() is not QComboBox.SizeAdjustPolicy.AdjustToContents
        assert fixed == (key in long_names), key
        if fixed:
            assert combo.minimumContentsLength() == LONG_NAMES_WIDTH, key
