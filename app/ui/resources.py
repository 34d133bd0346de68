"""Icons and the stylesheet, found by path from this package so they work from a checkout.

``resources/`` sits beside ``app/`` at the repository root. A wheel only ships what lies inside the
package, so an installed copy looks in ``app/resources`` first (the place to move it to, with a
package-data line in pyproject) and then beside the package.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)


def _find_resources() -> Path:
    """``app/resources`` if the package ships it there, else ``resources/`` beside ``app/``."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "styles").is_dir():
            return candidate
    return package.parent / "resources"


RESOURCES = _find_resources()
ICONS = RESOURCES / "icons"
STYLESHEET = RESOURCES / "styles" / "app.qss"


def icon(name: str) -> QIcon:
    """The SVG icon ``name`` (e.g. ``"partners"``); an empty icon if it is missing."""
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        log.warning("icon %s is missing at %s", name, path)
        return QIcon()
    return QIcon(str(path))


def stylesheet() -> str:
    """The application's one stylesheet, or none (Qt's plain look) if it cannot be read."""
    try:
        return STYLESHEET.read_text(encoding="utf-8")
    except OSError as exc:
        log.warning("stylesheet %s cannot be read: %s", STYLESHEET, exc)
        return ""
