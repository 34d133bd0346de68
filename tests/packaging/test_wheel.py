"""The wheel carries everything a quote needs: built, installed into a fresh virtual environment
and run outside the checkout, it fills a demo database and prints a quote PDF with the bundled
fonts embedded and the default logo on the page.

The fresh environment holds only the wheel; it reaches the dependencies already installed for
the tests through a ``.pth`` line naming their site-packages (a plain path, so an editable
install of the checkout that lives there is not activated). Nothing is downloaded: the wheel is
built without build isolation (setuptools comes with the test extras) and installed with
``--no-index``.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHIPPED = ("pyproject.toml", "README.md", "main.py", "app")


@dataclass(frozen=True)
class Installed:
    python: Path
    script: Path
    site_packages: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args], cwd=self.workdir, env=self.env, capture_output=True,
            text=True, timeout=300, check=False,
        )  # fmt: skip


def _checked(args: list[str | Path], cwd: Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ and *.egg-info beside the sources it builds.
    source = root / "source"
    source.mkdir()
    for name in SHIPPED:
        if (REPO / name).is_dir():
            shutil.copytree(
                REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(REPO / name, source / name)
    wheels = root / "wheels"
    _checked(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--wheel-dir", wheels, source],
        cwd=root,
    )  # fmt: skip
    (wheel,) = wheels.glob("channel_desk-*.whl")

    venv = root / "venv"
    _checked([sys.executable, "-m", "venv", "--without-pip", venv], cwd=root)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site_packages = Path(
        _checked(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root
        ).strip()
    )
    ours = sysconfig.get_paths()
    dependencies = dict.fromkeys([ours["purelib"], ours["platlib"]])
    (site_packages / "test-dependencies.pth").write_text("\n".join(dependencies) + "\n")
    _checked(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
         "--no-index", wheel],
        cwd=root,
    )  # fmt: skip

    workdir = root / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["CHANNEL_DESK_DATA_DIR"] = str(root / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = bin_dir / ("channel-desk.exe" if os.name == "nt" else "channel-desk")
    return Installed(python, script, site_packages, workdir, env)


def test_the_installed_app_comes_from_the_wheel_not_the_checkout(installed: Installed) -> None:
    result = installed.run(
        installed.python, "-c",
        "import app, main, app.resources, app.io.pdf_fonts as f; "
        "print(app.__file__); print(main.__file__); print(f.FONT_DIR)",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for line in result.stdout.splitlines():
        path = Path(line).resolve()
        assert installed.site_packages.resolve() in path.parents, path
        assert REPO not in path.parents, path


def test_a_quote_pdf_from_the_wheel_embeds_the_fonts_and_shows_the_logo(
    installed: Installed,
) -> None:
    db = installed.workdir / "demo.sqlite"
    filled = installed.run(installed.script, "--db", db, "demo")
    assert filled.returncode == 0, filled.stderr
    listing = installed.workdir / "quotes.csv"
    exported = installed.run(installed.script, "--db", db, "export", "quotes", listing)
    assert exported.returncode == 0, exported.stderr
    with listing.open(encoding="utf-8-sig", newline="") as rows:
        number = next(csv.DictReader(rows))["Quote"]

    pdf = installed.workdir / "quote.pdf"
    printed = installed.run(installed.script, "--db", db, "quote", "pdf", number, "--out", pdf)
    assert printed.returncode == 0, printed.stderr

    fonts = _checked(["pdffonts", pdf], cwd=installed.workdir).splitlines()[2:]
    dejavu = [line.split() for line in fonts if "DejaVuSans" in line]
    assert dejavu, fonts
    assert all(columns[-5] == "yes" for columns in dejavu), fonts  # the "emb" column

    drawn = [image.image for image in PdfReader(pdf).pages[0].images]
    with Image.open(REPO / "app" / "resources" / "logo.png") as shipped:
        logo = shipped.convert("RGB").tobytes()
    assert any(image is not None and image.convert("RGB").tobytes() == logo for image in drawn)
