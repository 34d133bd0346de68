"""Courses and certifications, and who completed them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import currency_check, non_negative
from app.db.models.catalog import ProductFamily
from app.db.models.partners import Contact
from app.db.types import Money


class Course(Versioned, Base):
    """A training offering for a product family; a certification may expire after N months."""

    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint("valid_months IS NULL OR valid_months >= 1", name="valid_months"),
        currency_check(),
        non_negative("cost_per_seat"),
        CheckConstraint("cost_per_seat IS NULL OR currency IS NOT NULL", name="cost_has_currency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_family.id", ondelete="RESTRICT"), index=True
    )
    certifies: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_months: Mapped[int | None] = mapped_column(doc="None: never expires")
    cost_per_seat: Mapped[Decimal | None] = mapped_column(Money, doc="What one seat costs")
    currency: Mapped[str | None] = mapped_column(String(3))

    family: Mapped[ProductFamily | None] = relationship()


class TrainingRecord(Versioned, Base):
    """A contact completed a course on a date, passed or not, valid until a date."""

    __tablename__ = "training_record"
    __table_args__ = (
        UniqueConstraint("contact_id", "course_id", "completed_on"),
        CheckConstraint("valid_until IS NULL OR valid_until >= completed_on", name="valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="RESTRICT"), index=True
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="RESTRICT"), index=True)
    completed_on: Mapped[date]
    passed: Mapped[bool] = mapped_column(Boolean, default=True)
    valid_until: Mapped[date | None] = mapped_column(index=True)

    contact: Mapped[Contact] = relationship()
    course: Mapped[Course] = relationship()
