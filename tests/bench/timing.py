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


def paired_ratio(
    work: Callable[[], object], baseline: Callable[[], object], repeat: int = 5
) -> tuple[float, float, float]:
    """``work`` against ``baseline``, run by turns: their median wall times and the median of
    each turn's ratio. Timed by turns, a burst of load from other work on the machine slows both
    sides of a ratio alike, where back-to-back medians would charge it to one side only."""
    work_times, base_times, ratios = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        baseline()
        middle = time.perf_counter()
        work()
        end = time.perf_counter()
        base_times.append(middle - start)
        work_times.append(end - middle)
        ratios.append((end - middle) / (middle - start))
    return (
        statistics.median(base_times),
        statistics.median(work_times),
        statistics.median(ratios),
    )


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
