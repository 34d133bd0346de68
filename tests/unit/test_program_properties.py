"""Program return against a second, plain implementation of SPEC.md's words, on random data.

The oracle below works in exact fractions, finds each rate by scanning every rate, and sums per
partner by asking each item in turn, so it shares no code and no shortcut with
``app.domain.program``: conversion (latest rate on or before the date, half up once per item),
SPIF and rebate accruals, and the return of every partner and of the program.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.money import minor_unit
from app.domain.program.accruals import (
    PROGRAMS,
    AcceptedQuote,
    RebateThreshold,
    SpendEntry,
    SpifRule,
    spif_items,
)
from app.domain.program.fx import Converter, FxRate
from app.domain.program.returns import WonDeal, deals_window, period_returns, program_return
from app.domain.quarters import quarters_in

CURRENCIES = ("EUR", "USD", "JPY", "KWD")
PARTNERS = ("P-1", "P-2", "P-3")
DAY0 = date(2026, 1, 1)
days = st.integers(0, 300).map(lambda n: DAY0 + timedelta(days=n))


def amounts(places: int, top: int = 10**6) -> st.SearchStrategy[Decimal]:
    return st.integers(0, top * 10**places).map(lambda n: Decimal(n).scaleb(-places))


def half_up(value: Fraction, currency: str) -> Fraction:
    """Round a non-negative fraction half up to ``currency``'s minor unit."""
    scale = 10 ** minor_unit(currency)
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale)


def oracle_convert(
    rates: list[FxRate], reporting: str, amount: Decimal, currency: str, on: date
) -> Fraction | None:
    if currency == reporting:
        return half_up(Fraction(amount), reporting)
    usable = [
        r for r in rates if r.currency == currency and r.into_currency == reporting
        and r.effective_from <= on
    ]  # fmt: skip
    if not usable:
        return None
    latest = max(usable, key=lambda r: r.effective_from)
    return half_up(Fraction(amount) * Fraction(latest.rate), reporting)


def last_day_of_quarter(day: date) -> date:
    month = ((day.month - 1) // 3 + 1) * 3
    following = date(day.year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, object]:
    reporting = draw(st.sampled_from(CURRENCIES))
    rates = draw(
        st.lists(
            st.builds(
                FxRate,
                st.sampled_from(CURRENCIES),
                st.sampled_from(CURRENCIES),
                st.integers(1, 10**12).map(lambda n: Decimal(n).scaleb(-10)),
                days,
            ),
            max_size=8,
            unique_by=lambda r: (r.currency, r.into_currency, r.effective_from),
        )
    )
    spend = draw(
        st.lists(
            st.builds(
                SpendEntry,
                st.sampled_from((*PARTNERS, None)),
                st.sampled_from(PROGRAMS),
                days,
                amounts(2),
                st.sampled_from(CURRENCIES),
            ),
            max_size=12,
        )
    )
    deals = []
    for index in range(draw(st.integers(0, 10))):
        currency = draw(st.sampled_from(CURRENCIES))
        registering = draw(st.sampled_from((*PARTNERS, None)))
        others = draw(st.frozensets(st.sampled_from(PARTNERS)))
        deals.append(
            WonDeal(
                index,
                f"D-{index}",
                draw(days),
                draw(amounts(minor_unit(currency))),
                currency,
                registering,
                others | ({registering} if registering else frozenset()),
            )
        )
    thresholds = draw(
        st.lists(
            st.builds(
                RebateThreshold,
                st.sampled_from(("Growth", "Loyalty")),
                amounts(0, 10**6),
                amounts(2, 20),
            ),
            max_size=4,
            unique_by=lambda t: (t.rule, t.threshold),
        )
    )
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 200)))
    return {"reporting": reporting, "rates": rates, "spend": spend, "deals": deals,
            "thresholds": thresholds, "start": start, "end": end}  # fmt: skip


def oracle_rebates(world: dict) -> list[tuple[str, date, Fraction]]:
    """Per partner, quarter ending in the period and rule: the highest threshold reached."""
    rates, reporting = world["rates"], world["reporting"]
    found = []
    for partner in PARTNERS:
        quarter_ends = {last_day_of_quarter(d.closed_on) for d in world["deals"]}
        for last_day in sorted(quarter_ends):
            if not world["start"] <= last_day <= world["end"]:
                continue
            revenue = Fraction(0)
            for d in world["deals"]:
                if d.registering == partner and last_day_of_quarter(d.closed_on) == last_day:
                    value = oracle_convert(rates, reporting, d.amount, d.currency, d.closed_on)
                    revenue += value if value is not None else 0
            for rule in sorted({t.rule for t in world["thresholds"]}):
                steps = [
                    t for t in world["thresholds"] if t.rule == rule and revenue >= t.threshold
                ]
                if steps:
                    best = max(steps, key=lambda t: t.threshold)
                    found.append(
                        (
                            partner,
                            last_day,
                            half_up(revenue * Fraction(best.percent) / 100, reporting),
                        )
                    )
    return [item for item in found if item[2] != 0]


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_the_return_report_matches_a_plain_reading_of_the_spec(world: dict) -> None:
    rates, reporting, start, end = world["rates"], world["reporting"], world["start"], world["end"]
    low, high = deals_window(start, end)
    deals = [d for d in world["deals"] if low <= d.closed_on <= high]
    report = program_return(
        start, end, Converter(reporting, rates), world["spend"], deals, world["thresholds"]
    )
    rebates = oracle_rebates(world)

    def spend_of(partner: str | None, program: str) -> Fraction:
        total = Fraction(0)
        for item in world["spend"]:
            if (
                start <= item.on <= end
                and item.program == program
                and (partner is None or item.partner == partner)
            ):
                value = oracle_convert(rates, reporting, item.amount, item.currency, item.on)
                total += value if value is not None else 0
        if program == "Rebate":
            total += sum(a for p, _d, a in rebates if partner is None or p == partner)
        return total

    def revenue_of(partner: str | None, sourced: bool) -> Fraction:
        total = Fraction(0)
        for d in world["deals"]:
            if not start <= d.closed_on <= end:
                continue
            if partner is None:
                counts = (
                    d.registering is not None
                    if sourced
                    else (d.registering is None and bool(d.partners))
                )
            elif sourced:
                counts = d.registering == partner
            else:
                counts = partner in d.partners and d.registering != partner
            value = oracle_convert(rates, reporting, d.amount, d.currency, d.closed_on)
            if counts and value is not None:
                total += value
        return total

    lines = {line.partner: line for line in report.partners}
    for partner in (*PARTNERS, None):
        line = report.program if partner is None else lines.get(partner)
        every = sum(spend_of(partner, p) for p in PROGRAMS)
        revenue = revenue_of(partner, True) + revenue_of(partner, False)
        if line is None:  # left out: it has no figure at all
            assert every == 0 and revenue == 0
            continue
        for program in PROGRAMS:
            assert Fraction(line.spend[program]) == spend_of(partner, program), program
        assert Fraction(line.spend["all"]) == every
        assert Fraction(line.sourced) == revenue_of(partner, True)
        assert Fraction(line.influenced) == revenue_of(partner, False)
        if every == 0:
            assert line.return_ratio is None
        else:
            assert Fraction(line.return_ratio) == half_up4(revenue / every)

    unconverted_deals = [n for n in report.not_converted if n.kind == "deal"]
    assert len({n.ref for n in unconverted_deals}) == len(unconverted_deals)
    expected = {
        d.ref for d in world["deals"]
        if oracle_convert(rates, reporting, d.amount, d.currency, d.closed_on) is None and (
            start <= d.closed_on <= end
            or (d.registering and world["thresholds"]
                and start <= last_day_of_quarter(d.closed_on) <= end)
        )
    }  # fmt: skip
    assert {n.ref for n in unconverted_deals} == expected
    expected_items = sorted(
        (i.program, i.currency, i.amount, i.on) for i in world["spend"]
        if start <= i.on <= end
        and oracle_convert(rates, reporting, i.amount, i.currency, i.on) is None
    )  # fmt: skip
    assert (
        sorted(
            (n.kind, n.currency, n.amount, n.on) for n in report.not_converted if n.kind != "deal"
        )
        == expected_items
    )


def half_up4(value: Fraction) -> Fraction:
    sign = -1 if value < 0 else 1
    return sign * Fraction(math.floor(abs(value) * 10**4 + Fraction(1, 2)), 10**4)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.builds(
        AcceptedQuote, st.sampled_from(("Q-1", "Q-2")), st.sampled_from(PARTNERS), days,
        st.lists(st.tuples(st.sampled_from((1, 2, None)), st.integers(1, 500)),
                 max_size=4).map(tuple),
    ), max_size=6),
    st.lists(st.builds(
        SpifRule, st.sampled_from(("A", "B")), st.sampled_from((1, 2)), days, days,
        amounts(2, 1000), st.sampled_from(CURRENCIES),
    ), max_size=3),
)  # fmt: skip
def test_spif_items_match_a_plain_reading_of_the_spec(
    quotes: list[AcceptedQuote], rules: list[SpifRule]
) -> None:
    expected = []
    for quote in quotes:
        for rule in rules:
            if rule.valid_from <= quote.quote_date <= rule.valid_to:
                total = Fraction(0)
                for family, qty in quote.lines:
                    if family == rule.family:
                        total += qty * Fraction(rule.amount_per_unit)
                if total:
                    expected.append((quote.partner, quote.quote_date, total, rule.currency))
    got = [(i.partner, i.on, Fraction(i.amount), i.currency) for i in spif_items(quotes, rules)]
    assert got == expected


@settings(max_examples=60, deadline=None)
@given(worlds(), st.sampled_from((None, *PARTNERS)))
def test_quarters_from_one_read_are_the_quarters_read_one_by_one(
    world: dict, partner: str | None
) -> None:
    """``period_returns`` over rows read once for the whole period gives each quarter's report
    as a read of that quarter alone would: its own spend, its own deals window, and the rates
    effective by its end."""
    rates, reporting, start, end = world["rates"], world["reporting"], world["start"], world["end"]
    low, high = deals_window(start, end)
    spend = [e for e in world["spend"] if start <= e.on <= end]
    deals = [d for d in world["deals"] if low <= d.closed_on <= high]
    periods = [(start, end), *((first, last) for first, last, _ in quarters_in(start, end))]
    once = period_returns(
        periods, Converter(reporting, rates), spend, deals, world["thresholds"], partner
    )
    assert len(once) == len(periods)
    for (first, last), report in zip(periods, once, strict=True):
        own_low, own_high = deals_window(first, last)
        apart = program_return(
            first,
            last,
            Converter(reporting, [r for r in rates if r.effective_from <= last]),
            [e for e in spend if first <= e.on <= last],
            [d for d in deals if own_low <= d.closed_on <= own_high],
            world["thresholds"],
            partner,
        )
        assert report == apart
