"""What the program's rules owe: SPIF, rebate and training spend (SPEC.md, "Program spend and
return").

- **SPIF**: for each accepted quote of a partner whose quote date is within a rule's dates (both
  ends included), Σ quantity × amount per unit over the quote's lines of the rule's product
  family: one item per quote and rule, dated the quote date, in the rule's currency.
- **Rebate**: every rule applies to every partner and rules stack; per partner and calendar
  quarter, the highest threshold the partner's sourced won revenue of that quarter reaches
  (revenue ≥ threshold) gives the percentage of the whole of that revenue, in the reporting
  currency, rounded once; dated the quarter's last day.
- **Training**: a course's cost per seat for every training record, passed or not, dated its
  completion.

An item that comes to nothing (a quote with no line of the family, a quarter under every
threshold) is no item: it would only add a zero to the figures and a line to every drill-down.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal

from app.domain.money import HUNDRED, round_money
from app.domain.quarters import last_day_of_quarter, quarter_of

#: The spend programs as a person reads them, in the order reports show them.
PROGRAMS: tuple[str, ...] = ("MDF", "SPIF", "Rebate", "Training", "Event", "Other")

_EXACT = Context(prec=80)


@dataclass(frozen=True, slots=True)
class SpendEntry:
    """One dated item of spend in its own currency: ``partner`` is the Partner ID, None for a
    program-wide item; ``program`` one of ``PROGRAMS``; ``ref`` says what it is to a person."""

    partner: str | None
    program: str
    on: date
    amount: Decimal
    currency: str
    ref: str = ""


@dataclass(frozen=True, slots=True)
class SpifRule:
    name: str
    family: int
    valid_from: date
    valid_to: date
    amount_per_unit: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class AcceptedQuote:
    """An accepted quote: ``lines`` are (product family or None, quantity) of its revision."""

    number: str
    partner: str
    quote_date: date
    lines: tuple[tuple[int | None, int], ...]


@dataclass(frozen=True, slots=True)
class RebateThreshold:
    rule: str
    threshold: Decimal
    percent: Decimal


@dataclass(frozen=True, slots=True)
class Seat:
    """A training record with its course's cost per seat (None: the course costs nothing)."""

    partner: str
    completed_on: date
    cost: Decimal | None
    currency: str | None
    ref: str = ""


def spif_items(quotes: Iterable[AcceptedQuote], rules: Sequence[SpifRule]) -> list[SpendEntry]:
    """One SPIF item per accepted quote and rule whose dates hold the quote date."""
    items: list[SpendEntry] = []
    for quote in quotes:
        for rule in rules:
            if not rule.valid_from <= quote.quote_date <= rule.valid_to:
                continue
            units = sum(qty for family, qty in quote.lines if family == rule.family)
            amount = _EXACT.multiply(Decimal(units), rule.amount_per_unit)
            if amount == 0:
                continue
            items.append(
                SpendEntry(quote.partner, "SPIF", quote.quote_date, amount, rule.currency,
                           f"{quote.number} · {rule.name}")
            )  # fmt: skip
    return items


def rebate_items(
    sourced: Iterable[tuple[str, date, Decimal]],
    thresholds: Iterable[RebateThreshold],
    reporting: str,
) -> list[SpendEntry]:
    """Rebates from ``sourced`` won revenue (partner, closed on, amount already converted into
    ``reporting``): per partner, quarter and rule, the highest threshold reached applies."""
    rules: dict[str, list[RebateThreshold]] = {}
    for threshold in thresholds:
        rules.setdefault(threshold.rule, []).append(threshold)
    if not rules:
        return []
    for steps in rules.values():
        steps.sort(key=lambda step: step.threshold)
    revenue: dict[tuple[str, date], Decimal] = {}
    for partner, closed_on, amount in sourced:
        key = (partner, last_day_of_quarter(closed_on))
        revenue[key] = revenue.get(key, Decimal(0)) + amount
    items: list[SpendEntry] = []
    for (partner, last_day), total in sorted(revenue.items()):
        for name in sorted(rules):
            reached = [step for step in rules[name] if total >= step.threshold]
            if not reached:
                continue
            percent = reached[-1].percent
            amount = round_money(_EXACT.divide(_EXACT.multiply(total, percent), HUNDRED), reporting)
            if amount == 0:
                continue
            items.append(
                SpendEntry(partner, "Rebate", last_day, amount, reporting,
                           f"{name} · {quarter_of(last_day)} · {percent.normalize():f}% of "
                           f"{total:f}")
            )  # fmt: skip
    return items


def training_items(seats: Iterable[Seat]) -> list[SpendEntry]:
    """One training item per record whose course has a cost per seat."""
    return [
        SpendEntry(seat.partner, "Training", seat.completed_on, seat.cost, seat.currency, seat.ref)
        for seat in seats
        if seat.cost is not None and seat.currency is not None and seat.cost != 0
    ]
