"""What the quote editor's Save and Issue do to the database, apart from the widgets.

A new quote is created (issued at once, or left waiting for approval); an open draft is saved
over the version the editor opened, so a change someone else saved meanwhile is never lost.
Nothing is committed here: the editor runs each call in one ``db.transaction()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.quote_spec import QuoteSpec
from app.services.quotes.create import create_quote
from app.services.quotes.draft_pricing import DraftForm
from app.services.quotes.lifecycle import (
    DraftChange,
    issue_revision,
    revision_version,
    save_draft,
)


@dataclass(frozen=True, slots=True)
class OpenDraft:
    """The stored draft revision the editor changes, and the version it was opened at."""

    number: str
    revision: int
    version: int


def store_draft(
    session: Session, form: DraftForm, draft: OpenDraft | None, deal_id: int | None
) -> tuple[str, OpenDraft | None]:
    """Create the quote or save the draft; returns the number and the draft as now stored."""
    if draft is None:
        spec = QuoteSpec(
            form.partner, form.account, form.quote_date, form.currency, form.tax_rate_pct,
            form.lines,
        )  # fmt: skip
        return create_quote(session, spec, deal_id=deal_id).number, None
    change = DraftChange(form.quote_date, form.currency, form.tax_rate_pct, form.lines, deal_id)
    save_draft(session, draft.number, draft.revision, change, draft.version)
    version, _deal, _account = revision_version(session, draft.number, draft.revision)
    return draft.number, OpenDraft(draft.number, draft.revision, version)


def issue_draft(session: Session, draft: OpenDraft) -> None:
    """Issue the draft revision the editor holds (it must not need approval)."""
    issue_revision(session, draft.number, draft.revision)
