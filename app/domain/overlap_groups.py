"""Overlapping claims and their groups (SPEC.md, "Overlap rules"), in plain Python.

Two live claims overlap when different claimants hold them, their validity windows intersect,
and their accounts are the same company (``app.domain.overlap_match``). Overlaps join into groups
transitively: if A overlaps B and B overlaps C, all three are one conflict to resolve. Each group
carries its commission exposure, Σ commission % × deal amount per currency, because that is the
money paid twice if nobody decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

from app.domain.money import ZERO, round_money
from app.domain.overlap_links import ClaimOverlap, claim_links
from app.domain.overlap_match import AccountKey, Confidence, account_matches


class LiveClaim(NamedTuple):
    """One live claim with what the overlap rules and the report need."""

    id: int
    account: AccountKey
    claimant: str  # "partner:<id>" or "direct": who may not conflict with themselves
    claimant_name: str
    claimed_on: date
    valid_until: date
    deal_amount: Decimal | None
    currency: str | None
    commission_pct: Decimal

    @property
    def exposure(self) -> Decimal:
        """What this claim's commission would cost: commission % × deal amount, exact."""
        if self.deal_amount is None:
            return Decimal(0)
        return self.commission_pct * self.deal_amount / 100


@dataclass(frozen=True, slots=True)
class OverlapGroup:
    """Claims that conflict with each other, directly or through others."""

    claims: tuple[LiveClaim, ...]  # by claim date, then id
    overlaps: tuple[ClaimOverlap, ...]
    confidence: Confidence  # likely when any link of the group is only likely
    exposure: tuple[tuple[str, Decimal], ...]  # per currency, rounded to its minor unit

    @property
    def key(self) -> str:
        """The group's claims as ``12,40,77``: what a resolution names."""
        return ",".join(map(str, sorted([c.id for c in self.claims])))

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.claimant_name for c in self.claims))

    def exposure_sort_key(self) -> tuple[Decimal, str]:
        """Largest exposure first. Currencies are not converted (the app has no rates), so the
        group's largest single-currency exposure stands for it; the key breaks ties."""
        largest = max([amount for _, amount in self.exposure], default=ZERO)
        return (-largest, self.key)


def windows_meet(a: LiveClaim, b: LiveClaim) -> bool:
    return a.claimed_on <= b.valid_until and b.claimed_on <= a.valid_until


def group_overlaps(
    claims: Iterable[LiveClaim], overlaps: Iterable[ClaimOverlap]
) -> list[OverlapGroup]:
    """The groups, largest exposure first; the same claims give the same groups in any order
    (a group's members and links are sorted inside it, and joining groups does not care).

    ``claims`` must hold every claim the overlaps name; others are left out of the groups, so
    the scan passes only the claims it found in overlaps.
    """
    links = list(overlaps)
    members = _join(links)
    by_id = {claim.id: claim for claim in claims}
    group_links: dict[int, list[ClaimOverlap]] = {}
    for link in links:
        group_links.setdefault(id(members[link.a]), []).append(link)
    groups = [
        _group([by_id[claim_id] for claim_id in members[found[0].a]], found)
        for found in group_links.values()
    ]
    groups.sort(key=OverlapGroup.exposure_sort_key)
    return groups


def _join(links: list[ClaimOverlap]) -> dict[int, list[int]]:
    """Each linked claim's group, as the one list of claim ids all its members share.

    Two groups that a link joins become the larger one, extended by the smaller: a claim moves
    at most log₂(n) times, and every group's members are at hand at the end, without the
    repeated root lookups of union-find.
    """
    group_of: dict[int, list[int]] = {}
    for a, b, _, _ in links:
        group_a, group_b = group_of.get(a), group_of.get(b)
        if group_a is None:
            if group_b is None:
                group_of[a] = group_of[b] = [a, b]
            else:
                group_b.append(a)
                group_of[a] = group_b
        elif group_b is None:
            group_a.append(b)
            group_of[b] = group_a
        elif group_a is not group_b:
            if len(group_a) < len(group_b):
                group_a, group_b = group_b, group_a
            group_a.extend(group_b)
            for moved in group_b:
                group_of[moved] = group_a
    return group_of


def _group(claims: list[LiveClaim], links: list[ClaimOverlap]) -> OverlapGroup:
    if len(links) == 1:  # most groups: two claims and the one link between them
        kept: tuple[ClaimOverlap, ...] = (links[0],)
        confidence = links[0].confidence
    else:
        kept = _one_per_pair(links)
        likely = any(link.confidence is Confidence.LIKELY for link in kept)
        certain = not (likely and _needs_likely(claims, kept))
        confidence = Confidence.CERTAIN if certain else Confidence.LIKELY
    totals: dict[str, Decimal] = {}
    for claim in claims:
        currency = claim.currency
        if claim.deal_amount is not None and currency:
            totals[currency] = totals.get(currency, ZERO) + claim.exposure
    exposure = tuple((cur, round_money(totals[cur], cur)) for cur in sorted(totals))
    claims.sort(key=_BY_DATE)
    return OverlapGroup(tuple(claims), kept, confidence, exposure)


_BY_DATE = attrgetter("claimed_on", "id")


def _one_per_pair(links: list[ClaimOverlap]) -> tuple[ClaimOverlap, ...]:
    """One reason per pair of claims, by pair: certain before likely, then the plainest words.
    That is the order of the links themselves (``"certain" < "likely"``), so the first link of
    each pair in sorted order is the one kept."""
    ordered = sorted(links)
    kept = [ordered[0]]
    for link in ordered[1:]:
        last = kept[-1]
        if link.a != last.a or link.b != last.b:
            kept.append(link)
    return tuple(kept)


def _needs_likely(claims: list[LiveClaim], links: tuple[ClaimOverlap, ...]) -> bool:
    """Whether the group holds together only through a likely link: certain links alone leave
    it in more than one piece."""
    pieces = _join([link for link in links if link.confidence is Confidence.CERTAIN])
    return len(next(iter(pieces.values()), ())) < len(claims)


def find_groups(
    claims: Sequence[LiveClaim], threshold: int, dismissed: frozenset[tuple[int, int]] = frozenset()
) -> list[OverlapGroup]:
    """All overlap groups among ``claims`` (already only the live ones)."""
    accounts = {c.account.id: c.account for c in claims}
    matches = account_matches(accounts.values(), threshold, dismissed)
    spans = [(c.id, c.account.id, c.claimant, c.claimed_on, c.valid_until) for c in claims]
    return group_overlaps(claims, claim_links(spans, matches))
