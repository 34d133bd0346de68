"""The rules of an account's own fields, for every path that makes or edits one.

The account dialog, the claim dialog (which may create the account it claims) and the claims
import (which creates the accounts its rows name) read a name, website, country and city through
these parsers, so an account is held to one standard however it arrives.
"""

from __future__ import annotations

from app.domain.importing import values as v
from app.domain.partner_form import Parser, limited

#: What each text column holds at most (the database's column lengths).
ACCOUNT_LENGTHS = {"name": 200, "website": 250, "city": 120}


def account_parsers() -> dict[str, Parser]:
    """How an account's name, website, country and city are read."""
    return limited(
        {"name": v.text, "website": v.website, "country": v.country, "city": v.text},
        ACCOUNT_LENGTHS,
    )
