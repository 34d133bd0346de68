"""Rows for an export made on the export's own worker, not on the window's thread.

A page hands File › Export its rows before the file dialog opens. Where making them is whole-
table work (the Overlaps page rebuilds every group it keeps, some 0.5 s for 10,000 groups), the
page hands this instead: it knows how many rows there will be (for the progress line) and makes
them the first time the export reads them, which is on its background worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload


class RowsMadeLater(Sequence[Any]):
    """``count`` rows, made by ``make`` once, when first read."""

    def __init__(self, count: int, make: Callable[[], Sequence[Any]]) -> None:
        self._count = count
        self._make: Callable[[], Sequence[Any]] | None = make
        self._rows: Sequence[Any] = ()
        self._lock = threading.Lock()

    def _made(self) -> Sequence[Any]:
        with self._lock:
            if self._make is not None:
                self._rows, self._make = self._make(), None
        return self._rows

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return self._made()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._made())
