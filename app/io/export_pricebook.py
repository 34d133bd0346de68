"""``export pricebook``: a workbook with the sheets Prices, Tiers, Volume and Settings.

The sheets and their headers are those the ``pricebook`` import reads (SPEC.md), so exporting
and importing the file again changes nothing. A CSV file holds one table: the Prices sheet, the
part of a price book people pass around; tiers, breaks and settings need the workbook.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.domain.columns import Column
from app.io.atomic import atomic_path
from app.io.csv_writer import write_csv
from app.io.export import ExportResult, export_format
from app.io.progress import Cancelled, CancelledByUser, Progress, Ticker
from app.io.xlsx_writer import write_xlsx_sheets

Sheet = tuple[str, Sequence[Any], Sequence[Column[Any]]]


def export_pricebook(
    path: Path | str,
    sheets: Sequence[Sheet],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write ``sheets`` (title, rows, columns; the Prices sheet first) to ``path``; the
    result counts the rows of the Prices sheet. A cancel leaves the old file as it was."""
    target = Path(os.path.abspath(Path(path).expanduser()))
    kind = export_format(target)
    total = sum(len(rows) for _, rows, _ in sheets)
    ticker = Ticker(total, progress, cancelled)
    try:
        with atomic_path(target) as temporary:
            ticker.start()
            if kind == "xlsx":
                write_xlsx_sheets(temporary, sheets, ticker)
            else:
                _, rows, columns = sheets[0]
                write_csv(temporary, rows, columns, ticker)
    except CancelledByUser:
        return ExportResult(target, 0, cancelled=True)
    return ExportResult(target, len(sheets[0][1]))
