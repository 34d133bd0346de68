"""The fixed vocabularies of SPEC.md, stored as their lower-case values.

Each is a ``StrEnum`` so a value read from the database or a workbook compares equal to its text,
and ``label`` gives the word a person reads.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        """The value as a person reads it: ``msp`` → ``MSP``."""
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, text: str) -> _Labelled | None:
        """Match ``text`` without regard to case and surrounding spaces; ``None`` if unknown."""
        wanted = " ".join(str(text).split()).casefold().replace(" ", "_").replace("-", "_")
        for member in cls:
            if wanted in (member.value, member.label.casefold().replace(" ", "_")):
                return member
        return None


_LABELS = {"msp": "MSP", "si": "SI", "mdf": "MDF", "spif": "SPIF"}


class PartnerType(_Labelled):
    RESELLER = "reseller"
    DISTRIBUTOR = "distributor"
    REFERRAL = "referral"
    MSP = "msp"
    SI = "si"


class PartnerStatus(_Labelled):
    PROSPECT = "prospect"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


class ContactRole(_Labelled):
    SALES = "sales"
    PRESALES = "presales"
    EXECUTIVE = "executive"
    OTHER = "other"


class ClaimStatus(_Labelled):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"


class DealStage(_Labelled):
    REGISTERED = "registered"
    QUALIFIED = "qualified"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    WON = "won"
    LOST = "lost"


class Paper(_Labelled):
    """Whose paper the contract of a joint deal lands on."""

    OURS = "ours"
    PARTNER = "partner"


class PartyRole(_Labelled):
    REGISTERING_PARTNER = "registering_partner"
    FULFILMENT_PARTNER = "fulfilment_partner"
    INFLUENCER = "influencer"
    DIRECT_REP = "direct_rep"


class ActivityKind(_Labelled):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    NOTE = "note"


class QuoteStatus(_Labelled):
    DRAFT = "draft"
    NEEDS_APPROVAL = "needs_approval"
    ISSUED = "issued"
    SENT = "sent"
    ACCEPTED = "accepted"
    EXPIRED = "expired"


class LeadStatus(_Labelled):
    """Where a lead stands (SPEC.md, "Leads and fair distribution")."""

    NEW = "new"
    ASSIGNED = "assigned"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    NURTURE = "nurture"
    UNROUTABLE = "unroutable"
    CONVERTED = "converted"
    LOST = "lost"


class AssignmentOutcome(_Labelled):
    """How one assignment of a lead to a recipient ended, or ``open`` while it has not."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    CONVERTED = "converted"
    LOST = "lost"


class SpendProgram(_Labelled):
    """The partner programs money is spent on (SPEC.md, "Program spend and return")."""

    MDF = "mdf"
    SPIF = "spif"
    REBATE = "rebate"
    TRAINING = "training"
    EVENT = "event"
    OTHER = "other"


class MdfStatus(_Labelled):
    """The steps of a market development funds request, in the order they happen."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    CLAIMED = "claimed"
    CLAIM_APPROVED = "claim_approved"
    PAID = "paid"


class AuditAction(_Labelled):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


DEFAULT_TIERS: tuple[str, ...] = ("Registered", "Silver", "Gold", "Platinum")
