"""The return report quarter by quarter from one read: the same reports as reading each quarter
on its own, for the dashboard's charts and the scorecard, and one read where there were one per
quarter. One partner's coverage is its row of the whole matrix, read alone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import app.services.program.returns as returns
from app.db.engine import Database
from app.db.models import Partner
from app.domain.quarters import quarters_in
from app.services.dashboard.charts import ChartFilter, dashboard_charts
from app.services.demo.fill import generate_demo
from app.services.program.returns import period_reports, return_report
from app.services.scorecard.scorecard import partner_scorecard
from app.services.training.coverage import coverage_matrix

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from app.db.engine import open_database

    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    with db.transaction() as session:
        generate_demo(session, today=TODAY)
    yield db
    db.dispose()


def busiest_partners(session: Session) -> list[str]:
    """Two partners with won revenue and spend in the demo, by their Partner ID."""
    year = return_report(session, TODAY - timedelta(days=730), TODAY)
    lines = sorted(year.partners, key=lambda line: -(line.sourced + line.influenced))
    return [line.partner for line in lines[:2] if line.partner is not None]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 1, 1), date(2026, 12, 31)),  # eight whole quarters
        (date(2025, 2, 15), date(2026, 8, 10)),  # cut at both ends: rebates of a cut quarter
    ],
)
def test_quarters_read_once_are_the_quarters_read_one_by_one(
    demo: Database, start: date, end: date
) -> None:
    with demo.reading() as session:
        periods = [(first, last) for first, last, _ in quarters_in(start, end)]
        for partner in (None, *busiest_partners(session)):
            once = period_reports(session, [(start, end), *periods], partner)
            apart = [return_report(session, s, e, partner) for s, e in [(start, end), *periods]]
            assert once == apart, partner
        assert any(r.program.sourced for r in apart) and any(r.program.spend["all"] for r in apart)


def counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[date, date]]:
    reads: list[tuple[date, date]] = []
    real = returns._read

    def read(session: Session, start: date, end: date) -> returns._Inputs:
        reads.append((start, end))
        return real(session, start, end)

    monkeypatch.setattr(returns, "_read", read)
    return reads


def test_the_dashboard_reads_the_program_once_for_all_its_quarters(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = counted_reads(monkeypatch)
    with demo.reading() as session:
        charts = dashboard_charts(session, ChartFilter(date(2025, 1, 1), TODAY, TODAY))
    assert reads == [(date(2025, 1, 1), TODAY)]
    assert len(charts.won.categories) == 8


def test_the_scorecard_reads_the_program_once_for_its_period_and_quarters(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with demo.reading() as session:
        partner = busiest_partners(session)[0]
        reads = counted_reads(monkeypatch)
        card = partner_scorecard(session, partner, date(2026, 1, 1), TODAY, TODAY)
    assert reads == [(date(2026, 1, 1), TODAY)]
    assert len(card.won) == 4 and sum(q.sourced + q.influenced for q in card.won) > 0


def test_one_partner_s_coverage_is_its_row_of_the_whole_matrix(demo: Database) -> None:
    with demo.reading() as session:
        whole = coverage_matrix(session, TODAY)
        ids = session.scalars(select(Partner.id).order_by(Partner.id)).all()
        for partner_id in ids:
            alone = coverage_matrix(session, TODAY, partner=partner_id)
            assert alone.families == whole.families
            assert alone.rows == [row for row in whole.rows if row.partner_id == partner_id]
    assert any(cell.holders for row in whole.rows for cell in row.cells)


def test_the_quarters_are_worked_out_with_the_cycle_collector_paused(
    demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rows as one return report, read for several quarters at once: the collector
    waits until they are worked out, as it does for the report (``app.services.gc_pause``)."""
    seen: list[bool] = []
    work_out = returns.period_returns

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return work_out(*args, **kwargs)

    monkeypatch.setattr(returns, "period_returns", watched)
    with demo.reading() as session:
        period_reports(session, [(date(2026, 1, 1), date(2026, 3, 31))])
    assert seen == [False]
    assert gc.isenabled()
