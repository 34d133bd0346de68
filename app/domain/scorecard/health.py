"""A partner's health score: a few rules, written as data, read from its scorecard figures.

Each rule measures one figure (``HealthFigures``), says whether higher or lower is better, and
gives its points in steps: the first step whose bound the figure meets gives that share of the
points (the best step first, all points; a weaker step, part of them; no step met, none). The
score runs from 0 to 100 and is the sum of the rules' contributions, so a tooltip can show each
rule's part and the sentence that explains it.

**A figure that does not exist** (None: no lead received, nothing spent, no product family
sold, nobody certified, no live claim) counts neither for nor against: that rule is set aside and
the 100 points are shared among the rules that remain, in proportion to their points (whole
points, the remainder going to the largest fractions, ties to the earlier rule). With no figure
at all there is no score (None). Contributions are whole points, rounded half up, so they add
up to the score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction

#: The score of a partner whose every rule is met.
FULL = 100


class Better(Enum):
    """Which way a figure improves."""

    HIGHER = "higher"
    LOWER = "lower"


class Unit(Enum):
    """How a figure is written in a sentence."""

    RATE = "rate"  # a share, 0.85 → 85%
    INDEX = "index"  # 1.1200, to four places as every report writes it
    RATIO = "ratio"  # 3.2000, likewise
    COUNT = "count"  # 2
    DAYS = "days"  # 45 days


@dataclass(frozen=True)
class Step:
    """Meeting ``bound`` (at least it, or at most it when lower is better) earns ``share`` of
    the rule's points."""

    bound: Decimal
    share: Decimal


@dataclass(frozen=True)
class HealthRule:
    """One rule of the health score. ``figure`` names the ``HealthFigures`` field it reads;
    ``steps`` run from the best (share 1) to the weakest."""

    figure: str
    name: str
    measures: str
    better: Better
    unit: Unit
    steps: tuple[Step, ...]
    points: int
    explains: str


@dataclass(frozen=True)
class HealthFigures:
    """What the health score reads, None where the figure does not exist.

    ``lead_acceptance``: share of the leads received that were accepted (0–1), None when none
    was received; ``grade_index``: the lead board's grade-adjusted index, None when no lead was
    received; ``families_uncovered``: product families it sells (its deals' families) with no
    certified person, None when it sells none; ``expiring_unreplaced``: certifications expiring
    next quarter with no other valid one for the same family beyond it, None when nobody is
    certified; ``return_ratio``: won revenue ÷ program spend over the period, None when nothing
    was spent; ``oldest_overlap_days``: days the oldest open overlap involving it has waited,
    0 when none is open, None when it holds no live claim (nothing could overlap). A partner
    that has done nothing yet therefore has no score rather than a perfect one.
    """

    lead_acceptance: Decimal | None = None
    grade_index: Decimal | None = None
    families_uncovered: int | None = None
    expiring_unreplaced: int | None = None
    return_ratio: Decimal | None = None
    oldest_overlap_days: int | None = None


def _d(text: str) -> Decimal:
    return Decimal(text)


#: The rules, in the order a tooltip lists them; their points add up to 100.
HEALTH_RULES: tuple[HealthRule, ...] = (
    HealthRule(
        "lead_acceptance",
        "Lead acceptance",
        "share of the leads received that the partner accepted",
        Better.HIGHER,
        Unit.RATE,
        (Step(_d("0.8"), _d("1")), Step(_d("0.6"), _d("0.5"))),
        20,
        "A partner should accept at least 80% of the leads it receives (half the points from 60%).",
    ),
    HealthRule(
        "grade_index",
        "Grade-adjusted lead index",
        "leads converted against those the grades of its leads would convert",
        Better.HIGHER,
        Unit.INDEX,
        (Step(_d("1"), _d("1")), Step(_d("0.8"), _d("0.5"))),
        15,
        "The grade-adjusted index should be at least 1 (half the points from 0.8).",
    ),
    HealthRule(
        "families_uncovered",
        "Certified per family sold",
        "product families it sells with nobody certified",
        Better.LOWER,
        Unit.COUNT,
        (Step(_d("0"), _d("1")),),
        20,
        "Every product family the partner sells needs at least one certified person.",
    ),
    HealthRule(
        "expiring_unreplaced",
        "Certifications renewed",
        "certifications expiring next quarter without a replacement",
        Better.LOWER,
        Unit.COUNT,
        (Step(_d("0"), _d("1")),),
        15,
        "No certification should expire next quarter without another valid one beyond it.",
    ),
    HealthRule(
        "return_ratio",
        "Program return",
        "won revenue for each unit of program spend",
        Better.HIGHER,
        Unit.RATIO,
        (Step(_d("3"), _d("1")), Step(_d("1"), _d("0.5"))),
        15,
        "Won revenue should be at least 3 times the program spend (half the points from 1).",
    ),
    HealthRule(
        "oldest_overlap_days",
        "Overlaps settled",
        "days the oldest open overlap involving the partner has waited",
        Better.LOWER,
        Unit.DAYS,
        (Step(_d("30"), _d("1")), Step(_d("60"), _d("0.5"))),
        15,
        "No open overlap should wait more than 30 days (half the points up to 60).",
    ),
)


@dataclass(frozen=True)
class RuleResult:
    """One rule's part of the score: ``weight`` is what it could give once the missing figures
    are set aside (0 when its own figure is missing), ``contribution`` what it gives."""

    rule: HealthRule
    figure: Decimal | int | None
    weight: int
    contribution: int
    sentence: str


@dataclass(frozen=True)
class HealthScore:
    score: int | None
    results: tuple[RuleResult, ...]

    def tooltip(self) -> str:
        """The score and one line per rule, for a hover text."""
        head = (
            "Health score: not enough figures"
            if self.score is None
            else (f"Health score {self.score} of {FULL}")
        )
        return "\n".join([head, *(result.sentence for result in self.results)])


#: An index or a return ratio is rounded once to this, as the lead board, the Program page and
#: the review pack write it (SPEC), so a figure reads the same wherever it is shown.
REPORTED_PLACES = Decimal("0.0001")


def write_figure(unit: Unit, value: Decimal | int) -> str:
    """``value`` as a sentence, the health panel and the scorecard's figures write it."""
    number = Decimal(value)
    if unit is Unit.RATE:
        return f"{(number * 100).quantize(Decimal(1), ROUND_HALF_UP)}%"
    if unit is Unit.INDEX or unit is Unit.RATIO:
        return f"{number.quantize(REPORTED_PLACES, ROUND_HALF_UP)}"
    if unit is Unit.DAYS:
        return "1 day" if number == 1 else f"{number} days"
    return f"{number}"


def step_share(rule: HealthRule, value: Decimal | int) -> Decimal:
    """The share of its points ``rule`` gives for ``value``: the first step met, else 0."""
    for step in rule.steps:
        met = value >= step.bound if rule.better is Better.HIGHER else value <= step.bound
        if met:
            return step.share
    return Decimal(0)


def _weights(rules: Sequence[HealthRule], present: Sequence[bool]) -> list[int]:
    """The 100 points shared among the present rules in proportion to their points."""
    total = sum(rule.points for rule, here in zip(rules, present, strict=True) if here)
    if total == 0:
        return [0] * len(rules)
    exact = [
        Fraction(rule.points * FULL, total) if here else Fraction(0)
        for rule, here in zip(rules, present, strict=True)
    ]
    whole = [int(value) for value in exact]
    left = FULL - sum(whole)
    order = sorted(
        (i for i, here in enumerate(present) if here),
        key=lambda i: (-(exact[i] - whole[i]), i),
    )
    for i in order[:left]:
        whole[i] += 1
    return whole


def health_score(figures: HealthFigures, rules: Sequence[HealthRule] = HEALTH_RULES) -> HealthScore:
    """The score of ``figures`` under ``rules``, each rule's contribution and sentence."""
    values: list[Decimal | int | None] = [getattr(figures, rule.figure) for rule in rules]
    weights = _weights(rules, [value is not None for value in values])
    results: list[RuleResult] = []
    for rule, value, weight in zip(rules, values, weights, strict=True):
        if value is None:
            results.append(
                RuleResult(
                    rule, None, 0, 0, f"{rule.name}: no figure, not counted. {rule.explains}"
                )
            )
            continue
        share = step_share(rule, value)
        contribution = int((weight * share).quantize(Decimal(1), ROUND_HALF_UP))
        sentence = (
            f"{rule.name}: {write_figure(rule.unit, value)}, {contribution} of {weight} points. "
            f"{rule.explains}"
        )
        results.append(RuleResult(rule, value, weight, contribution, sentence))
    score = (
        None
        if all(value is None for value in values)
        else sum(result.contribution for result in results)
    )
    return HealthScore(score, tuple(results))
