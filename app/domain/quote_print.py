"""Everything a printed quote shows besides its figures: letterhead, parties, terms.

``QuoteView`` carries the stored figures; a ``QuoteDocument`` adds what the PDF prints around
them. For an issued revision all of it comes from the revision's snapshot, so reprinting it a year
later gives the same document (and the same bytes); a draft shows today's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from app.domain.enums import QuoteStatus
from app.domain.quote_view import QuoteView

#: Statuses printed with a DRAFT watermark (SPEC.md: until approved or issued, it is a draft).
WATERMARKED = frozenset({QuoteStatus.DRAFT, QuoteStatus.NEEDS_APPROVAL})


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The company that makes the offer."""

    name: str
    address: str = ""
    email: str = ""
    phone: str = ""
    logo_path: str = ""


@dataclass(frozen=True, slots=True)
class PartyBlock:
    """A partner or end customer as printed: a name and the lines under it."""

    title: str
    name: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteDocument:
    view: QuoteView
    company: Letterhead
    partner: PartyBlock
    account: PartyBlock
    terms: str = ""

    @property
    def watermark(self) -> str | None:
        """``"DRAFT"`` on drafts and on quotes that wait for approval, else nothing."""
        return "DRAFT" if self.view.status in WATERMARKED else None

    @property
    def status_label(self) -> str:
        """What the PDF prints as the status: an issued revision says "Issued" for good, so
        sending, accepting or expiring it never changes its PDF (whose hash is kept)."""
        return "Issued" if self.view.frozen else self.view.status.label

    @property
    def created(self) -> datetime:
        """The PDF's fixed creation date: when the revision was issued, else its quote date."""
        if self.view.issued_at is not None:
            issued = self.view.issued_at
            return issued if issued.tzinfo else issued.replace(tzinfo=UTC)
        return datetime.combine(self.view.quote_date, time(0), tzinfo=UTC)
