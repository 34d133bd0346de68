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
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from functools import partial
from itertools import combinations, compress
from operator import itemgetter
from typing import Final, Literal, NamedTuple

from rapidfuzz import fuzz

#: A block of more accounts than this that are certainly one company (one domain, or one name
#: in one country) is given as a ``SameCompany`` rather than as every pair of its accounts.
MAX_BLOCK = 60

SAME_NAME = "same name"


class Confidence(StrEnum):
    CERTAIN = "certain"
    LIKELY = "likely"


# The members as plain names: ``Confidence.LIKELY`` goes through the enum's class attribute
# lookup, 100 ns on Python 3.11, in loops a scan runs tens of thousands of times.
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
        return AccountMatch(low, high, Confidence.CERTAIN, SAME_NAME)
    if same_country and country_a and name_a and name_b:
        if score is None:
            score = similarity(name_a, name_b)
        if score >= threshold:
            return AccountMatch(low, high, Confidence.LIKELY, _similar(score))
    return None


def _similar(score: float) -> str:
    return f"similar name ({round(score)}%)"


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


def _certain_pairs(keys: Sequence[AccountRow]) -> Iterator[tuple[list[AccountRow], str]]:
    """The blocks of accounts that are certainly one company, with why: those sharing a company
    domain, then those sharing a name key in the same country (or where one has no country).

    Most domains and names belong to one account only, so they are counted first (in C) and
    only the accounts that share one are gathered into blocks."""
    for members in _sharing(keys, _DOMAIN):
        yield members, f"same domain {members[0][_DOMAIN]}"
    for members in _sharing(keys, _NAME_KEY):
        if len(members) == 2:  # most shared names: one pair, one company unless two countries
            country_a, country_b = members[0][_COUNTRY], members[1][_COUNTRY]
            if country_a == country_b or not country_a or not country_b:
                yield members, SAME_NAME
            continue
        countries: dict[str, list[AccountRow]] = {}
        for key in members:
            countries.setdefault(key[_COUNTRY] or "", []).append(key)
        unplaced = countries.pop("", [])
        if not countries:  # no country given anywhere: one company
            yield unplaced, SAME_NAME
            continue
        for placed in countries.values():
            # The same name in another country is another company; with no country, it is
            # the same company as the name in each country.
            if len(placed) + len(unplaced) > 1:
                yield unplaced + placed, SAME_NAME


def _sharing(keys: Sequence[AccountRow], field: Literal[2, 3]) -> Iterable[list[AccountRow]]:
    """The blocks of two or more accounts with the same non-empty ``field``, in input order.
    The values are counted, and the few accounts that share one picked, by C loops."""
    value = itemgetter(field)
    counts = Counter(map(value, keys))
    shared = set(compress(counts.keys(), map(_MANY, counts.values())))
    shared.discard(None)
    shared.discard("")
    blocks: dict[str | None, list[AccountRow]] = {}
    for key in compress(keys, map(shared.__contains__, map(value, keys))):
        blocks.setdefault(key[field], []).append(key)
    return blocks.values()


def _add_block(
    members: list[AccountRow],
    why: str,
    found: list[AccountMatch],
    seen: set[tuple[int, int]],
    companies: list[SameCompany],
) -> None:
    """Every pair of a block of one company, each pair once over all blocks; or the block as
    a ``SameCompany`` when it has more than ``MAX_BLOCK`` accounts.

    A pair of a name block that also shares a domain was given by its domain block, unless
    that block was too big to give pairs: then the domain is still its reason, as ``compare``
    says."""
    if len(members) > MAX_BLOCK:
        companies.append(SameCompany(tuple(sorted({key[_ID] for key in members})), why))
        return
    for a, b in combinations(members, 2):
        id_a, id_b = a[_ID], b[_ID]
        pair = (id_a, id_b) if id_a < id_b else (id_b, id_a)
        if pair in seen:
            continue
        seen.add(pair)
        domain = a[_DOMAIN]
        if why == SAME_NAME and domain and domain == b[_DOMAIN]:
            found.append(AccountMatch(*pair, CERTAIN, f"same domain {domain}"))
        else:
            found.append(_MATCH((*pair, CERTAIN, why)))


# tuple.__new__ is what NamedTuple's own __new__ calls, without a Python frame per match.
_MATCH: Final[Callable[[Iterable[object]], AccountMatch]] = partial(tuple.__new__, AccountMatch)


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
_MANY = (1).__lt__  # a count of more than one
_LENGTH = itemgetter(0)


def company_matches(
    keys: Iterable[AccountRow],
    threshold: int,
    dismissed: frozenset[tuple[int, int]] = frozenset(),
    alike: Iterable[tuple[int, int, float]] | None = None,
) -> CompanyMatches:
    """Every pair of distinct accounts that match, except likely matches a person dismissed
    ("not the same company"), pairs as ``(lower id, higher id)``, each once; and the big blocks
    of accounts that are one company (``SameCompany``), whose pairs are not listed. Each match
    is what ``compare`` says of its two accounts.

    ``alike`` gives the pairs of alike names at ``threshold`` or above when they are known
    already (by account id, with their similarity; pairs of accounts not in ``keys`` are
    ignored); without it the names are compared here (``alike_pairs``).

    The certain pairs come from their blocks with their reason known, and an alike pair of
    two accounts of one country with different names and domains is a likely match at its
    score: neither needs ``compare``, which 30,000 pairs of a scan would call in Python.
    """
    keys = list(keys)
    companies: list[SameCompany] = []
    found: list[AccountMatch] = []
    certain: set[tuple[int, int]] = set()
    for members, why in _certain_pairs(keys):
        _add_block(members, why, found, certain, companies)
    said: dict[float, str] = {}  # the words for each score, made once
    for a, b, score in alike_pairs(keys, threshold) if alike is None else _known(keys, alike):
        pair = (a[_ID], b[_ID]) if a[_ID] < b[_ID] else (b[_ID], a[_ID])
        if pair in certain:
            continue
        domain, country, name = a[_DOMAIN], a[_COUNTRY], a[_NAME_KEY]
        plain = (
            score >= threshold
            and country
            and country == b[_COUNTRY]
            and name
            and b[_NAME_KEY]
            and name != b[_NAME_KEY]
            and not (domain and domain == b[_DOMAIN])
        )
        if plain:
            if pair in dismissed:
                continue
            words = said.get(score)
            if words is None:
                words = said[score] = _similar(score)
            found.append(_MATCH((*pair, LIKELY, words)))
            continue
        match = compare(a, b, threshold, score)  # a pair of a big block, or below threshold
        if match is not None and not _dismissed(match, dismissed):
            found.append(match)
    return CompanyMatches(found, companies)


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
    return match.confidence is LIKELY and (match.a, match.b) in dismissed
