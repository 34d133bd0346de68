"""Reading tables from files: workbooks through python-calamine, CSV through the standard library.

``open_table`` is the one entry point: it looks at the file's first bytes (not only its name),
refuses what is not a usable sheet with one line that says what to do, and otherwise returns a
``RawSheet`` whose rows stream as ``(row number as Excel shows it, cells)``.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.errors import InputError
from app.io.readers.csv_reader import read_csv
from app.io.readers.raw import RawSheet
from app.io.readers.signature import check_signature
from app.io.readers.workbook import list_sheets, read_workbook

__all__ = ["RawSheet", "list_sheets", "open_table", "sheet_names"]

CSV_SUFFIXES = (".csv", ".txt", ".tsv")


def open_table(path: Path | str, sheet: str | None = None) -> RawSheet:
    """The rows of ``sheet`` (default: the first visible one) of the workbook or CSV at ``path``."""
    target = Path(path).expanduser()
    try:
        if not target.exists():
            raise InputError(f"{target} does not exist: check the name and the folder.")
        if target.is_dir():
            raise InputError(f"{target} is a folder: give the path of a workbook or CSV file.")
        kind = check_signature(target)
        if kind == "csv":
            if sheet is not None:
                raise InputError(
                    f"{target.name} is a CSV file and has no sheets: leave out --sheet."
                )
            return read_csv(target)
        return read_workbook(target, sheet)
    except OSError as exc:  # a name too long, no permission, a file that went away
        raise cannot_read(target, exc) from None


def cannot_read(path: Path, exc: OSError) -> InputError:
    """The one line a person reads when ``path`` cannot be read."""
    reason = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")
    return InputError(f"Cannot read {path}: {reason[:1].lower()}{reason[1:]}.")


def sheet_names(path: Path | str) -> list[str]:
    """The worksheets of a workbook (one pseudo-sheet for a CSV file), for a sheet picker."""
    target = Path(path).expanduser()
    try:
        if check_signature(target) == "csv":
            return [target.stem]
        return list_sheets(target)
    except OSError as exc:
        raise cannot_read(target, exc) from None
