"""Windows that fit the screen they open on: the main window, every dialog, the quote preview.

A dialog asks for the size its content likes (the quote preview an A4 page, 820×980); on a
laptop's 1366×768 or a netbook's 1024×600 that is taller than the screen, and its buttons
would sit out of reach below the edge. So every top-level window is fitted once as it is
shown: never larger than the screen's available area (without task bars and docks), and moved
so that all of it is on that screen. One event filter, set on the main window and passed on to
each dialog it opens, does this for all of them, so a new dialog cannot forget.

The main window remembers its place per screen (``screen_key``): a laptop that is sometimes
docked to a large monitor opens where it was last on whichever screen it opens on.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Room left for the title bar and borders the window manager adds around a window's
#: contents, which Qt only learns once the window is shown.
FRAME_ALLOWANCE = QSize(16, 40)


def screen_key(screen: QScreen) -> str:
    """The screen's name and geometry, as a settings key ("DP-1 1920x1080+0+0")."""
    g = screen.geometry()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", screen.name() or "screen")
    return f"{name} {g.width()}x{g.height()}+{g.x()}+{g.y()}"


def screen_for(widget: QWidget | None = None) -> QScreen:
    """The screen ``widget`` is on, else the one under the mouse, else the primary one."""
    if widget is not None and widget.isVisible():
        return widget.screen()
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def fitted_size(
    wanted: QSize, available: QRect, minimum: QSize | None = None, frame: QSize = FRAME_ALLOWANCE
) -> QSize:
    """``wanted``, no larger than ``available`` less the ``frame`` (but not below
    ``minimum``)."""
    room = available.size() - frame
    size = wanted.boundedTo(room)
    return size.expandedTo(minimum) if minimum is not None else size


def inside(rect: QRect, available: QRect) -> QPoint:
    """Where ``rect`` (a frame) goes so that as much of it as can be is within ``available``:
    moved as little as possible, the top-left corner kept on screen first."""
    x = max(available.left(), min(rect.left(), available.right() + 1 - rect.width()))
    y = max(available.top(), min(rect.top(), available.bottom() + 1 - rect.height()))
    return QPoint(x, y)


def centered(size: QSize, available: QRect) -> QRect:
    """A window of ``size`` (contents) in the middle of ``available``, its frame included."""
    frame = size + FRAME_ALLOWANCE
    left = available.left() + max(0, (available.width() - frame.width()) // 2)
    top = available.top() + max(0, (available.height() - frame.height()) // 2)
    return QRect(QPoint(left, top), size)


def fit_window(
    window: QWidget, available: QRect | None = None, allowance: QSize = FRAME_ALLOWANCE
) -> None:
    """Shrink ``window`` to ``available`` (its screen's available area) and move it wholly
    onto it. ``allowance``: room for a frame the window manager has not added yet (none for a
    size that was measured with its frame, as a remembered one was)."""
    area = available if available is not None else screen_for(window).availableGeometry()
    size = fitted_size(window.size(), area, window.minimumSize(), allowance)
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    # Before it is shown, the frame is not known: allow for one.
    if frame.size() == window.size():
        frame.setSize(window.size() + allowance)
    spot = inside(frame, area)
    if spot != frame.topLeft():
        window.move(spot)


class FitToScreen(QObject):
    """Fits each dialog (and wizard, message box, preview) of the window it watches as the
    dialog is first shown, and watches that dialog for dialogs of its own.

    It watches the window and its dialogs only, not the application: a filter on the
    application would call into Python for every event of every widget, and each such call
    waits for the interpreter while a background read runs.
    """

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and _is_dialog(child):
                child.installEventFilter(self)
        elif (
            kind == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and _is_dialog(watched)
            and watched is not self.parent()  # the main window places itself, per screen
            and not watched.property("fittedToScreen")
        ):
            watched.setProperty("fittedToScreen", True)
            parent = watched.parentWidget()
            fit_window(watched, screen_for(parent.window() if parent else None).availableGeometry())
        return False


def _is_dialog(widget: QWidget) -> bool:
    """A window of its own that is not a popup, a tool tip or the main window."""
    return widget.isWindow() and widget.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Window)
