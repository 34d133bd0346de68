"""The "Open in mail app" draft: the quote's e-mail as an unsent .eml for the user's mail program.

``X-Unsent: 1`` makes Outlook, Thunderbird and Apple Mail open the file as a new message ready to
edit and send, with the PDF attached, rather than as a received one. Opening it is the caller's
(the app asks the system's file handler), so this module stays free of Qt and easy to test.
"""

from __future__ import annotations

import re
from email.generator import BytesGenerator
from pathlib import Path

from app.domain.mail import OutgoingMail
from app.io.atomic import atomic_path
from app.io.mail_message import to_email_message


def draft_name(subject_key: str) -> str:
    """A safe file name from ``Q-2026-00001-rev1`` (anything but letters, digits, - and _ go)."""
    return re.sub(r"[^\w\-]+", "_", subject_key).strip("_") + ".eml"


def write_eml_draft(path: Path, mail: OutgoingMail) -> Path:
    """Write ``mail`` as an unsent draft to ``path`` (atomically) and return the path."""
    message = to_email_message(mail, draft=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        BytesGenerator(handle, policy=message.policy.clone(linesep="\r\n")).flatten(message)
    return path
