"""The lifecycle rules alone: which buttons a revision in each state offers."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enums import QuoteStatus
from app.domain.quote_lifecycle import RevisionState, Step, allowed_steps, refusal

TODAY = date(2026, 11, 22)
S = QuoteStatus


def state(status: QuoteStatus, *, latest: bool = True, superseded: bool = False,
          until: date = date(2026, 12, 22)) -> RevisionState:  # fmt: skip
    return RevisionState("Q-2026-00001", 1, status, False, until, latest, superseded)


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        (S.DRAFT, {Step.EDIT, Step.ISSUE}),
        (S.NEEDS_APPROVAL, {Step.EDIT, Step.APPROVE}),
        (S.ISSUED, {Step.SEND, Step.REVISE, Step.ACCEPT}),
        (S.SENT, {Step.SEND, Step.REVISE, Step.ACCEPT}),
        (S.ACCEPTED, set()),
        (S.EXPIRED, {Step.REVISE}),
    ],
)
def test_steps_per_status(status: QuoteStatus, steps: set[Step]) -> None:
    assert allowed_steps(state(status), TODAY) == steps


def test_an_older_or_lapsed_revision_offers_less() -> None:
    assert allowed_steps(state(S.SENT, latest=False), TODAY) == {Step.SEND, Step.ACCEPT}
    assert allowed_steps(state(S.SENT, latest=False, superseded=True), TODAY) == set()
    lapsed = state(S.ISSUED, until=date(2026, 11, 21))
    assert allowed_steps(lapsed, TODAY) == {Step.REVISE}
    assert refusal(lapsed, Step.ACCEPT, TODAY) == (
        "Q-2026-00001 rev 1 expired on 2026-11-21; revise it to offer new terms."
    )
    assert allowed_steps(state(S.ISSUED, until=TODAY), TODAY) >= {Step.ACCEPT}
