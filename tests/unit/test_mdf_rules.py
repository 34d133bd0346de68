"""The rules of market development funds, without a database: quarters, the lifecycle's
refusals (each a sentence) and the balances."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.enums import MdfStatus
from app.domain.mdf.balances import balance
from app.domain.mdf.lifecycle import (
    AllocationFacts,
    RequestFacts,
    Step,
    allocation_refusal,
    allowed_steps,
    approval_refusal,
    claim_approval_refusal,
    claim_refusal,
    payment_refusal,
    rejection_refusal,
    request_refusal,
)
from app.domain.quarters import parse_quarter, quarter_end, quarter_of, quarter_start

D = Decimal
Q4 = AllocationFacts("Bluepeak", "2026Q4", D("10000"), "EUR")
IN_Q4 = date(2026, 11, 2)
AFTER_Q4 = date(2027, 1, 1)


def asked(
    id_: int, amount: str, status: MdfStatus = MdfStatus.REQUESTED, **more: object
) -> RequestFacts:
    facts = RequestFacts(
        id_, f"Webinar {id_}", date(2026, 11, 10), date(2026, 11, 12), status, D(amount)
    )
    return replace(facts, **more)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "quarter"),
    [("2026Q4", "2026Q4"), ("2026-q4", "2026Q4"), (" Q1 2027 ", "2027Q1"), ("2026 Q2", "2026Q2"),
     ("2026Q5", None), ("Q4", None), ("3000Q1", None), ("", None)],
)  # fmt: skip
def test_quarters_are_read_as_people_write_them(text: str, quarter: str | None) -> None:
    assert parse_quarter(text) == quarter


def test_a_quarter_runs_from_its_first_to_its_last_day() -> None:
    assert quarter_of(date(2026, 12, 31)) == "2026Q4"
    assert quarter_of(date(2026, 4, 1)) == "2026Q2"
    assert (quarter_start("2026Q1"), quarter_end("2026Q1")) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_end("2024Q1") == date(2024, 3, 31)
    assert quarter_end("2026Q2") == date(2026, 6, 30)
    assert quarter_end("2026Q4") == date(2026, 12, 31)


def test_approval_never_takes_more_than_the_allocation_has_left() -> None:
    first = asked(1, "6000", MdfStatus.APPROVED, approved=D("6000"))
    second = asked(2, "5000")
    message = approval_refusal(Q4, [first, second], second, D("5000"), IN_Q4)
    assert message is not None and "Only EUR 4,000.00" in message and "left to approve" in message
    assert approval_refusal(Q4, [first, second], second, D("4000"), IN_Q4) is None


def test_an_allocation_approved_in_full_says_so_whatever_the_amount() -> None:
    first = asked(1, "10000", MdfStatus.APPROVED, approved=D("10000"))
    second = asked(2, "500")
    message = approval_refusal(Q4, [first, second], second, D("0"), IN_Q4)
    assert message == (
        "Nothing of Bluepeak's 2026Q4 allocation is left to approve: all EUR 10,000.00 is "
        "approved. Raise the allocation, or reject the request."
    )
    empty = replace(Q4, amount=D(0))
    assert approval_refusal(empty, [second], second, D("1"), IN_Q4) == (
        "Bluepeak's 2026Q4 allocation is zero; raise it before approving from it."
    )


def test_a_rejected_request_takes_nothing() -> None:
    gone = asked(1, "6000", MdfStatus.REJECTED)
    second = asked(2, "10000")
    assert approval_refusal(Q4, [gone, second], second, D("10000"), IN_Q4) is None


def test_approval_may_be_partial_but_never_more_than_requested() -> None:
    request = asked(1, "3000")
    assert approval_refusal(Q4, [request], request, D("1200.50"), IN_Q4) is None
    message = approval_refusal(Q4, [request], request, D("3000.01"), IN_Q4)
    assert message == "The approved amount is more than the EUR 3,000.00 requested."


def test_the_allocation_lapses_when_its_quarter_ends() -> None:
    request = asked(1, "100")
    last_day = date(2026, 12, 31)
    assert approval_refusal(Q4, [request], request, D("100"), last_day) is None
    message = approval_refusal(Q4, [request], request, D("100"), AFTER_Q4)
    assert message is not None and "lapsed when the quarter ended on 2026-12-31" in message
    refused = request_refusal(Q4, "Roadshow", date(2027, 1, 5), date(2027, 1, 6), D(10), AFTER_Q4)
    assert refused is not None and "no new request" in refused
    assert Step.APPROVE not in allowed_steps(Q4, request, AFTER_Q4)


def test_a_claim_waits_for_the_end_of_the_activity_and_its_proof() -> None:
    request = asked(1, "3000", MdfStatus.APPROVED, approved=D("2000"))
    early = claim_refusal(request, D("100"), "EUR", 1, date(2026, 11, 11))
    assert early == "The activity ends on 2026-11-12; it can be claimed on that day or later."
    assert claim_refusal(request, D("2000"), "EUR", 1, date(2026, 11, 12)) is None
    over = claim_refusal(request, D("2000.01"), "EUR", 1, date(2026, 11, 12))
    assert over == "The claim is more than the EUR 2,000.00 approved."
    bare = claim_refusal(request, D("10"), "EUR", 0, date(2026, 11, 12))
    assert bare is not None and bare.startswith("Attach proof")
    assert Step.CLAIM not in allowed_steps(Q4, request, date(2026, 11, 11))
    assert Step.CLAIM in allowed_steps(Q4, request, date(2026, 11, 12))


def test_each_step_needs_the_status_before_it() -> None:
    request = asked(1, "3000")
    claim = claim_refusal(request, D("1"), "EUR", 1, AFTER_Q4)
    assert claim == (
        "The request for 'Webinar 1' is waiting for a decision; only a request approved and not "
        "yet claimed can be claimed."
    )
    assert (
        rejection_refusal(request, "  ") == "Say why the request is rejected; the partner will ask."
    )
    paid = asked(1, "3000", MdfStatus.PAID)
    assert rejection_refusal(paid, "late") is not None
    assert allowed_steps(Q4, request, IN_Q4) == {Step.APPROVE, Step.REJECT}
    assert allowed_steps(Q4, paid, IN_Q4) == frozenset()


def test_claims_are_approved_in_full_or_in_part_and_paid_once_approved() -> None:
    claimed = asked(1, "3000", MdfStatus.CLAIMED, approved=D("2000"), claimed=D("1500"))
    assert claim_approval_refusal(claimed, D("1000"), "EUR") is None
    assert claim_approval_refusal(claimed, D("1500.01"), "EUR") is not None
    owed = replace(claimed, status=MdfStatus.CLAIM_APPROVED, claim_approved=D("1000"))
    assert payment_refusal(owed, D("1000"), "EUR", date(2026, 12, 1), AFTER_Q4) is None
    assert payment_refusal(owed, D("1000.01"), "EUR", date(2026, 12, 1), AFTER_Q4) is not None
    future = payment_refusal(owed, D("1000"), "EUR", date(2027, 2, 1), AFTER_Q4)
    assert future == "The paid date is in the future; record a payment once it is made."
    assert payment_refusal(owed, D("10"), "EUR", date(2026, 11, 1), AFTER_Q4) is not None


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [("0", "EUR", "The requested amount must be more than zero."),
     ("-5", "EUR", "The requested amount must be more than zero."),
     ("1.005", "EUR",
      "The requested amount has more decimals than EUR has: use at most 2 decimals."),
     ("1.5", "JPY", "The requested amount has more decimals than JPY has: use no decimals."),
     ("100000000000000", "EUR", "The requested amount must be less than 100,000,000,000,000.")],
)  # fmt: skip
def test_amounts_are_refused_with_a_sentence(amount: str, currency: str, message: str) -> None:
    allocation = replace(Q4, currency=currency)
    found = request_refusal(allocation, "Webinar", IN_Q4, IN_Q4, D(amount), IN_Q4)
    assert found == message


def test_a_request_names_its_activity_and_ends_after_it_starts() -> None:
    assert request_refusal(Q4, " ", IN_Q4, IN_Q4, D(1), IN_Q4) is not None
    backwards = request_refusal(Q4, "Webinar", IN_Q4, date(2026, 11, 1), D(1), IN_Q4)
    assert backwards == "The activity ends before it starts."
    assert request_refusal(Q4, "Webinar", IN_Q4, IN_Q4, D(1), IN_Q4) is None


def test_an_allocation_is_never_set_below_what_approvals_took() -> None:
    approved = asked(1, "6000", MdfStatus.APPROVED, approved=D("6000"))
    lower = replace(Q4, amount=D("5999"))
    message = allocation_refusal(lower, [approved], "EUR")
    assert message is not None and "EUR 6,000.00" in message
    assert allocation_refusal(replace(Q4, amount=D("6000")), [approved], "EUR") is None
    moved = allocation_refusal(replace(Q4, currency="USD"), [approved], "EUR")
    assert moved is not None and "cannot change to USD" in moved
    assert allocation_refusal(replace(Q4, amount=D(0)), [], None) is None


def test_balances_show_the_unapproved_remainder_as_lapsed_after_the_quarter() -> None:
    requests = [
        asked(1, "3000", MdfStatus.PAID, approved=D("2500"), claimed=D("2400"),
              claim_approved=D("2300"), paid=D("2300"), paid_on=date(2026, 12, 1)),
        asked(2, "4000", MdfStatus.REJECTED),
        asked(3, "1000"),
    ]  # fmt: skip
    during = balance(Q4, requests, IN_Q4)
    assert (during.allocated, during.requested, during.approved) == (D(10000), D(4000), D(2500))
    assert (during.claimed, during.paid, during.lapsed, during.available) == (
        D(2400), D(2300), D(0), D(7500)
    )  # fmt: skip
    after = balance(Q4, requests, AFTER_Q4)
    assert (after.lapsed, after.available) == (D(7500), D(0))
