"""The scorecard's charts carry the card's own figures, in its reporting currency, and say
what they left out: the tab and the quarterly review PDF draw exactly these; its figures are
written out as the screens write money, rates and ratios."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.enums import DealStage
from app.domain.scorecard.health import HealthFigures, health_score
from app.domain.training import CoverageState
from app.io.charts.spec import ValueKind
from app.services.scorecard.charts import scorecard_charts
from app.services.scorecard.figures import (
    FamilyCertification,
    LeadFigures,
    PartnerScorecard,
    QuarterRevenue,
    StageAmount,
)
from app.services.scorecard.summary import LABELS, summary_lines


def card(**changes: object) -> PartnerScorecard:
    values: dict[str, object] = {
        "partner_code": "P-1",
        "partner": "Northwind",
        "start": date(2026, 1, 1),
        "end": date(2026, 6, 30),
        "today": date(2026, 6, 30),
        "currency": "USD",
        "won": (
            QuarterRevenue(
                "2026 Q1", date(2026, 1, 1), date(2026, 3, 31), Decimal("10.50"), Decimal(0)
            ),
            QuarterRevenue(
                "2026 Q2", date(2026, 4, 1), date(2026, 6, 30), Decimal(3), Decimal("4.25")
            ),
        ),
        "won_not_converted": 2,
        "pipeline": (
            StageAmount(DealStage.REGISTERED, Decimal("1.01")),
            StageAmount(DealStage.QUALIFIED, Decimal(0)),
        ),
        "pipeline_not_converted": 0,
        "certifications": (
            FamilyCertification("Analytics", 3, CoverageState.VALID, True),
            FamilyCertification("Storage", 0, CoverageState.NONE, True),
            FamilyCertification("Network", 0, CoverageState.NONE, False),
        ),
        "expiring_next_quarter": (),
        "leads": LeadFigures(9, 6, 2, Decimal("0.6667"), Decimal("1.1")),
        "mdf": (),
        "mdf_available": (),
        "spend": Decimal(0),
        "return_ratio": None,
        "open_claims": (),
        "overlaps": (),
        "health": health_score(HealthFigures()),
    }
    values.update(changes)
    return PartnerScorecard(**values)  # type: ignore[arg-type]


def test_each_chart_holds_the_cards_figures() -> None:
    charts = scorecard_charts(card())
    assert [name for name, _spec in charts] == ["revenue", "pipeline", "certifications", "leads"]
    revenue = charts.revenue
    assert revenue.categories == ("2026 Q1", "2026 Q2") and revenue.kind == "stacked"
    assert [s.name for s in revenue.series] == ["Sourced", "Influenced"]
    assert revenue.series[0].values == (Decimal("10.50"), Decimal(3))
    assert revenue.series[1].values == (Decimal(0), Decimal("4.25"))
    assert (revenue.value_kind, revenue.currency) == (ValueKind.MONEY, "USD")
    assert revenue.note == "2 without an exchange rate left out"
    pipeline = charts.pipeline
    assert pipeline.categories == (DealStage.REGISTERED.label, DealStage.QUALIFIED.label)
    assert pipeline.series[0].values == (Decimal("1.01"), Decimal(0))
    assert pipeline.currency == "USD" and pipeline.note == "open deals on 2026-06-30"
    certified = charts.certifications
    assert certified.categories == ("Analytics", "Storage", "Network")
    assert certified.series[0].values == (3, 0, 0)
    assert certified.note == "sold with nobody certified: Storage"
    assert charts.leads.categories == ("Received", "Accepted", "Converted")
    assert charts.leads.series[0].values == (9, 6, 2)


def test_a_partner_with_nothing_yet_gets_charts_that_say_so() -> None:
    charts = scorecard_charts(
        card(
            won=(),
            won_not_converted=0,
            pipeline=(),
            pipeline_not_converted=3,
            certifications=(),
            leads=None,
        )
    )
    assert all(spec.is_empty for _name, spec in charts)
    assert charts.revenue.note == "" and charts.certifications.note == ""
    assert charts.pipeline.note.endswith("; 3 without an exchange rate left out")
    assert charts.leads.empty_text == "No lead was sent to this partner in this period."


def test_the_figures_are_written_as_the_product_writes_them() -> None:
    lines = {line.key: line.text for line in summary_lines(card())}
    assert list(lines) == list(LABELS)
    assert lines["won"] == "USD 17.75 (2 without an exchange rate left out)"
    assert lines["won_split"] == "USD 13.50 / USD 4.25"
    assert lines["pipeline"] == "USD 1.01"
    assert lines["families"] == "1 of 3" and lines["uncovered"] == "Storage"
    assert lines["leads"] == "9 / 6 / 2"
    assert (lines["acceptance"], lines["grade_index"]) == ("67%", "1.1000")
    assert lines["mdf"] == "no allocation in this period"
    assert (lines["spend"], lines["return_ratio"]) == ("USD 0.00", "nothing spent")
    assert (lines["claims"], lines["overlaps"]) == ("0", "none")
    nothing = {line.key: line.text for line in summary_lines(card(leads=None, certifications=()))}
    assert nothing["leads"] == "none in this period" and nothing["acceptance"] == "—"
    assert nothing["families"] == "no product family certifies"
