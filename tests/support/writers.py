"""Other programs writing to the same database: command-line imports in child processes."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def partner_csv(path: Path, prefix: str, count: int) -> Path:
    """``count`` partners with Partner IDs ``prefix-0…``, as a user's CSV export would hold."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Partner ID", "Name", "Country", "City"])
        for number in range(count):
            writer.writerow([f"{prefix}-{number}", f"{prefix} Firm {number}", "DE", "Berlin"])
    return path


def start_main(argv: list[str], data_dir: Path) -> subprocess.Popen[str]:
    """``python main.py ARGV…`` started now, its output kept for ``communicate``."""
    return subprocess.Popen(
        [sys.executable, "main.py", *argv],
        cwd=REPO,
        env={**os.environ, "CHANNEL_DESK_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def writer_busy(path: Path) -> bool:
    """Whether another connection holds the file's write lock right now."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def wait_until_writing(path: Path, process: subprocess.Popen[str], timeout_s: float = 60) -> None:
    """Return once ``process`` holds the write lock of ``path`` (it is mid-import)."""
    deadline = time.monotonic() + timeout_s
    while not writer_busy(path):
        assert process.poll() is None, "the other program ended before it began writing"
        assert time.monotonic() < deadline, "the other program never began writing"
        time.sleep(0.01)
