"""Overlap groups as rows: one per group for the page, one per claim for the report and the
export, and the JSON of SPEC.md ("Command line"). One place, so the page, `overlaps` and
`export overlaps` always say the same."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.columns import Column, Kind
from app.domain.money import amount_text, format_money, percent_number
from app.domain.overlap_groups import OverlapGroup


def exposure_text(exposure: Sequence[tuple[str, Decimal]]) -> str:
    """``EUR 31,250.00; USD 250.00``: currencies are never added together."""
    return "; ".join(format_money(amount, cur) for cur, amount in exposure) or "—"


@dataclass(frozen=True, slots=True)
class OverlapGroupRow:
    """One group on the overlaps page."""

    number: int
    key: str
    confidence: str
    claimants: str
    accounts: str
    first_claimed: date
    claims: int
    exposure: str
    largest: Decimal  # the largest single-currency exposure: what the page sorts by
    largest_currency: str | None
    suggested_owner: str | None = None  # as a person reads it: ``Northwind Traders (P-10001)``
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class OverlapClaimRow:
    """One claim of a group, with why it is in the group."""

    group: int
    confidence: str
    claim_id: int
    claimant: str
    account: str
    website: str | None
    country: str | None
    claimed_on: date
    valid_until: date
    deal_amount: Decimal | None
    currency: str | None
    commission_pct: Decimal
    exposure: Decimal | None
    why: str
    suggested_owner: str | None = None
    rule: str | None = None


GROUP_COLUMNS: tuple[Column[OverlapGroupRow], ...] = (
    Column("number", "#", lambda r: r.number, Kind.INTEGER, width=4),
    Column("confidence", "Match", lambda r: r.confidence.capitalize(), width=8),
    Column("claimants", "Claimants", lambda r: r.claimants, width=32),
    Column("accounts", "Accounts", lambda r: r.accounts, width=32),
    Column("first_claimed", "First claimed", lambda r: r.first_claimed, Kind.DATE, width=11),
    Column("claims", "Claims", lambda r: r.claims, Kind.INTEGER, width=6),
    Column("suggested_owner", "Suggested owner", lambda r: r.suggested_owner, width=24),
    Column("rule", "Rule", lambda r: r.rule, width=22),
    Column(
        "largest",
        "Exposure",
        lambda r: r.largest,
        Kind.MONEY,
        lambda r: r.largest_currency,
        width=16,
    ),
    # Only groups with claims in several currencies have more to say than the Exposure column.
    Column("exposure", "All currencies", lambda r: r.exposure if ";" in r.exposure else None),
)

CLAIM_COLUMNS: tuple[Column[OverlapClaimRow], ...] = (
    Column("group", "Group", lambda r: r.group, Kind.INTEGER, width=6),
    Column("confidence", "Match", lambda r: r.confidence.capitalize(), width=8),
    Column("claimant", "Claimant", lambda r: r.claimant, width=24),
    Column("account", "Account", lambda r: r.account, width=28),
    Column("country", "Country", lambda r: r.country, width=7),
    Column("claimed_on", "Claimed on", lambda r: r.claimed_on, Kind.DATE, width=11),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column(
        "deal_amount",
        "Deal amount",
        lambda r: r.deal_amount,
        Kind.MONEY,
        lambda r: r.currency,
        width=16,
    ),
    Column("currency", "Currency", lambda r: r.currency, width=8),
    Column("commission_pct", "Commission", lambda r: r.commission_pct, Kind.PERCENT, width=10),
    Column(
        "exposure", "Exposure", lambda r: r.exposure, Kind.MONEY, lambda r: r.currency, width=14
    ),
    Column("why", "Why", lambda r: r.why, width=36),
    Column("website", "Website", lambda r: r.website, width=24),
    Column("suggested_owner", "Suggested owner", lambda r: r.suggested_owner, width=24),
    Column("rule", "Rule", lambda r: r.rule, width=22),
)

#: Why a claim that overlaps no other claim is in a group: the direct team's named account.
NAMED_WHY = "on a named account of the direct team"


def group_rows(groups: Sequence[OverlapGroup]) -> list[OverlapGroupRow]:
    rows = []
    for number, group in enumerate(groups, start=1):
        largest = max(group.exposure, key=lambda pair: pair[1], default=(None, Decimal(0)))
        rows.append(
            OverlapGroupRow(
                number=number,
                key=group.key,
                confidence=group.confidence.value,
                claimants=", ".join(group.claimants),
                accounts=", ".join(dict.fromkeys(c.account.name for c in group.claims)),
                first_claimed=min(c.claimed_on for c in group.claims),
                claims=len(group.claims),
                exposure=exposure_text(group.exposure),
                largest=largest[1],
                largest_currency=largest[0],
                suggested_owner=group.owner_name(),
                rule=group.suggestion.rule if group.suggestion else None,
            )
        )
    return rows


def claim_rows(groups: Sequence[OverlapGroup]) -> list[OverlapClaimRow]:
    rows = []
    for number, group in enumerate(groups, start=1):
        names = {c.id: c.claimant_name for c in group.claims}
        owner, rule = group.owner_name(), group.suggestion.rule if group.suggestion else None
        for claim in group.claims:
            whys = [
                f"{o.why} with {names[o.b if o.a == claim.id else o.a]}"
                for o in group.overlaps
                if claim.id in (o.a, o.b)
            ]
            rows.append(
                OverlapClaimRow(
                    group=number,
                    confidence=group.confidence.value,
                    claim_id=claim.id,
                    claimant=claim.claimant_name,
                    account=claim.account.name,
                    website=claim.account.website,
                    country=claim.account.country,
                    claimed_on=claim.claimed_on,
                    valid_until=claim.valid_until,
                    deal_amount=claim.deal_amount,
                    currency=claim.currency,
                    commission_pct=claim.commission_pct,
                    exposure=claim.exposure if claim.deal_amount is not None else None,
                    why="; ".join(whys) or (NAMED_WHY if group.named else ""),
                    suggested_owner=owner,
                    rule=rule,
                )
            )
    return rows


def groups_json(groups: Sequence[OverlapGroup]) -> list[dict[str, Any]]:
    """SPEC.md's JSON: every figure a decimal string, exposure per currency."""

    def money(value: Decimal | None, currency: str | None) -> str | None:
        if value is None:
            return None
        return amount_text(value, currency) if currency else format(value, "f")

    return [
        {
            "confidence": group.confidence.value,
            "claims": [
                {
                    "claimant": c.claimant_name,
                    "account": c.account.name,
                    "website": c.account.website,
                    "country": c.account.country,
                    "claimed_on": c.claimed_on.isoformat(),
                    "valid_until": c.valid_until.isoformat(),
                    "deal_amount": money(c.deal_amount, c.currency),
                    "currency": c.currency,
                    "commission_pct": percent_number(c.commission_pct),
                }
                for c in group.claims
            ],
            "commission_exposure": {
                cur: amount_text(amount, cur) for cur, amount in group.exposure
            },
            "why": [
                {"claims": [o.a, o.b], "confidence": o.confidence.value, "reason": o.why}
                for o in group.overlaps
            ],
            "suggested_owner": group.suggestion.owner if group.suggestion else None,
            "rule": group.suggestion.rule if group.suggestion else None,
        }
        for group in groups
    ]
