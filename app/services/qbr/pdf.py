"""A review pack's PDF: gathered, written out and laid out, the same for the command and the
button."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.io.qbr_pdf import render_qbr_pdf
from app.services.qbr.document import QbrPack
from app.services.qbr.gather import qbr_pack
from app.services.qbr.printing import print_model


@dataclass(frozen=True)
class ReviewPdf:
    pack: QbrPack
    data: bytes


def review_pdf(session: Session, partner: str, quarter: str, today: date) -> ReviewPdf:
    """The review pack of ``partner`` for ``quarter`` as PDF bytes (refusals: ``AppError``)."""
    pack = qbr_pack(session, partner, quarter, today)
    return ReviewPdf(pack, render_qbr_pdf(print_model(pack)))
