"""Quote documents built by hand (no database) and the text of their PDFs, for the PDF tests."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdf

from app.domain.enums import QuoteStatus
from app.domain.money import round_money
from app.domain.pricing import PricedLine, QuoteTotals
from app.domain.quote_print import Letterhead, PartyBlock, QuoteDocument
from app.domain.quote_view import QuoteView

MARKUP = '<b>Fast & "Safe"</b>'
NAMES = {
    "latin": "Société Générale Ærø Łódź",
    "cyrillic": "ООО «Ромашка» Москва",
    "greek": "Ελληνική Εταιρεία Ωμέγα",
    "arabic": "شركة الخليج للتجارة",
    "japanese": "株式会社東京システム",
}


def line(position: int, sku: str, description: str, qty: int, list_price: str,
         discounts: tuple[str, str, str, str] = ("10", "5", "0", "0"),
         currency: str = "EUR") -> PricedLine:  # fmt: skip
    """A line priced by SPEC.md's rule (discounts multiply, the net unit is rounded once)."""
    price = Decimal(list_price)
    factor = Decimal(1)
    for pct in discounts:
        factor *= 1 - Decimal(pct) / 100
    net = round_money(price * factor, currency)
    tier, reg, vol, spec = (Decimal(p) for p in discounts)
    return PricedLine(position, sku, description, None, qty, price, tier, reg, vol, spec,
                      net, net * qty)  # fmt: skip


def document(
    lines: tuple[PricedLine, ...],
    status: QuoteStatus = QuoteStatus.ISSUED,
    currency: str = "EUR",
    tax_rate: str = "19",
    partner: str = "Northwind Traders",
    account: str = "Contoso Ltd",
    company: str = "Channel Desk GmbH",
    totals: QuoteTotals | None = None,
) -> QuoteDocument:
    """A quote document around ``lines``; ``totals`` from the pricing engine, or worked out here."""
    if totals is None:
        list_total = sum((ln.list_price * ln.qty for ln in lines), Decimal(0))
        subtotal = sum((ln.line_total for ln in lines), Decimal(0))
        tax = round_money(subtotal * Decimal(tax_rate) / 100, currency)
        totals = QuoteTotals(list_total, list_total - subtotal, subtotal, Decimal(tax_rate), tax,
                             subtotal + tax)  # fmt: skip
    issued = status not in (QuoteStatus.DRAFT, QuoteStatus.NEEDS_APPROVAL)
    view = QuoteView(
        number="Q-2026-00001", revision=1, status=status, quote_date=date(2026, 11, 22),
        valid_until=date(2026, 12, 22), currency=currency, partner=partner, partner_code="P-1",
        account=account, account_country="DE", lines=lines, totals=totals,
        issued_at=datetime(2026, 11, 22, 14, 0, tzinfo=UTC) if issued else None, revisions=1,
    )  # fmt: skip
    return QuoteDocument(
        view=view,
        company=Letterhead(company, "Hauptstraße 1\n10115 Berlin", "sales@example.com", "+49 30 1"),
        partner=PartyBlock("Partner", partner, ("Partner code P-1", "Berlin, Germany")),
        account=PartyBlock("End customer", account, ("Köln, Germany",)),
        terms="Payment within 30 days. <i>Not</i> markup & never will be.",
    )


def pypdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdftotext_pages(data: bytes) -> list[str]:
    """pdftotext's text, one string per page (pages end with a form feed)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8").split("\f")[:-1]


def folded(text: str) -> str:
    """NFKC: Arabic presentation forms (what shaped glyphs extract as) back to plain letters."""
    return unicodedata.normalize("NFKC", text)
