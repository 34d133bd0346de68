"""The lead board as of day D (SPEC.md, "The lead board"): who received what, and who converts.

Every figure is counted over assignments, as they stood on D: an acceptance, decline or end dated
after D has not happened yet, and a partner's assignment whose acceptance deadline passed before D
counts as expired even when no routing run has expired it. Rates and the grade-adjusted index
are exact fractions, rounded half up to 4 places once at the end; a zero denominator gives
``None`` (null), never a made-up zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from app.domain.leads.rules import DIRECT, GRADES, LeadRules, grade_key
from app.domain.leads.world import PastAssignment

RATE_PLACES = 4

#: How an assignment stood on the board's day.
OPEN = "open"
ACCEPTED = "accepted"  # accepted, neither converted nor lost yet
DECLINED = "declined"
EXPIRED = "expired"
CONVERTED = "converted"
LOST = "lost"


def state_on(assignment: PastAssignment, on: date, rules: LeadRules) -> str:
    """How ``assignment`` stood on ``on``: open, accepted, declined, expired, converted or lost."""
    ended = assignment.ended_on
    if (
        ended is not None
        and ended <= on
        and assignment.outcome in (DECLINED, EXPIRED, CONVERTED, LOST)
    ):
        return assignment.outcome
    if accepted_by(assignment, on) is not None:
        return ACCEPTED
    deadline = assignment.assigned_on + timedelta(days=rules.acceptance_days)
    if assignment.recipient != DIRECT and on > deadline:
        return EXPIRED
    return OPEN


def accepted_by(assignment: PastAssignment, on: date) -> date | None:
    """The day ``assignment`` was accepted if that was on or before ``on`` (Direct: assigned on)."""
    accepted = assignment.accepted_on
    if assignment.recipient == DIRECT and accepted is None:
        accepted = assignment.assigned_on
    if accepted is not None and accepted <= on:
        return accepted
    return None


def is_quiet(assignment: PastAssignment, on: date, rules: LeadRules) -> bool:
    """Accepted more than quiet days before ``on`` and neither converted nor lost by then."""
    if state_on(assignment, on, rules) != ACCEPTED:
        return False
    accepted = accepted_by(assignment, on)
    return accepted is not None and (on - accepted).days > rules.quiet_days


def round_rate(value: Fraction | None) -> Decimal | None:
    """An exact non-negative fraction rounded half up to 4 places, once; ``None`` stays ``None``."""
    if value is None:
        return None
    scaled = value * 10**RATE_PLACES
    whole = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(whole).scaleb(-RATE_PLACES)


def ratio(numerator: int | Fraction, denominator: int | Fraction) -> Fraction | None:
    """``numerator / denominator`` exactly, ``None`` when the denominator is zero."""
    if denominator == 0:
        return None
    return Fraction(numerator) / Fraction(denominator)


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One recipient's line on the board."""

    recipient: str
    received: Mapping[str, int]  # per grade of GRADES, and "all"
    accepted: int
    declined: int
    expired: int
    converted: int
    lost: int
    quiet: int
    open: int
    acceptance_rate: Decimal | None
    conversion_rate: Decimal | None
    grade_adjusted_index: Decimal | None
    quiet_leads: tuple[str, ...]  # the Lead IDs behind ``quiet``, one click away on the page


@dataclass(frozen=True, slots=True)
class Board:
    on: date
    since: date | None
    rows: tuple[BoardRow, ...]
    nurture: int
    unroutable: int
    grade_skew: Decimal | None


@dataclass
class _Tally:
    received: dict[str, int]
    converted_by_grade: dict[str, int]
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    converted: int = 0
    lost: int = 0
    quiet: int = 0
    open: int = 0

    @classmethod
    def empty(cls) -> _Tally:
        return cls({g: 0 for g in GRADES}, {g: 0 for g in GRADES})


def recipient_order(recipient: str) -> tuple[int, str]:
    """``Direct`` first, then Partner IDs in text order."""
    return (0 if recipient == DIRECT else 1, recipient)


def build_board(
    assignments: Iterable[PastAssignment],
    on: date,
    rules: LeadRules,
    since: date | None = None,
    nurture: int = 0,
    unroutable: int = 0,
) -> Board:
    """The board as of ``on`` over the assignments made on or before it (and on or after ``since``).

    ``nurture`` and ``unroutable`` are the counts of leads in those statuses, read by the caller.
    ``Direct`` always has a row; a partner has one when it received at least one kept assignment.
    """
    tallies: dict[str, _Tally] = {DIRECT: _Tally.empty()}
    quiet_leads: dict[str, list[str]] = {}
    for a in assignments:
        if a.assigned_on > on or (since is not None and a.assigned_on < since):
            continue
        tally = tallies.get(a.recipient)
        if tally is None:
            tally = tallies[a.recipient] = _Tally.empty()
        grade = grade_key(a.grade)
        tally.received[grade] += 1
        state = state_on(a, on, rules)
        if accepted_by(a, on) is not None:
            tally.accepted += 1
        if state == DECLINED:
            tally.declined += 1
        elif state == EXPIRED:
            tally.expired += 1
        elif state == CONVERTED:
            tally.converted += 1
            tally.converted_by_grade[grade] += 1
        elif state == LOST:
            tally.lost += 1
        else:
            tally.open += 1
            if is_quiet(a, on, rules):
                tally.quiet += 1
                quiet_leads.setdefault(a.recipient, []).append(a.lead)
    rows = _rows(tallies, quiet_leads)
    return Board(on, since, rows, nurture, unroutable, round_rate(_grade_skew(tallies)))


def _rows(tallies: dict[str, _Tally], quiet_leads: dict[str, list[str]]) -> tuple[BoardRow, ...]:
    grade_rate: dict[str, Fraction] = {}
    for g in GRADES:
        given = sum(t.received[g] for t in tallies.values())
        won = sum(t.converted_by_grade[g] for t in tallies.values())
        grade_rate[g] = Fraction(won, given) if given else Fraction(0)
    rows = []
    for recipient in sorted(tallies, key=recipient_order):
        t = tallies[recipient]
        received_all = sum(t.received.values())
        expected = sum((t.received[g] * grade_rate[g] for g in GRADES), Fraction(0))
        rows.append(
            BoardRow(
                recipient=recipient,
                received=MappingProxyType({**t.received, "all": received_all}),
                accepted=t.accepted,
                declined=t.declined,
                expired=t.expired,
                converted=t.converted,
                lost=t.lost,
                quiet=t.quiet,
                open=t.open,
                acceptance_rate=round_rate(ratio(t.accepted, t.accepted + t.declined + t.expired)),
                conversion_rate=round_rate(ratio(t.converted, received_all)),
                grade_adjusted_index=round_rate(ratio(t.converted, expected)),
                quiet_leads=tuple(sorted(quiet_leads.get(recipient, ()))),
            )
        )
    return tuple(rows)


def _grade_skew(tallies: dict[str, _Tally]) -> Fraction | None:
    """The partners' share of A and B assignments over their share of all assignments."""
    top = ("A", "B")
    all_top = sum(t.received[g] for t in tallies.values() for g in top)
    all_any = sum(sum(t.received.values()) for t in tallies.values())
    partners = [t for r, t in tallies.items() if r != DIRECT]
    partner_top = sum(t.received[g] for t in partners for g in top)
    partner_any = sum(sum(t.received.values()) for t in partners)
    top_share = ratio(partner_top, all_top)
    any_share = ratio(partner_any, all_any)
    if top_share is None or any_share is None:
        return None
    return ratio(top_share, any_share)
