"""The letterhead's logo: decoded once per version of the file, drawn at a fixed size.

Reportlab's ``Image`` opens, decodes and splits the picture (colour and transparency) again for
every PDF, which costs a small quote a tenth of its time. Here the decoded picture is kept per
version of the file (path, inode, size, modification and change times), so a replaced logo is
read afresh (and an issued revision's stored hash then says the PDF changed). The picture goes
to ``drawImage`` just as ``Image`` hands it over, so the PDF is the same byte for byte.

The default logo is package data (``app.resources``), so a wheel or a bundle carries it.
"""

from __future__ import annotations

import functools
import logging
from importlib.resources import as_file, files
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

log = logging.getLogger(__name__)

DEFAULT_LOGO = files("app.resources") / "logo.png"
MAX_WIDTH = 40 * mm
MAX_HEIGHT = 16 * mm


class Picture(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A decoded picture drawn at ``width`` × ``height`` points, against the left edge."""

    def __init__(self, picture: ImageReader, width: float, height: float) -> None:
        super().__init__()
        self._picture = picture
        self.width = width
        self.height = height
        self.hAlign = "LEFT"

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self._picture, 0, 0, self.width, self.height, mask="auto")


def logo(path_text: str) -> Picture | None:
    """The company's logo at most 40 × 16 mm, or the default one when none is set or readable."""
    if path_text.strip():
        chosen = _picture(Path(path_text).expanduser(), "using the default logo")
        if chosen is not None:
            return chosen
    # A real file for reportlab: the package's own when it is plain files on disk (the usual
    # case), else a temporary copy, decoded in full before it goes.
    with as_file(DEFAULT_LOGO) as path:
        return _picture(path, "the PDF has no logo")


def _picture(path: Path, instead: str) -> Picture | None:
    """The picture at ``path`` scaled to the letterhead, or None (and a warning) if unreadable."""
    try:
        stat = path.stat()
        version = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        picture = _decoded(str(path), version)
        width, height = picture.getSize()
    except Exception as exc:  # any unreadable image: the caller falls back to the default
        log.warning("logo %s cannot be read (%s); %s", path, exc, instead)
        return None
    scale = min(MAX_WIDTH / width, MAX_HEIGHT / height)
    return Picture(picture, width * scale, height * scale)


@functools.lru_cache(maxsize=4)
def _decoded(path: str, _version: tuple[int, int, int, int]) -> ImageReader:
    """The picture at ``path``, fully decoded before it is shared (PDFs render on background
    threads; reportlab would otherwise decode it lazily on first use, from two threads)."""
    picture = ImageReader(path)
    picture.getRGBData()
    transparency = getattr(picture, "_dataA", None)  # set by getRGBData for RGBA and LA
    if transparency is not None:
        transparency.getRGBData()
    return picture


def check_logo(path_text: str) -> str:
    """The absolute path of a logo file reportlab can draw, else ``InputError`` saying why
    (empty text: no logo of one's own, the default one is used)."""
    from app.domain.errors import InputError

    if not path_text.strip():
        return ""
    path = Path(path_text.strip()).expanduser().absolute()
    if not path.is_file():
        raise InputError(f"Logo: there is no file {path}.")
    if _picture(path, "it is not used") is None:
        raise InputError(
            f"Logo: {path.name} is not a picture that can be printed (use PNG or JPEG)."
        )
    return str(path)
