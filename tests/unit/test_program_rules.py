"""Program spend and return, checked by hand on small cases (SPEC.md, "Program spend and return").

Each figure below was worked out on paper from SPEC.md's words; the comments show the sums.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.program.accruals import (
    AcceptedQuote,
    RebateThreshold,
    Seat,
    SpendEntry,
    SpifRule,
    rebate_items,
    spif_items,
    training_items,
)
from app.domain.program.fx import Converter, FxRate
from app.domain.program.returns import WonDeal, deals_window, figure_items, program_return
from app.domain.quarters import last_day_of_quarter

D = Decimal
USD_RATES = [
    FxRate("USD", "EUR", D("0.9"), date(2026, 1, 1)),
    FxRate("USD", "EUR", D("0.8"), date(2026, 3, 15)),
]


def deal(
    id_: int, on: date, amount: str, currency: str = "EUR", registering: str | None = None,
    *others: str,
) -> WonDeal:  # fmt: skip
    partners = frozenset(others) | ({registering} if registering else set())
    return WonDeal(id_, f"D-{id_}", on, D(amount), currency, registering, partners)


def test_a_rate_changing_on_the_items_date_is_the_one_used() -> None:
    fx = Converter("EUR", USD_RATES)
    assert fx.convert(D("100"), "USD", date(2026, 3, 14)) == D("90.00")
    assert fx.convert(D("100"), "USD", date(2026, 3, 15)) == D("80.00")  # the new rate, that day
    assert fx.convert(D("100"), "USD", date(2025, 12, 31)) is None  # before any rate
    assert fx.convert(D("100"), "GBP", date(2026, 3, 15)) is None  # no rate at all


def test_each_item_is_rounded_once_half_up_and_the_reporting_currency_converts_at_1() -> None:
    fx = Converter("EUR", [FxRate("JPY", "EUR", D("0.0061234567"), date(2026, 1, 1))])
    # 1,000 JPY × 0.0061234567 = 6.1234567 → 6.12; 8.165 × 1 → 8.17 (half up, EUR's 2 places)
    assert fx.convert(D("1000"), "JPY", date(2026, 5, 1)) == D("6.12")
    assert fx.convert(D("8.165"), "EUR", date(1990, 1, 1)) == D("8.17")
    # into JPY: 0 decimals; a rate into another currency is not a rate into JPY
    into_yen = Converter("JPY", [FxRate("EUR", "JPY", D("163.5"), date(2026, 1, 1)), *USD_RATES])
    assert into_yen.convert(D("10.01"), "EUR", date(2026, 2, 1)) == D("1637")  # 1636.635 → 1637
    assert into_yen.convert(D("10"), "USD", date(2026, 2, 1)) is None


def test_a_large_amount_times_a_fine_rate_is_rounded_once_from_the_exact_product() -> None:
    fx = Converter("EUR", [FxRate("USD", "EUR", D("1.3000000001"), date(2026, 1, 1))])
    # 90,000,056,499,999.9995 × 1.3000000001 = 117,000,073,459,000.00499999999995 exactly: to
    # the cent, .00. Decimal's own 28 digits would first round it to ...00500000000000 and then
    # the cent up to .01 (rounded twice).
    amount = D("90000056499999.9995")
    assert fx.convert(amount, "USD", date(2026, 1, 1)) == D("117000073459000.00")


def test_spif_counts_the_familys_units_of_accepted_quotes_within_the_rules_dates() -> None:
    rule = SpifRule("Q1 push", 7, date(2026, 1, 1), date(2026, 3, 31), D("25.50"), "USD")
    quotes = [
        AcceptedQuote("Q-1", "P-1", date(2026, 1, 1), ((7, 3), (8, 10), (7, 2))),  # first day
        AcceptedQuote("Q-2", "P-1", date(2026, 3, 31), ((7, 1),)),  # last day: included
        AcceptedQuote("Q-3", "P-2", date(2026, 4, 1), ((7, 4),)),  # after: none
        AcceptedQuote("Q-4", "P-2", date(2026, 2, 1), ((8, 4), (None, 1))),  # no line of it
    ]
    items = spif_items(quotes, [rule])
    assert [(i.partner, i.on, i.amount, i.currency) for i in items] == [
        ("P-1", date(2026, 1, 1), D("127.50"), "USD"),  # (3 + 2) × 25.50
        ("P-1", date(2026, 3, 31), D("25.50"), "USD"),
    ]


def test_rebate_rules_stack_and_the_highest_threshold_reached_takes_the_whole_quarter() -> None:
    thresholds = [
        RebateThreshold("Growth", D("100000"), D("2")),
        RebateThreshold("Growth", D("250000"), D("3")),
        RebateThreshold("Loyalty", D("0"), D("0.5")),
    ]
    sourced = [
        ("P-1", date(2026, 1, 10), D("200000.00")),
        ("P-1", date(2026, 3, 31), D("60000.33")),  # Q1: 260,000.33 ≥ 250,000
        ("P-1", date(2026, 4, 1), D("99999.99")),  # Q2: below 100,000
        ("P-2", date(2026, 12, 31), D("100000")),  # Q4: exactly 100,000 reaches it
    ]
    items = rebate_items(sourced, thresholds, "EUR")
    assert [(i.partner, i.on, i.amount) for i in items] == [
        ("P-1", date(2026, 3, 31), D("7800.01")),  # 3% of 260,000.33 = 7,800.0099 → 7,800.01
        ("P-1", date(2026, 3, 31), D("1300.00")),  # 0.5% of it = 1,300.00165 → 1,300.00
        ("P-1", date(2026, 6, 30), D("500.00")),  # Loyalty 0.5% of 99,999.99 = 499.99995
        ("P-2", date(2026, 12, 31), D("2000.00")),  # Growth 2%
        ("P-2", date(2026, 12, 31), D("500.00")),  # Loyalty 0.5%
    ]


def test_training_costs_every_seat_passed_or_not() -> None:
    seats = [
        Seat("P-1", date(2026, 2, 3), D("450"), "EUR", "NET-101"),
        Seat("P-1", date(2026, 2, 3), None, None, "FREE-1"),
    ]
    assert [(i.partner, i.on, i.amount) for i in training_items(seats)] == [
        ("P-1", date(2026, 2, 3), D("450"))
    ]


def test_quarter_ends() -> None:
    assert [last_day_of_quarter(date(2026, m, 15)) for m in (2, 5, 8, 11)] == [
        date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31),
    ]  # fmt: skip


def test_a_period_that_cuts_a_quarter_takes_the_whole_quarters_revenue_for_its_rebate() -> None:
    start, end = date(2026, 3, 1), date(2026, 4, 30)
    assert deals_window(start, end) == (date(2026, 1, 1), end)
    deals = [
        deal(1, date(2026, 1, 15), "80000", "EUR", "P-1"),  # Q1, before the period
        deal(2, date(2026, 3, 10), "30000", "EUR", "P-1"),  # Q1, in the period
        deal(3, date(2026, 4, 10), "500000", "EUR", "P-1"),  # Q2 ends after the period
    ]
    thresholds = [RebateThreshold("Growth", D("100000"), D("2"))]
    spend = [SpendEntry("P-1", "Event", date(2026, 3, 5), D("1000"), "EUR")]
    report = program_return(start, end, Converter("EUR", []), spend, deals, thresholds)
    (line,) = report.partners
    assert line.spend["Rebate"] == D("2200.00")  # 2% of 110,000: Q1 whole, dated 31 March
    assert line.spend["all"] == D("3200.00")
    assert line.sourced == D("530000")  # deals 2 and 3 only: deal 1 closed before the period
    assert line.return_ratio == D("165.6250")  # 530,000 ÷ 3,200


def test_a_partner_with_spend_but_no_revenue_has_ratio_zero_and_one_with_none_spent_none() -> None:
    spend = [SpendEntry("P-2", "MDF", date(2026, 5, 1), D("5000"), "EUR")]
    deals = [deal(1, date(2026, 5, 2), "12000", "EUR", "P-3")]
    report = program_return(date(2026, 4, 1), date(2026, 6, 30), Converter("EUR", []), spend, deals)
    by = {line.partner: line for line in report.partners}
    assert by["P-2"].return_ratio == D("0.0000") and by["P-2"].sourced == 0
    assert by["P-3"].return_ratio is None and by["P-3"].sourced == D("12000")
    assert report.program.return_ratio == D("2.4000")


def test_influenced_only_revenue_and_each_won_deal_counts_once_for_the_program() -> None:
    deals = [
        deal(1, date(2026, 5, 2), "1000", "EUR", None, "P-4", "P-5"),  # direct registered it
        deal(2, date(2026, 5, 3), "2000", "EUR", "P-6", "P-4"),
        deal(3, date(2026, 5, 4), "4000", "EUR", None),  # no partner party: nobody's revenue
    ]
    spend = [SpendEntry(None, "Event", date(2026, 5, 1), D("100"), "EUR")]  # program-wide
    report = program_return(date(2026, 5, 1), date(2026, 5, 31), Converter("EUR", []), spend, deals)
    by = {line.partner: line for line in report.partners}
    assert (by["P-4"].sourced, by["P-4"].influenced) == (0, D("3000"))
    assert (by["P-5"].sourced, by["P-5"].influenced) == (0, D("1000"))
    assert (by["P-6"].sourced, by["P-6"].influenced) == (D("2000"), 0)
    assert (report.program.sourced, report.program.influenced) == (D("2000"), D("1000"))
    assert report.program.spend["Event"] == D("100.00")
    assert report.program.return_ratio == D("30.0000")
    assert by["P-4"].return_ratio is None  # nothing was spent on P-4


def test_amounts_without_a_rate_are_listed_once_and_left_out_of_the_totals() -> None:
    deals = [deal(1, date(2026, 5, 2), "1000", "GBP", "P-1", "P-2")]
    spend = [
        SpendEntry("P-1", "SPIF", date(2026, 5, 1), D("10"), "GBP", "Q-1 · push"),
        SpendEntry("P-1", "SPIF", date(2026, 5, 1), D("10"), "USD", "Q-2 · push"),
    ]
    report = program_return(
        date(2026, 5, 1), date(2026, 5, 31), Converter("EUR", USD_RATES), spend, deals,
        [RebateThreshold("R", D("0"), D("1"))],
    )  # fmt: skip
    assert [(n.kind, n.currency, n.amount) for n in report.not_converted] == [
        ("SPIF", "GBP", D("10")), ("deal", "GBP", D("1000")),
    ]  # fmt: skip
    assert report.program.spend["SPIF"] == D("8.00")
    assert report.program.sourced == 0


def test_an_unconverted_deal_behind_a_rebate_outside_the_period_is_listed_once() -> None:
    deals = [deal(1, date(2026, 1, 5), "1000", "GBP", "P-1")]
    report = program_return(
        date(2026, 3, 1), date(2026, 3, 31), Converter("EUR", []), [], deals,
        [RebateThreshold("R", D("0"), D("1"))],
    )  # fmt: skip
    assert [(n.kind, n.on) for n in report.not_converted] == [("deal", date(2026, 1, 5))]


def test_the_items_behind_a_figure_are_the_ones_it_sums() -> None:
    deals = [
        deal(1, date(2026, 5, 2), "1000", "EUR", None, "P-4"),
        deal(2, date(2026, 5, 3), "2000", "USD", "P-6", "P-4"),
    ]
    spend = [
        SpendEntry("P-4", "MDF", date(2026, 5, 1), D("100"), "EUR", "booth"),
        SpendEntry(None, "Event", date(2026, 5, 1), D("50"), "EUR", "summit"),
    ]
    args = (date(2026, 5, 1), date(2026, 5, 31), Converter("EUR", USD_RATES), spend, deals, ())
    influenced = figure_items(*args, "P-4", "influenced")
    assert [(i.ref, i.converted) for i in influenced] == [("D-1", D("1000")), ("D-2", D("1600.00"))]
    assert [i.ref for i in figure_items(*args, None, "all")] == ["summit", "booth"]
    assert [i.ref for i in figure_items(*args, None, "sourced")] == ["D-2"]
    assert [i.ref for i in figure_items(*args, "P-4", "MDF")] == ["booth"]


def test_a_partner_asked_for_is_its_own_line_even_without_figures() -> None:
    report = program_return(
        date(2026, 5, 1), date(2026, 5, 31), Converter("EUR", []), [], [], partner="P-9"
    )
    assert [(line.partner, line.spend["all"], line.return_ratio) for line in report.partners] == [
        ("P-9", 0, None)
    ]
