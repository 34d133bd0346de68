"""Icons and the stylesheet, read as package data of ``app.resources``.

Reading them through ``importlib.resources`` rather than a path counted up from this file means a
wheel, a checkout and a desktop bundle all find the same files. Qt opens an SVG icon by file name
and reads it again whenever it draws it at a new size, so an icon needs a real file for as long
as the application runs: the package's own file when the package is plain files on disk (the
usual case), else a temporary copy kept until the process exits.
"""

from __future__ import annotations

import atexit
import functools
import logging
from contextlib import ExitStack
from importlib.resources import as_file, files

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

RESOURCES = files("app.resources")
ICONS = RESOURCES / "icons"
STYLESHEET = RESOURCES / "styles" / "app.qss"

_kept_files = ExitStack()
atexit.register(_kept_files.close)


@functools.cache
def _icon_file(name: str) -> str | None:
    """A real file holding the icon ``name``, kept for the life of the process; None if missing."""
    icon_file = ICONS / f"{name}.svg"
    if not icon_file.is_file():
        return None
    return str(_kept_files.enter_context(as_file(icon_file)))


def icon(name: str) -> QIcon:
    """The SVG icon ``name`` (e.g. ``"partners"``); an empty icon if it is missing."""
    path = _icon_file(name)
    if path is None:
        log.warning("icon %s is missing from %s", name, ICONS)
        return QIcon()
    return QIcon(path)


def stylesheet() -> str:
    """The application's one stylesheet, or none (Qt's plain look) if it cannot be read."""
    try:
        return STYLESHEET.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("stylesheet %s cannot be read: %s", STYLESHEET, exc)
        return ""
