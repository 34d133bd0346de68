"""The currency a form starts with: the account's country's, then the partner's, then the
last used, and only ever one that is offered."""

from __future__ import annotations

from app.domain.local_currency import country_currency, default_currency


def test_the_country_decides_the_currency_in_one_rule() -> None:
    assert [country_currency(c) for c in ("US", "de", "CH", "GB", None, "ZZ")] == [
        "USD", "EUR", "CHF", "GBP", None, None,
    ]  # fmt: skip
    offered = ["EUR", "USD", "JPY"]
    assert default_currency(["US", "DE"], offered, "JPY") == "USD"  # the account first
    assert default_currency([None, "DE"], offered, "JPY") == "EUR"  # then the partner
    assert default_currency(["CH", None], offered, "JPY") == "JPY"  # then the last used
    assert default_currency([], offered) == "EUR" and default_currency([], []) is None
