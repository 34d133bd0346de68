"""Which step a quote revision may take next: draft → issued → sent → accepted / expired.

A draft (or one waiting for approval) is the only revision whose figures may change; issuing
freezes it. Changing an issued quote means a new revision; an accepted quote is done. The rules
live here, in plain Python, so the services enforce them and the screens enable exactly the
buttons that would succeed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from app.domain.enums import QuoteStatus


class Step(StrEnum):
    """What a user may do to a revision."""

    EDIT = "edit"
    APPROVE = "approve"
    ISSUE = "issue"
    SEND = "send"
    REVISE = "revise"
    ACCEPT = "accept"


EDITABLE = frozenset({QuoteStatus.DRAFT, QuoteStatus.NEEDS_APPROVAL})
#: Issued and not yet answered: the customer may still take it.
OPEN = frozenset({QuoteStatus.ISSUED, QuoteStatus.SENT})


@dataclass(frozen=True, slots=True)
class RevisionState:
    """What the rules need to know of one revision."""

    number: str
    revision: int
    status: QuoteStatus
    approved: bool
    valid_until: date | None
    latest: bool
    #: A later revision was issued: this one is no longer the offer on the table.
    superseded: bool = False
    #: The quote date (the first day the partner could accept it), when known.
    quote_date: date | None = None
    #: The day the partner accepted it, once accepted.
    accepted_on: date | None = None

    @property
    def name(self) -> str:
        return f"{self.number} rev {self.revision}"

    def lapsed(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today


def allowed_steps(state: RevisionState, today: date) -> frozenset[Step]:
    """Every step that would succeed on ``state`` today (the screens enable these)."""
    return frozenset(step for step in Step if refusal(state, step, today) is None)


def refusal(state: RevisionState, step: Step, today: date) -> str | None:
    """Why ``step`` is not allowed on ``state`` (one line saying what to do), or ``None``."""
    status, name = state.status, state.name
    if step in (Step.EDIT, Step.APPROVE, Step.ISSUE, Step.REVISE) and not state.latest:
        return f"{name} is not the latest revision; open the latest one."
    if step is Step.EDIT:
        return None if status in EDITABLE else _frozen(state)
    if step is Step.APPROVE:
        if status is QuoteStatus.NEEDS_APPROVAL:
            return None
        return f"{name} does not need approval (it is {status.label.lower()})."
    if step is Step.ISSUE:
        if status is QuoteStatus.NEEDS_APPROVAL:
            return f"{name} needs approval first: a special discount is above the approval limit."
        if status is QuoteStatus.DRAFT:
            return None
        return f"{name} is {status.label.lower()} already."
    if step is Step.REVISE:
        if status in EDITABLE:
            return f"{name} is still a draft: change it and save, no new revision is needed."
        if status is QuoteStatus.ACCEPTED:
            return f"{name} was accepted; make a new quote for further changes."
        return None
    if state.superseded:
        return f"{name} was replaced by a later issued revision; use the latest one."
    if status is QuoteStatus.ACCEPTED and step is Step.ACCEPT:
        when = f" on {state.accepted_on.isoformat()}" if state.accepted_on else ""
        return f"{name} was accepted{when} already."
    if status not in OPEN:
        verb = "sent" if step is Step.SEND else "accepted"
        if status in EDITABLE:
            return f"{name} is not issued yet; issue it before it can be {verb}."
        return f"{name} is {status.label.lower()}; only an issued quote can be {verb}."
    if state.lapsed(today):
        assert state.valid_until is not None
        return f"{name} expired on {state.valid_until.isoformat()}; revise it to offer new terms."
    return None


def acceptance_refusal(state: RevisionState, on: date, today: date | None = None) -> str | None:
    """Why the partner's acceptance of ``state`` on the day ``on`` cannot be recorded ``today``,
    or ``None``: only an issued (or sent) revision, still valid on ``on``, not before its quote
    date (nobody accepts an offer before it is made) and not after today (an acceptance is
    recorded once it happened; no ``today``: not checked).

    A revision marked expired because its days passed was still on offer on the days up to its
    valid-until: a partner that signed on time is recorded, even when the CAM records it late.
    """
    if today is not None and on > today:
        return (
            f"{state.name} cannot be accepted on {on.isoformat()}: that is in the future "
            f"(today is {today.isoformat()}); record the acceptance once it happened."
        )
    if state.status is QuoteStatus.EXPIRED and state.valid_until is not None:
        # marked expired only because its days passed: on offer up to its valid-until
        state = replace(state, status=QuoteStatus.ISSUED)
    why = refusal(state, Step.ACCEPT, on)
    if why is not None:
        return why
    if state.quote_date is not None and on < state.quote_date:
        return (
            f"{state.name} is dated {state.quote_date.isoformat()}: it cannot have been "
            f"accepted before, on {on.isoformat()}."
        )
    return None


def latest_acceptance_day(state: RevisionState, today: date) -> date:
    """The last day the partner could have accepted ``state``: today, or its valid-until."""
    if state.valid_until is not None and state.valid_until < today:
        return state.valid_until
    return today


def can_record_acceptance(state: RevisionState, today: date) -> bool:
    """Whether some day up to ``today`` would be accepted (the screens enable the step)."""
    return acceptance_refusal(state, latest_acceptance_day(state, today), today) is None


def _frozen(state: RevisionState) -> str:
    return (
        f"{state.name} is {state.status.label.lower()} and frozen; Revise makes a new revision "
        "to change it."
    )
