"""What a quarterly business review pack holds: one partner, one quarter, frozen rows.

The pack is handed to ``app.io.qbr_pdf`` as it is, so the PDF never reads the database and never
sums anything itself: each total it prints is one of these fields, each read through the service
the matching screen reads (see ``app.services.qbr.gather``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.enums import DealStage
from app.domain.quarters import Quarter
from app.domain.quote_print import Letterhead
from app.io.charts.spec import ChartSpec
from app.services.mdf.balances import BalanceRow
from app.services.mdf.rows import RequestRow
from app.services.scorecard.figures import PartnerScorecard
from app.services.training.expiring import ExpiringRow


@dataclass(frozen=True)
class WonDealLine:
    """A deal won in the quarter that counts for the partner on the Program page: sourced (it
    registered the deal) or influenced (a party to it). ``converted`` is None when no exchange
    rate into the reporting currency existed on its closing day: it then counts nowhere."""

    ref: str  # its Deal ID, else its name, as the Program page names it
    account: str
    closed_on: date
    credit: str  # "Sourced" or "Influenced"
    amount: Decimal
    currency: str
    converted: Decimal | None


@dataclass(frozen=True)
class OpenDealLine:
    """A deal the partner takes part in that is open today, with its amount converted as of
    today the way the pipeline chart converts it (None: no rate)."""

    ref: str
    account: str
    stage: DealStage
    expected_close: date | None
    amount: Decimal
    currency: str
    converted: Decimal | None


@dataclass(frozen=True)
class LeadLine:
    """One lead assigned to the partner in the quarter and how that assignment stood on the
    lead board's day: open, accepted, declined, expired, converted or lost."""

    lead_code: str
    company: str
    grade: str | None
    assigned_on: date
    outcome: str
    accepted_on: date | None


@dataclass(frozen=True)
class SpendLine:
    """An item of program spend on the partner dated in the quarter, as the Program page lists
    the items behind its spend figure (MDF paid, SPIF, training, rebate, entered items)."""

    program: str
    on: date
    ref: str
    amount: Decimal
    currency: str
    converted: Decimal | None


@dataclass(frozen=True)
class QbrPack:
    """Everything the review pack prints for ``partner_code`` over ``quarter``.

    ``start``..``end`` is the quarter, cut at ``today`` while it is still running; the scorecard
    is read over that period as of ``today``.
    """

    quarter: str  # "2026Q4"
    start: date
    end: date
    today: date
    company: Letterhead
    card: PartnerScorecard
    charts: tuple[ChartSpec, ...]
    won: tuple[WonDealLine, ...]
    won_sourced: Decimal  # the Program page's figures for the quarter
    won_influenced: Decimal
    open_deals: tuple[OpenDealLine, ...]  # soonest expected close first
    open_total: Decimal  # the converted open deals, the pipeline chart's bars summed
    leads: tuple[LeadLine, ...]
    mdf_requests: tuple[RequestRow, ...]
    spend: tuple[SpendLine, ...]

    @property
    def partner(self) -> str:
        return self.card.partner

    @property
    def partner_code(self) -> str:
        return self.card.partner_code

    @property
    def currency(self) -> str:
        """The reporting currency every converted figure is in."""
        return self.card.currency

    @property
    def mdf(self) -> tuple[BalanceRow, ...]:
        return self.card.mdf

    @property
    def expiring(self) -> tuple[ExpiringRow, ...]:
        return self.card.expiring_next_quarter

    @property
    def next_quarter(self) -> str:
        """The quarter after ``today``'s, whose expiring certifications the pack lists."""
        return Quarter.of(self.today).following().text
