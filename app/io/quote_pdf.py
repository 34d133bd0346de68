"""A quote revision as PDF bytes (reportlab platypus), the same bytes every time.

Layout, A4 portrait: letterhead (logo, company) beside the quote's number, revision and dates;
partner and end-customer blocks; one table of lines whose header repeats on every page and whose
totals rows (list total, discount, subtotal, tax with its rate, total) are kept on one page with
the last lines; the terms; "Page x of y" under every page; a DRAFT watermark on drafts and on
quotes waiting for approval.

Every figure is the stored one, printed by ``format_amount``/``format_money`` (1,234.50 with the
currency code). Text from the database is never markup: it goes through ``pdf_fonts.rich`` (or is
drawn as a plain string, which reportlab never interprets).
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.doctemplate import BaseDocTemplate

from app.domain.money import format_amount, format_money
from app.domain.pricing import PricedLine
from app.domain.quote_print import PartyBlock, QuoteDocument
from app.domain.quote_view import QuoteView, percent_text
from app.io import pdf_fonts
from app.io.atomic import atomic_path
from app.io.pdf_canvas import NumberedCanvas
from app.io.pdf_fonts import SANS, SANS_BOLD, covered, needs_shaping, rich

log = logging.getLogger(__name__)

DEFAULT_LOGO = Path(__file__).resolve().parents[2] / "resources" / "logo.png"

PAGE = A4
MARGIN = 15 * mm
BOTTOM = 20 * mm
FRAME_PAD = 6  # SimpleDocTemplate's frame padding on each side
LEFT = MARGIN + FRAME_PAD
WIDTH = PAGE[0] - 2 * LEFT
ACCENT = colors.HexColor("#2459d6")
RULE = colors.HexColor("#c9d2e3")
STRIPE = colors.HexColor("#f3f6fb")
MUTED = colors.HexColor("#555555")

CELL_SIZE = 8
PAD = 3  # table cell padding left and right


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    pdf_fonts.register_fonts()
    base = ParagraphStyle("base", fontName=SANS.name, fontSize=9, leading=12)
    return {
        "base": base,
        "company": ParagraphStyle("company", parent=base, fontName=SANS_BOLD.name, fontSize=14,
                                  leading=18, textColor=ACCENT),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD.name, fontSize=20,
                                leading=24, alignment=TA_RIGHT, textColor=ACCENT),
        "label": ParagraphStyle("label", parent=base, fontSize=7.5, leading=10, textColor=MUTED),
        "party": ParagraphStyle("party", parent=base, fontName=SANS_BOLD.name, fontSize=10,
                                leading=13),
        "cell": ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=10),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=7, leading=9,
                                     alignment=TA_LEFT),
        "heading": ParagraphStyle("heading", parent=base, fontName=SANS_BOLD.name, fontSize=9,
                                  leading=12, spaceBefore=10, spaceAfter=3),
    }  # fmt: skip


def _para(text: str, style: str, bold: bool = False) -> Paragraph:
    """Database text as a Paragraph that prints exactly ``text`` in whatever script."""
    chosen = _styles()[style]
    if needs_shaping(text):
        chosen = ParagraphStyle(f"{style}_shaped", parent=chosen, shaping=1)
    return Paragraph(rich(text, bold), chosen)


def _cell(text: str, width: float, style: str = "cell") -> str | Paragraph:
    """A plain string when the main font draws all of it (fast, never interpreted; wrapped to
    ``width`` here), else a wrapping Paragraph with per-run fonts."""
    size = _styles()[style].fontSize
    if "\n" not in text and covered(text):
        if stringWidth(text, SANS.name, size) <= width:
            return text
        # Wrapped here into a multi-line plain string: far cheaper than a Paragraph per cell.
        return "\n".join(simpleSplit(text, SANS.name, size, width))
    return _para(text, style)


def write_quote_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a failed write leaves an existing file as it was
    and raises ``InputError`` with one line saying what to do."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def render_quote_pdf(document: QuoteDocument) -> bytes:
    """The PDF of ``document``: the same bytes for the same document, in any process."""
    styles = _styles()
    view = document.view
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
        title=f"Quote {view.number} rev {view.revision}",
        author=document.company.name,
        subject=f"Quote for {view.account}",
        creator="Channel Desk",
        invariant=1,
    )
    story: list[Flowable] = [
        _letterhead(document),
        Spacer(1, 6 * mm),
        _parties(document.partner, document.account),
        Spacer(1, 6 * mm),
        _line_table(view),
    ]
    if document.terms.strip():
        story += [Paragraph("Terms", styles["heading"]), _para(document.terms, "small")]

    def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _page_decor(canvas, document)

    doc.build(
        story,
        onFirstPage=on_page,
        onLaterPages=on_page,
        canvasmaker=functools.partial(
            NumberedCanvas,
            created=document.created,
            footer_font=SANS.name,
            footer_right_margin=LEFT,
        ),
    )
    return out.getvalue()


# Blocks -----------------------------------------------------------------------------------------


def _letterhead(document: QuoteDocument) -> Table:
    view, company = document.view, document.company
    left: list[Flowable] = []
    logo = _logo(company.logo_path)
    if logo is not None:
        left.append(logo)
        left.append(Spacer(1, 2 * mm))
    left.append(_para(company.name, "company", bold=True))
    for line in company.address.splitlines():
        if line.strip():
            left.append(_para(line.strip(), "small"))
    contact = "  ·  ".join(part for part in (company.email, company.phone) if part.strip())
    if contact:
        left.append(_para(contact, "small"))

    facts = [
        ("Quote", view.number),
        ("Revision", str(view.revision)),
        ("Date", view.quote_date.isoformat()),
        ("Valid until", view.valid_until.isoformat() if view.valid_until else "—"),
        ("Currency", view.currency),
        ("Status", document.status_label),
    ]
    fact_rows = [[label, value] for label, value in facts]
    fact_table = Table(fact_rows, colWidths=[22 * mm, 36 * mm], hAlign="RIGHT")
    fact_table.setStyle(
        [
            ("FONT", (0, 0), (0, -1), SANS.name, 8),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("FONT", (1, 0), (1, -1), SANS_BOLD.name, 9),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    right: list[Flowable] = [Paragraph("QUOTE", _styles()["title"]), Spacer(1, 2 * mm), fact_table]
    table = Table([[left, right]], colWidths=[WIDTH - 62 * mm, 62 * mm])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4 * mm),
        ]
    )
    return table


def _logo(path_text: str) -> Image | None:
    """The company's logo at most 40 × 16 mm, or the default one when none is set or readable."""
    path = Path(path_text).expanduser() if path_text.strip() else DEFAULT_LOGO
    try:
        reader = ImageReader(str(path))
        width, height = reader.getSize()
    except Exception as exc:  # any unreadable image: use the default
        log.warning("logo %s cannot be read (%s); using the default logo", path, exc)
        if path == DEFAULT_LOGO:
            return None
        return _logo("")
    scale = min(40 * mm / width, 16 * mm / height)
    image = Image(str(path), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def _parties(partner: PartyBlock, account: PartyBlock) -> Table:
    gap = 6 * mm
    half = (WIDTH - gap) / 2

    def block(party: PartyBlock) -> list[Flowable]:
        cells: list[Flowable] = [
            Paragraph(party.title.upper(), _styles()["label"]),
            _para(party.name or "—", "party", bold=True),
        ]
        cells += [_para(line, "small") for line in party.details if line.strip()]
        return cells

    table = Table([[block(partner), "", block(account)]], colWidths=[half, gap, half])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, 0), STRIPE),
            ("BACKGROUND", (2, 0), (2, 0), STRIPE),
            ("LINEBEFORE", (0, 0), (0, 0), 2, ACCENT),
            ("LINEBEFORE", (2, 0), (2, 0), 2, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ]
    )
    return table


# The line table ---------------------------------------------------------------------------------

_HEAD = ("SKU", "Description", "Qty", "List", "Discounts", "Net unit", "Line total")
_FIGURE_COLUMNS = (2, 3, 5, 6)


def discount_text(line: PricedLine) -> str:
    """The line's discounts that apply, e.g. ``tier 10% · vol. 5%``; ``—`` when none."""
    parts = [
        (label, pct)
        for label, pct in (
            ("tier", line.tier_pct),
            ("reg.", line.reg_pct),
            ("vol.", line.volume_pct),
            ("spec.", line.special_pct),
        )
        if pct != 0
    ]
    return " · ".join(f"{label} {percent_text(pct)}%" for label, pct in parts) or "—"


def _line_table(view: QuoteView) -> Table:
    _styles()  # the bundled fonts are measured below
    cur = view.currency
    t = view.totals
    figures = [
        (
            f"{ln.qty:,}",
            format_amount(ln.list_price, cur),
            format_amount(ln.net_unit, cur),
            format_amount(ln.line_total, cur),
        )
        for ln in view.lines
    ]
    discount = -t.discount if t.discount else t.discount
    totals = [
        ("List total", format_money(t.list_total, cur)),
        ("Discount", format_money(discount, cur)),
        ("Subtotal", format_money(t.subtotal, cur)),
        (f"Tax {percent_text(t.tax_rate_pct)}%", format_money(t.tax, cur)),
        ("Total", format_money(t.total, cur)),
    ]
    head = [
        "SKU",
        "Description",
        "Qty",
        f"List\n{cur}",
        "Discounts",
        f"Net unit\n{cur}",
        f"Line total\n{cur}",
    ]
    widths = _column_widths(figures, [value for _, value in totals], view.lines)
    rows: list[list[Any]] = [head]
    for ln, (qty, list_price, net, total) in zip(view.lines, figures, strict=True):
        rows.append(
            [
                _cell(ln.sku, widths[0] - 2 * PAD),
                _cell(ln.description, widths[1] - 2 * PAD),
                qty,
                list_price,
                _cell(discount_text(ln), widths[4] - 2 * PAD, "cell_small"),
                net,
                total,
            ]
        )
    first_total = len(rows)
    rows += [["", "", "", "", "", label, value] for label, value in totals]
    last = len(rows) - 1

    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, 0), SANS_BOLD.name, 7.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("FONT", (0, 1), (-1, -1), SANS.name, CELL_SIZE),
        # Discounts in the smaller size their column was measured in (see _column_widths).
        ("FONT", (4, 1), (4, first_total - 1), SANS.name, _styles()["cell_small"].fontSize),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ALIGN", (2, 0), (3, -1), "RIGHT"),
        ("ALIGN", (5, 0), (6, -1), "RIGHT"),
        ("LINEBELOW", (0, 1), (-1, first_total - 1), 0.25, RULE),
        # Totals: the label right-aligned under "Net unit" (a long one reaches left into the
        # empty cells; no SPAN, which makes splitting a long table across pages slow), the
        # value under "Line total".
        ("ALIGN", (0, first_total), (-1, last), "RIGHT"),
        ("RIGHTPADDING", (5, first_total), (5, last), 10),
        ("TOPPADDING", (0, first_total), (-1, first_total), 6),
        ("LINEABOVE", (0, last), (-1, last), 1, ACCENT),
        ("FONT", (0, last), (-1, last), SANS_BOLD.name, 9.5),
        ("TOPPADDING", (0, last), (-1, last), 4),
        # Never strand the totals: they stay on one page with the last two lines.
        ("NOSPLIT", (0, max(1, first_total - 2)), (-1, last)),
    ]
    if first_total > 2:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, first_total - 1), [None, STRIPE]))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(style)
    return table


def _column_widths(
    figures: Sequence[tuple[str, str, str, str]],
    totals: Sequence[str],
    lines: Sequence[PricedLine],
) -> list[float]:
    """Figure columns as wide as their widest figure, the description takes what is left."""

    def widest(texts: Sequence[str], size: float = CELL_SIZE, font: str = SANS.name) -> float:
        return max((stringWidth(t, font, size) for t in texts), default=0.0) + 2 * PAD + 1

    head_size = 7.5
    qty = max(widest([f[0] for f in figures]), widest(["Qty"], head_size), 10 * mm)
    list_w = max(widest([f[1] for f in figures]), widest(["List"], head_size), 16 * mm)
    net = max(widest([f[2] for f in figures]), widest(["Net unit"], head_size), 16 * mm)
    total = max(
        widest([f[3] for f in figures]),
        widest(list(totals), 9.5, SANS_BOLD.name) + 4,
        widest(["Line total"], head_size),
        18 * mm,
    )
    sku = max(min(widest([ln.sku for ln in lines]), 30 * mm), 18 * mm)
    # Wide enough for the usual three discounts on one line; four wrap rather than squeeze.
    discounts = min(max(widest([discount_text(ln) for ln in lines], 7), 22 * mm), 44 * mm)
    description = WIDTH - (sku + qty + list_w + discounts + net + total)
    # The description keeps room to read: the discounts give way first (they wrap), then the
    # SKU; the figures never do.
    for_text = 48 * mm
    if description < for_text:
        give = min(for_text - description, discounts - 24 * mm)
        discounts -= give
        description += give
    if description < for_text:
        give = min(for_text - description, sku - 14 * mm)
        sku -= give
        description += give
    return [sku, description, qty, list_w, discounts, net, total]


# Page decoration --------------------------------------------------------------------------------


def _page_decor(canvas: Canvas, document: QuoteDocument) -> None:
    """Under the content of every page: the DRAFT watermark, and the footer's left part."""
    width, height = PAGE
    view = document.view
    canvas.saveState()
    if document.watermark:
        canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.13))
        canvas.setFont(SANS_BOLD.name, 120)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(40)
        canvas.drawCentredString(0, -40, document.watermark)
        canvas.rotate(-40)
        canvas.translate(-width / 2, -height / 2)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, 38, width - LEFT, 38)
    canvas.setFont(SANS.name, 8)
    canvas.setFillColor(MUTED)
    footer = f"{view.number} rev {view.revision}"
    if covered(document.company.name):
        footer = f"{document.company.name}  ·  {footer}"
    canvas.drawString(LEFT, 28, footer)
    canvas.restoreState()
