"""The shared state of one demo run, and the small date and text helpers every step uses.

The demo world is built in steps (catalogue, partners, accounts and claims, deals, quotes), each in
its own ``demo_*`` module; each step reads what the earlier ones made from a ``DemoState`` and adds
its own objects to it. Everything random comes from the state's one ``random.Random``, and every
date from its ``today``, so the steps must keep running in the same order for the same world.
"""

from __future__ import annotations

import calendar
import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.db.models import (
    Account,
    Claim,
    Contact,
    Course,
    Deal,
    DirectRep,
    Partner,
    Product,
    ProductFamily,
    QuoteRevision,
    Tier,
)
from app.domain.names import fold
from app.domain.settings import BusinessSettings

#: How long a claim stays live: the demo's ``registration_protection_days`` setting.
CLAIM_DAYS = 90


class DemoState:
    """What the demo has built so far; each step uses what the previous ones made."""

    def __init__(self, session: Session, rng: random.Random, today: date) -> None:
        self.session = session
        self.rng = rng
        self.today = today
        self.settings = BusinessSettings()
        self.tiers: dict[str, Tier] = {}
        self.families: dict[str, ProductFamily] = {}
        self.products: dict[str, Product] = {}
        self.courses: dict[str, Course] = {}
        self.reps: list[tuple[DirectRep, tuple[str, ...]]] = []
        self.partners: list[Partner] = []
        self.contacts: list[Contact] = []
        self.accounts: list[Account] = []
        self.by_name: dict[str, Account] = {}
        self.claims: list[Claim] = []
        self.deals: list[tuple[Deal, str]] = []
        self.revisions: list[QuoteRevision] = []
        #: The key partners by their part in the story (``demo.keys``), once chosen.
        self.keys: dict[str, Partner] = {}
        self.counts = {"courses": 0, "products": 0, "prices": 0, "reps": 0, "training": 0}
        self.pending: dict[type[object], list[tuple[dict[str, object], dict[str, object]]]] = {}

    def add(self, *objects: object) -> None:
        self.session.add_all(objects)

    def later(self, model: type[object], values: dict[str, object], **parents: object) -> None:
        """A row of ``model`` that nothing refers to, written with the others of its kind in one
        statement by ``write_later``; ``parents`` name a foreign key column and the object whose
        id it takes (or None), known once the objects are flushed.

        The session writes each object it adds in a statement of its own on SQLite (the new ids
        come back in order only that way), a few thousand statements for the demo; the rows no
        other row points to need no id back, so they go together.
        """
        self.pending.setdefault(model, []).append((values, parents))

    def write_later(self) -> None:
        """Flush the session, then write the rows kept by ``later``, one statement per kind."""
        self.session.flush()
        for model, rows in self.pending.items():
            params = [
                values | {key: getattr(obj, "id", None) for key, obj in parents.items()}
                for values, parents in rows
            ]
            self.session.execute(insert(model), params)
        self.pending.clear()

    def ago(self, n: int) -> date:
        return self.today - days(n)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's end (31 Jan + 1 → 28 Feb)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def utc_at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment on ``day`` in UTC: derived from ``today`` only, so the world stays deterministic."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


_GERMAN_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def to_ascii(text: str, german: bool = False) -> str:
    """Lower-case ASCII letters and digits only: ``Åberg`` → ``aberg``, for e-mails and hosts;
    German speakers write ``Müller`` as ``mueller``, not ``muller``."""
    if german:
        text = text.translate(_GERMAN_SPELLING)
    folded = fold(text).casefold().replace("ø", "o").replace("æ", "ae")
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())
