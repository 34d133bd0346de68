"""The rules of a joint deal's own fields, for the deal dialog, the deal services and the deals
import alike.

The dialog shows each message next to its field as the user types; the service checks again
before writing, and the import reads each cell through the same parsers and applies the same
rules between fields, so a deal is held to one standard however it arrives: a name of at most
200 characters and no control characters (the one text rule), an account, a currency code, an
amount that is not negative and has no more decimals than its currency, real dates, a Deal ID
of at most 40 characters, and a *closed on* date exactly when the deal is won or lost.

Closed on is the day the deal was won or lost, as the CAM records it: required for a won or
lost deal (revenue is counted on that day), refused on an open deal (an open deal has not
closed), and refused in the future (a deal that closes next week is still open: its expected
close says when).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import partial

from app.domain.enums import DealStage, Paper
from app.domain.errors import InputError
from app.domain.importing import values as v
from app.domain.money import STORAGE_DECIMALS, amount_problem, decimal_places, minor_unit
from app.domain.partner_form import Parser, date_parser, enum_parser, limited

DEAL_LABELS = {
    "deal_code": "Deal ID", "name": "Deal", "account_id": "Account", "stage": "Stage",
    "amount": "Amount", "currency": "Currency", "expected_close": "Expected close",
    "closed_on": "Closed on", "paper": "Paper",
}  # fmt: skip
NAME_LENGTH = 200
CODE_LENGTH = 40
#: The stages in which a deal has closed, and so carries a closed-on date.
CLOSED = frozenset({DealStage.WON, DealStage.LOST})


def deal_parsers(day_first: bool = True) -> dict[str, Parser]:
    """How each deal cell is read, by the deals import (the dialog reads the same fields through
    ``check_deal``): Deal ID and name as limited text, the stage by value or label, the amount
    exact (its decimals are checked against the currency by ``deal_problems``), dates."""
    day = date_parser(day_first)
    return limited(
        {
            "deal_code": v.text,
            "name": v.text,
            "stage": enum_parser(DealStage, "stage"),
            "amount": partial(v.decimal, what="amount", max_places=STORAGE_DECIMALS),
            "currency": v.currency,
            "expected_close": day,
            "closed_on": day,
        },
        {"deal_code": CODE_LENGTH, "name": NAME_LENGTH},
    )


def closing_problem(stage: object, closed_on: object, today: date) -> str | None:
    """What is wrong with ``closed_on`` for a deal in ``stage`` (a reason without the field's
    name), or None: required for won and lost, refused on an open deal and in the future."""
    if stage in CLOSED:
        if closed_on is None:
            return f"is required for a {DealStage(str(stage)).label.lower()} deal"
        if isinstance(closed_on, date) and closed_on > today:
            return (
                "is in the future: a deal closes on the day it is won or lost "
                f"(today is {today.isoformat()})"
            )
        return None
    if closed_on is not None:
        return "is only for a won or lost deal: clear it, or move the deal to won or lost"
    return None


def amount_reason(amount: Decimal, currency: str | None) -> str | None:
    """What is wrong with a deal's ``amount`` in ``currency`` (without the field's name)."""
    if amount < 0:
        return "must not be negative"
    if (too_large := amount_problem(amount)) is not None:
        return too_large
    if currency and decimal_places(amount) > minor_unit(currency):
        return f"has more than {minor_unit(currency)} decimals"
    return None


def deal_problems(values: Mapping[str, object], today: date) -> dict[str, str]:
    """{field: reason} for the rules between parsed fields (a field that failed to parse is left
    out by the caller, so a rule only speaks of what it can see)."""
    problems: dict[str, str] = {}
    amount, currency = values.get("amount"), values.get("currency")
    if isinstance(amount, Decimal):
        reason = amount_reason(amount, currency if isinstance(currency, str) else None)
        if reason is not None:
            problems["amount"] = reason
    stage = values.get("stage") or DealStage.REGISTERED
    reason = closing_problem(stage, values.get("closed_on"), today)
    if reason is not None:
        problems["closed_on"] = reason
    return problems


def check_deal(
    raw: Mapping[str, object], today: date | None = None
) -> tuple[dict[str, object], dict[str, str]]:
    """(values ready to store, {field: message}) for a deal's own fields; ``today`` (default:
    the computer's date) is the latest day a deal may have closed on."""
    today = today or date.today()
    parsers = deal_parsers(day_first=True)
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    try:
        name = parsers["name"](raw.get("name"))
    except v.BadValue as exc:
        errors["name"] = f"Deal name {exc}"
        name = None
    else:
        if name is None:
            errors["name"] = "Deal name is required"
    values["name"] = name
    if "deal_code" in raw:
        try:
            values["deal_code"] = parsers["deal_code"](raw.get("deal_code"))
        except v.BadValue as exc:
            errors["deal_code"] = f"Deal ID {exc}"
    if raw.get("account_id") is None:
        errors["account_id"] = "Account is required: pick one from the list"
    values["account_id"] = raw.get("account_id")
    values["stage"] = raw.get("stage") or DealStage.REGISTERED
    values["paper"] = raw.get("paper") or Paper.PARTNER
    if raw.get("claim_id") is not None:
        values["claim_id"] = raw["claim_id"]  # the registration the deal grew from
    try:
        currency = v.currency(raw.get("currency"))
        if currency is None:
            errors["currency"] = "Currency is required"
        values["currency"] = currency
    except v.BadValue as exc:
        errors["currency"] = f"Currency {exc}"
        currency = None
    try:
        places = minor_unit(currency) if currency else None
        amount = v.decimal(raw.get("amount"), "amount", places)
        if amount is not None and (reason := amount_reason(amount, None)) is not None:
            errors["amount"] = f"Amount {reason}"
        values["amount"] = amount if amount is not None else Decimal(0)
    except v.BadValue as exc:
        errors["amount"] = f"Amount {exc}"
    for field in ("expected_close", "closed_on"):
        try:
            values[field] = parsers[field](raw.get(field))
        except v.BadValue as exc:
            errors[field] = f"{DEAL_LABELS[field]} {exc}"
    if "closed_on" not in errors:
        reason = closing_problem(values["stage"], values.get("closed_on"), today)
        if reason is not None:
            errors["closed_on"] = f"Closed on {reason}"
    return values, errors


def check_activity(summary: str, next_step: str | None) -> tuple[str, str | None]:
    """An activity's summary (required, may span lines) and next step (one line), checked by
    the one text rule; an ``InputError`` says what to change."""
    try:
        text = v.multiline_text(summary)
        step = v.text(next_step)
    except v.BadValue as exc:
        raise InputError(f"The activity {exc}; nothing was logged.") from None
    if text is None:
        raise InputError("Write what happened; nothing was logged.")
    return text, step
