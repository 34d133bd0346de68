"""Which characters a stored text may hold, and how any text is made safe to print.

A name with ESC, BEL or a bidi override in it is not a name: in a terminal it recolours, rings,
moves the cursor or reverses what follows (``quote show``, ``overlaps``, an error message that
repeats the value), and in a list it hides what the record really says. So every text a person
or a file gives is read through ``check_line`` or ``check_block`` (the importing ``text`` parser
and with it every record kind's rules): line breaks and tabs in a one-line field become a space
(a cell typed with Alt+Enter is still the same name), and any other control character, a bidi
override or isolate, or half of a UTF-16 pair is refused with its name, so the person can find
it. ``printable`` is the other half, for output: whatever is already stored or was never
checked (a file name, a value echoed in an error) is shown with such characters escaped.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.errors import InputError

#: Line breaks and tabs: a one-line field reads them as a space, a block of text keeps
#: ``\n`` and ``\t``.
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
#: Characters no stored text may hold: C0 and C1 controls (other than the breaks above), DEL,
#: the bidi embeddings, overrides and isolates, and unpaired surrogates.
UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: What ``printable`` escapes: the unsafe characters and every break except a newline and a tab.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

_ANY_BREAK = re.compile(_UNPRINTABLE.pattern[:-1] + "\t\n]")

_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x1B: "ESC", 0x7F: "DEL",
    0x9B: "CSI", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
}  # fmt: skip


class UnsafeText(ValueError):  # noqa: N818 - a reason for the user, not a program error
    """The text holds a character no record may hold; ``str(self)`` says which."""


def character_name(char: str) -> str:
    """``ESC (U+001B)``: how a message names a character the reader cannot see."""
    point = ord(char)
    if 0xD800 <= point <= 0xDFFF:
        return f"half of a character pair (U+{point:04X})"
    name = _NAMES.get(point) or unicodedata.name(char, "") or "control character"
    return f"{name} (U+{point:04X})"


def unsafe_reason(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None when every character may be."""
    found = UNSAFE.search(text)
    if found is None:
        return None
    return f"contains a control character, {character_name(found.group())}: remove it"


def check_line(text: str) -> str:
    """``text`` as one line: breaks and tabs become one space; unsafe characters are refused."""
    reason = unsafe_reason(text)
    if reason is not None:
        raise UnsafeText(reason)
    return _BREAKS.sub(" ", text) if _BREAKS.search(text) else text


def check_block(text: str) -> str:
    """``text`` as lines (notes, a description): ``\\r\\n`` and other breaks become ``\\n``,
    tabs stay; unsafe characters are refused."""
    reason = unsafe_reason(text)
    if reason is not None:
        raise UnsafeText(reason)
    return re.sub(r"\r\n?|[\v\f\x85\u2028\u2029]", "\n", text)


def printable(text: str, one_line: bool = False) -> str:
    """``text`` with every character a terminal would act on written as ``\\x1b`` / ``\\u202e``:
    safe to print whatever it holds. Newlines and tabs stay, unless ``one_line`` (a value quoted
    inside a message, which must stay one line per problem) escapes them too."""
    pattern = _ANY_BREAK if one_line else _UNPRINTABLE
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    point = ord(found.group())
    return f"\\x{point:02x}" if point <= 0xFF else f"\\u{point:04x}"


def checked_block(text: str, what: str) -> str:
    """``check_block(text)`` trimmed, for a free text no parser reads (a decision's reason): a
    control character is an ``InputError`` that names ``what`` and the character."""
    try:
        return check_block(text).strip()
    except UnsafeText as exc:
        raise InputError(f"{what} {exc}; nothing was saved.") from None
