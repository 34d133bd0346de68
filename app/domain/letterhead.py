"""The company's letterhead and the quote's own texts, as settings a person types.

One set of checks for the settings page and ``main.py settings set``, so both refuse the same
text with the same sentence. ``COMMAND_KEYS`` names each business setting on the command line
(SPEC.md: ``company-name``, ``company-address``, ``logo`` (a file), ``terms``, …).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.mail import is_address

#: Command-line name → business setting (``app.domain.settings.BusinessSettings``).
COMMAND_KEYS: Mapping[str, str] = {
    "company-name": "company_name",
    "company-address": "company_address",
    "company-email": "company_email",
    "company-phone": "company_phone",
    "logo": "company_logo_path",
    "terms": "quote_terms",
    "footer": "quote_footer",
    "approval-limit": "approval_limit_pct",
    "deal-registration-discount": "deal_reg_discount_pct",
    "tax-rate": "default_tax_rate_pct",
    "quote-validity-days": "quote_validity_days",
    "claim-validity-days": "registration_protection_days",
    "registration-protection": "registration_protection_days",
    "direct-cooling-off": "direct_cooling_off_days",
    "reporting-currency": "reporting_currency",
    "commission-limit": "commission_limit_pct",
    "match-threshold": "match_threshold",
    "expiring-soon-days": "expiring_soon_days",
}

#: What the letterhead and the quote's texts are made of, in the order the page shows them.
LETTERHEAD_FIELDS = (
    "company_name",
    "company_address",
    "company_email",
    "company_phone",
    "company_logo_path",
    "quote_terms",
    "quote_footer",
)

#: The most each text may hold, so it fits its place on the page.
_LIMITS: Mapping[str, tuple[int, int]] = {  # (characters, lines)
    "company_name": (120, 1),
    "company_address": (400, 5),
    "company_email": (250, 1),
    "company_phone": (60, 1),
    "company_logo_path": (1000, 1),
    "quote_terms": (3000, 30),
    "quote_footer": (240, 2),
}
LABELS: Mapping[str, str] = {
    "company_name": "Company name",
    "company_address": "Address",
    "company_email": "E-mail",
    "company_phone": "Phone",
    "company_logo_path": "Logo",
    "quote_terms": "Terms",
    "quote_footer": "Footer",
}


def letterhead_problems(values: Mapping[str, str]) -> dict[str, str]:
    """What is wrong with each of ``values`` (setting → text) that belongs to the letterhead;
    empty when all of them may be stored."""
    problems: dict[str, str] = {}
    for key, text in values.items():
        if key not in _LIMITS:
            continue
        label = LABELS[key]
        most, lines = _LIMITS[key]
        if key == "company_name" and not text.strip():
            problems[key] = f"{label}: type the name your quotes are signed with."
        elif len(text) > most:
            problems[key] = f"{label}: {len(text):,} characters; at most {most:,} fit."
        elif len(text.strip().splitlines()) > lines:
            many = "one line" if lines == 1 else f"{lines} lines"
            problems[key] = f"{label}: at most {many} fit."
        elif key == "company_email" and text.strip() and not is_address(text):
            problems[key] = f"{label}: '{text.strip()}' is not an e-mail address."
    return problems
