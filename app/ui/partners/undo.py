"""Undo and redo of saved partner edits (Edit › Undo, Ctrl+Z on the partners page).

A saved edit is already in the database, so undoing it is another save: the fields the edit
changed go back to their old values. If someone changed one of those fields since, undoing would
silently drop their change, so the undo is refused with a message instead.
"""

from __future__ import annotations

from app.domain.errors import ConflictError
from app.domain.partner_form import LABELS
from app.domain.websites import same_value
from app.services.partners.edit import get_partner, update_partner
from app.services.store import Database, Session
from app.ui.saved_edit import Done, SavedEdit, possessive

Values = dict[str, object]


class PartnerEdit(SavedEdit[Values]):
    """One saved edit of one partner: the changed fields' values before and after."""

    def __init__(
        self, db: Database, partner_id: int, name: str, before: Values, after: Values, done: Done
    ) -> None:
        changed = [f for f in after if not same_value(f, before.get(f), after.get(f))]
        super().__init__(
            db,
            edit_text(name, changed),
            {f: before.get(f) for f in changed},
            {f: after.get(f) for f in changed},
            done,
        )
        self.partner_id = partner_id

    def write(self, session: Session, expected: Values, wanted: Values) -> None:
        current = get_partner(session, self.partner_id)
        values = current.values()
        moved = [f for f, v in expected.items() if not same_value(f, values.get(f), v)]
        if moved:
            fields = ", ".join(LABELS.get(f, f) for f in moved)
            raise ConflictError(
                f"{current.name} was changed by someone else since ({fields}); "
                "undoing would overwrite their change, so nothing was changed."
            )
        update_partner(session, current, {**values, **wanted})


def edit_text(name: str, fields: list[str]) -> str:
    """What the Edit menu says the step is: "edit of Bluepeak Solutions' tier", "… tier and
    city", "… 4 fields"."""
    labels = [LABELS.get(f, f).lower() for f in fields]
    if not labels:
        return f"edit of {name}"
    if len(labels) <= 2:
        return f"edit of {possessive(name)} {' and '.join(labels)}"
    return f"edit of {possessive(name)} {len(labels)} fields"
