"""The partner health score: rules as data, whole-point contributions that add up, missing
figures set aside, and a better figure never lowering the score."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.scorecard.health import (
    FULL,
    HEALTH_RULES,
    Better,
    HealthFigures,
    HealthRule,
    health_score,
)

GOOD = HealthFigures(
    lead_acceptance=Decimal("0.9"),
    grade_index=Decimal("1.2"),
    families_uncovered=0,
    expiring_unreplaced=0,
    return_ratio=Decimal("4"),
    oldest_overlap_days=0,
)

rates = st.decimals(min_value=0, max_value=1, places=3)
indexes = st.decimals(min_value=0, max_value=5, places=2)
counts = st.integers(min_value=0, max_value=20)
figures = st.builds(
    HealthFigures,
    lead_acceptance=st.none() | rates,
    grade_index=st.none() | indexes,
    families_uncovered=st.none() | counts,
    expiring_unreplaced=st.none() | counts,
    return_ratio=st.none() | st.decimals(min_value=0, max_value=8, places=2),
    oldest_overlap_days=st.none() | st.integers(min_value=0, max_value=120),
)


def test_rules_points_add_up_to_full_and_every_rule_reads_a_figure() -> None:
    assert sum(rule.points for rule in HEALTH_RULES) == FULL
    assert {rule.figure for rule in HEALTH_RULES} == set(HealthFigures.__dataclass_fields__)


def test_every_rule_met_scores_full() -> None:
    result = health_score(GOOD)
    assert result.score == FULL
    assert [r.contribution for r in result.results] == [20, 15, 20, 15, 15, 15]


def test_hand_checked_partial_score() -> None:
    figures = HealthFigures(
        lead_acceptance=Decimal("0.7"),  # half of 20 → 10
        grade_index=Decimal("0.5"),  # none of 15
        families_uncovered=1,  # none of 20
        expiring_unreplaced=0,  # 15
        return_ratio=Decimal("2"),  # half of 15 → 8 (7.5 half up)
        oldest_overlap_days=45,  # half of 15 → 8
    )
    result = health_score(figures)
    assert [r.contribution for r in result.results] == [10, 0, 0, 15, 8, 8]
    assert result.score == 41
    assert "Lead acceptance: 70%, 10 of 20 points." in result.tooltip()
    assert "Program return: 2.0000, 8 of 15 points." in result.tooltip()
    assert "Overlaps settled: 45 days, 8 of 15 points." in result.tooltip()


def test_missing_figures_count_neither_for_nor_against() -> None:
    """No lead received and nothing spent: the three rules left (20, 15 and 15 points of 50)
    share the 100 points as 40, 30 and 30."""
    figures = replace(GOOD, lead_acceptance=None, grade_index=None, return_ratio=None)
    result = health_score(figures)
    assert result.score == FULL
    assert {r.rule.figure: r.weight for r in result.results} == {
        "lead_acceptance": 0,
        "grade_index": 0,
        "families_uncovered": 40,
        "expiring_unreplaced": 30,
        "return_ratio": 0,
        "oldest_overlap_days": 30,
    }
    assert health_score(replace(figures, families_uncovered=2)).score == 60
    assert "Lead acceptance: no figure, not counted." in result.tooltip()


def test_uneven_shares_go_to_the_largest_remainders() -> None:
    """Only acceptance (20) and expiring (15) present: 57.14 and 42.86 → 57 and 43."""
    figures = HealthFigures(lead_acceptance=Decimal("0.5"), expiring_unreplaced=0)
    result = health_score(figures)
    assert [r.weight for r in result.results] == [57, 0, 0, 43, 0, 0]
    assert result.score == 43


def test_no_figure_at_all_has_no_score() -> None:
    result = health_score(HealthFigures())
    assert result.score is None
    assert result.tooltip().startswith("Health score: not enough figures")


@given(figures)
def test_contributions_add_up_to_the_score(chosen: HealthFigures) -> None:
    result = health_score(chosen)
    if result.score is None:
        assert all(r.figure is None for r in result.results)
        return
    assert result.score == sum(r.contribution for r in result.results)
    assert sum(r.weight for r in result.results) == FULL
    assert 0 <= result.score <= FULL
    assert all(0 <= r.contribution <= r.weight for r in result.results)


#: A value of each figure, drawn around the rules' bounds.
FIGURE_VALUES: dict[str, st.SearchStrategy[Decimal] | st.SearchStrategy[int]] = {
    "lead_acceptance": rates,
    "grade_index": st.decimals(min_value=0, max_value=2, places=2),
    "families_uncovered": st.integers(min_value=0, max_value=4),
    "expiring_unreplaced": st.integers(min_value=0, max_value=4),
    "return_ratio": st.decimals(min_value=0, max_value=6, places=2),
    "oldest_overlap_days": st.integers(min_value=0, max_value=90),
}


@settings(max_examples=400)
@given(figures, st.sampled_from(HEALTH_RULES), st.data())
def test_a_better_figure_never_lowers_the_score(
    chosen: HealthFigures, rule: HealthRule, data: st.DataObject
) -> None:
    one = data.draw(FIGURE_VALUES[rule.figure])
    other = data.draw(FIGURE_VALUES[rule.figure])
    worse, better = sorted((one, other), reverse=rule.better is Better.LOWER)
    low = health_score(replace(chosen, **{rule.figure: worse}))
    high = health_score(replace(chosen, **{rule.figure: better}))
    assert low.score is not None and high.score is not None
    assert high.score >= low.score


def test_walking_each_figure_from_worst_to_best_never_lowers_the_score() -> None:
    """Every rule's figure stepped across and around each of its bounds, the other figures held,
    in the direction the rule calls better: the score only rises, and reaches the rule's weight."""
    for rule in HEALTH_RULES:
        top = max(step.bound for step in rule.steps) * 2 + 2
        grid = [top * Decimal(n) / 200 for n in range(201)]
        grid += [step.bound + delta for step in rule.steps for delta in (-1, 0, 1)]
        values = sorted({max(Decimal(0), v) for v in grid})
        if rule.better is Better.LOWER:
            values.reverse()
        scores = []
        for value in values:
            figure: Decimal | int = int(value) if value == int(value) else value
            result = health_score(replace(GOOD, **{rule.figure: figure}))
            assert result.score is not None
            scores.append(result.score)
        assert scores == sorted(scores), rule.name
        assert scores[-1] == FULL and scores[0] == FULL - rule.points, rule.name
