"""Logging for the whole product: a rotating file in the user's data folder.

Messages for the user are not log lines: the CLI prints them on stderr and the GUI in dialogs.
The log keeps the detail (tracebacks of bugs) a support person needs later, and nothing more:
no record's values, no addresses (``app.log_redact``), in a file only its owner can read, in a
data folder only its owner can open (the database beside it holds the business itself).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from app.log_redact import RedactingFormatter

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_logging(folder: Path, verbose: bool = False, own_folder: bool = True) -> Path | None:
    """Log to ``folder/logs/channel-desk.log`` (rotated); with ``verbose`` also to stderr.

    ``own_folder``: the data folder is the product's own (the default place), so one that an
    older version left open to others is made private too. A folder the user named is made
    private only when it is created here: it may be a shared place such as ``/tmp``.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_channel_desk", False):
            root.removeHandler(handler)
            handler.close()
    path: Path | None = folder / "logs" / "channel-desk.log"
    try:
        assert path is not None
        private_folder(folder, tighten=own_folder)
        private_folder(path.parent)
        file_handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        path = None
        file_handler = logging.NullHandler()
    file_handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    file_handler._channel_desk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(RedactingFormatter(LOG_FORMAT))
        stream._channel_desk = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    logging.captureWarnings(True)
    return path


def private_folder(folder: Path, tighten: bool = True) -> None:
    """Make ``folder`` (and any missing parent) with mode 0700; with ``tighten``, also take
    group and others' access away from one that exists already, when it is ours to change."""
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
        return
    if not tighten:
        return
    info = folder.stat()
    if info.st_mode & 0o077 and hasattr(os, "getuid") and info.st_uid == os.getuid():
        os.chmod(folder, info.st_mode & 0o700)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file readable by its owner only (0600), also when it existed before:
    renaming at rollover keeps the mode, so the older files stay private too."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: -> TextIOWrapper
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if hasattr(os, "fchmod"):  # Windows has no such modes; its profile folder is private
            os.fchmod(descriptor, 0o600)
        return open(descriptor, self.mode, encoding=self.encoding, errors=self.errors)
