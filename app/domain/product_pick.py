"""Which product a person means by what they typed in a quote's SKU field.

The field offers "SKU — name" entries, but people also type a SKU in any case, a product's full
name, or a piece of it. Each of these picks exactly one SKU or is refused with a sentence that
says what to do, so no line is ever added for a product that does not exist (a line that would
turn every figure of the quote into "—").
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.errors import InputError

#: What separates the SKU from the name in an entry the field offers.
ENTRY_SEPARATOR = " — "


def entry(sku: str, name: str) -> str:
    """How the field offers a product: ``CD-100 — Edge router``."""
    return f"{sku}{ENTRY_SEPARATOR}{name}"


def pick_sku(typed: str, products: Sequence[tuple[str, str]]) -> str:
    """The SKU of the one product ``typed`` names among ``products`` (SKU, name): an offered
    entry, a SKU or a full name in any case, else the one product whose SKU or name contains
    the text. Refused (``InputError``) when none or several match."""
    text = " ".join(typed.split())
    if not text:
        raise InputError("Type a SKU or a product's name.")
    wanted = text.split(ENTRY_SEPARATOR)[0].strip().casefold()
    for sku, _name in products:
        if sku.casefold() == wanted:
            return sku
    folded = text.casefold()
    named = [sku for sku, name in products if " ".join(name.split()).casefold() == folded]
    if len(named) == 1:
        return named[0]
    found = named or [
        sku for sku, name in products if folded in sku.casefold() or folded in name.casefold()
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"No product is called '{text}': type its SKU or pick one from the list.")
    shown = ", ".join(found[:4]) + (", …" if len(found) > 4 else "")
    raise InputError(f"'{text}' matches {len(found)} products ({shown}): pick one from the list.")
