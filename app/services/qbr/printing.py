"""A review pack written out for the PDF: every figure as the screens write it.

Amounts go through ``app.domain.money`` (``EUR 1,234.50``; an amount without a rate into the
reporting currency says so, never a guess), rates as the lead board writes them (``66.7%``),
the return as the Program page writes it. The totals under the tables are the pack's own figures
(the Program page's and the pipeline chart's), not sums made here.
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.money import format_amount, format_money, format_percent
from app.domain.quarters import Quarter, quarter_end
from app.io.qbr_pdf_model import Figure, PrintSection, PrintTable, QbrPrint
from app.services.qbr.document import QbrPack

NO_RATE = "no rate"


def print_model(pack: QbrPack) -> QbrPrint:
    """What the PDF prints for ``pack``."""
    card = pack.card
    health = (
        "Not enough figures for a score"
        if card.health.score is None
        else f"{card.health.score} of 100"
    )
    return QbrPrint(
        company=pack.company,
        partner=pack.partner,
        partner_code=pack.partner_code,
        quarter=quarter_name(pack.quarter),
        period=period_text(pack),
        prepared_on=pack.today,
        currency=pack.currency,
        figures=figures(pack),
        health=health,
        health_lines=tuple(result.sentence for result in card.health.results),
        charts=pack.charts,
        sections=(_deals(pack), _training(pack), _leads(pack), _money(pack)),
    )


def quarter_name(quarter: str) -> str:
    """``2026Q4`` → ``2026 Q4``, as the charts name quarters."""
    named = Quarter.parse(quarter)
    return named.label if named is not None else quarter


def period_text(pack: QbrPack) -> str:
    text = f"{pack.start.isoformat()} to {pack.end.isoformat()}"
    return f"{text} (to date)" if pack.end < quarter_end(pack.quarter) else text


def _converted(amount: Decimal | None, currency: str) -> str:
    return NO_RATE if amount is None else format_amount(amount, currency)


def _rate(rate: Decimal | None) -> str:
    """A lead board rate (a share, 4 places) as the board writes it: a percentage."""
    return "—" if rate is None else format_percent(rate * 100)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def figures(pack: QbrPack) -> tuple[Figure, ...]:
    card, cur = pack.card, pack.currency
    won = pack.won_sourced + pack.won_influenced
    leads = card.leads
    left_out = card.pipeline_not_converted
    certified = sum(c.holders for c in card.certifications)
    oldest = max((o.days_open for o in card.overlaps), default=None)
    available = "; ".join(format_money(amount, code) for code, amount in card.mdf_available)
    return (
        Figure(
            "Won revenue",
            format_money(won, cur),
            f"sourced {format_amount(pack.won_sourced, cur)} · influenced "
            f"{format_amount(pack.won_influenced, cur)}",
        ),
        Figure(
            "Open pipeline",
            format_money(pack.open_total, cur),
            _plural(len(pack.open_deals), "open deal")
            + (f"; {left_out} without a rate left out" if left_out else ""),
        ),
        Figure(
            "Leads received",
            str(leads.received) if leads is not None else "0",
            (
                f"{leads.accepted} accepted ({_rate(leads.acceptance_rate)}), "
                f"{leads.converted} converted"
            )
            if leads is not None
            else "no lead assigned in the quarter",
        ),
        Figure(
            "Grade-adjusted index",
            "—"
            if leads is None or leads.grade_adjusted_index is None
            else str(leads.grade_adjusted_index),
            "converted leads against what their grades promise",
        ),
        Figure(
            "Program spend",
            format_money(card.spend, cur),
            _plural(len(pack.spend), "item"),
        ),
        Figure(
            "Return",
            "—" if card.return_ratio is None else str(card.return_ratio),
            "won revenue ÷ program spend" if card.return_ratio is not None else "nothing spent",
        ),
        Figure(
            "MDF available",
            available or "—",
            _plural(len(card.mdf), "allocation"),
        ),
        Figure(
            "Certified people",
            str(certified),
            f"{_plural(len(card.expiring_next_quarter), 'certification')} expiring "
            f"in {quarter_name(pack.next_quarter)}",
        ),
        Figure(
            "Open claims",
            str(len(card.open_claims)),
            _plural(len(card.overlaps), "overlap")
            + (f", the oldest open {oldest} days" if oldest is not None else ""),
        ),
    )


def _deals(pack: QbrPack) -> PrintSection:
    cur = pack.currency
    won = PrintTable(
        ("Deal", "Account", "Closed on", "Credit", "Amount", f"In {cur}"),
        tuple(
            (
                d.ref,
                d.account,
                d.closed_on.isoformat(),
                d.credit,
                format_money(d.amount, d.currency),
                _converted(d.converted, cur),
            )
            for d in pack.won
        ),
        (3.0, 3.2, 1.6, 1.5, 2.2, 1.9),
        numeric=frozenset({2, 4, 5}),
        total=("Total", "", "", "", "", format_amount(pack.won_sourced + pack.won_influenced, cur)),
        empty="No deal won in the quarter.",
    )
    open_deals = PrintTable(
        ("Deal", "Account", "Stage", "Expected close", "Amount", f"In {cur}"),
        tuple(
            (
                d.ref,
                d.account,
                d.stage.label,
                d.expected_close.isoformat() if d.expected_close else "—",
                format_money(d.amount, d.currency),
                _converted(d.converted, cur),
            )
            for d in pack.open_deals
        ),
        (3.0, 3.2, 1.6, 1.6, 2.2, 1.9),
        numeric=frozenset({3, 4, 5}),
        total=("Total", "", "", "", "", format_amount(pack.open_total, cur)),
        empty="No open deal today.",
    )
    return PrintSection(
        "Deals",
        f"Won: the deals closed in the quarter that count for the partner on the Program page, "
        f"sourced (it registered them) or influenced (a party to them), converted into {cur} "
        f"on their closing day. Open: the deals it takes part in that are open on "
        f"{pack.today.isoformat()}, converted as of that day.",
        ((f"Won in {quarter_name(pack.quarter)}", won), ("Open today", open_deals)),
        new_page=True,
    )


def _training(pack: QbrPack) -> PrintSection:
    card = pack.card
    families = PrintTable(
        ("Product family", "Certified people", "Coverage", "Sold by the partner"),
        tuple(
            (c.family, str(c.holders), c.state.label, "yes" if c.sells else "")
            for c in card.certifications
        ),
        (4.0, 2.0, 2.0, 2.0),
        numeric=frozenset({1}),
        empty="No course certifies a product family yet.",
    )
    expiring = PrintTable(
        ("Person", "Course", "Product family", "Valid until", "Days left"),
        tuple(
            (
                r.contact,
                f"{r.course_code} {r.course}",
                r.family or "—",
                r.valid_until.isoformat(),
                str(r.days_left),
            )
            for r in pack.expiring
        ),
        (2.6, 3.6, 2.2, 1.6, 1.2),
        numeric=frozenset({3, 4}),
        empty=f"No certification runs out in {quarter_name(pack.next_quarter)}.",
    )
    return PrintSection(
        "Certifications",
        f"People holding a valid certification on {pack.today.isoformat()}, per product "
        f"family, and the certifications that run out next quarter without a renewal.",
        (
            ("Certified people by product family", families),
            (f"Expiring in {quarter_name(pack.next_quarter)}", expiring),
        ),
    )


def _leads(pack: QbrPack) -> PrintSection:
    leads = pack.card.leads
    summary = (
        "No lead was assigned to the partner in the quarter."
        if leads is None
        else (
            f"{leads.received} received, {leads.accepted} accepted "
            f"({_rate(leads.acceptance_rate)}), {leads.converted} converted, as the lead board "
            f"counts them on {pack.end.isoformat()}."
        )
    )
    table = PrintTable(
        ("Lead ID", "Company", "Grade", "Assigned on", "Outcome", "Accepted on"),
        tuple(
            (
                line.lead_code,
                line.company,
                line.grade or "none",
                line.assigned_on.isoformat(),
                line.outcome,
                line.accepted_on.isoformat() if line.accepted_on else "",
            )
            for line in pack.leads
        ),
        (1.8, 3.8, 1.0, 1.6, 1.6, 1.6),
        numeric=frozenset({3, 5}),
        empty="No lead assigned in the quarter.",
    )
    return PrintSection("Leads", summary, (("Assigned in the quarter", table),))


def _money(pack: QbrPack) -> PrintSection:
    cur = pack.currency
    balances = PrintTable(
        (
            "Quarter",
            "Currency",
            "Allocated",
            "Requested",
            "Approved",
            "Claimed",
            "Paid",
            "Lapsed",
            "Available",
        ),
        tuple(
            (
                quarter_name(b.quarter),
                b.currency,
                *(
                    format_amount(amount, b.currency)
                    for amount in (
                        b.allocated,
                        b.requested,
                        b.approved,
                        b.claimed,
                        b.paid,
                        b.lapsed,
                        b.available,
                    )
                ),
            )
            for b in pack.mdf
        ),
        (1.2, 1.4, 1.6, 1.6, 1.6, 1.6, 1.6, 1.5, 1.6),
        numeric=frozenset(range(2, 9)),
        empty="No MDF allocation for the quarter.",
    )
    requests = PrintTable(
        ("Activity", "Quarter", "Status", "Requested", "Approved", "Paid", "Paid on"),
        tuple(
            (
                r.activity,
                quarter_name(r.quarter),
                r.status.label,
                format_money(r.requested, r.currency),
                format_money(r.approved, r.currency) if r.approved is not None else "—",
                format_money(r.paid, r.currency) if r.paid is not None else "—",
                r.paid_on.isoformat() if r.paid_on else "",
            )
            for r in pack.mdf_requests
        ),
        (3.4, 1.2, 1.5, 1.8, 1.8, 1.8, 1.5),
        numeric=frozenset({3, 4, 5, 6}),
        empty="No MDF request.",
    )
    spend = PrintTable(
        ("Date", "Program", "Item", "Amount", f"In {cur}"),
        tuple(
            (
                s.on.isoformat(),
                s.program,
                s.ref,
                format_money(s.amount, s.currency),
                _converted(s.converted, cur),
            )
            for s in pack.spend
        ),
        (1.5, 1.4, 4.6, 2.0, 1.8),
        numeric=frozenset({3, 4}),
        total=("Total", "", "", "", format_amount(pack.card.spend, cur)),
        empty="Nothing spent on the partner in the quarter.",
    )
    return PrintSection(
        "MDF and program spend",
        f"Market development funds as the MDF page shows them, and every item of program spend "
        f"on the partner dated in the quarter, converted into {cur} as the Program page "
        f"converts it.",
        (("MDF balances", balances), ("MDF requests", requests), ("Program spend", spend)),
        new_page=False,
    )
