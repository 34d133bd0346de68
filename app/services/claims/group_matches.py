"""One overlap group taken apart for the detail pane: its claims and each match between them.

The page explains a group match by match ("Northwind's Contoso Ltd and Fabrikam's Contoso UK
Holdings: same web domain contoso.com") so the person resolving it sees why the claims were put
together, and can say "not the same company" about exactly one likely match.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.domain.columns import Column
from app.domain.engagement import Suggestion
from app.domain.overlap_groups import OverlapGroup
from app.domain.overlap_match import Confidence
from app.services.claims.overlap_rows import (
    CLAIM_COLUMNS,
    OverlapClaimRow,
    claim_rows,
    exposure_text,
)


@dataclass(frozen=True, slots=True)
class MatchRow:
    """Two claims of a group and why their accounts are taken for one company."""

    first: str
    second: str
    confidence: str
    why: str
    claim_a: int
    claim_b: int
    account_a: int
    account_b: int

    @property
    def same_account(self) -> bool:
        """Both claims are on one account record: there is no pair of companies to tell apart."""
        return self.account_a == self.account_b


MATCH_COLUMNS: tuple[Column[MatchRow], ...] = (
    Column("confidence", "Match", lambda r: r.confidence.capitalize(), width=8),
    Column("first", "Claim", lambda r: r.first, width=34),
    Column("second", "Overlaps with", lambda r: r.second, width=34),
    Column("why", "Why", lambda r: r.why, width=36),
)

#: The claims of one group: the group number says nothing inside the detail pane, and the
#: matches table below says why.
_NARROWER = {"claimant": 18, "account": 22, "deal_amount": 14}
DETAIL_CLAIM_COLUMNS: tuple[Column[OverlapClaimRow], ...] = tuple(
    replace(c, width=_NARROWER.get(c.key, c.width))
    for c in CLAIM_COLUMNS
    if c.key not in {"group", "confidence", "currency", "why"}
)


def detail_claim_rows(group: OverlapGroup) -> list[OverlapClaimRow]:
    return claim_rows([group])


def match_rows(group: OverlapGroup) -> list[MatchRow]:
    """Every match of the group, certain ones first."""
    claims = {c.id: c for c in group.claims}

    def label(claim_id: int) -> str:
        claim = claims[claim_id]
        return f"{claim.claimant_name} — {claim.account.name} (claim {claim.id})"

    rows = [
        MatchRow(
            first=label(o.a),
            second=label(o.b),
            confidence=o.confidence.value,
            why=o.why,
            claim_a=o.a,
            claim_b=o.b,
            account_a=claims[o.a].account.id,
            account_b=claims[o.b].account.id,
        )
        for o in group.overlaps
    ]
    return sorted(
        rows, key=lambda r: (r.confidence != Confidence.CERTAIN.value, r.claim_a, r.claim_b)
    )


def explain(group: OverlapGroup) -> str:
    """One sentence above the detail tables: who, how sure, and what is at stake."""
    who = ", ".join(group.claimants)
    if not group.overlaps:  # partner claims on a named account, and nobody else's
        many = len(group.claims) != 1
        start = (
            f"{len(group.claims)} live claim{'s' if many else ''} by {who} on a named account "
            "of the direct team."
        )
    else:
        sure = "certainly" if group.confidence is Confidence.CERTAIN else "probably"
        start = f"{len(group.claims)} live claims by {who} are {sure} on one company."
    text = f"{start} Commission at stake if nobody decides: {exposure_text(group.exposure)}."
    if group.suggestion is not None:
        text += f" Suggested owner: {group.owner_name()}, by {group.suggestion.rule}."
    return text


@dataclass(frozen=True, slots=True)
class ResolveAdvice:
    """What the rules of engagement say about a group, for the person resolving it."""

    suggestion: Suggestion
    suggested_name: str  # as a person reads it: ``Northwind Traders (P-10001)``
    first_day: date | None  # the registration that made the suggestion
    suggested_claim: int | None  # the claim to preselect; None: the direct team without one
    direct_choice: bool  # the direct team may own the group's named account without a claim


def resolve_advice(group: OverlapGroup) -> ResolveAdvice | None:
    suggestion = group.suggestion
    if suggestion is None:
        return None
    since = group.suggested_since()
    picked = [
        c.id
        for c in group.claims
        if c.claimant_code == suggestion.owner and (since is None or c.claimed_on == since)
    ]
    return ResolveAdvice(
        suggestion=suggestion,
        suggested_name=group.owner_name() or suggestion.owner,
        first_day=since,
        suggested_claim=min(picked, default=None),
        direct_choice=group.named and not group.direct_holds_claim(),
    )
