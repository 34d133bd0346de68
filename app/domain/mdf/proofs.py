"""Proof of an MDF activity: any file (invoices, photos, attendee lists), kept in the database.

A file is kept whole in the database so a shared database carries it to every colleague, and so
it is bounded: past ``MAX_PROOF_BYTES`` a file is refused with its size named, before any byte is
read, and the user is told to attach a smaller copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.file_size import size_text
from app.domain.text_rules import unsafe_reason

#: The largest proof file kept: a scanned invoice or a few photos, not a video.
MAX_PROOF_BYTES = 20 << 20
#: The media type of a file whose kind is not known from its name.
GENERIC_TYPE = "application/octet-stream"
#: How many characters of a file's name are kept (the name it is saved and opened under).
NAME_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ProofFile:
    """A proof file's name, its media type (``application/pdf``), and its bytes."""

    name: str
    media_type: str
    content: bytes = b""

    @property
    def size(self) -> int:
        return len(self.content)


def proof_refusal(name: str, size: int) -> str | None:
    """Why a file of ``size`` bytes named ``name`` cannot be kept as proof, or None."""
    if not name.strip():
        return "A proof file needs a name."
    if len(name) > NAME_LENGTH:
        return f"The file name {name[:40]}… is longer than {NAME_LENGTH} characters; rename it."
    if (reason := unsafe_reason(name)) is not None:
        return f"The file name {reason}."
    if size == 0:
        return f"{name} is empty; attach the file that shows the activity."
    if size > MAX_PROOF_BYTES:
        return (
            f"{name} ({size_text(size)}) is larger than the {MAX_PROOF_BYTES >> 20} MB a proof "
            "file may be; attach a smaller copy (a PDF or a compressed photo)."
        )
    return None
