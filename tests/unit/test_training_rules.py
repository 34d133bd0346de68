"""The pure training rules: how long a certification lasts (month ends, leap years), what a
coverage cell shows, and what a course form accepts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.course_form import check_course
from app.domain.training import (
    CoverageState,
    add_months,
    coverage_state,
    valid_until_for,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # short month: clamped, never spills into March
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # a leap day a year on
        (date(2028, 2, 29), 48, date(2032, 2, 29)),  # and four years on
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),  # across the year end
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 5, 15), 24, date(2028, 5, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),  # backwards too (the demo data uses it)
        (date(2026, 1, 1), 0, date(2026, 1, 1)),
    ],
)
def test_add_months_keeps_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_valid_until_comes_from_the_course() -> None:
    day = date(2026, 1, 31)
    assert valid_until_for(day, True, True, 1) == date(2026, 2, 28)
    assert valid_until_for(day, True, True, 24) == date(2028, 1, 31)
    assert valid_until_for(day, False, True, 12) is None  # a failed attempt never counts
    assert valid_until_for(day, True, False, 12) is None  # a plain course does not expire
    assert valid_until_for(day, True, True, None) is None  # a lifetime certification


def test_coverage_cell_states() -> None:
    today = date(2026, 6, 1)
    far = today + timedelta(days=61)
    near = today + timedelta(days=60)
    assert coverage_state(2, far, today) is CoverageState.VALID
    assert coverage_state(1, date.max, today) is CoverageState.VALID  # never expires
    assert coverage_state(1, near, today) is CoverageState.EXPIRING  # within 60 days
    assert coverage_state(1, today, today) is CoverageState.EXPIRING  # last valid day
    assert coverage_state(1, near, today, soon_days=30) is CoverageState.VALID
    assert coverage_state(0, today - timedelta(days=1), today) is CoverageState.EXPIRED
    assert coverage_state(0, None, today) is CoverageState.NONE
    assert [s.label for s in CoverageState] == ["Valid", "Expiring", "Expired", "None"]


def test_course_form_rules() -> None:
    values, errors = check_course(
        {
            "code": " CB-300 ",
            "title": "Advanced",
            "family": "",
            "certifies": True,
            "valid_months": "24",
        }
    )
    assert errors == {}
    assert values == {
        "code": "CB-300", "title": "Advanced", "family": None,
        "certifies": True, "valid_months": 24, "cost_per_seat": None, "currency": None,
    }  # fmt: skip
    _values, errors = check_course({"code": "", "title": " ", "certifies": True, "valid_months": 0})
    assert errors == {
        "code": "Code is required",
        "title": "Title is required",
        "valid_months": "Valid for (months) must be at least 1",
    }
    _values, errors = check_course({"code": "X", "title": "Y", "certifies": True})
    assert errors == {"valid_months": "A certifying course needs its validity in months"}
    _values, errors = check_course(
        {"code": "X", "title": "Y", "certifies": True, "valid_months": 1.5}
    )
    assert errors["valid_months"] == "Valid for (months) is not a whole number"
    _values, errors = check_course(
        {"code": "X", "title": "Y", "certifies": True, "valid_months": 240}
    )
    assert errors["valid_months"] == "Valid for (months) must be at most 120"
    values, errors = check_course(
        {"code": "X", "title": "Y", "certifies": False, "valid_months": -3}
    )
    assert errors == {} and values["valid_months"] is None  # nothing of it expires
    _values, errors = check_course({"code": "X" * 41, "title": "Y"})
    assert errors == {"code": "Code is longer than 40 characters"}


def test_course_cost_is_an_amount_in_a_currency_that_allows_its_decimals() -> None:
    def cost_of(cost: object, currency: object) -> tuple[dict[str, object], dict[str, str]]:
        raw = {"code": "X", "title": "Y", "cost_per_seat": cost, "currency": currency}
        return check_course(raw)

    values, errors = cost_of(" 450.5 ", " eur ")
    assert errors == {}
    assert (values["cost_per_seat"], values["currency"]) == (Decimal("450.5"), "EUR")
    assert cost_of(199.99, "USD")[0]["cost_per_seat"] == Decimal("199.99")  # a number cell
    assert cost_of(None, None)[1] == {} and cost_of("", "")[0]["cost_per_seat"] is None
    assert cost_of("450", "")[1] == {"currency": "A cost per seat needs its currency, such as EUR"}
    assert cost_of("-5", "EUR")[1] == {"cost_per_seat": "Cost per seat must not be negative"}
    assert cost_of("100.5", "JPY")[1] == {
        "cost_per_seat": "Cost per seat has more decimals than JPY allows (no decimals)"
    }
    values, errors = cost_of("1e300", "EUR")  # refused by the number rule or the bound
    assert list(errors) == ["cost_per_seat"] and values["cost_per_seat"] is None
    assert cost_of("100000000000000", "EUR")[1] == {
        "cost_per_seat": "Cost per seat must be less than 100,000,000,000,000"
    }
    assert cost_of("99999999999999.99", "EUR")[1] == {}
    assert cost_of("ten", "EUR")[1] == {"cost_per_seat": "Cost per seat is not a number"}
    assert cost_of("10", "EURO")[1] == {
        "currency": "Currency is not a currency code: use three letters such as EUR"
    }
    assert cost_of("10", "XYZ")[1] == {
        "currency": "Currency is not an ISO 4217 currency: use a code such as EUR or USD"
    }
