"""A partner's health score, big, with the rules that make it one line each.

Every line says the rule, the partner's figure and the points it gave of the points it could
give; hovering over a line (or the score) shows the rule's sentence from
``app.domain.scorecard.health``, so the person reads why, not only how much. A rule whose figure
does not exist says "not counted", as its points went to the others.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from app.domain.scorecard.health import FULL, HEALTH_RULES, HealthScore, write_figure


class HealthPanel(QFrame):
    """The score and its breakdown; ``show_score`` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.score = QLabel("–")
        self.score.setObjectName("cardValue")
        self.score.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(f"Health score of {FULL}")
        self.caption.setObjectName("cardLabel")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addStretch(1)
        head.addWidget(self.score)
        head.addWidget(self.caption)
        head.addStretch(1)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        #: Per rule (its figure's name): the labels and bar of its line, which share its tooltip.
        self.lines: dict[str, tuple[QLabel, QLabel, QLabel, QProgressBar]] = {}
        for row, rule in enumerate(HEALTH_RULES):
            name, figure, points = QLabel(rule.name), QLabel("–"), QLabel("")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            points.setObjectName("cardLabel")
            bar = QProgressBar()
            bar.setObjectName(f"healthBar_{rule.figure}")
            bar.setTextVisible(False)
            bar.setMaximumHeight(10)
            bar.setMinimumWidth(60)
            bar.setAccessibleName(rule.name)
            for column, widget in enumerate((name, figure, bar, points)):
                self.grid.addWidget(widget, row, column)
            self.lines[rule.figure] = (name, figure, points, bar)
        self.grid.setColumnStretch(2, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setHorizontalSpacing(24)
        layout.addLayout(head, 0, 0)
        layout.addLayout(self.grid, 0, 1)
        layout.setColumnStretch(1, 1)
        layout.setColumnMinimumWidth(0, 110)
        self.setAccessibleName("Health score")

    def show_score(self, health: HealthScore) -> None:
        """Show ``health``: the score, and each rule's figure, points and sentence."""
        if health.score is None:
            self.score.setText("–")
            self.caption.setText("No health score: none of its figures exists yet")
        else:
            self.score.setText(str(health.score))
            self.caption.setText(f"Health score of {FULL}")
        tip = health.tooltip()
        for part in (self, self.score, self.caption):
            part.setToolTip(tip)
        self.setAccessibleDescription(tip)
        for result in health.results:
            name, figure, points, bar = self.lines[result.rule.figure]
            counted = result.figure is not None
            figure.setText(
                write_figure(result.rule.unit, result.figure) if result.figure is not None else "–"
            )
            points.setText(
                f"{result.contribution} of {result.weight} points" if counted else "not counted"
            )
            bar.setRange(0, max(result.weight, 1))
            bar.setValue(result.contribution)
            bar.setEnabled(counted)
            bar.setAccessibleDescription(points.text())
            for widget in (name, figure, points, bar):
                widget.setToolTip(result.sentence)
