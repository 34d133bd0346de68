"""The rules of a partner and a contact: one message per field, for every path.

The partner and contact dialogs show each message next to its field as the user types, the
services check again before writing, and the partner and contact imports read each cell through
the very same parsers (``partner_parsers``, ``contact_parsers``): a partner typed in and one
imported from a workbook are held to one standard (lengths, e-mail, website, country, type,
status, tier, territories), and only the wording around the reason differs (a field label in a
dialog, the column and row in an import report).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from functools import partial

from app.domain.enums import ContactRole, PartnerStatus, PartnerType
from app.domain.errors import InputError
from app.domain.importing import values as v
from app.domain.importing.columns import Limited
from app.domain.territories import parse_territories

Checked = tuple[dict[str, object], dict[str, str]]
Parser = Callable[[object], object]

PARTNER_FIELDS = (
    "name", "partner_code", "legal_name", "type", "tier", "status", "country", "city",
    "website", "email", "phone", "account_manager", "partner_since", "territories", "notes",
)  # fmt: skip
CONTACT_FIELDS = ("name", "email", "phone", "role")

LABELS = {
    "name": "Name", "partner_code": "Partner ID", "legal_name": "Legal name", "type": "Type",
    "tier": "Tier", "status": "Status", "country": "Country", "city": "City",
    "website": "Website", "email": "E-mail", "phone": "Phone",
    "account_manager": "Account manager", "partner_since": "Partner since",
    "territories": "Territories", "notes": "Notes", "role": "Role",
}  # fmt: skip

#: What each text column holds at most (the database's column lengths).
PARTNER_LENGTHS = {
    "name": 200, "partner_code": 40, "legal_name": 250, "city": 120, "website": 250,
    "email": 250, "phone": 60, "account_manager": 120, "territories": 400,
}  # fmt: skip
CONTACT_LENGTHS = {"name": 200, "email": 250, "phone": 60}


def enum_parser(cls: type[StrEnum], what: str) -> Parser:
    """A parser for one of ``cls``'s members, named by its value or its label in any case
    (``MSP``, ``msp``, ``Managed service``); anything else is refused with the choices."""
    labels = {member.value: str(getattr(member, "label", member.value)) for member in cls}
    known: dict[str, str] = {}
    for member in cls:
        for word in (member.value, labels[member.value], member.value.replace("_", " ")):
            known[v.choice_key(word)] = labels[member.value]
    by_label = {labels[member.value]: member for member in cls}

    def parse(raw: object) -> object:
        if isinstance(raw, cls):
            return raw
        found = v.choice(raw, known, what)
        return None if found is None else by_label[found]

    return parse


def date_parser(day_first: bool = True) -> Parser:
    """A date field: a date, ISO text or 01/03/2026 (day first unless told otherwise)."""
    example = "01/03/2026" if day_first else "03/01/2026"

    def parse(raw: object) -> object:
        try:
            return v.parse_date(raw, day_first=day_first)
        except v.BadValue as exc:
            if "real date" in str(exc) or "outside the years" in str(exc):
                raise
            raise v.BadValue(f"is not a date: type it as 2026-03-01 or {example}") from None

    return parse


def limited(parsers: dict[str, Parser], lengths: Mapping[str, int]) -> dict[str, Parser]:
    """``parsers`` with each text field of ``lengths`` refused past its length."""
    return {f: Limited(p, lengths[f]) if f in lengths else p for f, p in parsers.items()}


def partner_parsers(
    tiers: Mapping[str, str] | None = None, day_first: bool = True
) -> dict[str, Parser]:
    """How each partner field is read, by the dialog, the services and the import alike.

    ``tiers`` maps ``choice_key(name)`` to each tier's name; without it (a form whose tier comes
    from a list of the stored ones) any text is taken and the service looks it up.
    """
    tier: Parser = v.text if tiers is None else partial(v.choice, known=tiers, what="tier")
    return limited(
        {
            "name": v.text,
            "partner_code": v.text,
            "legal_name": v.text,
            "type": enum_parser(PartnerType, "partner type"),
            "tier": tier,
            "status": enum_parser(PartnerStatus, "partner status"),
            "country": v.country,
            "city": v.text,
            "website": v.website,
            "email": v.email,
            "phone": v.text,
            "account_manager": v.text,
            "partner_since": date_parser(day_first),
            "territories": parse_territories,
            "notes": v.multiline_text,
        },
        PARTNER_LENGTHS,
    )


def contact_parsers() -> dict[str, Parser]:
    """How each contact field is read, by the dialog, the services and the import alike."""
    return limited(
        {
            "name": v.text,
            "email": v.email,
            "phone": v.text,
            "role": enum_parser(ContactRole, "role"),
        },
        CONTACT_LENGTHS,
    )


def check_fields(
    raw: Mapping[str, object],
    fields: Sequence[str],
    parsers: Mapping[str, Callable[[object], object]],
    labels: Mapping[str, str],
) -> Checked:
    """What a record dialog checks: each field of ``raw`` through its parser (length limits
    included, see ``limited``), a message per bad field (named by its label), and a name that
    must not be empty."""
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
        values[field] = value
    if "name" in raw and values.get("name") is None and "name" not in errors:
        errors["name"] = "Name is required"
    return values, errors


def check_partner(raw: Mapping[str, object], tiers: Mapping[str, str] | None = None) -> Checked:
    """(values ready to store, {field: message}) for the partner fields present in ``raw``."""
    return check_fields(raw, PARTNER_FIELDS, partner_parsers(tiers), LABELS)


def check_contact(raw: Mapping[str, object]) -> Checked:
    """(values, {field: message}) for the contact fields present in ``raw``."""
    return check_fields(raw, CONTACT_FIELDS, contact_parsers(), LABELS)


def valid_or_raise(checked: Checked) -> dict[str, object]:
    """The values, or an ``InputError`` naming the first bad field."""
    values, errors = checked
    if errors:
        raise InputError(next(iter(errors.values())) + "; nothing was saved.")
    return values
