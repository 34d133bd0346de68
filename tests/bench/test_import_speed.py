"""Benchmark: importing a 50,000-row partner workbook, as ratios to reading it bare.

Run on demand: ``pytest tests/bench/test_import_speed.py -s`` (needs pandas, the ``bench``
extra). Goals: a first import and a re-import each ≤ 2.5× python-calamine's bare read of the
same file, ≥ 5× faster than ``pandas.read_excel``, peak memory under 400 MB (measured in a fresh
process).

Each import runs in a fresh process that first reads the file bare, so both sides of a ratio
meet the same machine, and the goals hold the medians of the turns (the spread is printed: on a
shared two-core machine one turn can land far from the others).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.bench.timing import REPO, report

ROWS = 50_000
TIERS = ("Registered", "Silver", "Gold", "Platinum")
COUNTRIES = ("DE", "France", "gb", "US", "Netherlands", "IT")

IMPORT_SCRIPT = """
import json, resource, sys, time
import python_calamine
from app.db.engine import open_database
from app.io.import_sheet import read_mapped
from app.domain.importing.fields import FIELDS
from app.services.importing import ImportOptions
from app.services.importing.partners import import_partners

def bare_read():
    workbook = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
    for _ in workbook.get_sheet_by_index(0).iter_rows():
        pass
    workbook.close()

db = open_database(sys.argv[2])
start = time.perf_counter()
bare_read()
bare = time.perf_counter() - start
start = time.perf_counter()
sheet = read_mapped(sys.argv[1], FIELDS["partners"])
with db.transaction() as session:
    summary = import_partners(session, sheet, ImportOptions())
seconds = time.perf_counter() - start
db.dispose()
print(json.dumps({"seconds": seconds, "bare": bare, "new": summary.new,
                  "unchanged": summary.unchanged,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
TURNS = 5


def _generate(path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Partners")
    sheet.append(["Partner ID", "Name", "Legal name", "Type", "Tier", "Status", "Country", "City",
                  "Website", "Email", "Phone", "Partner since"])  # fmt: skip
    for i in range(ROWS):
        sheet.append([
            f"P-{i:06d}", f"Partner {i} Systems", f"Partner {i} Systems GmbH", "Reseller",
            TIERS[i % 4], "Active", COUNTRIES[i % 6], "Berlin", f"partner{i}.example.com",
            f"sales@partner{i}.example.com", 4930000000 + i, f"2020-{i % 12 + 1:02d}-15",
        ])  # fmt: skip
    book.save(path)


def _run_import(book: Path, db: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT, str(book), str(db)], cwd=REPO,
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


@pytest.mark.bench
def test_import_speed(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")

    book = tmp_path / "partners.xlsx"
    _generate(book)
    start = time.perf_counter()
    pandas.read_excel(book)
    pandas_seconds = time.perf_counter() - start

    # By turns, each import with a bare read of the file just before it in the same process:
    # a burst of other work on the machine then weighs on both sides of a ratio alike.
    empty_runs, full_runs = [], []
    for turn in range(TURNS):
        db = tmp_path / f"bench{turn}.sqlite"
        empty_runs.append(_run_import(book, db))
        full_runs.append(_run_import(book, db))
    assert all(run["new"] == ROWS for run in empty_runs)
    assert all(run["unchanged"] == ROWS for run in full_runs)

    def ratios(runs: list[dict[str, float]]) -> list[float]:
        return sorted(run["seconds"] / run["bare"] for run in runs)

    empty, full = ratios(empty_runs), ratios(full_runs)
    empty_s = statistics.median(run["seconds"] for run in empty_runs)
    full_s = statistics.median(run["seconds"] for run in full_runs)
    figures = {
        "bare read s": statistics.median(run["bare"] for run in empty_runs + full_runs),
        "pandas.read_excel s": pandas_seconds,
        "import empty s": empty_s,
        "import full s": full_s,
        "import empty / bare": statistics.median(empty),
        "lowest": empty[0],
        "highest": empty[-1],
        "import full / bare": statistics.median(full),
        "lowest ": full[0],
        "highest ": full[-1],
        "pandas / import empty": pandas_seconds / empty_s,
        "pandas / import full": pandas_seconds / full_s,
        "peak MB": max(run["maxrss_mb"] for run in empty_runs + full_runs),
    }
    report("import 50,000 partners", figures)
    assert figures["peak MB"] < 400
    assert figures["import empty / bare"] <= 2.5 and figures["import full / bare"] <= 2.5
    assert figures["pandas / import empty"] >= 5 and figures["pandas / import full"] >= 5
