"""Normalising and checking one cell: numbers, dates, countries, choices, addresses."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.importing import values as v


def test_numbers_typed_as_numbers_keep_no_trailing_zero() -> None:
    assert v.text(4930123456.0) == "4930123456"
    assert v.text(1001.0) == "1001"
    assert v.text("  Contoso  ") == "Contoso"
    assert v.text("   ") is None


def test_money_from_a_float_cell_is_exact() -> None:
    assert v.decimal(0.1, "amount") == Decimal("0.1")
    assert v.decimal("1,234.50", "amount") == Decimal("1234.50")
    assert v.percent(12.5, "discount") == Decimal("12.5")
    assert v.percent("7.5%", "discount") == Decimal("7.5")
    with pytest.raises(v.BadValue, match="more than 2 decimals"):
        v.percent("12.345", "discount")
    with pytest.raises(v.BadValue):
        v.percent("120", "discount")


@pytest.mark.parametrize(
    ("raw", "day_first", "expected"),
    [
        (date(2026, 3, 1), True, date(2026, 3, 1)),
        (datetime(2026, 3, 1, 12, 0), True, date(2026, 3, 1)),
        ("2026-03-01", True, date(2026, 3, 1)),
        ("01/03/2026", True, date(2026, 3, 1)),
        ("01/03/2026", False, date(2026, 1, 3)),
        ("1.3.2026", True, date(2026, 3, 1)),
    ],
)
def test_dates(raw: object, day_first: bool, expected: date) -> None:
    assert v.parse_date(raw, day_first) == expected


@pytest.mark.parametrize("raw", ["2026-02-30", "next week", "13/13/2026", 45000.0])
def test_bad_dates(raw: object) -> None:
    with pytest.raises(v.BadValue):
        v.parse_date(raw)


def test_countries_codes_and_names_in_any_case() -> None:
    assert v.country("germany") == "DE"
    assert v.country(" de ") == "DE"
    with pytest.raises(v.BadValue, match="not a country"):
        v.country("Atlantis")


def test_choices_ignore_case_and_spaces_and_list_the_known_values() -> None:
    known = {v.choice_key(n): n for n in ("Registered", "Silver", "Gold")}
    assert v.choice("  gOLD ", known, "tier") == "Gold"
    with pytest.raises(v.BadValue) as info:
        v.choice("Bronze", known, "tier")
    assert "Gold, Registered, Silver" in str(info.value)


def test_email_and_website() -> None:
    assert v.email("ann@contoso.com") == "ann@contoso.com"
    assert v.website("https://www.contoso.com/about") == "https://www.contoso.com/about"
    assert v.website("contoso.de") == "contoso.de"
    for bad in ("ann@", "ann", "a b@c.com"):
        with pytest.raises(v.BadValue):
            v.email(bad)
    with pytest.raises(v.BadValue):
        v.website("not a site")


def test_booleans() -> None:
    assert v.boolean("Yes") is True
    assert v.boolean("failed") is False
    assert v.boolean(1.0) is True
    with pytest.raises(v.BadValue):
        v.boolean("maybe")


#: The website rule as first written, each quantifier free to give characters back: the quicker
#: pattern must accept exactly what this one accepts.
_PLAIN_HOST = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z\u00a1-\uffff]{2,}"
    r"(?::\d{1,5})?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
_HOSTY = st.text(alphabet="aZ09.-+:/?#w_ é中", max_size=24)


@given(text=st.one_of(
    _HOSTY,
    _HOSTY.map(lambda t: f"https://{t}"),
    _HOSTY.map(lambda t: f"{t}.com"),
    _HOSTY.map(lambda t: f"{t}://www.{t}.de/x"),
))  # fmt: skip
def test_the_website_pattern_accepts_what_the_plain_rule_accepts(text: str) -> None:
    assert bool(v.HOST.match(text)) == bool(_PLAIN_HOST.match(text))


@pytest.mark.parametrize(
    "raw", ["1e500", "150", "-5", "1 000", "1'000", "abc", "12.345", "9" * 80, 1e300, "1e5000"]
)
@pytest.mark.parametrize("what", ["Discount (%)", "Line 4: 'special'"])
def test_a_refused_number_is_said_once_by_the_report_line_not_by_its_reason(
    raw: object, what: str
) -> None:
    """The report line quotes the cell; the reason says only what is wrong with it."""
    reasons = []
    for read in (v.percent, v.decimal):
        try:
            read(raw, what, 2)
        except v.BadValue as exc:
            reasons.append(str(exc))
    assert reasons
    for reason in reasons:
        assert re.match(r"(is|has) [a-z0-9 ]+$", reason), (raw, reason)
