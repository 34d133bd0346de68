"""Small helpers shared by the model modules: enum columns and CHECK constraints."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Enum

from app.db.types import Percent


def enum_column_type(enum: type[StrEnum], name: str) -> Enum:
    """A portable enum: VARCHAR plus a named CHECK of the allowed values, stored by value."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def percent_check(column: str) -> CheckConstraint:
    """``column`` holds a percentage in 0..100 (stored scaled, see ``app.db.types``)."""
    top = Percent.scaled(Decimal(100))
    return CheckConstraint(f"{column} >= 0 AND {column} <= {top}", name=f"{column}_percent")


def currency_check(column: str = "currency") -> CheckConstraint:
    """Three upper-case letters (ISO 4217)."""
    return CheckConstraint(f"length({column}) = 3 AND upper({column}) = {column}", name=column)


def non_negative(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} >= 0", name=f"{column}_non_negative")
