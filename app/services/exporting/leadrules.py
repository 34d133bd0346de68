"""``export leadrules``: the lead rules as the workbook the ``leadrules`` import reads.

Three sheets under the import's own headers: Grades (every grade and its route, an ungraded lead
written ``none``), Tier weights (the tiers the rules list; a tier left out weighs 1, and leaving
it out of the file keeps it so) and Settings (one row of values). Importing the file again
changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Tier
from app.domain.columns import Column, Kind
from app.domain.importing.fields import SHEET_FIELDS
from app.domain.leads.rules import GRADES
from app.services.leads.rules import read_lead_rules

Sheet = tuple[str, Sequence[Any], Sequence[Column[Any]]]


@dataclass(frozen=True, slots=True)
class GradeRoute:
    grade: str
    route: str


@dataclass(frozen=True, slots=True)
class TierWeight:
    tier: str
    weight: int


GRADE_COLUMNS: tuple[Column[GradeRoute], ...] = (
    Column("grade", "Grade", lambda r: r.grade, width=8),
    Column("route", "Route", lambda r: r.route, width=12),
)
WEIGHT_COLUMNS: tuple[Column[TierWeight], ...] = (
    Column("tier", "Tier", lambda r: r.tier, width=16),
    Column("weight", "Weight", lambda r: r.weight, Kind.INTEGER, width=8),
)


def _setting_column(name: str, label: str) -> Column[Any]:
    return Column(name, label, lambda rules: getattr(rules, name), Kind.INTEGER, width=14)


SETTING_COLUMNS: tuple[Column[Any], ...] = tuple(
    _setting_column(f.name, f.label) for f in SHEET_FIELDS["leadrules"]["Settings"]
)


def lead_rules_sheets(session: Session) -> list[Sheet]:
    """(title, rows, columns) of the Grades, Tier weights and Settings sheets."""
    rules = read_lead_rules(session)
    grades = [GradeRoute(grade, rules.routes[grade]) for grade in GRADES]
    order = {name: index for index, name in enumerate(session.scalars(
        select(Tier.name).order_by(Tier.rank, Tier.name)
    ))}  # fmt: skip
    weights = sorted(
        (TierWeight(name, weight) for name, weight in rules.tier_weights.items()),
        key=lambda row: (order.get(row.tier, len(order)), row.tier),
    )
    return [
        ("Grades", grades, GRADE_COLUMNS),
        ("Tier weights", weights, WEIGHT_COLUMNS),
        ("Settings", [rules], SETTING_COLUMNS),
    ]
