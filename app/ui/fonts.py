"""The fonts the PDF prints with, offered to the window where the system has none.

A partner's name may be Japanese, Korean, Hindi or hold an emoji; the quote PDF prints all of
them from the fonts bundled in ``app/resources/fonts``. On a machine without system fonts for a
script, Qt would draw such a name as a row of boxes. Registering the bundled fonts as application
fonts lets Qt's font fallback find them for characters the system cannot draw.

The look of text the system already draws stays the same: a font is registered only for a
writing system no system font supports (Qt's fallback might otherwise prefer it to the system's
own), and DejaVu Sans, the PDF's font for Latin, Greek and Cyrillic, never is (it could become
the window's default sans-serif font). Registration is cheap: Qt reads a font's glyphs only when
a character first needs it.

The order matters: Qt tries application fonts in the order they were registered, and the Korean
font maps the Chinese characters to empty glyphs, so the Chinese and Japanese font comes before
it (as in the PDF).
"""

from __future__ import annotations

import atexit
import functools
import logging
from contextlib import ExitStack
from importlib.resources import as_file, files

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

FONT_DIR = files("app.resources") / "fonts"

_WS = QFontDatabase.WritingSystem

#: Script fonts (bold weights are made up from the regular ones on screen), their writing
#: systems (none: no Qt writing system names the script, so the font is always offered), in
#: the order Qt should try them.
FALLBACK_FONTS: tuple[tuple[str, tuple[QFontDatabase.WritingSystem, ...]], ...] = (
    ("NotoNaskhArabic-Regular.ttf", (_WS.Arabic,)),
    ("NotoSansDevanagari-Regular.ttf", (_WS.Devanagari,)),
    *(
        (f"NotoSans{system.name}-Regular.ttf", (system,))
        for system in (
            _WS.Bengali, _WS.Gurmukhi, _WS.Gujarati, _WS.Oriya, _WS.Tamil, _WS.Telugu,
            _WS.Kannada, _WS.Malayalam, _WS.Sinhala, _WS.Thai, _WS.Lao, _WS.Myanmar, _WS.Khmer,
        )
    ),
    ("NotoSansEthiopic-Regular.ttf", ()),
    ("Symbola.ttf", ()),  # emoji and symbols: a system emoji font, if any, still comes first
    ("DroidSansFallbackFull.ttf", (_WS.SimplifiedChinese, _WS.TraditionalChinese, _WS.Japanese)),
    ("NanumSquareR.ttf", (_WS.Korean,)),
)  # fmt: skip

_kept_files = ExitStack()
atexit.register(_kept_files.close)


def _system_draws(systems: tuple[QFontDatabase.WritingSystem, ...]) -> bool:
    """True when every one of ``systems`` has a font on this machine (never for none)."""
    return bool(systems) and all(QFontDatabase.families(system) for system in systems)


@functools.cache
def use_bundled_fonts() -> tuple[str, ...]:
    """Offer Qt the bundled fonts for the scripts this machine has no font for (once per
    process); the file names registered."""
    needed = [name for name, systems in FALLBACK_FONTS if not _system_draws(systems)]
    registered = []
    for name in needed:
        # Qt reads an application font from its file when a character first needs it, so the
        # file must stay (a temporary copy only when the package is not plain files on disk).
        path = _kept_files.enter_context(as_file(FONT_DIR / name))
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("the font %s could not be loaded", name)
        else:
            registered.append(name)
    log.debug("bundled fonts offered to the window: %s", ", ".join(registered) or "none")
    return tuple(registered)
