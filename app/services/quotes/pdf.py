"""The quote PDF as a use case: what to print, and the issued PDF kept with its revision.

``quote_document`` gathers everything the PDF shows. An issued revision prints from its snapshot
(company, partner, account, terms as they were when issued), and its first print's bytes are
kept with it (``app.services.quotes.issued_pdf``), so it prints the same for ever; a draft prints
today's data, rendered afresh every time. The renderer itself lives in ``app.io.quote_pdf``
(services and io do not import each other), so the caller passes it in.

Public API (kept stable for the command line, preview, print and e-mail):
- ``render_revision(session, number, revision, render_quote_pdf)`` → ``QuotePdf`` (document,
  bytes, what happened to the kept PDF, and a notice for the user when there is one);
- ``stored_pdf_matches(session, number, revision, data)`` → True / False / None (no hash kept);
- ``quote_document``, what ``render_revision`` renders.
Writing the bytes to a file: ``app.io.quote_pdf.write_quote_pdf(path, data)`` (atomic).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Account, Partner, Quote, QuoteRevision
from app.domain.countries import country_name
from app.domain.errors import NotFoundError
from app.domain.quote_print import Letterhead, PartyBlock, QuoteDocument
from app.domain.quote_view import QuoteView
from app.services.business_settings import load_business_settings
from app.services.quotes.issued_pdf import PdfOutcome, PdfRecord, issued_pdf, sha256_of
from app.services.quotes.read import read_quote

#: Turns a document into PDF bytes: ``app.io.quote_pdf.render_quote_pdf``, passed in by the caller
#: (the command line or the UI), since services and file output do not import each other.
Renderer = Callable[[QuoteDocument], bytes]


@dataclass(frozen=True, slots=True)
class QuotePdf:
    """A printed revision: what was printed, the bytes, and what happened to the kept PDF."""

    document: QuoteDocument
    data: bytes
    record: PdfRecord

    @property
    def notice(self) -> str:
        """What to tell the user about these bytes (empty when nothing): an old issued
        revision whose original PDF was not kept and now prints differently."""
        return self.record.notice


def render_revision(
    session: Session, number: str, revision: int | None, render: Renderer
) -> QuotePdf:
    """The PDF of quote ``number`` at ``revision`` (default: latest).

    The one call for everyone who needs a quote's PDF (the command line, preview, e-mail): an
    issued revision gives the bytes kept at its first print (kept now if this is the first), a
    draft is rendered with its watermark. Run it in a transaction; write the file only after it
    returns, inside that transaction, so a failed write keeps nothing.
    """
    document = quote_document(session, number, revision)
    if not document.view.frozen:
        data = render(document)
        return QuotePdf(document, data, PdfRecord(sha256_of(data), PdfOutcome.NOT_KEPT))
    data, record = issued_pdf(session, document.view, lambda: render(document))
    return QuotePdf(document, data, record)


def stored_pdf_matches(session: Session, number: str, revision: int, data: bytes) -> bool | None:
    """Whether ``data`` is the issued PDF of that revision: ``None`` when no hash is stored
    (a draft, or an issued revision never printed)."""
    rev = _revision(session, read_quote(session, number, revision))
    if rev.pdf_sha256 is None:
        return None
    return rev.pdf_sha256 == sha256_of(data)


def quote_document(session: Session, number: str, revision: int | None = None) -> QuoteDocument:
    """Quote ``number`` at ``revision`` (default: latest) with everything its PDF prints."""
    view = read_quote(session, number, revision)
    rev = _revision(session, view)
    snapshot: dict[str, Any] = json.loads(rev.snapshot) if rev.snapshot else {}
    settings = load_business_settings(session)
    company_data = snapshot.get("company")
    if view.frozen and isinstance(company_data, dict):
        company = Letterhead(
            name=str(company_data.get("name") or ""),
            address=str(company_data.get("address") or ""),
            email=str(company_data.get("email") or ""),
            phone=str(company_data.get("phone") or ""),
            logo_path=str(company_data.get("logo_path") or ""),
            footer=str(company_data.get("footer") or ""),
        )
    else:
        company = Letterhead(
            name=settings.company_name,
            address=settings.company_address,
            email=settings.company_email,
            phone=settings.company_phone,
            logo_path=settings.company_logo_path,
            footer=settings.quote_footer,
        )
    terms = snapshot["terms"] if view.frozen and "terms" in snapshot else settings.quote_terms
    partner = snapshot.get("partner") if view.frozen else None
    account = snapshot.get("account") if view.frozen else None
    quote = session.get_one(Quote, rev.quote_id)
    if not isinstance(partner, dict):
        partner = _live_partner(session, quote.partner_id)
    if not isinstance(account, dict):
        account = _live_account(session, quote.account_id)
    return QuoteDocument(
        view=view,
        company=company,
        partner=_party("Partner", view.partner, partner, ("legal_name", "code", "place", "email",
                                                          "phone")),
        account=_party("End customer", view.account, account, ("place", "website")),
        terms=str(terms or ""),
    )  # fmt: skip


def _revision(session: Session, view: QuoteView) -> QuoteRevision:
    rev = session.scalar(
        select(QuoteRevision)
        .join(Quote, Quote.id == QuoteRevision.quote_id)
        .where(func.upper(Quote.number) == view.number.upper())
        .where(QuoteRevision.revision == view.revision)
    )
    if rev is None:
        raise NotFoundError(f"Quote {view.number} has no revision {view.revision}.")
    return rev


def _party(title: str, name: str, data: dict[str, Any], keys: tuple[str, ...]) -> PartyBlock:
    details: list[str] = []
    for key in keys:
        if key == "place":
            country = str(data.get("country") or "")
            place = [str(data.get("city") or ""), _country(country)]
            text = ", ".join(p for p in place if p)
        elif key == "code":
            text = f"Partner code {data['code']}" if data.get("code") else ""
        elif key == "legal_name":
            legal = str(data.get("legal_name") or "")
            text = legal if legal and legal != name else ""
        else:
            text = str(data.get(key) or "")
        if text:
            details.append(text)
    return PartyBlock(title=title, name=name, details=tuple(details))


def _country(code: str) -> str:
    return country_name(code) if code else ""


def _live_partner(session: Session, partner_id: int) -> dict[str, Any]:
    partner = session.get_one(Partner, partner_id)
    return {
        "code": partner.partner_code,
        "legal_name": partner.legal_name,
        "country": partner.country,
        "city": partner.city,
        "email": partner.email,
        "phone": partner.phone,
    }


def _live_account(session: Session, account_id: int) -> dict[str, Any]:
    account = session.get_one(Account, account_id)
    return {"country": account.country, "city": account.city, "website": account.website}
