"""One change signal: a mutating operation says which kinds of records it changed.

Each page declares the kinds it shows and reloads only when one of them changed (Anki's
``operation_did_execute``). Opening another database changes everything (``ALL_KINDS``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal


class RecordKind(StrEnum):
    PARTNER = "partner"
    CONTACT = "contact"
    TIER = "tier"
    COURSE = "course"
    TRAINING = "training"
    ACCOUNT = "account"
    CLAIM = "claim"
    DEAL = "deal"
    PRICE_BOOK = "price_book"
    QUOTE = "quote"
    LEAD = "lead"
    PROGRAM = "program"  # spend items, exchange rates, SPIF and rebate rules
    MDF = "mdf"  # market development funds: allocations, requests, their steps and proof
    SETTING = "setting"


ALL_KINDS: frozenset[RecordKind] = frozenset(RecordKind)
#: What the program's return report reads, so what its figures (the Program page, the
#: dashboard's returns, a scorecard) must be read again after: spend items, rates and rules,
#: MDF payments, deals won, accepted quotes with their products' families in the price book
#: (a SPIF accrues by family), courses sold, partners and the reporting currency.
RETURN_KINDS: frozenset[RecordKind] = frozenset(
    {
        RecordKind.PROGRAM,
        RecordKind.MDF,
        RecordKind.DEAL,
        RecordKind.QUOTE,
        RecordKind.PRICE_BOOK,
        RecordKind.TRAINING,
        RecordKind.COURSE,
        RecordKind.PARTNER,
        RecordKind.SETTING,
    }
)


class Changes(QObject):
    """Announces changes; built once by ``launch`` and handed to whoever writes or shows."""

    changed = Signal(object)  # frozenset[RecordKind]

    def announce(self, kinds: Iterable[RecordKind]) -> None:
        """Tell every page that records of ``kinds`` changed (nothing happens for none)."""
        found = frozenset(kinds)
        if found:
            self.changed.emit(found)

    def announce_everything(self) -> None:
        """Another database is open: every page shows stale rows now."""
        self.changed.emit(ALL_KINDS)
