"""How well the likely-match rule tells companies apart, on a labelled set of name pairs
(tests/data/name_pairs.csv): the same company written with and without business abbreviations,
typing slips and legal forms, in the languages the product is used in; and different companies
whose names differ in one distinctive word. Both precision and recall must reach 0.97."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.domain.name_words import ABBREVIATIONS
from app.domain.names import domain_key, name_key
from app.domain.overlap_match import AccountKey, company_matches, same_company, similarity
from app.domain.settings import BusinessSettings

PAIRS = Path(__file__).parents[1] / "data" / "name_pairs.csv"
THRESHOLD = BusinessSettings().match_threshold


def _pairs() -> list[tuple[str, str, bool]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return [(row["left"], row["right"], row["same"] == "1") for row in csv.DictReader(handle)]


def _account(id_: int, name: str) -> AccountKey:
    return AccountKey(id_, name, name_key(name), domain_key(None), "DE")


def test_the_labelled_set_is_big_and_balanced_enough_to_measure() -> None:
    pairs = _pairs()
    assert len(pairs) >= 60
    assert sum(same for *_, same in pairs) >= 25 and sum(not same for *_, same in pairs) >= 25


def test_precision_and_recall_on_the_labelled_name_pairs() -> None:
    true_pos = false_pos = false_neg = 0
    wrong = []
    for left, right, same in _pairs():
        found = same_company(_account(1, left), _account(2, right), THRESHOLD) is not None
        true_pos += found and same
        false_pos += found and not same
        false_neg += same and not found
        if found != same:
            wrong.append((left, right, same))
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= 0.97 and recall >= 0.97, (precision, recall, wrong)


def test_blocking_proposes_every_labelled_pair_the_rule_accepts() -> None:
    """Abbreviations land in the same block as their full words: the scan finds what the rule
    accepts."""
    for left, right, _ in _pairs():
        keys = [_account(1, left), _account(2, right)]
        accepted = same_company(keys[0], keys[1], THRESHOLD) is not None
        assert bool(company_matches(keys, THRESHOLD).pairs) == accepted, (left, right)


def test_every_abbreviation_starts_as_its_full_word_does() -> None:
    """The candidate blocks are keyed by word initials, which must not change when a word is
    written short."""
    assert all(short[0] == full[0] for short, full in ABBREVIATIONS.items())


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Northern Metro Supply", "Northern Metric Supply"),
        ("Silverlake Partners", "Silverlane Partners"),
    ],
)
def test_one_changed_distinctive_word_makes_names_unalike(left: str, right: str) -> None:
    assert similarity(name_key(left), name_key(right)) == 0.0


def test_a_changed_generic_word_is_weighed_by_the_whole_name() -> None:
    """Generic words are not who a company is: their change lowers the score but does not
    decide it."""
    assert similarity(name_key("Halvorsen Solution"), name_key("Halvorsen Solutions")) > 90
    assert 0 < similarity(name_key("Ashgrove Sys"), name_key("Ashgrove Supplies")) < THRESHOLD
