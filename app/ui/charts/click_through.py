"""Where a click on a chart's figure leads: the page whose rows make it, filtered to them.

The dashboard and a partner's scorecard both lead through here, so the same bar opens the same
page the same way: the Program page on the quarter the bar names (its figures are per period,
not filtered by text), any other page filtered by the bar's word (a stage, a family, an
account) or by what the chart is about (a partner). Enter on a chart opens the page of the
whole chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.quarters import Quarter
from app.io.charts.spec import ChartSpec
from app.ui.program.period import Period, period_of_quarter

#: The one page whose figures are filtered by period instead of by text.
PROGRAM = "program"


@dataclass(frozen=True)
class Behind:
    """The page (its key), the text for its filter, and the period for the Program page."""

    page: str
    text: str = ""
    period: Period | None = None


def behind(page: str, spec: ChartSpec, category: int, text: str | None = None) -> Behind:
    """What lies behind the figure at ``category`` of ``spec`` (-1: the whole chart) on
    ``page``: filtered by ``text`` when given (a chart about one partner: that partner), else
    by the category's own word (none for the whole chart)."""
    word = spec.categories[category] if 0 <= category < len(spec.categories) else ""
    if page == PROGRAM:
        return Behind(page, "", _quarter_named(word) if word else None)
    return Behind(page, text if text is not None else word)


def _quarter_named(name: str) -> Period | None:
    """``2026 Q3`` → that quarter."""
    quarter = Quarter.parse(name)
    return period_of_quarter(quarter) if quarter is not None else None
