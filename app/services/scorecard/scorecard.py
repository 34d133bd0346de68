"""A partner's scorecard over a period, each figure read through the service that owns it.

Won revenue and spend are the Program page's return report, quarter by quarter and over the
whole period; the open pipeline is the dashboard's pipeline chart for the partner; certified
people are the Training page's coverage matrix, certifications expiring next quarter its
"running out" list; lead figures are the partner's line of the lead board over the period; the
MDF balance is the MDF page's; claims and overlaps are the Claims and Overlaps pages'. So a
figure here never disagrees with the page a person would check it on. The health score is read
from these figures by ``app.domain.scorecard.health``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Claim, Deal, DealFamily, DealParty, Partner
from app.domain.enums import DealStage
from app.domain.errors import NotFoundError
from app.domain.overlap_groups import OverlapGroup
from app.domain.program.returns import ReturnLine, ReturnReport
from app.domain.quarters import Quarter, quarter_end, quarter_start
from app.domain.scorecard.health import HealthFigures, health_score
from app.services.business_settings import load_business_settings
from app.services.claims.accounts import list_claims
from app.services.claims.overlaps import overlap_groups
from app.services.dashboard.charts import open_pipeline, quarters
from app.services.leads.board import lead_board
from app.services.mdf.balances import BalanceRow, balances
from app.services.program.returns import period_reports
from app.services.scorecard.figures import (
    FamilyCertification,
    LeadFigures,
    OverlapInvolving,
    PartnerScorecard,
    QuarterRevenue,
    StageAmount,
)
from app.services.training.coverage import coverage_matrix
from app.services.training.expiring import ExpiringRow, expiring_certifications

_ZERO = Decimal(0)


def partner_scorecard(
    session: Session, partner_code: str, start: date, end: date, today: date
) -> PartnerScorecard:
    """The scorecard of the partner with Partner ID ``partner_code`` (or, for a partner stored
    without one, that name) over [start, end], as things stand on ``today``. Refuses an unknown
    partner or a period that ends before it starts (``AppError``)."""
    partner_id, code, name = _find_partner(session, partner_code)
    reporting = load_business_settings(session).reporting_currency
    period, by_quarter = _reports(session, start, end, code)
    whole = _line(period, code)
    won, won_missing = _won(by_quarter, code, partner_id, session)
    pipeline, pipeline_missing = _pipeline(session, today, code)
    certifications = _certifications(session, partner_id, today)
    expiring = _expiring_next_quarter(session, partner_id, today)
    leads = _leads(session, start, end, code)
    mdf = _mdf(session, partner_id, start, end, today)
    claims = tuple(
        row
        for row in list_claims(session, today=today)
        if row.partner_id == partner_id and row.live
    )
    overlaps = _overlaps(session, code, today)
    spend = whole.spend.get("all", _ZERO) if whole is not None else _ZERO
    ratio = whole.return_ratio if whole is not None else None
    sold = [c for c in certifications if c.sells]
    anyone_certified = any(c.holders > 0 for c in certifications) or bool(expiring)
    figures = HealthFigures(
        lead_acceptance=leads.acceptance_rate if leads is not None else None,
        grade_index=leads.grade_adjusted_index if leads is not None else None,
        families_uncovered=sum(1 for c in sold if c.holders == 0) if sold else None,
        expiring_unreplaced=len(expiring) if anyone_certified else None,
        return_ratio=ratio,
        oldest_overlap_days=max((o.days_open for o in overlaps), default=0) if claims else None,
    )
    return PartnerScorecard(
        partner_code=code,
        partner=name,
        start=start,
        end=end,
        today=today,
        currency=reporting,
        won=won,
        won_not_converted=won_missing,
        pipeline=pipeline,
        pipeline_not_converted=pipeline_missing,
        certifications=certifications,
        expiring_next_quarter=expiring,
        leads=leads,
        mdf=mdf,
        mdf_available=_available(mdf),
        spend=spend,
        return_ratio=ratio,
        open_claims=claims,
        overlaps=overlaps,
        health=health_score(figures),
    )


def _find_partner(session: Session, text: str) -> tuple[int, str, str]:
    """(id, Partner ID or name, name) of the partner ``text`` names: its Partner ID in any case,
    else its exact name."""
    wanted = text.strip()
    row = session.execute(
        select(Partner.id, Partner.partner_code, Partner.name).where(
            func.lower(Partner.partner_code) == wanted.lower()
        )
    ).first()
    if row is None:
        row = session.execute(
            select(Partner.id, Partner.partner_code, Partner.name)
            .where(Partner.name == wanted)
            .order_by(Partner.id)
        ).first()
    if row is None:
        raise NotFoundError(f"There is no partner with Partner ID '{wanted}'.")
    partner_id, code, name = row
    return partner_id, code if code is not None else name, name


def _reports(
    session: Session, start: date, end: date, code: str
) -> tuple[ReturnReport, list[tuple[date, date, str, ReturnReport]]]:
    """The return report over the whole period and over each of its quarters (the dashboard's
    quarters), from one read, for the partner alone (``code``: the key its lines name it by)."""
    cut = quarters(start, end)
    reports = period_reports(
        session, [(start, end), *((first, last) for first, last, _ in cut)], code
    )
    return reports[0], [
        (first, last, name, report)
        for (first, last, name), report in zip(cut, reports[1:], strict=True)
    ]


def _line(report: ReturnReport, code: str) -> ReturnLine | None:
    return next((line for line in report.partners if line.partner == code), None)


def _won(
    by_quarter: list[tuple[date, date, str, ReturnReport]],
    code: str,
    partner_id: int,
    session: Session,
) -> tuple[tuple[QuarterRevenue, ...], int]:
    """Sourced and influenced won revenue per quarter (the dashboard's quarters), and how many
    of the partner's won deals had no exchange rate. The report lists every amount it could not
    convert, the whole program's, so only the partner's own deals closed in the quarter count."""
    rows: list[QuarterRevenue] = []
    missing = 0
    own = _own_deal_refs(session, partner_id)
    for first, last, name, report in by_quarter:
        line = _line(report, code)
        missing += sum(
            1
            for item in report.not_converted
            if item.kind == "deal" and first <= item.on <= last and item.ref in own
        )
        rows.append(
            QuarterRevenue(
                name,
                first,
                last,
                line.sourced if line is not None else _ZERO,
                line.influenced if line is not None else _ZERO,
            )
        )
    return tuple(rows), missing


def _own_deal_refs(session: Session, partner_id: int) -> set[str]:
    """How the return report names the won deals the partner counts for (its Deal ID, else its
    name): those it is a party to or that were made from its claim."""
    party = select(DealParty.deal_id).where(DealParty.partner_id == partner_id)
    claimed = select(Claim.id).where(Claim.partner_id == partner_id)
    rows = session.execute(
        select(Deal.deal_code, Deal.name).where(
            Deal.stage == DealStage.WON, or_(Deal.id.in_(party), Deal.claim_id.in_(claimed))
        )
    )
    return {code or name for code, name in rows}


def _pipeline(session: Session, today: date, code: str) -> tuple[tuple[StageAmount, ...], int]:
    """The dashboard's open pipeline by stage for the partner, and how many deals it left out."""
    totals, missing = open_pipeline(session, code, today)
    return tuple(StageAmount(stage, amount) for stage, amount in totals.items()), missing


def _sold_families(session: Session, partner_id: int) -> set[int]:
    """The product families of the deals the partner takes part in that are open or won."""
    query = (
        select(DealFamily.family_id)
        .join(Deal, Deal.id == DealFamily.deal_id)
        .join(DealParty, DealParty.deal_id == Deal.id)
        .where(DealParty.partner_id == partner_id, Deal.stage != DealStage.LOST)
        .distinct()
    )
    return set(session.scalars(query))


def _certifications(
    session: Session, partner_id: int, today: date
) -> tuple[FamilyCertification, ...]:
    """The partner's row of the coverage matrix, each certifying family marked if it sells it."""
    matrix = coverage_matrix(session, today, partner=partner_id)
    row = next((r for r in matrix.rows if r.partner_id == partner_id), None)
    if row is None:  # a terminated partner is not on the matrix
        return ()
    sold = _sold_families(session, partner_id)
    return tuple(
        FamilyCertification(family.name, cell.holders, cell.state, family.id in sold)
        for family, cell in zip(matrix.families, row.cells, strict=True)
    )


def _next_quarter(today: date) -> tuple[date, date]:
    following = Quarter.of(today).following()
    return following.start, following.end


def _expiring_next_quarter(
    session: Session, partner_id: int, today: date
) -> tuple[ExpiringRow, ...]:
    """The Training page's running-out list, cut to the partner and to next quarter's days."""
    first, last = _next_quarter(today)
    rows = expiring_certifications(session, today, (last - today).days)
    return tuple(r for r in rows if r.partner_id == partner_id and r.valid_until >= first)


def _leads(session: Session, start: date, end: date, code: str) -> LeadFigures | None:
    board = lead_board(session, end, start)
    row = next((r for r in board.rows if r.recipient == code), None)
    if row is None or row.received["all"] == 0:
        return None
    return LeadFigures(
        row.received["all"],
        row.accepted,
        row.converted,
        row.acceptance_rate,
        row.grade_adjusted_index,
    )


def _mdf(
    session: Session, partner_id: int, start: date, end: date, today: date
) -> tuple[BalanceRow, ...]:
    """The MDF page's balances of the partner's allocations whose quarter meets the period."""
    return tuple(
        row
        for row in balances(session, partner=partner_id, today=today)
        if quarter_start(row.quarter) <= end and quarter_end(row.quarter) >= start
    )


def _available(rows: tuple[BalanceRow, ...]) -> tuple[tuple[str, Decimal], ...]:
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.currency] = totals.get(row.currency, _ZERO) + row.available
    return tuple(sorted(totals.items()))


def _overlaps(session: Session, code: str, today: date) -> tuple[OverlapInvolving, ...]:
    """Today's overlap groups with a claim of the partner, longest open first."""
    found = [
        _involving(group, today)
        for group in overlap_groups(session, today)
        if code in (claim.claimant_code for claim in group.claims)
    ]
    found.sort(key=lambda o: (-o.days_open, o.key))
    return tuple(found)


def _involving(group: OverlapGroup, today: date) -> OverlapInvolving:
    dates = sorted(claim.claimed_on for claim in group.claims)
    since = dates[1] if len(dates) > 1 else dates[0]
    return OverlapInvolving(
        group.key,
        group.claims[0].account.name,
        group.claimants,
        since,
        max(0, (today - since).days),
    )
