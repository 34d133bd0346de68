"""A small program world with figures worked out by hand, for the return report's tests.

Over 2026-01-01 … 2026-03-31, in EUR (rates USD→EUR 0.9 from 1 January, 0.8 from 15 March):

| partner | MDF | SPIF | Rebate | Training | Event | Other | all | sourced | influenced | return |
|---|---|---|---|---|---|---|---|---|---|---|
| P-1 | 2,000 | 50 | 2,000 | | 1,000 | | 5,050 | 100,000 | | 19.8020 |
| P-2 | 200 | | | 300 | | | 500 | 8,000 | | 16.0000 |
| P-3 | | | | | | | 0 | | 105,000 | none |
| program | 2,200 | 50 | 2,000 | 300 | 1,000 | 450 | 6,000 | 108,000 | 5,000 | 18.8333 |

and one deal not converted (D-4, GBP 1,000.00 on 2026-03-01).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from app.db.engine import Database
from app.db.models import (
    Account,
    Contact,
    Course,
    Deal,
    DealParty,
    DirectRep,
    FxRate,
    MdfAllocation,
    MdfRequest,
    Partner,
    Product,
    ProductFamily,
    Quote,
    QuoteLine,
    QuoteRevision,
    RebateThreshold,
    SpendItem,
    SpifRule,
    TrainingRecord,
)
from app.domain.enums import DealStage, MdfStatus, PartyRole, QuoteStatus, SpendProgram
from app.domain.names import name_key

if TYPE_CHECKING:  # the world is also built where no Qt is loaded
    from app.ui.main_window import MainWindow
    from app.ui.program.page import ProgramPage

D = Decimal
START, END = date(2026, 1, 1), date(2026, 3, 31)


def partner(code: str, name: str) -> Partner:
    return Partner(partner_code=code, name=name, name_key=name_key(name), country="DE")


def add_program_world(db: Database) -> None:
    with db.transaction() as s:
        p1, p2, p3 = (
            partner("P-1", "Northwind Traders"),
            partner("P-2", "Contoso Partners"),
            partner("P-3", "Adatum Systems"),
        )
        account = Account(name="Fabrikam", name_key=name_key("Fabrikam"), country="DE")
        rep = DirectRep(name="Dana Direct", email="dana@vendor.example")
        core = ProductFamily(code="CORE", name="Core Platform")
        cd100 = Product(sku="CD-100", name="Core licence", family=core)
        x1 = Product(sku="X-1", name="Cable")
        s.add_all([p1, p2, p3, account, rep, core, cd100, x1])
        s.add_all([
            FxRate(currency="USD", into_currency="EUR", rate=D("0.9"),
                   effective_from=date(2026, 1, 1)),
            FxRate(currency="USD", into_currency="EUR", rate=D("0.8"),
                   effective_from=date(2026, 3, 15)),
            FxRate(currency="USD", into_currency="GBP", rate=D("0.7"),
                   effective_from=date(2026, 1, 1)),
        ])  # fmt: skip

        def won(code: str, amount: str, currency: str, closed: date, *parties: DealParty,
                stage: DealStage = DealStage.WON) -> Deal:  # fmt: skip
            deal = Deal(deal_code=code, name=f"Deal {code}", account=account, stage=stage,
                        amount=D(amount), currency=currency, closed_on=closed)  # fmt: skip
            deal.parties = list(parties)
            return deal

        def party(who: Partner, role: PartyRole) -> DealParty:
            return DealParty(partner=who, role=role)

        reg, infl = PartyRole.REGISTERING_PARTNER, PartyRole.INFLUENCER
        s.add_all([
            won("D-1", "100000", "EUR", date(2026, 2, 10), party(p1, reg), party(p3, infl)),
            won("D-2", "10000", "USD", date(2026, 3, 15), party(p2, reg)),  # rate of that day
            won("D-3", "5000", "EUR", date(2026, 3, 20), party(p3, infl),
                DealParty(direct_rep=rep, role=PartyRole.DIRECT_REP)),
            won("D-4", "1000", "GBP", date(2026, 3, 1), party(p2, reg)),  # no rate into EUR
            won("D-5", "7000", "EUR", date(2026, 3, 2), party(p1, reg), stage=DealStage.LOST),
            won("D-6", "9000", "EUR", date(2026, 4, 1), party(p1, reg)),  # after the period
        ])  # fmt: skip
        s.add_all([
            SpendItem(partner=p1, program=SpendProgram.EVENT, spent_on=date(2026, 1, 15),
                      amount=D("1000"), currency="EUR", description="Partner summit booth"),
            SpendItem(partner=None, program=SpendProgram.OTHER, spent_on=date(2026, 2, 1),
                      amount=D("500"), currency="USD", description="Partner portal"),
            SpendItem(partner=p2, program=SpendProgram.MDF, spent_on=date(2026, 3, 31),
                      amount=D("200"), currency="EUR", description="Paid before Channel Desk"),
            SpendItem(partner=p2, program=SpendProgram.EVENT, spent_on=date(2025, 12, 31),
                      amount=D("999"), currency="EUR", description="Before the period"),
        ])  # fmt: skip
        allocation = MdfAllocation(partner=p1, quarter="2026Q1", amount=D("5000"), currency="EUR")
        s.add(allocation)
        s.add(MdfRequest(
            allocation=allocation, activity="Webinar series", starts_on=date(2026, 1, 10),
            ends_on=date(2026, 2, 10), requested_on=date(2026, 1, 5),
            requested_amount=D("2500"), approved_amount=D("2500"), claimed_amount=D("2200"),
            claim_approved_amount=D("2000"), paid_amount=D("2000"), paid_on=date(2026, 3, 1),
            status=MdfStatus.PAID,
        ))  # fmt: skip
        s.add(SpifRule(
            name="Core push", family=core, valid_from=date(2026, 1, 1), valid_to=date(2026, 3, 31),
            amount_per_unit=D("10"), currency="EUR",
        ))  # fmt: skip
        s.flush()  # the product's id, for the line that names it
        quote = Quote(number="Q-2026-00001", year=2026, sequence=1, partner=p1, account=account)
        revision = QuoteRevision(revision=1, status=QuoteStatus.ACCEPTED,
                                 quote_date=date(2026, 2, 1), accepted_on=date(2026, 2, 3),
                                 currency="EUR")  # fmt: skip
        revision.lines = [
            QuoteLine(position=1, product_id=cd100.id, sku="CD-100", description="Core licence",
                      quantity=5, list_price=D("100"),
                      net_unit=D("100"), line_total=D("500")),
            QuoteLine(position=2, sku="X-1", description="Cable", quantity=3,
                      list_price=D("1"), net_unit=D("1"), line_total=D("3")),
        ]  # fmt: skip
        quote.revisions = [revision]
        draft = Quote(number="Q-2026-00002", year=2026, sequence=2, partner=p2, account=account)
        draft.revisions = [QuoteRevision(revision=1, status=QuoteStatus.ISSUED,
                                         quote_date=date(2026, 2, 1), currency="EUR")]  # fmt: skip
        draft.revisions[0].lines = [
            QuoteLine(position=1, sku="CD-100", description="Core licence", family="Core Platform",
                      quantity=50, list_price=D("100"), net_unit=D("100"), line_total=D("5000")),
        ]  # fmt: skip
        s.add_all([quote, draft])
        course = Course(code="CD-101", title="Core Sales", family=core, cost_per_seat=D("300"),
                        currency="EUR")  # fmt: skip
        free = Course(code="CD-001", title="Intro", family=core)
        bob = Contact(partner=p2, name="Bob Stone", email="bob@contoso.example")
        s.add_all([course, free, bob])
        s.add_all([
            TrainingRecord(contact=bob, course=course, completed_on=date(2026, 2, 20),
                           passed=False),
            TrainingRecord(contact=bob, course=free, completed_on=date(2026, 2, 21)),
        ])  # fmt: skip
        s.add_all([
            RebateThreshold(rule="Growth", threshold=D("50000"), percent=D("1")),
            RebateThreshold(rule="Growth", threshold=D("100000"), percent=D("2")),
        ])  # fmt: skip


def program_on_world(window: MainWindow) -> ProgramPage:
    """The window's Program page on this world's quarter, its figures read."""
    from app.ui.program.page import ProgramPage
    from app.ui.program.period import custom_period
    from tests.support.pages import settled, shown_page

    shown = shown_page(window, "program", ProgramPage)
    shown.period_picker.set_period(custom_period(START, END))
    settled(shown)
    return shown
