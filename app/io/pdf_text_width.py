"""Text widths in one font and size, and wrapping to a width, for the quote's table of lines.

A quote repeats itself (the same discounts, words of product names, figure shapes), and the table
measures every cell to size its columns and wrap its descriptions: each distinct text is measured
once here, with reportlab's own ``stringWidth``, so the result is exactly reportlab's.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfbase import pdfmetrics


class TextWidths:
    """``stringWidth`` in one registered font and size, remembered per text for one document."""

    def __init__(self, font: str, size: float) -> None:
        self._measure = pdfmetrics.getFont(font).stringWidth
        self._size = size
        self._known: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        width = self._known.get(text)
        if width is None:
            width = self._known[text] = self._measure(text, self._size)
        return width

    def widest(self, texts: Iterable[str]) -> float:
        """The width of the widest of ``texts`` (0 when there are none)."""
        return max(map(self, texts), default=0.0)

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` (one line) broken at spaces into lines no wider than ``width`` where the
        words allow: the same lines as reportlab's ``simpleSplit``, whose greedy rule this is."""
        space = self(" ")
        lines: list[str] = []
        words: list[str] = []
        used = -space
        for word in text.split():
            size = self(word)
            if used + space + size <= width or not words:
                words.append(word)
                used = used + space + size
            else:
                lines.append(" ".join(words))
                words = [word]
                used = size
        if words:
            lines.append(" ".join(words))
        return lines
