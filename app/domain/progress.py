"""Progress and cancellation for long work, as plain callables (DESIGN.md, convention 6).

The GUI's background helper passes a ``progress`` that posts to the progress bar and a
``cancelled`` that reads its Cancel button; the command line passes neither. Calling them on every
row would cost more than the row itself, so ``Ticker`` calls them every ``every`` rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CancelledByUser(Exception):  # noqa: N818 - it is not an error, the user asked for it
    """Raised inside a writer when ``cancelled()`` answers True; the caller discards the file."""


@dataclass
class Ticker:
    """Counts rows, reports progress and stops the work when the user cancels."""

    total: int
    progress: Progress | None = None
    cancelled: Cancelled | None = None
    every: int = 500
    done: int = field(default=0, init=False)

    def start(self) -> None:
        """Report 0 of total and honour a cancel given before any work."""
        self._check()
        if self.progress is not None:
            self.progress(0, self.total)

    def tick(self) -> None:
        """One more row done."""
        self.done += 1
        if self.done % self.every == 0:
            self._check()
            if self.progress is not None:
                self.progress(self.done, self.total)

    def advance(self, rows: int) -> None:
        """``rows`` more rows done at once (work done a block at a time): report and check."""
        self.done += rows
        self._check()
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        """Report the final count (last chance to cancel before the file replaces the old one)."""
        self._check()
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise CancelledByUser
