"""Which accounts are the same company (SPEC.md, "Overlap rules" (a)–(d)), without comparing
every pair.

Accounts are compared through their identity keys (``app.domain.names``): the same company
domain, or the same normalised name in the same country (or where either has no country), is a
*certain* match; a fuzzy name similarity at or above the threshold in the same country is a
*likely* one. Comparing 60,000 accounts pairwise would be 1.8 billion comparisons, so fuzzy
candidates come from blocks instead: accounts of one country that share a name word or the first
letters of one. A block that holds a very common word ("systems") is too big to say anything and
is skipped; the rarer words of the same names still bring true matches together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from rapidfuzz import fuzz

#: Letters of a word that make a blocking key besides the whole word: "contosso" and "contoso"
#: meet under "cont".
PREFIX = 4
#: A block with more accounts than this is a common word, not evidence; it is not compared.
MAX_BLOCK = 60


class Confidence(StrEnum):
    CERTAIN = "certain"
    LIKELY = "likely"


@dataclass(frozen=True, slots=True)
class AccountKey:
    """What identifies an account: its normalised name, company domain and country."""

    id: int
    name: str
    name_key: str
    domain: str | None
    country: str | None
    website: str | None = None  # as typed, for the report; the rules use ``domain``


@dataclass(frozen=True, slots=True)
class AccountMatch:
    """Two accounts taken for the same company, and why (words a person reads)."""

    a: int
    b: int
    confidence: Confidence
    why: str


def compare(a: AccountKey, b: AccountKey, threshold: int) -> AccountMatch | None:
    """Whether ``a`` and ``b`` are the same company by the rules, with the strongest reason."""
    low, high = (a, b) if a.id <= b.id else (b, a)
    if a.id == b.id:
        return AccountMatch(low.id, high.id, Confidence.CERTAIN, "same account")
    if a.domain and a.domain == b.domain:
        return AccountMatch(low.id, high.id, Confidence.CERTAIN, f"same domain {a.domain}")
    same_country = a.country == b.country
    if a.name_key and a.name_key == b.name_key and (same_country or not a.country or not b.country):
        return AccountMatch(low.id, high.id, Confidence.CERTAIN, "same name")
    if same_country and a.country and a.name_key and b.name_key:
        score = similarity(a.name_key, b.name_key)
        if score >= threshold:
            return AccountMatch(
                low.id, high.id, Confidence.LIKELY, f"similar name ({round(score)}%)"
            )
    return None


def similarity(a: str, b: str) -> float:
    """How alike two name keys are, 0–100, whatever the order of their words.

    Typing slips rarely hit the first letter of a word, while different companies often differ
    exactly there ("Acme Mining" and "Acme Dining" are 91% alike letter by letter). So names
    whose words do not start with the same letters are not alike at all.
    """
    if sorted(w[0] for w in a.split()) != sorted(w[0] for w in b.split()):
        return 0.0
    return fuzz.token_sort_ratio(a, b)


def blocking_keys(key: AccountKey) -> Iterator[tuple[str, ...]]:
    """The blocks an account joins: its domain, its name key, and per country its name words
    and their first letters."""
    if key.domain:
        yield ("domain", key.domain)
    if key.name_key:
        yield ("name", key.name_key)
        if key.country:
            for word in set(key.name_key.split()):
                yield ("word", key.country, word)
                if len(word) > PREFIX:
                    yield ("prefix", key.country, word[:PREFIX])


def candidate_pairs(keys: Iterable[AccountKey]) -> Iterator[tuple[AccountKey, AccountKey]]:
    """Each pair of accounts that shares a block, once. Domain and exact-name blocks are always
    compared whatever their size (they are certain by definition); word blocks only when small."""
    blocks: dict[tuple[str, ...], list[AccountKey]] = defaultdict(list)
    for key in keys:
        for block in blocking_keys(key):
            blocks[block].append(key)
    seen: set[tuple[int, int]] = set()
    for block, members in blocks.items():
        if len(members) < 2:
            continue
        if block[0] in ("word", "prefix") and len(members) > MAX_BLOCK:
            continue
        if block[0] in ("domain", "name") and len(members) > MAX_BLOCK:
            yield from _chain(members, seen)  # all alike: a chain joins them as one group
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair not in seen:
                    seen.add(pair)
                    yield a, b


def _chain(
    members: list[AccountKey], seen: set[tuple[int, int]]
) -> Iterator[tuple[AccountKey, AccountKey]]:
    """For a big block whose members match each other anyway (one domain, or one name per
    country): neighbours only, which joins them into the same group at a fraction of the pairs.
    Accounts without a country match every country's same-named accounts, so the first of them
    is paired with the first of each country."""
    by_country: dict[str | None, list[AccountKey]] = defaultdict(list)
    domain_block = len({m.domain for m in members}) == 1 and members[0].domain is not None
    for member in sorted(members, key=lambda k: k.id):
        by_country[None if domain_block else member.country].append(member)
    pairs: list[tuple[AccountKey, AccountKey]] = []
    for group in by_country.values():
        pairs.extend(pairwise(group))
    unplaced = by_country.get(None)
    if unplaced and not domain_block:
        pairs.extend((unplaced[0], group[0]) for c, group in by_country.items() if c is not None)
    for a, b in pairs:
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if pair not in seen:
            seen.add(pair)
            yield a, b


def account_matches(
    keys: Iterable[AccountKey],
    threshold: int,
    dismissed: frozenset[tuple[int, int]] = frozenset(),
) -> list[AccountMatch]:
    """Every pair of distinct accounts that match, except likely matches a person dismissed
    ("not the same company"); pairs are ``(lower id, higher id)``."""
    found = []
    for a, b in candidate_pairs(keys):
        match = compare(a, b, threshold)
        if match is None:
            continue
        if match.confidence is Confidence.LIKELY and (match.a, match.b) in dismissed:
            continue
        found.append(match)
    return found
