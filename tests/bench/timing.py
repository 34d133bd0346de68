"""Timing helpers for the benchmarks: medians of repeated runs, reported as ratios.

These machines are shared and noisy, so every figure is compared with a baseline measured in the
same run, and the medians of several runs are used. Benchmarks never run in the default test run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def median_seconds(work: Callable[[], object], repeat: int = 5) -> float:
    """The median wall time of ``repeat`` runs of ``work``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_python(args: Sequence[str], env: dict[str, str] | None = None) -> None:
    """Run ``python ARGS`` in the repository and insist that it succeeds."""
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, env=env,
        timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


def report(name: str, figures: dict[str, float]) -> None:
    """Print the figures so that ``pytest tests/bench -s`` shows them."""
    text = ", ".join(f"{key} {value:.3f}" for key, value in figures.items())
    print(f"\n[bench] {name}: {text}")
