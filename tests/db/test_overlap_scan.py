"""What the overlap scan reads, on SQLite and PostgreSQL: the same groups whichever way the
accounts of live claims are found, and full rows with dates and exact amounts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert

from app.db.engine import Database
from app.db.models import Account, Claim
from app.domain.enums import ClaimStatus
from app.domain.names import domain_key, name_key
from app.services.overlap_scan import live_account_rows, live_claim_rows
from app.services.overlaps import overlap_groups
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
        rows = live_claim_rows(s, TODAY)
        every = {row[0] for row in live_account_rows(s, TODAY, rows)}  # all five are live
        before = overlap_groups(s, TODAY)
    _add_accounts_without_live_claims(any_db, 20)
    with any_db.reading() as s:
        rows = live_claim_rows(s, TODAY)
        picked = {row[0] for row in live_account_rows(s, TODAY, rows)}  # 5 of 25: asked of SQL
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
