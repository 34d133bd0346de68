"""The export entry point: format by suffix, all-or-nothing writes, progress and cancel."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import app.io.export as export_module
import app.io.xlsx_writer as xlsx_module
from app.domain.errors import InputError
from app.io.export import EXPORT_SUFFIXES, export_format, export_table
from tests.support.table_rows import COLUMNS, ROWS, Row

OLD = b"the previous export, which must survive"


def _many(n: int) -> list[Row]:
    return [ROWS[1]] * n


@pytest.mark.parametrize("name", ["out.txt", "out.xls", "out", "out.xlsx.bak", "out.pdf"])
def test_other_suffixes_are_refused_with_the_allowed_ones(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError) as caught:
        export_table(tmp_path / name, ROWS, COLUMNS)
    message = str(caught.value)
    assert ".xlsx" in message and ".csv" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_format_follows_the_suffix() -> None:
    assert EXPORT_SUFFIXES == (".xlsx", ".csv")
    assert export_format("a.XLSX") == "xlsx"
    assert export_format(Path("dir.v2/a.Csv")) == "csv"


@pytest.mark.parametrize("suffix", EXPORT_SUFFIXES)
def test_a_failing_write_leaves_the_old_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    target = tmp_path / f"partners{suffix}"
    target.write_bytes(OLD)
    writer_name = "write_xlsx" if suffix == ".xlsx" else "write_csv"
    module = xlsx_module if suffix == ".xlsx" else export_module  # openpyxl loads when needed
    real = getattr(module, writer_name)

    def half_then_disk_full(path: Path, *args: Any) -> None:
        real(path, *args)  # the whole file is there under its temporary name...
        with open(path, "ab") as stream:
            stream.write(b"...")
        raise OSError(errno.ENOSPC, "No space left on device")  # ...then the disk fills up

    monkeypatch.setattr(module, writer_name, half_then_disk_full)
    with pytest.raises(InputError) as caught:
        export_table(target, ROWS, COLUMNS)
    assert str(caught.value) == (
        f"Cannot write {target}: the disk is full. Free some space or choose another folder."
    )
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_refused_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a workbook open in Excel cannot be replaced: permission denied."""
    target = tmp_path / "partners.xlsx"
    target.write_bytes(OLD)

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(InputError) as caught:
        export_table(target, ROWS, COLUMNS)
    message = str(caught.value)
    assert message.startswith(f"Cannot write {target}: permission denied")
    assert "choose another folder" in message.lower() and "\n" not in message
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_bug_in_the_middle_also_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "partners.csv"
    target.write_bytes(OLD)
    boom = [*ROWS, "not a row"]  # the value lambdas fail on this one
    with pytest.raises(AttributeError):
        export_table(target, boom, COLUMNS)
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "partners.xlsx"
    with pytest.raises(InputError) as caught:
        export_table(target, ROWS, COLUMNS)
    assert str(caught.value) == (
        f"Cannot write {target}: the folder does not exist. Choose an existing folder."
    )


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "looks.csv"
    target.mkdir()
    with pytest.raises(InputError) as caught:
        export_table(target, ROWS, COLUMNS)
    assert "it is a folder" in str(caught.value)
    assert target.is_dir() and list(target.iterdir()) == []


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_bytes(OLD)
    target.chmod(0o640)
    export_table(target, ROWS, COLUMNS)
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes() != OLD


@pytest.mark.parametrize("suffix", EXPORT_SUFFIXES)
def test_progress_is_reported_up_to_the_total(tmp_path: Path, suffix: str) -> None:
    calls: list[tuple[int, int]] = []
    result = export_table(
        tmp_path / f"p{suffix}", _many(1234), COLUMNS, progress=lambda d, t: calls.append((d, t))
    )
    assert result.rows == 1234
    assert calls[0] == (0, 1234) and calls[-1] == (1234, 1234)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) < 10  # every few hundred rows, not every row


@pytest.mark.parametrize("suffix", EXPORT_SUFFIXES)
def test_cancel_stops_and_keeps_the_old_file(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"partners{suffix}"
    target.write_bytes(OLD)
    seen: list[int] = []
    result = export_table(
        target,
        _many(5000),
        COLUMNS,
        progress=lambda d, _t: seen.append(d),
        cancelled=lambda: bool(seen) and seen[-1] >= 1000,
    )
    assert result.cancelled and 1000 <= result.rows < 5000
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_new_file_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    export_table(target, _many(3), COLUMNS)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.max_row == 4
