"""Every table of Channel Desk; importing this package registers them all on ``Base.metadata``."""

from app.db.base import Base
from app.db.models.accounts import (
    Account,
    AccountAlike,
    AccountUnmatched,
    Claim,
    DirectRep,
    OverlapDismissal,
    OverlapResolution,
)
from app.db.models.audit import AuditEntry
from app.db.models.catalog import Price, Product, ProductFamily, VolumeBreak
from app.db.models.deals import Deal, DealActivity, DealFamily, DealParty
from app.db.models.leads import Lead, LeadAssignment
from app.db.models.partners import Contact, Partner, Tier
from app.db.models.program import (
    FxRate,
    MdfAllocation,
    MdfProof,
    MdfRequest,
    MdfStep,
    RebateThreshold,
    SpendItem,
    SpifRule,
)
from app.db.models.quotes import Quote, QuoteLine, QuoteRevision
from app.db.models.settings import Setting
from app.db.models.training import Course, TrainingRecord

__all__ = [
    "Account",
    "AccountAlike",
    "AccountUnmatched",
    "AuditEntry",
    "Base",
    "Claim",
    "Contact",
    "Course",
    "Deal",
    "DealActivity",
    "DealFamily",
    "DealParty",
    "DirectRep",
    "FxRate",
    "Lead",
    "LeadAssignment",
    "MdfAllocation",
    "MdfProof",
    "MdfRequest",
    "MdfStep",
    "OverlapDismissal",
    "OverlapResolution",
    "Partner",
    "Price",
    "Product",
    "ProductFamily",
    "Quote",
    "QuoteLine",
    "QuoteRevision",
    "RebateThreshold",
    "Setting",
    "SpendItem",
    "SpifRule",
    "Tier",
    "TrainingRecord",
    "VolumeBreak",
]
