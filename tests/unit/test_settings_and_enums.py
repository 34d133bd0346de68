"""Typed business settings and the vocabularies of SPEC.md."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.enums import PartnerStatus, PartnerType, QuoteStatus
from app.domain.errors import InputError
from app.domain.settings import BusinessSettings


def test_defaults_follow_the_spec() -> None:
    settings = BusinessSettings()
    assert settings.approval_limit_pct == Decimal(15)
    assert settings.registration_protection_days == 90
    assert settings.commission_limit_pct == Decimal(30)


def test_lead_and_engagement_defaults_follow_the_spec() -> None:
    settings = BusinessSettings()
    routes = [settings.lead_route_a, settings.lead_route_b, settings.lead_route_c]
    assert routes == ["partners"] * 3
    assert (settings.lead_route_d, settings.lead_route_none) == ("nurture", "nurture")
    assert (settings.lead_acceptance_days, settings.lead_quiet_days) == (3, 14)
    assert (settings.lead_load_window_days, settings.lead_pause_after_expired) == (90, 3)
    assert settings.direct_cooling_off_days == 60
    assert settings.reporting_currency == "EUR"
    typed = settings.with_values({"lead_route_a": " Direct ", "reporting_currency": "usd"})
    assert (typed.lead_route_a, typed.reporting_currency) == ("direct", "USD")


def test_stored_text_round_trips() -> None:
    settings = BusinessSettings().with_values(
        {"default_tax_rate_pct": "8.875", "registration_protection_days": "60", "unknown": "x"}
    )
    assert settings.default_tax_rate_pct == Decimal("8.875")
    assert settings.registration_protection_days == 60
    assert BusinessSettings().with_values(settings.as_text()) == settings


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("approval_limit_pct", "150", "between 0 and 100"),
        ("deal_reg_discount_pct", "5.125", "more than 2 decimals"),
        ("registration_protection_days", "ninety", "not a whole number"),
        ("registration_protection_days", "-1", "must not be negative"),
        ("lead_route_a", "partner", "use direct, partners or nurture"),
        ("lead_route_none", "", "Route of grade none"),
        ("reporting_currency", "euro", "not a currency code"),
    ],
)
def test_bad_values_are_refused(key: str, value: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        BusinessSettings().with_values({key: value})


@pytest.mark.parametrize(
    ("text", "member"),
    [
        (" Reseller ", PartnerType.RESELLER),
        ("MSP", PartnerType.MSP),
        ("si", PartnerType.SI),
        ("ACTIVE", PartnerStatus.ACTIVE),
        ("Needs approval", QuoteStatus.NEEDS_APPROVAL),
        ("needs-approval", QuoteStatus.NEEDS_APPROVAL),
    ],
)
def test_vocabulary_parses_without_regard_to_case(text: str, member: object) -> None:
    assert type(member).parse(text) is member  # type: ignore[attr-defined]


def test_unknown_word_is_none() -> None:
    assert PartnerType.parse("pirate") is None
    assert PartnerType.MSP.label == "MSP"
    assert QuoteStatus.NEEDS_APPROVAL.label == "Needs approval"
