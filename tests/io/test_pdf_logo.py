"""The letterhead's logo: drawn as reportlab's ``Image`` draws it, read afresh when the file is
replaced, the default logo when the file cannot be read."""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from importlib.resources import as_file
from pathlib import Path

import pytest
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Image, SimpleDocTemplate

from app.io.pdf_logo import DEFAULT_LOGO, logo
from app.io.quote_pdf import render_quote_pdf
from tests.support.quote_docs import document, line


def picture_file(path: Path, size: tuple[int, int], colour: tuple[int, int, int, int]) -> Path:
    PILImage.new("RGBA", size, colour).save(path)
    return path


def built(flowable: object) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build([flowable])
    return out.getvalue()


def with_logo(path: Path | str) -> bytes:
    doc = document((line(1, "CD-1", "Edge router", 1, "10.00"),))
    return render_quote_pdf(replace(doc, company=replace(doc.company, logo_path=str(path))))


def test_the_logo_draws_the_bytes_reportlabs_image_draws() -> None:
    ours = logo("")
    assert ours is not None
    with as_file(DEFAULT_LOGO) as path:
        theirs = Image(str(path), width=ours.width, height=ours.height)
    theirs.hAlign = "LEFT"
    assert built(ours) == built(theirs)


def test_a_replaced_logo_file_is_read_again(tmp_path: Path) -> None:
    path = picture_file(tmp_path / "logo.png", (40, 16), (200, 0, 0, 255))
    red = with_logo(path)
    assert with_logo(path) == red
    picture_file(tmp_path / "logo.png", (40, 16), (0, 0, 200, 128))
    blue = with_logo(path)
    assert blue != red
    assert with_logo(path) == blue


def test_an_unreadable_logo_gives_the_default_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a picture")
    with caplog.at_level(logging.WARNING):
        assert with_logo(broken) == with_logo(tmp_path / "missing.png") == with_logo("")
    assert "cannot be read" in caplog.text
