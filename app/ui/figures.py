"""Figures in text that wraps: "USD 90,500.00" moves to the next line whole, never as "USD" at
the end of one line and "90,500.00" at the start of the next."""

from __future__ import annotations

import re

#: A currency code followed by a figure: the space between them must not break.
_CODE_THEN_FIGURE = re.compile(r"\b([A-Z]{3}) (?=-?\d)")
NO_BREAK_SPACE = "\u00a0"


def unbroken_figures(text: str) -> str:
    """``text`` with a no-break space between each currency code and its amount."""
    return _CODE_THEN_FIGURE.sub(rf"\1{NO_BREAK_SPACE}", text)
