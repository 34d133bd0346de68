"""The rules of a claim (a deal registration), for the claim dialog and the claims import alike.

A claim's cells are read by ``claim_parsers``; the rules that join two fields are in
``claim_problems``: valid until not before the claim date, a deal amount that is not negative,
has no more decimals than its currency and comes with a currency. The dialog prefixes each
reason with its field's label, the import report names the row and the column.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import partial

from app.domain.account_form import account_parsers
from app.domain.enums import ClaimStatus
from app.domain.importing import values as v
from app.domain.money import STORAGE_DECIMALS, amount_problem, decimal_places, minor_unit
from app.domain.partner_form import Parser, date_parser, enum_parser


def claim_parsers(day_first: bool = True) -> dict[str, Parser]:
    """How each claim cell is read: the account's name, website and country as an account's,
    dates, status, deal amount (exact; its decimals are checked against the currency by
    ``claim_problems``), currency and commission %."""
    account = account_parsers()
    day = date_parser(day_first)
    return {
        "account": account["name"],
        "website": account["website"],
        "country": account["country"],
        "claimed_on": day,
        "valid_until": day,
        "status": enum_parser(ClaimStatus, "claim status"),
        "deal_amount": partial(v.decimal, what="deal amount", max_places=STORAGE_DECIMALS),
        "currency": v.currency,
        "commission_pct": partial(v.percent, what="commission"),
    }


def claim_problems(values: Mapping[str, object]) -> dict[str, str]:
    """{field: reason} for the rules between fields of parsed ``values`` (fields that failed to
    parse are left out by the caller, so a rule only speaks of what it can see)."""
    problems: dict[str, str] = {}
    claimed, until = values.get("claimed_on"), values.get("valid_until")
    if isinstance(claimed, date) and isinstance(until, date) and until < claimed:
        problems["valid_until"] = "is before the claim date"
    amount, currency = values.get("deal_amount"), values.get("currency")
    if isinstance(amount, Decimal):
        if amount < 0:
            problems["deal_amount"] = "must not be negative"
        elif (too_large := amount_problem(amount)) is not None:
            problems["deal_amount"] = too_large
        elif isinstance(currency, str) and decimal_places(amount) > minor_unit(currency):
            problems["deal_amount"] = f"has more than {minor_unit(currency)} decimals"
        if currency is None:
            problems["currency"] = "is required with a deal amount"
    return problems
