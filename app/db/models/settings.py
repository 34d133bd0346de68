"""Settings kept in the database, shared by everyone who uses it (company profile, pricing).

Stored as text by key; ``app.domain.settings`` declares each key once with its type and default.
"""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Versioned


class Setting(Versioned, Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
