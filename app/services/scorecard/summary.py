"""A partner scorecard's figures written out, one labelled line each.

The scorecard tab shows these lines and a printed review can print them, so both write every
figure the same way: money through ``app.domain.money``, rates as the health score's sentences
write them (``write_figure``), indexes and return ratios to four places as the lead board and the
Program page do, and a figure that does not exist as words that say why
rather than a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.money import format_money
from app.domain.scorecard.health import Unit, write_figure
from app.services.scorecard.figures import PartnerScorecard


@dataclass(frozen=True)
class SummaryLine:
    key: str  # stable: tests and object names
    label: str
    text: str


def _line(key: str, text: str) -> SummaryLine:
    return SummaryLine(key, LABELS[key], text)


#: Each line's key and label, in the order a reader goes through them.
LABELS: dict[str, str] = {
    "won": "Won revenue",
    "won_split": "Sourced / influenced",
    "pipeline": "Open pipeline",
    "families": "Families with a certified person",
    "uncovered": "Families sold, nobody certified",
    "expiring": "Certifications expiring next quarter",
    "leads": "Leads received / accepted / converted",
    "acceptance": "Lead acceptance",
    "grade_index": "Grade-adjusted lead index",
    "mdf": "MDF available",
    "spend": "Program spend",
    "return_ratio": "Return on program spend",
    "claims": "Open claims",
    "overlaps": "Open overlaps",
}


def _left_out(count: int) -> str:
    return f" ({count} without an exchange rate left out)" if count else ""


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def summary_lines(card: PartnerScorecard) -> tuple[SummaryLine, ...]:
    """The scorecard's figures in the order a reader goes through them."""
    money = card.currency
    sourced = sum((q.sourced for q in card.won), Decimal(0))
    influenced = sum((q.influenced for q in card.won), Decimal(0))
    pipeline = sum((p.amount for p in card.pipeline), Decimal(0))
    certified = sum(1 for c in card.certifications if c.holders > 0)
    uncovered = [c.family for c in card.certifications if c.sells and c.holders == 0]
    leads = card.leads
    lines = [
        _line(
            "won",
            format_money(sourced + influenced, money) + _left_out(card.won_not_converted),
        ),
        _line(
            "won_split",
            f"{format_money(sourced, money)} / {format_money(influenced, money)}",
        ),
        _line(
            "pipeline",
            format_money(pipeline, money) + _left_out(card.pipeline_not_converted),
        ),
        _line(
            "families",
            f"{certified} of {len(card.certifications)}"
            if card.certifications
            else "no product family certifies",
        ),
        _line(
            "uncovered",
            ", ".join(uncovered) if uncovered else "none",
        ),
        _line(
            "expiring",
            f"{len(card.expiring_next_quarter):,}",
        ),
        _line(
            "leads",
            "none in this period"
            if leads is None
            else f"{leads.received:,} / {leads.accepted:,} / {leads.converted:,}",
        ),
        _line(
            "acceptance",
            _or_dash(None if leads is None else leads.acceptance_rate, Unit.RATE),
        ),
        _line(
            "grade_index",
            _as_reported(None if leads is None else leads.grade_adjusted_index),
        ),
        _line(
            "mdf",
            ", ".join(format_money(amount, currency) for currency, amount in card.mdf_available)
            or "no allocation in this period",
        ),
        _line("spend", format_money(card.spend, money)),
        _line(
            "return_ratio",
            "nothing spent" if card.return_ratio is None else _as_reported(card.return_ratio),
        ),
        _line("claims", f"{len(card.open_claims):,}"),
        _line("overlaps", _overlaps(card)),
    ]
    return tuple(lines)


def _or_dash(value: Decimal | None, unit: Unit) -> str:
    return "—" if value is None else write_figure(unit, value)


def _overlaps(card: PartnerScorecard) -> str:
    if not card.overlaps:
        return "none"
    oldest = write_figure(Unit.DAYS, card.overlaps[0].days_open)
    return f"{_plural(len(card.overlaps), 'overlap', 'overlaps')}, the oldest open {oldest}"


def _as_reported(value: Decimal | None) -> str:
    """An index or a return ratio as the lead board and the Program page write it: the exact
    fraction rounded once to four places (SPEC), as the health panel beside it writes it too."""
    return "—" if value is None else write_figure(Unit.INDEX, value)
