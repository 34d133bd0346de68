"""The demo world: big enough, varied enough, deliberately conflicting, exactly priced, repeatable.

Most checks run on SQLite and PostgreSQL alike (``any_db``); the generation is the same code on
both, but the exact column types and date comparisons are not.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.db.engine import Database, open_database
from app.db.models import (
    Account,
    Claim,
    Contact,
    Course,
    Deal,
    DealParty,
    Partner,
    Price,
    Product,
    Quote,
    QuoteLine,
    QuoteRevision,
    Setting,
    Tier,
    TrainingRecord,
    VolumeBreak,
)
from app.domain.enums import (
    ClaimStatus,
    DealStage,
    PartnerStatus,
    PartnerType,
    PartyRole,
    QuoteStatus,
)
from app.domain.money import round_money
from app.domain.names import domain_key, name_key
from app.services.demo.fill import DemoSummary, generate_demo
from tests.support.db_templates import DemoLike

TODAY = date(2026, 3, 15)
HUNDRED = Decimal(100)


def fill(db: Database, today: date = TODAY) -> DemoSummary:
    with db.transaction() as session:
        return generate_demo(session, today=today)


@pytest.fixture
def demo_db(any_db: Database, demo_like: DemoLike) -> Database:
    """The demo as filled once for this run (the tests below that fill do it afresh)."""
    return demo_like(any_db, TODAY)


def count(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_the_world_has_the_promised_size(demo_db: Database) -> None:
    with demo_db.reading() as s:
        assert 55 <= count(s, Partner) <= 65
        assert count(s, Account) == 150
        assert 140 <= count(s, Claim) <= 200
        assert 60 <= count(s, Deal) <= 95
        assert 6 <= count(s, Quote) <= 12
        assert 15 <= count(s, Product) <= 25
        per_partner = s.execute(
            select(Contact.partner_id, func.count()).group_by(Contact.partner_id)
        ).all()
        assert len(per_partner) == count(s, Partner)
        assert all(2 <= n <= 5 for _, n in per_partner)
        inactive = s.scalar(select(func.count()).where(Contact.active.is_(False))) or 0
        assert 0 < inactive < 40
        countries = set(s.scalars(select(Partner.country).distinct()))
        assert len(countries) >= 12
        assert count(s, Tier) == 4, "the seeded tiers are reused, never duplicated"


def test_every_tier_type_status_and_stage_appears(demo_db: Database) -> None:
    with demo_db.reading() as s:
        tiers = {name: pct for name, pct in s.execute(select(Tier.name, Tier.discount_pct))}
        assert tiers == {
            "Registered": Decimal(0),
            "Silver": Decimal(10),
            "Gold": Decimal(20),
            "Platinum": Decimal(30),
        }
        used_tiers = set(s.scalars(select(Tier.name).join(Partner, Partner.tier_id == Tier.id)))
        assert used_tiers == set(tiers)
        assert set(s.scalars(select(Partner.type).distinct())) == set(PartnerType)
        assert set(s.scalars(select(Partner.status).distinct())) == set(PartnerStatus)
        assert set(s.scalars(select(Deal.stage).distinct())) == set(DealStage)
        assert set(s.scalars(select(Claim.status).distinct())) == set(ClaimStatus)
        assert set(s.scalars(select(DealParty.role).distinct())) == set(PartyRole)
        statuses = set(s.scalars(select(QuoteRevision.status).distinct()))
        wanted = {QuoteStatus.ISSUED, QuoteStatus.DRAFT, QuoteStatus.NEEDS_APPROVAL}
        assert wanted | {QuoteStatus.SENT} <= statuses


def test_names_keys_domains_and_emails_agree(demo_db: Database) -> None:
    with demo_db.reading() as s:
        partners = list(s.scalars(select(Partner)))
        assert all(p.name_key == name_key(p.name) for p in partners)
        assert len({p.partner_code for p in partners}) == len(partners)
        assert all(re.fullmatch(r"P-\d{4}", p.partner_code or "") for p in partners)
        assert any(not p.name.isascii() for p in partners), "accented names"
        assert any(re.search(r"[\u0400-\u04ff]", p.name) for p in partners), "Cyrillic"
        assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", p.name) for p in partners), "Japanese"
        domains = {p.id: domain_key(p.website) for p in partners}
        assert all(p.email and p.email.endswith("@" + (domains[p.id] or "")) for p in partners)
        for contact in s.scalars(select(Contact)):
            assert contact.email is not None and contact.email.isascii()
            assert contact.email.endswith("@" + (domains[contact.partner_id] or "?"))
        for account in s.scalars(select(Account)):
            assert account.name_key == name_key(account.name)
            assert account.domain == domain_key(account.website)


def test_certifications_are_valid_expiring_and_expired(demo_db: Database) -> None:
    soon = TODAY + timedelta(days=60)
    with demo_db.reading() as s:
        rows = s.execute(
            select(TrainingRecord, Course).join(Course, Course.id == TrainingRecord.course_id)
        ).all()
    states: dict[str, int] = defaultdict(int)
    for record, course in rows:
        assert record.completed_on <= TODAY
        if not record.passed or not course.certifies:
            assert record.valid_until is None
            states["failed" if not record.passed else "no certificate"] += 1
            continue
        assert record.valid_until is not None and course.valid_months is not None
        months = (record.valid_until.year - record.completed_on.year) * 12
        months += record.valid_until.month - record.completed_on.month
        assert months == course.valid_months
        if record.valid_until < TODAY:
            states["expired"] += 1
        elif record.valid_until <= soon:
            states["expiring"] += 1
        else:
            states["valid"] += 1
    assert all(states[k] >= 5 for k in ("valid", "expiring", "expired", "failed")), states


def _claimant(claim: Claim) -> tuple[str, int | None]:
    return ("partner", claim.partner_id) if claim.partner_id else ("direct", claim.direct_rep_id)


def test_some_accounts_are_claimed_by_several_parties_at_once(demo_db: Database) -> None:
    with demo_db.reading() as s:
        claims = list(s.scalars(select(Claim).where(Claim.status != ClaimStatus.REJECTED)))
        by_account: dict[int, list[Claim]] = defaultdict(list)
        for claim in claims:
            assert claim.valid_until >= claim.claimed_on
            assert isinstance(claim.deal_amount, Decimal) and claim.currency
            if claim.partner_id is None:
                assert claim.direct_rep_id is not None
            by_account[claim.account_id].append(claim)
        conflicted: list[set[tuple[str, int | None]]] = []
        for group in by_account.values():
            for a in group:
                for b in group:
                    if (
                        _claimant(a) != _claimant(b)
                        and a.claimed_on <= b.valid_until
                        and (b.claimed_on <= a.valid_until)
                    ):
                        conflicted.append({_claimant(a), _claimant(b)})
        assert len({frozenset(c) for c in conflicted}) >= 3
        assert any({kind for kind, _ in pair} == {"partner", "direct"} for pair in conflicted)
        assert any(c.status is ClaimStatus.EXPIRED and c.valid_until < TODAY for c in claims), (
            "some claims have already expired"
        )
        # Near-duplicate accounts for the overlap report: same key, shared domain, look-alike.
        accounts = {a.name: a for a in s.scalars(select(Account))}
        assert accounts["Contoso Ltd"].name_key == accounts["Contoso Limited"].name_key
        assert accounts["Contoso Ltd"].country == accounts["Contoso Limited"].country
        assert accounts["Globex Corporation"].name_key == accounts["Globex Corp."].name_key
        woodgrove = accounts["Woodgrove Financial Services"]
        assert woodgrove.domain == accounts["Woodgrove Bank"].domain == "woodgrovebank.com"
        assert woodgrove.name_key != accounts["Woodgrove Bank"].name_key


def test_deals_have_parties_and_a_dated_activity_log(demo_db: Database) -> None:
    with demo_db.reading() as s:
        for deal in s.scalars(select(Deal)):
            roles = [p.role for p in deal.parties]
            assert deal.claim is not None
            if deal.claim.partner_id is None:  # registered by the direct team
                assert PartyRole.REGISTERING_PARTNER not in roles
                assert PartyRole.DIRECT_REP in roles and PartyRole.INFLUENCER in roles
            else:
                assert roles.count(PartyRole.REGISTERING_PARTNER) == 1
            assert 1 <= len(deal.activities) <= 4
            assert all(a.occurred_on <= TODAY for a in deal.activities)
            assert deal.claim is not None and deal.claim.account_id == deal.account_id
            if deal.stage in (DealStage.WON, DealStage.LOST):
                assert deal.expected_close is not None and deal.expected_close < TODAY
            else:
                assert deal.expected_close is not None and deal.expected_close > TODAY


def _factor(*percents: Decimal) -> Decimal:
    result = Decimal(1)
    for pct in percents:
        result *= 1 - pct / HUNDRED
    return result


def test_quote_figures_reconcile_and_follow_the_pricing_rules(demo_db: Database) -> None:
    with demo_db.reading() as s:
        settings = {key: value for key, value in s.execute(select(Setting.key, Setting.value))}
        reg_setting = Decimal(settings["deal_reg_discount_pct"])
        revisions = list(s.scalars(select(QuoteRevision)))
        assert revisions and any(r.deal_reg_pct for r in revisions)
        assert any(not r.deal_reg_pct for r in revisions)
        for rev in revisions:
            quote = rev.quote
            assert re.fullmatch(rf"Q-{TODAY.year}-\d{{5}}", quote.number)
            assert quote.number == f"Q-{quote.year}-{quote.sequence:05d}"
            tier = quote.partner.tier
            assert tier is not None
            live_claim = s.scalar(
                select(func.count()).where(
                    Claim.partner_id == quote.partner_id,
                    Claim.account_id == quote.account_id,
                    Claim.status == ClaimStatus.APPROVED,
                    Claim.claimed_on <= rev.quote_date,
                    Claim.valid_until >= rev.quote_date,
                )
            )
            assert rev.deal_reg_pct == (reg_setting if live_claim else 0)
            list_total = subtotal = Decimal(0)
            for line in rev.lines:
                price = s.scalar(
                    select(Price.list_price)
                    .where(
                        Price.product_id == line.product_id,
                        Price.currency == rev.currency,
                        Price.effective_from <= rev.quote_date,
                    )
                    .order_by(Price.effective_from.desc())
                    .limit(1)
                )
                assert line.list_price == price
                assert line.tier_pct == tier.discount_pct
                assert line.reg_pct == rev.deal_reg_pct
                assert line.volume_pct == _volume(s, line)
                unit = round_money(
                    line.list_price
                    * _factor(line.tier_pct, line.reg_pct, line.volume_pct, line.special_pct),
                    rev.currency,
                )
                assert line.net_unit == unit
                assert line.net_unit * line.quantity == line.line_total
                list_total += line.list_price * line.quantity
                subtotal += line.line_total
            assert rev.list_total == list_total
            assert rev.subtotal == subtotal
            assert rev.discount == list_total - subtotal
            assert rev.tax == round_money(rev.subtotal * rev.tax_rate / HUNDRED, rev.currency)
            assert rev.subtotal + rev.tax == rev.total
            over_limit = any(line.special_pct > 15 for line in rev.lines)
            assert over_limit == (rev.status is QuoteStatus.NEEDS_APPROVAL)
            if rev.status in (QuoteStatus.ISSUED, QuoteStatus.SENT, QuoteStatus.ACCEPTED):
                assert rev.issued_at is not None and rev.snapshot
                snapshot = json.loads(rev.snapshot)
                assert snapshot["partner"]["name"] == quote.partner.name
                assert snapshot["account"]["name"] == quote.account.name
                assert snapshot["tier"]["name"] == tier.name
            else:
                assert rev.issued_at is None
        sent = [r for r in revisions if r.status is QuoteStatus.SENT]
        assert all(r.sent_at and r.sent_to for r in sent)


def _volume(s: Session, line: QuoteLine) -> Decimal:
    """SPEC.md: the SKU's largest break ≤ qty, else the family's, else none."""
    product = s.get(Product, line.product_id)
    assert product is not None
    for column, key in (
        (VolumeBreak.product_id, product.id),
        (VolumeBreak.family_id, product.family_id),
    ):
        best = s.scalar(
            select(VolumeBreak.discount_pct)
            .where(column == key, VolumeBreak.min_qty <= line.quantity)
            .order_by(VolumeBreak.min_qty.desc())
            .limit(1)
        )
        if best is not None:
            return best
    return Decimal(0)


def test_price_book_has_history_a_future_price_and_breaks(demo_db: Database) -> None:
    with demo_db.reading() as s:
        assert set(s.scalars(select(Price.currency).distinct())) == {"EUR", "USD"}
        per_product = s.execute(
            select(Price.product_id, Price.currency, func.count()).group_by(
                Price.product_id, Price.currency
            )
        ).all()
        assert any(n >= 2 for *_, n in per_product), "a price history"
        assert s.scalar(select(func.count()).where(Price.effective_from > TODAY)), "a future price"
        assert s.scalar(select(func.count()).where(VolumeBreak.product_id.is_not(None)))
        assert s.scalar(select(func.count()).where(VolumeBreak.family_id.is_not(None)))


def _rows(db: Database, model: type[Any]) -> list[dict[str, Any]]:
    """Every row of the model's table but the bookkeeping times, which are the clock's."""
    table: Table = model.__table__
    skipped = {"created_at", "updated_at"}
    with db.reading() as s:
        rows = s.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        return [{k: v for k, v in row.items() if k not in skipped} for row in rows]


def test_same_seed_and_day_give_the_same_database(sqlite_db: Database, tmp_path: Path) -> None:
    other = open_database(tmp_path / "again.sqlite")
    try:
        assert fill(sqlite_db) == fill(other)
        models: tuple[type[Any], ...] = (Partner, Contact, TrainingRecord, Account, Claim, Deal)
        models += (DealParty, Quote, QuoteRevision, QuoteLine, Price, VolumeBreak, Setting)
        for model in models:
            assert _rows(sqlite_db, model) == _rows(other, model), model.__tablename__
    finally:
        other.dispose()


def test_another_day_moves_every_date_with_it(sqlite_db: Database) -> None:
    later = date(2031, 7, 1)
    fill(sqlite_db, today=later)
    with sqlite_db.reading() as s:
        soon = later + timedelta(days=60)
        expiring = s.scalar(
            select(func.count()).where(
                TrainingRecord.valid_until >= later, TrainingRecord.valid_until <= soon
            )
        )
        assert expiring
        live = s.scalar(select(func.count()).where(Claim.valid_until >= later))
        assert live and live > 40
        newest = s.scalar(select(func.max(Claim.claimed_on)))
        assert newest is not None and newest <= later
        numbers = set(s.scalars(select(Quote.number)))
        assert all(n.startswith("Q-2031-") for n in numbers)


def test_adding_twice_keeps_codes_and_numbers_unique(sqlite_db: Database) -> None:
    fill(sqlite_db)
    second = fill(sqlite_db)
    assert second.products == 0 and second.courses == 0, "the catalogue is reused"
    with sqlite_db.reading() as s:
        assert count(s, Partner) == 2 * second.partners
        assert count(s, Tier) == 4
        codes = list(s.scalars(select(Partner.partner_code)))
        assert len(set(codes)) == len(codes)
        sequences = sorted(s.scalars(select(Quote.sequence)))
        assert sequences == list(range(1, len(sequences) + 1))
