"""What the overlap scan reads, on SQLite and PostgreSQL: the same groups whichever way the
accounts of live claims are found, and full rows with dates and exact amounts; on PostgreSQL,
the claims read beside the session in its snapshot."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Connection, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Account, Claim
from app.db.snapshot import snapshot_twin
from app.domain.enums import ClaimStatus
from app.domain.names import domain_key, name_key
from app.services.claims import overlap_scan
from app.services.claims.overlap_scan import live_account_rows, live_claim_rows
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


def _claim_on(db: Database, account_id: int, partner_id: int) -> None:
    with db.transaction() as s:
        s.add(
            Claim(
                account_id=account_id, partner_id=partner_id, claimed_on=TODAY,
                valid_until=TODAY + timedelta(days=30), deal_amount=Decimal("5000"),
                currency="EUR", commission_pct=Decimal(5),
            )
        )  # fmt: skip


def test_a_twin_sees_the_moment_its_reading_session_sees(postgres_db: Database) -> None:
    """A claim written after the scan began is in neither of its reads, though each read
    runs after the write."""
    ids = add_overlap_world(postgres_db, TODAY)
    with postgres_db.reading() as s:
        twin = snapshot_twin(s)
        assert twin is not None
        with twin:
            _claim_on(postgres_db, ids["initech"], ids["Northwind"])
            beside, alone = live_claim_rows(twin, TODAY), live_claim_rows(s, TODAY)
    with postgres_db.reading() as s:
        later = live_claim_rows(s, TODAY)
    assert len(beside) == len(alone) == 6 and len(later) == 7


def test_no_twin_on_sqlite_for_a_writing_session_or_once_a_reading_has_begun(
    sqlite_db: Database, postgres_db: Database
) -> None:
    with sqlite_db.reading() as s:
        assert snapshot_twin(s) is None
    with postgres_db.transaction() as s:
        assert snapshot_twin(s) is None
    with postgres_db.reading() as s:
        s.execute(select(1))
        assert snapshot_twin(s) is None


def test_a_scan_on_postgresql_reads_the_claims_beside_and_finds_the_same_groups(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_overlap_world(postgres_db, TODAY)
    with postgres_db.reading() as s:
        s.execute(select(1))  # begun: the scan reads everything in the session
        alone = overlap_groups(s, TODAY)
    twins: list[Connection | None] = []

    def recorded(session: Session) -> Connection | None:
        twins.append(snapshot_twin(session))
        return twins[-1]

    monkeypatch.setattr(overlap_scan, "snapshot_twin", recorded)
    with postgres_db.reading() as s:
        beside = overlap_groups(s, TODAY)
    assert len(twins) == 1 and twins[0] is not None and twins[0].closed
    assert beside == alone and len(beside) == 2
    # Both connections went back to the pool as they came: writable, at READ COMMITTED.
    with postgres_db.transaction() as one, postgres_db.transaction() as two:
        for session in (one, two):
            levels = session.execute(
                text("SELECT current_setting('transaction_isolation'), "
                     "current_setting('transaction_read_only')")
            ).one()  # fmt: skip
            assert tuple(levels) == ("read committed", "off")


def test_a_failed_read_beside_reaches_the_caller_and_gives_its_connection_back(
    postgres_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_overlap_world(postgres_db, TODAY)
    real = overlap_scan.live_claim_rows

    def failing(source: Session | Connection, today: date) -> list[tuple[object, ...]]:
        if isinstance(source, Connection):
            raise OperationalError("SELECT", {}, Exception("server closed the connection"))
        return real(source, today)

    monkeypatch.setattr(overlap_scan, "live_claim_rows", failing)
    with postgres_db.reading() as s, pytest.raises(OperationalError):
        overlap_groups(s, TODAY)
    assert postgres_db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
