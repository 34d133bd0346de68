"""The user guide's pictures can be made again, and the guide shows only pictures that exist.

``docs/screenshots.py`` drives the real window over a demo database; when a screen changes it
must still run to the end without the window reporting a problem, and write every picture the
guide refers to, small enough to keep in the repository.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "user-guide.md"
MAX_BYTES = 300_000


def pictures_in_guide() -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(images/([^)]+\.png)\)", GUIDE.read_text(encoding="utf-8"))


def test_the_guide_shows_pictures_that_are_in_the_repository() -> None:
    names = pictures_in_guide()
    assert len(names) >= 8  # one per main screen at least
    missing = [n for n in names if not (REPO / "docs" / "images" / n).is_file()]
    assert not missing


@pytest.mark.slow
def test_the_script_makes_every_picture_of_the_guide(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "docs" / "screenshots.py"), "--out", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for name in pictures_in_guide():
        path = tmp_path / name
        assert path.is_file(), f"{name} was not made"
        assert path.stat().st_size < MAX_BYTES, f"{name} is {path.stat().st_size:,} bytes"
    page = QImage(str(tmp_path / "partners.png"))
    assert (page.width(), page.height()) == (1280, 800)
    small = QImage(str(tmp_path / "window-small.png"))  # a small laptop screen, as the guide says
    assert (small.width(), small.height()) == (1024, 600)
