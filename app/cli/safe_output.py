"""What a command prints reaches the terminal as text, never as terminal commands.

Stored text is checked on the way in (``app.domain.text_rules``), but a command also prints what
was never stored (a quote number, a file name or a value echoed in an error message) and what
an older version stored. So while a command runs, its stdout and stderr pass through
``PrintableStream``: ESC, BEL, the other control characters and the bidi overrides are written
as ``\\x1b``-style escapes, and a character the terminal's encoding lacks as a ``\\u`` escape
(never an encoding error after the work is done).
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO

from app.domain.text_rules import printable


class PrintableStream(io.TextIOBase):
    """A text stream that writes ``printable(text)`` to ``target``."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        safe = printable(text)
        try:
            self.target.write(safe)
        except UnicodeEncodeError:
            encoding = getattr(self.target, "encoding", None) or "utf-8"
            self.target.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    """stdout and stderr through ``PrintableStream`` for the block; a stream the block replaced
    itself (a closed pipe sends stdout to the null device) is left as the block set it."""
    out, err = sys.stdout, sys.stderr
    if out is None or err is None:  # a windowed bundle has no console: nothing to protect
        yield
        return
    safe_out, safe_err = PrintableStream(out), PrintableStream(err)
    sys.stdout, sys.stderr = safe_out, safe_err
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            safe_out.flush()
        if sys.stdout is safe_out:
            sys.stdout = out
        if sys.stderr is safe_err:
            sys.stderr = err
