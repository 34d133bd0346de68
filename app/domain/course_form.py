"""Checking what a person typed for a course: one message per field.

The course dialog shows each message next to its field as the user types, and the course
service checks again before writing, so a course created from the command line or an import is
held to the same rules: a code and a title, a certification lasts at least one month, and a cost
per seat is an amount in a currency (ISO 4217) that allows its decimals.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.importing import values as v
from app.domain.pricebook import currency_problem, price_problem
from app.domain.pricing import MAX_AMOUNT

Checked = tuple[dict[str, object], dict[str, str]]

COURSE_FIELDS = (
    "code", "title", "family", "certifies", "valid_months", "cost_per_seat", "currency",
)  # fmt: skip
LABELS = {
    "code": "Code",
    "title": "Title",
    "family": "Product family",
    "certifies": "Certifies",
    "valid_months": "Valid for (months)",
    "cost_per_seat": "Cost per seat",
    "currency": "Currency",
}
_LENGTHS = {"code": 40, "title": 200, "family": 200}
#: Longer than any real certification; a typo like 240 for 24 is caught instead of stored.
MAX_MONTHS = 120


def check_course(raw: Mapping[str, object]) -> Checked:
    """(values ready to store, {field: message}) for the course fields in ``raw``.

    A certifying course needs its validity in whole months (1 to 120); a course that does not
    certify has none, whatever was typed, since nothing of it can expire.
    """
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for field in ("code", "title", "family"):
        try:
            value = v.text(raw.get(field))
        except v.BadValue as exc:
            errors[field] = f"{LABELS[field]} {exc}"
            continue
        if value is not None and len(value) > _LENGTHS[field]:
            errors[field] = f"{LABELS[field]} is longer than {_LENGTHS[field]} characters"
            continue
        values[field] = value
    for field in ("code", "title"):
        if values.get(field) is None and field not in errors:
            errors[field] = f"{LABELS[field]} is required"
    try:
        certifies = bool(v.boolean(raw.get("certifies")))
    except v.BadValue as exc:
        errors["certifies"] = f"{LABELS['certifies']} {exc}"
        certifies = False
    values["certifies"] = certifies
    values["valid_months"] = None
    if certifies:
        try:
            months = v.whole_number(raw.get("valid_months"), minimum=1)
        except v.BadValue as exc:
            errors["valid_months"] = f"{LABELS['valid_months']} {exc}"
        else:
            if months is None:
                errors["valid_months"] = "A certifying course needs its validity in months"
            elif months > MAX_MONTHS:
                errors["valid_months"] = f"{LABELS['valid_months']} must be at most {MAX_MONTHS}"
            else:
                values["valid_months"] = months
    _check_cost(raw, values, errors)
    return values, errors


def _check_cost(
    raw: Mapping[str, object], values: dict[str, object], errors: dict[str, str]
) -> None:
    """The cost per seat and its currency: a cost needs a currency, and is an amount that
    currency can hold (not negative, no finer than its minor unit)."""
    values["currency"] = None
    try:
        currency = v.text(raw.get("currency"))
    except v.BadValue as exc:
        errors["currency"] = f"{LABELS['currency']} {exc}"
        currency = None
    if currency is not None:
        currency = currency.upper()
        refused = currency_problem(currency)
        if refused:
            errors["currency"] = f"{LABELS['currency']} {refused}"
            currency = None
        else:
            values["currency"] = currency
    values["cost_per_seat"] = None
    try:
        cost = v.decimal(raw.get("cost_per_seat"), "cost per seat")
    except v.BadValue as exc:
        errors["cost_per_seat"] = f"{LABELS['cost_per_seat']} {exc}"
        return
    if cost is None:
        return
    if currency is None:
        if "currency" not in errors:
            errors["currency"] = "A cost per seat needs its currency, such as EUR"
        return
    if cost < 0:
        problem: str | None = "must not be negative"
    elif cost >= MAX_AMOUNT:  # money is stored as whole ten-thousandths in 64 bits
        problem = f"must be less than {MAX_AMOUNT:,}"
    else:
        problem = price_problem(cost, currency)
    if problem:
        errors["cost_per_seat"] = f"{LABELS['cost_per_seat']} {problem}"
    else:
        values["cost_per_seat"] = cost
