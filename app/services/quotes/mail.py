"""E-mailing an issued quote: the message prefilled from the templates, the PDF attached, and the
sending recorded only once the mail server took it.

Sending talks to a mail server for seconds, so it never holds a database transaction open:
``prepare_quote_mail`` takes the issued PDF (the bytes kept at its first print, checked against
their hash) in one short transaction, the caller's ``deliver`` sends, and a second short
transaction records ``sent_at`` and ``sent_to``. A failed sending raises before anything is
recorded, so the quote stays unsent. ``deliver`` and ``render`` are passed in
(``app.io.smtp_send.send_mail``, ``app.io.quote_pdf.render_quote_pdf``) because services and file
or network code do not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Contact, Quote, QuoteRevision
from app.domain.enums import ContactRole
from app.domain.errors import AppError, InputError, RefusedError
from app.domain.mail import (
    Attachment,
    OutgoingMail,
    fill_template,
    greeting,
    parse_recipients,
)
from app.domain.money import format_money
from app.domain.quote_lifecycle import Step, refusal
from app.domain.text_rules import UnsafeText, check_line
from app.services.quotes.lifecycle import mark_sent, revision_state
from app.services.quotes.mail_settings import load_mail_settings, load_mail_templates
from app.services.quotes.pdf import Renderer, render_revision

Deliver = Callable[[OutgoingMail], None]


@dataclass(frozen=True, slots=True)
class QuoteMail:
    """A quote's e-mail as first proposed: the user may change To, Subject and Body."""

    number: str
    revision: int
    sender: str
    to: str
    subject: str
    body: str
    filename: str
    pdf: bytes
    #: Said to the user before sending when the PDF is not the one issued (an old revision
    #: whose original was not kept); empty otherwise.
    notice: str = ""

    def outgoing(self, to: str, subject: str, body: str) -> OutgoingMail:
        """The message as the user confirmed it; refuses a bad address or an empty subject."""
        if not self.sender:
            raise InputError("Set the From address in Mail settings before sending.")
        recipients = parse_recipients(to)
        if not subject.strip():
            raise InputError("Subject: write a subject.")
        pdf = Attachment(self.filename, "application/pdf", self.pdf)
        return OutgoingMail(self.sender, recipients, _subject(subject), body, (pdf,))

    def draft(self, to: str, subject: str, body: str) -> OutgoingMail:
        """The message for the user's own mail program: the sender and the recipients may be
        left for the user to fill in there."""
        recipients = parse_recipients(to) if to.strip() else ()
        pdf = Attachment(self.filename, "application/pdf", self.pdf)
        return OutgoingMail(self.sender, recipients, _subject(subject), body, (pdf,))


def _subject(subject: str) -> str:
    """A subject is one header line: a line break becomes a space, a control is refused."""
    try:
        return check_line(subject).strip()
    except UnsafeText as exc:
        raise InputError(f"Subject: it {exc}.") from None


def prepare_quote_mail(
    session: Session, number: str, revision: int, render: Renderer, today: date
) -> QuoteMail:
    """The issued revision's PDF and the templates filled in; refused if it cannot be sent."""
    why = refusal(revision_state(session, number, revision), Step.SEND, today)
    if why is not None:
        raise RefusedError(why)
    pdf = render_revision(session, number, revision, render)
    document, view = pdf.document, pdf.document.view
    settings = load_mail_settings(session)
    templates = load_mail_templates(session)
    to, contact = suggested_contact(session, view.number, view.revision)
    values = {
        "greeting": greeting(contact),
        "contact": contact,
        "number": view.number,
        "revision": str(view.revision),
        "partner": view.partner,
        "account": view.account,
        "total": format_money(view.totals.total, view.currency),
        "valid_until": view.valid_until.isoformat() if view.valid_until else "",
        "company": document.company.name,
    }
    return QuoteMail(
        number=view.number,
        revision=view.revision,
        sender=settings.from_address,
        to=to,
        subject=fill_template(templates.subject, values),
        body=fill_template(templates.body, values),
        filename=f"{view.number}-rev{view.revision}.pdf",
        pdf=pdf.data,
        notice=pdf.notice,
    )


def suggested_recipient(session: Session, number: str, revision: int) -> str:
    """Whom it went to last time, else the partner's first active sales contact, else the
    partner's own address (empty when none is known)."""
    return suggested_contact(session, number, revision)[0]


def suggested_contact(session: Session, number: str, revision: int) -> tuple[str, str]:
    """The address the mail goes to (see ``suggested_recipient``) and the name of the person
    behind it, so the mail greets that person; the name is empty for an address that is no
    contact's (the partner's shared inbox, one typed last time)."""
    rev = session.scalars(
        select(QuoteRevision)
        .join(Quote, Quote.id == QuoteRevision.quote_id)
        .where(Quote.number == number, QuoteRevision.revision == revision)
    ).one()
    partner = rev.quote.partner
    contacts = session.execute(
        select(Contact.email, Contact.name, Contact.role)
        .where(Contact.partner_id == partner.id, Contact.active.is_(True))
        .where(Contact.email.is_not(None))
        .order_by(Contact.id)
    ).all()
    names = {str(c.email).strip().lower(): c.name for c in contacts}
    if rev.sent_to:
        if "," in rev.sent_to:  # several people: greet none of them by name
            return rev.sent_to, ""
        return rev.sent_to, names.get(rev.sent_to.strip().lower(), "")
    sales = next((c for c in contacts if c.role == ContactRole.SALES), None)
    if sales is not None:
        return str(sales.email), str(sales.name or "")
    address = partner.email or ""
    return address, names.get(address.strip().lower(), "")


def send_prepared(
    db: Database,
    mail: QuoteMail,
    to: str,
    subject: str,
    body: str,
    deliver: Deliver,
    now: datetime | None = None,
) -> OutgoingMail:
    """Send ``mail`` as the user confirmed it and record it; a failure records nothing."""
    outgoing = mail.outgoing(to, subject, body)
    when = now or datetime.now(UTC)
    with db.reading() as session:  # not accepted or replaced since the dialog opened
        state = revision_state(session, mail.number, mail.revision)
    why = refusal(state, Step.SEND, when.date())
    if why is not None:
        raise RefusedError(why)
    deliver(outgoing)
    try:
        with db.transaction() as session:
            mark_sent(session, mail.number, mail.revision, ", ".join(outgoing.to), when)
    except AppError as exc:  # rare: the quote changed while the mail server was talking
        raise RefusedError(
            f"The e-mail went to {', '.join(outgoing.to)}, but it could not be recorded: {exc}"
        ) from None
    return outgoing


def send_quote(
    db: Database,
    number: str,
    revision: int,
    render: Renderer,
    deliver: Deliver,
    to: str | None = None,
    now: datetime | None = None,
) -> OutgoingMail:
    """Prepare and send in one go with the templates as they are (scripts and tests)."""
    when = now or datetime.now(UTC)
    with db.transaction() as session:
        mail = prepare_quote_mail(session, number, revision, render, when.date())
    return send_prepared(db, mail, to if to is not None else mail.to, mail.subject, mail.body,
                         deliver, when)  # fmt: skip
