"""The Program page's period: a quarter or a year picked from lists, or any two dates, typed
as a person would; the picker never holds a period that ends before it starts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.program.period import (
    Period,
    PeriodPicker,
    custom_period,
    quarter_period,
    year_period,
)

TODAY = date(2026, 11, 20)


def picker(qtbot: QtBot) -> tuple[PeriodPicker, list[Period]]:
    widget = PeriodPicker(TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    said: list[Period] = []
    widget.changed.connect(said.append)
    return widget, said


def test_quarters_and_years_have_their_calendar_bounds() -> None:
    assert quarter_period(2026, 1) == Period(date(2026, 1, 1), date(2026, 3, 31), "2026 Q1")
    assert quarter_period(2024, 1).end == date(2024, 3, 31)
    assert quarter_period(2026, 2).end == date(2026, 6, 30)
    assert quarter_period(2026, 4) == Period(date(2026, 10, 1), date(2026, 12, 31), "2026 Q4")
    assert year_period(2025) == Period(date(2025, 1, 1), date(2025, 12, 31), "2025")


def test_it_opens_on_the_quarter_of_today_and_follows_the_keys(qtbot: QtBot) -> None:
    widget, said = picker(qtbot)
    assert widget.period() == quarter_period(2026, 4)
    assert widget.start.isHidden() and widget.end.isHidden()

    widget.quarter.setFocus()
    qtbot.keyClick(widget.quarter, Qt.Key.Key_Up)  # Q3
    assert said[-1] == quarter_period(2026, 3)
    widget.year.setFocus()
    qtbot.keyClick(widget.year, Qt.Key.Key_Down)
    assert said[-1] == quarter_period(2025, 3)

    widget.kind.setFocus()
    qtbot.keyClick(widget.kind, Qt.Key.Key_Down)  # Year
    assert said[-1] == year_period(2025)
    assert widget.quarter.isHidden() and not widget.year.isHidden()
    assert len(said) == 3  # one signal per change


def test_a_custom_period_starts_as_the_one_shown_and_never_ends_before_it_starts(
    qtbot: QtBot,
) -> None:
    widget, said = picker(qtbot)
    widget.kind.setCurrentIndex(widget.kind.findData("custom"))
    assert widget.period().start == date(2026, 10, 1)
    assert widget.period().end == date(2026, 12, 31)
    assert said == []  # the same days: nothing to read again
    assert not widget.start.isHidden() and widget.quarter.isHidden()

    widget.start.setFocus()
    widget.start.setSelectedSection(widget.start.sectionAt(0))  # the year
    qtbot.keyClicks(widget.start, "2027")
    assert widget.period().start == date(2027, 10, 1)
    assert widget.period().end == date(2027, 10, 1)  # moved up to the start
    assert said[-1].name == "2027-10-01 to 2027-10-01"


def test_a_period_that_is_a_quarter_or_a_year_is_shown_as_one(qtbot: QtBot) -> None:
    """A click through from the dashboard names the quarter it opens, not two dates."""
    picker = PeriodPicker(date(2026, 11, 20))
    qtbot.addWidget(picker)
    picker.set_period(custom_period(date(2026, 7, 1), date(2026, 9, 30)))
    assert picker.period() == quarter_period(2026, 3)
    assert picker.period().name == "2026 Q3"
    picker.set_period(year_period(2025))
    assert picker.period().name == "2025"
    picker.set_period(custom_period(date(2026, 7, 2), date(2026, 9, 30)))
    assert picker.period().name == "2026-07-02 to 2026-09-30"
