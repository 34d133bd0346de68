"""The quote PDF as a use case: what to print, and the issued PDF's SHA-256 kept with its revision.

``quote_document`` gathers everything the PDF shows. An issued revision prints from its snapshot
(company, partner, account, terms as they were when issued), so its PDF never changes; a draft
prints today's data. The renderer itself lives in ``app.io.quote_pdf`` (services and io do not
import each other), so the caller passes it in.

Public API (kept stable for the command line, preview, print and e-mail):
- ``render_revision(session, number, revision, render_quote_pdf)`` → ``QuotePdf`` (document,
  bytes, hash record): stores an issued revision's SHA-256 the first time, refuses a mismatch later;
- ``stored_pdf_matches(session, number, revision, data)`` → True / False / None (no hash kept);
- ``quote_document`` and ``record_pdf_hash``, the two halves of ``render_revision``.
Writing the bytes to a file: ``app.io.quote_pdf.write_quote_pdf(path, data)`` (atomic).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Account, Partner, Quote, QuoteRevision
from app.domain.countries import country_name
from app.domain.errors import NotFoundError, RefusedError
from app.domain.quote_print import Letterhead, PartyBlock, QuoteDocument
from app.domain.quote_view import QuoteView
from app.services.business_settings import load_business_settings
from app.services.quote_read import read_quote

log = logging.getLogger(__name__)

#: Turns a document into PDF bytes: ``app.io.quote_pdf.render_quote_pdf``, passed in by the caller
#: (the command line or the UI), since services and file output do not import each other.
Renderer = Callable[[QuoteDocument], bytes]


@dataclass(frozen=True, slots=True)
class PdfRecord:
    """What happened to the revision's stored hash: ``stored``, ``verified`` or ``not kept``
    (a revision that is not issued has no fixed PDF)."""

    sha256: str
    outcome: str


@dataclass(frozen=True, slots=True)
class QuotePdf:
    """A rendered revision: what was printed, the bytes, and what happened to the stored hash."""

    document: QuoteDocument
    data: bytes
    record: PdfRecord


def render_revision(
    session: Session, number: str, revision: int | None, render: Renderer
) -> QuotePdf:
    """The PDF of quote ``number`` at ``revision`` (default: latest), checked against its record.

    The one call for everyone who needs a quote's PDF (the command line, preview, e-mail): an
    issued revision's SHA-256 is stored the first time and must match afterwards (else
    ``RefusedError``, so nobody sends a document that differs from the one issued). Run it in a
    transaction; write the file only after it returns, inside that transaction, so a failed write
    keeps no hash.
    """
    document = quote_document(session, number, revision)
    data = render(document)
    record = record_pdf_hash(session, document.view, hashlib.sha256(data).hexdigest())
    return QuotePdf(document, data, record)


def stored_pdf_matches(session: Session, number: str, revision: int, data: bytes) -> bool | None:
    """Whether ``data`` is the issued PDF of that revision: ``None`` when no hash is stored
    (a draft, or an issued revision never printed)."""
    rev = _revision(session, read_quote(session, number, revision))
    if rev.pdf_sha256 is None:
        return None
    return rev.pdf_sha256 == hashlib.sha256(data).hexdigest()


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
        )
    else:
        company = Letterhead(
            name=settings.company_name,
            address=settings.company_address,
            email=settings.company_email,
            phone=settings.company_phone,
            logo_path=settings.company_logo_path,
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


def record_pdf_hash(session: Session, view: QuoteView, sha256: str) -> PdfRecord:
    """Keep ``sha256`` with an issued revision the first time; afterwards refuse a different one.

    An issued revision is frozen, so its PDF must come out byte for byte the same every time. A
    different hash means the printed document changed (the logo file was replaced, or the fonts
    or the renderer changed): that is logged as an error and refused, so nobody sends a quote
    that differs from the one on record.
    """
    if not view.frozen:
        return PdfRecord(sha256, "not kept")
    rev = _revision(session, view)
    if rev.pdf_sha256 is None:
        rev.pdf_sha256 = sha256
        session.flush()
        log.info("quote %s rev %d: PDF SHA-256 %s stored", view.number, view.revision, sha256)
        return PdfRecord(sha256, "stored")
    if rev.pdf_sha256 != sha256:
        log.error(
            "quote %s rev %d: PDF SHA-256 %s differs from the stored %s",
            view.number, view.revision, sha256, rev.pdf_sha256,
        )  # fmt: skip
        raise RefusedError(
            f"The PDF of {view.number} rev {view.revision} came out different from the one "
            f"issued (SHA-256 {sha256[:12]}… instead of {rev.pdf_sha256[:12]}…): the logo file, "
            "the fonts or this version of Channel Desk changed. Nothing was written; restore "
            "them, or make a new revision."
        )
    return PdfRecord(sha256, "verified")


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
