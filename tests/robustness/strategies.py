"""Hostile values per field type, as a person or a careless export might give them.

Each strategy mixes values that must be accepted (so a row gets past its required columns and
the later rules run too) with values that must be refused in one line: text with control
characters, bidi overrides, markup and formula triggers; numbers that are huge, negative, not
finite or written in another script; dates that do not exist or lie at the ends of the calendar.
"""

from __future__ import annotations

from hypothesis import strategies as st

CONTROL = "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u202e\u2066\u2028\r\n\t"
MARKUP = "<>&\"'=+-@;,#%{}[]\\/"

#: Texts that have broken (or could break) something somewhere: each is tried as it is.
NASTY_TEXTS = (
    "\x1b[31mRed\x1b[0m", "Ring\x07", "\u202eevil.exe", "Tab\there", "Line\nbreak", "CR\roverwrite",
    "<b>bold</b>", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "'=SUM(A1)", "''+1",
    "-2+3", "@cmd", "\x9b31m", "A" * 300, "", " ", "NULL", "None", "0", "#12",
    "#99999999999999999999",
    "Ω≈ç√", "名前", "😀 Emoji Ltd", "\ufeffBOM", "a\u0000b", "\udcff",
)  # fmt: skip
NASTY_NUMBERS = (
    "99999999999999999999999999", "-5000", "-0", "1e999999", "1E-999999", "NaN", "Infinity",
    "-Infinity", "1e999999999", "-1e999999999", "1e-999999999", "0E-99999999", "1,2,3",
    "0.0000001", "100.5", "12.555", "1_000", "٣", "²", "0x10", "",
    "9" * 400, "1e308", "5e-324", "12%", "%", "--1", "+1",
)  # fmt: skip
NASTY_DATES = (
    "9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01", "2026-02-30", "2026-13-01",
    "31/31/2026", "00/00/0000", "12345", "1e10", "2026-03-01T25:00", "yesterday", "",
    "2026-3-1", "01/03/2026", "29/02/2024", "29/02/2026",
)  # fmt: skip

hostile_text = st.one_of(
    st.sampled_from(NASTY_TEXTS),
    st.text(st.sampled_from(CONTROL + MARKUP + "Aa1 é"), max_size=30),
    st.text(max_size=20),
)
hostile_number = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
)
hostile_date = st.one_of(
    st.sampled_from(NASTY_DATES),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)


def field_values(valid: str, kind: str) -> st.SearchStrategy[str]:
    """A cell of a column of ``kind`` (text, number, date): its valid example or a hostile one."""
    hostile = {"number": hostile_number, "date": hostile_date}.get(kind, hostile_text)
    return st.one_of(st.just(valid), hostile)
