"""Workbooks (.xlsx, .xlsm, .xls, .xlsb, .ods) through python-calamine; formulas as cached values.

calamine parses a 50,000-row sheet about fifteen times faster than openpyxl (ENVIRONMENT.md) and
keeps the sheet as a compact Rust range; rows become Python lists only as they are iterated, so
memory stays flat. Every failure of the parser becomes an ``InputError`` of one line. calamine is
Rust: a bug in it surfaces as ``pyo3_runtime.PanicException`` (a ``BaseException``), which is
caught here too, so a hostile file never shows a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import python_calamine as calamine

from app.domain.errors import InputError
from app.domain.importing.headers import given_text
from app.io.readers.raw import Cells, Chunk, RawSheet, non_empty_chunks

log = logging.getLogger(__name__)

_SAVE_AGAIN = "open it in Excel (or LibreOffice), save it again as .xlsx, and import that"


def _refuse(path: Path, exc: BaseException) -> InputError:
    log.info("calamine refused %s: %s", path, type(exc).__name__)  # its text may quote cells
    if isinstance(exc, calamine.PasswordError):
        return InputError(
            f"{path.name} is protected with a password: open it in Excel, remove the password, "
            "save, and import again."
        )
    reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return InputError(f"{path.name} cannot be read as a workbook ({reason}): {_SAVE_AGAIN}.")


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _open(path: Path) -> Any:
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise _refuse(path, exc) from None
    except BaseException as exc:
        if _is_panic(exc):
            raise _refuse(path, exc) from None
        raise


def _worksheets(book: Any) -> list[tuple[str, bool]]:
    """``(name, visible)`` of the worksheets (chart and dialog sheets hold no table)."""
    result = []
    for meta in book.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        result.append((meta.name, meta.visible == calamine.SheetVisibleEnum.Visible))
    return result


def list_sheets(path: Path) -> list[str]:
    """The worksheet names of the workbook at ``path``, in workbook order."""
    book = _open(path)
    try:
        return [name for name, _ in _worksheets(book)]
    finally:
        book.close()


def read_workbook(path: Path, sheet: str | None) -> RawSheet:
    """One sheet of the workbook at ``path``: by name (any case), or the first visible one."""
    book = _open(path)
    try:
        sheets = _worksheets(book)
        if not sheets:
            raise InputError(f"{path.name} has no worksheet: {_SAVE_AGAIN}.")
        name = _choose(path, sheets, sheet)
        try:
            data = book.get_sheet_by_name(name)
            total = data.height
            rows: Iterator[Cells] = data.iter_rows()
        except Exception as exc:
            raise _refuse(path, exc) from None
        except BaseException as exc:
            if _is_panic(exc):
                raise _refuse(path, exc) from None
            raise
    except BaseException:
        book.close()
        raise
    return RawSheet(path.name, name, _guarded(path, book, rows), total)


def _choose(path: Path, sheets: list[tuple[str, bool]], wanted: str | None) -> str:
    if wanted is None:
        visible = [name for name, shown in sheets if shown]
        return (visible or [sheets[0][0]])[0]
    for name, _ in sheets:
        if name == wanted:
            return name
    folded = wanted.strip().casefold()
    for name, _ in sheets:
        if name.strip().casefold() == folded:
            return name
    listed = ", ".join(f"'{name}'" for name, _ in sheets)
    raise InputError(f"{path.name} has no sheet {given_text(wanted)}: its sheets are {listed}.")


def _guarded(path: Path, book: Any, rows: Iterator[Cells]) -> Iterator[Chunk]:
    """The non-empty rows, numbered as Excel shows them; the workbook closes at the end."""
    try:
        yield from non_empty_chunks(rows, 1)
    except InputError:
        raise
    except Exception as exc:
        raise _refuse(path, exc) from None
    except BaseException as exc:
        if _is_panic(exc):
            raise _refuse(path, exc) from None
        raise
    finally:
        book.close()
