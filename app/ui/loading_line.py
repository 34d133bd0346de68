"""The line a page shows in its header while it reads its rows in the background.

It says what is being read ("Finding overlaps…"), how far along it is when the work can count,
and offers Cancel. It appears only once the reading has taken a moment, so a quick reload does
not flash it; the rows read before stay in view meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from app.ui.elided_label import ElidedLabel

#: Reading quicker than this never shows the line.
SHOW_AFTER_MS = 250


class LoadingLine(QWidget):
    """``Finding overlaps… [=====     ] Cancel``; ``cancel_asked`` when Cancel is pressed."""

    cancel_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingLine")
        self.label = ElidedLabel()  # the room it keeps shrinks with a narrow window
        self.label.setObjectName("loadingText")
        self.bar = QProgressBar()
        self.bar.setObjectName("loadingProgress")
        self.bar.setAccessibleName("Reading progress")
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(48)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(12)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelLoading")
        self.cancel_button.setToolTip("Stop reading; the rows read before stay in view")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.cancel_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_AFTER_MS)
        self._timer.timeout.connect(self.show)
        self.cancel_button.clicked.connect(self.cancel_asked.emit)
        # Its room is kept while hidden, so appearing repaints the line alone: relaying out the
        # page would call back into Python for every visible cell while the work holds the
        # interpreter, a wait of up to 5 ms each (120 ms measured for the overlaps page).
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def start(self, text: str) -> None:
        """Reading began: say ``text`` once it has taken a moment."""
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the work says how much there is
        if not self.isVisible():
            self._timer.start()

    def progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def stop(self) -> None:
        self._timer.stop()
        self.hide()
