"""What a request for market development funds may do next, and why not.

An allocation per partner and quarter → a request (activity, dates, amount in the allocation's
currency) → approved, at most what the allocation has left (rejected requests take nothing,
and less than asked is allowed), or rejected with a reason → a claim once the activity has
ended, with proof, at most the approved amount → the claim approved in full or in part → paid.
The allocation lapses when its quarter ends: from the next day no request or approval takes
from it.

The services refuse with these sentences and the screens enable exactly the actions that
would succeed, so both read the one rule here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.domain.dates import date_range_problem
from app.domain.enums import MdfStatus
from app.domain.money import ZERO, amount_problem, decimal_places, format_money, minor_unit
from app.domain.quarters import quarter_end

#: The longest activity name a request keeps.
ACTIVITY_LENGTH = 200


class Step(StrEnum):
    """What a user does to a request, after asking for it."""

    APPROVE = "approve"
    REJECT = "reject"
    CLAIM = "claim"
    APPROVE_CLAIM = "approve_claim"
    PAY = "pay"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS = {
    Step.APPROVE: "approved",
    Step.REJECT: "rejected",
    Step.CLAIM: "claimed",
    Step.APPROVE_CLAIM: "approved as claimed",
    Step.PAY: "paid",
}

#: The status a request must have for each step.
NEEDS: dict[Step, MdfStatus] = {
    Step.APPROVE: MdfStatus.REQUESTED,
    Step.REJECT: MdfStatus.REQUESTED,
    Step.CLAIM: MdfStatus.APPROVED,
    Step.APPROVE_CLAIM: MdfStatus.CLAIMED,
    Step.PAY: MdfStatus.CLAIM_APPROVED,
}
#: The status each step leaves the request in.
LEADS_TO: dict[Step, MdfStatus] = {
    Step.APPROVE: MdfStatus.APPROVED,
    Step.REJECT: MdfStatus.REJECTED,
    Step.CLAIM: MdfStatus.CLAIMED,
    Step.APPROVE_CLAIM: MdfStatus.CLAIM_APPROVED,
    Step.PAY: MdfStatus.PAID,
}

#: A request's status as a sentence says it ("is waiting for a decision").
STATUS_WORDS: dict[MdfStatus, str] = {
    MdfStatus.REQUESTED: "waiting for a decision",
    MdfStatus.APPROVED: "approved",
    MdfStatus.REJECTED: "rejected",
    MdfStatus.CLAIMED: "claimed",
    MdfStatus.CLAIM_APPROVED: "approved for payment",
    MdfStatus.PAID: "paid",
}
_NEED_WORDS: dict[MdfStatus, str] = {
    MdfStatus.REQUESTED: "waiting for a decision",
    MdfStatus.APPROVED: "approved and not yet claimed",
    MdfStatus.CLAIMED: "claimed and not yet decided",
    MdfStatus.CLAIM_APPROVED: "approved for payment",
}


@dataclass(frozen=True, slots=True)
class AllocationFacts:
    """What the rules need to know of an allocation."""

    partner: str
    quarter: str
    amount: Decimal
    currency: str

    @property
    def name(self) -> str:
        return f"{self.partner}'s {self.quarter} allocation"

    @property
    def ends_on(self) -> date:
        return quarter_end(self.quarter)

    def lapsed(self, today: date) -> bool:
        """Whether the quarter is over (the allocation lapses the day after its last day)."""
        return today > self.ends_on


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """What the rules need to know of a request; amounts are None until their step."""

    id: int
    activity: str
    starts_on: date
    ends_on: date
    status: MdfStatus
    requested: Decimal
    approved: Decimal | None = None
    claimed: Decimal | None = None
    claim_approved: Decimal | None = None
    paid: Decimal | None = None
    paid_on: date | None = None

    @property
    def name(self) -> str:
        return f"The request for '{self.activity}'"


def taken(requests: Iterable[RequestFacts], leaving_out: int | None = None) -> Decimal:
    """What approvals took from an allocation: every approved amount (a rejected request
    took nothing), leaving out the request ``leaving_out``."""
    return sum(
        (
            r.approved
            for r in requests
            if r.approved is not None and r.status is not MdfStatus.REJECTED and r.id != leaving_out
        ),
        ZERO,
    )


def amount_refusal(amount: Decimal, currency: str, what: str) -> str | None:
    """Why ``amount`` cannot be ``what`` (a sentence), or None: more than zero, no more
    decimals than the currency has, within what money may hold."""
    if amount <= 0:
        return f"The {what} must be more than zero."
    places = minor_unit(currency)
    if decimal_places(amount) > places:
        unit = "no decimals" if places == 0 else f"at most {places} decimals"
        return f"The {what} has more decimals than {currency} has: use {unit}."
    too_large = amount_problem(amount)
    if too_large is not None:
        return f"The {what} {too_large}."
    return None


def allocation_refusal(
    facts: AllocationFacts, requests: Iterable[RequestFacts], currency_before: str | None
) -> str | None:
    """Why an allocation cannot be set to ``facts`` (a sentence), or None. It may be zero, never
    less than its approvals took, and keeps its currency once a request was made in it."""
    found = list(requests)
    if facts.amount < 0:
        return "The allocation must not be negative."
    if facts.amount > 0 and (problem := amount_refusal(facts.amount, facts.currency, "allocation")):
        return problem
    used = taken(found)
    if facts.amount < used:
        return (
            f"{format_money(used, facts.currency)} of {facts.name} is approved already; "
            "the allocation cannot be less."
        )
    if found and currency_before is not None and facts.currency != currency_before:
        return (
            f"{facts.name} has requests in {currency_before}; its currency cannot change to "
            f"{facts.currency}."
        )
    return None


def request_refusal(
    allocation: AllocationFacts,
    activity: str,
    starts_on: date,
    ends_on: date,
    amount: Decimal,
    today: date,
) -> str | None:
    """Why a new request cannot be made (a sentence), or None."""
    if not activity.strip():
        return "Say what the activity is (a webinar, a trade show, a campaign…)."
    if len(activity) > ACTIVITY_LENGTH:
        return f"The activity is longer than {ACTIVITY_LENGTH} characters."
    for day, what in ((starts_on, "start"), (ends_on, "end")):
        if (problem := date_range_problem(day)) is not None:
            return f"The activity's {what} date {problem}."
    if ends_on < starts_on:
        return "The activity ends before it starts."
    if allocation.lapsed(today):
        return _lapsed(allocation, "no new request can take from it")
    return amount_refusal(amount, allocation.currency, "requested amount")


def status_refusal(request: RequestFacts, step: Step) -> str | None:
    """Why ``request`` cannot be ``step``-ed in its status (a sentence), or None."""
    need = NEEDS[step]
    if request.status is need:
        return None
    return (
        f"{request.name} is {STATUS_WORDS[request.status]}; only a request "
        f"{_NEED_WORDS[need]} can be {step.label}."
    )


def approval_refusal(
    allocation: AllocationFacts,
    requests: Iterable[RequestFacts],
    request: RequestFacts,
    amount: Decimal,
    today: date,
) -> str | None:
    """Why ``request`` cannot be approved for ``amount`` (a sentence), or None. ``requests``
    are all the allocation's requests; less than requested is a partial approval."""
    if (problem := status_refusal(request, Step.APPROVE)) is not None:
        return problem
    if allocation.lapsed(today):
        return _lapsed(allocation, "nothing more can be approved from it")
    left = allocation.amount - taken(requests, leaving_out=request.id)
    if allocation.amount <= 0:
        return f"{allocation.name} is zero; raise it before approving from it."
    if left <= 0:
        return (
            f"Nothing of {allocation.name} is left to approve: all "
            f"{format_money(allocation.amount, allocation.currency)} is approved. Raise the "
            "allocation, or reject the request."
        )
    if (problem := amount_refusal(amount, allocation.currency, "approved amount")) is not None:
        return problem
    if amount > request.requested:
        asked = format_money(request.requested, allocation.currency)
        return f"The approved amount is more than the {asked} requested."
    if amount > left:
        shown = format_money(max(left, ZERO), allocation.currency)
        return (
            f"Only {shown} of {allocation.name} is left to approve "
            f"(of {format_money(allocation.amount, allocation.currency)}); approve less, or "
            "raise the allocation."
        )
    return None


def rejection_refusal(request: RequestFacts, reason: str) -> str | None:
    if (problem := status_refusal(request, Step.REJECT)) is not None:
        return problem
    if not reason.strip():
        return "Say why the request is rejected; the partner will ask."
    return None


def claim_refusal(
    request: RequestFacts, amount: Decimal, currency: str, proofs: int, today: date
) -> str | None:
    """Why ``request`` cannot be claimed for ``amount`` with ``proofs`` files, or None."""
    if (problem := status_refusal(request, Step.CLAIM)) is not None:
        return problem
    if today < request.ends_on:
        return (
            f"The activity ends on {request.ends_on.isoformat()}; it can be claimed on that "
            "day or later."
        )
    if (problem := amount_refusal(amount, currency, "claimed amount")) is not None:
        return problem
    approved = request.approved or ZERO
    if amount > approved:
        return f"The claim is more than the {format_money(approved, currency)} approved."
    if proofs < 1:
        return "Attach proof of the activity (invoices, photos, attendee lists) to the claim."
    return None


def claim_approval_refusal(request: RequestFacts, amount: Decimal, currency: str) -> str | None:
    """Why the claim cannot be approved for ``amount`` (in full or in part), or None."""
    if (problem := status_refusal(request, Step.APPROVE_CLAIM)) is not None:
        return problem
    if (problem := amount_refusal(amount, currency, "approved claim")) is not None:
        return problem
    claimed = request.claimed or ZERO
    if amount > claimed:
        return f"The approved claim is more than the {format_money(claimed, currency)} claimed."
    return None


def payment_refusal(
    request: RequestFacts, amount: Decimal, currency: str, paid_on: date, today: date
) -> str | None:
    """Why the payment cannot be recorded, or None: at most the approved claim, dated on or
    after the activity's end and not in the future."""
    if (problem := status_refusal(request, Step.PAY)) is not None:
        return problem
    if (problem := amount_refusal(amount, currency, "paid amount")) is not None:
        return problem
    owed = request.claim_approved or ZERO
    if amount > owed:
        return f"The payment is more than the {format_money(owed, currency)} of the approved claim."
    if (problem := date_range_problem(paid_on)) is not None:
        return f"The paid date {problem}."
    if paid_on > today:
        return "The paid date is in the future; record a payment once it is made."
    if paid_on < request.ends_on:
        return (
            f"The paid date is before the activity ended ({request.ends_on.isoformat()}); "
            "a claim is paid after the activity."
        )
    return None


def allowed_steps(
    allocation: AllocationFacts, request: RequestFacts, today: date
) -> frozenset[Step]:
    """The steps whose state allows them today (the amounts are asked for in the dialog)."""
    steps = {step for step, need in NEEDS.items() if request.status is need}  # no sentences
    if allocation.lapsed(today):
        steps.discard(Step.APPROVE)
    if today < request.ends_on:
        steps.discard(Step.CLAIM)
    return frozenset(steps)


def _lapsed(allocation: AllocationFacts, what: str) -> str:
    return (
        f"{allocation.name} lapsed when the quarter ended on "
        f"{allocation.ends_on.isoformat()}; {what}."
    )
