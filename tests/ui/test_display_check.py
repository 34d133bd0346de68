"""Starting the window where Qt cannot open one ends in one line and exit 1, never Qt's abort
(exit 134 and a core dump), whatever is missing: the display or an X11 library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.ui.display_check import NO_DISPLAY, XCB_LIBRARIES, display_problem
from tests.conftest import REPO

DESKTOP = {"DISPLAY": ":0"}


def test_a_desktop_with_every_library_can_open_a_window() -> None:
    assert display_problem(DESKTOP, "linux", lambda _library: True) is None


def test_missing_x11_libraries_are_named_by_their_package() -> None:
    gone = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    said = display_problem(DESKTOP, "linux", lambda library: library not in gone)
    assert said is not None
    assert said.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4")


def test_no_display_and_other_platforms() -> None:
    assert display_problem({}, "linux", lambda _l: True) == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda _l: False) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda _l: False) is None
    assert display_problem({}, "win32", lambda _l: False) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", lambda _l: True) == NO_DISPLAY


def test_every_library_named_is_one_qt_links_to() -> None:
    """The list is Qt's own: each file is a dependency of the xcb plugin's library."""
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6XcbQpa.so.6"
    if not qt.exists():  # a wheel for another system
        return
    linked = subprocess.run(["ldd", str(qt)], capture_output=True, text=True, check=False).stdout
    for library in XCB_LIBRARIES:
        assert library in linked, library


def test_the_start_command_without_a_display_explains_itself(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["CHANNEL_DESK_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py")], capture_output=True, text=True, timeout=120,
        check=False, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == NO_DISPLAY


def _apt_lines(text: str) -> list[set[str]]:
    return [
        {word for word in line.split() if not word.startswith("-")} - {"sudo", "apt-get", "install"}
        for line in text.splitlines()
        if "apt-get install" in line
    ]


def test_the_readme_lists_what_the_window_and_ci_need() -> None:
    """README's desktop libraries are the ones the start checks for, and its offscreen ones
    are the ones CI installs: the three cannot drift apart."""
    offscreen, desktop = _apt_lines((REPO / "README.md").read_text(encoding="utf-8"))[:2]
    assert desktop == set(XCB_LIBRARIES.values())
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert all(package in ci for package in offscreen)
