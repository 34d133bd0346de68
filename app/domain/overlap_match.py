"""Which accounts are the same company (SPEC.md, "Overlap rules" (a)–(d)): one rule, and the
blocking that finds its candidates without comparing every pair.

``same_company`` is the rule, and the only place that decides: the overlap scan, the before-save
check of the claim dialog, the group detail and a dismissal all ask it. Two accounts are the
same company when they are one record, share a company domain, or have the same normalised name
in the same country (or either has no country): *certain*; or, in the same country, names
alike at or above the threshold: *likely*.

Comparing 60,000 accounts pairwise would be 1.8 billion comparisons, so ``company_matches``
takes its candidate pairs from blocks instead: one domain, one name key, or (for likely
matches) one country and the same word initials, which every pair the rule accepts shares.
Each candidate pair is then put to ``same_company``.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from itertools import combinations
from typing import Final, NamedTuple

from rapidfuzz import fuzz

from app.domain.name_words import changed_word, comparable_words

#: A block of more accounts than this that are certainly one company (one domain, or one name
#: in one country) is given as a ``SameCompany`` rather than as every pair of its accounts.
MAX_BLOCK = 60

SAME_NAME = "same name"


class Confidence(StrEnum):
    CERTAIN = "certain"
    LIKELY = "likely"


CERTAIN: Final = Confidence.CERTAIN
LIKELY: Final = Confidence.LIKELY


class AccountKey(NamedTuple):
    """What identifies an account: its normalised name, company domain and country."""

    id: int
    name: str
    name_key: str
    domain: str | None
    country: str | None
    website: str | None = None  # as typed, for the report; the rules use ``domain``


#: An account as the rule reads it: an ``AccountKey``, or the same values in a plain tuple (the
#: stored alike names are found from rows that have no display name).
AccountRow = tuple[int, str, str, str | None, str | None, str | None]


# Where an AccountRow keeps what the rule reads.
_ID: Final = 0
_NAME_KEY: Final = 2
_DOMAIN: Final = 3
_COUNTRY: Final = 4


class AccountMatch(NamedTuple):
    """Two accounts taken for the same company, and why (words a person reads)."""

    a: int
    b: int
    confidence: Confidence
    why: str


class SameCompany(NamedTuple):
    """Many accounts that are all certainly one company, and why: a block too big to give as
    pairs (``MAX_BLOCK``). Every claim on one of them meets every claim on another."""

    accounts: tuple[int, ...]
    why: str


class CompanyMatches(NamedTuple):
    """The matches of a scan: pairs of accounts, and the big blocks of one company."""

    pairs: list[AccountMatch]
    companies: list[SameCompany]


def same_company(
    a: AccountRow, b: AccountRow, threshold: int, score: float | None = None
) -> AccountMatch | None:
    """The overlap rule: whether ``a`` and ``b`` are the same company, with the strongest
    reason, lower id first; None when they are not. ``score`` is the similarity of their names
    when already known (``alike_pairs``, or the stored alike names)."""
    if a[_ID] > b[_ID]:
        a, b = b, a
    low, high = a[_ID], b[_ID]
    if low == high:
        return AccountMatch(low, high, CERTAIN, "same account")
    domain = a[_DOMAIN]
    if domain and domain == b[_DOMAIN]:
        return AccountMatch(low, high, CERTAIN, f"same domain {domain}")
    name_a, name_b = a[_NAME_KEY], b[_NAME_KEY]
    country_a, country_b = a[_COUNTRY], b[_COUNTRY]
    same_country = country_a == country_b
    if name_a and name_a == name_b and (same_country or not country_a or not country_b):
        return AccountMatch(low, high, CERTAIN, SAME_NAME)
    if same_country and country_a and name_a and name_b:
        if score is None:
            score = similarity(name_a, name_b)
        if score >= threshold:
            return AccountMatch(low, high, LIKELY, f"similar name ({round(score)}%)")
    return None


def similarity(a: str, b: str) -> float:
    """How alike two name keys are, 0–100, whatever the order of their words.

    Typing slips rarely hit the first letter of a word, while different companies often differ
    exactly there ("Acme Mining" and "Acme Dining" are 91% alike letter by letter). So names
    whose words do not start with the same letters are not alike at all, and neither are names
    that differ in a distinctive word (``app.domain.name_words.changed_word``: "Northern Metro
    Supply" is not "Northern Metric Supply"). Abbreviations are read as their full words first
    ("Intl" as "International").
    """
    initials_a, words_a = shape(a)
    initials_b, words_b = shape(b)
    if initials_a != initials_b:
        return 0.0
    score = fuzz.ratio(words_a, words_b)
    return 0.0 if score and _changed(words_a, words_b) else score


def _changed(words_a: str, words_b: str) -> bool:
    """Whether two shapes' words differ in a distinctive word (see ``similarity``)."""
    return words_a != words_b and changed_word(words_a.split(), words_b.split())


@functools.lru_cache(maxsize=1 << 17)  # a scan asks for each account's shape several times
def shape(name_key: str) -> tuple[str, str]:
    """The sorted first letters of the words, and the words sorted, abbreviations read as their
    full words: ``("cp", "contoso pharmaceuticals")`` for ``contoso pharma``. Names with other
    initials are never alike; sorted words make word order not matter."""
    words = sorted(comparable_words(name_key))
    return "".join(w[0] for w in words), " ".join(words)


def company_matches(
    keys: Iterable[AccountRow],
    threshold: int,
    dismissed: frozenset[tuple[int, int]] = frozenset(),
    alike: Iterable[tuple[int, int, float]] | None = None,
) -> CompanyMatches:
    """Every pair of distinct accounts that ``same_company`` matches, except likely matches a
    person dismissed ("not the same company"), each once as ``(lower id, higher id)``; and the
    big blocks of accounts that are one company (``SameCompany``), whose pairs are not listed.

    The candidates come from blocks (``certain_blocks``, ``alike_pairs``); each candidate pair
    is decided by the rule. ``alike`` gives the pairs of alike names at ``threshold`` or above
    when they are known already (by account id, with their similarity; pairs of accounts not in
    ``keys`` are ignored); without it the names are compared here (``alike_pairs``).
    """
    keys = list(keys)
    companies: list[SameCompany] = []
    # Each candidate pair once, lower id first, with the similarity of its names when known.
    candidates: dict[tuple[int, int], tuple[AccountRow, AccountRow, float | None]] = {}
    for members, why in certain_blocks(keys):
        if len(members) > MAX_BLOCK:
            companies.append(SameCompany(tuple(sorted({key[_ID] for key in members})), why))
            continue
        for a, b in combinations(members, 2):
            pair = (a[_ID], b[_ID]) if a[_ID] < b[_ID] else (b[_ID], a[_ID])
            candidates.setdefault(pair, (a, b, None))
    for a, b, score in alike_pairs(keys, threshold) if alike is None else _known(keys, alike):
        pair = (a[_ID], b[_ID]) if a[_ID] < b[_ID] else (b[_ID], a[_ID])
        candidates.setdefault(pair, (a, b, score))
    found = []
    for a, b, known_score in candidates.values():
        match = same_company(a, b, threshold, known_score)
        if match is not None and not _dismissed(match, dismissed):
            found.append(match)
    return CompanyMatches(found, companies)


def certain_blocks(keys: Sequence[AccountRow]) -> Iterator[tuple[list[AccountRow], str]]:
    """The candidates for certain matches, with why: the accounts sharing a company domain, then
    those sharing a name key.

    A name block is split into what the rule can make one company: the accounts of one country
    with those of no country. A name is shared across countries far more often than within one
    (on the benchmark, 27,000 of the 39,000 pairs of a shared name are in two countries), and
    those pairs are never the same company by name, so they are not put to the rule at all.

    A block or part of up to ``MAX_BLOCK`` accounts is a set of candidates, every pair of which
    the rule decides; a bigger one is given whole as a ``SameCompany``: a domain block, or a
    part, is one company by the rule, and tests/unit/test_company_matches.py holds every pair of
    it to the rule.
    """
    for members in _sharing(keys, _DOMAIN):
        yield members, f"same domain {members[0][_DOMAIN]}"
    for members in _sharing(keys, _NAME_KEY):
        by_country: defaultdict[str, list[AccountRow]] = defaultdict(list)
        unplaced: list[AccountRow] = []
        for key in members:
            country = key[_COUNTRY]
            if country:
                by_country[country].append(key)
            else:
                unplaced.append(key)
        if not by_country:  # no country given anywhere: one company
            yield unplaced, SAME_NAME
            continue
        for placed in by_country.values():
            if len(placed) + len(unplaced) > 1:
                yield unplaced + placed, SAME_NAME


def _sharing(keys: Sequence[AccountRow], field: int) -> list[list[AccountRow]]:
    """The blocks of two or more accounts with the same non-empty ``field``, in input order.
    Most domains and names belong to one account only, so the values are counted first and only
    the accounts that share one are gathered."""
    values = [key[field] for key in keys]
    counts = Counter(values)
    blocks: dict[object, list[AccountRow]] = {}
    for key, value in zip(keys, values, strict=True):
        if value and counts[value] > 1:
            blocks.setdefault(value, []).append(key)
    return list(blocks.values())


def alike_pairs(
    keys: Iterable[AccountRow], threshold: int
) -> Iterator[tuple[AccountRow, AccountRow, float]]:
    """Each pair of accounts of one country whose names are alike at ``threshold`` or more,
    with their similarity: the candidates for likely matches.

    Only names with the same sorted word initials can be alike (see ``similarity``), so the
    accounts are blocked by country and initials: no pair the rule would accept is missed.
    Inside a block the names go shortest first, and a name is compared only with the names
    short enough to reach the threshold at all: ``fuzz.ratio`` is at most
    ``200 * shorter / (shorter + longer)``, so a longer name stops the comparisons of a
    shorter one.
    """
    blocks: defaultdict[tuple[str, str], list[tuple[int, str, AccountRow]]]
    blocks = defaultdict(list)
    for key in keys:
        country, name = key[_COUNTRY], key[_NAME_KEY]
        if country and name:
            initials, words = shape(name)
            blocks[country, initials].append((len(words), words, key))
    reach = 200 - threshold  # longer * threshold > shorter * reach: out of reach
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda member: member[0])
        for i, (length_a, words_a, key_a) in enumerate(members[:-1]):
            within = length_a * reach
            for length_b, words_b, key_b in members[i + 1 :]:
                if length_b * threshold > within:
                    break
                score = fuzz.ratio(words_a, words_b, score_cutoff=threshold)
                if score >= threshold and not _changed(words_a, words_b):
                    yield key_a, key_b, score


def _known(
    keys: list[AccountRow], alike: Iterable[tuple[int, int, float]]
) -> Iterator[tuple[AccountRow, AccountRow, float]]:
    """The ``alike`` pairs of which both accounts are among ``keys``, as ``alike_pairs`` gives
    them."""
    row_of = {key[_ID]: key for key in keys}
    for a, b, score in alike:
        row_a, row_b = row_of.get(a), row_of.get(b)
        if row_a is not None and row_b is not None:
            yield row_a, row_b, score


def _dismissed(match: AccountMatch, dismissed: frozenset[tuple[int, int]]) -> bool:
    """A person said these are not the same company; only a likely match can be dismissed."""
    return match.confidence is LIKELY and (match.a, match.b) in dismissed
