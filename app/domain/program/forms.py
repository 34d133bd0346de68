"""What a rate, a spend item, a SPIF rule or a rebate threshold may hold: one set of rules per
kind, used by its import, its service (and so its dialog) and its command alike.

Each ``check_*`` takes the raw values as a person typed them or a file gave them and returns
(values ready to store, {field: message}); a message starts with the field's label so a
dialog can show it beside the field and an import's report can quote it. Names of partners and
product families stay text here: the services find them in the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from app.domain.enums import SpendProgram
from app.domain.importing import values as v
from app.domain.money import amount_problem
from app.domain.pricebook import currency_problem, price_problem

Checked = tuple[dict[str, object], dict[str, str]]

RATE_LABELS = {"currency": "Currency", "rate": "Rate", "effective_from": "Effective from"}
SPEND_LABELS = {
    "partner": "Partner", "program": "Program", "spent_on": "Date", "amount": "Amount",
    "currency": "Currency", "description": "Description",
}  # fmt: skip
SPIF_LABELS = {
    "name": "Name", "family": "Product family", "valid_from": "From", "valid_to": "To",
    "amount_per_unit": "Amount per unit", "currency": "Currency",
}  # fmt: skip
REBATE_LABELS = {"rule": "Name", "threshold": "Threshold", "percent": "Percent"}

#: Decimals a rate keeps (the column's), and a bound far above any real rate that the column
#: still holds (a scaled 64-bit integer).
RATE_PLACES = 10
MAX_RATE = Decimal(10) ** 8
_NAME_LENGTH = 120
_DESCRIPTION_LENGTH = 2000


class _Form:
    """The values and messages of one record being checked."""

    def __init__(self, raw: Mapping[str, object], labels: Mapping[str, str]) -> None:
        self.raw = raw
        self.labels = labels
        self.values: dict[str, object] = {}
        self.errors: dict[str, str] = {}

    def fail(self, field: str, reason: str) -> None:
        self.errors.setdefault(field, f"{self.labels[field]} {reason}")

    def text(self, field: str, required: bool, length: int = _NAME_LENGTH) -> str | None:
        try:
            value = v.text(self.raw.get(field))
        except v.BadValue as exc:
            self.fail(field, str(exc))
            return None
        if value is None and required:
            self.fail(field, "is required")
        elif value is not None and len(value) > length:
            self.fail(field, f"is longer than {length} characters")
            return None
        self.values[field] = value
        return value

    def day(self, field: str, day_first: bool) -> date | None:
        try:
            value = v.parse_date(self.raw.get(field), day_first)
        except v.BadValue as exc:
            self.fail(field, str(exc))
            return None
        if value is None:
            self.fail(field, "is required")
        self.values[field] = value
        return value

    def currency(self, field: str = "currency") -> str | None:
        raw = self.raw.get(field)
        code = str(raw or "").strip().upper()
        if not code:
            self.fail(field, "is required")
            return None
        problem = currency_problem(code)
        if problem:
            self.fail(field, problem)
            return None
        self.values[field] = code
        return code

    def number(self, field: str, places: int | None = None) -> Decimal | None:
        try:
            value = v.decimal(self.raw.get(field), self.labels[field].lower(), places)
        except v.BadValue as exc:
            self.fail(field, str(exc))
            return None
        if value is None:
            self.fail(field, "is required")
        return value

    def amount(self, field: str, currency: str | None) -> None:
        """An amount ≥ 0 with no more decimals than its currency allows (``None``: the currency
        was refused, so only the sign and the size are checked: its own message says the rest)."""
        value = self.number(field)
        if value is None:
            return
        if currency is None:
            problem = "must not be negative" if value < 0 else amount_problem(value)
        else:
            problem = price_problem(value, currency)
        if problem:
            self.fail(field, problem)
            return
        self.values[field] = value

    def checked(self) -> Checked:
        return self.values, self.errors


def check_rate(raw: Mapping[str, object], reporting: str, day_first: bool = True) -> Checked:
    """A dated rate into ``reporting``: a currency (ISO 4217) other than the reporting one (it
    converts at 1 and takes no rate), a rate above 0 with at most 10 decimals, a date."""
    form = _Form(raw, RATE_LABELS)
    if form.currency() == reporting:
        form.fail("currency", "is the reporting currency: it converts at 1 and takes no rate")
    rate = form.number("rate", RATE_PLACES)
    if rate is not None:
        if rate <= 0:
            form.fail("rate", "must be more than 0")
        elif rate >= MAX_RATE:
            form.fail("rate", f"must be less than {MAX_RATE:,}")
        else:
            form.values["rate"] = rate
    form.day("effective_from", day_first)
    return form.checked()


def check_spend(raw: Mapping[str, object], day_first: bool = True) -> Checked:
    """A spend item: partner (a name or ID, or none for the whole program), program, date,
    amount ≥ 0 in its currency, description."""
    form = _Form(raw, SPEND_LABELS)
    form.text("partner", required=False, length=200)
    program_text = raw.get("program")
    program = SpendProgram.parse(str(program_text)) if program_text not in (None, "") else None
    if isinstance(program_text, SpendProgram):
        program = program_text
    if program is None:
        if program_text in (None, ""):
            form.fail("program", "is required")
        else:
            known = ", ".join(p.label for p in SpendProgram)
            form.fail("program", f"is not a program: use one of {known}")
    else:
        form.values["program"] = program
    form.day("spent_on", day_first)
    currency = form.currency()
    form.amount("amount", currency)
    try:
        description = v.multiline_text(raw.get("description"))
    except v.BadValue as exc:
        form.fail("description", str(exc))
    else:
        if description is not None and len(description) > _DESCRIPTION_LENGTH:
            form.fail("description", f"is longer than {_DESCRIPTION_LENGTH} characters")
        else:
            form.values["description"] = description
    return form.checked()


def check_spif(raw: Mapping[str, object], day_first: bool = True) -> Checked:
    """A SPIF rule: name, product family, from ≤ to (both included), amount per unit ≥ 0."""
    form = _Form(raw, SPIF_LABELS)
    form.text("name", required=True)
    form.text("family", required=True, length=200)
    start = form.day("valid_from", day_first)
    end = form.day("valid_to", day_first)
    if start is not None and end is not None and end < start:
        form.fail("valid_to", f"{end.isoformat()} is before From {start.isoformat()}")
    currency = form.currency()
    form.amount("amount_per_unit", currency)
    return form.checked()


def check_rebate(raw: Mapping[str, object], reporting: str) -> Checked:
    """A rebate threshold: the rule's name, a threshold ≥ 0 in the reporting currency, a
    percentage 0–100 with at most 4 decimals."""
    form = _Form(raw, REBATE_LABELS)
    form.text("rule", required=True)
    form.amount("threshold", reporting)
    try:
        percent = v.percent(raw.get("percent"), "percent", 4)
    except v.BadValue as exc:
        form.fail("percent", str(exc))
    else:
        if percent is None:
            form.fail("percent", "is required")
        else:
            form.values["percent"] = percent
    return form.checked()
