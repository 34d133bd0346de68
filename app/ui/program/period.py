"""Which period the Program page reports on: a calendar quarter, a year, or any from/to.

A quarter or a year is picked, not typed, so the common questions ("what did Q3 return?") take
two clicks; a custom period takes two dates. The picker always holds a valid period: a "to"
before its "from" is moved up to it, so the report never asks for an empty span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.domain.quarters import Quarter

QUARTER, YEAR, CUSTOM = "quarter", "year", "custom"
FIRST_YEAR, LAST_YEAR = 1900, 2999  # the dates a record may hold (app.domain.dates)


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included, and how a person names them."""

    start: date
    end: date
    name: str = field(compare=False)  # the same days are the same period, however named


def quarter_period(year: int, quarter: int) -> Period:
    return period_of_quarter(Quarter(year, quarter))


def period_of_quarter(quarter: Quarter) -> Period:
    return Period(quarter.start, quarter.end, quarter.label)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def custom_period(start: date, end: date) -> Period:
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodPicker(QWidget):
    """Quarter, year or custom; ``changed`` fires with the new ``Period`` once per change."""

    changed = Signal(object)  # Period

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodPicker")
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        self.kind.setAccessibleName("Period")
        for text, data in (("Quarter", QUARTER), ("Year", YEAR), ("Dates", CUSTOM)):
            self.kind.addItem(text, data)
        self.year = QSpinBox()
        self.year.setObjectName("periodYear")
        self.year.setAccessibleName("Year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(today.year)
        self.quarter = QComboBox()
        self.quarter.setObjectName("periodQuarter")
        self.quarter.setAccessibleName("Quarter")
        for n in range(1, 5):
            self.quarter.addItem(f"Q{n}", n)
        self.quarter.setCurrentIndex(Quarter.of(today).number - 1)
        start_of_quarter = Quarter.of(today).start
        self.start = self._date_edit("periodFrom", "From", start_of_quarter)
        self.end = self._date_edit("periodTo", "To", today)
        self.to_label = QLabel("to")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        label = QLabel("P&eriod")
        label.setBuddy(self.kind)
        for widget in (label, self.kind, self.quarter, self.year, self.start, self.to_label):
            layout.addWidget(widget)
        layout.addWidget(self.end)
        self._last: Period | None = None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(self._emit)
        self.quarter.currentIndexChanged.connect(self._emit)
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self._end_changed)
        self._show_fields()
        self._last = self.period()

    def _date_edit(self, name: str, accessible: str, value: date) -> QDateEdit:
        edit = QDateEdit(_qdate(value))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        return edit

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == QUARTER:
            return quarter_period(self.year.value(), int(self.quarter.currentData()))
        if kind == YEAR:
            return year_period(self.year.value())
        return custom_period(_day(self.start.date()), _day(self.end.date()))

    def set_period(self, period: Period) -> None:
        """Show ``period``: as the quarter or year it is, else as a custom span (a test's or a
        drill-down's exact days)."""
        start = period.start
        quarter = Quarter.of(start).number
        kind = CUSTOM
        if period == year_period(start.year):
            kind = YEAR
        elif period == quarter_period(start.year, quarter):
            kind = QUARTER
        for widget in (self.kind, self.year, self.quarter):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.year.setValue(start.year)
        self.quarter.setCurrentIndex(max(self.quarter.findData(quarter), 0))
        for widget in (self.kind, self.year, self.quarter):
            widget.blockSignals(False)
        self._show_fields()
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._emit()

    def _kind_changed(self) -> None:
        if self.kind.currentData() == CUSTOM:
            # The custom span starts as the period shown until now, so switching changes nothing.
            shown = self._last or self.period()
            for edit, day in ((self.start, shown.start), (self.end, shown.end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self._show_fields()
        self._emit()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        self.quarter.setVisible(kind == QUARTER)
        self.year.setVisible(kind in (QUARTER, YEAR))
        for widget in (self.start, self.to_label, self.end):
            widget.setVisible(kind == CUSTOM)

    def _start_changed(self) -> None:
        if self.end.date() < self.start.date():
            self.end.setDate(self.start.date())  # emits through _end_changed
            return
        self._emit()

    def _end_changed(self) -> None:
        if self.end.date() < self.start.date():
            self.start.setDate(self.end.date())
            return
        self._emit()

    def _emit(self) -> None:
        period = self.period()
        if period != self._last:
            self._last = period
            self.changed.emit(period)
