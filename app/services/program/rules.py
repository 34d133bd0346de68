"""SPIF rules and rebate thresholds: the lists the Program page shows and edits, and the two
sheets of the ``programs`` export (SPEC.md, "Program spend and return").

A SPIF rule's name is unique without regard to case, as the import matches it; a rebate rule is
the set of thresholds that share its name, each threshold once per rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import ProductFamily, RebateThreshold, SpifRule
from app.domain.columns import Column, Kind
from app.domain.errors import InputError, NotFoundError
from app.domain.partner_form import valid_or_raise
from app.domain.program.forms import check_rebate, check_spif
from app.services.business_settings import load_business_settings
from app.services.program.editing import opened_record


@dataclass(frozen=True, slots=True)
class SpifRow:
    id: int
    name: str
    family: str
    valid_from: date
    valid_to: date
    amount_per_unit: Decimal
    currency: str
    version: int


@dataclass(frozen=True, slots=True)
class RebateRow:
    id: int
    rule: str
    threshold: Decimal
    percent: Decimal
    currency: str  # the reporting currency the threshold is in
    version: int


SPIF_COLUMNS: tuple[Column[SpifRow], ...] = (
    Column("name", "Name", lambda r: r.name, width=24),
    Column("family", "Product family", lambda r: r.family, width=20),
    Column("valid_from", "From", lambda r: r.valid_from, Kind.DATE, width=12),
    Column("valid_to", "To", lambda r: r.valid_to, Kind.DATE, width=12),
    Column("amount_per_unit", "Amount per unit", lambda r: r.amount_per_unit, Kind.MONEY,
           lambda r: r.currency, width=14),
    Column("currency", "Currency", lambda r: r.currency, width=9),
)  # fmt: skip
REBATE_COLUMNS: tuple[Column[RebateRow], ...] = (
    Column("rule", "Name", lambda r: r.rule, width=24),
    Column("threshold", "Threshold", lambda r: r.threshold, Kind.MONEY, lambda r: r.currency,
           width=16),
    Column("percent", "Percent", lambda r: r.percent, Kind.PERCENT, width=9),
)  # fmt: skip
_SPIF_FIELDS = ("name", "family", "valid_from", "valid_to", "amount_per_unit", "currency")
_REBATE_FIELDS = ("rule", "threshold", "percent")


def list_spif_rules(session: Session, rule_id: int | None = None) -> list[SpifRow]:
    query = (
        select(
            SpifRule.id, SpifRule.name, ProductFamily.name, SpifRule.valid_from, SpifRule.valid_to,
            SpifRule.amount_per_unit, SpifRule.currency, SpifRule.version,
        )
        .join(ProductFamily, ProductFamily.id == SpifRule.family_id)
        .order_by(SpifRule.valid_from, SpifRule.name)
    )  # fmt: skip
    if rule_id is not None:
        query = query.where(SpifRule.id == rule_id)
    return [SpifRow(*row) for row in session.execute(query)]


def list_rebate_thresholds(session: Session, step_id: int | None = None) -> list[RebateRow]:
    reporting = load_business_settings(session).reporting_currency
    query = select(
        RebateThreshold.id, RebateThreshold.rule, RebateThreshold.threshold,
        RebateThreshold.percent, RebateThreshold.version,
    ).order_by(func.lower(RebateThreshold.rule), RebateThreshold.threshold)  # fmt: skip
    if step_id is not None:
        query = query.where(RebateThreshold.id == step_id)
    return [
        RebateRow(step, rule, threshold, percent, reporting, version)
        for step, rule, threshold, percent, version in session.execute(query)
    ]


def program_sheets(session: Session) -> list[tuple[str, Sequence[Any], Sequence[Column[Any]]]]:
    """The ``programs`` workbook: sheet SPIF, then sheet Rebate, as the import reads them."""
    return [
        ("SPIF", list_spif_rules(session), SPIF_COLUMNS),
        ("Rebate", list_rebate_thresholds(session), REBATE_COLUMNS),
    ]


def get_spif_rule(session: Session, rule_id: int) -> SpifRow:
    for row in list_spif_rules(session, rule_id):
        return row
    raise NotFoundError(f"SPIF rule {rule_id} no longer exists; it may have been deleted.")


def get_rebate_threshold(session: Session, step_id: int) -> RebateRow:
    for row in list_rebate_thresholds(session, step_id):
        return row
    raise NotFoundError(f"Rebate threshold {step_id} no longer exists; it may have been deleted.")


def add_spif_rule(session: Session, raw: Mapping[str, object]) -> int:
    rule = SpifRule()
    _apply_spif(session, rule, raw)
    session.add(rule)
    session.flush()
    return rule.id


def update_spif_rule(
    session: Session, opened: SpifRow, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    what = f"SPIF rule {opened.name}"
    rule = opened_record(session, SpifRule, opened, what, get_spif_rule, _SPIF_FIELDS, overwrite)
    _apply_spif(session, rule, raw)
    session.flush()


def delete_spif_rule(session: Session, opened: SpifRow, overwrite: bool = False) -> None:
    what = f"SPIF rule {opened.name}"
    rule = opened_record(session, SpifRule, opened, what, get_spif_rule, _SPIF_FIELDS, overwrite)
    session.delete(rule)
    session.flush()


def add_rebate_threshold(session: Session, raw: Mapping[str, object]) -> int:
    step = RebateThreshold()
    _apply_rebate(session, step, raw)
    session.add(step)
    session.flush()
    return step.id


def update_rebate_threshold(
    session: Session, opened: RebateRow, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    what = f"The {opened.rule} threshold"
    step = opened_record(
        session, RebateThreshold, opened, what, get_rebate_threshold, _REBATE_FIELDS, overwrite
    )
    _apply_rebate(session, step, raw)
    session.flush()


def delete_rebate_threshold(session: Session, opened: RebateRow, overwrite: bool = False) -> None:
    what = f"The {opened.rule} threshold"
    step = opened_record(
        session, RebateThreshold, opened, what, get_rebate_threshold, _REBATE_FIELDS, overwrite
    )
    session.delete(step)
    session.flush()


def _apply_spif(session: Session, rule: SpifRule, raw: Mapping[str, object]) -> None:
    values = valid_or_raise(check_spif(raw))
    name, family = str(values["name"]), str(values["family"])
    clash = session.scalar(
        select(SpifRule.name).where(
            func.lower(SpifRule.name) == name.lower(), SpifRule.id != (rule.id or 0)
        )
    )
    if clash is not None:
        raise InputError(f"SPIF rule {clash} already exists; choose another name.")
    family_id = session.scalar(
        select(ProductFamily.id).where(func.lower(ProductFamily.name) == family.lower())
    )
    if family_id is None:
        raise InputError(f"There is no product family called {family}; choose one from the list.")
    rule.name = name
    rule.family_id = family_id
    rule.valid_from = values["valid_from"]  # type: ignore[assignment]
    rule.valid_to = values["valid_to"]  # type: ignore[assignment]
    rule.amount_per_unit = values["amount_per_unit"]  # type: ignore[assignment]
    rule.currency = str(values["currency"])


def _apply_rebate(session: Session, step: RebateThreshold, raw: Mapping[str, object]) -> None:
    reporting = load_business_settings(session).reporting_currency
    values = valid_or_raise(check_rebate(raw, reporting))
    rule, threshold = str(values["rule"]), values["threshold"]
    assert isinstance(threshold, Decimal)
    clash = session.scalar(
        select(RebateThreshold.rule).where(
            func.lower(RebateThreshold.rule) == rule.lower(),
            RebateThreshold.threshold == threshold,
            RebateThreshold.id != (step.id or 0),
        )
    )
    if clash is not None:
        raise InputError(
            f"Rebate rule {clash} already has a threshold of {threshold.normalize():f}; "
            "change that one."
        )
    step.rule = rule
    step.threshold = threshold
    step.percent = values["percent"]  # type: ignore[assignment]
