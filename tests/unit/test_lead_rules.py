"""The lead rules: SPEC.md's defaults, the words accepted for grades and routes, tier weights."""

from __future__ import annotations

import pytest

from app.domain.errors import InputError
from app.domain.leads.rules import LeadRules, parse_grade, parse_route


def test_defaults_are_the_specs() -> None:
    rules = LeadRules()
    assert dict(rules.routes) == {
        "A": "partners",
        "B": "partners",
        "C": "partners",
        "D": "nurture",
        "none": "nurture",
    }
    tiers = ("Registered", "Silver", "Gold", "Platinum")
    assert [rules.weight_of(t) for t in tiers] == [1, 2, 3, 4]
    assert (rules.acceptance_days, rules.quiet_days) == (3, 14)
    assert (rules.load_window_days, rules.pause_after_expired) == (90, 3)


def test_a_tier_the_rules_do_not_list_weighs_one_and_case_does_not_matter() -> None:
    rules = LeadRules(tier_weights={"Gold": 0, "Elite": 7})
    assert rules.weight_of("Elite") == 7
    assert rules.weight_of(" elite ") == 7
    assert rules.weight_of("Gold") == 0
    assert rules.weight_of("Silver") == 1
    assert rules.weight_of(None) == 1


def test_routes_named_change_only_those_grades() -> None:
    rules = LeadRules().with_routes({"a": "Direct", "none": " PARTNERS "})
    assert rules.route_of("A") == "direct"
    assert rules.route_of(None) == "partners"
    assert rules.route_of("B") == "partners"
    assert rules.route_of("D") == "nurture"


def test_with_tier_weights_keeps_the_others() -> None:
    rules = LeadRules().with_tier_weights({"Gold": 5})
    assert rules.weight_of("Gold") == 5
    assert rules.weight_of("Platinum") == 4


def test_rules_are_values() -> None:
    assert LeadRules() == LeadRules()
    assert hash(LeadRules()) == hash(LeadRules())
    assert LeadRules(acceptance_days=4) != LeadRules()
    with pytest.raises(TypeError):
        LeadRules().routes["A"] = "direct"  # type: ignore[index]


@pytest.mark.parametrize("text", ["E", "AA", "ungraded", "1"])
def test_unknown_grades_are_refused_with_the_accepted_words(text: str) -> None:
    with pytest.raises(InputError, match="A, B, C, D or none"):
        parse_grade(text)


@pytest.mark.parametrize(("text", "grade"), [("a", "A"), (" D ", "D"), ("None", None), ("", None)])
def test_grades_as_typed(text: str, grade: str | None) -> None:
    assert parse_grade(text) == grade


def test_unknown_route_is_refused() -> None:
    with pytest.raises(InputError, match="direct, partners or nurture"):
        parse_route("black hole")


@pytest.mark.parametrize(
    "kwargs",
    [{"acceptance_days": -1}, {"pause_after_expired": True}, {"tier_weights": {"Gold": -2}}],
)
def test_negative_or_odd_numbers_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(InputError):
        LeadRules(**kwargs)  # type: ignore[arg-type]
