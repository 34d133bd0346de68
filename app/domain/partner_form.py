"""Checking what a person typed for a partner or a contact: one message per field.

The partner dialog shows each message next to its field as the user types, and the services
check again before writing (an import or the command line may call them too). The value rules
are the import's (``app.domain.importing.values``), so a partner typed in and one imported from
a workbook are held to the same standard.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from app.domain.enums import ContactRole, PartnerStatus, PartnerType
from app.domain.errors import InputError
from app.domain.importing import values as v

Checked = tuple[dict[str, object], dict[str, str]]

PARTNER_FIELDS = (
    "name", "partner_code", "legal_name", "type", "tier", "status", "country", "city",
    "website", "email", "phone", "account_manager", "partner_since", "notes",
)  # fmt: skip
CONTACT_FIELDS = ("name", "email", "phone", "role")

LABELS = {
    "name": "Name", "partner_code": "Partner ID", "legal_name": "Legal name", "type": "Type",
    "tier": "Tier", "status": "Status", "country": "Country", "city": "City",
    "website": "Website", "email": "E-mail", "phone": "Phone",
    "account_manager": "Account manager", "partner_since": "Partner since", "notes": "Notes",
    "role": "Role",
}  # fmt: skip

_LENGTHS = {
    "name": 200, "partner_code": 40, "legal_name": 250, "city": 120, "website": 250,
    "email": 250, "phone": 60, "account_manager": 120,
}  # fmt: skip


def _enum(
    cls: type[PartnerType] | type[PartnerStatus] | type[ContactRole],
) -> Callable[..., object]:
    def parse(raw: object) -> object:
        if isinstance(raw, cls) or raw is None:
            return raw
        text = v.text(raw)
        if text is None:
            return None
        for member in cls:
            if v.choice_key(text) in (v.choice_key(member.value), v.choice_key(member.label)):
                return member
        names = ", ".join(m.label for m in cls)
        raise v.BadValue(f"is not one of {names}")

    return parse


def _date(raw: object) -> object:
    try:
        return v.parse_date(raw, day_first=True)
    except v.BadValue as exc:
        if "real date" in str(exc):
            raise
        raise v.BadValue("is not a date: type it as 2026-03-01 or 01/03/2026") from None


_PARSERS: dict[str, Callable[[object], object]] = {
    "name": v.text, "partner_code": v.text, "legal_name": v.text, "type": _enum(PartnerType),
    "tier": v.text, "status": _enum(PartnerStatus), "country": v.country, "city": v.text,
    "website": v.website, "email": v.email, "phone": v.text, "account_manager": v.text,
    "partner_since": _date, "notes": v.text, "role": _enum(ContactRole),
}  # fmt: skip


def check_fields(
    raw: Mapping[str, object],
    fields: Sequence[str],
    parsers: Mapping[str, Callable[[object], object]],
    labels: Mapping[str, str],
    lengths: Mapping[str, int],
) -> Checked:
    """What a record dialog checks: each field of ``raw`` through its parser and length limit,
    a message per bad field (named by its label), and a name that must not be empty."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    for field in fields:
        if field not in raw:
            continue
        try:
            value = parsers[field](raw[field])
        except v.BadValue as exc:
            errors[field] = f"{labels[field]} {exc}"
            continue
        limit = lengths.get(field)
        if limit and isinstance(value, str) and len(value) > limit:
            errors[field] = f"{labels[field]} is longer than {limit} characters"
            continue
        values[field] = value
    if "name" in raw and values.get("name") is None and "name" not in errors:
        errors["name"] = "Name is required"
    return values, errors


def _check(raw: Mapping[str, object], fields: tuple[str, ...]) -> Checked:
    return check_fields(raw, fields, _PARSERS, LABELS, _LENGTHS)


def check_partner(raw: Mapping[str, object]) -> Checked:
    """(values ready to store, {field: message}) for the partner fields present in ``raw``."""
    return _check(raw, PARTNER_FIELDS)


check_contact = partial(_check, fields=CONTACT_FIELDS)
check_contact.__doc__ = "(values, {field: message}) for the contact fields present in ``raw``."


def valid_or_raise(checked: Checked) -> dict[str, object]:
    """The values, or an ``InputError`` naming the first bad field."""
    values, errors = checked
    if errors:
        raise InputError(next(iter(errors.values())) + "; nothing was saved.")
    return values
