"""What a routing run and the lead board read: a snapshot of leads, partners and assignments.

Plain frozen values, so the rules run (and are tested) without a database, and a service reads
the world in a few set-based queries before handing it over. Recipients are named as the user
reads them: a partner by its Partner ID, the direct team as ``Direct``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Registration:
    """An approved claim live on the routing day on an account the lead certainly matches."""

    claimant: str  # a Partner ID or ``Direct``
    claimed_on: date


@dataclass(frozen=True, slots=True)
class RoutingLead:
    """A lead as routing reads it.

    ``status`` is the lead's stored status (``new``, ``assigned``, ``nurture``, …);
    ``nurture_grade`` the grade (``A``..``D`` or ``none``) it had when it was put in nurture.
    ``named_account`` and ``registrations`` are what the certain overlap rules found for its
    company: whether any matched account is a named account, and the approved live claims on them.
    """

    code: str
    created_on: date
    country: str
    grade: str | None
    status: str
    family_id: int | None = None
    family_name: str | None = None
    nurture_grade: str | None = None
    named_account: bool = False
    registrations: tuple[Registration, ...] = ()


@dataclass(frozen=True, slots=True)
class RoutingPartner:
    """A partner as routing reads it: ``territories`` already resolved (the partner's own country
    when it lists none), ``certified`` the product families it holds a valid certification for on
    the routing day, ``weight`` its tier's lead weight under the rules."""

    code: str
    active: bool
    weight: int
    territories: frozenset[str]
    certified: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class PastAssignment:
    """An assignment already stored: who got which lead when, and how it ended.

    ``outcome`` is an ``AssignmentOutcome`` value (``open``, ``accepted``, ``declined``,
    ``expired``, ``converted``, ``lost``); ``accepted_on`` is set once accepted (for ``Direct``,
    the assignment day); ``ended_on`` the day it was declined, expired, converted or lost.
    """

    lead: str
    recipient: str
    assigned_on: date
    outcome: str
    grade: str | None = None
    accepted_on: date | None = None
    ended_on: date | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RoutingWorld:
    """Everything one routing run needs."""

    leads: tuple[RoutingLead, ...]
    partners: tuple[RoutingPartner, ...]
    assignments: tuple[PastAssignment, ...]
