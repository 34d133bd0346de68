"""The demo's market development funds: allocations for the quarters behind us and this one, and
requests at every step, each with the history the MDF services would have written.

Last quarter has paid requests (the program's MDF spend), a rejected one, one approved but not
yet claimed (claims are not bound by the lapse) and one nobody decided before the quarter ended,
and the rest of it lapsed; this quarter has requests waiting for a decision and, when the quarter
is old enough, claims in progress. The key partners that take funds have them for the last four
quarters: the one that spends without return takes a lot, the one that pays back a little.

The records are made as objects and written in one flush: going through the request services
step by step (a flush and a look-up per step) made the demo several times slower, and the demo
runs under many of the tests. Every amount keeps the services' rules: an approval within what
the allocation has left, a claim within the approval, after the activity, with its proof, a
payment within the approved claim, on or before today. Its draws come from a generator of its
own, so the steps before it keep their world.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from app.db.models import MdfAllocation, MdfProof, MdfRequest, MdfStep, Partner
from app.domain.enums import MdfStatus, PartnerStatus
from app.domain.quarters import quarter_end, quarter_of, quarter_start
from app.services.demo.keys import key_partners
from app.services.demo.state import DemoState, utc_at

#: How many active partners have market development funds.
FUNDED = 8
_ACTIVITIES = (
    "Partner summit booth", "Webinar series", "Regional roadshow", "Lead generation campaign",
    "Customer workshop", "Trade show sponsorship", "Email nurture programme", "Lunch and learn",
)  # fmt: skip
#: What a funded key partner's paid request comes to, and for how many quarters it has funds.
_KEY_PAID = {"star": (Decimal(2_400), 4), "spender": (Decimal(8_500), 4),
             "steady": (Decimal(3_200), 2), "quiet": (Decimal(1_900), 2)}  # fmt: skip


@dataclass
class _Funds:
    """One allocation being filled: its requests and what approvals have taken from it."""

    state: DemoState
    rng: random.Random
    allocation: MdfAllocation
    taken: Decimal = Decimal(0)
    requests: list[MdfRequest] = field(default_factory=list)
    #: How many steps each request (by ``id``) has so far.
    steps: dict[int, int] = field(default_factory=dict)

    def request(self, starts: date, asked_on: date, amount: Decimal) -> MdfRequest:
        activity = self.rng.choice(_ACTIVITIES)
        ends = starts + timedelta(days=self.rng.randrange(0, 3))
        request = MdfRequest(
            allocation=self.allocation, activity=activity, starts_on=starts, ends_on=ends,
            requested_on=asked_on, requested_amount=amount, status=MdfStatus.REQUESTED,
        )  # fmt: skip
        self.requests.append(request)
        self.step(request, MdfStatus.REQUESTED, asked_on, amount)
        return request

    def step(
        self, request: MdfRequest, status: MdfStatus, day: date, amount: Decimal | None,
        note: str | None = None,
    ) -> None:  # fmt: skip
        """The request moves to ``status`` on ``day``, its history saying so."""
        request.status = status
        minute = self.steps.get(id(request), 0) * 7 + self.rng.randrange(0, 7)
        self.steps[id(request)] = self.steps.get(id(request), 0) + 1
        self.state.later(MdfStep, {
            "at": utc_at(day, 10 + self.rng.randrange(0, 7), minute), "step": status,
            "amount": amount, "note": note, "by": self.state.session.info.get("actor"),
        }, request_id=request)  # fmt: skip

    def approve(self, request: MdfRequest, amount: Decimal, day: date, note: str = "") -> None:
        amount = min(amount, self.allocation.amount - self.taken)
        self.taken += amount
        request.approved_amount = amount
        self.step(request, MdfStatus.APPROVED, day, amount, note or None)

    def paid(self, request: MdfRequest, claimed: Decimal, claimed_on: date, paid: Decimal) -> None:
        """Claimed (with its proof), the claim approved and paid, dated as it happened."""
        self.claim(request, claimed, claimed_on)
        self.step(request, MdfStatus.CLAIM_APPROVED, claimed_on + timedelta(days=5), paid)
        request.claim_approved_amount = paid
        paid_on = min(claimed_on + timedelta(days=14), self.state.today)
        request.paid_amount, request.paid_on = paid, paid_on
        self.step(request, MdfStatus.PAID, paid_on, paid)

    def claim(self, request: MdfRequest, amount: Decimal, day: date) -> None:
        request.claimed_amount = amount
        lines = [f"{request.activity}: invoice {self.rng.randrange(10_000, 99_999)}", "Item,Amount"]
        lines += [f"Line {n},{self.rng.randrange(200, 3_000)}.00" for n in range(1, 4)]
        self.state.later(MdfProof, {
            "file_name": "invoice.csv", "media_type": "text/csv",
            "content": ("\n".join(lines) + "\n").encode(), "added_at": utc_at(day, 9),
        }, request_id=request)  # fmt: skip
        self.step(request, MdfStatus.CLAIMED, day, amount)


def add_mdf(state: DemoState) -> int:
    """Allocations and requests for a few active partners; how many requests were made."""
    rng = random.Random(state.today.toordinal())
    keys = key_partners(state)
    roles = {id(partner): role for role, partner in keys.items()}
    funded = [p for p in keys.values() if roles[id(p)] in _KEY_PAID]
    others = [p for p in state.partners if p.status is PartnerStatus.ACTIVE and id(p) not in roles]
    funded += others[: FUNDED - len(funded)]
    this = quarter_of(state.today)
    quarters = [this]
    for _ in range(3):
        quarters.append(quarter_of(quarter_start(quarters[-1]) - timedelta(days=1)))
    made = 0
    for n, partner in enumerate(funded):
        paid, count = _KEY_PAID.get(roles.get(id(partner), ""), (Decimal(1_900), 2))
        amounts = {q: Decimal(rng.choice((10_000, 15_000, 20_000, 30_000))) for q in quarters}
        for back, quarter in enumerate(quarters[:count]):
            funds = _Funds(state, rng, _allocation(partner, quarter, amounts[quarter]))
            if back == 0:
                _this_quarter(funds, quarter, n)
            elif back == 1:
                _last_quarter(funds, quarter, n, paid)
            else:
                _earlier_quarter(funds, quarter, paid)
            made += len(funds.requests)
            state.add(funds.allocation)
    state.write_later()
    return made


def _allocation(partner: Partner, quarter: str, amount: Decimal) -> MdfAllocation:
    return MdfAllocation(partner=partner, quarter=quarter, amount=amount, currency="EUR")


def _earlier_quarter(funds: _Funds, quarter: str, paid: Decimal) -> None:
    """One request, paid."""
    first = quarter_start(quarter)
    request = funds.request(first + timedelta(days=25), first + timedelta(days=4), paid)
    funds.approve(request, paid, first + timedelta(days=6))
    funds.paid(request, paid, request.ends_on + timedelta(days=4), paid)


def _last_quarter(funds: _Funds, quarter: str, n: int, paid: Decimal) -> None:
    """A paid request, then one rejected (every other partner) or approved in part and not
    claimed, and for the first partner one nobody decided before the quarter lapsed."""
    first = quarter_start(quarter)
    asked = paid + 100
    request = funds.request(first + timedelta(days=20), first, asked)
    funds.approve(request, asked, first + timedelta(days=1))
    funds.paid(request, paid + 50, request.ends_on + timedelta(days=3), paid)
    second = funds.request(
        first + timedelta(days=50), first + timedelta(days=30),
        Decimal(funds.rng.randrange(20, 60) * 100),
    )  # fmt: skip
    if n % 2:
        reason = "Outside the agreed plan"
        second.reject_reason = reason
        funds.step(second, MdfStatus.REJECTED, first + timedelta(days=33), None, reason)
    else:
        funds.approve(second, Decimal(1_000), first + timedelta(days=31), "in part")
    if n == 0:  # asked for late, never decided: it lapsed with the quarter
        late = quarter_end(quarter) - timedelta(days=10)
        funds.request(late + timedelta(days=7), late, Decimal(1_500))


def _this_quarter(funds: _Funds, quarter: str, n: int) -> None:
    """One request waiting for a decision; once the quarter is a month old, one claimed too."""
    today, first = funds.state.today, quarter_start(quarter)
    start = min(today + timedelta(days=14), quarter_end(quarter))
    funds.request(start, today, Decimal(funds.rng.randrange(20, 60) * 100))
    if (today - first).days < 30:
        return
    request = funds.request(first + timedelta(days=5), first, Decimal(2_000))
    funds.approve(request, Decimal(2_000), first + timedelta(days=1))
    claimed_on = max(request.ends_on, first + timedelta(days=10))
    funds.claim(request, Decimal(2_000), claimed_on)
    if n % 3 == 0:
        request.claim_approved_amount = Decimal(1_800)
        funds.step(request, MdfStatus.CLAIM_APPROVED, claimed_on + timedelta(days=3),
                   Decimal(1_800))  # fmt: skip
