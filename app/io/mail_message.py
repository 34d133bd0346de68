"""An ``OutgoingMail`` as a standard e-mail message (MIME), for SMTP and for .eml drafts."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from app.domain.mail import OutgoingMail


def to_email_message(mail: OutgoingMail, *, draft: bool = False) -> EmailMessage:
    """The message with its attachments; a ``draft`` carries ``X-Unsent: 1`` so mail programs
    open it ready to edit and send rather than as a received message."""
    message = EmailMessage()
    if mail.sender:  # a draft without one gets the mail program's own account
        message["From"] = mail.sender
    if mail.to:
        message["To"] = ", ".join(mail.to)
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=True)
    domain = mail.sender.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(mail.body)
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message
