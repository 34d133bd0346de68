"""The demo's market development funds: allocations for last quarter and this one, and requests
at every step, taken through the MDF services so each follows the rules and has its history.

Last quarter has paid requests (the program's MDF spend), a rejected one, and one approved but
not yet claimed (claims are not bound by the lapse), and the rest of it lapsed; this quarter has
requests waiting for a decision and, when the quarter is old enough, claims in progress. Its
draws come from a generator of its own, so the steps before it keep their world.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.models import MdfRequest, MdfStep
from app.domain.enums import PartnerStatus
from app.domain.mdf.proofs import ProofFile
from app.domain.quarters import quarter_end, quarter_of, quarter_start
from app.services.demo.state import DemoState, utc_at
from app.services.mdf.allocations import set_allocation
from app.services.mdf.requests import approve, approve_claim, claim, create_request, pay, reject

#: How many active partners have market development funds.
FUNDED = 8
_ACTIVITIES = (
    "Partner summit booth", "Webinar series", "Regional roadshow", "Lead generation campaign",
    "Customer workshop", "Trade show sponsorship", "Email nurture programme", "Lunch and learn",
)  # fmt: skip


def _version(state: DemoState, request_id: int) -> int:
    found = state.session.get(MdfRequest, request_id)
    assert found is not None
    return found.version


def _dated(state: DemoState, request_id: int, day: date) -> None:
    """Date the request's newest step on ``day`` (the services stamp the present moment), so
    its history tells the demo's story."""
    step = state.session.scalars(
        select(MdfStep).where(MdfStep.request_id == request_id).order_by(MdfStep.id.desc())
    ).first()
    if step is not None:
        step.at = utc_at(day, 10 + int(step.id) % 7, int(step.id) * 7 % 60)


def _proof(rng: random.Random, activity: str) -> ProofFile:
    lines = [f"{activity}: invoice {rng.randrange(10_000, 99_999)}", "Item,Amount"]
    lines += [f"Line {n},{rng.randrange(200, 3_000)}.00" for n in range(1, 4)]
    return ProofFile("invoice.csv", "text/csv", ("\n".join(lines) + "\n").encode())


def add_mdf(state: DemoState) -> int:
    """Allocations and requests for a few active partners; how many requests were made."""
    rng = random.Random(state.today.toordinal())
    funded = [p for p in state.partners if p.status is PartnerStatus.ACTIVE][:FUNDED]
    this = quarter_of(state.today)
    last = quarter_of(quarter_start(this) - timedelta(days=1))
    made = 0
    for n, partner in enumerate(funded):
        amounts = {q: Decimal(rng.choice((10_000, 15_000, 20_000, 30_000))) for q in (last, this)}
        ids = {
            q: set_allocation(state.session, partner.id, q, a, "EUR") for q, a in amounts.items()
        }
        made += _last_quarter(state, rng, ids[last], last, n)
        made += _this_quarter(state, rng, ids[this], this, n)
    state.session.flush()
    return made


def _request(
    state: DemoState, rng: random.Random, allocation: int, start: date, asked_on: date
) -> tuple[int, str, date]:
    """A request for an activity from ``start``, asked for on ``asked_on``, of 2,000 to 5,900."""
    activity = rng.choice(_ACTIVITIES)
    ends = start + timedelta(days=rng.randrange(0, 3))
    amount = Decimal(rng.randrange(20, 60) * 100)
    request = create_request(state.session, allocation, activity, start, ends, amount, asked_on)
    _dated(state, request, asked_on)
    return request, activity, ends


def _last_quarter(
    state: DemoState, rng: random.Random, allocation: int, quarter: str, n: int
) -> int:
    """A paid request, then one rejected (every other partner) and one approved, not claimed."""
    first = quarter_start(quarter)
    request, activity, ends = _request(state, rng, allocation, first + timedelta(days=20), first)
    approve(state.session, request, _version(state, request), Decimal(2_000), first)
    _dated(state, request, first + timedelta(days=1))
    claimed_on = ends + timedelta(days=3)
    claim(state.session, request, _version(state, request), Decimal(1_950),
          [_proof(rng, activity)], claimed_on)  # fmt: skip
    _dated(state, request, claimed_on)
    approve_claim(state.session, request, _version(state, request), Decimal(1_900))
    _dated(state, request, claimed_on + timedelta(days=5))
    paid_on = min(claimed_on + timedelta(days=14), state.today)
    pay(state.session, request, _version(state, request), Decimal(1_900), paid_on, state.today)
    _dated(state, request, paid_on)
    second, _activity, _ends = _request(
        state, rng, allocation, first + timedelta(days=50), first + timedelta(days=30)
    )
    if n % 2:
        reject(state.session, second, _version(state, second), "Outside the agreed plan")
        _dated(state, second, first + timedelta(days=33))
    else:
        day = first + timedelta(days=31)
        approve(state.session, second, _version(state, second), Decimal(1_000), day, "in part")
        _dated(state, second, day)
    return 2


def _this_quarter(
    state: DemoState, rng: random.Random, allocation: int, quarter: str, n: int
) -> int:
    """One request waiting for a decision; once the quarter is a month old, one claimed too."""
    first = quarter_start(quarter)
    start = min(state.today + timedelta(days=14), quarter_end(quarter))
    _request(state, rng, allocation, start, state.today)
    if (state.today - first).days < 30:
        return 1
    request, activity, ends = _request(state, rng, allocation, first + timedelta(days=5), first)
    approve(state.session, request, _version(state, request), Decimal(2_000), first)
    _dated(state, request, first + timedelta(days=1))
    claimed_on = max(ends, first + timedelta(days=10))
    claim(state.session, request, _version(state, request), Decimal(2_000),
          [_proof(rng, activity)], claimed_on)  # fmt: skip
    _dated(state, request, claimed_on)
    if n % 3 == 0:
        approve_claim(state.session, request, _version(state, request), Decimal(1_800))
        _dated(state, request, claimed_on + timedelta(days=3))
    return 2
