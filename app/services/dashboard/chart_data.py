"""What the dashboard's charts look at and what they show, as plain data.

Kept apart from ``charts`` (which reads the figures through half the services of the
application) so that the dashboard page can be built, and paint, before any of that is
imported: the reading, and its imports, happen on a worker afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.io.charts.spec import ChartSpec


@dataclass(frozen=True)
class ChartFilter:
    """What the dashboard looks at: a period (both ends included) and perhaps one partner."""

    start: date
    end: date
    today: date
    partner: str | None = None  # Partner ID (or name, for a partner without one)


@dataclass(frozen=True)
class DashboardCharts:
    pipeline: ChartSpec
    won: ChartSpec
    coverage: ChartSpec
    funnel: ChartSpec
    grades: ChartSpec
    program: ChartSpec
    overlaps: ChartSpec
    #: The account name of each bar of ``overlaps``, for the click through to its group.
    overlap_accounts: tuple[str, ...] = ()


#: The parts the charts are read in, each with the fields of ``DashboardCharts`` it fills: a
#: change to the records of one part reads that part again and leaves the others be.
CHART_PARTS: dict[str, tuple[str, ...]] = {
    "pipeline": ("pipeline",),
    "returns": ("won", "program"),
    "coverage": ("coverage",),
    "leads": ("funnel", "grades"),
    "overlaps": ("overlaps", "overlap_accounts"),
}
