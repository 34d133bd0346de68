"""The "Open in mail app" draft: a standard .eml with X-Unsent and the PDF, read back as mail."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from app.domain.mail import Attachment, OutgoingMail
from app.io.eml import draft_name, write_eml_draft

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"%%EOF\n"


def test_the_draft_reads_back_with_its_attachment(tmp_path: Path) -> None:
    mail = OutgoingMail(
        sender="",
        to=("zoë@example.org",),
        subject="Quote Q-2026-00007 rev 2 — Ελληνικά & 日本語",
        body="Dear Zoë,\n\nattached.\n",
        attachments=(Attachment("Q-2026-00007-rev2.pdf", "application/pdf", PDF),),
    )
    path = write_eml_draft(tmp_path / "mail" / draft_name("Q-2026-00007-rev2"), mail)
    assert path.name == "Q-2026-00007-rev2.eml"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n\n" not in raw.replace(b"\r\n", b"")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["X-Unsent"] == "1" and message["From"] is None
    assert message["Subject"] == mail.subject and message["To"] == "zoë@example.org"
    (part,) = message.iter_attachments()  # type: ignore[attr-defined]
    assert part.get_filename() == "Q-2026-00007-rev2.pdf"
    assert part.get_content_type() == "application/pdf" and part.get_content() == PDF


def test_names_are_safe() -> None:
    assert draft_name("Q-2026/00001 rev 1") == "Q-2026_00001_rev_1.eml"
