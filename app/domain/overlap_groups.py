"""Overlapping claims and their groups (SPEC.md, "Overlap rules"), in plain Python.

Two live claims overlap when different claimants hold them, their validity windows intersect,
and their accounts are the same company (``app.domain.overlap_match``). Overlaps join into groups
transitively: if A overlaps B and B overlaps C, all three are one conflict to resolve. Each group
carries its commission exposure, Σ commission % × deal amount per currency, because that is the
money paid twice if nobody decides.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

from app.domain.engagement import (
    DIRECT,
    NAMED_SUGGESTION,
    RULE_FIRST_APPROVED,
    RULE_NAMED,
    Suggestion,
    suggest_owner,
)
from app.domain.money import HUNDRED, ZERO, round_money
from app.domain.overlap_links import ClaimOverlap, claim_links
from app.domain.overlap_match import CERTAIN, LIKELY, AccountKey, Confidence, company_matches


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
    approved: bool = False  # the ownership rule prefers approved registrations
    claimant_code: str = ""  # "Direct" or the Partner ID (the name when it has none)

    @property
    def exposure(self) -> Decimal:
        """What this claim's commission would cost: commission % × deal amount, exact."""
        if self.deal_amount is None:
            return Decimal(0)
        return self.commission_pct * self.deal_amount / 100


class OverlapGroup(NamedTuple):
    """Claims that conflict with each other, directly or through others.

    A named tuple like the claims and links it holds, so immutable: a scan makes 20,000, and a
    frozen dataclass takes five times longer to make (each field set through
    ``object.__setattr__``).
    """

    claims: tuple[LiveClaim, ...]  # by claim date, then id
    overlaps: tuple[ClaimOverlap, ...]
    confidence: Confidence  # likely when any link of the group is only likely
    exposure: tuple[tuple[str, Decimal], ...]  # per currency, rounded to its minor unit
    key: str  # the claim ids in order, ``12,40,77``: what a resolution names, and sorts by
    suggestion: Suggestion | None = None  # who the rules of engagement say owns the account
    named: bool = False  # an account of the group is on the direct team's named list

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.claimant_name for c in self.claims))

    def owner_name(self) -> str | None:
        """The suggested owner as a person reads it: ``Northwind Traders (P-10001)``."""
        if self.suggestion is None:
            return None
        owner = self.suggestion.owner
        if owner == DIRECT:
            return DIRECT
        for claim in self.claims:
            if claim.claimant_code == owner:
                name = claim.claimant_name
                return name if name == owner else f"{name} ({owner})"
        return owner

    def suggested_since(self) -> date | None:
        """The day of the registration that made the suggested owner: its earliest (approved,
        when the rule asks for one) claim; None for a named account."""
        if self.suggestion is None or self.suggestion.rule == RULE_NAMED:
            return None
        approved = self.suggestion.rule == RULE_FIRST_APPROVED
        days = [
            c.claimed_on
            for c in self.claims
            if c.claimant_code == self.suggestion.owner and (c.approved or not approved)
        ]
        return min(days, default=None)

    def direct_holds_claim(self) -> bool:
        return any(c.claimant_code == DIRECT for c in self.claims)

    def largest_exposure(self) -> Decimal:
        """What the group is sorted by. Currencies are not converted (the app has no rates), so
        its largest single-currency exposure stands for it."""
        exposure = self.exposure
        if len(exposure) == 1:
            return exposure[0][1]
        return max([amount for _, amount in exposure], default=ZERO)


def windows_meet(a: LiveClaim, b: LiveClaim) -> bool:
    return a.claimed_on <= b.valid_until and b.claimed_on <= a.valid_until


def group_overlaps(
    claims: Iterable[LiveClaim],
    overlaps: Iterable[ClaimOverlap],
    on_named: AbstractSet[int] = frozenset(),
) -> list[OverlapGroup]:
    """The groups, largest exposure first; the same claims give the same groups in any order
    (a group's members and links are sorted inside it, and joining groups does not care).
    Each has the owner the rules of engagement suggest, ``on_named`` being the ids of the
    claims on named accounts (``named_claims``).

    ``claims`` must hold every claim the overlaps name; others are left out of the groups, so
    the scan passes only the claims it found in overlaps.
    """
    by_id = {claim.id: claim for claim in claims}
    groups = [
        _pair(piece.links[0], by_id, on_named)
        if len(piece.links) == 1
        else _group(piece, by_id, on_named)
        for piece in _join(overlaps)
    ]
    # Largest exposure first, ties by key: two stable sorts.
    groups.sort(key=_KEY)
    groups.sort(key=OverlapGroup.largest_exposure, reverse=True)
    return groups


_KEY = attrgetter("key")
_CLAIMED_ON = attrgetter("claimed_on")


class _Piece:
    """A group while links join it: its claim ids and its links."""

    __slots__ = ("ids", "links")

    def __init__(self, ids: list[int], links: list[ClaimOverlap]) -> None:
        self.ids = ids
        self.links = links


def _join(links: Iterable[ClaimOverlap]) -> list[_Piece]:
    """The groups the links make, each with its claims and links.

    Two groups that a link joins become the larger one, extended by the smaller: a claim moves
    at most log₂(n) times, and every group's members are at hand at the end, without the
    repeated root lookups of union-find.
    """
    piece_of: dict[int, _Piece] = {}
    made: list[_Piece] = []
    for link in links:
        a, b = link.a, link.b
        piece_a, piece_b = piece_of.get(a), piece_of.get(b)
        if piece_a is None:
            if piece_b is None:  # a new group
                piece_of[a] = piece_of[b] = piece = _Piece([a, b], [link])
                made.append(piece)
                continue
            piece = piece_of[a] = piece_b  # a joins b's group
            piece.ids.append(a)
        elif piece_b is None:  # b joins a's group
            piece = piece_of[b] = piece_a
            piece.ids.append(b)
        else:
            piece = piece_a
            if piece_a is not piece_b:  # two groups become one
                if len(piece_a.ids) < len(piece_b.ids):
                    piece, piece_b = piece_b, piece_a
                piece.ids.extend(piece_b.ids)
                piece.links.extend(piece_b.links)
                for moved in piece_b.ids:
                    piece_of[moved] = piece
        piece.links.append(link)
    return [piece for piece in made if piece_of[piece.ids[0]] is piece]


def _pair(
    link: ClaimOverlap, by_id: dict[int, LiveClaim], on_named: AbstractSet[int]
) -> OverlapGroup:
    """Most groups: two claims and the one link between them, made without sorting: the
    earlier claim leads, or on one day the lower id."""
    a, b = (link.a, link.b) if link.a < link.b else (link.b, link.a)
    first, second = by_id[a], by_id[b]
    if second.claimed_on < first.claimed_on:
        first, second = second, first
    currency = first.currency
    amount, other = first.deal_amount, second.deal_amount
    if currency and currency == second.currency and amount is not None and other is not None:
        total = (first.commission_pct * amount + second.commission_pct * other) / HUNDRED
        exposure: tuple[tuple[str, Decimal], ...] = ((currency, round_money(total, currency)),)
    else:
        exposure = _exposure((first, second))
    named = bool(on_named) and (a in on_named or b in on_named)
    return OverlapGroup(
        (first, second), (link,), link.confidence, exposure, f"{a},{b}",
        suggest_owner((first, second), named), named,
    )  # fmt: skip


def _group(piece: _Piece, by_id: dict[int, LiveClaim], on_named: AbstractSet[int]) -> OverlapGroup:
    """A group of three claims or more. Its claims go by date, one day by id: sorted by id
    first (which its key needs anyway), then by date, a stable sort."""
    ids = sorted(piece.ids)
    members = [by_id[claim_id] for claim_id in ids]
    members.sort(key=_CLAIMED_ON)
    kept = _one_per_pair(piece.links)
    certain = True
    for link in kept:
        if link.confidence is LIKELY:
            certain = not _needs_likely(len(members), kept)
            break
    named = bool(on_named) and not on_named.isdisjoint(ids)
    return OverlapGroup(
        tuple(members),
        kept,
        CERTAIN if certain else LIKELY,
        _exposure(members),
        ",".join(map(str, ids)),
        suggest_owner(members, named),
        named,
    )


def _by_date(claim: LiveClaim) -> tuple[date, int]:
    return claim.claimed_on, claim.id


def _exposure(claims: Iterable[LiveClaim]) -> tuple[tuple[str, Decimal], ...]:
    """Σ commission % × deal amount per currency, rounded once. Each claim's share is exact
    (``LiveClaim.exposure``), so the hundredth is taken of the sum rather than of each share:
    the same amount, with one division per currency."""
    totals: dict[str, Decimal] = {}
    for claim in claims:
        amount, currency = claim.deal_amount, claim.currency
        if amount is not None and currency:
            totals[currency] = totals.get(currency, ZERO) + claim.commission_pct * amount
    if len(totals) == 1:  # most groups
        ((currency, total),) = totals.items()
        return ((currency, round_money(total / HUNDRED, currency)),)
    return tuple([(cur, round_money(totals[cur] / HUNDRED, cur)) for cur in sorted(totals)])


def _one_per_pair(links: list[ClaimOverlap]) -> tuple[ClaimOverlap, ...]:
    """One reason per pair of claims, by pair: certain before likely, then the plainest words.
    That is the order of the links themselves (``"certain" < "likely"``), so the first link of
    each pair in sorted order is the one kept."""
    ordered = sorted(links)
    if len({(link.a, link.b) for link in ordered}) == len(ordered):  # the scan gives each once
        return tuple(ordered)
    kept = [ordered[0]]
    for link in ordered[1:]:
        last = kept[-1]
        if link.a != last.a or link.b != last.b:
            kept.append(link)
    return tuple(kept)


def _needs_likely(claims: int, links: tuple[ClaimOverlap, ...]) -> bool:
    """Whether the group holds together only through a likely link: certain links alone leave
    its ``claims`` in more than one piece."""
    certain = [link for link in links if link.confidence is CERTAIN]
    if len(certain) < claims - 1:  # too few links to join them all: no need to look
        return True
    pieces = _join(certain)
    return len(pieces) != 1 or len(pieces[0].ids) < claims


def find_groups(
    claims: Sequence[LiveClaim],
    threshold: int,
    dismissed: frozenset[tuple[int, int]] = frozenset(),
    named: frozenset[int] = frozenset(),
) -> list[OverlapGroup]:
    """All overlap groups among ``claims`` (already only the live ones)."""
    accounts = {c.account.id: c.account for c in claims}
    matches, companies = company_matches(accounts.values(), threshold, dismissed)
    spans = [(c.id, c.account.id, c.claimant, c.claimed_on, c.valid_until) for c in claims]
    links = claim_links(spans, matches, companies)
    return group_overlaps(claims, links, named_claims(claims, named))


def named_claims(claims: Iterable[LiveClaim], named: AbstractSet[int]) -> set[int]:
    """The ids of the ``claims`` on the ``named`` accounts: a group is on a named account when
    it holds one of them."""
    return {claim.id for claim in claims if claim.account.id in named} if named else set()


def with_lone_named(
    groups: Sequence[OverlapGroup], lone_named: Iterable[LiveClaim] = ()
) -> list[OverlapGroup]:
    """``groups`` and, in their places, the groups of partner claims on named accounts that
    overlap no other claim (``lone_named``): each conflicts with the direct team, which needs
    no claim of its own there, and the direct team is its suggested owner."""
    by_account: dict[int, list[LiveClaim]] = {}
    for claim in lone_named:
        by_account.setdefault(claim.account.id, []).append(claim)
    lone = sorted([_lone_group(claims) for claims in by_account.values()], key=_order)
    # Each into its place among the groups already in order, found by bisection; the groups
    # are then copied once (inserting each into a list of 20,000 moved them all every time).
    done: list[OverlapGroup] = []
    start = 0
    for group in lone:
        place = bisect_right(groups, _order(group), lo=start, key=_order)
        done += groups[start:place]
        done.append(group)
        start = place
    done += groups[start:]
    return done


def _lone_group(claims: list[LiveClaim]) -> OverlapGroup:
    """The group of a named account's partner claims that overlap no other claim."""
    return OverlapGroup(
        tuple(sorted(claims, key=_by_date)), (), CERTAIN, _exposure(claims),
        ",".join(str(c.id) for c in sorted(claims, key=lambda c: c.id)),
        NAMED_SUGGESTION, True,
    )  # fmt: skip


def _order(group: OverlapGroup) -> tuple[Decimal, str]:
    """The order of ``group_overlaps``: largest exposure first, then by key."""
    return -group.largest_exposure(), group.key
