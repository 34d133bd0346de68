"""The demo world's partner program: every amount converts into the reporting currency, and the
Program page has spend, rebates and won revenue to show from the first start."""

from __future__ import annotations

from datetime import date, timedelta

from app.db.engine import Database
from app.services.program.returns import return_report
from tests.support.db_templates import DemoLike

TODAY = date(2026, 11, 20)


def test_the_demo_program_converts_everything_and_earns_its_keep(
    sqlite_db: Database, demo_like: DemoLike
) -> None:
    with demo_like(sqlite_db, TODAY).reading() as s:
        report = return_report(s, TODAY - timedelta(days=365), TODAY)
    assert report.not_converted == ()
    program = report.program
    assert all(program.spend[name] > 0 for name in ("MDF", "Rebate", "Event", "Other"))
    assert program.sourced > 0 and program.return_ratio is not None
    assert sum(line.spend["all"] for line in report.partners) < program.spend["all"]  # + wide
