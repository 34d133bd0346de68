"""Business settings kept in the database and shared by everyone who uses it.

Each key is declared once here with its type and default (``BusinessSettings``); the database
holds text (table ``setting``), parsed exactly on the way in and out. Personal preferences and
window state live in the UI's own settings instead.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from app.domain.errors import InputError
from app.domain.money import parse_decimal, parse_percent
from app.domain.pricebook import currency_problem


@dataclass(frozen=True)
class BusinessSettings:
    company_name: str = "Your Company"
    company_address: str = ""
    company_email: str = ""
    company_phone: str = ""
    company_logo_path: str = ""
    quote_terms: str = "Prices exclude shipping. Payment within 30 days of invoice."
    quote_footer: str = ""
    deal_reg_discount_pct: Decimal = Decimal(0)
    approval_limit_pct: Decimal = Decimal(15)
    default_tax_rate_pct: Decimal = Decimal(0)
    registration_protection_days: int = 90
    direct_cooling_off_days: int = 60
    lead_route_a: str = "partners"
    lead_route_b: str = "partners"
    lead_route_c: str = "partners"
    lead_route_d: str = "nurture"
    lead_route_none: str = "nurture"
    lead_acceptance_days: int = 3
    lead_quiet_days: int = 14
    lead_load_window_days: int = 90
    lead_pause_after_expired: int = 3
    reporting_currency: str = "EUR"
    quote_validity_days: int = 30
    commission_limit_pct: Decimal = Decimal(30)
    match_threshold: int = 90
    expiring_soon_days: int = 60

    def with_values(self, values: dict[str, str]) -> BusinessSettings:
        """These settings with stored text ``values`` applied; unknown keys are ignored."""
        known = {f.name: f for f in fields(self)}
        parsed: dict[str, Any] = {}
        for key, text in values.items():
            if key in known:
                parsed[key] = parse_setting(key, text)
        return replace(self, **parsed)

    def as_text(self) -> dict[str, str]:
        return {f.name: format_setting(getattr(self, f.name)) for f in fields(self)}


_DEFAULTS = BusinessSettings()


def parse_setting(key: str, text: str) -> Any:
    """The typed value of setting ``key`` from its stored or typed text."""
    default = getattr(_DEFAULTS, key)
    if isinstance(default, Decimal):
        places = 4 if key == "default_tax_rate_pct" else 2
        if key.endswith("_pct"):
            return parse_percent(text, key.replace("_", " "), places)
        return parse_decimal(text, key.replace("_", " "))
    if isinstance(default, int):
        try:
            value = int(str(text).strip())
        except ValueError:
            raise InputError(f"{key.replace('_', ' ')}: '{text}' is not a whole number.") from None
        if value < 0:
            raise InputError(f"{key.replace('_', ' ')}: {value} must not be negative.")
        return value
    if key.startswith("lead_route_"):
        return _parse_route(key, str(text))
    if key == "reporting_currency":
        return _reporting_currency(str(text))
    return str(text)


#: Where a grade's leads go (SPEC.md, "Leads and fair distribution").
LEAD_ROUTES = ("direct", "partners", "nurture")


def _parse_route(key: str, text: str) -> str:
    route = text.strip().casefold()
    if route not in LEAD_ROUTES:
        grade = key.removeprefix("lead_route_")
        grade = grade if grade == "none" else grade.upper()
        raise InputError(
            f"Route of grade {grade}: '{text}' is not a route; use direct, partners or nurture."
        )
    return route


def format_setting(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _reporting_currency(text: str) -> str:
    """An ISO 4217 code in use: every report converts into it, so a typing slip such as ``EUO``
    would leave every amount "not converted" rather than be caught."""
    code = text.strip().upper()
    problem = currency_problem(code)
    if problem:
        raise InputError(f"Reporting currency: '{text}' {problem}.")
    return code
