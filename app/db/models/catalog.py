"""The price book: product families, SKUs, dated list prices per currency, volume breaks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Versioned
from app.db.models._columns import currency_check, non_negative, percent_check
from app.db.types import Money, Percent


class ProductFamily(Versioned, Base):
    __tablename__ = "product_family"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Product(Versioned, Base):
    """A SKU."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(250))
    description: Mapped[str | None] = mapped_column(Text)
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_family.id", ondelete="RESTRICT"), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    family: Mapped[ProductFamily | None] = relationship()
    prices: Mapped[list[Price]] = relationship(back_populates="product")


class Price(Versioned, Base):
    """The list price of a SKU in one currency from a date on (until a later one takes over)."""

    __tablename__ = "price"
    __table_args__ = (
        UniqueConstraint("product_id", "currency", "effective_from"),
        currency_check(),
        non_negative("list_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("product.id", ondelete="RESTRICT"), index=True
    )
    currency: Mapped[str] = mapped_column(String(3))
    list_price: Mapped[Decimal] = mapped_column(Money)
    effective_from: Mapped[date]

    product: Mapped[Product] = relationship(back_populates="prices")


class VolumeBreak(Versioned, Base):
    """A discount from a minimum quantity on, for one SKU or for a whole product family."""

    __tablename__ = "volume_break"
    __table_args__ = (
        CheckConstraint("(product_id IS NULL) <> (family_id IS NULL)", name="product_or_family"),
        CheckConstraint("min_qty >= 1", name="min_qty"),
        percent_check("discount_pct"),
        UniqueConstraint("product_id", "min_qty"),
        UniqueConstraint("family_id", "min_qty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("product.id", ondelete="RESTRICT"), index=True
    )
    family_id: Mapped[int | None] = mapped_column(
        ForeignKey("product_family.id", ondelete="RESTRICT"), index=True
    )
    min_qty: Mapped[int]
    discount_pct: Mapped[Decimal] = mapped_column(Percent)

    product: Mapped[Product | None] = relationship()
    family: Mapped[ProductFamily | None] = relationship()
