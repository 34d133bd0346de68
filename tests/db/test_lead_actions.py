"""Accept, decline, convert, lose and assign by hand, on both engines: what each writes, and
that each refusal is one line that writes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Account, Claim, Deal, Lead, LeadAssignment, ProductFamily
from app.domain.enums import AssignmentOutcome, ClaimStatus, DealStage, LeadStatus, PartyRole
from app.domain.errors import AppError, InputError, NotFoundError, RefusedError
from app.services.leads.actions import (
    accept_lead,
    assign_lead,
    convert_lead,
    decline_lead,
    lose_lead,
)
from app.services.partners.edit import create_partner

DAY = date(2026, 11, 2)


@pytest.fixture
def world(any_db: Database) -> Database:
    with any_db.transaction() as session:
        create_partner(session, {"name": "Northwind", "partner_code": "P-1", "country": "DE"})
        create_partner(session, {"name": "Fabrikam", "partner_code": "P-2", "country": "DE"})
        family = ProductFamily(code="FW", name="Firewalls")
        session.add(family)
        session.flush()
        session.add_all([
            _lead("L-1", "Contoso GmbH", "contoso.de", family.id),
            _lead("L-2", "Tailspin Toys", None, None),
            Account(name="Tailspin Toys Inc", name_key="tailspin toys", country=None,
                    named_account=False),
        ])  # fmt: skip
    return any_db


def _lead(code: str, company: str, domain: str | None, family_id: int | None) -> Lead:
    from app.domain.names import name_key

    return Lead(lead_code=code, company=company, name_key=name_key(company),
                website=domain, domain=domain, country="DE", family_id=family_id, grade="B",
                created_on=date(2026, 11, 1), status=LeadStatus.NEW)  # fmt: skip


def _state(db: Database, code: str = "L-1") -> tuple[LeadStatus, list[tuple[object, ...]]]:
    with db.reading() as session:
        lead = session.scalars(select(Lead).where(Lead.lead_code == code)).one()
        rows = session.execute(
            select(LeadAssignment.partner_id, LeadAssignment.assigned_on, LeadAssignment.reason,
                   LeadAssignment.outcome, LeadAssignment.accepted_on, LeadAssignment.ended_on,
                   LeadAssignment.end_reason, LeadAssignment.grade)
            .where(LeadAssignment.lead_id == lead.id).order_by(LeadAssignment.id)
        ).all()  # fmt: skip
        return lead.status, [tuple(r) for r in rows]


def _do(db: Database, action, *args):  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return action(session, *args)


def _refused(db: Database, error: type[AppError], match: str, action, *args) -> str:  # type: ignore[no-untyped-def]
    before = (_state(db, "L-1"), _state(db, "L-2"), _counts(db))
    with pytest.raises(error, match=match) as refused:
        _do(db, action, *args)
    assert "\n" not in str(refused.value)
    assert (_state(db, "L-1"), _state(db, "L-2"), _counts(db)) == before  # nothing written
    return str(refused.value)


def _counts(db: Database) -> tuple[int, ...]:
    with db.reading() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Account, Claim, Deal, LeadAssignment)
        )


def test_a_partner_accepts_until_its_deadline_and_is_refused_after(world: Database) -> None:
    _do(world, assign_lead, "L-1", "p-1", DAY)
    status, (row,) = _state(world)
    assert status is LeadStatus.ASSIGNED
    assert row[2:5] == ("by hand", AssignmentOutcome.OPEN, None) and row[7] == "B"
    message = _refused(world, RefusedError, "can no longer be accepted", accept_lead, "L-1",
                       DAY + timedelta(days=4))  # fmt: skip
    assert message == (
        "L-1 can no longer be accepted: its deadline was 2026-11-05 (assigned on 2026-11-02, "
        "3 acceptance days)."
    )
    _refused(world, RefusedError, "before that", accept_lead, "L-1", DAY - timedelta(days=1))
    _do(world, accept_lead, "l-1", DAY + timedelta(days=3))  # the Lead ID in any case
    status, (row,) = _state(world)
    assert (status, row[3], row[4]) == (LeadStatus.ACCEPTED, AssignmentOutcome.ACCEPTED,
                                        DAY + timedelta(days=3))  # fmt: skip
    _refused(world, RefusedError, "already accepted by P-1 on 2026-11-05", accept_lead, "L-1",
             DAY + timedelta(days=3))  # fmt: skip


def test_decline_ends_the_assignment_and_the_partner_may_be_assigned_it_again_by_hand(
    world: Database,
) -> None:
    _do(world, assign_lead, "L-1", "P-1", DAY)
    _refused(world, InputError, "'bored' is not a decline reason", decline_lead, "L-1", "bored",
             DAY)  # fmt: skip
    _do(world, decline_lead, "L-1", "Capacity", DAY + timedelta(days=1))
    status, (row,) = _state(world)
    assert status is LeadStatus.DECLINED
    assert row[3:7] == (AssignmentOutcome.DECLINED, None, DAY + timedelta(days=1), "capacity")
    _refused(world, RefusedError, "P-1 declined it on 2026-11-03", accept_lead, "L-1", DAY)
    _do(world, assign_lead, "L-1", "P-1", DAY + timedelta(days=2))
    status, rows = _state(world)
    assert status is LeadStatus.ASSIGNED and len(rows) == 2 and rows[1][3] is AssignmentOutcome.OPEN


def test_only_a_partners_assignment_not_yet_accepted_can_be_declined(world: Database) -> None:
    _do(world, assign_lead, "L-1", "Direct", DAY)
    status, (row,) = _state(world)
    assert (status, row[0], row[3], row[4]) == (LeadStatus.ACCEPTED, None,
                                                AssignmentOutcome.ACCEPTED, DAY)  # fmt: skip
    _refused(world, RefusedError, "direct team, which does not decline", decline_lead, "L-1",
             "quality", DAY)  # fmt: skip
    _do(world, assign_lead, "L-2", "P-2", DAY)
    _do(world, accept_lead, "L-2", DAY)
    before = _state(world, "L-2")
    with pytest.raises(RefusedError, match="only a lead not yet accepted can be declined"):
        _do(world, decline_lead, "L-2", "quality", DAY)
    assert _state(world, "L-2") == before
    with pytest.raises(RefusedError, match=r"held by P-2 \(accepted"):
        _do(world, assign_lead, "L-2", "P-1", DAY)


def test_a_decline_after_the_deadline_is_refused_as_expired(world: Database) -> None:
    _do(world, assign_lead, "L-1", "P-1", DAY)
    _refused(world, RefusedError, "has expired for P-1", decline_lead, "L-1", "spam",
             DAY + timedelta(days=4))  # fmt: skip


def test_convert_makes_a_new_account_a_pending_claim_and_a_qualified_deal(
    world: Database,
) -> None:
    _do(world, assign_lead, "L-1", "P-1", DAY)
    _refused(world, RefusedError, "cannot be converted yet: P-1 has not accepted it",
             convert_lead, "L-1", DAY)  # fmt: skip
    _do(world, accept_lead, "L-1", DAY)
    _refused(world, InputError, "more than 0 decimals for JPY", convert_lead, "L-1", DAY,
             "10.5", "jpy")  # fmt: skip
    made = _do(world, convert_lead, "L-1", DAY + timedelta(days=5))
    assert made.new_account and (made.amount, made.currency) == (Decimal(0), "EUR")
    with world.reading() as session:
        lead = session.scalars(select(Lead).where(Lead.lead_code == "L-1")).one()
        assert lead.status is LeadStatus.CONVERTED
        assert (lead.account_id, lead.claim_id, lead.deal_id) == (
            made.account_id,
            made.claim_id,
            made.deal_id,
        )
        account = session.get(Account, made.account_id)
        assert account is not None
        assert (account.name, account.domain, account.country) == ("Contoso GmbH", "contoso.de",
                                                                   "DE")  # fmt: skip
        claim = session.get(Claim, made.claim_id)
        assert claim is not None and claim.partner_id is not None
        assert (claim.status, claim.claimed_on, claim.valid_until) == (
            ClaimStatus.PENDING,
            DAY + timedelta(days=5),
            DAY + timedelta(days=95),
        )
        deal = session.get(Deal, made.deal_id)
        assert deal is not None
        assert (deal.stage, deal.amount, deal.currency, deal.claim_id) == (
            DealStage.QUALIFIED,
            Decimal(0),
            "EUR",
            claim.id,
        )
        assert [(p.partner_id, p.role) for p in deal.parties] == [
            (claim.partner_id, PartyRole.REGISTERING_PARTNER)
        ]
        assert [f.family_id for f in deal.families] == [lead.family_id]
    status, (row,) = _state(world)
    assert status is LeadStatus.CONVERTED and row[3] is AssignmentOutcome.CONVERTED
    assert row[5] == DAY + timedelta(days=5)
    _refused(world, RefusedError, "L-1 cannot be converted: it was converted", convert_lead,
             "L-1", DAY + timedelta(days=6))  # fmt: skip
    _refused(world, RefusedError, "it cannot be assigned again", assign_lead, "L-1", "P-2", DAY)


def test_a_direct_lead_converts_into_the_account_it_matches(world: Database) -> None:
    _do(world, assign_lead, "L-2", "direct", DAY)
    made = _do(world, convert_lead, "L-2", DAY, "1,250.50", "usd")
    assert not made.new_account and made.account == "Tailspin Toys Inc"  # no country: matches
    assert (made.amount, made.currency) == (Decimal("1250.50"), "USD")
    with world.reading() as session:
        claim = session.get(Claim, made.claim_id)
        assert claim is not None and claim.partner_id is None  # the direct team's claim
        assert (claim.deal_amount, claim.currency) == (Decimal("1250.50"), "USD")


def test_lose_needs_an_accepted_lead_and_a_known_reason(world: Database) -> None:
    _do(world, assign_lead, "L-1", "P-2", DAY)
    _refused(world, RefusedError, "cannot be marked lost yet", lose_lead, "L-1", "competitor", DAY)
    _do(world, accept_lead, "L-1", DAY)
    _refused(world, InputError, "needs a reason", lose_lead, "L-1", "", DAY)
    _do(world, lose_lead, "L-1", "No-Budget", DAY + timedelta(days=20))
    status, (row,) = _state(world)
    assert status is LeadStatus.LOST
    assert row[3:7] == (AssignmentOutcome.LOST, DAY, DAY + timedelta(days=20), "no budget")


def test_unknown_leads_and_partners_are_named(world: Database) -> None:
    _refused(world, NotFoundError, "No lead has the Lead ID 'L-9'", accept_lead, "L-9", DAY)
    _refused(world, NotFoundError, "No partner has the Partner ID 'P-7': give a Partner ID or "
             "Direct", assign_lead, "L-1", "P-7", DAY)  # fmt: skip
    _refused(world, RefusedError, "L-1 cannot be accepted: it is new and was never assigned",
             accept_lead, "L-1", DAY)  # fmt: skip
    _refused(world, RefusedError, "before that", assign_lead, "L-1", "P-1", date(2026, 10, 1))


_numbers = count()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    assigned=st.integers(0, 10), later=st.integers(-3, 12), days=st.integers(0, 6),
)  # fmt: skip
def test_accept_succeeds_exactly_from_assigned_on_to_the_deadline(
    sqlite_db: Database, assigned: int, later: int, days: int
) -> None:
    code = f"H-{next(_numbers)}"
    with sqlite_db.transaction() as session:
        if not session.scalar(select(func.count()).select_from(ProductFamily)):
            create_partner(session, {"name": "Northwind", "partner_code": "P-1"})
            session.add(ProductFamily(code="FW", name="Firewalls"))
        from app.db.models import Setting

        stored = session.get(Setting, "lead_acceptance_days")
        if stored is None:
            session.add(Setting(key="lead_acceptance_days", value=str(days)))
        else:
            stored.value = str(days)
        session.add(_lead(code, "Hypo Corp", None, None))
    assigned_on = date(2026, 11, 1) + timedelta(days=assigned)
    on = assigned_on + timedelta(days=later)
    _do(sqlite_db, assign_lead, code, "P-1", assigned_on)
    allowed = 0 <= later <= days
    try:
        _do(sqlite_db, accept_lead, code, on)
    except RefusedError:
        assert not allowed
    else:
        assert allowed
