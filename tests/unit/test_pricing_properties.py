"""Property tests: over random price books and quotes, every SPEC.md reconciliation holds.

The net unit and the tax are also checked against an independent oracle in exact fractions,
so the engine cannot agree with itself by sharing a mistake.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.enums import ClaimStatus
from app.domain.money import minor_unit
from app.domain.pricing import (
    ClaimWindow,
    LineRequest,
    PricedQuote,
    PricePoint,
    PricingTerms,
    ProductFacts,
    VolumeBreakFact,
    price_quote,
    reconciliation_errors,
)

CURRENCIES = ("EUR", "USD", "JPY", "KWD", "GBP")
DAY0 = date(2026, 1, 1)


def pct(places: int = 2) -> st.SearchStrategy[Decimal]:
    top = 100 * 10**places
    return st.integers(0, top).map(lambda n: Decimal(n).scaleb(-places))


def money(currency: str) -> st.SearchStrategy[Decimal]:
    places = minor_unit(currency)
    return st.integers(0, 10**7 * 10**places).map(lambda n: Decimal(n).scaleb(-places))


@st.composite
def scenario(draw: st.DrawFn) -> tuple[PricingTerms, list[LineRequest], dict[str, ProductFacts]]:
    currency = draw(st.sampled_from(CURRENCIES))
    day = DAY0 + timedelta(days=draw(st.integers(0, 365)))
    breaks = st.lists(
        st.builds(VolumeBreakFact, st.integers(1, 2000), pct()),
        max_size=3,
        unique_by=lambda b: b.min_qty,
    ).map(tuple)
    n_products = draw(st.integers(1, 5))
    products: dict[str, ProductFacts] = {}
    for i in range(n_products):
        points = draw(
            st.lists(
                st.builds(
                    PricePoint, st.integers(0, 365).map(lambda d: DAY0 + timedelta(days=d)),
                    money(currency),
                ),
                min_size=1, max_size=4, unique_by=lambda p: p.effective_from,
            )
        )  # fmt: skip
        points.append(PricePoint(DAY0, draw(money(currency))))  # so every SKU has a price
        sku = f"SKU-{i}"
        products[sku] = ProductFacts(
            sku, prices=tuple({p.effective_from: p for p in points}.values()),
            sku_breaks=draw(breaks), family_breaks=draw(breaks),
        )  # fmt: skip
    claims = tuple(
        ClaimWindow(status, day + timedelta(days=a), day + timedelta(days=a + length))
        for status, a, length in draw(
            st.lists(
                st.tuples(st.sampled_from(ClaimStatus), st.integers(-60, 5), st.integers(0, 90)),
                max_size=2,
            )
        )
    )
    terms = PricingTerms(
        currency, day, tier_pct=draw(pct()), deal_reg_pct=draw(pct()), claims=claims,
        tax_rate_pct=draw(pct(4)), approval_limit_pct=draw(pct()),
    )  # fmt: skip
    lines = draw(
        st.lists(
            st.builds(
                LineRequest, st.sampled_from(sorted(products)), st.integers(1, 100_000),
                st.one_of(st.just(Decimal(0)), pct()),
            ),
            min_size=1, max_size=8,
        )
    )  # fmt: skip
    return terms, lines, products


def half_up(value: Fraction, places: int) -> Decimal:
    """Round a non-negative exact fraction half up to ``places`` decimals (the oracle)."""
    scaled = value * 10**places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole).scaleb(-places)


def has_currency_decimals(amount: Decimal, currency: str) -> bool:
    return amount.as_tuple().exponent == -minor_unit(currency)


@settings(max_examples=300, deadline=None)
@given(scenario())
def test_every_figure_reconciles(
    case: tuple[PricingTerms, list[LineRequest], dict[str, ProductFacts]],
) -> None:
    terms, requests, products = case
    quote: PricedQuote = price_quote(terms, requests, products)
    cur, places = terms.currency, minor_unit(terms.currency)
    t = quote.totals
    assert reconciliation_errors(quote.lines, t, cur) == []
    assert sum((ln.line_total for ln in quote.lines), Decimal(0)) == t.subtotal
    assert sum((ln.list_price * ln.qty for ln in quote.lines), Decimal(0)) == t.list_total
    assert t.list_total - t.subtotal == t.discount
    assert t.subtotal + t.tax == t.total
    assert t.tax == half_up(Fraction(t.subtotal) * Fraction(terms.tax_rate_pct) / 100, places)
    for ln in quote.lines:
        assert ln.net_unit * ln.qty == ln.line_total
        factor = Fraction(1)
        for p in (ln.tier_pct, ln.reg_pct, ln.volume_pct, ln.special_pct):
            factor *= 1 - Fraction(p) / 100
        assert ln.net_unit == half_up(Fraction(ln.list_price) * factor, places)
        assert ln.net_unit <= ln.list_price
        assert ln.reg_pct == (terms.deal_reg_pct if terms.registered else Decimal(0))
        for amount in (ln.list_price, ln.net_unit, ln.line_total):
            assert has_currency_decimals(amount, cur)
    for amount in (t.list_total, t.discount, t.subtotal, t.tax, t.total):
        assert has_currency_decimals(amount, cur)
        assert amount >= 0
    assert quote.needs_approval == any(r.special_pct > terms.approval_limit_pct for r in requests)


@settings(max_examples=100, deadline=None)
@given(scenario())
def test_pricing_is_deterministic(
    case: tuple[PricingTerms, list[LineRequest], dict[str, ProductFacts]],
) -> None:
    terms, requests, products = case
    assert price_quote(terms, requests, products) == price_quote(terms, requests, products)
