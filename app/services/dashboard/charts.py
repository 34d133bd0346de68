"""The dashboard's charts as data, each figure read through the service that owns it.

Won revenue and spend come from the program's return report, quarter by quarter (the rows read
once for all the quarters), so the chart shows the Program page's figures; the lead funnel is
the lead board's; coverage is the Training page's matrix; overlaps are the Overlaps page's
groups. Money is shown in the reporting currency,
converted by the program's dated rates; what has no rate is counted in the chart's note, never
taken at 1.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Deal, DealParty
from app.domain.enums import DealStage, PartnerStatus
from app.domain.leads.rules import DIRECT, GRADES
from app.domain.program.returns import ReturnLine, ReturnReport
from app.domain.quarters import quarters_in
from app.domain.training import CoverageState
from app.io.charts.spec import ChartSpec, Series, ValueKind
from app.services.business_settings import load_business_settings
from app.services.claims.overlaps import overlap_groups
from app.services.dashboard.chart_data import CHART_PARTS
from app.services.dashboard.chart_data import ChartFilter as ChartFilter
from app.services.dashboard.chart_data import DashboardCharts as DashboardCharts
from app.services.deals.rows import CLOSED_STAGES
from app.services.leads.board import lead_board
from app.services.partners.names import partner_by_key
from app.services.program.rates import reporting_converter
from app.services.program.returns import period_reports
from app.services.training.coverage import Coverage, certifying_families, coverage_matrix

#: The open stages in the order a deal moves through them.
OPEN_STAGES = tuple(stage for stage in DealStage if stage not in CLOSED_STAGES)
#: Recipients and overlaps a chart shows at most, the largest first.
TOP = 8
#: Quarters the revenue charts show at most, the latest last.
MOST_QUARTERS = 8


def quarters(start: date, end: date) -> list[tuple[date, date, str]]:
    """The calendar quarters that meet [start, end], each cut to it, labelled ``2026 Q4``; the
    last ``MOST_QUARTERS`` of them."""
    return [(first, last, quarter.label) for first, last, quarter in quarters_in(start, end)][
        -MOST_QUARTERS:
    ]


def dashboard_charts(session: Session, chosen: ChartFilter) -> DashboardCharts:
    """Every chart of the dashboard for ``chosen``."""
    charts = updated_charts(session, chosen, CHART_PARTS)
    assert charts is not None  # nothing cancels it
    return charts


def updated_charts(
    session: Session,
    chosen: ChartFilter,
    parts: Collection[str],
    previous: DashboardCharts | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> DashboardCharts | None:
    """The charts of ``parts`` (keys of ``CHART_PARTS``) read again for ``chosen``, the others
    kept from ``previous`` (read for the same filter; None: ``parts`` must be all of them).
    None when ``cancelled`` says so between parts."""
    if previous is None and set(parts) != set(CHART_PARTS):
        raise ValueError("the first reading of the charts reads every part")
    reporting = load_business_settings(session).reporting_currency
    found: dict[str, Any] = {}
    for part in CHART_PARTS:
        if part in parts:
            if cancelled():
                return None
            found.update(_PARTS[part](session, chosen, reporting))
    return replace(previous, **found) if previous is not None else DashboardCharts(**found)


def _returns_part(session: Session, chosen: ChartFilter, reporting: str) -> dict[str, Any]:
    """Won revenue and the program's spend and return, from one read of every quarter."""
    cut = quarters(chosen.start, chosen.end)
    periods = [(first, last) for first, last, _ in cut]
    reports = list(
        zip(
            (name for _, _, name in cut),
            period_reports(session, periods, chosen.partner),
            strict=True,
        )
    )
    return {
        "won": won_chart(reports, chosen, reporting),
        "program": program_chart(reports, chosen, reporting),
    }


def _leads_part(session: Session, chosen: ChartFilter, _reporting: str) -> dict[str, Any]:
    funnel, grades = funnel_chart(session, chosen)
    return {"funnel": funnel, "grades": grades}


def _overlaps_part(session: Session, chosen: ChartFilter, reporting: str) -> dict[str, Any]:
    overlaps, accounts = overlap_chart(session, chosen, reporting)
    return {"overlaps": overlaps, "overlap_accounts": accounts}


_PARTS: dict[str, Callable[[Session, ChartFilter, str], dict[str, Any]]] = {
    "pipeline": lambda session, chosen, reporting: {
        "pipeline": pipeline_chart(session, chosen, reporting)
    },
    "returns": _returns_part,
    "coverage": lambda session, chosen, _reporting: {"coverage": coverage_chart(session, chosen)},
    "leads": _leads_part,
    "overlaps": _overlaps_part,
}


def _partner_id(session: Session, partner: str | None) -> int | None:
    found = partner_by_key(session, partner) if partner is not None else None
    return found[0] if found is not None else None


def _not_converted(count: int) -> str:
    return f"{count} without an exchange rate left out" if count else ""


def open_pipeline(
    session: Session, partner: str | None, today: date
) -> tuple[dict[DealStage, Decimal], int]:
    """Open deals (of ``partner`` alone when given) summed by stage in the reporting currency as
    of ``today``, and how many had no exchange rate: the chart's figures, and a scorecard's."""
    query = select(Deal.id, Deal.stage, Deal.amount, Deal.currency).where(
        Deal.stage.in_(OPEN_STAGES)
    )
    if partner is not None:
        partner_id = _partner_id(session, partner)
        query = query.where(
            Deal.id.in_(select(DealParty.deal_id).where(DealParty.partner_id == partner_id))
        )
    converter = reporting_converter(session, today)
    totals = dict.fromkeys(OPEN_STAGES, Decimal(0))
    missing = 0
    for _id, stage, amount, currency in session.execute(query):
        converted = converter.convert(amount, currency, today)
        if converted is None:
            missing += 1
        else:
            totals[stage] += converted
    return totals, missing


def pipeline_chart(session: Session, chosen: ChartFilter, reporting: str) -> ChartSpec:
    """Open deals by stage, each converted into the reporting currency as of today."""
    totals, missing = open_pipeline(session, chosen.partner, chosen.today)
    return ChartSpec(
        "Open pipeline by stage",
        "bar",
        tuple(stage.label for stage in OPEN_STAGES),
        (Series(reporting, tuple(totals.values())),),
        ValueKind.MONEY,
        reporting,
        empty_text="No open deals.",
        note=_not_converted(missing),
    )


def _line(report: ReturnReport, partner: str | None) -> ReturnLine | None:
    if partner is None:
        return report.program
    return next((line for line in report.partners if line.partner == partner), None)


def won_chart(
    reports: list[tuple[str, ReturnReport]], chosen: ChartFilter, reporting: str
) -> ChartSpec:
    """Won revenue per quarter, sourced and influenced, as the Program page counts it."""
    lines = [(name, _line(report, chosen.partner)) for name, report in reports]
    missing = sum(
        1 for _, report in reports for item in report.not_converted if item.kind == "deal"
    )
    zero = Decimal(0)
    return ChartSpec(
        "Won revenue by quarter",
        "stacked",
        tuple(name for name, _ in lines),
        (
            Series("Sourced", tuple(line.sourced if line else zero for _, line in lines)),
            Series("Influenced", tuple(line.influenced if line else zero for _, line in lines)),
        ),
        ValueKind.MONEY,
        reporting,
        empty_text="No deal won in this period.",
        note=_not_converted(missing),
    )


def program_chart(
    reports: list[tuple[str, ReturnReport]], chosen: ChartFilter, reporting: str
) -> ChartSpec:
    """Program spend against the won revenue it returned, per quarter."""
    lines = [(name, _line(report, chosen.partner)) for name, report in reports]
    zero = Decimal(0)
    spend = tuple(line.spend.get("all", zero) if line else zero for _, line in lines)
    revenue = tuple(line.sourced + line.influenced if line else zero for _, line in lines)
    missing = sum(len(report.not_converted) for _, report in reports)
    return ChartSpec(
        "Program spend and return",
        "bar",
        tuple(name for name, _ in lines),
        (Series("Spend", spend), Series("Won revenue", revenue)),
        ValueKind.MONEY,
        reporting,
        empty_text="Nothing spent or won in this period.",
        note=_not_converted(missing),
    )


def coverage_chart(session: Session, chosen: ChartFilter) -> ChartSpec:
    """Active partners per product family with a valid certification, one expiring soon, or
    none; one partner's own families when the dashboard looks at one."""
    if chosen.partner is None:
        matrix = coverage_matrix(session, chosen.today)
    elif (partner_id := _partner_id(session, chosen.partner)) is not None:
        matrix = coverage_matrix(session, chosen.today, partner=partner_id)  # its row alone
    else:
        matrix = Coverage(certifying_families(session), [])
    rows = [row for row in matrix.rows if row.status is PartnerStatus.ACTIVE]
    states = (
        ("Certified", (CoverageState.VALID,)),
        ("Expiring soon", (CoverageState.EXPIRING,)),
        ("Not certified", (CoverageState.EXPIRED, CoverageState.NONE)),
    )
    series = tuple(
        Series(
            name,
            tuple(sum(1 for row in rows if row.cells[f].state in wanted) for f in range(
                len(matrix.families)
            )),
        )
        for name, wanted in states
    )  # fmt: skip
    return ChartSpec(
        "Certification coverage by product family",
        "stacked",
        tuple(family.name for family in matrix.families),
        series,
        ValueKind.COUNT,
        empty_text="No product family certifies yet.",
        note="active partners",
    )


def funnel_chart(session: Session, chosen: ChartFilter) -> tuple[ChartSpec, ChartSpec]:
    """The lead board over the period: received, accepted and converted per recipient, and the
    grades each received; the recipients that received most."""
    board = lead_board(session, chosen.end, chosen.start)
    rows = [row for row in board.rows if row.received["all"] > 0]
    if chosen.partner is not None:
        rows = [row for row in rows if row.recipient in (chosen.partner, DIRECT)]
    rows.sort(key=lambda row: (-row.received["all"], row.recipient != DIRECT, row.recipient))
    rows = rows[:TOP]
    names = tuple(row.recipient for row in rows)
    funnel = ChartSpec(
        "Lead funnel by recipient",
        "bar",
        names,
        (
            Series("Received", tuple(row.received["all"] for row in rows)),
            Series("Accepted", tuple(row.accepted for row in rows)),
            Series("Converted", tuple(row.converted for row in rows)),
        ),
        ValueKind.COUNT,
        empty_text="No lead was assigned in this period.",
        note=f"grade skew {board.grade_skew}" if board.grade_skew is not None else "",
    )
    grades = ChartSpec(
        "Leads received by grade",
        "stacked",
        names,
        tuple(Series(grade, tuple(row.received[grade] for row in rows)) for grade in GRADES),
        ValueKind.COUNT,
        empty_text="No lead was assigned in this period.",
    )
    return funnel, grades


def overlap_chart(
    session: Session, chosen: ChartFilter, reporting: str
) -> tuple[ChartSpec, tuple[str, ...]]:
    """The overlap groups with the largest commission exposure, in the reporting currency."""
    converter = reporting_converter(session, chosen.today)
    ranked: list[tuple[Decimal, str]] = []
    missing = 0
    for group in overlap_groups(session, chosen.today):
        if chosen.partner is not None and chosen.partner not in (
            claim.claimant_code for claim in group.claims
        ):
            continue
        total = Decimal(0)
        for currency, amount in group.exposure:
            converted = converter.convert(amount, currency, chosen.today)
            if converted is None:
                missing += 1
                break
            total += converted
        else:
            ranked.append((total, group.claims[0].account.name))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    top = ranked[:TOP]
    spec = ChartSpec(
        "Top overlaps by commission exposure",
        "hbar",
        tuple(name for _, name in top),
        (Series("Exposure", tuple(total for total, _ in top)),),
        ValueKind.MONEY,
        reporting,
        empty_text="No overlapping claims.",
        note=_not_converted(missing),
    )
    return spec, tuple(name for _, name in top)
