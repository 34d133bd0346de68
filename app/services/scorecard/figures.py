"""What a partner's scorecard holds: frozen rows a screen or a PDF can show as they are.

Money is in the reporting currency (``PartnerScorecard.currency``) unless a row carries its own
currency (MDF allocations keep theirs). Counts of amounts left out for want of an exchange rate
are given beside the figures they would have changed, never taken at 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.enums import DealStage
from app.domain.scorecard.health import HealthScore
from app.domain.training import CoverageState
from app.services.claims.accounts import ClaimRow
from app.services.mdf.balances import BalanceRow
from app.services.training.expiring import ExpiringRow


@dataclass(frozen=True)
class QuarterRevenue:
    """Won revenue in one quarter of the period (cut to it), as the Program page counts it."""

    quarter: str  # "2026 Q4"
    start: date
    end: date
    sourced: Decimal
    influenced: Decimal


@dataclass(frozen=True)
class StageAmount:
    """The open deals the partner takes part in at one stage, converted as of today."""

    stage: DealStage
    amount: Decimal


@dataclass(frozen=True)
class FamilyCertification:
    """One certifying product family: people holding a valid certification today, the Training
    page's state, and whether the partner sells it (a family of its open or won deals)."""

    family: str
    holders: int
    state: CoverageState
    sells: bool


@dataclass(frozen=True)
class LeadFigures:
    """The partner's line of the lead board over the period (None rates: nothing to divide)."""

    received: int
    accepted: int
    converted: int
    acceptance_rate: Decimal | None
    grade_adjusted_index: Decimal | None


@dataclass(frozen=True)
class OverlapInvolving:
    """An open overlap group with one of the partner's claims. It has been open since its second
    claim (by claim date) was made: before that there was nothing to settle; a lone claim on the
    direct team's named account, since that claim was made."""

    key: str  # the group's claim ids, as the Overlaps page names it
    account: str
    claimants: tuple[str, ...]
    since: date
    days_open: int


@dataclass(frozen=True)
class PartnerScorecard:
    partner_code: str  # the Partner ID (its name when it has none)
    partner: str
    start: date
    end: date
    today: date
    currency: str  # the reporting currency
    won: tuple[QuarterRevenue, ...]
    won_not_converted: int
    pipeline: tuple[StageAmount, ...]
    pipeline_not_converted: int
    certifications: tuple[FamilyCertification, ...]
    expiring_next_quarter: tuple[ExpiringRow, ...]  # not yet renewed, soonest first
    leads: LeadFigures | None  # None: no lead was assigned to it in the period
    mdf: tuple[BalanceRow, ...]  # its allocations of the quarters that meet the period
    mdf_available: tuple[tuple[str, Decimal], ...]  # per currency, summed over ``mdf``
    spend: Decimal  # program spend on it over the period
    return_ratio: Decimal | None  # None: nothing spent
    open_claims: tuple[ClaimRow, ...]
    overlaps: tuple[OverlapInvolving, ...]  # longest open first
    health: HealthScore
