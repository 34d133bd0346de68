"""The partner dialog's Scorecard tab: how the partner is doing over a period, at a glance.

Its health score with the rules behind it, its figures written out, the charts the quarterly
review prints (``scorecard_charts``), and the certifications running out, open claims and
overlaps as small lists. The scorecard reads several whole tables, so it is read in the
background, and only once the tab is first shown: the dialog opens at once, and a person who
never looks at the scorecard never waits for it. A new period reads again; only the newest read
is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.columns import Column
from app.domain.quarters import Quarter
from app.services.scorecard.charts import ScorecardCharts, scorecard_charts
from app.services.scorecard.columns import (
    CLAIM_LIST_COLUMNS,
    EXPIRING_LIST_COLUMNS,
    OVERLAP_LIST_COLUMNS,
)
from app.services.scorecard.figures import PartnerScorecard
from app.services.scorecard.scorecard import partner_scorecard
from app.services.scorecard.summary import LABELS, summary_lines
from app.services.store import Database
from app.ui.changes import ALL_KINDS, RecordKind
from app.ui.charts.click_through import behind
from app.ui.charts.view import ChartView
from app.ui.context import UiContext
from app.ui.elided_label import ElidedLabel
from app.ui.operations import IsCancelled, LatestOnly, Operation, Progress
from app.ui.page_scroll import page_scroll
from app.ui.partners.health_panel import HealthPanel
from app.ui.partners.review_dialog import ReviewButton
from app.ui.program.period import Period, PeriodPicker, custom_period
from app.ui.record_table import RecordTable
from app.ui.unsaved import not_an_edit

#: The charts' titles before their figures arrive (a screen reader names them at once).
CHART_TITLES = {
    "revenue": "Won revenue by quarter",
    "pipeline": "Open pipeline by stage",
    "certifications": "Certified people by product family",
    "leads": "Leads over the period",
}
#: The page behind each chart, and what it is filtered by: the partner's name, or the key the
#: lead board names a recipient by (its Partner ID, else its name); the Program page by period.
BEHIND = {
    "revenue": ("program", "name"),
    "pipeline": ("deals", "name"),
    "certifications": ("training", "name"),
    "leads": ("leads", "code"),
}
#: What a scorecard reads: every kind of record (the price book too: a SPIF accrues by the
#: family of a quoted product).
READS = ALL_KINDS
#: Two columns of charts need this much room; less, and they stack.
TWO_COLUMNS_PX = 760
#: The lists show this many rows before they scroll.
LIST_ROWS = 6


def last_four_quarters(today: date) -> Period:
    """Today's quarter and the three before it, up to today: the scorecard's first period."""
    first = Quarter.of(today).preceding().preceding().preceding()
    return custom_period(first.start, today)


class ScorecardTab(QWidget):
    """One partner's scorecard; ``partner()`` gives its Partner ID (or its name without one)
    at the moment of reading, so a renamed partner is read under its new name. ``filled``
    fires each time a read has been put on screen; ``wanted(page key, filter text, period)``
    asks the window to open the page behind a clicked figure, as the dashboard's charts do."""

    filled = Signal()
    wanted = Signal(str, str, object)

    def __init__(
        self,
        context: UiContext,
        db: Database,
        partner: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scorecardTab")
        self.context, self.db, self.partner = context, db, partner
        self.card: PartnerScorecard | None = None
        self.charts: ScorecardCharts | None = None
        self.stale = True
        self.reads = 0  # reads put on screen: tests check the tab reads only when it must
        self.reading = LatestOnly()
        # Records changed anywhere (another page, an import): read again, now or when shown.
        context.changes.changed.connect(self._records_changed)
        self.period_picker = PeriodPicker(context.today())
        self.period_picker.set_period(last_four_quarters(context.today()))
        self.period_picker.changed.connect(lambda _period: self.read())
        for choice in self.period_picker.findChildren(QWidget):  # a view, not the partner's data
            not_an_edit(choice)
        # What the figures are: being read, or as of which day. It gives way in a narrow
        # dialog rather than widening it.
        self.status = ElidedLabel("", shortest=40)
        self.status.setObjectName("cardLabel")
        top = QHBoxLayout()
        top.addWidget(self.period_picker)
        top.addStretch(1)
        top.addWidget(self.status, 1)
        self.review = ReviewButton(
            context, db, partner, lambda: self.card.partner if self.card else None
        )
        top.addWidget(self.review)
        self.health = HealthPanel()
        self.values: dict[str, QLabel] = {}
        self.empty_notes: dict[str, QLabel] = {}  # per list: what it says when it is empty
        figures = self._figures_grid()
        self.views: dict[str, ChartView] = {}
        for name, title in CHART_TITLES.items():
            view = ChartView(context.errors, height_px=240)
            view.setObjectName(f"scorecard_{name}")
            view.setAccessibleName(title)
            view.picked.connect(lambda _series, category, n=name: self.open_behind(n, category))
            self.views[name] = view
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(12)
        self.columns = 0
        self._arrange(2)
        self.expiring = self._list(
            "scorecard_expiring",
            EXPIRING_LIST_COLUMNS,
            "Certifications expiring next quarter",
            "No certification runs out next quarter.",
        )
        self.claims = self._list(
            "scorecard_claims", CLAIM_LIST_COLUMNS, "Open claims", "No open claim."
        )
        self.overlaps = self._list(
            "scorecard_overlaps",
            OVERLAP_LIST_COLUMNS,
            "Open overlaps",
            "No open overlap involves this partner.",
        )
        content = QWidget()
        content.setObjectName("scorecardContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 12, 0)  # clear of the scroll bar when there is one
        body.setSpacing(16)
        body.addWidget(self.health)
        body.addLayout(figures)
        body.addLayout(self.chart_grid)
        for table in (self.expiring, self.claims, self.overlaps):
            body.addWidget(self._list_section(table, table.accessibleName()))
        body.addStretch(1)
        self.scroll_area = page_scroll(content, "scorecardScroll", "Scorecard")
        content.setStyleSheet("QWidget#scorecardContent { background: transparent; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)

    def _figures_grid(self) -> QGridLayout:
        """Label and value pairs, two pairs a row; the values come with the first read."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for n, (key, caption) in enumerate(LABELS.items()):
            label = QLabel(caption)
            label.setObjectName("cardLabel")
            value = QLabel("–")
            value.setObjectName(f"figure_{key}")
            value.setWordWrap(True)
            value.setAccessibleName(caption)
            row, pair = divmod(n, 2)
            grid.addWidget(label, row, pair * 2)
            grid.addWidget(value, row, pair * 2 + 1)
            self.values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _list(
        self, name: str, columns: Sequence[Column[Any]], title: str, empty: str
    ) -> RecordTable:
        table = RecordTable(name, columns, self)
        table.setAccessibleName(title)
        table.empty_text = empty
        note = QLabel(empty)
        note.setObjectName("cardLabel")
        self.empty_notes[name] = note
        return table

    def _list_section(self, table: RecordTable, title: str) -> QWidget:
        """The list under its title; an empty list is one line that says so, not an empty
        table."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        layout.addWidget(label)
        layout.addWidget(table)
        layout.addWidget(self.empty_notes[table.objectName()])
        table.hide()
        return box

    # --- reading -------------------------------------------------------------------------

    def invalidate(self) -> None:
        """The partner or its records changed: read again now if in view, else when shown."""
        self.stale = True
        if self.isVisible():
            self.read()
        else:
            self.reading.cancel()

    def _records_changed(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & READS:
            self.invalidate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale and not self.reading.running:
            self.read()

    def read(self) -> None:
        """Read the scorecard for the period shown, in the background; the figures read
        before stay in view until the new ones arrive."""
        code = self.partner()
        if code is None:
            return
        self.stale = False
        period, today, db = self.period_picker.period(), self.context.today(), self.db

        def work(_progress: Progress, _cancelled: IsCancelled) -> PartnerScorecard:
            with db.reading() as session:
                return partner_scorecard(session, code, period.start, period.end, today)

        operation: Operation[PartnerScorecard] = Operation(self, self.context.errors, work)
        operation.success(lambda card: self._arrived(operation, card))
        operation.failure(lambda exc: self._failed(operation, exc))
        operation.when_cancelled(lambda: self._cancelled(operation))
        operation.finished.connect(operation.deleteLater)
        self.reading.start(operation)
        self.status.setText("Reading the scorecard…")

    def _arrived(self, operation: Operation[PartnerScorecard], card: PartnerScorecard) -> None:
        if not self.reading.is_current(operation):
            return
        self.show_card(card)

    def _failed(self, operation: Operation[PartnerScorecard], exc: BaseException) -> None:
        if self.reading.is_current(operation):
            self.status.setText("The scorecard could not be read.")
            self.stale = True
            self.context.errors.show_now(exc)

    def _cancelled(self, operation: Operation[PartnerScorecard]) -> None:
        if self.reading.is_current(operation):
            self.status.setText("")
            self.stale = True  # read again when next shown

    def show_card(self, card: PartnerScorecard) -> None:
        """Put ``card`` on screen: score, figures, charts and lists."""
        self.card = card
        self.status.setText(f"Figures as of {card.today.isoformat()}")
        self.health.show_score(card.health)
        for line in summary_lines(card):
            self.values[line.key].setText(line.text)
        self.charts = scorecard_charts(card)
        for name, spec in self.charts:
            self.views[name].show_spec(spec)
        self.expiring.records.set_rows(list(card.expiring_next_quarter))
        self.claims.records.set_rows(list(card.open_claims))
        self.overlaps.records.set_rows(list(card.overlaps))
        for table in (self.expiring, self.claims, self.overlaps):
            rows = table.records.rowCount()
            table.setVisible(rows > 0)
            self.empty_notes[table.objectName()].setVisible(rows == 0)
            bar = table.horizontalScrollBar().sizeHint().height()
            table.fit_height_to_rows(LIST_ROWS, extra=bar)
        self.reads += 1
        self.filled.emit()

    def open_behind(self, name: str, category: int) -> None:
        """Open the page whose rows make the clicked figure, filtered to this partner."""
        card, charts = self.card, self.charts
        if card is None or charts is None:
            return
        page, key = BEHIND[name]
        text = card.partner_code if key == "code" else card.partner
        found = behind(page, getattr(charts, name), category, text)
        self.wanted.emit(found.page, found.text, found.period)

    # --- layout --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(2 if event.size().width() >= TWO_COLUMNS_PX else 1)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for view in self.views.values():
            self.chart_grid.removeWidget(view)
        for n, view in enumerate(self.views.values()):
            self.chart_grid.addWidget(view, n // columns, n % columns)
        for column in range(2):
            self.chart_grid.setColumnStretch(column, 1 if column < columns else 0)
