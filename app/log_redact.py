"""What the log file may not keep: the values of records, addresses and mail subjects.

The log is for support: which action failed, where in the code, with which ids and counts. A
line that names a partner, a contact's e-mail address or a phone number would put personal data
in a file that travels in bug reports, so every line is passed through ``redact`` on its way to
the file, whatever wrote it: our own messages, a library's, or an exception's text inside a
traceback (a database's "duplicate key" detail, a parser's "invalid literal 'Acme'").

The rules work on the text, not on knowing each exception class:

- an e-mail address anywhere becomes ``<address>``;
- SQLAlchemy's ``[parameters: …]`` list, PostgreSQL's ``Key (…)=(…)`` and ``Failing row
  contains (…)`` lose their values;
- on every line that is not indented (a log message, or an exception's message inside a
  traceback; the indented lines are file names and source code), quoted text becomes ``'…'``.
"""

from __future__ import annotations

import logging
import re

HIDDEN = "…"

_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_PARAMETERS = re.compile(
    r"^\[parameters: .*?\](?=\s*\n\(Background|\s*\Z)", re.DOTALL | re.MULTILINE
)
_KEY_VALUES = re.compile(r"(Key \([^)]*\))=\(.*?\)(?= already exists| is not present|\.|$)", re.M)
_FAILING_ROW = re.compile(r"(Failing row contains )\(.*\)", re.MULTILINE)
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)+'|\"(?:[^\"\\\n]|\\.)+\"")


def redact(text: str) -> str:
    """``text`` without row values, addresses or subjects; ids, counts and code stay."""
    text = _PARAMETERS.sub("[parameters hidden]", text)
    text = _KEY_VALUES.sub(rf"\1=({HIDDEN})", text)
    text = _FAILING_ROW.sub(rf"\1({HIDDEN})", text)
    text = _ADDRESS.sub("<address>", text)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line and not line[0].isspace():
            lines[index] = _QUOTED.sub(f"'{HIDDEN}'", line)
    return "\n".join(lines)


class RedactingFormatter(logging.Formatter):
    """A ``logging.Formatter`` whose every line, traceback included, went through ``redact``."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
