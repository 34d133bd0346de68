"""Which currency a deal with a customer in a given country is most likely in.

A claim or a quote for a company in the United States is in dollars, one in Switzerland in
francs: the form offers that, instead of one currency for everybody, and the user can still pick
another. The record decides (the account's country first, then the partner's); the currency the
user used last stands in when neither is known.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The euro area (2026).
EURO_AREA = frozenset({
    "AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PT", "SK", "SI", "ES", "BG", "AD", "MC", "SM", "VA", "ME", "XK",
})  # fmt: skip
#: Countries with a currency of their own that deals are commonly written in.
OWN_CURRENCY = {
    "US": "USD", "GB": "GBP", "CH": "CHF", "LI": "CHF", "JP": "JPY", "CA": "CAD",
    "AU": "AUD", "NZ": "NZD", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN",
    "CZ": "CZK", "HU": "HUF", "RO": "RON", "IS": "ISK", "KW": "KWD", "BH": "BHD",
    "SG": "SGD", "HK": "HKD", "IN": "INR", "CN": "CNY", "KR": "KRW", "BR": "BRL",
    "MX": "MXN", "ZA": "ZAR", "AE": "AED", "SA": "SAR", "IL": "ILS", "TR": "TRY",
    "PR": "USD", "EC": "USD", "SV": "USD", "PA": "USD",
}  # fmt: skip


def country_currency(country: str | None) -> str | None:
    """The currency of ``country`` (an ISO code), or None when it is not known here."""
    if not country:
        return None
    code = country.strip().upper()
    if code in EURO_AREA:
        return "EUR"
    return OWN_CURRENCY.get(code)


def default_currency(
    countries: Iterable[str | None], offered: Iterable[str], last_used: str | None = None
) -> str | None:
    """The currency to start a form with: that of the first of ``countries`` (the account's,
    then the partner's) whose currency is ``offered``, else ``last_used`` if offered, else the
    first offered. None when nothing is offered."""
    choices = list(offered)
    for country in countries:
        currency = country_currency(country)
        if currency is not None and currency in choices:
            return currency
    if last_used in choices:
        return last_used
    return choices[0] if choices else None
