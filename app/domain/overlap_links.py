"""Which live claims overlap (SPEC.md, "Overlap rules"), from the few facts the rule needs.

Two live claims overlap when different claimants hold them, their validity windows intersect,
and their accounts are one record or match (``app.domain.overlap_match``). The scan asks this of
every live claim, 76,000 of them on the benchmark, a third of which are in no overlap; so a
claim comes in as a plain tuple of five values (a ``ClaimSpan``), and only the claims found in
an overlap are made into full ``LiveClaim`` rows afterwards.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from datetime import date
from typing import NamedTuple, TypeVar

from app.domain.overlap_match import CERTAIN, AccountMatch, Confidence, SameCompany

#: A day as the rule compares it: a ``date``, or the ISO text SQLite keeps (``2026-11-23``),
#: which sorts the same way; one scan never mixes the two.
Day = TypeVar("Day", date, str)

#: One live claim as the rule sees it: (claim id, account id, claimant, claimed on, valid until),
#: possibly followed by more values the rule ignores (the scan passes its database rows as
#: they come). The claimant is anything equal for one claimant only (a partner id, or one value
#: for the direct team).
ClaimSpan = tuple[int, int, Hashable, Day, Day]

SAME_ACCOUNT = "same account"


class ClaimOverlap(NamedTuple):
    """Two overlapping claims and why their accounts are taken for one company."""

    a: int
    b: int
    confidence: Confidence
    why: str


def claim_links(
    spans: Sequence[ClaimSpan[Day]],
    matches: Iterable[AccountMatch],
    companies: Iterable[SameCompany] = (),
) -> list[ClaimOverlap]:
    """The overlapping claim pairs, each once, lower claim id first: claims on one account,
    claims on two accounts that match (with the match's confidence and reason), and claims on
    two accounts of one big block of one company (``SameCompany``).

    Each account's claims are chained through ``after`` (the position of the account's next
    claim, -1 at the end) from ``latest`` (its last claim): one list of positions for all the
    claims, where a list per account would be 60,000 lists for mostly one claim each.
    """
    latest: dict[int, int] = {}
    after = [-1] * len(spans)
    for index, span in enumerate(spans):
        after[index] = latest.get(span[1], -1)
        latest[span[1]] = index
    found: list[ClaimOverlap] = []
    for i in latest.values():
        while after[i] >= 0:  # every later pair on the same account
            a = spans[i]
            j = i = after[i]
            while j >= 0:
                _link(found, a, spans[j], CERTAIN, SAME_ACCOUNT)
                j = after[j]
    for account_a, account_b, confidence, why in matches:
        i = latest.get(account_a, -1)
        first_b = latest.get(account_b, -1)
        while i >= 0 and first_b >= 0:
            a = spans[i]
            j = first_b
            while j >= 0:
                _link(found, a, spans[j], confidence, why)
                j = after[j]
            i = after[i]
    companies = list(companies)
    if companies:
        known = {(link.a, link.b) for link in found}
        for company in companies:
            _company_links(found, known, spans, company, latest, after)
    return found


def _company_links(
    found: list[ClaimOverlap],
    known: set[tuple[int, int]],
    spans: Sequence[ClaimSpan[Day]],
    company: SameCompany,
    latest: dict[int, int],
    after: list[int],
) -> None:
    """The overlapping pairs of claims on two accounts of ``company``, each pair once even if
    a pair match gave it already (``known``). By claim date, each claim meets the claims still
    valid when it begins, so the work follows the pairs found, not every pair of claims."""
    claims = []
    for account in company.accounts:
        i = latest.get(account, -1)
        while i >= 0:
            claims.append(spans[i])
            i = after[i]
    claims.sort(key=lambda claim: claim[3])  # by first day
    open_claims: list[ClaimSpan[Day]] = []
    for claim in claims:
        open_claims = [o for o in open_claims if o[4] >= claim[3]]
        for other in open_claims:
            if other[1] == claim[1] or other[2] == claim[2]:
                continue  # one account (linked above), or one claimant renewing
            pair: tuple[int, int] = (
                (other[0], claim[0]) if other[0] < claim[0] else (claim[0], other[0])
            )
            if pair not in known:
                known.add(pair)
                found.append(ClaimOverlap(*pair, CERTAIN, company.why))
        open_claims.append(claim)


def _link(
    found: list[ClaimOverlap],
    a: ClaimSpan[Day],
    b: ClaimSpan[Day],
    confidence: Confidence,
    why: str,
) -> None:
    if a[2] == b[2] or a[3] > b[4] or b[3] > a[4]:
        return  # one claimant twice is a renewal; claims never live together do not conflict
    if a[0] < b[0]:
        found.append(ClaimOverlap(a[0], b[0], confidence, why))
    else:
        found.append(ClaimOverlap(b[0], a[0], confidence, why))
