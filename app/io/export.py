"""Export a table (frozen rows + the columns the screen shows) to .xlsx or .csv, safely.

The one entry point for the export command and the export action of every page: it picks the
format from the file's suffix, writes atomically (the old file survives any failure or a
cancel), reports progress and honours a cancel through plain callables, and turns every problem
the user can fix into an ``InputError`` with one line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.columns import Column
from app.domain.errors import InputError
from app.io.atomic import atomic_path
from app.io.csv_writer import write_csv
from app.io.progress import Cancelled, CancelledByUser, Progress, Ticker

#: Suffixes the export writes, in the order a file dialog offers them.
EXPORT_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv")


@dataclass(frozen=True)
class ExportResult:
    """What was written: ``rows`` data rows to ``path``, or nothing if the user cancelled."""

    path: Path
    rows: int
    cancelled: bool = False


def export_format(path: Path | str) -> str:
    """``"xlsx"`` or ``"csv"`` from the suffix (any case); anything else is refused."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        shown = f"'{Path(path).suffix}'" if Path(path).suffix else "no suffix"
        raise InputError(
            f"Cannot export to {Path(path).name or path}: {shown} is not a format Channel Desk "
            f"writes. Use a file name ending in .xlsx or .csv."
        )
    return suffix[1:]


def export_table(
    path: Path | str,
    rows: Sequence[Any],
    columns: Sequence[Column[Any]],
    *,
    title: str = "Export",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write ``rows`` under ``columns`` to ``path``; the suffix chooses .xlsx or .csv.

    ``title`` names the sheet of a workbook. ``progress(done, total)`` is called every few hundred
    rows; when ``cancelled()`` answers True the work stops, the target is left as it was and the
    result says ``cancelled``. Raises ``InputError`` for a bad suffix or an unwritable target.
    """
    target = Path(os.path.abspath(Path(path).expanduser()))
    kind = export_format(target)
    ticker = Ticker(len(rows), progress, cancelled)
    try:
        with atomic_path(target) as temporary:
            ticker.start()
            if kind == "xlsx":
                from app.io.xlsx_writer import (
                    write_xlsx,  # openpyxl: only when a workbook is written
                )

                write_xlsx(temporary, rows, columns, ticker, title)
            else:
                write_csv(temporary, rows, columns, ticker)
    except CancelledByUser:
        return ExportResult(target, ticker.done, cancelled=True)
    return ExportResult(target, len(rows))
