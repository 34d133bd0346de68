"""What may happen to a lead after routing, as rules a person can read (SPEC.md, "Leads and
fair distribution", after routing): the reasons a recipient may give, and the acceptance
deadline.

The command line, the leads page and the services read a reason through ``parse_reason``, so a
reason typed in any case with stray spaces is the same reason everywhere, and a wrong one is
refused with the list of right ones.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.errors import InputError

#: Why a partner declines a lead it was sent.
DECLINE_REASONS: tuple[str, ...] = (
    "territory",
    "quality",
    "capacity",
    "duplicate",
    "spam",
    "other",
)
#: Why an accepted lead came to nothing.
LOSE_REASONS: tuple[str, ...] = ("no budget", "no response", "competitor", "duplicate", "other")


def parse_reason(text: object, reasons: tuple[str, ...], what: str) -> str:
    """The reason of ``reasons`` that ``text`` names (any case, spaces, ``-`` or ``_`` between
    words); ``InputError`` listing them when it names none or is empty."""
    cleaned = " ".join(str(text or "").replace("_", " ").replace("-", " ").split()).casefold()
    if cleaned in reasons:
        return cleaned
    listed = ", ".join(reasons)
    if not cleaned:
        raise InputError(f"A {what} needs a reason: one of {listed}.")
    shown = " ".join(str(text).split())
    raise InputError(f"'{shown}' is not a {what} reason: use one of {listed}.")


def acceptance_deadline(assigned_on: date, acceptance_days: int) -> date:
    """The last day an assignment may be accepted: assigned on + acceptance days."""
    return assigned_on + timedelta(days=acceptance_days)
