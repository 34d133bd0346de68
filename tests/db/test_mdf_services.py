"""Market development funds on SQLite and PostgreSQL: allocations, the lifecycle's refusals
(over-allocation, lapse at quarter end, partial approval, claim past the approval or before the
activity ends), proof files kept byte for byte, the history, stale edits, balances and the
paid items the program's return reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import MdfAllocation, MdfProof, MdfRequest, MdfStep, Partner
from app.domain.enums import MdfStatus
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.mdf.lifecycle import Step
from app.domain.mdf.proofs import ProofFile
from app.domain.names import name_key
from app.services.mdf.allocations import delete_allocation, set_allocation
from app.services.mdf.balances import balances, quarters
from app.services.mdf.overview import mdf_overview
from app.services.mdf.requests import approve, approve_claim, claim, create_request, pay, reject
from app.services.mdf.rows import list_requests, proof_file, request_detail
from app.services.mdf.spend import mdf_paid_items

D = Decimal
IN_Q4 = date(2026, 10, 5)
AFTER_ACTIVITY = date(2026, 11, 20)
AFTER_Q4 = date(2027, 1, 1)
PROOF = ProofFile("invoice.pdf", "application/pdf", b"%PDF-1.7\x00\xff" * 100)


def _partner(db: Database, name: str, code: str | None = None) -> int:
    with db.transaction() as s:
        partner = Partner(name=name, name_key=name_key(name), partner_code=code, country="DE")
        s.add(partner)
        s.flush()
        return partner.id


def _world(db: Database) -> tuple[int, int]:
    """Bluepeak with a EUR 10,000 allocation for 2026Q4; (partner id, allocation id)."""
    partner = _partner(db, "Bluepeak", "P-1001")
    with db.transaction() as s:
        allocation = set_allocation(s, partner, "2026q4", D("10000"), "eur")
    return partner, allocation


def _request(db: Database, allocation: int, amount: str, activity: str = "Webinar") -> int:
    with db.transaction() as s:
        return create_request(
            s, allocation, activity, date(2026, 11, 10), date(2026, 11, 12), D(amount), IN_Q4
        )


def _version(db: Database, request_id: int) -> int:
    with db.reading() as s:
        found = s.get(MdfRequest, request_id)
        assert found is not None
        return found.version


def _count(db: Database, model: type) -> int:
    with db.reading() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_the_whole_lifecycle_with_its_history_and_proof(any_db: Database) -> None:
    partner, allocation = _world(any_db)
    first = _request(any_db, allocation, "4000")
    with any_db.transaction() as s:
        approve(s, first, _version(any_db, first), D("3000"), IN_Q4, note="half the booth")
    with any_db.transaction() as s:
        claim(
            s,
            first,
            _version(any_db, first),
            D("2800"),
            [PROOF, ProofFile("a.bin", "x/y", b"\x00")],
            AFTER_ACTIVITY,
        )
    with any_db.transaction() as s:
        approve_claim(s, first, _version(any_db, first), D("2500"))
    with any_db.transaction() as s:
        pay(
            s,
            first,
            _version(any_db, first),
            D("2500"),
            date(2026, 12, 3),
            AFTER_ACTIVITY.replace(month=12, day=5),
        )
    with any_db.reading() as s:
        detail = request_detail(s, first)
        (row,) = list_requests(s, [allocation], today=IN_Q4)
        kept = proof_file(s, detail.proofs[0].id)
    assert [(st.step, st.amount) for st in detail.steps] == [
        (MdfStatus.REQUESTED, D(4000)), (MdfStatus.APPROVED, D(3000)),
        (MdfStatus.CLAIMED, D(2800)), (MdfStatus.CLAIM_APPROVED, D(2500)),
        (MdfStatus.PAID, D(2500)),
    ]  # fmt: skip
    assert detail.steps[1].note == "half the booth" and detail.steps[0].by
    assert [(p.name, p.size) for p in detail.proofs] == [("invoice.pdf", PROOF.size), ("a.bin", 1)]
    assert kept == PROOF  # the bytes round-trip exactly
    assert (row.status, row.paid, row.paid_on, row.proofs, row.steps) == (
        MdfStatus.PAID, D(2500), date(2026, 12, 3), 2, frozenset()
    )  # fmt: skip
    with any_db.reading() as s:
        items = mdf_paid_items(s, date(2026, 12, 1), date(2026, 12, 31))
        none = mdf_paid_items(s, date(2026, 12, 4), date(2026, 12, 31))
    assert [(i.partner_id, i.paid_on, i.amount, i.currency) for i in items] == [
        (partner, date(2026, 12, 3), D(2500), "EUR")
    ]
    assert none == []


def test_approvals_never_take_more_than_the_allocation(any_db: Database) -> None:
    _partner_id, allocation = _world(any_db)
    first, second, third = (_request(any_db, allocation, a) for a in ("6000", "5000", "9000"))
    with any_db.transaction() as s:
        approve(s, first, _version(any_db, first), D("6000"), IN_Q4)
    steps = _count(any_db, MdfStep)
    with pytest.raises(InputError) as refused, any_db.transaction() as s:
        approve(s, second, _version(any_db, second), D("4000.01"), IN_Q4)
    assert str(refused.value).startswith(
        "Only EUR 4,000.00 of Bluepeak's 2026Q4 allocation is left"
    )
    assert _count(any_db, MdfStep) == steps  # the database unchanged after a refusal
    with any_db.transaction() as s:  # a rejected request takes nothing
        reject(s, second, _version(any_db, second), "The event was cancelled")
    again = _version(any_db, second)
    with pytest.raises(InputError, match="is rejected; only a request"), any_db.transaction() as s:
        reject(s, second, again, "again")
    with any_db.transaction() as s:  # less than requested: a partial approval
        approve(s, third, _version(any_db, third), D("4000"), IN_Q4)
    with any_db.reading() as s:
        (bal,) = balances(s, today=IN_Q4)
    assert (bal.requested, bal.approved, bal.available, bal.lapsed) == (
        D(15000), D(10000), D(0), D(0)
    )  # fmt: skip


def test_a_partial_approval_and_a_claim_past_it_or_too_early(any_db: Database) -> None:
    _partner_id, allocation = _world(any_db)
    request = _request(any_db, allocation, "3000")
    with any_db.transaction() as s:
        approve(s, request, _version(any_db, request), D("1200"), IN_Q4)
    version = _version(any_db, request)
    with (
        pytest.raises(InputError, match=r"more than the EUR 1,200\.00 approved"),
        any_db.transaction() as s,
    ):
        claim(s, request, version, D("1200.01"), [PROOF], AFTER_ACTIVITY)
    with (
        pytest.raises(InputError, match="can be claimed on that day or later"),
        any_db.transaction() as s,
    ):
        claim(s, request, version, D("100"), [PROOF], date(2026, 11, 11))
    with pytest.raises(InputError, match="Attach proof"), any_db.transaction() as s:
        claim(s, request, version, D("100"), [], AFTER_ACTIVITY)
    assert _count(any_db, MdfProof) == 0 and _version(any_db, request) == version
    with any_db.transaction() as s:
        claim(s, request, version, D("1200"), [PROOF], date(2026, 11, 12))  # on its last day


def test_the_allocation_lapses_at_the_end_of_its_quarter(any_db: Database) -> None:
    _partner_id, allocation = _world(any_db)
    request = _request(any_db, allocation, "3000")
    with (
        pytest.raises(InputError, match="lapsed when the quarter ended on 2026-12-31"),
        any_db.transaction() as s,
    ):
        approve(s, request, _version(any_db, request), D("100"), AFTER_Q4)
    with pytest.raises(InputError, match="no new request"), any_db.transaction() as s:
        create_request(s, allocation, "Late", AFTER_Q4, AFTER_Q4, D(1), AFTER_Q4)
    with any_db.transaction() as s:
        approve(s, request, _version(any_db, request), D("2500"), date(2026, 12, 31))
    with any_db.reading() as s:
        (during,) = balances(s, quarter="2026Q4", today=date(2026, 12, 31))
        (after,) = balances(s, quarter="2026Q4", today=AFTER_Q4)
        (row,) = list_requests(s, today=AFTER_Q4)
    assert (during.available, during.lapsed) == (D(7500), D(0))
    assert (after.available, after.lapsed) == (D(0), D(7500))
    assert Step.APPROVE not in row.steps


def test_stale_steps_are_refused_and_change_nothing(any_db: Database) -> None:
    _partner_id, allocation = _world(any_db)
    request = _request(any_db, allocation, "3000")
    seen = _version(any_db, request)
    with any_db.transaction() as s:
        approve(s, request, seen, D("100"), IN_Q4)
    with pytest.raises(ConflictError), any_db.transaction() as s:
        reject(s, request, seen, "Too late")
    with any_db.reading() as s:
        found = s.get(MdfRequest, request)
        assert found is not None and found.status is MdfStatus.APPROVED


def test_allocations_are_set_once_per_partner_and_quarter(any_db: Database) -> None:
    partner, allocation = _world(any_db)
    other = _partner(any_db, "Northwind")
    with (
        pytest.raises(RefusedError, match="has a 2026Q4 allocation already"),
        any_db.transaction() as s,
    ):
        set_allocation(s, partner, "Q4 2026", D(5), "EUR")
    with pytest.raises(InputError, match="is not a quarter"), any_db.transaction() as s:
        set_allocation(s, other, "2026Q5", D(5), "EUR")
    with any_db.transaction() as s:
        set_allocation(s, other, "2027Q1", D("0"), "USD")
    request = _request(any_db, allocation, "3000")
    with any_db.transaction() as s:
        approve(s, request, _version(any_db, request), D("3000"), IN_Q4)
    with any_db.reading() as s:
        current = s.get(MdfAllocation, allocation)
        assert current is not None
        version = current.version
    with pytest.raises(InputError, match="cannot be less"), any_db.transaction() as s:
        set_allocation(s, partner, "2026Q4", D("2999.99"), "EUR", allocation, version)
    with pytest.raises(RefusedError, match="stays"), any_db.transaction() as s:
        delete_allocation(s, allocation, version)
    with pytest.raises(ConflictError), any_db.transaction() as s:
        set_allocation(s, partner, "2026Q4", D("12000"), "EUR", allocation, version - 1)
    with any_db.transaction() as s:
        set_allocation(s, partner, "2026Q4", D("12000"), "EUR", allocation, version)
    with any_db.reading() as s:
        assert quarters(s) == ["2027Q1", "2026Q4"]
        assert [b.partner for b in balances(s)] == ["Northwind", "Bluepeak (P-1001)"]
        assert [b.allocated for b in balances(s, partner=partner)] == [D(12000)]
        assert balances(s, quarter="2025Q1") == []


def test_the_page_read_agrees_with_the_balances_and_the_requests(any_db: Database) -> None:
    _partner_id, allocation = _world(any_db)
    other = set_allocation_for(any_db, "Northwind", "2027Q1")
    first, _second = _request(any_db, allocation, "6000"), _request(any_db, allocation, "5000")
    with any_db.transaction() as s:
        approve(s, first, _version(any_db, first), D("6000"), IN_Q4)
    _request(any_db, other, "100")
    with any_db.reading() as s:
        overview = mdf_overview(s, IN_Q4)
        assert overview.balances == balances(s, today=IN_Q4)
        assert overview.requests == list_requests(s, today=IN_Q4)
        mine = list_requests(s, [allocation], today=IN_Q4)
    assert {r.id: r.left_to_approve for r in mine} == {first: D(10000), _second: D(4000)}
    assert list_requests(s, [], today=IN_Q4) == []


def set_allocation_for(db: Database, name: str, quarter: str) -> int:
    partner = _partner(db, name)
    with db.transaction() as s:
        return set_allocation(s, partner, quarter, D("1000"), "EUR")
