"""What the overlap scan reads, on SQLite and PostgreSQL: only the accounts of live claims, full
rows with dates and exact amounts, and every table as it was at one moment."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, insert, text, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Account, Claim
from app.domain.enums import ClaimStatus
from app.domain.names import domain_key, name_key
from app.domain.overlap_match import AccountRow
from app.services.claims import overlaps
from app.services.claims.overlap_scan import ClaimRow, live_accounts, live_claim_rows
from app.services.claims.overlaps import overlap_groups
from tests.support.overlap_world import add_overlap_world

TODAY = date(2026, 11, 23)


def _add_accounts_without_live_claims(db: Database, count: int) -> None:
    """Accounts whose claims were rejected or expired, some the very twins of live ones: the
    scan must not see them."""
    with db.transaction() as s:
        for n in range(count):
            name, web = ("Contoso Ltd", "https://contoso.com") if n % 2 else (f"Dormant {n}", None)
            account_id = s.execute(
                insert(Account).values(
                    name=name, name_key=name_key(name), website=web, domain=domain_key(web),
                    country="GB", named_account=False, version=1,
                ).returning(Account.id)
            ).scalar_one()  # fmt: skip
            rejected = n % 3 == 0
            s.execute(
                insert(Claim).values(
                    account_id=account_id, partner_id=None, version=1,
                    claimed_on=TODAY - timedelta(days=100),
                    valid_until=TODAY + timedelta(days=5 if rejected else -1),
                    status=ClaimStatus.REJECTED if rejected else ClaimStatus.APPROVED,
                    deal_amount=Decimal("1000"), currency="EUR", commission_pct=Decimal(5),
                )
            )  # fmt: skip


def test_the_same_groups_whether_most_accounts_are_live_or_few(any_db: Database) -> None:
    add_overlap_world(any_db, TODAY)
    with any_db.reading() as s:
        every = {row[0] for row in live_accounts(s, TODAY, live_claim_rows(s, TODAY))}
        before = overlap_groups(s, TODAY)
    _add_accounts_without_live_claims(any_db, 20)
    with any_db.reading() as s:
        picked = {row[0] for row in live_accounts(s, TODAY, live_claim_rows(s, TODAY))}
        after = overlap_groups(s, TODAY)
    assert picked == every and len(every) == 5
    assert after == before


def test_claims_in_groups_carry_dates_and_exact_amounts(any_db: Database) -> None:
    add_overlap_world(any_db, TODAY)
    with any_db.reading() as s:
        groups = overlap_groups(s, TODAY)
    claims = [c for g in groups for c in g.claims]
    assert all(type(c.claimed_on) is date and type(c.valid_until) is date for c in claims)
    assert {c.commission_pct for c in claims} == {Decimal("10"), Decimal(0), Decimal("12.5"),
                                                  Decimal("8")}  # fmt: skip
    assert sorted(c.deal_amount for c in claims) == [
        Decimal("35000"), Decimal("40000"), Decimal("90000"), Decimal("150000"),
        Decimal("200000"),
    ]  # fmt: skip
    assert all(c.account.website is None or "contoso" in c.account.website for c in claims)


def test_a_scan_reads_one_moment_though_a_claim_moves_between_its_reads(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claim moved to another account after the scan read the claims, before it read the
    accounts: the scan still sees the claim's account as it was when it began."""
    ids = add_overlap_world(any_db, TODAY)
    with any_db.reading() as s:
        before = overlap_groups(s, TODAY)
    real = overlaps.live_accounts

    def moved_meanwhile(session: Session, today: date, claims: list[ClaimRow]) -> list[AccountRow]:
        with any_db.transaction() as other:
            other.execute(
                update(Claim)
                .where(Claim.id == ids["umbrela/Northwind"])
                .values(account_id=ids["initech"])
            )
        return real(session, today, claims)

    monkeypatch.setattr(overlaps, "live_accounts", moved_meanwhile)
    with any_db.reading() as s:
        during = overlap_groups(s, TODAY)
    assert during == before
    assert {group.key for group in before} == {"1,2,3", "4,5"}
    monkeypatch.undo()
    with any_db.reading() as s:  # the move is seen once it has happened: it joins Initech's
        assert {group.key for group in overlap_groups(s, TODAY)} == {"1,2,3", "5,6"}


def test_a_reading_session_goes_back_to_the_pool_as_it_came(postgres_db: Database) -> None:
    add_overlap_world(postgres_db, TODAY)
    with postgres_db.reading() as s:
        assert len(overlap_groups(s, TODAY)) == 2
    with postgres_db.transaction() as one, postgres_db.transaction() as two:
        for session in (one, two):
            levels = session.execute(
                text("SELECT current_setting('transaction_isolation'), "
                     "current_setting('transaction_read_only')")
            ).one()  # fmt: skip
            assert tuple(levels) == ("read committed", "off")


def test_a_scan_learns_the_named_accounts_with_the_accounts_it_reads(any_db: Database) -> None:
    """Which accounts are on the direct team's named list comes with the accounts the scan
    reads, not from another pass over the whole table: the account table is asked for its size
    and its rows, nothing more; and the named account still makes its group the team's."""
    ids = add_overlap_world(any_db, TODAY)
    with any_db.transaction() as s:
        s.execute(update(Account).where(Account.id == ids["initech"]).values(named_account=True))
    reads: list[str] = []

    def statement(_conn, _cursor, sql, *_rest) -> None:  # type: ignore[no-untyped-def]
        if re.search(r"\bfrom account\b", sql, re.IGNORECASE):  # not account_alike
            reads.append(sql)

    event.listen(any_db.engine, "before_cursor_execute", statement)
    try:
        with any_db.reading() as s:
            groups = overlap_groups(s, TODAY)
    finally:
        event.remove(any_db.engine, "before_cursor_execute", statement)
    assert len(reads) == 2
    # Fabrikam's claim on Initech overlaps nobody's, but the account is the direct team's.
    lone = {group.key: group.suggestion for group in groups}[str(ids["initech/Fabrikam"])]
    assert lone is not None and lone.owner == "Direct"
    assert len(groups) == 3
