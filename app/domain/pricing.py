"""The quote engine: SPEC.md's "Pricing rules" as pure functions over frozen facts.

The database layer gathers the facts (prices, breaks, tier, claims, settings) and this module
turns them into figures, so every rule is testable by hand without a database. Each line keeps
its whole *calculation receipt* (list → tier → deal registration → volume → special → net unit
→ line total): the figures stored, shown and printed are these, never re-derived later.

Arithmetic runs in a wide decimal context so the one rounding of the net unit and of the tax
(``round_money``) sees the exact product, never a value already rounded to 28 digits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from app.domain.dates import date_range_problem
from app.domain.enums import ClaimStatus
from app.domain.errors import InputError
from app.domain.money import (
    HUNDRED,
    ZERO,
    decimal_places,
    format_percent,
    minor_unit,
    round_money,
)
from app.domain.money import MAX_AMOUNT as _MAX_AMOUNT

#: Wide enough for any product of four percentages with a price and a quantity, exactly.
_PRECISION = 80
#: Percent places: discounts (SPEC.md: at most 2) and tax rates (at most 4, e.g. 8.875).
DISCOUNT_PLACES = 2
TAX_RATE_PLACES = 4
#: The largest quantity on a line (it is stored as a 32-bit integer).
MAX_QUANTITY = 1_000_000_000
#: The largest figure a quote may carry (``app.domain.money.MAX_AMOUNT``).
MAX_AMOUNT = _MAX_AMOUNT


def _check_decimal(value: object, what: str) -> Decimal:
    """Refuse ``float`` (and anything not a Decimal): its exact value is already lost."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{what} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise InputError(f"{what}: {value} is not a number.")
    return value


def check_percent(value: object, what: str, places: int = DISCOUNT_PLACES) -> Decimal:
    """A percentage 0..100 with at most ``places`` decimals, as a Decimal."""
    pct = _check_decimal(value, what)
    if pct < 0 or pct > HUNDRED:
        raise InputError(f"{what}: {pct} is not between 0 and 100.")
    if decimal_places(pct) > places:
        raise InputError(f"{what}: {pct} has more than {places} decimals.")
    return pct


def check_quantity(value: object, what: str = "quantity") -> int:
    """A whole number of units, at least 1 (``bool`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if value < 1 or value > MAX_QUANTITY:
        raise InputError(f"{what}: {value} must be a whole number from 1 to {MAX_QUANTITY:,}.")
    return value


# Facts ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PricePoint:
    """A list price of one SKU in one currency from ``effective_from`` on."""

    effective_from: date
    list_price: Decimal

    def __post_init__(self) -> None:
        price = _check_decimal(self.list_price, "list price")
        if price < 0:
            raise InputError(f"list price: {price} must not be negative.")


@dataclass(frozen=True, slots=True)
class VolumeBreakFact:
    """From ``min_qty`` units on, ``discount_pct`` off (of a SKU or of a product family)."""

    min_qty: int
    discount_pct: Decimal

    def __post_init__(self) -> None:
        check_quantity(self.min_qty, "volume break minimum quantity")
        check_percent(self.discount_pct, "volume discount")


@dataclass(frozen=True, slots=True)
class ClaimWindow:
    """A claim of the quote's partner on the quote's account: status and validity window."""

    status: ClaimStatus
    claimed_on: date
    valid_until: date

    def live_on(self, day: date) -> bool:
        """Approved and live on ``day``: claimed on ≤ day ≤ valid until (both days included)."""
        return self.status is ClaimStatus.APPROVED and self.claimed_on <= day <= self.valid_until


@dataclass(frozen=True, slots=True)
class ProductFacts:
    """What the price book says about one SKU, in the quote's currency."""

    sku: str
    description: str = ""
    family: str | None = None
    prices: tuple[PricePoint, ...] = ()
    sku_breaks: tuple[VolumeBreakFact, ...] = ()
    family_breaks: tuple[VolumeBreakFact, ...] = ()


@dataclass(frozen=True, slots=True)
class PricingTerms:
    """The quote-wide facts: currency, date, the partner's tier, registration and settings."""

    currency: str
    quote_date: date
    tier_pct: Decimal = ZERO
    deal_reg_pct: Decimal = ZERO
    claims: tuple[ClaimWindow, ...] = ()
    tax_rate_pct: Decimal = ZERO
    approval_limit_pct: Decimal = Decimal(15)

    def __post_init__(self) -> None:
        minor_unit(self.currency)  # refuses a code that is not three letters
        check_percent(self.tier_pct, "tier discount")
        check_percent(self.deal_reg_pct, "deal registration discount")
        check_percent(self.tax_rate_pct, "tax rate", TAX_RATE_PLACES)
        check_percent(self.approval_limit_pct, "approval limit")

    @property
    def registered(self) -> bool:
        """SPEC.md: the partner holds an approved claim on the account, live on the date."""
        return any(claim.live_on(self.quote_date) for claim in self.claims)

    @property
    def reg_pct(self) -> Decimal:
        """The deal-registration discount that applies to this quote: the setting, or 0."""
        return self.deal_reg_pct if self.registered else ZERO


@dataclass(frozen=True, slots=True)
class LineRequest:
    """One line the user asks for: a SKU, a quantity, and an optional special discount."""

    sku: str
    qty: int
    special_pct: Decimal = ZERO

    def __post_init__(self) -> None:
        check_quantity(self.qty)
        check_percent(self.special_pct, "special discount")


# Figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PricedLine:
    """One line with its calculation receipt; every money figure has the currency's decimals."""

    position: int
    sku: str
    description: str
    family: str | None
    qty: int
    list_price: Decimal
    tier_pct: Decimal
    reg_pct: Decimal
    volume_pct: Decimal
    special_pct: Decimal
    net_unit: Decimal
    line_total: Decimal

    @property
    def discounts(self) -> tuple[tuple[str, Decimal], ...]:
        """The discounts in the order they apply, with the names a receipt prints."""
        return (
            ("tier", self.tier_pct),
            ("deal registration", self.reg_pct),
            ("volume", self.volume_pct),
            ("special", self.special_pct),
        )

    def receipt(self, currency: str) -> tuple[tuple[str, Decimal], ...]:
        """The calculation step by step: the unrounded unit after each discount, then the
        rounded net unit and the line total, so anyone can see why the price is what it is."""
        steps: list[tuple[str, Decimal]] = [("list", self.list_price)]
        with localcontext(prec=_PRECISION):
            running = self.list_price
            for name, pct in self.discounts:
                running = running * (1 - pct / HUNDRED)
                steps.append((f"{name} {format_percent(pct)}", running))
        steps.append(("net unit", round_money(running, currency)))
        steps.append((f"line total (× {self.qty:,})", self.line_total))
        return tuple(steps)


@dataclass(frozen=True, slots=True)
class QuoteTotals:
    """The totals block; ``reconciles`` checks SPEC.md's pocket-calculator identities."""

    list_total: Decimal
    discount: Decimal
    subtotal: Decimal
    tax_rate_pct: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class PricedQuote:
    """A whole quote priced: its lines, its totals, and whether it needs approval."""

    currency: str
    quote_date: date
    lines: tuple[PricedLine, ...]
    totals: QuoteTotals
    approval_reasons: tuple[str, ...]

    @property
    def needs_approval(self) -> bool:
        return bool(self.approval_reasons)


# Rules ------------------------------------------------------------------------------------------


def list_price_on(prices: Iterable[PricePoint], day: date) -> Decimal | None:
    """SPEC.md rule 1: the price effective from the latest date on or before ``day``."""
    best: PricePoint | None = None
    for point in prices:
        if point.effective_from <= day and (
            best is None or point.effective_from > best.effective_from
        ):
            best = point
    return None if best is None else best.list_price


def volume_pct(
    qty: int, sku_breaks: Iterable[VolumeBreakFact], family_breaks: Iterable[VolumeBreakFact]
) -> Decimal:
    """SPEC.md rule 2.3: the SKU's break with the largest minimum ≤ qty; if the SKU has no such
    break, the same among its family's; none: 0. A SKU break wins even when the family's
    discount is larger: the SKU's own price list is the more specific agreement."""
    for breaks in (sku_breaks, family_breaks):
        fitting = [b for b in breaks if b.min_qty <= qty]
        if fitting:
            return max(fitting, key=lambda b: b.min_qty).discount_pct
    return ZERO


def net_unit(list_price: Decimal, discounts: Sequence[Decimal], currency: str) -> Decimal:
    """SPEC.md rule 3: list × Π(1 − d/100), rounded once, half up, to the currency's unit."""
    with localcontext(prec=_PRECISION):
        factor = Decimal(1)
        for pct in discounts:
            factor *= 1 - pct / HUNDRED
        return round_money(list_price * factor, currency)


def tax_on(subtotal: Decimal, rate_pct: Decimal, currency: str) -> Decimal:
    """SPEC.md rule 6: round(subtotal × rate), half up, once."""
    with localcontext(prec=_PRECISION):
        return round_money(subtotal * rate_pct / HUNDRED, currency)


def totals_of(lines: Sequence[PricedLine], tax_rate_pct: Decimal, currency: str) -> QuoteTotals:
    """SPEC.md rules 5 and 6 over priced (or stored) lines: sums are exact, tax rounded once."""
    with localcontext(prec=_PRECISION):
        list_total = as_money(sum((ln.list_price * ln.qty for ln in lines), ZERO), currency)
        subtotal = as_money(sum((ln.line_total for ln in lines), ZERO), currency)
        tax = tax_on(subtotal, tax_rate_pct, currency)
        return QuoteTotals(
            list_total=list_total,
            discount=list_total - subtotal,
            subtotal=subtotal,
            tax_rate_pct=tax_rate_pct,
            tax=tax,
            total=subtotal + tax,
        )


def price_quote(
    terms: PricingTerms, requests: Sequence[LineRequest], products: Mapping[str, ProductFacts]
) -> PricedQuote:
    """Price every line by SPEC.md, or raise one ``InputError`` with one line per problem.

    ``products`` maps each requested SKU to its facts; a SKU missing from it is unknown.
    """
    currency = terms.currency.strip().upper()
    problems: list[str] = []
    lines: list[PricedLine] = []
    reg = terms.reg_pct
    if not requests:
        problems.append("A quote needs at least one line.")
    if (outside := date_range_problem(terms.quote_date)) is not None:
        # a quote is valid for some days after its date: that date must be one a record holds
        raise InputError(f"The quote date {terms.quote_date.isoformat()} {outside}.")
    for position, request in enumerate(requests, start=1):
        facts = products.get(request.sku)
        if facts is None:
            problems.append(f"Line {position}: there is no SKU '{request.sku}' in the price book.")
            continue
        list_price = list_price_on(facts.prices, terms.quote_date)
        if list_price is None:
            problems.append(
                f"Line {position}: no {currency} list price for {facts.sku} on "
                f"{terms.quote_date.isoformat()}."
            )
            continue
        if decimal_places(list_price) > minor_unit(currency):
            problems.append(
                f"Line {position}: the {currency} list price of {facts.sku} ({list_price}) has "
                f"more decimals than {currency} has ({minor_unit(currency)}); fix the price book."
            )
            continue
        volume = volume_pct(request.qty, facts.sku_breaks, facts.family_breaks)
        discounts = (terms.tier_pct, reg, volume, request.special_pct)
        unit = net_unit(list_price, discounts, currency)
        lines.append(
            PricedLine(
                position=position,
                sku=facts.sku,
                description=facts.description,
                family=facts.family,
                qty=request.qty,
                list_price=as_money(list_price, currency),
                tier_pct=terms.tier_pct,
                reg_pct=reg,
                volume_pct=volume,
                special_pct=request.special_pct,
                net_unit=unit,
                line_total=as_money(unit * request.qty, currency),
            )
        )
    if problems:
        raise InputError("\n".join(problems))
    totals = totals_of(lines, terms.tax_rate_pct, currency)
    if max(totals.list_total, totals.total) >= MAX_AMOUNT:
        raise InputError(
            f"The quote's total is too large to store (the limit is {currency} {MAX_AMOUNT:,}); "
            "split it into smaller quotes."
        )
    reasons = tuple(
        f"Line {ln.position} ({ln.sku}): special discount {format_percent(ln.special_pct)} "
        f"is above the approval limit of {format_percent(terms.approval_limit_pct)}."
        for ln in lines
        if ln.special_pct > terms.approval_limit_pct
    )
    return PricedQuote(currency, terms.quote_date, tuple(lines), totals, reasons)


def reconciliation_errors(
    lines: Sequence[PricedLine], totals: QuoteTotals, currency: str
) -> list[str]:
    """Every SPEC.md identity that does not hold (empty when the quote reconciles).

    Used by tests, and available to anything that wants to check stored figures before printing.
    """
    errors: list[str] = []
    for ln in lines:
        if ln.net_unit * ln.qty != ln.line_total:
            errors.append(f"line {ln.position}: net unit × qty ≠ line total")
    expected = totals_of(lines, totals.tax_rate_pct, currency)
    for name in ("list_total", "discount", "subtotal", "tax", "total"):
        if getattr(expected, name) != getattr(totals, name):
            errors.append(f"{name} does not reconcile")
    return errors


def as_money(amount: Decimal, currency: str) -> Decimal:
    """An amount that is already exact, written with the currency's decimals (no rounding);
    a stored amount that is not a whole number of minor units is a bug, never rounded away."""
    written = round_money(amount, currency)
    if written != amount:
        raise ValueError(f"{amount} is not a whole number of {currency} minor units")
    return written
