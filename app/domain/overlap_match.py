"""Which accounts are the same company (SPEC.md, "Overlap rules" (a)–(d)), without comparing
every pair.

Accounts are compared through their identity keys (``app.domain.names``): the same company
domain, or the same normalised name in the same country (or where either has no country), is a
*certain* match; a fuzzy name similarity at or above the threshold in the same country is a
*likely* one. Comparing 60,000 accounts pairwise would be 1.8 billion comparisons, so
candidates come from blocks instead: one domain, one name key, or (for likely matches) one
country and the same word initials, which every pair the rule accepts shares.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz import fuzz, process

#: A block of more accounts than this with one domain or name is joined as a chain.
MAX_BLOCK = 60


class Confidence(StrEnum):
    CERTAIN = "certain"
    LIKELY = "likely"


class AccountKey(NamedTuple):
    """What identifies an account: its normalised name, company domain and country."""

    id: int
    name: str
    name_key: str
    domain: str | None
    country: str | None
    website: str | None = None  # as typed, for the report; the rules use ``domain``


class AccountMatch(NamedTuple):
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
    initials_a, words_a = shape(a)
    initials_b, words_b = shape(b)
    if initials_a != initials_b:
        return 0.0
    return fuzz.ratio(words_a, words_b)


@functools.lru_cache(maxsize=1 << 17)  # a scan asks for each account's shape several times
def shape(name_key: str) -> tuple[str, str]:
    """The sorted first letters of the words, and the words sorted: ``("cp", "contoso pharma")``.
    Names with other initials are never alike; sorted words make word order not matter."""
    words = sorted(name_key.split())
    return "".join(w[0] for w in words), " ".join(words)


def candidate_pairs(keys: Iterable[AccountKey]) -> Iterator[tuple[AccountKey, AccountKey]]:
    """Each pair of accounts that shares a company domain, or a name key in the same country
    (or where one has no country): certain pairs by definition. A big block of alike accounts
    is joined as a chain of neighbours, which makes the same group with far fewer pairs."""
    by_domain: dict[str, list[AccountKey]] = defaultdict(list)
    by_name: dict[str, dict[str, list[AccountKey]]] = defaultdict(lambda: defaultdict(list))
    for key in keys:
        if key.domain:
            by_domain[key.domain].append(key)
        if key.name_key:
            by_name[key.name_key][key.country or ""].append(key)
    seen: set[tuple[int, int]] = set()
    for members in by_domain.values():
        if len(members) > 1:
            yield from _pairs(members, seen)
    for countries in by_name.values():
        if len(countries) == 1:
            (members,) = countries.values()
            if len(members) > 1:
                yield from _pairs(members, seen)
            continue
        for members in countries.values():
            yield from _pairs(members, seen)
        unplaced = countries.get("")
        if unplaced:  # no country: the same company as the same name in any country
            for country, members in countries.items():
                if country:
                    yield from _pairs([unplaced[0], members[0]], seen)


def _pairs(
    members: list[AccountKey], seen: set[tuple[int, int]]
) -> Iterator[tuple[AccountKey, AccountKey]]:
    if len(members) > MAX_BLOCK:
        ordered = sorted(members, key=lambda k: k.id)
        candidates: Iterable[tuple[AccountKey, AccountKey]] = pairwise(ordered)
    else:
        candidates = ((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    for a, b in candidates:
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if pair not in seen:
            seen.add(pair)
            yield a, b


def alike_pairs(
    keys: Iterable[AccountKey], threshold: int
) -> Iterator[tuple[AccountKey, AccountKey]]:
    """Each pair of accounts of one country whose names are alike at ``threshold`` or more.

    Only names with the same sorted word initials can be alike (see ``similarity``), so the
    accounts are blocked by country and initials: no pair the rule would accept is missed, and
    a large block is compared in rapidfuzz's C loop rather than pair by pair in Python.
    """
    blocks: dict[tuple[str, str], list[tuple[AccountKey, str]]] = defaultdict(list)
    for key in keys:
        if key.country and key.name_key:
            initials, words = shape(key.name_key)
            blocks[(key.country, initials)].append((key, words))
    ratio = fuzz.ratio
    for members in blocks.values():
        count = len(members)
        if count < 2:
            continue
        if count <= 4:
            for i in range(count - 1):
                key_a, words_a = members[i]
                for key_b, words_b in members[i + 1 :]:
                    if ratio(words_a, words_b, score_cutoff=threshold):
                        yield key_a, key_b
            continue
        names = [name for _, name in members]
        for i in range(count - 1):
            hits = process.extract(
                names[i], names[i + 1 :], scorer=ratio, score_cutoff=threshold, limit=None
            )
            for _, _, j in hits:
                yield members[i][0], members[i + 1 + j][0]


def account_matches(
    keys: Iterable[AccountKey],
    threshold: int,
    dismissed: frozenset[tuple[int, int]] = frozenset(),
) -> list[AccountMatch]:
    """Every pair of distinct accounts that match, except likely matches a person dismissed
    ("not the same company"); pairs are ``(lower id, higher id)``, each once."""
    keys = list(keys)
    found: dict[tuple[int, int], AccountMatch] = {}
    for a, b in (*candidate_pairs(keys), *alike_pairs(keys, threshold)):
        low, high = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if (low, high) in found:
            continue
        match = compare(a, b, threshold)
        if match is None:
            continue
        if match.confidence is Confidence.LIKELY and (match.a, match.b) in dismissed:
            continue
        found[(low, high)] = match
    return list(found.values())
