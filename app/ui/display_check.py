"""Whether Qt can open a window here, asked before Qt is: Qt itself aborts the whole process.

Without a display (no ``DISPLAY``), or with its X11 platform plugin missing a system library,
Qt prints "could not connect to display" or "Could not load the Qt platform plugin xcb" and
aborts (exit 134, a core dump), naming libxcb-cursor0 whichever library is missing. A person
who ran the README's start command on a fresh desktop deserves one line saying what to install
instead, and the usual "refused" exit code. This module loads no Qt, so it can ask first.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Mapping

#: The libraries Qt 6's X11 platform plugin (``libqxcb.so`` and ``libQt6XcbQpa``) links to,
#: by file, with the Debian and Ubuntu package that brings each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}

NO_DISPLAY = (
    "There is no display to open the window on (DISPLAY is not set): start Channel Desk in a "
    "desktop session, or use its commands (channel-desk --help)."
)


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def display_problem(
    environ: Mapping[str, str], platform: str = sys.platform, loads: Callable[[str], bool] = _loads
) -> str | None:
    """Why Qt could not open a window on this Linux desktop, in one line, or None if it can
    (or if another platform than X11 is asked for: offscreen, Wayland, Windows, macOS)."""
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None  # offscreen, wayland, … as the person asked
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return None  # Qt opens a Wayland window
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    missing = [package for library, package in XCB_LIBRARIES.items() if not loads(library)]
    if not missing:
        return None
    return (
        "Qt needs system libraries to open a window here; install them with: "
        f"sudo apt-get install {' '.join(missing)}"
    )
