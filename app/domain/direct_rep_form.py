"""The rules of a direct rep's own fields: a name (required) and an optional e-mail.

Reps are named in the accounts import, the account and claim dialogs and the deal parties by
their name (or e-mail), so two reps may not share either: the import could not tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.importing import values as v
from app.domain.partner_form import Checked, check_fields, limited

REP_FIELDS = ("name", "email")
REP_LABELS = {"name": "Name", "email": "E-mail"}
#: What each text column holds at most (the database's column lengths).
REP_LENGTHS = {"name": 200, "email": 250}


def check_rep(raw: Mapping[str, object]) -> Checked:
    """(values ready to store, {field: message}) for the rep fields present in ``raw``."""
    parsers = limited({"name": v.text, "email": v.email}, REP_LENGTHS)
    return check_fields(raw, REP_FIELDS, parsers, REP_LABELS)


def rep_key(text: str) -> str:
    """How a rep's name or e-mail is matched: spaces folded, case ignored (as the import does)."""
    return " ".join(text.split()).casefold()
