"""What the quote editor's Save and Issue do to the database, apart from the widgets.

A new quote is created as a draft (or waiting for approval): issuing is a separate step, taken
after the person has seen the total and the warnings once more. An open draft is saved over the
version the editor opened, so a change someone else saved meanwhile is never lost.
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
) -> tuple[str, OpenDraft]:
    """Create the quote as a draft or save the draft; returns the number and the draft as now
    stored (to save again, or to issue)."""
    if draft is None:
        spec = QuoteSpec(
            form.partner, form.account, form.quote_date, form.currency, form.tax_rate_pct,
            form.lines,
        )  # fmt: skip
        created = create_quote(session, spec, deal_id=deal_id, issue=False)
        version, _deal, _account = revision_version(session, created.number, created.revision)
        return created.number, OpenDraft(created.number, created.revision, version)
    change = DraftChange(form.quote_date, form.currency, form.tax_rate_pct, form.lines, deal_id)
    save_draft(session, draft.number, draft.revision, change, draft.version)
    version, _deal, _account = revision_version(session, draft.number, draft.revision)
    return draft.number, OpenDraft(draft.number, draft.revision, version)


def issue_draft(session: Session, draft: OpenDraft) -> None:
    """Issue the draft revision the editor holds (it must not need approval)."""
    issue_revision(session, draft.number, draft.revision)
