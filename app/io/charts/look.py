"""The look every chart shares: the window's colours and the PDF's font.

The colours are read from the tokens at the top of the application's stylesheet, so changing the
stylesheet changes the charts with it; the font is the DejaVu Sans the quote PDF embeds, bundled
with the application, so a chart's words match the words around it on screen and on paper.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import as_file, files

_TOKEN = re.compile(r"^\s*@(?P<name>[a-z]+):\s*(?P<colours>(?:#[0-9a-fA-F]{6}\s*)+)$", re.M)

#: The family name matplotlib gives the bundled DejaVu Sans.
FONT_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class Look:
    ink: str
    muted: str
    grid: str
    axis: str
    series: tuple[str, ...]
    font_family: str = FONT_FAMILY
    title_size: float = 10.5
    label_size: float = 8.5

    def colour(self, index: int) -> str:
        """The colour of the ``index``-th series, in the stylesheet's order, round again."""
        return self.series[index % len(self.series)]


def parse_tokens(stylesheet: str) -> dict[str, tuple[str, ...]]:
    """``@name: #rrggbb …`` lines of the stylesheet → name → colours (lower case)."""
    return {
        match["name"]: tuple(c.lower() for c in match["colours"].split())
        for match in _TOKEN.finditer(stylesheet)
    }


@functools.cache
def look() -> Look:
    """The chart look of this installation, read once from the bundled stylesheet."""
    text = files("app.resources").joinpath("styles", "app.qss").read_text(encoding="utf-8")
    tokens = parse_tokens(text)
    return Look(
        ink=tokens["ink"][0],
        muted=tokens["muted"][0],
        grid=tokens["grid"][0],
        axis=tokens["axis"][0],
        series=tokens["series"],
    )


@functools.cache
def register_font() -> None:
    """Make the bundled DejaVu Sans (regular and bold) matplotlib's, also in a bundle or a
    wheel where matplotlib's own copy might differ in version from the PDF's."""
    from matplotlib import font_manager

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with as_file(files("app.resources").joinpath("fonts", name)) as path:
            font_manager.fontManager.addfont(str(path))
