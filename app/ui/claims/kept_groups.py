"""The overlap groups the Overlaps page keeps between two scans, as bytes.

Why: a scan of 50,000 claims gives some 10,000 groups made of 115,000 named tuples (the claims,
their accounts, the links, the suggestions), and CPython's cycle collector walks every one of
them in each pass, and each pass stops the window too. Kept as the scan gives them, they cost
the window 60-200 ms (two cores, busy) the first times the collector ran after each scan, and
again in every full pass for as long as the page showed them. Made into one flat tuple of
plain values per group they still cost one walk of 600,000 references (30-55 ms), since a new
tuple is walked once before the collector stops tracking it. So each group is kept as the
bytes of that tuple (``pickle``, in this process only, never stored), which the collector
never tracks: 0.2 s more for the scan, on its worker; a group is made again, as the same
``OverlapGroup``, when it is shown, resolved or exported.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from app.domain.engagement import Suggestion
from app.domain.overlap_groups import LiveClaim, OverlapGroup
from app.domain.overlap_links import ClaimOverlap
from app.domain.overlap_match import AccountKey, Confidence

#: A group as kept: one exact tuple of plain values.
Plain = tuple[Any, ...]
#: A claim's values in a kept group: its own, with its account's in place of the account.
_ACCOUNT = len(AccountKey._fields)
_CLAIM = len(LiveClaim._fields) - 1 + _ACCOUNT
_LINK = len(ClaimOverlap._fields)


def _plain(group: OverlapGroup) -> Plain:
    """The group in one flat tuple of plain values: key, confidence, named, suggested owner
    and rule, the exposure's length and pairs, the claims' count and values, then the links'
    values (one tuple, not one per claim, is quicker to write and read back)."""
    owner, rule = group.suggestion if group.suggestion is not None else (None, None)
    values: list[Any] = [group.key, group.confidence.value, group.named, owner, rule]
    values.append(len(group.exposure))
    for currency, amount in group.exposure:
        values += (currency, amount)
    values.append(len(group.claims))
    for claim in group.claims:
        values += (claim.id, *claim.account, *claim[2:])
    for link in group.overlaps:
        values += (link.a, link.b, link.confidence.value, link.why)
    return tuple(values)


def _group(plain: Plain) -> OverlapGroup:
    key, confidence, named, owner, rule, exposures = plain[:6]
    at = 6
    exposure = tuple((plain[at + 2 * n], plain[at + 2 * n + 1]) for n in range(exposures))
    at += 2 * exposures
    count, at = plain[at], at + 1
    claims = []
    for _ in range(count):
        values, at = plain[at : at + _CLAIM], at + _CLAIM
        account = AccountKey(*values[1 : 1 + _ACCOUNT])
        claims.append(LiveClaim(values[0], account, *values[1 + _ACCOUNT :]))
    links = tuple(
        ClaimOverlap(plain[n], plain[n + 1], Confidence(plain[n + 2]), plain[n + 3])
        for n in range(at, len(plain), _LINK)
    )
    return OverlapGroup(
        tuple(claims),
        links,
        Confidence(confidence),
        exposure,
        key,
        Suggestion(owner, rule) if owner is not None else None,
        named,
    )


class KeptGroups(Mapping[str, OverlapGroup]):
    """Groups by key, kept as bytes (see above)."""

    def __init__(self, groups: Iterable[OverlapGroup] = ()) -> None:
        self._kept = {g.key: pickle.dumps(_plain(g), pickle.HIGHEST_PROTOCOL) for g in groups}

    def __getitem__(self, key: str) -> OverlapGroup:
        return _group(pickle.loads(self._kept[key]))  # bytes this process made

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def __iter__(self) -> Iterator[str]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)
