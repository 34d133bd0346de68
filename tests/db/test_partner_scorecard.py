"""A partner's scorecard on the demo world: every figure is the owning page's, and the health
score is read from exactly those figures."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Account, Deal, DealParty, Partner
from app.domain.enums import DealStage, PartyRole
from app.domain.errors import AppError, NotFoundError
from app.domain.scorecard.health import HealthFigures, health_score
from app.services.claims.accounts import list_claims
from app.services.claims.claim_edit import check_claim, register_claim
from app.services.claims.overlaps import overlap_groups
from app.services.dashboard.charts import ChartFilter, dashboard_charts
from app.services.leads.board import lead_board
from app.services.mdf.balances import balances
from app.services.partners.edit import create_partner
from app.services.program.returns import return_report
from app.services.scorecard.charts import scorecard_charts
from app.services.scorecard.figures import LeadFigures
from app.services.scorecard.scorecard import partner_scorecard
from app.services.training.coverage import coverage_matrix
from app.services.training.expiring import expiring_certifications
from tests.support.db_templates import DemoLike
from tests.support.sample_records import TODAY as SAMPLE_TODAY
from tests.support.sample_records import add_sample_records

TODAY = date(2026, 11, 20)
START = TODAY - timedelta(days=365)


@pytest.fixture
def demo(sqlite_db: Database, demo_like: DemoLike) -> Database:
    return demo_like(sqlite_db, TODAY)


def _busiest(db: Database) -> str:
    """The partner with the most won revenue over the year, so no figure is trivially zero."""
    with db.reading() as s:
        report = return_report(s, START, TODAY)
    best = max(report.partners, key=lambda line: line.sourced + line.influenced)
    assert best.partner is not None and best.sourced + best.influenced > 0
    return best.partner


def test_every_figure_is_the_owning_services(demo: Database) -> None:
    """Every partner with a program figure over the year; between them they have won revenue,
    MDF, leads, overlaps and certifications running out, so no comparison is of empty sets."""
    with demo.reading() as s:
        codes = [line.partner for line in return_report(s, START, TODAY).partners]
        seen = [_check(s, code) for code in codes if code is not None]
    assert all(any(flags[n] for flags in seen) for n in range(5)), seen


def _check(s: Session, code: str) -> tuple[bool, bool, bool, bool, bool]:
    card = partner_scorecard(s, code.lower(), START, TODAY, TODAY)
    charts = dashboard_charts(s, ChartFilter(START, TODAY, TODAY, code))
    whole = next(line for line in return_report(s, START, TODAY, code).partners)
    matrix = coverage_matrix(s, TODAY)
    board = lead_board(s, TODAY, START)
    partner_row = next(r for r in matrix.rows if r.partner == card.partner)
    pid = partner_row.partner_id
    assert card.partner_code == code and card.currency == "EUR"
    # won revenue per quarter and the open pipeline: the dashboard's charts for the partner
    assert tuple(q.quarter for q in card.won) == charts.won.categories
    assert tuple(q.sourced for q in card.won) == charts.won.series[0].values
    assert tuple(q.influenced for q in card.won) == charts.won.series[1].values
    assert tuple(p.amount for p in card.pipeline) == charts.pipeline.series[0].values
    assert tuple(p.stage.label for p in card.pipeline) == charts.pipeline.categories
    # the scorecard's own charts (the tab's and the review PDF's) draw the dashboard's figures
    drawn = scorecard_charts(card)
    assert (drawn.revenue.categories, drawn.revenue.series) == (
        charts.won.categories,
        charts.won.series,
    )
    assert (drawn.pipeline.categories, drawn.pipeline.series) == (
        charts.pipeline.categories,
        charts.pipeline.series,
    )
    # spend and return over the period: the Program page's line for the partner
    assert card.spend == whole.spend["all"] and card.return_ratio == whole.return_ratio
    # certifications: the partner's row of the Training page's matrix
    assert tuple(c.family for c in card.certifications) == tuple(f.name for f in matrix.families)
    assert tuple((c.holders, c.state) for c in card.certifications) == tuple(
        (cell.holders, cell.state) for cell in partner_row.cells
    )
    # expiring next quarter: the running-out list, the partner's, in next quarter
    assert card.expiring_next_quarter == tuple(
        r
        for r in expiring_certifications(s, TODAY, 365)
        if r.partner_id == pid and date(2027, 1, 1) <= r.valid_until <= date(2027, 3, 31)
    )
    # leads: the partner's line of the lead board over the period
    line = next((r for r in board.rows if r.recipient == code), None)
    if line is None or line.received["all"] == 0:
        assert card.leads is None
    else:
        assert card.leads == LeadFigures(
            line.received["all"],
            line.accepted,
            line.converted,
            line.acceptance_rate,
            line.grade_adjusted_index,
        )
    # MDF: the MDF page's balances of its allocations in the period's quarters
    assert card.mdf == tuple(
        a for a in balances(s, partner=pid, today=TODAY) if a.quarter >= "2025Q4"
    )
    totals: dict[str, Decimal] = {}
    for a in card.mdf:
        totals[a.currency] = totals.get(a.currency, Decimal(0)) + a.available
    assert card.mdf_available == tuple(sorted(totals.items()))
    # claims and overlaps: the Claims and Overlaps pages'
    assert card.open_claims == tuple(
        c for c in list_claims(s, today=TODAY) if c.partner_id == pid and c.live
    )
    assert {o.key for o in card.overlaps} == {
        g.key for g in overlap_groups(s, TODAY) if code in (c.claimant_code for c in g.claims)
    }
    # the health score reads exactly these figures
    sold = [c for c in card.certifications if c.sells]
    certified = any(c.holders for c in card.certifications) or card.expiring_next_quarter
    assert card.health == health_score(
        HealthFigures(
            lead_acceptance=card.leads.acceptance_rate if card.leads else None,
            grade_index=card.leads.grade_adjusted_index if card.leads else None,
            families_uncovered=sum(1 for c in sold if c.holders == 0) if sold else None,
            expiring_unreplaced=len(card.expiring_next_quarter) if certified else None,
            return_ratio=whole.return_ratio,
            oldest_overlap_days=(
                max((o.days_open for o in card.overlaps), default=0) if card.open_claims else None
            ),
        )
    )
    return (
        sum(q.sourced + q.influenced for q in card.won) > 0,
        bool(card.mdf),
        card.leads is not None,
        bool(card.overlaps),
        bool(card.expiring_next_quarter),
    )


def test_next_quarter_and_open_overlaps_are_counted_from_today(demo: Database) -> None:
    """Each overlap is open since its second claim (a lone claim on a named account: since it was
    made); the oldest sets the health rule's figure."""
    with demo.reading() as s:
        groups = {g.key: g for g in overlap_groups(s, TODAY)}
        claimants = Counter(
            c.claimant_code
            for g in groups.values()
            for c in g.claims
            if c.claimant_code != "Direct"
        )
        code = claimants.most_common(1)[0][0]
        card = partner_scorecard(s, code, START, TODAY, TODAY)
    for overlap in card.overlaps:
        dates = sorted(c.claimed_on for c in groups[overlap.key].claims)
        since = dates[1] if len(dates) > 1 else dates[0]
        assert overlap.since == since and overlap.days_open == (TODAY - since).days
    assert [o.days_open for o in card.overlaps] == sorted(
        (o.days_open for o in card.overlaps), reverse=True
    )
    overlap_rule = next(r for r in card.health.results if r.rule.figure == "oldest_overlap_days")
    assert card.overlaps and overlap_rule.figure == card.overlaps[0].days_open


def test_unknown_partner_and_backward_period_are_refused(demo: Database) -> None:
    with demo.reading() as s, pytest.raises(NotFoundError, match="P-9999"):
        partner_scorecard(s, "P-9999", START, TODAY, TODAY)
    code = _busiest(demo)
    with demo.reading() as s, pytest.raises(AppError, match="before from"):
        partner_scorecard(s, code, TODAY, START, TODAY)


def test_a_partner_that_has_done_nothing_has_no_score_until_it_claims(any_db: Database) -> None:
    """No lead, no spend, no family sold, nobody certified, no claim: every figure is missing, so
    there is no score; one live claim without an overlap gives the overlap rule all 100 points."""
    with any_db.transaction() as s:
        partner_id = create_partner(s, {"name": "Litware", "partner_code": "P-77", "country": "DE"})
    with any_db.reading() as s:
        card = partner_scorecard(s, "P-77", START, TODAY, TODAY)
    assert card.partner == "Litware" and card.health.score is None
    assert card.won and all(q.sourced == q.influenced == 0 for q in card.won)
    assert all(p.amount == 0 for p in card.pipeline)
    assert (card.leads, card.mdf, card.open_claims, card.overlaps) == (None, (), (), ())
    assert card.spend == 0 and card.return_ratio is None
    raw: dict[str, object] = {
        "partner_id": partner_id, "account_id": None, "account_name": "Contoso Pharma",
        "website": "contoso-pharma.example", "country": "DE",
        "claimed_on": (TODAY - timedelta(days=5)).isoformat(), "valid_until": "",
        "deal_amount": "1000", "currency": "EUR", "commission_pct": "10%",
    }  # fmt: skip
    draft, errors = check_claim(raw, validity_days=90)
    assert errors == {} and draft is not None
    with any_db.transaction() as s:
        register_claim(s, draft)
    with any_db.reading() as s:
        card = partner_scorecard(s, "p-77", START, TODAY, TODAY)
    assert len(card.open_claims) == 1 and card.overlaps == ()
    assert card.health.score == 100
    assert [r.weight for r in card.health.results if r.weight] == [100]


def test_only_the_partners_own_deals_without_a_rate_are_counted(sqlite_db: Database) -> None:
    """The sample's won USD deal has no rate and no partner: it is not Northwind's to miss; a
    USD deal Northwind registered is."""
    add_sample_records(sqlite_db)
    today = SAMPLE_TODAY
    with sqlite_db.reading() as s:
        card = partner_scorecard(s, "P-001", today - timedelta(days=90), today, today)
        report = return_report(s, today - timedelta(days=90), today, "P-001")
    assert [item.ref for item in report.not_converted] == ["Tailspin pilot"]
    assert card.won_not_converted == 0
    with sqlite_db.transaction() as s:
        north = s.scalar(select(Partner).where(Partner.partner_code == "P-001"))
        deal = Deal(
            name="Northwind in dollars",
            account=s.scalar(select(Account).where(Account.name == "Tailspin Toys")),
            stage=DealStage.WON,
            closed_on=today,
            amount=Decimal(500),
            currency="USD",
        )
        deal.parties = [DealParty(partner=north, role=PartyRole.REGISTERING_PARTNER)]
        s.add(deal)
    with sqlite_db.reading() as s:
        card = partner_scorecard(s, "P-001", today - timedelta(days=90), today, today)
    assert card.won_not_converted == 1
