"""A partner's quarterly review pack on a small world: every figure is the one the owning screen
shows, and the rows behind each total add up to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from app.db.engine import Database, open_database
from app.domain.errors import InputError, NotFoundError
from app.services.dashboard.charts import ChartFilter, dashboard_charts
from app.services.leads.board import lead_board
from app.services.mdf.rows import list_requests
from app.services.program.returns import return_report
from app.services.qbr.document import QbrPack
from app.services.qbr.gather import qbr_pack, review_period
from app.services.qbr.printing import figures
from app.services.scorecard.charts import scorecard_charts
from app.services.scorecard.scorecard import partner_scorecard
from app.services.scorecard.summary import summary_lines
from tests.support.qbr_world import QUARTER, TODAY, add_qbr_world

START, END = date(2026, 1, 1), date(2026, 3, 31)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("qbr") / "qbr.sqlite")
    add_qbr_world(db)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def pack(world: Database) -> QbrPack:
    with world.reading() as s:
        return qbr_pack(s, "p-1", QUARTER, TODAY)


def test_summary_and_charts_are_the_partners_scorecard_over_the_quarter(
    world: Database, pack: QbrPack
) -> None:
    with world.reading() as s:
        card = partner_scorecard(s, "P-1", START, END, TODAY)
    assert (pack.quarter, pack.start, pack.end, pack.today) == (QUARTER, START, END, TODAY)
    assert pack.card == card
    assert pack.charts == tuple(spec for _name, spec in scorecard_charts(card))
    assert [c.title for c in pack.charts] == [
        "Won revenue by quarter",
        "Open pipeline by stage",
        "Certified people by product family",
        "Leads over the period",
    ]


def test_won_deals_and_spend_add_up_to_the_program_pages_figures(
    world: Database, pack: QbrPack
) -> None:
    with world.reading() as s:
        line = return_report(s, START, END, "P-1").partners[0]
    assert (pack.won_sourced, pack.won_influenced) == (line.sourced, line.influenced)
    assert [(w.ref, w.account, w.credit, w.converted) for w in pack.won] == [
        ("D-1", "Fabrikam", "Sourced", Decimal("100000.00"))
    ]
    assert sum(w.converted or 0 for w in pack.won) == line.sourced + line.influenced
    # the lost deal and the deal won after the quarter are not in it
    assert {w.ref for w in pack.won}.isdisjoint({"D-5", "D-6"})
    assert [(x.program, x.converted) for x in pack.spend] == [
        ("Event", Decimal("1000.00")),
        ("SPIF", Decimal("50.00")),
        ("MDF", Decimal("2000.00")),
        ("Rebate", Decimal("2000.00")),
    ]
    assert sum(x.converted or 0 for x in pack.spend) == line.spend["all"] == pack.card.spend


def test_open_deals_are_the_pipeline_charts_converted_as_of_today(
    world: Database, pack: QbrPack
) -> None:
    with world.reading() as s:
        chart = dashboard_charts(s, ChartFilter(START, END, TODAY, "P-1")).pipeline
    assert [(d.ref, d.stage.label, d.converted) for d in pack.open_deals] == [
        ("D-7", "Proposal", Decimal("16000.00")),  # USD 20,000 at 0.8, today's rate
        ("D-8", "Qualified", None),  # no GBP rate into EUR: counted nowhere
    ]
    assert pack.open_total == sum(v or 0 for v in chart.series[0].values) == Decimal("16000.00")
    assert pack.card.pipeline_not_converted == 1


def test_leads_are_the_assignments_behind_the_lead_boards_line(
    world: Database, pack: QbrPack
) -> None:
    with world.reading() as s:
        row = next(r for r in lead_board(s, END, START).rows if r.recipient == "P-1")
    assert [(x.lead_code, x.outcome, x.accepted_on) for x in pack.leads] == [
        ("L-1", "accepted", date(2026, 1, 13)),
        ("L-2", "converted", date(2026, 2, 3)),
        ("L-3", "declined", None),
    ]  # L-4 was assigned before the quarter
    assert len(pack.leads) == row.received["all"]
    assert sum(1 for x in pack.leads if x.accepted_on is not None) == row.accepted
    assert sum(1 for x in pack.leads if x.outcome == "converted") == row.converted
    assert sum(1 for x in pack.leads if x.outcome == "declined") == row.declined


def test_mdf_and_certifications_are_the_mdf_and_training_pages(
    world: Database, pack: QbrPack
) -> None:
    with world.reading() as s:
        requests = list_requests(s, [a.allocation_id for a in pack.mdf], TODAY)
    assert [b.quarter for b in pack.mdf] == ["2026Q1"]
    assert pack.mdf_requests == tuple(requests) and len(requests) == 1
    assert pack.next_quarter == "2026Q3"
    assert [(r.contact, r.valid_until) for r in pack.expiring] == [("Ann Lee", date(2026, 8, 1))]


def test_a_running_quarter_is_reviewed_to_date_and_a_later_one_is_refused() -> None:
    assert review_period("q2 2026", TODAY) == ("2026Q2", date(2026, 4, 1), TODAY)
    assert review_period("2026-q1", TODAY) == ("2026Q1", START, END)
    with pytest.raises(InputError, match="2026Q3 has not begun yet"):
        review_period("2026Q3", TODAY)
    with pytest.raises(InputError, match="'2026Q5' is not a quarter"):
        review_period("2026Q5", TODAY)


def test_an_unknown_partner_is_refused(world: Database) -> None:
    with world.reading() as s, pytest.raises(NotFoundError, match="P-404"):
        qbr_pack(s, "P-404", QUARTER, TODAY)


def test_a_partner_with_nothing_in_the_quarter_has_an_empty_pack(world: Database) -> None:
    with world.reading() as s:
        empty = qbr_pack(s, "P-3", "2025Q4", TODAY)
    assert (empty.won, empty.open_deals, empty.leads, empty.spend) == ((), (), (), ())
    assert empty.open_total == 0 and empty.won_sourced + empty.won_influenced == 0


def test_the_printed_summary_writes_index_and_return_as_the_scorecard_tab_does(
    pack: QbrPack,
) -> None:
    """The pack's summary and the partner dialog's scorecard show one partner's quarter: the
    same figure must read the same on paper and on screen."""
    printed = {figure.label: figure.value for figure in figures(pack)}
    shown = {line.key: line.text for line in summary_lines(pack.card)}
    leads, ratio = pack.card.leads, pack.card.return_ratio
    assert leads is not None and leads.grade_adjusted_index is not None and ratio is not None
    assert printed["Grade-adjusted index"] == shown["grade_index"]
    assert printed["Return"] == shown["return_ratio"]


@pytest.fixture(scope="module")
def without_id(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The same world with Northwind Traders stored without a Partner ID."""
    from sqlalchemy import update

    from app.db.models import Partner

    db = open_database(tmp_path_factory.mktemp("qbr-no-id") / "qbr.sqlite")
    add_qbr_world(db)
    with db.transaction() as s:
        s.execute(update(Partner).where(Partner.partner_code == "P-1").values(partner_code=None))
    yield db
    db.dispose()


def test_a_partner_without_a_partner_id_gets_every_section_the_screens_show(
    without_id: Database, pack: QbrPack
) -> None:
    """The Program page lists such a partner by its name; the pack finds the same deals won and
    spend items behind those figures, and the same open deals and leads, as for a Partner ID."""
    with without_id.reading() as s:
        nameless = qbr_pack(s, "Northwind Traders", QUARTER, TODAY)
        line = next(
            x for x in return_report(s, START, END).partners if x.partner == "Northwind Traders"
        )
    assert [(w.ref, w.credit, w.converted) for w in nameless.won] == [
        (w.ref, w.credit, w.converted) for w in pack.won
    ]
    assert [(x.program, x.ref, x.converted) for x in nameless.spend] == [
        (x.program, x.ref, x.converted) for x in pack.spend
    ]
    assert sum(x.converted or 0 for x in nameless.spend) == line.spend["all"]
    assert (nameless.won_sourced, nameless.won_influenced) == (line.sourced, line.influenced)
    assert [d.ref for d in nameless.open_deals] == [d.ref for d in pack.open_deals]
    assert [x.lead_code for x in nameless.leads] == [x.lead_code for x in pack.leads]
    assert [(r.id, r.paid) for r in nameless.mdf_requests] == [
        (r.id, r.paid) for r in pack.mdf_requests
    ]


def test_the_program_pages_items_of_a_partner_without_a_partner_id(
    without_id: Database,
) -> None:
    """The Program page's drill-down asks for a partner by the key its line shows: a name."""
    from app.services.program.returns import return_items

    with without_id.reading() as s:
        items = return_items(s, START, END, "Northwind Traders", "all")
        line = return_report(s, START, END, "Northwind Traders").partners[0]
    assert line.partner == "Northwind Traders"
    assert sum(x.converted or 0 for x in items) == line.spend["all"] == Decimal("5050.00")
