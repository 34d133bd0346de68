"""Contrast as WCAG 2 measures it: relative luminance of sRGB colours and their ratio, and the
text contrast of a rendered area (its most common colour against the colour farthest from it)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor, QImage


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def ratio(one: QColor, other: QColor) -> float:
    """1 (the same) to 21 (black on white)."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def area_contrast(image: QImage) -> tuple[QColor, float]:
    """The area's background (its most common colour) and the highest contrast any pixel has
    against it: for an area with text, the contrast of the text's strokes."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(rgb.constBits())[: rgb.sizeInBytes()]
    pixels = memoryview(data).cast("I")
    counts = Counter(pixels)
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    best = max((ratio(background, QColor.fromRgb(p)) for p in counts), default=1.0)
    return background, best
