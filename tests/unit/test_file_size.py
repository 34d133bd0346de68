"""A file's size is always written with its unit, the same way on every screen."""

from __future__ import annotations

from app.domain.columns import Column, Kind
from app.domain.file_size import size_text


def test_sizes_carry_their_unit() -> None:
    sizes = [size_text(n) for n in (0, 1, 8, 1023)]
    assert sizes == ["0 bytes", "1 byte", "8 bytes", "1,023 bytes"]
    assert size_text(8 * 1024) == "8.0 KB"
    assert size_text(31 * (1 << 20) + (1 << 19)) == "31.5 MB"


def test_a_size_column_writes_the_unit() -> None:
    column: Column[int] = Column("size", "Size", lambda r: r, Kind.BYTES)
    assert column.text(8) == "8 bytes"
    assert column.text(12_800) == "12.5 KB"
    assert column.sort_key(8) < column.sort_key(12_800)
