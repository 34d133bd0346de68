"""SPEC.md's pricing rules, each checked by hand against pocket-calculator figures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.enums import ClaimStatus
from app.domain.errors import InputError
from app.domain.pricing import (
    ClaimWindow,
    LineRequest,
    PricePoint,
    PricingTerms,
    ProductFacts,
    VolumeBreakFact,
    list_price_on,
    price_quote,
    reconciliation_errors,
    volume_pct,
)

DAY = date(2026, 6, 1)


def product(sku: str = "CD-100", price: str = "100.00", **kw: object) -> ProductFacts:
    prices = kw.pop("prices", (PricePoint(date(2026, 1, 1), Decimal(price)),))
    return ProductFacts(sku=sku, description=f"{sku} thing", prices=prices, **kw)  # type: ignore[arg-type]


def price_one(
    qty: int = 1,
    special: str = "0",
    facts: ProductFacts | None = None,
    **terms: object,
) -> tuple[Decimal, Decimal]:
    facts = facts or product()
    t = PricingTerms(**{"currency": "EUR", "quote_date": DAY, **terms})  # type: ignore[arg-type]
    quote = price_quote(t, [LineRequest(facts.sku, qty, Decimal(special))], {facts.sku: facts})
    line = quote.lines[0]
    assert reconciliation_errors(quote.lines, quote.totals, t.currency) == []
    return line.net_unit, line.line_total


def test_half_a_cent_rounds_up_not_to_even() -> None:
    # 10.05 × 0.5 = 5.025 exactly: half up gives 5.03 (banker's rounding would give 5.02).
    assert price_one(facts=product(price="10.05"), tier_pct=Decimal(50)) == (
        Decimal("5.03"),
        Decimal("5.03"),
    )
    # 10.01 × 0.5 = 5.005 → 5.01; 10.03 × 0.5 = 5.015 → 5.02.
    assert price_one(facts=product(price="10.01"), tier_pct=Decimal(50))[0] == Decimal("5.01")
    assert price_one(facts=product(price="10.03"), tier_pct=Decimal(50))[0] == Decimal("5.02")


def test_net_unit_is_rounded_once_not_after_each_discount() -> None:
    # 10.00 × 0.955 × 0.955 = 9.12025 → 9.12; rounding after each step gives 9.55 → 9.12 (same),
    # so take one where it differs: 0.15 × 0.95 × 0.95 = 0.135375 → 0.14 (stepwise: 0.1425 → 0.14
    # → 0.133 → 0.13).
    facts = product(price="0.15")
    assert price_one(facts=facts, tier_pct=Decimal(5), special="5")[0] == Decimal("0.14")


def test_jpy_has_no_decimals() -> None:
    facts = ProductFacts("JP-1", prices=(PricePoint(date(2026, 1, 1), Decimal(101)),))
    terms = PricingTerms("JPY", DAY, tier_pct=Decimal(50), tax_rate_pct=Decimal(10))
    quote = price_quote(terms, [LineRequest("JP-1", 3)], {"JP-1": facts})
    line = quote.lines[0]
    assert line.net_unit == Decimal(51)  # 50.5 half up
    assert str(line.net_unit) == "51" and str(line.line_total) == "153"
    assert quote.totals.list_total == Decimal(303) and quote.totals.discount == Decimal(150)
    assert quote.totals.tax == Decimal(15)  # 15.3 → 15
    assert str(quote.totals.total) == "168"


def test_kwd_has_three_decimals() -> None:
    facts = ProductFacts("KW-1", prices=(PricePoint(date(2026, 1, 1), Decimal("1.001")),))
    terms = PricingTerms("KWD", DAY, tier_pct=Decimal(50), tax_rate_pct=Decimal(5))
    quote = price_quote(terms, [LineRequest("KW-1", 7)], {"KW-1": facts})
    assert quote.lines[0].net_unit == Decimal("0.501")  # 0.5005 half up
    assert quote.totals.subtotal == Decimal("3.507")
    assert quote.totals.tax == Decimal("0.175")  # 0.17535
    assert str(quote.totals.total) == "3.682"
    assert str(quote.totals.list_total) == "7.007"


def test_tax_rate_with_four_decimals() -> None:
    terms = PricingTerms("USD", DAY, tax_rate_pct=Decimal("8.875"))
    quote = price_quote(terms, [LineRequest("CD-100", 1)], {"CD-100": product()})
    assert quote.totals.tax == Decimal("8.88")  # 8.875 half up
    assert quote.totals.total == Decimal("108.88")


def test_price_effective_on_the_quote_date_applies() -> None:
    prices = (
        PricePoint(date(2026, 1, 1), Decimal("100.00")),
        PricePoint(DAY, Decimal("120.00")),
        PricePoint(DAY + timedelta(days=30), Decimal("150.00")),  # a future price is not used yet
    )
    assert list_price_on(prices, DAY) == Decimal("120.00")
    assert list_price_on(prices, DAY - timedelta(days=1)) == Decimal("100.00")
    assert list_price_on(prices, date(2025, 12, 31)) is None
    assert price_one(facts=product(prices=prices)) == (Decimal("120.00"), Decimal("120.00"))


def test_deal_registration_expired_the_day_before_gives_no_discount() -> None:
    def reg(
        claimed_on: date, valid_until: date, status: ClaimStatus = ClaimStatus.APPROVED
    ) -> Decimal:
        claims = (ClaimWindow(status, claimed_on, valid_until),)
        return price_one(deal_reg_pct=Decimal(10), claims=claims)[0]

    start = DAY - timedelta(days=90)
    assert reg(start, DAY - timedelta(days=1)) == Decimal("100.00")  # expired yesterday
    assert reg(start, DAY) == Decimal("90.00")  # last day of validity counts
    assert reg(DAY, DAY + timedelta(days=90)) == Decimal("90.00")  # claimed today counts
    assert reg(DAY + timedelta(days=1), DAY + timedelta(days=90)) == Decimal("100.00")  # not yet
    assert reg(start, DAY + timedelta(days=9), ClaimStatus.PENDING) == Decimal("100.00")
    assert price_one(deal_reg_pct=Decimal(10))[0] == Decimal("100.00")  # no claim at all


def test_thirty_three_point_three_three_percent_tier() -> None:
    terms = PricingTerms("EUR", DAY, tier_pct=Decimal("33.33"))
    quote = price_quote(terms, [LineRequest("CD-100", 3)], {"CD-100": product()})
    assert quote.lines[0].net_unit == Decimal("66.67")
    assert quote.totals.subtotal == Decimal("200.01")
    assert quote.totals.list_total == Decimal("300.00")
    assert quote.totals.discount == Decimal("99.99")


def test_discounts_multiply_in_order() -> None:
    # 200 × 0.9 × 0.95 × 0.8 × 0.97 = 132.696 → 132.70
    facts = product(price="200.00", sku_breaks=(VolumeBreakFact(5, Decimal(20)),))
    claims = (ClaimWindow(ClaimStatus.APPROVED, date(2026, 1, 1), date(2026, 12, 31)),)
    unit, total = price_one(
        5, "3", facts, tier_pct=Decimal(10), deal_reg_pct=Decimal(5), claims=claims
    )
    assert (unit, total) == (Decimal("132.70"), Decimal("663.50"))


def test_quantity_of_a_thousand_is_exact() -> None:
    unit, total = price_one(1000, facts=product(price="19.99"), tier_pct=Decimal("12.5"))
    assert unit == Decimal("17.49")  # 17.49125
    assert total == Decimal("17490.00")


def test_sku_break_wins_over_a_larger_family_break() -> None:
    sku = (VolumeBreakFact(20, Decimal(5)),)
    family = (VolumeBreakFact(10, Decimal(10)), VolumeBreakFact(50, Decimal(15)))
    assert volume_pct(50, sku, family) == Decimal(5)  # the SKU's own break applies
    assert volume_pct(20, sku, family) == Decimal(5)
    assert volume_pct(10, sku, family) == Decimal(10)  # no SKU break yet: the family's
    assert volume_pct(19, sku, family) == Decimal(10)
    assert volume_pct(9, sku, family) == Decimal(0)
    assert volume_pct(100, (), family) == Decimal(15)  # the largest minimum ≤ qty
    facts = product(sku_breaks=sku, family_breaks=family)
    assert price_one(50, facts=facts)[0] == Decimal("95.00")
    assert price_one(10, facts=facts)[0] == Decimal("90.00")


def test_special_above_the_approval_limit_needs_approval() -> None:
    facts = {"CD-100": product()}
    terms = PricingTerms("EUR", DAY, approval_limit_pct=Decimal(15))
    at_limit = price_quote(terms, [LineRequest("CD-100", 1, Decimal(15))], facts)
    assert not at_limit.needs_approval
    above = price_quote(terms, [LineRequest("CD-100", 1, Decimal("15.01"))], facts)
    assert above.needs_approval
    assert "15.01% is above the approval limit of 15%" in above.approval_reasons[0]


def test_no_price_names_sku_currency_and_date() -> None:
    # The facts are the price book in the quote's currency: here its only USD price starts later.
    later = product(prices=(PricePoint(DAY + timedelta(days=1), Decimal("100.00")),))
    terms = PricingTerms("USD", DAY)
    with pytest.raises(InputError) as caught:
        price_quote(terms, [LineRequest("CD-100", 1)], {"CD-100": later})
    assert str(caught.value) == "Line 1: no USD list price for CD-100 on 2026-06-01."


def test_every_problem_is_reported_on_its_own_line() -> None:
    terms = PricingTerms("EUR", date(2025, 1, 1))
    with pytest.raises(InputError) as caught:
        price_quote(
            terms, [LineRequest("CD-100", 1), LineRequest("NOPE", 1)], {"CD-100": product()}
        )
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "CD-100" in lines[0] and "NOPE" in lines[1]


def test_a_price_with_more_decimals_than_the_currency_is_refused() -> None:
    facts = ProductFacts("JP-1", prices=(PricePoint(date(2026, 1, 1), Decimal("100.5")),))
    with pytest.raises(InputError, match="more decimals than JPY"):
        price_quote(PricingTerms("JPY", DAY), [LineRequest("JP-1", 1)], {"JP-1": facts})


def test_floats_and_bad_numbers_are_refused() -> None:
    with pytest.raises(TypeError):
        LineRequest("CD-100", 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        LineRequest("CD-100", True)
    with pytest.raises(TypeError):
        LineRequest("CD-100", 1, 5.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        PricePoint(DAY, 9.99)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        PricingTerms("EUR", DAY, tax_rate_pct=19.0)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        LineRequest("CD-100", 0)
    with pytest.raises(InputError):
        LineRequest("CD-100", 1, Decimal("5.125"))  # three decimals on a discount
    with pytest.raises(InputError):
        PricingTerms("EUR", DAY, tax_rate_pct=Decimal("8.87501"))
    with pytest.raises(InputError):
        PricingTerms("EUR", DAY, tier_pct=Decimal(101))


def test_receipt_shows_each_step() -> None:
    terms = PricingTerms("EUR", DAY, tier_pct=Decimal(10))
    quote = price_quote(terms, [LineRequest("CD-100", 2, Decimal(5))], {"CD-100": product()})
    steps = dict(quote.lines[0].receipt("EUR"))
    assert steps["list"] == Decimal("100.00")
    assert steps["tier 10%"] == Decimal("90")
    assert steps["special 5%"] == Decimal("85.5")
    assert steps["net unit"] == Decimal("85.50")
    assert steps["line total (× 2)"] == Decimal("171.00")


def test_empty_quote_is_refused() -> None:
    with pytest.raises(InputError, match="at least one line"):
        price_quote(PricingTerms("EUR", DAY), [], {})
