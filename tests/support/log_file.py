"""The product's own log configuration pointed at a temporary data folder for one test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.log import configure_logging


@contextmanager
def product_log(folder: Path) -> Iterator[Path]:
    """Log as the product does into ``folder``; the test run's own data folder afterwards."""
    path = configure_logging(folder)
    assert path is not None
    try:
        yield path
    finally:
        configure_logging(Path(os.environ["CHANNEL_DESK_DATA_DIR"]))
