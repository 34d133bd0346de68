"""Creating and reading quotes on SQLite and PostgreSQL: figures, numbers, and the frozen revision.

Figures with the price book of ``tests.support.quote_book`` (Gold 10%, registration 5%):
CD-100 × 3 at 1,234.50: 1,234.50 × 0.9 × 0.95 = 1,055.4975 → 1,055.50; × 3 = 3,166.50.
CD-200 × 10 at 99.99: × 0.9 × 0.95 × 0.9 (family 10% from 10) = 76.942305 → 76.94; × 10 = 769.40.
Subtotal 3,935.90; list total 4,703.40; discount 767.50; tax 19% 747.821 → 747.82;
total 4,683.72.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Account, Partner, Price, Quote, QuoteLine, QuoteRevision, Setting, Tier
from app.domain.enums import QuoteStatus
from app.domain.errors import InputError, NotFoundError
from app.domain.names import name_key
from app.domain.pricing import LineRequest
from app.domain.quote_spec import QuoteSpec
from app.services.quotes import numbers as quote_numbers
from app.services.quotes.create import CreatedQuote, create_quote
from app.services.quotes.facts import find_account, find_partner
from app.services.quotes.read import read_quote
from tests.support.quote_book import QUOTE_DAY, add_price_book

SPEC = QuoteSpec(
    partner="Northwind Traders",
    account="Contoso Ltd",
    quote_date=QUOTE_DAY,
    currency="EUR",
    tax_rate_pct=None,
    lines=(LineRequest("CD-100", 3), LineRequest("cd-200", 10)),
)
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Database:
    add_price_book(any_db)
    return any_db


def create(db: Database, spec: QuoteSpec = SPEC) -> CreatedQuote:
    with db.transaction() as session:
        return create_quote(session, spec, now=NOW)


def test_create_prices_stores_and_issues_revision_one(db: Database) -> None:
    created = create(db)
    assert created.number == "Q-2026-00001"
    assert created.status is QuoteStatus.ISSUED
    with db.reading() as s:
        view = read_quote(s, "q-2026-00001")
        rev = s.scalar(select(QuoteRevision))
        assert rev is not None
        snapshot = json.loads(rev.snapshot or "{}")
        assert rev.issued_at is not None
    assert view.status is QuoteStatus.ISSUED and view.revision == 1 and view.frozen
    assert view.partner == "Northwind Traders" and view.partner_code == "P-1001"
    assert view.valid_until == date(2026, 12, 22)
    first, second = view.lines
    assert (first.sku, first.qty, first.list_price) == ("CD-100", 3, Decimal("1234.50"))
    assert (first.tier_pct, first.reg_pct, first.volume_pct) == (
        Decimal(10),
        Decimal(5),
        Decimal(0),
    )
    assert (first.net_unit, first.line_total) == (Decimal("1055.50"), Decimal("3166.50"))
    assert str(first.line_total) == "3166.50"  # the currency's decimals, not storage's four
    assert second.sku == "CD-200" and second.volume_pct == 10
    assert (second.net_unit, second.line_total) == (Decimal("76.94"), Decimal("769.40"))
    t = view.totals
    assert (t.list_total, t.discount, t.subtotal) == (
        Decimal("4703.40"), Decimal("767.50"), Decimal("3935.90"),
    )  # fmt: skip
    assert (t.tax_rate_pct, t.tax, t.total) == (Decimal(19), Decimal("747.82"), Decimal("4683.72"))
    assert snapshot["partner"]["name"] == "Northwind Traders"
    assert snapshot["tier"] == {"name": "Gold", "discount_pct": "10"}
    assert snapshot["account"]["name"] == "Contoso Ltd"
    assert snapshot["company"]["name"] == "Channel Desk GmbH"
    assert snapshot["pricing"]["registered"] is True
    assert snapshot["pricing"]["tax_rate_pct"] == "19"


def test_issued_quote_is_frozen_after_price_book_tier_and_partner_change(db: Database) -> None:
    create(db)
    with db.reading() as s:
        before = read_quote(s, "Q-2026-00001")
    with db.transaction() as s:
        s.execute(update(Price).values(list_price=Decimal("9999.00")))
        gold = s.scalar(select(Tier).where(Tier.name == "Gold"))
        assert gold is not None
        gold.discount_pct = Decimal(40)
        partner = s.scalar(select(Partner).where(Partner.partner_code == "P-1001"))
        assert partner is not None
        partner.name = "Northwind Traders International"
        s.add(Setting(key="approval_limit_pct", value="1"))
    with db.reading() as s:
        after = read_quote(s, "Q-2026-00001")
    assert after == before
    # ...while a new quote is priced from today's book and tier.
    created = create(db, replace(SPEC, partner="P-1001", lines=(LineRequest("CD-100", 1),)))
    with db.reading() as s:
        fresh = read_quote(s, created.number)
    assert fresh.partner == "Northwind Traders International"
    assert fresh.lines[0].list_price == Decimal("9999.00") and fresh.lines[0].tier_pct == 40


def test_numbers_run_per_year(db: Database) -> None:
    numbers = [create(db).number for _ in range(3)]
    numbers.append(create(db, replace(SPEC, quote_date=date(2027, 1, 2))).number)
    numbers.append(create(db).number)
    assert numbers == [
        "Q-2026-00001", "Q-2026-00002", "Q-2026-00003", "Q-2027-00001", "Q-2026-00004",
    ]  # fmt: skip
    with db.reading() as s:
        rows = s.execute(select(Quote.year, Quote.sequence).order_by(Quote.id)).all()
    assert [tuple(r) for r in rows] == [(2026, 1), (2026, 2), (2026, 3), (2027, 1), (2026, 4)]


def test_concurrent_creation_never_hands_out_a_number_twice(db: Database) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            results.append(create(db).number)
        except BaseException as exc:  # collected: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results) == [f"Q-2026-{n:05d}" for n in range(1, 7)]


def test_a_taken_number_is_retried_with_the_next(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    create(db)
    real = quote_numbers.next_sequence
    calls: list[int] = []

    def stale_first(session: Session, year: int) -> int:
        calls.append(year)
        return 1 if len(calls) == 1 else real(session, year)  # first: a number already used

    monkeypatch.setattr(quote_numbers, "next_sequence", stale_first)
    assert create(db).number == "Q-2026-00002"
    assert len(calls) == 2


def test_special_above_the_limit_needs_approval_and_is_not_issued(db: Database) -> None:
    spec = replace(SPEC, lines=(LineRequest("CD-100", 1, Decimal("15.5")),))
    created = create(db, spec)
    assert created.status is QuoteStatus.NEEDS_APPROVAL
    with db.reading() as s:
        rev = s.scalar(select(QuoteRevision))
        assert rev is not None
        assert rev.issued_at is None and rev.snapshot is None
        view = read_quote(s, created.number)
    assert view.status is QuoteStatus.NEEDS_APPROVAL and not view.frozen
    assert view.partner == "Northwind Traders"


def test_registration_needs_a_live_claim_and_tax_rate_can_be_given(db: Database) -> None:
    # Fabrikam has no claim; the price for QUOTE_DAY + 1 is the new one (1,300.00).
    spec = replace(
        SPEC,
        account="fabrikam inc",
        quote_date=date(2026, 11, 23),
        tax_rate_pct=Decimal("8.875"),
        lines=(LineRequest("CD-100", 50),),
    )
    created = create(db, spec)
    with db.reading() as s:
        view = read_quote(s, created.number)
    line = view.lines[0]
    assert (line.list_price, line.reg_pct, line.volume_pct) == (
        Decimal("1300.00"),
        Decimal(0),
        Decimal(5),
    )
    assert line.net_unit == Decimal("1111.50")  # 1,300 × 0.9 × 0.95
    assert view.totals.tax == Decimal("4932.28")  # 55,575.00 × 8.875% = 4,932.28125


def test_a_refused_spec_writes_nothing(db: Database) -> None:
    spec = replace(
        SPEC,
        partner="Nobody",
        currency="USD",
        lines=(LineRequest("CD-100", 1), LineRequest("NOPE", 1)),
    )
    with pytest.raises(InputError) as caught:
        create(db, spec)
    assert str(caught.value).splitlines() == [
        "There is no partner 'Nobody' (by Partner ID or name).",
        "Line 1: no USD list price for CD-100 on 2026-11-22.",
        "Line 2: there is no SKU 'NOPE' in the price book.",
    ]
    with db.reading() as s:
        counts = [s.scalar(select(func.count()).select_from(t)) for t in (Quote, QuoteLine)]
    assert counts == [0, 0]


def test_reading_unknown_numbers_and_revisions(db: Database) -> None:
    create(db)
    with db.reading() as s:
        with pytest.raises(NotFoundError, match="no quote Q-2026-09999"):
            read_quote(s, "Q-2026-09999")
        with pytest.raises(NotFoundError, match="no revision 2"):
            read_quote(s, "Q-2026-00001", revision=2)
        assert read_quote(s, "Q-2026-00001", revision=1).revisions == 1


def test_partners_and_accounts_are_found_by_name_in_any_case_and_script(db: Database) -> None:
    with db.transaction() as s:
        partner = s.scalars(select(Partner).where(Partner.name == "Northwind Traders")).one()
        partner.name, partner.name_key = "Öresund Dataföretag", name_key("Öresund Dataföretag")
        account = s.scalars(select(Account).where(Account.name == "Contoso Ltd")).one()
        account.name, account.name_key = "Ελληνικά Δίκτυα", name_key("Ελληνικά Δίκτυα")
    with db.reading() as s:
        assert find_partner(s, "ÖRESUND DATAFÖRETAG")[0].name == "Öresund Dataföretag"
        assert find_account(s, "ελληνικά δίκτυα").name == "Ελληνικά Δίκτυα"
        with pytest.raises(InputError, match="no partner 'Oresund Dataforetag'"):
            find_partner(s, "Oresund Dataforetag")  # the same key, but not the same name
