"""CSV files as people save them: UTF-8 with or without BOM, UTF-16 with its BOM, else
Windows-1252; , ; or tab.

Excel on Windows writes "CSV" in the ANSI code page with a semicolon in many European locales,
"CSV UTF-8" with a byte-order mark, and "Unicode Text" as tab-separated UTF-16 with its mark;
all are common. The encoding is decided on the whole
file (a UTF-8 decode error late in the file must not silently change earlier rows), the delimiter
on a sample. A leading apostrophe that an export put before ``= + - @`` tab or CR to stop a
spreadsheet from running it (see ``app.io.csv_writer``) is dropped, so a round trip is exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from app.domain.errors import InputError
from app.io.csv_writer import FORMULA_TRIGGERS
from app.io.readers.raw import Cells, RawSheet, non_empty_chunks
from app.io.readers.text_encoding import decode_marked, marked_encoding

#: A CSV file larger than this is not a partner list (and would not fit the wizard's preview).
MAX_CSV_BYTES = 512 << 20
_DELIMITERS = ",;\t"


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise InputError(f"{path.name} is larger than {MAX_CSV_BYTES >> 20} MB: split it first.")
    data = path.read_bytes()
    marked = marked_encoding(data[:4])
    if marked is not None:
        try:
            return decode_marked(data, marked, path.name)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        counts = {d: first.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def undefuse(value: str) -> str:
    """``"'=SUM(A1)"`` → ``"=SUM(A1)"``, ``"''=x"`` → ``"'=x"``: undo the export's protection
    of formula-like text (``defuse``), one apostrophe and only before such a character."""
    if len(value) > 1 and value[0] == "'" and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _rows(text: str, delimiter: str, source: str) -> Iterator[Cells]:
    """The file's records; a quote that is never closed (or closed and followed by more text)
    is refused at the line where it opened, so the rest of the file is never read as one cell.

    The reader is strict: without it, an unclosed quote silently swallows every line after it.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    started = 1  # the line the record being read begins on
    try:
        for row in reader:
            yield [undefuse(cell) if cell[:1] == "'" else cell for cell in row]
            started = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise InputError(
                f"{source}: line {started} holds a value longer than {csv.field_size_limit():,} "
                "characters, which no list has: check that the file is the list to import."
            ) from None
        raise InputError(
            f"{source}: the quoted value that opens on line {started} is not closed properly "
            f"({exc}): check the quotes on that line."
        ) from None


def read_csv(path: Path) -> RawSheet:
    try:
        text = _decode(path)
    except OSError as exc:
        raise InputError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    delimiter = _delimiter(text[:8192])
    total = text.count("\n") + 1
    return RawSheet(path.name, "", non_empty_chunks(_rows(text, delimiter, path.name), 1), total)
