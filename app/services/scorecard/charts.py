"""A partner scorecard's charts as data, built once from its figures.

The scorecard tab and the quarterly review PDF both draw these specs (``app.io.charts.draw``),
so a chart on screen and the same chart on paper show the same figures under the same words.
Nothing here reads the database: every value is one of ``PartnerScorecard``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

from app.io.charts.spec import ChartSpec, Series, ValueKind
from app.services.scorecard.figures import PartnerScorecard


@dataclass(frozen=True)
class ScorecardCharts:
    """The scorecard's charts, in the order a screen or a page lays them out."""

    revenue: ChartSpec  # won revenue per quarter, sourced and influenced (stacked)
    pipeline: ChartSpec  # open pipeline by stage
    certifications: ChartSpec  # people holding a valid certification, per product family
    leads: ChartSpec  # leads received, accepted and converted over the period

    def __iter__(self) -> Iterator[tuple[str, ChartSpec]]:
        """(name, spec) pairs in layout order: ``revenue``, ``pipeline``, …"""
        for item in fields(self):
            yield item.name, getattr(self, item.name)


def scorecard_charts(card: PartnerScorecard) -> ScorecardCharts:
    """Every chart of ``card``; money in its reporting currency."""
    return ScorecardCharts(
        revenue=revenue_chart(card),
        pipeline=pipeline_chart(card),
        certifications=certifications_chart(card),
        leads=leads_chart(card),
    )


def _left_out(count: int) -> str:
    if count == 0:
        return ""
    return f"{count} without an exchange rate left out"


def revenue_chart(card: PartnerScorecard) -> ChartSpec:
    """Won revenue per quarter of the period, sourced and influenced, as the Program page counts
    it (the first and last quarters cut to the period)."""
    return ChartSpec(
        "Won revenue by quarter",
        "stacked",
        tuple(q.quarter for q in card.won),
        (
            Series("Sourced", tuple(q.sourced for q in card.won)),
            Series("Influenced", tuple(q.influenced for q in card.won)),
        ),
        ValueKind.MONEY,
        card.currency,
        empty_text="No deal won in this period.",
        note=_left_out(card.won_not_converted),
    )


def pipeline_chart(card: PartnerScorecard) -> ChartSpec:
    """The open deals the partner takes part in, by stage, converted as of today."""
    note = f"open deals on {card.today.isoformat()}"
    missing = _left_out(card.pipeline_not_converted)
    return ChartSpec(
        "Open pipeline by stage",
        "bar",
        tuple(p.stage.label for p in card.pipeline),
        (Series(card.currency, tuple(p.amount for p in card.pipeline)),),
        ValueKind.MONEY,
        card.currency,
        empty_text="No open deals.",
        note=f"{note}; {missing}" if missing else note,
    )


def certifications_chart(card: PartnerScorecard) -> ChartSpec:
    """People holding a valid certification today, per certifying product family; the note
    names the families the partner sells with nobody certified, which the health score counts."""
    uncovered = [c.family for c in card.certifications if c.sells and c.holders == 0]
    return ChartSpec(
        "Certified people by product family",
        "bar",
        tuple(c.family for c in card.certifications),
        (Series("Certified people", tuple(c.holders for c in card.certifications)),),
        ValueKind.COUNT,
        empty_text="Nobody holds a valid certification.",
        note=f"sold with nobody certified: {', '.join(uncovered)}" if uncovered else "",
    )


def leads_chart(card: PartnerScorecard) -> ChartSpec:
    """The partner's line of the lead board over the period: received, accepted, converted."""
    leads = card.leads
    values = (0, 0, 0) if leads is None else (leads.received, leads.accepted, leads.converted)
    return ChartSpec(
        "Leads over the period",
        "bar",
        ("Received", "Accepted", "Converted"),
        (Series("Leads", values),),
        ValueKind.COUNT,
        empty_text="No lead was sent to this partner in this period.",
    )
