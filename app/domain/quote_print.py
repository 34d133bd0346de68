"""Everything a printed quote shows besides its figures: letterhead, parties, terms.

``QuoteView`` carries the stored figures; a ``QuoteDocument`` adds what the PDF prints around
them. For an issued revision all of it comes from the revision's snapshot, so reprinting it a year
later gives the same document (and the same bytes); a draft shows today's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from decimal import Decimal

from app.domain.enums import QuoteStatus
from app.domain.money import percent_number
from app.domain.pricing import PricedLine
from app.domain.quote_view import QuoteView

#: Statuses printed with a DRAFT watermark (SPEC.md: until approved or issued, it is a draft).
WATERMARKED = frozenset({QuoteStatus.DRAFT, QuoteStatus.NEEDS_APPROVAL})


#: The short names a printed line gives its discounts, in the order they apply, and what each
#: means: the legend under the table spells out the ones the quote uses.
DISCOUNT_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("tier", "partner tier"),
    ("reg.", "deal registration"),
    ("vol.", "volume"),
    ("spec.", "special discount"),
)


def discount_parts(line: PricedLine) -> tuple[str, ...]:
    """The line's discounts that apply, each whole: ``("tier 10%", "vol. 5%")``."""
    percents = (line.tier_pct, line.reg_pct, line.volume_pct, line.special_pct)
    return tuple(
        f"{short} {percent_number(pct)}%"
        for (short, _meaning), pct in zip(DISCOUNT_ABBREVIATIONS, percents, strict=True)
        if pct != 0
    )


def discount_legend(lines: tuple[PricedLine, ...]) -> str:
    """What the abbreviations the quote prints mean, in one sentence; empty when no line has a
    discount."""
    used = {part.split(" ")[0] for line in lines for part in discount_parts(line)}
    meanings = [
        f"{short} = {meaning}" for short, meaning in DISCOUNT_ABBREVIATIONS if short in used
    ]
    if not meanings:
        return ""
    return "Discounts, applied one after the other to the list price: " + "; ".join(meanings) + "."


def discount_as_read(discount: Decimal) -> Decimal:
    """The quote's discount as a customer reads it beside the other totals: money taken off,
    so negative (the PDF, ``quote show`` and the editor all print it this way)."""
    return -discount if discount else discount


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The company that makes the offer."""

    name: str
    address: str = ""
    email: str = ""
    phone: str = ""
    logo_path: str = ""
    #: A line under every page (registration, tax number, bank details).
    footer: str = ""

    def footer_lines(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.footer.splitlines() if line.strip())


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
    def created(self) -> datetime:
        """The PDF's fixed creation date: when the revision was issued, else its quote date."""
        if self.view.issued_at is not None:
            issued = self.view.issued_at
            return issued if issued.tzinfo else issued.replace(tzinfo=UTC)
        return datetime.combine(self.view.quote_date, time(0), tzinfo=UTC)
