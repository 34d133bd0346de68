"""The lead board on a small world whose every figure is worked out by hand from SPEC.md."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from app.domain.leads.board import build_board, round_rate
from app.domain.leads.rules import LeadRules
from app.domain.leads.world import PastAssignment

D = date(2026, 11, 20)


def ago(days: int) -> date:
    return D - timedelta(days=days)


def a(
    lead: str,
    to: str,
    grade: str | None,
    days_ago: int,
    outcome: str = "open",
    accepted: int | None = None,
    ended: int | None = None,
) -> PastAssignment:
    accepted_on = ago(days_ago) if to == "Direct" else (None if accepted is None else ago(accepted))
    ended_on = None if ended is None else ago(ended)
    return PastAssignment(lead, to, ago(days_ago), outcome, grade, accepted_on, ended_on)


WORLD = (
    a("L1", "Direct", "A", 30, "converted", ended=10),
    a("L2", "Direct", "A", 20, "accepted"),  # accepted 20 days ago: quiet
    a("L3", "Direct", "B", 5, "accepted"),
    a("L4", "P-1", "C", 40, "converted", accepted=39, ended=20),
    a("L5", "P-1", "C", 10, "declined", ended=9),
    a("L6", "P-1", "A", 10),  # deadline D-7 passed: expired though no run expired it
    a("L7", "P-1", None, 30, "accepted", accepted=29),  # quiet
    a("L8", "P-2", "B", 2),  # deadline D+1: open
    a("L9", "P-2", "D", 50, "lost", accepted=49, ended=30),
    a("L5", "P-2", "C", 8, "accepted", accepted=7),  # the recycled lead counts again
    a("L10", "P-2", "A", -1),  # after D: not on the board
    a("L11", "P-3", "B", 3, "converted", accepted=2, ended=-2),  # converted after D: accepted
)


def test_every_figure_of_a_small_board() -> None:
    board = build_board(WORLD, D, LeadRules(), nurture=4, unroutable=2)
    rows = {r.recipient: r for r in board.rows}
    assert [r.recipient for r in board.rows] == ["Direct", "P-1", "P-2", "P-3"]

    direct = rows["Direct"]
    assert dict(direct.received) == {"A": 2, "B": 1, "C": 0, "D": 0, "none": 0, "all": 3}
    assert (direct.accepted, direct.declined, direct.expired) == (3, 0, 0)
    assert (direct.converted, direct.lost, direct.quiet, direct.open) == (1, 0, 1, 2)
    assert direct.quiet_leads == ("L2",)
    assert direct.acceptance_rate == Decimal("1.0000")
    assert direct.conversion_rate == Decimal("0.3333")
    # grade rates: A 1/3, B 0/3, C 1/3, D 0, none 0 → expected 2/3 → index 1/(2/3)
    assert direct.grade_adjusted_index == Decimal("1.5000")

    p1 = rows["P-1"]
    assert dict(p1.received) == {"A": 1, "B": 0, "C": 2, "D": 0, "none": 1, "all": 4}
    assert (p1.accepted, p1.declined, p1.expired) == (2, 1, 1)
    assert (p1.converted, p1.lost, p1.quiet, p1.open) == (1, 0, 1, 1)
    assert p1.acceptance_rate == Decimal("0.5000")
    assert p1.conversion_rate == Decimal("0.2500")
    assert p1.grade_adjusted_index == Decimal("1.0000")  # expected 1/3 + 2/3

    p2 = rows["P-2"]
    assert dict(p2.received) == {"A": 0, "B": 1, "C": 1, "D": 1, "none": 0, "all": 3}
    assert (p2.accepted, p2.declined, p2.expired, p2.converted, p2.lost) == (2, 0, 0, 0, 1)
    assert (p2.quiet, p2.open) == (0, 2)
    assert p2.grade_adjusted_index == Decimal("0.0000")

    p3 = rows["P-3"]
    assert (p3.accepted, p3.converted, p3.open) == (1, 0, 1)
    # B converted nothing anywhere: no expectation, no index
    assert p3.grade_adjusted_index is None

    # partners' share of A and B (L6, L8, L11 of L1, L2, L3, L6, L8, L11) over their share of all
    assert board.grade_skew == round_rate(Fraction(3, 6) / Fraction(8, 11))
    assert board.grade_skew == Decimal("0.6875")
    assert (board.nurture, board.unroutable) == (4, 2)


def test_from_keeps_the_assignments_made_on_or_after_it() -> None:
    board = build_board(WORLD, D, LeadRules(), since=ago(10))
    rows = {r.recipient: r for r in board.rows}
    assert dict(rows["Direct"].received)["all"] == 1
    assert dict(rows["P-1"].received) == {"A": 1, "B": 0, "C": 1, "D": 0, "none": 0, "all": 2}
    # A and B: L3, L6, L8, L11 (partners 3 of 4); all: 6, partners 5 → (3/4)/(5/6)
    assert board.grade_skew == Decimal("0.9000")


def test_direct_always_has_a_row_and_empty_rates_are_null() -> None:
    board = build_board((), D, LeadRules())
    (direct,) = board.rows
    assert direct.recipient == "Direct"
    assert dict(direct.received)["all"] == 0
    assert direct.acceptance_rate is direct.conversion_rate is direct.grade_adjusted_index is None
    assert board.grade_skew is None


def test_rates_round_half_up_once() -> None:
    assert round_rate(Fraction(1, 20000)) == Decimal("0.0001")
    assert round_rate(Fraction(2, 3)) == Decimal("0.6667")
    assert round_rate(Fraction(1, 3)) == Decimal("0.3333")
    assert round_rate(Fraction(12345, 100000000)) == Decimal("0.0001")
    assert str(round_rate(Fraction(1))) == "1.0000"
