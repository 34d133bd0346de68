"""Whether a training record still counts: valid, expiring soon, expired or not passed.

Plain rules with ``today`` passed in, so a page, an export and a test agree on the same day.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

#: SPEC's "expiring soon" window unless the business settings say otherwise.
EXPIRING_SOON_DAYS = 60


class TrainingState(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NOT_PASSED = "not_passed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    TrainingState.VALID: "Valid",
    TrainingState.EXPIRING: "Expiring soon",
    TrainingState.EXPIRED: "Expired",
    TrainingState.NOT_PASSED: "Not passed",
}


def training_state(
    passed: bool,
    valid_until: date | None,
    today: date,
    soon_days: int = EXPIRING_SOON_DAYS,
) -> TrainingState:
    """The state of one record on ``today``: no end date means it never expires."""
    if not passed:
        return TrainingState.NOT_PASSED
    if valid_until is None:
        return TrainingState.VALID
    if valid_until < today:
        return TrainingState.EXPIRED
    if valid_until <= today + timedelta(days=soon_days):
        return TrainingState.EXPIRING
    return TrainingState.VALID


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's last day: 31 Jan + 1 month
    is 28 Feb (29 Feb in a leap year), so a certification never gains days from a short month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def completion_problem(completed_on: date, today: date) -> str | None:
    """Why training cannot be logged as completed on ``completed_on``, or ``None``: a course
    is logged once it has taken place, by the log dialog and by an import alike."""
    if completed_on > today:
        return "is in the future: log training once it has taken place"
    return None


def valid_until_for(
    completed_on: date, passed: bool, certifies: bool, valid_months: int | None
) -> date | None:
    """How long a completed course counts: a passed certification for its months from the day
    it was completed; a certification without months, or a plain course, never expires; a
    failed attempt has no validity at all (its state is "not passed" whatever the date)."""
    if not passed or not certifies or valid_months is None:
        return None
    return add_months(completed_on, valid_months)


class CoverageState(StrEnum):
    """How well a partner is covered in one product family, for a cell of the coverage matrix."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NONE = "none"

    @property
    def label(self) -> str:
        return _COVERAGE_LABELS[self]


_COVERAGE_LABELS = {
    CoverageState.VALID: "Valid",
    CoverageState.EXPIRING: "Expiring",
    CoverageState.EXPIRED: "Expired",
    CoverageState.NONE: "None",
}


def coverage_state(
    holders: int, latest: date | None, today: date, soon_days: int = EXPIRING_SOON_DAYS
) -> CoverageState:
    """A cell's state from how many sellers hold a valid certification today and the latest
    valid-until among them all (``date.max`` for one that never expires): valid while someone's
    lasts beyond the warning window, expiring when every holder's lapses within it."""
    if holders > 0 and latest is not None:
        if latest > today + timedelta(days=soon_days):
            return CoverageState.VALID
        return CoverageState.EXPIRING
    if latest is not None:
        return CoverageState.EXPIRED
    return CoverageState.NONE
