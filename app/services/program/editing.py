"""What saving or deleting any program record shares: finding the record the user opened, and
telling them what someone else changed since (SPEC.md's concurrent edits), never losing it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.domain.errors import ConflictError, NotFoundError

Model = TypeVar("Model")


def opened_record(
    session: Session,
    model: type[Model],
    opened: Any,
    what: str,
    read: Callable[[Session, int], Any],
    fields: Sequence[str],
    overwrite: bool,
) -> Model:
    """The stored record of the row ``opened`` (with ``id`` and ``version``); a
    ``NotFoundError`` when it was deleted, a ``ConflictError`` naming the fields someone else
    changed since it was read (unless ``overwrite``)."""
    record = session.get(model, opened.id)
    if record is None:
        raise NotFoundError(f"{what} was deleted by someone else; nothing was saved.")
    if record.version != opened.version and not overwrite:  # type: ignore[attr-defined]
        stored = read(session, opened.id)
        changed = {
            name: (getattr(opened, name), getattr(stored, name))
            for name in fields
            if getattr(opened, name) != getattr(stored, name)
        }
        raise ConflictError(STALE_MESSAGE, changed)
    return record
