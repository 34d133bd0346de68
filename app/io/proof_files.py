"""Proof files in and out: read a file a user attaches, write a copy to open or to keep.

The size is checked before the file is read, so a huge file is refused at once instead of
filling memory; the media type comes from the name, as a mail program guesses it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from app.domain.errors import InputError
from app.domain.mdf.proofs import GENERIC_TYPE, ProofFile, proof_refusal
from app.io.atomic import atomic_path, cannot_write


def media_type_of(name: str) -> str:
    """The media type a file's name suggests (``application/pdf``), else a generic one."""
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    return guessed or GENERIC_TYPE


def read_proof(path: Path) -> ProofFile:
    """The file at ``path`` as a proof; an ``InputError`` says why it cannot be one."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    if not path.is_file():
        raise InputError(f"{path.name} is not a file; attach a file.")
    problem = proof_refusal(path.name, size)
    if problem is not None:
        raise InputError(problem)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    problem = proof_refusal(path.name, len(content))  # it may have grown since
    if problem is not None:
        raise InputError(problem)
    return ProofFile(path.name, media_type_of(path.name), content)


def safe_file_name(name: str) -> str:
    """``name`` as a file name in any folder: no folder parts, no characters file systems
    refuse."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join("_" if c in '<>:"|?*' or ord(c) < 32 else c for c in base).strip(". ")
    return cleaned or "proof"


def write_proof(proof: ProofFile, path: Path) -> Path:
    """Write ``proof``'s bytes to ``path`` whole (never half a file); the path written."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(proof.content)
    return path


def write_proof_copy(proof: ProofFile, folder: Path) -> Path:
    """A copy of ``proof`` in ``folder`` under its own name, for the system viewer to open."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from None
    return write_proof(proof, folder / safe_file_name(proof.name))
