"""The rules of a joint deal's own fields, for the deal dialog and the deal services alike.

The dialog shows each message next to its field as the user types; the service checks again
before writing, so a deal saved from anywhere is held to one standard: a name of at most 200
characters and no control characters (the one text rule), an account, a currency code, an
amount that is not negative and has no more decimals than its currency, and a real date.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from app.domain.enums import DealStage, Paper
from app.domain.errors import InputError
from app.domain.importing import values as v
from app.domain.money import amount_problem, minor_unit

DEAL_LABELS = {
    "name": "Deal", "account_id": "Account", "stage": "Stage", "amount": "Amount",
    "currency": "Currency", "expected_close": "Expected close", "paper": "Paper",
}  # fmt: skip
NAME_LENGTH = 200


def check_deal(raw: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """(values ready to store, {field: message}) for a deal's own fields."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    try:
        name = v.text(raw.get("name"))
    except v.BadValue as exc:
        errors["name"] = f"Deal name {exc}"
        name = None
    else:
        if name is None:
            errors["name"] = "Deal name is required"
        elif len(name) > NAME_LENGTH:
            errors["name"] = f"Deal name is longer than {NAME_LENGTH} characters"
    values["name"] = name
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
        if amount is not None and amount < 0:
            errors["amount"] = "Amount must not be negative"
        elif amount is not None and (too_large := amount_problem(amount)) is not None:
            errors["amount"] = f"Amount {too_large}"
        values["amount"] = amount if amount is not None else Decimal(0)
    except v.BadValue as exc:
        errors["amount"] = f"Amount {exc}"
    try:
        values["expected_close"] = v.parse_date(raw.get("expected_close"), day_first=True)
    except v.BadValue as exc:
        errors["expected_close"] = f"Expected close {exc}"
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
