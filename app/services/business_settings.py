"""Reading the shared business settings (company profile, pricing) from table ``setting``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.settings import BusinessSettings


def load_business_settings(session: Session) -> BusinessSettings:
    """The stored settings over their declared defaults; a key never stored keeps its default."""
    stored = {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
    return BusinessSettings().with_values(stored)
