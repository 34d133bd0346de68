"""The return report: what the program spent and won over a period, per partner and in all
(SPEC.md, "Program spend and return"; ``program return`` and the Program page).

The rows are read set-based through SQLAlchemy Core, one query per kind of record over the
period (no query per partner or per deal), and handed as plain values to the one rule,
``app.domain.program.returns``: conversion, accruals and sums happen there, nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Claim,
    Contact,
    Course,
    Deal,
    DealParty,
    Partner,
    Product,
    ProductFamily,
    Quote,
    QuoteLine,
    QuoteRevision,
    SpendItem,
    TrainingRecord,
)
from app.db.models import RebateThreshold as RebateRow
from app.db.models import SpifRule as SpifRow
from app.domain.enums import DealStage, PartyRole, QuoteStatus, SpendProgram
from app.domain.errors import NotFoundError
from app.domain.program.accruals import (
    AcceptedQuote,
    RebateThreshold,
    Seat,
    SpendEntry,
    SpifRule,
    spif_items,
    training_items,
)
from app.domain.program.fx import Converter
from app.domain.program.returns import (
    FigureItem,
    ReturnReport,
    WonDeal,
    check_period,
    deals_window,
    figure_items,
    period_returns,
    program_return,
)
from app.services.gc_pause import gc_paused
from app.services.mdf.spend import mdf_paid_items
from app.services.partners.names import partner_by_key
from app.services.program.rates import reporting_converter


@dataclass(frozen=True)
class _Inputs:
    converter: Converter
    spend: list[SpendEntry]
    deals: list[WonDeal]
    thresholds: list[RebateThreshold]


def return_report(
    session: Session, start: date, end: date, partner_code: str | None = None
) -> ReturnReport:
    """The return of every partner with a figure over [start, end] (or of ``partner_code``
    alone) and of the whole program, in the reporting currency."""
    partner = _partner(session, partner_code) if partner_code is not None else None
    return _report(session, start, end, partner)


@gc_paused()  # a year of deals: 6.9 s -> 3.3 s, see gc_pause
def _report(session: Session, start: date, end: date, partner: str | None) -> ReturnReport:
    """The report, the rows read for it gone once the collector runs again (the pause ends
    after this function's own objects are freed, not while they are still alive)."""
    inputs = _read(session, start, end)
    return program_return(
        start, end, inputs.converter, inputs.spend, inputs.deals, inputs.thresholds, partner
    )


def period_reports(
    session: Session, periods: Sequence[tuple[date, date]], partner_code: str | None = None
) -> list[ReturnReport]:
    """``return_report`` of each of ``periods`` (the quarters of a chart or a scorecard, and
    perhaps their whole span), from one read of the rows of the span that holds them all."""
    if not periods:
        return []
    partner = _partner(session, partner_code) if partner_code is not None else None
    for start, end in periods:
        check_period(start, end)
    return _period_reports(session, periods, partner)


@gc_paused()  # the same rows as ``return_report`` reads, for the same reason
def _period_reports(
    session: Session, periods: Sequence[tuple[date, date]], partner: str | None
) -> list[ReturnReport]:
    inputs = _read(session, min(start for start, _ in periods), max(end for _, end in periods))
    return period_returns(
        periods, inputs.converter, inputs.spend, inputs.deals, inputs.thresholds, partner
    )


def return_items(
    session: Session, start: date, end: date, partner_code: str | None, figure: str
) -> list[FigureItem]:
    """The deals or spend items behind one figure of the report (``partner_code`` None: the whole
    program; ``figure`` a program label, ``all``, ``sourced`` or ``influenced``)."""
    partner = _partner(session, partner_code) if partner_code is not None else None
    inputs = _read(session, start, end)
    return figure_items(
        start, end, inputs.converter, inputs.spend, inputs.deals, inputs.thresholds, partner,
        figure,
    )  # fmt: skip


def _partner(session: Session, code: str) -> str:
    """The key the report lists a partner by (its Partner ID as stored, or a partner stored
    without one by its name, as the Program page shows it and asks for its items); refused when
    it names no partner."""
    found = partner_by_key(session, code)
    if found is None:
        raise NotFoundError(f"There is no partner with Partner ID '{code}'.")
    return found[1]


def _read(session: Session, start: date, end: date) -> _Inputs:
    check_period(start, end)
    codes = _partner_codes(session)
    spend = _spend_items(session, start, end, codes)
    spend += [
        SpendEntry(codes[paid.partner_id], "MDF", paid.paid_on, paid.amount, paid.currency,
                   paid.activity)
        for paid in mdf_paid_items(session, start, end)
    ]  # fmt: skip
    spend += _spif(session, start, end, codes)
    spend += _training(session, start, end, codes)
    thresholds = [
        RebateThreshold(*row)
        for row in session.execute(select(RebateRow.rule, RebateRow.threshold, RebateRow.percent))
    ]
    return _Inputs(
        reporting_converter(session, end), spend, _won_deals(session, start, end, codes), thresholds
    )


def _partner_codes(session: Session) -> dict[int, str]:
    """Partner ID (or, for a partner stored without one, its name) of every partner."""
    return dict(
        session.execute(select(Partner.id, func.coalesce(Partner.partner_code, Partner.name))).all()
    )


def _spend_items(
    session: Session, start: date, end: date, codes: dict[int, str]
) -> list[SpendEntry]:
    rows = session.execute(
        select(
            SpendItem.partner_id, SpendItem.program, SpendItem.spent_on, SpendItem.amount,
            SpendItem.currency, SpendItem.description,
        ).where(SpendItem.spent_on.between(start, end))
    )  # fmt: skip
    labels = {program: program.label for program in SpendProgram}
    return [
        SpendEntry(
            codes[partner_id] if partner_id is not None else None, labels[program], spent_on,
            amount, currency, description or "",
        )
        for partner_id, program, spent_on, amount, currency, description in rows
    ]  # fmt: skip


def _spif(session: Session, start: date, end: date, codes: dict[int, str]) -> list[SpendEntry]:
    """SPIF items of the accepted quotes dated within the period (an item is dated its quote's
    date, so no other quote can add to the period)."""
    rules = [
        SpifRule(*row)
        for row in session.execute(
            select(
                SpifRow.name, SpifRow.family_id, SpifRow.valid_from, SpifRow.valid_to,
                SpifRow.amount_per_unit, SpifRow.currency,
            ).where(SpifRow.valid_from <= end, SpifRow.valid_to >= start)
        )
    ]  # fmt: skip
    if not rules:
        return []
    family = func.coalesce(Product.family_id, ProductFamily.id)
    rows = session.execute(
        select(
            QuoteRevision.id, Quote.number, Quote.partner_id, QuoteRevision.quote_date, family,
            QuoteLine.quantity,
        )
        .join(Quote, QuoteRevision.quote_id == Quote.id)
        .join(QuoteLine, QuoteLine.revision_id == QuoteRevision.id)
        .outerjoin(Product, QuoteLine.product_id == Product.id)
        .outerjoin(ProductFamily, QuoteLine.family == ProductFamily.name)
        .where(
            QuoteRevision.status == QuoteStatus.ACCEPTED,
            QuoteRevision.quote_date.between(start, end),
        )
        .order_by(QuoteRevision.id, QuoteLine.position)
    )  # fmt: skip
    quotes: dict[int, tuple[str, int, date, list[tuple[int | None, int]]]] = {}
    for revision_id, number, partner_id, quote_date, family_id, quantity in rows:
        quote = quotes.setdefault(revision_id, (number, partner_id, quote_date, []))
        quote[3].append((family_id, quantity))
    accepted = [
        AcceptedQuote(number, codes[partner_id], quote_date, tuple(lines))
        for number, partner_id, quote_date, lines in quotes.values()
    ]
    return spif_items(accepted, rules)


def _training(session: Session, start: date, end: date, codes: dict[int, str]) -> list[SpendEntry]:
    rows = session.execute(
        select(
            Contact.partner_id, TrainingRecord.completed_on, Course.cost_per_seat,
            Course.currency, Course.code, Contact.name,
        )
        .join(Course, TrainingRecord.course_id == Course.id)
        .join(Contact, TrainingRecord.contact_id == Contact.id)
        .where(
            Course.cost_per_seat.is_not(None),
            TrainingRecord.completed_on.between(start, end),
        )
    )  # fmt: skip
    return training_items(
        Seat(codes[partner_id], completed_on, cost, currency, f"{code} · {name}")
        for partner_id, completed_on, cost, currency, code, name in rows
    )


def _won_deals(session: Session, start: date, end: date, codes: dict[int, str]) -> list[WonDeal]:
    """The won deals closed within ``deals_window``: each with its registering partner (the
    registering party, or for a deal made from a partner's claim, that claim's partner) and
    every partner among its parties."""
    low, high = deals_window(start, end)
    won = (Deal.stage == DealStage.WON, Deal.closed_on.between(low, high))
    registering: dict[int, str] = {}
    parties: dict[int, list[str]] = {}
    for deal_id, partner_id, role in session.execute(
        select(DealParty.deal_id, DealParty.partner_id, DealParty.role)
        .join(Deal, DealParty.deal_id == Deal.id)
        .where(DealParty.partner_id.is_not(None), *won)
    ):
        if partner_id is None:  # excluded by the query; says so to the type checker
            continue
        partner = codes[partner_id]
        parties.setdefault(deal_id, []).append(partner)
        if role is PartyRole.REGISTERING_PARTNER and deal_id not in registering:
            registering[deal_id] = partner
    nobody: frozenset[str] = frozenset()
    deals: list[WonDeal] = []
    for deal_id, code, name, closed_on, amount, currency, claimant in session.execute(
        select(
            Deal.id, Deal.deal_code, Deal.name, Deal.closed_on, Deal.amount, Deal.currency,
            Claim.partner_id,
        )
        .outerjoin(Claim, Deal.claim_id == Claim.id)
        .where(*won)
    ):  # fmt: skip
        if closed_on is None:  # excluded by the query
            continue
        owner = registering.get(deal_id)
        if owner is None and claimant is not None:
            owner = codes[claimant]
        members = parties.get(deal_id)
        partners = frozenset(members) if members else nobody
        if owner is not None and owner not in partners:
            partners = partners | {owner}
        deals.append(WonDeal(deal_id, code or name, closed_on, amount, currency, owner, partners))
    return deals
