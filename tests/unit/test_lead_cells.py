"""A lead's cells and the reasons after routing, read one way for every path."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import InputError
from app.domain.importing.values import BadValue
from app.domain.lead_actions import (
    DECLINE_REASONS,
    LOSE_REASONS,
    acceptance_deadline,
    parse_reason,
)
from app.domain.lead_form import grade_cell, lead_parsers


@pytest.mark.parametrize(
    ("cell", "grade"), [("A", "A"), (" b ", "B"), ("none", None), ("NONE", None), ("", None),
                        (None, None), ("d", "D")]
)  # fmt: skip
def test_a_grade_is_a_to_d_or_none(cell: object, grade: object) -> None:
    assert grade_cell(cell) == grade


@pytest.mark.parametrize("cell", ["E", "AB", "1", 1.0, "hot"])
def test_any_other_grade_is_refused_with_the_choices(cell: object) -> None:
    with pytest.raises(BadValue, match="A, B, C, D, none or leave it empty"):
        grade_cell(cell)


def test_a_lead_id_longer_than_its_column_is_refused() -> None:
    with pytest.raises(BadValue, match="longer than 40"):
        lead_parsers()["lead_code"]("L" * 41)


@pytest.mark.parametrize(("typed", "reason"), [("Capacity", "capacity"), (" SPAM ", "spam")])
def test_a_decline_reason_is_read_in_any_case(typed: str, reason: str) -> None:
    assert parse_reason(typed, DECLINE_REASONS, "decline") == reason


@pytest.mark.parametrize("typed", ["no_budget", "No-Budget", "no  budget"])
def test_a_lose_reason_of_two_words_is_read_however_joined(typed: str) -> None:
    assert parse_reason(typed, LOSE_REASONS, "lose") == "no budget"


def test_a_wrong_or_missing_reason_lists_the_right_ones() -> None:
    with pytest.raises(InputError, match="'bored' is not a decline reason: use one of territory"):
        parse_reason("bored", DECLINE_REASONS, "decline")
    with pytest.raises(InputError, match="needs a reason: one of no budget"):
        parse_reason(None, LOSE_REASONS, "lose")


def test_the_deadline_is_assigned_on_plus_acceptance_days() -> None:
    assert acceptance_deadline(date(2026, 11, 1), 3) == date(2026, 11, 4)
