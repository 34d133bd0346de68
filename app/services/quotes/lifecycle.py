"""Moving a quote through its life: approve, issue, revise, save a draft, send, accept, expire.

Each step names the revision the user was looking at. The quote is locked first (a row lock on
PostgreSQL, the write lock on SQLite), then read again, so two people acting on the same quote
at once are served one after the other: the second learns what the first did ("changed
meanwhile") instead of overwriting it. An issued revision's figures are never touched again;
only its lifecycle facts (sent, accepted, expired) are recorded on it. Nothing is committed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from app.db.models import Deal, Quote, QuoteRevision
from app.domain.enums import QuoteStatus
from app.domain.errors import ConflictError, InputError, NotFoundError, RefusedError
from app.domain.pricing import LineRequest
from app.domain.quote_lifecycle import OPEN, RevisionState, Step, acceptance_refusal, refusal
from app.domain.text_rules import printable
from app.services.business_settings import load_business_settings
from app.services.quotes.pricing import (
    Priced,
    fill_revision,
    new_revision,
    price_for,
    snapshot_json,
)

#: Steps that act on the newest revision only; sending and accepting act on the newest issued one.
_ON_LATEST = frozenset({Step.EDIT, Step.APPROVE, Step.ISSUE, Step.REVISE})


@dataclass(frozen=True, slots=True)
class DraftChange:
    """What the editor may change on a draft revision (partner and account stay the quote's)."""

    quote_date: date
    currency: str
    tax_rate_pct: Decimal | None
    lines: tuple[LineRequest, ...]
    deal_id: int | None


def lock_quote(session: Session, number: str) -> Quote:
    """Quote ``number`` (any case), held until the transaction ends; read after the lock."""
    wanted = number.strip().upper()
    query = select(Quote).where(func.upper(Quote.number) == wanted)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    else:  # an UPDATE that matches nothing still takes SQLite's write lock, before any read
        session.execute(
            update(Quote).where(Quote.id == -1).values(sequence=Quote.sequence),
            execution_options={"synchronize_session": False},
        )
    quote = session.scalar(query.execution_options(populate_existing=True))
    if quote is None:
        raise NotFoundError(f"There is no quote {printable(number.strip(), one_line=True)}.")
    return quote


def revisions_of(session: Session, quote_id: int) -> list[QuoteRevision]:
    query = (
        select(QuoteRevision)
        .where(QuoteRevision.quote_id == quote_id)
        .order_by(QuoteRevision.revision)
        .options(selectinload(QuoteRevision.lines))
        .execution_options(populate_existing=True)
    )
    return list(session.scalars(query))


def state_of(quote: Quote, revisions: list[QuoteRevision], rev: QuoteRevision) -> RevisionState:
    later_issued = any(r.revision > rev.revision and r.issued_at for r in revisions)
    return RevisionState(
        number=quote.number,
        revision=rev.revision,
        status=rev.status,
        approved=rev.approved_by is not None,
        valid_until=rev.valid_until,
        latest=rev.revision == revisions[-1].revision,
        superseded=later_issued,
        quote_date=rev.quote_date,
        accepted_on=rev.accepted_on,
    )


def revision_state(session: Session, number: str, revision: int) -> RevisionState:
    """The lifecycle state of one revision, for a screen to enable its buttons."""
    wanted = number.strip().upper()
    quote = session.scalar(select(Quote).where(func.upper(Quote.number) == wanted))
    if quote is None:
        raise NotFoundError(f"There is no quote {printable(number.strip(), one_line=True)}.")
    revisions = revisions_of(session, quote.id)
    rev = next((r for r in revisions if r.revision == revision), None)
    if rev is None:
        raise NotFoundError(f"Quote {quote.number} has no revision {revision}.")
    return state_of(quote, revisions, rev)


def _begin(
    session: Session, number: str, revision: int, step: Step, today: date
) -> tuple[Quote, QuoteRevision]:
    """Lock the quote, find the revision, and refuse the step if the rules do not allow it."""
    quote = lock_quote(session, number)
    revisions = revisions_of(session, quote.id)
    rev = next((r for r in revisions if r.revision == revision), None)
    if rev is None:
        raise NotFoundError(f"Quote {quote.number} has no revision {revision}.")
    latest = revisions[-1]
    if step in _ON_LATEST and latest is not rev:
        raise ConflictError(
            f"{quote.number} changed meanwhile: rev {latest.revision} "
            f"({latest.status.label.lower()}) is the latest now. Reload and try again."
        )
    why = refusal(state_of(quote, revisions, rev), step, today)
    if why is not None:
        raise RefusedError(why)
    return quote, rev


def approve_revision(
    session: Session, number: str, revision: int, approver: str, now: datetime | None = None
) -> None:
    """Record that ``approver`` allows the special discounts above the limit; it can be issued."""
    when = now or datetime.now(UTC)
    if not approver.strip():
        raise InputError("Say who approves the quote.")
    _quote, rev = _begin(session, number, revision, Step.APPROVE, when.date())
    rev.approved_by, rev.approved_at = approver.strip()[:120], when
    rev.status = QuoteStatus.DRAFT
    session.flush()


def issue_revision(
    session: Session, number: str, revision: int, now: datetime | None = None
) -> QuoteStatus:
    """Price the draft once more and freeze it: figures, snapshot and issue time never change
    after this. A special discount above the limit needs a recorded approval first."""
    when = now or datetime.now(UTC)
    quote, rev = _begin(session, number, revision, Step.ISSUE, when.date())
    settings = load_business_settings(session)
    requests = tuple(LineRequest(ln.sku, ln.quantity, ln.special_pct) for ln in rev.lines)
    priced = price_for(
        session, quote.partner_id, quote.account_id, rev.currency, rev.quote_date, rev.tax_rate,
        requests, settings,
    )  # fmt: skip
    if priced.priced.needs_approval and rev.approved_by is None:
        raise RefusedError(f"{quote.number} rev {rev.revision} needs approval first.")
    fill_revision(rev, priced, settings)
    rev.snapshot = snapshot_json(
        session, quote.partner_id, quote.account_id, priced.tier_id, priced.terms, settings
    )
    rev.status, rev.issued_at = QuoteStatus.ISSUED, when
    session.flush()
    return rev.status


def revise_quote(session: Session, number: str, revision: int, today: date) -> int:
    """Start the next revision as a draft with the same lines, priced for ``today``.

    The revision it copies stays exactly as issued. Returns the new revision's number.
    """
    quote, rev = _begin(session, number, revision, Step.REVISE, today)
    settings = load_business_settings(session)
    requests = tuple(LineRequest(ln.sku, ln.quantity, ln.special_pct) for ln in rev.lines)
    try:
        priced = price_for(
            session, quote.partner_id, quote.account_id, rev.currency, today, rev.tax_rate,
            requests, settings,
        )  # fmt: skip
    except InputError as exc:
        raise InputError(f"{quote.number} cannot be revised for {today}: {exc}") from None
    status = QuoteStatus.NEEDS_APPROVAL if priced.priced.needs_approval else QuoteStatus.DRAFT
    draft = new_revision(quote, rev.revision + 1, priced, status, settings)
    session.add(draft)
    session.flush()
    return draft.revision


def save_draft(
    session: Session, number: str, revision: int, change: DraftChange, expected_version: int
) -> QuoteStatus:
    """Price ``change`` into the draft revision. A save over someone else's newer save is
    refused (``expected_version`` is the version the editor opened); a change that still needs
    approval needs it again."""
    quote, rev = _begin(session, number, revision, Step.EDIT, change.quote_date)
    if rev.version != expected_version:
        raise ConflictError(
            f"{quote.number} rev {rev.revision} was changed by someone else since you opened it; "
            "close the editor, reopen the quote and make your change again."
        )
    if change.deal_id is not None:
        check_deal(session, quote.account_id, change.deal_id)
    settings = load_business_settings(session)
    priced: Priced = price_for(
        session, quote.partner_id, quote.account_id, change.currency, change.quote_date,
        change.tax_rate_pct, change.lines, settings,
    )  # fmt: skip
    fill_revision(rev, priced, settings)
    quote.deal_id = change.deal_id
    needs = priced.priced.needs_approval
    rev.status = QuoteStatus.NEEDS_APPROVAL if needs else QuoteStatus.DRAFT
    rev.approved_by = rev.approved_at = None
    rev.updated_at = datetime.now(UTC)  # always a new version, even when only lines changed
    session.flush()
    return rev.status


def revision_version(session: Session, number: str, revision: int) -> tuple[int, int | None, int]:
    """The revision's version (for a later ``save_draft``), the quote's deal and account."""
    row = session.execute(
        select(QuoteRevision.version, Quote.deal_id, Quote.account_id)
        .join(Quote, Quote.id == QuoteRevision.quote_id)
        .where(func.upper(Quote.number) == number.strip().upper())
        .where(QuoteRevision.revision == revision)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"Quote {number} has no revision {revision}.")
    return int(row.version), row.deal_id, int(row.account_id)


def mark_sent(
    session: Session, number: str, revision: int, sent_to: str, now: datetime | None = None
) -> None:
    """Record that the issued revision went to ``sent_to`` now (sending again records the
    latest sending)."""
    when = now or datetime.now(UTC)
    _quote, rev = _begin(session, number, revision, Step.SEND, when.date())
    rev.status, rev.sent_at, rev.sent_to = QuoteStatus.SENT, when, sent_to.strip()
    session.flush()


def mark_accepted(
    session: Session, number: str, revision: int, on: date, today: date | None = None
) -> None:
    """The partner accepted the issued (or sent) revision on the day ``on``: it is accepted,
    if it was on offer that day (``acceptance_refusal``); ``today`` bars a day to come."""
    quote = lock_quote(session, number)
    revisions = revisions_of(session, quote.id)
    rev = next((r for r in revisions if r.revision == revision), None)
    if rev is None:
        raise NotFoundError(f"Quote {quote.number} has no revision {revision}.")
    why = acceptance_refusal(state_of(quote, revisions, rev), on, today)
    if why is not None:
        raise RefusedError(why)
    rev.status, rev.accepted_on = QuoteStatus.ACCEPTED, on
    session.flush()


def latest_revision_number(session: Session, number: str) -> int:
    """The number of the quote's newest revision that was issued, else of its newest one: the
    revision a partner accepts when a command names only the quote."""
    quote = lock_quote(session, number)
    revisions = revisions_of(session, quote.id)
    issued = [r for r in revisions if r.issued_at is not None]
    return (issued or revisions)[-1].revision


def expire_lapsed(session: Session, today: date) -> list[str]:
    """Every issued or sent revision whose valid-until day has passed becomes expired;
    returns their names (``Q-2026-00001 rev 1``)."""
    lapsed = session.scalars(
        select(QuoteRevision)
        .where(QuoteRevision.status.in_(sorted(OPEN)), QuoteRevision.valid_until < today)
        .options(selectinload(QuoteRevision.quote))
    ).all()
    for rev in lapsed:
        rev.status = QuoteStatus.EXPIRED
    session.flush()
    return [f"{rev.quote.number} rev {rev.revision}" for rev in lapsed]


def check_deal(session: Session, account_id: int, deal_id: int) -> None:
    """A quote's deal must be one of its account's deals."""
    deal = session.get(Deal, deal_id)
    if deal is None or deal.account_id != account_id:
        raise InputError("That deal is not one of the quote's account's deals; pick another.")


def account_deals(session: Session, account_id: int) -> list[tuple[int, str]]:
    """(id, name) of the account's deals, newest first, for the editor's deal field."""
    rows = session.execute(
        select(Deal.id, Deal.name).where(Deal.account_id == account_id).order_by(Deal.id.desc())
    )
    return [(r.id, r.name) for r in rows]
