"""Overlapping claims and their groups (SPEC.md, "Overlap rules"), in plain Python.

Two live claims overlap when different claimants hold them, their validity windows intersect,
and their accounts are the same company (``app.domain.overlap_match``). Overlaps join into groups
transitively: if A overlaps B and B overlaps C, all three are one conflict to resolve. Each group
carries its commission exposure, Σ commission % × deal amount per currency, because that is the
money paid twice if nobody decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from app.domain.money import round_money
from app.domain.overlap_match import AccountKey, AccountMatch, Confidence, account_matches


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


class ClaimOverlap(NamedTuple):
    """Two overlapping claims and why their accounts are taken for one company."""

    a: int
    b: int
    confidence: Confidence
    why: str


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
        return ",".join(str(c) for c in sorted(c.id for c in self.claims))

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.claimant_name for c in self.claims))

    def exposure_sort_key(self) -> tuple[Decimal, str]:
        """Largest exposure first. Currencies are not converted (the app has no rates), so the
        group's largest single-currency exposure stands for it; the key breaks ties."""
        largest = max((amount for _, amount in self.exposure), default=Decimal(0))
        return (-largest, self.key)


def windows_meet(a: LiveClaim, b: LiveClaim) -> bool:
    return a.claimed_on <= b.valid_until and b.claimed_on <= a.valid_until


def claim_overlaps(
    claims: Sequence[LiveClaim], matches: Iterable[AccountMatch]
) -> list[ClaimOverlap]:
    """The overlapping claim pairs: claims on one account, and on accounts that match."""
    by_account: dict[int, list[LiveClaim]] = defaultdict(list)
    for claim in claims:
        by_account[claim.account.id].append(claim)
    found: list[ClaimOverlap] = []
    for members in by_account.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                _add(found, a, b, Confidence.CERTAIN, "same account")
    for match in matches:
        for a in by_account.get(match.a, ()):
            for b in by_account.get(match.b, ()):
                _add(found, a, b, match.confidence, match.why)
    return found


def _add(found: list[ClaimOverlap], a: LiveClaim, b: LiveClaim, c: Confidence, why: str) -> None:
    if a.claimant == b.claimant or not windows_meet(a, b):
        return  # one claimant twice is a renewal; claims never live together do not conflict
    low, high = (a, b) if a.id < b.id else (b, a)
    found.append(ClaimOverlap(low.id, high.id, c, why))


def group_overlaps(
    claims: Sequence[LiveClaim], overlaps: Iterable[ClaimOverlap]
) -> list[OverlapGroup]:
    """The groups, largest exposure first; the same claims give the same groups in any order
    (a group's members and links are sorted inside it, and union-find does not care)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = list(overlaps)
    for link in links:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    by_id = {c.id: c for c in claims}
    members: dict[int, list[LiveClaim]] = defaultdict(list)
    for claim_id in parent:
        members[root(claim_id)].append(by_id[claim_id])
    group_links: dict[int, list[ClaimOverlap]] = defaultdict(list)
    for link in links:
        group_links[root(link.a)].append(link)
    groups = [_group(members[r], group_links[r]) for r in members]
    groups.sort(key=OverlapGroup.exposure_sort_key)
    return groups


def _group(claims: list[LiveClaim], links: list[ClaimOverlap]) -> OverlapGroup:
    pairs: dict[tuple[int, int], ClaimOverlap] = {}
    likely = False
    for link in links:  # one reason per pair: certain before likely, then the plainest words
        known = pairs.get((link.a, link.b))
        if known is None or _better(link, known):
            pairs[(link.a, link.b)] = link
        likely = likely or link.confidence is Confidence.LIKELY
    kept = tuple(pairs[p] for p in sorted(pairs))
    totals: dict[str, Decimal] = {}
    for claim in claims:
        if claim.deal_amount is not None and claim.currency:
            totals[claim.currency] = totals.get(claim.currency, Decimal(0)) + claim.exposure
    exposure = tuple((cur, round_money(totals[cur], cur)) for cur in sorted(totals))
    confidence = Confidence.LIKELY if likely and _needs_likely(claims, kept) else Confidence.CERTAIN
    claims.sort(key=lambda c: (c.claimed_on, c.id))
    return OverlapGroup(tuple(claims), kept, confidence, exposure)


def _better(link: ClaimOverlap, known: ClaimOverlap) -> bool:
    if link.confidence is not known.confidence:
        return link.confidence is Confidence.CERTAIN
    return link.why < known.why


def _needs_likely(claims: list[LiveClaim], links: tuple[ClaimOverlap, ...]) -> bool:
    """Whether the group holds together only through a likely link: certain links alone leave
    it in more than one piece."""
    parent = {c.id: c.id for c in claims}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        if link.confidence is Confidence.CERTAIN:
            parent[max(root(link.a), root(link.b))] = min(root(link.a), root(link.b))
    return len({root(c.id) for c in claims}) > 1


def find_groups(
    claims: Sequence[LiveClaim], threshold: int, dismissed: frozenset[tuple[int, int]] = frozenset()
) -> list[OverlapGroup]:
    """All overlap groups among ``claims`` (already only the live ones)."""
    accounts = {c.account.id: c.account for c in claims}
    matches = account_matches(accounts.values(), threshold, dismissed)
    return group_overlaps(claims, claim_overlaps(claims, matches))
