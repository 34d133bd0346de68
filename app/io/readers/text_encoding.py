"""Which encoding a text file's first bytes announce: the byte-order marks people's programs
write.

Excel's "CSV UTF-8" starts with the UTF-8 mark; its "Unicode Text" (tab-separated) is UTF-16,
little-endian on Windows, with its mark; some programs write UTF-16 big-endian. UTF-16 text is
full of zero bytes, so the check for binary files asks here first.
"""

from __future__ import annotations

import codecs

#: Longest mark first: UTF-32's little-endian mark begins with UTF-16's.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: The names people know the encodings by, for messages.
NAMES = {"utf-32": "UTF-32", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}


def marked_encoding(head: bytes) -> str | None:
    """The codec the byte-order mark at the start of ``head`` names (it reads and drops the
    mark itself), or None when there is none."""
    for mark, codec in _MARKS:
        if head.startswith(mark):
            return codec
    return None


def decode_marked(data: bytes, codec: str, name: str) -> str:
    """``data`` decoded by the codec its mark names; refused in one line (``ValueError`` with
    the words) where its bytes are not such text."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{name} starts as {NAMES[codec]} text but byte {exc.start:,} is not {NAMES[codec]}: "
            "save it again from its program (as CSV UTF-8) and import that file."
        ) from None
