"""The demo tells a coherent story on every new screen: partners that pay back and partners that
do not, revenue sourced and influenced, every kind of program spend, health scores from weak to
strong, and no empty chart on the dashboard for its default period (the current year)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from app.db.engine import Database, open_database
from app.db.models import Partner, Tier
from app.domain.enums import DealStage
from app.domain.program.returns import ReturnReport
from app.services.dashboard.charts import ChartFilter, dashboard_charts
from app.services.demo.fill import DemoSummary, generate_demo
from app.services.program.returns import return_report
from app.services.scorecard.figures import PartnerScorecard
from app.services.scorecard.scorecard import partner_scorecard

TODAY = date(2026, 11, 20)
#: The dashboard's and the Program page's default period: the current calendar year.
START, END = date(TODAY.year, 1, 1), date(TODAY.year, 12, 31)


@dataclass(frozen=True)
class Story:
    db: Database
    summary: DemoSummary
    report: ReturnReport
    cards: dict[str, PartnerScorecard]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Story]:
    """One demo database for the module: the checks only read it."""
    db = open_database(tmp_path_factory.mktemp("story") / "demo.sqlite")
    with db.transaction() as session:
        summary = generate_demo(session, today=TODAY)
    with db.reading() as session:
        report = return_report(session, START, END)
        cards = {
            role: partner_scorecard(session, code, START, END, TODAY)
            for role, code in summary.key_partners
        }
    yield Story(db, summary, report, cards)
    db.dispose()


def test_key_partners_are_gold_or_platinum_with_a_part_each(story: Story) -> None:
    roles = dict(story.summary.key_partners)
    assert set(roles) == {"star", "steady", "spender", "unfunded", "quiet"}
    assert len(set(roles.values())) == 5
    with story.db.reading() as session:
        tiers = session.scalars(
            select(Tier.name)
            .join(Partner, Partner.tier_id == Tier.id)
            .where(Partner.partner_code.in_(roles.values()))
        ).all()
    assert sorted(set(tiers)) <= ["Gold", "Platinum"] and len(tiers) == 5


def test_partners_return_differently(story: Story) -> None:
    """Several partners both won and spent, each with its own ratio; one pays back clearly,
    one spends without return, one wins without spending."""
    lines = {line.partner: line for line in story.report.partners}
    both = [
        line
        for line in lines.values()
        if line.spend["all"] > 0 and line.sourced + line.influenced > 0
    ]
    assert len({line.return_ratio for line in both}) >= 3
    roles = dict(story.summary.key_partners)
    star, spender = lines[roles["star"]], lines[roles["spender"]]
    assert star.return_ratio is not None and star.return_ratio >= 3
    assert spender.spend["all"] > 0 and spender.return_ratio == 0
    unfunded = lines[roles["unfunded"]]
    assert unfunded.sourced > 0 and unfunded.spend["all"] == 0
    assert unfunded.return_ratio is None


def test_revenue_is_sourced_and_influenced(story: Story) -> None:
    program = story.report.program
    assert program.sourced > 0 and program.influenced > 0  # the direct team's deals too
    assert sum(1 for line in story.report.partners if line.influenced > 0) >= 3


def test_every_program_spends(story: Story) -> None:
    spend = story.report.program.spend
    assert all(spend[name] > 0 for name in ("MDF", "SPIF", "Rebate", "Training", "Event"))


def test_the_key_partners_won_every_quarter_and_have_pipeline_at_every_stage(
    story: Story,
) -> None:
    for role in ("star", "steady", "unfunded"):
        card = story.cards[role]
        assert len(card.won) == 4
        assert all(quarter.sourced > 0 for quarter in card.won), role
    assert any(quarter.influenced > 0 for quarter in story.cards["star"].won)
    for role in ("star", "steady", "quiet"):
        stages = {row.stage for row in story.cards[role].pipeline if row.amount > 0}
        open_stages = set(DealStage) - {DealStage.WON, DealStage.LOST}
        assert stages >= open_stages, role
    assert story.cards["spender"].expiring_next_quarter


def test_health_scores_range_from_weak_to_strong(story: Story) -> None:
    scores = {role: card.health.score for role, card in story.cards.items()}
    assert all(score is not None for score in scores.values()), scores
    known = [score for score in scores.values() if score is not None]
    assert max(known) - min(known) >= 40, scores
    assert scores["star"] == max(known) and scores["spender"] == min(known), scores


def test_no_dashboard_chart_is_empty_for_the_default_period(story: Story) -> None:
    with story.db.reading() as session:
        charts = dashboard_charts(session, ChartFilter(START, END, TODAY))
    for name in ("pipeline", "won", "coverage", "funnel", "grades", "program", "overlaps"):
        assert not getattr(charts, name).is_empty, name
