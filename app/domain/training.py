"""Whether a training record still counts: valid, expiring soon, expired or not passed.

Plain rules with ``today`` passed in, so a page, an export and a test agree on the same day.
"""

from __future__ import annotations

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
