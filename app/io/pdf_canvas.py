"""A reportlab canvas that numbers pages "Page x of y" and gives the same bytes every time.

Pages are kept until the end so the total is known when each footer is drawn (the usual
two-pass "NumberedCanvas"). Output is invariant: no wall-clock time, a creation date fixed by the
caller (the revision's issue date), and a document ID derived from the content.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

FOOTER_GREY = Color(0.35, 0.35, 0.35)


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """``Canvas`` with "Page x of y" at the bottom right and a fixed creation date."""

    def __init__(
        self,
        *args: Any,
        created: datetime | None = None,
        footer_font: str = "Helvetica",
        footer_right_margin: float = 42.0,
        **kwargs: Any,
    ) -> None:
        kwargs["invariant"] = 1
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []
        self._footer_font = footer_font
        self._footer_right = footer_right_margin
        if created is not None:
            _fix_timestamp(self, created)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(self._footer_font, 8)
        self.setFillColor(FOOTER_GREY)
        self.drawRightString(width - self._footer_right, 28, f"Page {self._pageNumber} of {total}")
        self.restoreState()


def _fix_timestamp(canvas: Canvas, created: datetime) -> None:
    """Make the PDF's CreationDate/ModDate ``created`` (UTC) instead of reportlab's constant."""
    stamp = canvas._doc._timeStamp
    seconds = int(created.timestamp())
    parts = time.gmtime(seconds)
    stamp.t = seconds
    stamp.lt = parts
    stamp.YMDhms = tuple(parts)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
