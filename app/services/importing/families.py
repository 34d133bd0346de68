"""Product families as the imports name them: by name, in any case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import ProductFamily
from app.domain.importing.report import change_text
from app.services.importing.common import Changes


class Families:
    """The product families a course or a lead can name, found by name in any case; the
    message for an unknown one lists the known ones (or says how to add the first)."""

    def __init__(self, session: Session) -> None:
        self.by_id: dict[int, str] = {
            family_id: name
            for family_id, name in session.execute(select(ProductFamily.id, ProductFamily.name))
        }
        self.by_name = {name.casefold(): family_id for family_id, name in self.by_id.items()}

    def find(self, name: str) -> int | None:
        return self.by_name.get(name.strip().casefold())

    def unknown(self) -> str:
        if not self.by_id:
            return (
                "is not a known product family: import the price book (or add the product "
                "family) first, or leave the cell empty"
            )
        names = ", ".join(sorted(self.by_id.values(), key=str.casefold))
        return f"is not a known product family: use one of {names}"

    def raw(self, stored: Mapping[str, Any]) -> dict[str, object]:
        """A stored course as the course rule reads it: what a column the file lacks keeps."""
        from app.domain.course_form import COURSE_FIELDS

        raw = {name: stored[name] for name in COURSE_FIELDS if name in stored}
        family_id = stored.get("family_id")
        raw["family"] = self.by_id.get(family_id) if family_id is not None else None
        return raw

    def shown(self, changes: Changes, labels: Mapping[str, str] | None = None) -> str:
        """The changes as the preview says them: the product family by name."""
        shown = {name: change for name, change in changes.items() if name != "family_id"}
        if "family_id" in changes:
            old, new = changes["family_id"]
            shown["family"] = (self._name(old), self._name(new))
        from app.domain.course_form import LABELS

        return change_text(shown, labels or LABELS)

    def _name(self, family_id: object) -> str | None:
        return self.by_id.get(family_id) if isinstance(family_id, int) else None
