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
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from itertools import compress
from operator import itemgetter
from typing import Final, Literal, NamedTuple

from rapidfuzz import fuzz

#: A block of more accounts than this that are certainly one company (one domain, or one name
#: in one country) is given as a ``SameCompany`` rather than as every pair of its accounts.
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


#: An account as the matching reads it: an ``AccountKey``, or the same six values in a plain
#: tuple, as the overlap scan reads 60,000 of them from the database. Plain tuples of plain
#: values cost the garbage collector nothing; as many named tuples cost it a third of a scan.
AccountRow = tuple[int, str, str, str | None, str | None, str | None]


# Where an AccountRow keeps what the rules read.
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


def compare(
    a: AccountRow, b: AccountRow, threshold: int, score: float | None = None
) -> AccountMatch | None:
    """Whether ``a`` and ``b`` are the same company by the rules, with the strongest reason.
    ``score`` is the similarity of their names when already known (see ``alike_pairs``)."""
    if a[0] > b[0]:
        a, b = b, a
    low, high = a[0], b[0]
    if low == high:
        return AccountMatch(low, high, Confidence.CERTAIN, "same account")
    domain = a[_DOMAIN]
    if domain and domain == b[_DOMAIN]:
        return AccountMatch(low, high, Confidence.CERTAIN, f"same domain {domain}")
    name_a, name_b = a[_NAME_KEY], b[_NAME_KEY]
    country_a, country_b = a[_COUNTRY], b[_COUNTRY]
    same_country = country_a == country_b
    if name_a and name_a == name_b and (same_country or not country_a or not country_b):
        return AccountMatch(low, high, Confidence.CERTAIN, "same name")
    if same_country and country_a and name_a and name_b:
        if score is None:
            score = similarity(name_a, name_b)
        if score >= threshold:
            return AccountMatch(low, high, Confidence.LIKELY, f"similar name ({round(score)}%)")
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


def candidate_pairs(
    keys: Sequence[AccountRow], companies: list[SameCompany]
) -> Iterator[tuple[AccountRow, AccountRow]]:
    """Each pair of accounts that shares a company domain, or a name key in the same country
    (or where one has no country): certain pairs by definition. A block of more than
    ``MAX_BLOCK`` such accounts goes to ``companies`` instead of giving every pair.

    Most domains and names belong to one account only, so they are counted first (in C) and
    only the accounts that share one are gathered into blocks."""
    seen: set[tuple[int, int]] = set()
    for members in _sharing(keys, _DOMAIN):
        yield from _pairs(members, seen, companies, f"same domain {members[0][_DOMAIN]}")
    for members in _sharing(keys, _NAME_KEY):
        countries: dict[str, list[AccountRow]] = {}
        for key in members:
            countries.setdefault(key[_COUNTRY] or "", []).append(key)
        unplaced = countries.pop("", [])
        if not countries:  # no country given anywhere: one company
            yield from _pairs(unplaced, seen, companies, "same name")
            continue
        for placed in countries.values():
            # The same name in another country is another company; with no country, it is
            # the same company as the name in each country.
            if len(placed) + len(unplaced) > 1:
                yield from _pairs(unplaced + placed, seen, companies, "same name")


def _sharing(keys: Sequence[AccountRow], field: Literal[2, 3]) -> Iterable[list[AccountRow]]:
    """The blocks of two or more accounts with the same non-empty ``field``, in input order.
    The values are counted, and the few accounts that share one picked, by C loops."""
    value = itemgetter(field)
    shared = {v for v, count in Counter(map(value, keys)).items() if count > 1 and v}
    blocks: dict[str | None, list[AccountRow]] = {}
    for key in compress(keys, map(shared.__contains__, map(value, keys))):
        blocks.setdefault(key[field], []).append(key)
    return blocks.values()


def _pairs(
    members: list[AccountRow],
    seen: set[tuple[int, int]],
    companies: list[SameCompany],
    why: str,
) -> Iterator[tuple[AccountRow, AccountRow]]:
    if len(members) > MAX_BLOCK:
        companies.append(SameCompany(tuple(sorted({key[_ID] for key in members})), why))
        return
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            pair = (a[0], b[0]) if a[0] < b[0] else (b[0], a[0])
            if pair not in seen:
                seen.add(pair)
                yield a, b


def alike_pairs(
    keys: Iterable[AccountRow], threshold: int
) -> Iterator[tuple[AccountRow, AccountRow, float]]:
    """Each pair of accounts of one country whose names are alike at ``threshold`` or more,
    with their similarity.

    Only names with the same sorted word initials can be alike (see ``similarity``), so the
    accounts are blocked by country and initials: no pair the rule would accept is missed.
    Inside a block the names go shortest first, and a name is compared only with the names
    short enough to reach the threshold at all: ``fuzz.ratio`` is at most
    ``200 * shorter / (shorter + longer)``, so a longer name stops the comparisons of a
    shorter one.
    """
    placed = [key for key in keys if key[_COUNTRY] and key[_NAME_KEY]]
    blocks: defaultdict[tuple[str | None, str], list[tuple[int, str, AccountRow]]]
    blocks = defaultdict(list)
    for (initials, words), key in zip(map(shape, map(_NAME_OF, placed)), placed, strict=True):
        blocks[key[_COUNTRY], initials].append((len(words), words, key))
    ratio = fuzz.ratio
    reach = 200 - threshold  # longer * threshold > shorter * reach: out of reach
    for members in blocks.values():
        count = len(members)
        if count < 2:
            continue
        members.sort(key=_LENGTH)
        for i in range(count - 1):
            length_a, words_a, key_a = members[i]
            within = length_a * reach
            for length_b, words_b, key_b in members[i + 1 :]:
                if length_b * threshold > within:
                    break
                score = ratio(words_a, words_b, score_cutoff=threshold)
                if score >= threshold:
                    yield key_a, key_b, score


_NAME_OF = itemgetter(_NAME_KEY)
_LENGTH = itemgetter(0)


def company_matches(
    keys: Iterable[AccountRow],
    threshold: int,
    dismissed: frozenset[tuple[int, int]] = frozenset(),
    alike: Iterable[tuple[int, int, float]] | None = None,
) -> CompanyMatches:
    """Every pair of distinct accounts that match, except likely matches a person dismissed
    ("not the same company"), pairs as ``(lower id, higher id)``, each once; and the big blocks
    of accounts that are one company (``SameCompany``), whose pairs are not listed.

    ``alike`` gives the pairs of alike names at ``threshold`` or above when they are known
    already (by account id, with their similarity; pairs of accounts not in ``keys`` are
    ignored); without it the names are compared here (``alike_pairs``).
    """
    keys = list(keys)
    companies: list[SameCompany] = []
    found: dict[tuple[int, int], AccountMatch] = {}
    for a, b in candidate_pairs(keys, companies):
        pair = (a[0], b[0]) if a[0] < b[0] else (b[0], a[0])
        if pair not in found:
            match = compare(a, b, threshold)
            if match is not None and not _dismissed(match, dismissed):
                found[pair] = match
    for a, b, score in alike_pairs(keys, threshold) if alike is None else _known(keys, alike):
        pair = (a[0], b[0]) if a[0] < b[0] else (b[0], a[0])
        if pair in found:
            continue
        match = compare(a, b, threshold, score)
        if match is not None and not _dismissed(match, dismissed):
            found[pair] = match
    return CompanyMatches(list(found.values()), companies)


def _known(
    keys: list[AccountRow], alike: Iterable[tuple[int, int, float]]
) -> Iterator[tuple[AccountRow, AccountRow, float]]:
    """The ``alike`` pairs of which both accounts are among ``keys``, as ``alike_pairs`` gives
    them."""
    row_of = dict(zip(map(_FIRST_OF, keys), keys, strict=True))
    for a, b, score in alike:
        row_a, row_b = row_of.get(a), row_of.get(b)
        if row_a is not None and row_b is not None:
            yield row_a, row_b, score


_FIRST_OF = itemgetter(_ID)


def _dismissed(match: AccountMatch, dismissed: frozenset[tuple[int, int]]) -> bool:
    """A person said these are not the same company; only a likely match can be dismissed."""
    return match.confidence is Confidence.LIKELY and (match.a, match.b) in dismissed
