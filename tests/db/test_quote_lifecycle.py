"""A quote's life on SQLite and PostgreSQL: approve, issue, revise, send, accept, expire, and
two people acting on the same quote at once.

Figures with ``tests.support.quote_book`` (see tests/db/test_quote_service.py): SPEC is
CD-100 × 3 and CD-200 × 10, total EUR 4,683.72 on QUOTE_DAY; valid 30 days.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db.engine import Database
from app.db.models import Deal, Price, Product, Quote, QuoteRevision
from app.domain.enums import QuoteStatus
from app.domain.errors import AppError, ConflictError, InputError, RefusedError
from app.domain.pricing import LineRequest
from app.services.quotes import lifecycle as life
from app.services.quotes.create import create_quote
from app.services.quotes.read import read_quote
from tests.db.test_quote_service import NOW, SPEC
from tests.support.quote_book import QUOTE_DAY, add_price_book

LATER = NOW + timedelta(hours=2)


@pytest.fixture
def db(any_db: Database) -> Database:
    add_price_book(any_db)
    return any_db


def new_quote(db: Database, special: str = "0") -> str:
    spec = replace(SPEC, lines=(LineRequest("CD-100", 3, Decimal(special)),))
    with db.transaction() as s:
        return create_quote(s, spec, now=NOW).number


def revision(db: Database, number: str, rev: int) -> QuoteRevision:
    with db.reading() as s:
        found = s.scalar(
            select(QuoteRevision)
            .join(Quote, Quote.id == QuoteRevision.quote_id)
            .where(Quote.number == number, QuoteRevision.revision == rev)
            .options(selectinload(QuoteRevision.lines))
        )
        assert found is not None
        s.expunge(found)
        return found


def refused(db: Database, step: object, *args: object) -> str:
    with pytest.raises(AppError) as caught, db.transaction() as s:
        step(s, *args)  # type: ignore[operator]
    return str(caught.value)


def test_an_issued_quote_is_revised_into_a_new_draft_and_never_changes(db: Database) -> None:
    number = new_quote(db)
    before = revision(db, number, 1)
    assert "issued already" in refused(db, life.issue_revision, number, 1, LATER)
    assert "does not need approval" in refused(db, life.approve_revision, number, 1, "Ann")
    with db.transaction() as s:  # the price book changes before the revision
        s.add(
            Price(
                product=s.scalars(select(Product).where(Product.sku == "CD-100")).one(),
                currency="EUR", list_price=Decimal("1400.00"), effective_from=date(2026, 11, 25),
            )
        )  # fmt: skip
        assert life.revise_quote(s, number, 1, date(2026, 11, 25)) == 2
    assert "still a draft" in refused(db, life.revise_quote, number, 2, QUOTE_DAY)
    with db.reading() as s:
        draft = read_quote(s, number)
        first = read_quote(s, number, 1)
    assert (draft.revision, draft.status, draft.frozen) == (2, QuoteStatus.DRAFT, False)
    assert draft.lines[0].list_price == Decimal("1400.00")  # priced for the new day
    assert first.lines[0].list_price == Decimal("1234.50")
    after = revision(db, number, 1)
    assert (after.snapshot, after.total, after.version) == (before.snapshot, before.total, 1)
    # The draft changes in place; then issuing freezes it and supersedes rev 1.
    change = life.DraftChange(
        date(2026, 11, 25), "EUR", Decimal(0), (LineRequest("CD-200", 5),), None
    )
    with db.transaction() as s:
        version = revision(db, number, 2).version
        assert life.save_draft(s, number, 2, change, version) is QuoteStatus.DRAFT
        life.issue_revision(s, number, 2, LATER)
    issued = revision(db, number, 2)
    assert issued.status is QuoteStatus.ISSUED and issued.snapshot and issued.issued_at
    assert issued.total == Decimal("449.95")  # 99.99 × 0.9 = 89.991 → 89.99 × 5, no tax
    assert "frozen" in refused(db, life.save_draft, number, 2, change, issued.version)
    assert "replaced by a later" in refused(db, life.mark_sent, number, 1, "x@example.com")


def test_a_special_discount_above_the_limit_is_approved_then_issued(db: Database) -> None:
    number = new_quote(db, special="20")
    assert revision(db, number, 1).status is QuoteStatus.NEEDS_APPROVAL
    assert "needs approval first" in refused(db, life.issue_revision, number, 1, LATER)
    assert "not issued yet" in refused(db, life.mark_sent, number, 1, "x@example.com", LATER)
    assert "Say who" in refused(db, life.approve_revision, number, 1, "  ")
    with db.transaction() as s:
        life.approve_revision(s, number, 1, "Ann Manager", LATER)
    approved = revision(db, number, 1)
    assert (approved.status, approved.approved_by) == (QuoteStatus.DRAFT, "Ann Manager")
    with db.transaction() as s:
        assert life.issue_revision(s, number, 1, LATER) is QuoteStatus.ISSUED
    issued = revision(db, number, 1)
    assert issued.issued_at == LATER and issued.approved_by == "Ann Manager"
    with db.reading() as s:
        assert read_quote(s, number).lines[0].special_pct == 20


def test_saving_a_draft_again_asks_for_a_new_approval(db: Database) -> None:
    number = new_quote(db, special="20")
    with db.transaction() as s:
        life.approve_revision(s, number, 1, "Ann", LATER)
    version = revision(db, number, 1).version
    change = life.DraftChange(
        QUOTE_DAY, "EUR", None, (LineRequest("CD-100", 4, Decimal(20)),), None
    )
    with db.transaction() as s:
        assert life.save_draft(s, number, 1, change, version) is QuoteStatus.NEEDS_APPROVAL
    saved = revision(db, number, 1)
    assert saved.approved_by is None and saved.lines[0].quantity == 4
    assert "someone else" in refused(db, life.save_draft, number, 1, change, version)


def test_sent_then_accepted_and_nothing_after(db: Database) -> None:
    number = new_quote(db)
    with db.transaction() as s:
        life.mark_sent(s, number, 1, " buyer@example.com ", LATER)
    sent = revision(db, number, 1)
    assert (sent.status, sent.sent_at, sent.sent_to) == (
        QuoteStatus.SENT,
        LATER,
        "buyer@example.com",
    )
    with db.transaction() as s:
        life.mark_accepted(s, number, 1, QUOTE_DAY)
    assert revision(db, number, 1).status is QuoteStatus.ACCEPTED
    assert "was accepted" in refused(db, life.revise_quote, number, 1, QUOTE_DAY)
    assert "only an issued" in refused(db, life.mark_sent, number, 1, "x@example.com")
    assert refused(db, life.mark_accepted, number, 1, QUOTE_DAY) == (
        f"{number} rev 1 was accepted on {QUOTE_DAY.isoformat()} already."
    )


def test_the_partner_accepts_on_a_day_within_the_offer(db: Database) -> None:
    """The acceptance is dated: not before the quote date, not after today, not after the
    offer lapsed; a revision marked expired only because its days passed is still accepted on
    a day it was on offer (the partner signed in time, the CAM records it late)."""
    number = new_quote(db)
    until = revision(db, number, 1).valid_until
    assert until is not None
    day_before = QUOTE_DAY - timedelta(days=1)
    assert refused(db, life.mark_accepted, number, 1, day_before) == (
        f"{number} rev 1 is dated 2026-11-22: it cannot have been accepted before, on 2026-11-21."
    )
    later = QUOTE_DAY + timedelta(days=3)
    assert "in the future" in refused(db, life.mark_accepted, number, 1, later, QUOTE_DAY)
    assert "expired on" in refused(
        db, life.mark_accepted, number, 1, until + timedelta(days=1), until + timedelta(days=9)
    )
    with db.transaction() as s:
        life.expire_lapsed(s, until + timedelta(days=5))
    assert revision(db, number, 1).status is QuoteStatus.EXPIRED
    with db.transaction() as s:
        life.mark_accepted(s, number, 1, until, until + timedelta(days=5))
    accepted = revision(db, number, 1)
    assert (accepted.status, accepted.accepted_on) == (QuoteStatus.ACCEPTED, until)
    with db.reading() as s:
        state = life.revision_state(s, number, 1)
    assert state.accepted_on == until


def test_a_draft_is_not_accepted(db: Database) -> None:
    number = new_quote(db, special="40")  # needs approval: stays a draft
    assert "not issued yet" in refused(db, life.mark_accepted, number, 1, QUOTE_DAY)
    assert revision(db, number, 1).accepted_on is None


def test_expiry_after_valid_until_and_a_lapsed_quote_can_be_revised(db: Database) -> None:
    number = new_quote(db)
    until = revision(db, number, 1).valid_until
    assert until == QUOTE_DAY + timedelta(days=30)
    with db.transaction() as s:
        assert life.expire_lapsed(s, until) == []  # the last valid day still counts
    assert "expired on" in refused(db, life.mark_accepted, number, 1, until + timedelta(days=1))
    with db.transaction() as s:
        assert life.expire_lapsed(s, until + timedelta(days=1)) == [f"{number} rev 1"]
    assert revision(db, number, 1).status is QuoteStatus.EXPIRED
    lapsed = until + timedelta(days=1)
    assert "expired on" in refused(db, life.mark_accepted, number, 1, lapsed)
    with db.transaction() as s:
        assert life.revise_quote(s, number, 1, QUOTE_DAY) == 2


def test_acting_on_an_old_revision_says_it_changed_meanwhile(db: Database) -> None:
    number = new_quote(db)
    with db.transaction() as s:
        life.revise_quote(s, number, 1, QUOTE_DAY)
    meanwhile = r"changed meanwhile: rev 2 \(draft\)"
    with pytest.raises(ConflictError, match=meanwhile), db.transaction() as s:
        life.revise_quote(s, number, 1, QUOTE_DAY)
    with pytest.raises(RefusedError, match="not issued yet"), db.transaction() as s:
        life.mark_accepted(s, number, 2, QUOTE_DAY)
    with db.transaction() as s:  # rev 1 is still the offer on the table while rev 2 is drafted
        life.mark_sent(s, number, 1, "buyer@example.com", LATER)
    with db.reading() as s:
        state = life.revision_state(s, number, 1)
    assert state.status is QuoteStatus.SENT and not state.latest and not state.superseded


def test_two_people_revising_at_once_make_one_revision(db: Database) -> None:
    number = new_quote(db)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def person() -> None:
        start.wait()
        try:
            with db.transaction() as s:
                outcomes.append(life.revise_quote(s, number, 1, QUOTE_DAY))
        except AppError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=person) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(map(type, outcomes), key=str) == sorted([int, ConflictError], key=str)
    assert 2 in outcomes
    with db.reading() as s:
        assert read_quote(s, number).revisions == 2


def test_two_people_saving_one_draft_at_once_lose_nothing(db: Database) -> None:
    number = new_quote(db, special="20")
    version = revision(db, number, 1).version
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def person(qty: int) -> None:
        change = life.DraftChange(QUOTE_DAY, "EUR", None, (LineRequest("CD-100", qty),), None)
        start.wait()
        try:
            with db.transaction() as s:
                outcomes.append(life.save_draft(s, number, 1, change, version))
        except AppError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=person, args=(qty,)) for qty in (7, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert QuoteStatus.DRAFT in outcomes
    assert any(isinstance(o, ConflictError) for o in outcomes)
    assert revision(db, number, 1).lines[0].quantity in (7, 8)


def test_the_deal_must_be_one_of_the_accounts_deals(db: Database) -> None:
    number = new_quote(db, special="20")
    with db.transaction() as s:
        rev = s.scalars(select(QuoteRevision)).one()
        mine = Deal(name="Contoso rollout", account_id=rev.quote.account_id, currency="EUR")
        other = Deal(name="Elsewhere", account_id=rev.quote.account_id + 1, currency="EUR")
        s.add_all([mine, other])
        s.flush()
        ids = (mine.id, other.id)
        assert life.account_deals(s, rev.quote.account_id) == [(mine.id, "Contoso rollout")]
    version = revision(db, number, 1).version
    lines = (LineRequest("CD-100", 3),)
    wrong = life.DraftChange(QUOTE_DAY, "EUR", None, lines, ids[1])
    with pytest.raises(InputError, match="not one of the quote's"), db.transaction() as s:
        life.save_draft(s, number, 1, wrong, version)
    with db.transaction() as s:
        life.save_draft(s, number, 1, life.DraftChange(QUOTE_DAY, "EUR", None, lines, ids[0]),
                        version)  # fmt: skip
        assert s.scalars(select(QuoteRevision)).one().quote.deal_id == ids[0]


def test_stamps_are_utc(db: Database) -> None:
    number = new_quote(db)
    with db.transaction() as s:
        life.mark_sent(s, number, 1, "a@example.com", datetime(2026, 11, 22, 10, tzinfo=UTC))
    assert revision(db, number, 1).sent_at == datetime(2026, 11, 22, 10, tzinfo=UTC)
