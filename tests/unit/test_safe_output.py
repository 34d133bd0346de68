"""What a command prints cannot act on the terminal, whatever the text and the terminal."""

from __future__ import annotations

import io
import sys

import pytest

from app.cli.safe_output import PrintableStream, printable_output
from app.domain.text_rules import printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain\ttext\n", "plain\ttext\n"),
        ("\x1b[2J\x07", "\\x1b[2J\\x07"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("csi\x9b31m\r", "csi\\x9b31m\\x0d"),
        ("half \udcff", "half \\udcff"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_a_terminal_without_the_character_gets_an_escape() -> None:
    raw = io.BytesIO()
    target = io.TextIOWrapper(raw, encoding="ascii")
    stream = PrintableStream(target)
    stream.write("Zürich \x1b\n")
    stream.flush()
    assert raw.getvalue() == b"Z\\xfcrich \\x1b\n"


def test_without_a_console_nothing_is_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with printable_output():
        assert sys.stdout is None
