"""The PDF of an issued quote revision, kept with it: the first print's bytes, for ever after.

An issued revision is frozen (SPEC.md, "Pricing rules"), and so is its document: what the
partner received must print and e-mail byte for byte the same in a year, after Channel Desk, its
fonts or the logo file have changed. So the first print of an issued revision (the command
line's ``quote pdf``, a preview, an e-mail) keeps its bytes and their SHA-256 on the revision,
and every later print returns those bytes without rendering. Before, every print re-rendered
and refused a difference, so any fix to the renderer made every issued quote unprintable.

The bytes are kept at the first print rather than at issue time: issuing happens in the editor,
on the quotes page, in ``quote create`` and in the demo data, none of which needs a PDF, and the
first print is when the document first leaves the program, so the bytes kept are exactly the
ones the partner may have seen.

The hash guards the kept bytes: bytes that no longer match it were damaged in the database, and
are refused (restore a backup) rather than sent.

Revisions issued before the bytes were kept (databases older than schema 0004) have a hash only.
Their next print renders: if it matches the hash, those are the original bytes and are kept. If
not, the original is gone for good. Refusing, as before, would block the quote for ever, since
no restore brings the original back; so the current rendering is printed (the same snapshot:
figures and names as issued) with a notice for the user and a warning in the log. Nothing is
kept then: the hash stays the original's, so a copy the partner holds can still be checked
against it (``quote_pdf.stored_pdf_matches``), and every such reprint says again that it is not
the original.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Quote, QuoteRevision
from app.domain.errors import NotFoundError, RefusedError
from app.domain.quote_view import QuoteView
from app.services.quotes.lifecycle import lock_quote

log = logging.getLogger(__name__)


class PdfOutcome(StrEnum):
    """What a print did with the revision's kept PDF."""

    NOT_KEPT = "not kept"  # a draft or a quote waiting for approval: rendered, watermarked
    STORED = "stored"  # the first print of an issued revision: its bytes are kept from now on
    VERIFIED = "verified"  # a reprint: the kept bytes, checked against their hash
    DIFFERS = "differs"  # issued before PDFs were kept, and today's rendering differs


@dataclass(frozen=True, slots=True)
class PdfRecord:
    """The printed bytes' SHA-256, what happened to the kept PDF, and what the user should be
    told about this print (empty when nothing)."""

    sha256: str
    outcome: PdfOutcome
    notice: str = ""


@dataclass(frozen=True, slots=True)
class _Kept:
    revision_id: int
    sha256: str | None
    data: bytes | None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issued_pdf(
    session: Session, view: QuoteView, render: Callable[[], bytes]
) -> tuple[bytes, PdfRecord]:
    """The PDF of the issued revision ``view``: the kept bytes, or ``render()``'s, kept now.

    Two people printing a revision for the first time at once are served one after the other
    (the quote is locked before the bytes are written), and the second gets the first's bytes.
    """
    kept = _kept(session, view)
    if kept.data is None:
        data = render()
        lock_quote(session, view.number)
        kept = _kept(session, view)  # read again under the lock: printed meanwhile?
        if kept.data is None:
            return data, _keep(session, view, kept, data)
    return kept.data, _verified(view, kept.sha256, kept.data)


def _kept(session: Session, view: QuoteView) -> _Kept:
    """The revision's kept hash and bytes, read by themselves (never with the revision)."""
    row = session.execute(
        select(QuoteRevision.id, QuoteRevision.pdf_sha256, QuoteRevision.pdf_data)
        .join(Quote, Quote.id == QuoteRevision.quote_id)
        .where(func.upper(Quote.number) == view.number.upper())
        .where(QuoteRevision.revision == view.revision)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"Quote {view.number} has no revision {view.revision}.")
    return _Kept(row.id, row.pdf_sha256, row.pdf_data)


def _keep(session: Session, view: QuoteView, kept: _Kept, data: bytes) -> PdfRecord:
    """Keep ``data`` as the issued PDF, unless a hash kept before the bytes says otherwise."""
    sha256 = sha256_of(data)
    name = f"{view.number} rev {view.revision}"
    if kept.sha256 is not None and kept.sha256 != sha256:
        log.warning(
            "%s: issued before PDFs were kept, and this print (SHA-256 %s) differs from the "
            "one issued (%s); printed as it comes out now, nothing kept",
            name, sha256, kept.sha256,
        )  # fmt: skip
        return PdfRecord(
            sha256,
            PdfOutcome.DIFFERS,
            f"This copy of {name} is not the PDF as issued: it was issued before Channel Desk "
            "kept issued PDFs, and the fonts, the logo or Channel Desk have changed since. "
            "Its figures and names are the issued ones; its layout may differ.",
        )
    rev = session.scalars(
        select(QuoteRevision)
        .where(QuoteRevision.id == kept.revision_id)
        .execution_options(populate_existing=True)
    ).one()
    rev.pdf_data, rev.pdf_sha256 = data, sha256
    session.flush()
    log.info("%s: issued PDF kept (%d bytes, SHA-256 %s)", name, len(data), sha256)
    return PdfRecord(sha256, PdfOutcome.STORED)


def _verified(view: QuoteView, recorded: str | None, data: bytes) -> PdfRecord:
    """The kept bytes' record; refused when they no longer match their hash."""
    sha256 = sha256_of(data)
    if recorded != sha256:
        log.error(
            "%s rev %d: the kept PDF's SHA-256 is %s, not the recorded %s",
            view.number, view.revision, sha256, recorded,
        )  # fmt: skip
        raise RefusedError(
            f"The PDF kept for {view.number} rev {view.revision} is damaged: its bytes no "
            "longer match the SHA-256 recorded when it was issued. Nothing was written; restore "
            "the database from a backup, or make a new revision of the quote."
        )
    return PdfRecord(sha256, PdfOutcome.VERIFIED)
