"""A file's sheet as mapped rows: read, find the header, map the columns (SPEC.md, "Import").

This is where the reader and the pure header rules meet; the result is a domain ``MappedSheet``
that the import services consume without knowing about files. Rows stream: only the rows above
and including the header are held while the header is looked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from app.domain.errors import InputError
from app.domain.importing.fields import Field
from app.domain.importing.headers import (
    HEADER_SEARCH_ROWS,
    ColumnMap,
    Overrides,
    find_header,
    given_text,
    header_key,
    parse_overrides,
)
from app.domain.importing.sheet import BLOCK_ROWS, Block, MappedSheet
from app.io.readers import open_table
from app.io.readers.raw import Cells, RawSheet


def read_mapped(
    path: Path | str,
    fields: Sequence[Field],
    sheet: str | None = None,
    mapping: Iterable[str] = (),
) -> MappedSheet:
    """The data rows of ``sheet`` in ``path`` as ``{field: cell}``; refuses an unusable file."""
    raw = open_table(path, sheet)
    return map_sheet(raw, fields, parse_overrides(mapping, fields))


def map_sheet(raw: RawSheet, fields: Sequence[Field], overrides: dict[str, str]) -> MappedSheet:
    """Find the header of ``raw`` and map its columns; the data rows stay a stream."""
    head: list[tuple[int, Cells]] = []
    for chunk in raw.chunks:
        head += chunk
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    rest = head[HEADER_SEARCH_ROWS:]  # read with the head, but past where a header is looked for
    head = head[:HEADER_SEARCH_ROWS]
    if not head:
        raise InputError(f"{raw.where} is empty: choose the sheet (--sheet) that holds the list.")
    columns = find_header(head, fields, overrides, raw.where)
    _check_overrides(columns, overrides, head, raw.where)
    after = [item for item in head if item[0] > columns.header_row] + rest
    headers = {name: text for name, (_, text) in columns.columns.items()}
    blocks = _mapped_blocks(after, raw.chunks, columns)
    return MappedSheet(raw.name or raw.source, headers, blocks, raw.total, columns.ignored)


def _check_overrides(
    columns: ColumnMap, overrides: dict[str, str], head: list[tuple[int, Cells]], where: str
) -> None:
    header_cells = next(cells for number, cells in head if number == columns.header_row)
    present = {header_key(c) for c in header_cells if c not in (None, "")}
    unknown = [key for key in overrides if key not in present]
    if unknown:
        named = ", ".join(
            overrides.shown(key) if isinstance(overrides, Overrides) else given_text(key)
            for key in unknown
        )
        headers = ", ".join(given_text(str(c)) for c in header_cells if c not in (None, ""))
        raise InputError(
            f"--map names a column that {where} does not have ({named}); its headers are {headers}."
        )


def _mapped_blocks(
    first: list[tuple[int, Cells]], rest: Iterator[list[tuple[int, Cells]]], columns: ColumnMap
) -> Iterator[Block]:
    """The data rows in blocks of columns, the cells as the file has them; rows with nothing in
    any mapped column are left out."""
    positions = tuple((name, index) for name, (index, _) in columns.columns.items())
    batch = first
    for chunk in rest:
        batch = batch + chunk if batch else chunk
        if len(batch) >= BLOCK_ROWS:
            block = _block(batch, positions)
            if block is not None:
                yield block
            batch = []
    if batch:
        block = _block(batch, positions)
        if block is not None:
            yield block


def _block(batch: list[tuple[int, Cells]], positions: tuple[tuple[str, int], ...]) -> Block | None:
    if not positions:
        return None
    numbers = [number for number, _ in batch]
    cells = [row for _, row in batch]
    width = min(map(len, cells))
    whole = list(zip(*cells, strict=True)) if width == max(map(len, cells)) else None
    columns: dict[str, list[object]] = {}
    for name, index in positions:
        if whole is not None and index < width:
            column = list(whole[index])
        elif index < width:
            column = [row[index] for row in cells]
        else:  # a short row (CSV): its missing cells are empty
            column = [row[index] if index < len(row) else None for row in cells]
        columns[name] = column
    # A row is left out when every mapped cell is blank; only rows whose first mapped cell is
    # blank need the whole look (a full list has none, and costs one pass over one column).
    values = list(columns.values())
    empty = [
        n for n in _blank_cells(values[0])
        if all(_is_blank(column[n]) for column in values)
    ]  # fmt: skip
    if not empty:
        return Block(numbers, columns)
    keep = sorted(set(range(len(numbers))) - set(empty))
    if not keep:
        return None
    return Block(
        [numbers[n] for n in keep],
        {name: [column[n] for n in keep] for name, column in columns.items()},
    )


def _blank_cells(column: list[object]) -> list[int]:
    """Where ``column`` holds nothing: no cell, an empty text or only spaces."""
    return [
        n for n, value in enumerate(column)
        if value is None or (value.__class__ is str and (not value or value.isspace()))
    ]  # fmt: skip


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
