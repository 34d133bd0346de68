"""E-mailing a quote through a real SMTP server on 127.0.0.1: the issued PDF arrives byte for
byte, the sending is recorded, and every failure leaves the quote unsent."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Contact, Partner, QuoteRevision
from app.domain.enums import QuoteStatus
from app.domain.errors import InputError, RefusedError
from app.domain.mail import MailSettings, OutgoingMail, Security
from app.io.mail_password import get_password, set_password
from app.io.quote_pdf import render_quote_pdf
from app.io.smtp_send import MailError, send_mail
from app.services.quotes import mail as quote_mail
from app.services.quotes.lifecycle import mark_accepted
from app.services.quotes.mail_settings import (
    MailTemplates,
    load_mail_settings,
    load_mail_templates,
    save_mail_settings,
    save_mail_templates,
)
from app.services.quotes.pdf import render_revision
from tests.db.test_quote_lifecycle import new_quote, revision
from tests.support.quote_book import add_price_book
from tests.support.smtp_server import PASSWORD, USER, free_port, memory_keyring, smtp_server

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
WHEN = datetime(2026, 11, 22, 15, 5, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Iterator[Database]:
    add_price_book(any_db)
    with any_db.transaction() as s:
        partner = s.scalars(select(Partner).where(Partner.partner_code == "P-1001")).one()
        s.add(Contact(partner=partner, name="Zoë Brandt", email="zoe@northwind.example"))
    with memory_keyring():
        yield any_db


def configure(db: Database, port: int, user: str = "") -> MailSettings:
    settings = MailSettings(
        "127.0.0.1", port, Security.NONE, user, "quotes@example.com", 3,
        password_unencrypted=True,  # the test server has no certificate
    )  # fmt: skip
    with db.transaction() as s:
        save_mail_settings(s, settings)
    return settings


def deliver_with(db: Database) -> quote_mail.Deliver:
    """What the app does: the stored settings and the keyring's password."""
    with db.reading() as s:
        settings = load_mail_settings(s)
    password = get_password(settings)
    return lambda mail: send_mail(settings, password, mail)


def stored(db: Database, number: str) -> QuoteRevision:
    return revision(db, number, 1)


def test_sending_attaches_the_issued_pdf_and_records_it(db: Database) -> None:
    number = new_quote(db)
    with smtp_server(auth=True) as (port, inbox):
        set_password(configure(db, port, USER), PASSWORD)
        sent = quote_mail.send_quote(db, number, 1, render_quote_pdf, deliver_with(db), now=WHEN)
    (got,) = inbox.received
    assert got.rcpt_tos == ["zoe@northwind.example"] == list(sent.to)
    assert got.message["Subject"] == f"Quote {number} rev 1 — Contoso Ltd"
    body = got.message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    # The mail goes to a person, so it greets her, not her company.
    assert text.startswith("Dear Zoë Brandt,") and "Total: EUR 3,768.14" in text
    assert "Dear Northwind" not in text
    name, data = got.attachment()
    rev = stored(db, number)
    assert name == f"{number}-rev1.pdf" and data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == rev.pdf_sha256  # the issued PDF, byte for byte
    assert (rev.status, rev.sent_at, rev.sent_to) == (
        QuoteStatus.SENT,
        WHEN,
        "zoe@northwind.example",
    )
    with db.reading() as s:  # next time, the same recipient is proposed
        assert quote_mail.suggested_recipient(s, number, 1) == "zoe@northwind.example"
    with db.transaction() as s:  # sent, then accepted: still the very PDF that was issued
        assert render_revision(s, number, 1, render_quote_pdf).record.outcome == "verified"
        mark_accepted(s, number, 1, WHEN.date())
        assert render_revision(s, number, 1, render_quote_pdf).data == data


def test_a_mail_to_no_known_person_greets_neutrally(db: Database) -> None:
    """The partner's shared inbox, or an address typed last time that is nobody's: the
    greeting names no one (and never the partner company)."""
    number = new_quote(db)
    with db.transaction() as s:
        s.execute(update(Contact).values(active=False))
        partner = s.scalars(select(Partner).where(Partner.partner_code == "P-1001")).one()
        partner.email = "sales@northwind.example"
    with db.transaction() as s:
        mail = quote_mail.prepare_quote_mail(s, number, 1, render_quote_pdf, WHEN.date())
    assert mail.to == "sales@northwind.example"
    assert mail.body.startswith("Hello,\n") and "Northwind Traders," not in mail.body


@pytest.mark.parametrize("failure", ["refused", "password"])
def test_a_failed_sending_leaves_the_quote_unsent(db: Database, failure: str) -> None:
    number = new_quote(db)
    if failure == "refused":
        configure(db, free_port())
        with pytest.raises(MailError, match="refused the connection"):
            quote_mail.send_quote(db, number, 1, render_quote_pdf, deliver_with(db))
    else:
        with smtp_server(auth=True) as (port, inbox):
            set_password(configure(db, port, USER), "not the password")
            with pytest.raises(MailError, match="refused the user name or password"):
                quote_mail.send_quote(db, number, 1, render_quote_pdf, deliver_with(db))
        assert inbox.received == []
    rev = stored(db, number)
    assert (rev.status, rev.sent_at, rev.sent_to) == (QuoteStatus.ISSUED, None, None)


def test_only_an_issued_quote_goes_out_and_the_user_may_edit_the_message(db: Database) -> None:
    draft = new_quote(db, special="20")
    with pytest.raises(RefusedError, match="not issued yet"):
        quote_mail.send_quote(db, draft, 1, render_quote_pdf, lambda _m: None)
    number = new_quote(db)
    with db.transaction() as s:
        save_mail_templates(s, MailTemplates("{company}: {number}", "Hi {partner}, {total}."))
    with db.transaction() as s:
        mail = quote_mail.prepare_quote_mail(s, number, 1, render_quote_pdf, WHEN.date())
    assert (mail.subject, mail.body) == (
        f"Channel Desk GmbH: {number}",
        "Hi Northwind Traders, EUR 3,768.14.",
    )
    outbox: list[OutgoingMail] = []
    with pytest.raises(InputError, match="From address"):
        quote_mail.send_prepared(db, mail, "a@example.com", "S", "B", outbox.append)
    mail = quote_mail.QuoteMail(**{**_fields(mail), "sender": "quotes@example.com"})
    with pytest.raises(InputError, match="not an e-mail address"):
        quote_mail.send_prepared(db, mail, "zoe at northwind", "S", "B", outbox.append)
    quote_mail.send_prepared(db, mail, "A <a@example.com>; b@example.com", "Yours", "Body",
                             outbox.append, WHEN)  # fmt: skip
    assert outbox[0].to == ("a@example.com", "b@example.com") and outbox[0].subject == "Yours"
    assert stored(db, number).sent_to == "a@example.com, b@example.com"


def test_settings_and_templates_are_checked_and_kept(db: Database) -> None:
    with db.reading() as s:
        assert load_mail_settings(s) == MailSettings()
        assert load_mail_templates(s) == MailTemplates()
    with pytest.raises(InputError) as bad, db.transaction() as s:
        save_mail_settings(s, MailSettings("", 0, Security.TLS, "", "nobody"))
    assert str(bad.value).splitlines() == [
        "Mail server: give the host name, e.g. smtp.example.com.",
        "Port: 0 is not a port number (1 to 65535).",
        "From address: 'nobody' is not an e-mail address such as quotes@example.com.",
    ]
    with pytest.raises(InputError, match=r"\{price\} is not a placeholder"), db.transaction() as s:
        save_mail_templates(s, MailTemplates("{price}", ""))
    good = MailSettings("smtp.example.com", 465, Security.TLS, USER, "quotes@example.com", 30)
    with db.transaction() as s:
        save_mail_settings(s, good)
    with db.reading() as s:
        assert load_mail_settings(s) == good


def _fields(mail: quote_mail.QuoteMail) -> dict[str, object]:
    return {name: getattr(mail, name) for name in quote_mail.QuoteMail.__slots__}


def test_a_quote_accepted_while_the_server_talks_says_the_mail_went_out(db: Database) -> None:
    number = new_quote(db)
    configure(db, 2525)

    def deliver_while_someone_accepts(_mail: OutgoingMail) -> None:
        with db.transaction() as s:
            mark_accepted(s, number, 1, WHEN.date())

    with pytest.raises(RefusedError) as caught:
        quote_mail.send_quote(db, number, 1, render_quote_pdf, deliver_while_someone_accepts,
                              to="a@example.com", now=WHEN)  # fmt: skip
    assert str(caught.value).startswith("The e-mail went to a@example.com, but it could not be")
    assert stored(db, number).status is QuoteStatus.ACCEPTED
