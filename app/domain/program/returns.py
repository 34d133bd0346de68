"""What the program returns for what it costs, per partner and for the whole program (SPEC.md,
"Program spend and return").

Over a period [start, end] (both ends included): spend per program and in all, sourced and
influenced won revenue, and the return ratio = (sourced + influenced) ÷ spend in all, rounded
half up to 4 decimals once (none when nothing was spent). A won deal counts at its full amount,
dated its closed-on date: **sourced** for its registering partner, **influenced** for every other
partner party; in the whole program's figures each won deal counts once (sourced when a partner
registered it, otherwise influenced when a partner took part; with no partner party, not at all).
The whole program's spend includes the program-wide items.

Every amount is converted once (``fx.Converter``) before it is summed. An amount without a rate
is left out of every total and listed in ``not_converted`` (a deal once, however many partners it
counts for). Rebates are accrued here, from the same converted deals, because they depend on the
quarter's sourced revenue: a period that cuts a quarter still takes the whole quarter's revenue
for a rebate dated inside it (see ``deals_window``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

from app.domain.dates import date_range_problem
from app.domain.errors import InputError
from app.domain.program.accruals import PROGRAMS, RebateThreshold, SpendEntry, rebate_items
from app.domain.program.fx import Converter
from app.domain.quarters import first_day_of_quarter, last_day_of_quarter

#: The figures a report line has besides the programs.
ALL = "all"
SOURCED = "sourced"
INFLUENCED = "influenced"
RATIO_PLACES = Decimal("0.0001")
_EXACT = Context(prec=80)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class WonDeal:
    """A won deal: ``registering`` is its registering partner's Partner ID (None: the direct team
    or nobody registered it), ``partners`` every partner among its parties."""

    id: int
    ref: str
    closed_on: date
    amount: Decimal
    currency: str
    registering: str | None
    partners: frozenset[str]

    @property
    def influencers(self) -> frozenset[str]:
        return self.partners - {self.registering} if self.registering else self.partners


@dataclass(frozen=True)
class ReturnLine:
    """One line of the report: ``partner`` None for the whole program. ``spend`` holds every
    program of ``PROGRAMS`` and ``"all"``, in the reporting currency."""

    partner: str | None
    spend: Mapping[str, Decimal]
    sourced: Decimal
    influenced: Decimal
    return_ratio: Decimal | None


@dataclass(frozen=True, slots=True)
class NotConverted:
    """An amount no rate converts: ``kind`` is ``deal`` or a program; amount in its own currency."""

    kind: str
    currency: str
    amount: Decimal
    on: date
    ref: str
    #: The Partner IDs it belongs to: a spend item's partner (none: program-wide), a deal's
    #: registering partner first, then its other partners.
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnReport:
    start: date
    end: date
    currency: str
    partners: tuple[ReturnLine, ...]
    program: ReturnLine
    not_converted: tuple[NotConverted, ...]


@dataclass(frozen=True, slots=True)
class FigureItem:
    """An item behind a figure: its own amount and currency, and what it counts as (None: not
    converted, so it counts nowhere)."""

    kind: str
    on: date
    ref: str
    amount: Decimal
    currency: str
    converted: Decimal | None
    #: The Partner IDs the item counts for in its figure: a spend item's partner (none:
    #: program-wide), a sourced deal's registering partner, an influenced deal's influencers.
    partners: tuple[str, ...] = ()


def deals_window(start: date, end: date) -> tuple[date, date]:
    """The closed-on dates of the won deals a report over [start, end] needs: the period's own,
    and the whole of every quarter whose rebate is dated within it."""
    return min(start, first_day_of_quarter(start)), end


def check_period(start: date, end: date) -> None:
    """Refuse a period that ends before it starts or lies outside the years records hold."""
    problems = [
        f"{name} {day.isoformat()} {problem}."
        for name, day in (("From", start), ("To", end))
        if (problem := date_range_problem(day)) is not None
    ]
    if not problems and end < start:
        problems.append(
            f"To {end.isoformat()} is before from {start.isoformat()}: the period "
            "ends on or after the day it starts."
        )
    if problems:
        raise InputError("\n".join(problems))


def return_ratio(revenue: Decimal, spend: Decimal) -> Decimal | None:
    """Revenue ÷ spend, half up to 4 decimals; None when nothing was spent."""
    if spend == 0:
        return None
    return _EXACT.divide(revenue, spend).quantize(RATIO_PLACES, ROUND_HALF_UP)


class _Period:
    """The period's spend items and won deals, each converted once."""

    def __init__(
        self,
        start: date,
        end: date,
        converter: Converter,
        spend: Iterable[SpendEntry],
        deals: Iterable[WonDeal],
        thresholds: Sequence[RebateThreshold],
    ) -> None:
        convert = converter.convert
        self.deals: list[tuple[WonDeal, Decimal | None]] = []
        sourced: list[tuple[str, date, Decimal]] = []
        rebate_unconverted: list[WonDeal] = []
        for deal in deals:
            in_period = start <= deal.closed_on <= end
            for_rebate = (
                thresholds and deal.registering is not None
                and start <= last_day_of_quarter(deal.closed_on) <= end
            )  # fmt: skip
            if not (in_period or for_rebate):
                continue
            converted = convert(deal.amount, deal.currency, deal.closed_on)
            if in_period:
                self.deals.append((deal, converted))
            if for_rebate and deal.registering is not None:
                if converted is None:
                    rebate_unconverted.append(deal)
                else:
                    sourced.append((deal.registering, deal.closed_on, converted))
        entries = [entry for entry in spend if start <= entry.on <= end]
        entries += rebate_items(sourced, thresholds, converter.reporting)
        self.spend = [(entry, convert(entry.amount, entry.currency, entry.on)) for entry in entries]
        self.rebate_unconverted = rebate_unconverted


def program_return(
    start: date,
    end: date,
    converter: Converter,
    spend: Iterable[SpendEntry],
    deals: Iterable[WonDeal],
    thresholds: Sequence[RebateThreshold] = (),
    partner: str | None = None,
) -> ReturnReport:
    """The return of every partner with a figure (or of ``partner`` alone) and of the program.

    ``spend`` holds the items in their own currencies (MDF paid, SPIF, training, entered items),
    ``deals`` the won deals closed within ``deals_window(start, end)``.
    """
    period = _Period(start, end, converter, spend, deals, thresholds)
    zero_spend = dict.fromkeys((*PROGRAMS, ALL), ZERO)
    spend_by: dict[str | None, dict[str, Decimal]] = {}
    revenue: dict[str, list[Decimal]] = {}
    program_spend = dict(zero_spend)
    program_revenue = [ZERO, ZERO]
    not_converted: list[NotConverted] = []
    for entry, converted in period.spend:
        if entry.partner is not None:
            spend_by.setdefault(entry.partner, dict(zero_spend))
            revenue.setdefault(entry.partner, [ZERO, ZERO])
        if converted is None:
            not_converted.append(
                NotConverted(
                    entry.program, entry.currency, entry.amount, entry.on, entry.ref, _own(entry)
                )
            )
            continue
        program_spend[entry.program] += converted
        program_spend[ALL] += converted
        if entry.partner is not None:
            own = spend_by[entry.partner]
            own[entry.program] += converted
            own[ALL] += converted
    listed: set[int] = set()
    for deal, converted in period.deals:
        registering = deal.registering
        for name in (*deal.partners, registering):
            if name is not None and name not in revenue:
                spend_by[name] = dict(zero_spend)
                revenue[name] = [ZERO, ZERO]
        if converted is None:
            listed.add(deal.id)
            not_converted.append(_deal_not_converted(deal))
            continue
        if registering is not None:
            revenue[registering][0] += converted
            program_revenue[0] += converted
        elif deal.partners:
            program_revenue[1] += converted
        for name in deal.partners:
            if name != registering:
                revenue[name][1] += converted
    for deal in period.rebate_unconverted:
        if deal.id not in listed:
            listed.add(deal.id)
            not_converted.append(_deal_not_converted(deal))
    names = sorted(name for name in revenue if name is not None)
    if partner is not None:
        names = [partner]
    lines = tuple(
        _line(name, spend_by.get(name, zero_spend), *revenue.get(name, [ZERO, ZERO]))
        for name in names
    )
    not_converted.sort(key=lambda item: (item.on, item.kind, item.ref))
    return ReturnReport(
        start, end, converter.reporting, lines,
        _line(None, program_spend, *program_revenue), tuple(not_converted),
    )  # fmt: skip


def period_returns(
    periods: Sequence[tuple[date, date]],
    converter: Converter,
    spend: Iterable[SpendEntry],
    deals: Iterable[WonDeal],
    thresholds: Sequence[RebateThreshold] = (),
    partner: str | None = None,
) -> list[ReturnReport]:
    """``program_return`` of each of ``periods`` from rows read once for a span that holds
    them all (spend dated within it, won deals closed within its ``deals_window``): the same
    reports as reading each period on its own, for one read instead of one per quarter.

    ``converter`` may hold rates dated after a period's end: an item is converted at the rate
    in force on its own date, never a later one, so they change nothing.
    """
    by_day = sorted(spend, key=lambda entry: entry.on)
    spend_days = [entry.on for entry in by_day]
    closed = sorted(deals, key=lambda deal: deal.closed_on)
    closed_days = [deal.closed_on for deal in closed]
    reports = []
    for start, end in periods:
        low, high = deals_window(start, end)
        own_spend = by_day[bisect_left(spend_days, start) : bisect_right(spend_days, end)]
        own_deals = closed[bisect_left(closed_days, low) : bisect_right(closed_days, high)]
        reports.append(
            program_return(start, end, converter, own_spend, own_deals, thresholds, partner)
        )
    return reports


def figure_items(
    start: date,
    end: date,
    converter: Converter,
    spend: Iterable[SpendEntry],
    deals: Iterable[WonDeal],
    thresholds: Sequence[RebateThreshold],
    partner: str | None,
    figure: str,
) -> list[FigureItem]:
    """The items behind one figure of ``program_return``'s report: ``partner`` None for the
    whole program; ``figure`` a program, ``"all"``, ``"sourced"`` or ``"influenced"``. Items
    without a rate are listed too, with ``converted`` None."""
    period = _Period(start, end, converter, spend, deals, thresholds)
    items: list[FigureItem] = []
    if figure in (*PROGRAMS, ALL):
        for entry, converted in period.spend:
            if (partner is None or entry.partner == partner) and figure in (ALL, entry.program):
                items.append(
                    FigureItem(entry.program, entry.on, entry.ref, entry.amount, entry.currency,
                               converted, _own(entry))
                )  # fmt: skip
    elif figure in (SOURCED, INFLUENCED):
        for deal, converted in period.deals:
            if partner is None:
                kind = SOURCED if deal.registering else INFLUENCED if deal.partners else None
            elif deal.registering == partner:
                kind = SOURCED
            else:
                kind = INFLUENCED if partner in deal.influencers else None
            if kind == figure:
                if partner is not None:
                    counts_for: tuple[str, ...] = (partner,)
                elif deal.registering:
                    counts_for = (deal.registering,)
                else:
                    counts_for = tuple(sorted(deal.influencers))
                items.append(
                    FigureItem("deal", deal.closed_on, deal.ref, deal.amount, deal.currency,
                               converted, counts_for)
                )  # fmt: skip
    else:
        raise ValueError(f"unknown figure {figure!r}")
    items.sort(key=lambda item: (item.on, item.kind, item.ref))
    return items


def _deal_not_converted(deal: WonDeal) -> NotConverted:
    first = (deal.registering,) if deal.registering else ()
    partners = (*first, *sorted(deal.influencers))
    return NotConverted("deal", deal.currency, deal.amount, deal.closed_on, deal.ref, partners)


def _own(entry: SpendEntry) -> tuple[str, ...]:
    return (entry.partner,) if entry.partner is not None else ()


def _line(
    partner: str | None, spend: Mapping[str, Decimal], sourced: Decimal, influenced: Decimal
) -> ReturnLine:
    return ReturnLine(
        partner, dict(spend), sourced, influenced, return_ratio(sourced + influenced, spend[ALL])
    )
