"""The dashboard: headline figures as of today, then charts of a chosen period and partner.

The headline figures are a few counts and paint first; the charts (``ChartsArea``) are built
once those have painted, then read their figures and draw themselves in the background, each
one a click away from the page behind it. Built and read later, the charts' code (and
matplotlib, imported by their workers) costs the figures nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.dashboard.figures import PIPELINE_COLUMNS, TIER_COLUMNS, Dashboard, load_dashboard
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.dashboard.chart_kinds import PART_KINDS
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural
from app.ui.page_scroll import page_scroll
from app.ui.record_table import RecordTable

if TYPE_CHECKING:
    from app.ui.dashboard.charts_area import ChartsArea

CARDS = (
    ("active_partners", "Active partners"),
    ("certifications_expiring", "Certifications expiring soon"),
    ("live_claims", "Live claims"),
    ("open_deals", "Open deals"),
    ("quotes_awaiting_approval", "Quotes awaiting approval"),
)


class Card(QFrame):
    """One figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("cardLabel")
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)


class DashboardPage(Page):
    key = "dashboard"
    title = "Dashboard"
    icon_name = "dashboard"
    loading_text = "Counting…"
    #: The headline figures' records; the charts' are ``PART_KINDS``.
    tile_kinds = frozenset(
        {
            RecordKind.PARTNER,
            RecordKind.TIER,
            RecordKind.CONTACT,
            RecordKind.TRAINING,
            RecordKind.COURSE,
            RecordKind.CLAIM,
            RecordKind.DEAL,
            RecordKind.QUOTE,
            RecordKind.SETTING,  # the days "expiring soon" counts
        }
    )
    kinds = tile_kinds.union(*PART_KINDS.values())

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.filter_edit.hide()
        self.dashboard: Dashboard | None = None
        cards = QGridLayout()
        cards.setSpacing(12)
        self.cards: dict[str, Card] = {}
        for n, (name, caption) in enumerate(CARDS):
            card = Card(caption)
            self.cards[name] = card
            cards.addWidget(card, 0, n)
            cards.setColumnStretch(n, 1)
        self.tiers = RecordTable("dashboard_tiers", TIER_COLUMNS)
        self.pipeline = RecordTable("dashboard_pipeline", PIPELINE_COLUMNS)
        # Side by side in a wide window; one above the other where they would not both fit
        # whole, so no figure is hidden behind a sideways scroll bar.
        self.table_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.table_row.setSpacing(16)
        for title, table in (
            ("Active partners by tier", self.tiers),
            ("Open pipeline by currency", self.pipeline),
        ):
            column = QVBoxLayout()
            column.setSpacing(6)
            label = QLabel(title)
            label.setObjectName("sectionTitle")
            label.setIndent(0)  # level with the table's edge, as on the other pages
            label.setBuddy(table)
            column.addWidget(label)
            column.addWidget(table)
            column.addStretch(1)  # side by side, the shorter table keeps to the top
            self.table_row.addLayout(column, 1)
        content = QWidget()
        content.setObjectName("dashboardContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 12, 0)  # clear of the scroll bar when there is one
        layout.setSpacing(20)
        layout.addLayout(cards)
        layout.addLayout(self.table_row)
        self.content_layout = layout
        self.charts_area: ChartsArea | None = None  # built once the figures have painted
        layout.addStretch(1)
        # The figures scroll in a window too short for them, rather than making it taller.
        self.scroll_area = page_scroll(content, "dashboardScroll", "Dashboard")
        content.setStyleSheet("QWidget#dashboardContent { background: transparent; }")
        self.body.addWidget(self.scroll_area, 1)
        # The charts are read once the figures have painted (see ``show_read``).
        self._charts_due = False
        self.cards[CARDS[0][0]].installEventFilter(self)

    def set_database(self, db: Database | None) -> None:
        if self.charts_area is not None:
            self.charts_area.forget()  # given the new one once the figures have painted
        super().set_database(db)

    def on_changed(self, kinds: frozenset[RecordKind]) -> None:
        """Read again only what shows records of ``kinds``: the figures, some of the charts,
        or nothing (a price book edit changes nothing here)."""
        if kinds & self.tile_kinds:
            self.invalidate()
        if self.charts_area is not None:  # else it reads everything once it is built
            self.charts_area.outdated(kinds)

    def reader(self) -> Reader:
        """The figures count whole tables: in the background."""
        today = self.context.today()

        def read(session: Session, _progress: Progress, _cancelled: IsCancelled) -> Dashboard:
            return load_dashboard(session, today=today)

        return read

    def show_read(self, result: Dashboard) -> None:
        self.dashboard = board = result
        for name, card in self.cards.items():
            card.value.setText(f"{getattr(board, name):,}")
        expiring = self.cards["certifications_expiring"]
        expiring.caption.setText(f"Certifications expiring in {board.expiring_days} days")
        expiring.setAccessibleName(expiring.caption.text())
        self.tiers.records.set_rows(board.by_tier)
        self.pipeline.records.set_rows(board.pipeline)
        for table in (self.tiers, self.pipeline):
            table.fit_height_to_rows()
        self._arrange()
        area = self.charts_area
        if area is not None:
            area.db = self._db
        if area is None or area.unread:  # the first reading, or charts changed out of sight
            self._charts_due = True
            self.cards[CARDS[0][0]].update()  # painted even when its figure did not change

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The figures have painted: the charts start reading right after, so that their reading
        (and the first time, its imports) never delays the figures on screen."""
        if self._charts_due and event.type() == QEvent.Type.Paint:
            self._charts_due = False
            QTimer.singleShot(0, self, self._read_charts)
        return super().eventFilter(watched, event)

    def _read_charts(self) -> None:
        """Build the charts the first time (their code is loaded here, not with the page), then
        read what they lack."""
        area = self.charts_area
        if area is None:
            from app.ui.dashboard.charts_area import ChartsArea

            area = self.charts_area = ChartsArea(self.context)
            area.wanted.connect(self.wanted)
            self.content_layout.insertWidget(self.content_layout.count() - 1, area)
            area.arrange_for(self.scroll_area.viewport().width())
        area.db = self._db
        area.read()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Stack the tables when the page is too narrow for both side by side."""
        # Side by side, each table has half the room.
        needed = 2 * max(t.natural_width() for t in (self.tiers, self.pipeline))
        needed += self.table_row.spacing()
        room = self.scroll_area.viewport().width()
        if self.charts_area is not None:
            self.charts_area.arrange_for(room)
        direction = (
            QBoxLayout.Direction.LeftToRight if needed <= room else QBoxLayout.Direction.TopToBottom
        )
        if self.table_row.direction() != direction:
            self.table_row.setDirection(direction)

    def count_text(self) -> str:
        if self.dashboard is None:
            return ""
        return f"as of {self.dashboard.today.isoformat()} · " + plural(
            self.dashboard.partners, "partner", "partners"
        )
