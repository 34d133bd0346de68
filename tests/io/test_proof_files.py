"""Proof files: any file is read whole with its media type, a too large or empty one is refused
with a sentence before it is read, and a copy written back holds the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.domain.errors import InputError
from app.domain.mdf.proofs import MAX_PROOF_BYTES, ProofFile, proof_refusal
from app.io.proof_files import read_proof, safe_file_name, write_proof_copy


def test_any_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    data = bytes(range(256)) * 1000 + b"\x00\r\n\x1a"
    source = tmp_path / "Invoice März.pdf"
    source.write_bytes(data)
    proof = read_proof(source)
    assert (proof.name, proof.media_type, proof.content) == (
        "Invoice März.pdf",
        "application/pdf",
        data,
    )
    copy = write_proof_copy(proof, tmp_path / "copies")
    assert copy.name == "Invoice März.pdf" and copy.read_bytes() == data


def test_an_unknown_kind_of_file_is_kept_as_plain_bytes(tmp_path: Path) -> None:
    source = tmp_path / "attendees.weird"
    source.write_bytes(b"x")
    assert read_proof(source).media_type == "application/octet-stream"


def test_a_file_above_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    with open(big, "wb") as stream:
        stream.truncate(31 << 20)  # sparse: no disk is filled
    with pytest.raises(InputError) as refused:
        read_proof(big)
    assert str(refused.value) == (
        "video.mp4 (31.0 MB) is larger than the 20 MB a proof file may be; attach a smaller "
        "copy (a PDF or a compressed photo)."
    )
    os.truncate(big, MAX_PROOF_BYTES + 1)
    with pytest.raises(InputError, match="larger than the 20 MB"):
        read_proof(big)
    os.truncate(big, MAX_PROOF_BYTES)
    assert read_proof(big).size == MAX_PROOF_BYTES


def test_an_empty_or_missing_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.pdf is empty"):
        read_proof(empty)
    with pytest.raises(InputError, match=r"gone\.pdf cannot be read"):
        read_proof(tmp_path / "gone.pdf")
    assert proof_refusal("bad\x1bname.pdf", 10) is not None


def test_a_copy_never_leaves_its_folder() -> None:
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\temp\\a:b?.pdf") == "a_b_.pdf"
    assert safe_file_name("..") == "proof"
    assert ProofFile("a", "b", b"xyz").size == 3
