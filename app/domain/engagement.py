"""Rules of engagement (SPEC.md, "Rules of engagement"): who owns an end customer, by rules a
partner can read.

Three rules live here, each once, for every path that needs them:

- ``claim_warnings``: what a partner claim is told before it is saved (the claim dialog) or
  while it is imported (the import report): the account is a *named account* of the direct
  team, or the direct team was active on it within the cooling-off days before the claim;
- ``suggest_owner``: who should own an overlap group, and by which rule (named account, first
  approved registration, first registration), so a resolution starts from the rule and not from
  whoever asks loudest;
- ``resolution_notice``: the few sentences a channel manager sends the partners involved, so
  the decision reads the same to all of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Final, NamedTuple, Protocol

#: How the direct team is named as a claimant and as an owner.
DIRECT: Final = "Direct"

RULE_NAMED: Final = "named account"
RULE_FIRST_APPROVED: Final = "first approved registration"
RULE_FIRST: Final = "first registration"

#: The warning of a partner claim on an account on the direct team's list.
NAMED_WARNING: Final = "named direct account"


def active_warning(since: date) -> str:
    """The warning of a partner claim made while the direct team was working the account."""
    return f"direct team active since {since.isoformat()}"


def claim_warnings(
    *,
    partner_claim: bool,
    claimed_on: date,
    named: bool,
    direct_days: Iterable[date],
    cooling_off_days: int,
) -> list[str]:
    """The warnings of a claim about to be saved; empty for the direct team's own claims.

    ``named``: an account certainly the same company as the claim's is a named account.
    ``direct_days``: when the direct team registered a claim on such an account, or logged an
    activity on a deal there with a direct rep among its parties. Those within the
    ``cooling_off_days`` before ``claimed_on`` (both ends included) warn, with the latest one.
    A claim that warns is saved pending.
    """
    if not partner_claim:
        return []
    warnings = [NAMED_WARNING] if named else []
    start = claimed_on - timedelta(days=cooling_off_days)
    recent = [day for day in direct_days if start <= day <= claimed_on]
    if recent:
        warnings.append(active_warning(max(recent)))
    return warnings


class Registered(Protocol):
    """A claim as the ownership rule reads it (an overlap scan's ``LiveClaim`` is one)."""

    @property
    def claimant_code(self) -> str: ...  # DIRECT, or the Partner ID (its name without one)

    @property
    def approved(self) -> bool: ...

    @property
    def claimed_on(self) -> date: ...


class Registration(NamedTuple):
    """One claim of an overlap group as the ownership rule reads it."""

    claimant_code: str  # DIRECT, or the partner's Partner ID (its name when it has none)
    approved: bool
    claimed_on: date


class Suggestion(NamedTuple):
    """Who the rules say owns a group's account, and the rule that says so."""

    owner: str
    rule: str


#: The suggestion of every group on a named account.
NAMED_SUGGESTION: Final = Suggestion(DIRECT, RULE_NAMED)


def suggest_owner(claims: Iterable[Registered], named: bool) -> Suggestion:
    """The suggested owner of an overlap group, by the first rule that applies:

    1. an account of the group is a named account: the direct team;
    2. the group has approved claims: the claimant of the earliest approved one;
    3. otherwise the claimant of the earliest claim;

    on one day ``Direct`` first, then by Partner ID as text. The scan asks this of 20,000
    groups as it makes them, so it is one pass over each group's claims as they are, approved
    ones sorting before all others.
    """
    if named:
        return NAMED_SUGGESTION
    best: tuple[bool, date, bool, str] | None = None
    for claim in claims:
        claimant = claim.claimant_code
        key = (not claim.approved, claim.claimed_on, claimant != DIRECT, claimant)
        if best is None or key < best:
            best = key
    if best is None:
        raise ValueError("an overlap group has claims")
    return _suggestion(best[3], RULE_FIRST if best[0] else RULE_FIRST_APPROVED)


#: One suggestion per owner and rule, made once: a scan asks for 20,000 of a few hundred.
_suggestion = functools.lru_cache(maxsize=4096)(Suggestion)


_RULE_WORDS: Final = {
    RULE_NAMED: "it is a named account of our direct team, and named accounts stay with them",
    RULE_FIRST_APPROVED: "{owner} holds the earliest approved registration ({day})",
    RULE_FIRST: "{owner} registered it first ({day})",
}


def rule_sentence(suggestion: Suggestion, owner_name: str, first_day: date | None) -> str:
    """The suggestion as a person reads it: ``Northwind registered it first (2026-11-02)``."""
    day = first_day.isoformat() if first_day else "no date"
    return _RULE_WORDS.get(suggestion.rule, suggestion.rule).format(owner=owner_name, day=day)


def resolution_notice(
    *,
    account: str,
    owner_name: str,
    suggestion: Suggestion,
    suggested_name: str,
    first_day: date | None,
    others: Sequence[str],
    reason: str,
) -> str:
    """The explanation for the partners involved, ready to paste into a mail.

    It says who owns the account, by which rule (or that the decision departs from it, and
    why), and whose registrations end: the same words for everyone, written once.
    """
    lines = [f"{account}: the account belongs to {owner_name}."]
    because = rule_sentence(suggestion, suggested_name, first_day)
    if owner_name == suggested_name:
        lines.append(f"Under our rules of engagement, {because}.")
    else:
        lines.append(
            f"Our rules of engagement suggested {suggested_name} ({because}); we decided otherwise."
        )
    if reason.strip():
        lines.append(f"Reason: {reason.strip()}")
    if others:
        lines.append(
            f"The registration{'s' if len(others) != 1 else ''} of {', '.join(others)} "
            f"{'are' if len(others) != 1 else 'is'} closed as rejected."
        )
    return "\n".join(lines)


def rules_in_words(protection_days: int, cooling_off_days: int) -> list[str]:
    """The rules of engagement as the settings page says them, with today's numbers."""

    def days(n: int) -> str:
        return f"{n} day{'s' if n != 1 else ''}"

    return [
        f"A registration protects the account for {days(protection_days)}: a claim saved or "
        f"imported without a valid-until date is valid until its claimed-on date plus "
        f"{days(protection_days)}.",
        f"When the direct team registered a claim on a company, or logged an activity on a deal "
        f"there with a direct rep, a partner claim on it within the {days(cooling_off_days)} "
        f'after is saved pending, warned "direct team active since DATE".',
        "A named account belongs to the direct team: a partner claim on it is saved pending, "
        'warned "named direct account", and an overlap on it is suggested to Direct.',
        "Otherwise an overlap is suggested to the first approved registration, else to the first "
        "registration (on the same day, Direct first, then by Partner ID).",
    ]
