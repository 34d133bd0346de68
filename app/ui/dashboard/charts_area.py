"""The dashboard's charts: what they look at (period, partner), the charts themselves in a grid
that folds to one column in a narrow window, and where a click on each one leads.

The figures are read on a worker thread after the page's headline figures have painted, and each
chart then draws itself in the background (``ChartView``), so the page answers at once and the
charts arrive after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from app.services.dashboard.chart_data import CHART_PARTS, ChartFilter, DashboardCharts
from app.services.partners.names import partner_label, partner_names
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.charts.click_through import behind
from app.ui.charts.view import ChartView
from app.ui.combo_fill import refill
from app.ui.context import UiContext
from app.ui.dashboard.chart_kinds import PART_KINDS as PART_KINDS
from app.ui.operations import IsCancelled, LatestOnly, Operation, Progress
from app.ui.program.period import PeriodPicker, year_period

#: The charts in the order they are laid out, with the attribute of ``DashboardCharts``.
CHART_NAMES = ("pipeline", "won", "program", "funnel", "grades", "coverage", "overlaps")
#: Two columns of charts need at least this much room; less, and they stack.
TWO_COLUMNS_PX = 1000


@dataclass(frozen=True)
class ChartsRead:
    charts: DashboardCharts
    partners: dict[str, str]  # Partner ID → name, for the partner filter


class ChartsArea(QWidget):
    """Filters and charts. ``wanted(page key, filter text, period)`` asks the window to open
    the page behind a clicked figure (the period only for the Program page)."""

    wanted = Signal(str, str, object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db: Database | None = None
        self.charts: DashboardCharts | None = None
        self.reading = LatestOnly()
        today = context.today()
        self.period_picker = PeriodPicker(today)
        self.period_picker.set_period(year_period(today.year))
        self.partner = QComboBox()
        self.partner.setObjectName("dashboardPartner")
        self.partner.setAccessibleName("Partner")
        self.partner.addItem("All partners", None)
        partner_label = QLabel("&Partner")
        partner_label.setBuddy(self.partner)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.period_picker)
        filters.addSpacing(12)
        filters.addWidget(partner_label)
        filters.addWidget(self.partner, 1)
        filters.addStretch(1)
        self.views: dict[str, ChartView] = {}
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        for name in CHART_NAMES:
            view = ChartView(context.errors)
            view.setObjectName(f"chart_{name}")
            view.picked.connect(lambda s, c, n=name: self.open_behind(n, s, c))
            self.views[name] = view
        self.columns = 0
        self._arrange(2)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters, 0, 0)
        layout.addLayout(self.grid, 1, 0)
        self.period_picker.changed.connect(lambda _period: self.look_again())
        self.partner.currentIndexChanged.connect(lambda _index: self.look_again())
        #: The parts (``CHART_PARTS``) whose charts are out of date, and those being read.
        self.unread: set[str] = set(CHART_PARTS)
        self._reading_parts: frozenset[str] = frozenset()
        self.reads: list[frozenset[str]] = []  # the parts each reading asked for: tests read it

    def chosen(self) -> ChartFilter:
        period = self.period_picker.period()
        return ChartFilter(
            period.start, period.end, self.context.today(), self.partner.currentData()
        )

    def look_again(self) -> None:
        """Another period or partner: every chart says it is waiting, and all are read."""
        self.unread |= set(CHART_PARTS)
        for view in self.views.values():
            view.show_waiting("Reading…")
        self.read()

    def outdated(self, kinds: frozenset[RecordKind]) -> None:
        """Records of ``kinds`` changed: the parts read from them are read again (now if the
        charts are in view, else when they are next shown); the charts keep their pictures
        until the new figures arrive, and a chart whose figures did not change is not drawn
        again."""
        parts = {part for part, wanted in PART_KINDS.items() if kinds & wanted}
        if parts:
            self.unread |= parts
            if self.isVisible():
                self.read()

    def forget(self) -> None:
        """Another database: nothing shown is true any more, and nothing is read until the
        page gives the new database (``db``)."""
        self.reading.cancel()
        self.db, self.charts = None, None
        self.unread |= set(CHART_PARTS)

    def read(self) -> None:
        """Read the out-of-date parts in the background (with a part whose reading is under
        way, as a new reading stops that one)."""
        db = self.db
        if db is None or not self.unread:
            return
        parts = frozenset(self.unread | self._reading_parts)
        previous = self.charts
        if previous is None:
            parts = frozenset(CHART_PARTS)
        self.unread.clear()
        self._reading_parts = parts
        self.reads.append(parts)
        chosen = self.chosen()

        def work(_progress: Progress, cancelled: IsCancelled) -> ChartsRead | None:
            with db.reading() as session:
                return _read(session, chosen, parts, previous, cancelled)

        operation: Operation[ChartsRead | None] = Operation(self, self.context.errors, work)
        operation.success(lambda result: self._arrived(operation, result))
        operation.failure(lambda exc: self._failed(operation, exc))
        self.reading.start(operation)

    def _arrived(self, operation: Operation[ChartsRead | None], result: ChartsRead | None) -> None:
        if not self.reading.is_current(operation) or result is None:
            return
        self._reading_parts = frozenset()
        self.charts = result.charts
        self._fill_partners(result.partners)
        for name, view in self.views.items():
            spec = getattr(result.charts, name)
            if view.spec != spec:  # the same figures are not drawn again
                view.show_spec(spec)

    def _failed(self, operation: Operation[ChartsRead | None], exc: BaseException) -> None:
        if self.reading.is_current(operation):
            self.unread |= self._reading_parts  # read again at the next change or showing
            self._reading_parts = frozenset()
        self.context.errors.show_now(exc)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.unread and self.charts is not None:  # records changed while out of sight
            self.read()

    def _fill_partners(self, partners: dict[str, str]) -> None:
        """The partner filter lists every partner once, by its name now; the choice survives a
        refresh."""
        ordered = sorted(partners.items(), key=lambda item: item[1].casefold())
        refill(
            self.partner,
            [(partner_label(code, name), code) for code, name in ordered],
        )

    def open_behind(self, name: str, series: int, category: int) -> None:
        """Open the page whose rows make the clicked figure (Enter on a chart: the page of
        the whole chart)."""
        charts = self.charts
        if charts is None:
            return
        spec = getattr(charts, name)
        exposed = name == "overlaps" and 0 <= category < len(charts.overlap_accounts)
        found = behind(_TARGETS[name], spec, category,
                       charts.overlap_accounts[category] if exposed else None)  # fmt: skip
        self.wanted.emit(found.page, found.text, found.period)

    def arrange_for(self, width: int) -> None:
        self._arrange(2 if width >= TWO_COLUMNS_PX else 1)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for view in self.views.values():
            self.grid.removeWidget(view)
        for n, name in enumerate(CHART_NAMES):
            self.grid.addWidget(self.views[name], n // columns, n % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)


#: The page behind each chart.
_TARGETS = {
    "pipeline": "deals",
    "won": "program",
    "program": "program",
    "funnel": "leads",
    "grades": "leads",
    "coverage": "training",
    "overlaps": "overlaps",
}


def _read(
    session: Session,
    chosen: ChartFilter,
    parts: frozenset[str],
    previous: DashboardCharts | None,
    cancelled: Callable[[], bool],
) -> ChartsRead | None:
    """On the worker: the chart service is imported here, the first time, so that the page
    does not wait for its imports before it first paints."""
    from app.services.dashboard.charts import updated_charts

    charts = updated_charts(session, chosen, parts, previous, cancelled)
    return ChartsRead(charts, partner_names(session)) if charts is not None else None
