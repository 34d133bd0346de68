"""Logging for the whole product: a rotating file in the user's data folder.

Messages for the user are not log lines: the CLI prints them on stderr and the GUI in dialogs.
The log keeps the detail (tracebacks of bugs) a support person needs later.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_logging(folder: Path, verbose: bool = False) -> Path | None:
    """Log to ``folder/channel-desk.log`` (rotated); with ``verbose`` also to stderr."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_channel_desk", False):
            root.removeHandler(handler)
            handler.close()
    path: Path | None = folder / "logs" / "channel-desk.log"
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        path = None
        file_handler = logging.NullHandler()
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    file_handler._channel_desk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        stream._channel_desk = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    logging.captureWarnings(True)
    return path
