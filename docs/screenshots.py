"""Pictures of the main screens for the user guide, made offscreen from a fresh demo database.

Run it from the repository root whenever a screen changes, and look at the pictures before you
commit them:

    .venv/bin/python docs/screenshots.py            # writes docs/images/*.png

It opens the window the way ``main.py --demo`` does, on a demo database in a temporary folder
(your own database, settings and logs are never touched), at 1280×800, shows each page in turn
and saves what the window draws; then a few dialogs, and the window on a small laptop screen
(1024×600, where the list of areas shows icons only). The pictures are reduced to a 256-colour
palette: the screens are flat colours and text, so they stay sharp at a third of the size.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Before anything imports Qt: no display is needed, and nothing of the user's is touched.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SCRATCH = Path(tempfile.mkdtemp(prefix="channel-desk-demo-"))
os.environ["CHANNEL_DESK_DATA_DIR"] = str(_SCRATCH / "data")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, QSize, QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.db.engine import open_database  # noqa: E402
from app.services.demo.fill import generate_demo  # noqa: E402
from app.ui.changes import Changes  # noqa: E402
from app.ui.context import UiContext  # noqa: E402
from app.ui.errors import ErrorHook, ErrorReport  # noqa: E402
from app.ui.launch import application  # noqa: E402
from app.ui.leads.page import BOARD, LEADS, LeadsPage  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.partners.page import PartnersPage  # noqa: E402
from app.ui.quotes.page import QuotesPage  # noqa: E402
from app.ui.settings import Settings  # noqa: E402

IMAGES = Path(__file__).resolve().parent / "images"
SIZE = QSize(1280, 800)
SMALL = QSize(1024, 600)

#: (page key, file name) in the order the navigation lists them.
PAGES = (
    ("partners", "partners"),
    ("training", "training"),
    ("claims", "accounts-and-claims"),
    ("deals", "deals"),
    ("quotes", "quotes"),
    ("dashboard", "dashboard"),
    ("pricebook", "price-book"),
    ("overlaps", "overlaps"),
)


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let the window finish what it started: background reads, then the paints they cause."""
    end = time.monotonic() + seconds
    while True:
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()
        if time.monotonic() >= end and QThreadPool.globalInstance().activeThreadCount() == 0:
            return


def save(widget: QWidget, path: Path) -> Path:
    """The widget as drawn, as a PNG of at most 256 colours without dithering (dots of
    dithering would speckle the flat areas and cost bytes; Pillow comes with reportlab)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    picture.quantize(256, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    return path


#: A partner list as they arrive: a title row above the header, the columns named in the
#: sender's own words, one country the import cannot read.
PARTNER_LIST = (
    ("Partner list, exported 2026-11-20",),
    ("Partner ID", "Company", "Level", "Ctry", "Web", "E-mail"),
    ("P-2001", "Fjordline Systems AS", "Gold", "Norway", "fjordline.example", "cam@fjord.example"),
    ("P-2002", "Kestrel Analytics", "silver", "gb", "https://kestrel.example", ""),
    ("P-2003", "Bluewater Integration", "Registered", "Atlantis", "bluewater.example", ""),
    ("P-1002", "Bluepeak Solutions", "Gold", "US", "bluepeak.example", "partners@bluepeak.example"),
)


def partner_workbook(folder: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Partners"
    for row in PARTNER_LIST:
        sheet.append(list(row))
    path = folder / "partners-from-the-field.xlsx"
    book.save(path)
    return path


def select_quote(window: MainWindow, number: str) -> None:
    page = window.page("quotes")
    assert isinstance(page, QuotesPage)
    model = page.table.records
    rows = [r for r in range(model.rowCount()) if model.row_at(r).number == number]
    page.table.selectRow(rows[0])


class Shots:
    """Saves each picture and says where it went."""

    def __init__(self, app: QApplication, folder: Path, say: Callable[[str], None]) -> None:
        self.app = app
        self.folder = folder
        self.say = say
        self.written: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str) -> None:
        settle(self.app)
        path = save(widget, self.folder / f"{name}.png")
        self.say(f"{path}  {path.stat().st_size // 1024} KB")
        self.written.append(path)


def take_leads(window: MainWindow, shot: Shots) -> None:
    """The leads with a lead's history, the lead board, and a routing run's preview."""
    window.show_page("leads")
    page = window.page("leads")
    assert isinstance(page, LeadsPage)
    settle(shot.app)
    rows = page.leads.table.records.rows()
    recycled = [n for n, r in enumerate(rows) if r.status.value == "accepted" and r.quiet]
    page.leads.table.selectRow(recycled[0] if recycled else 0)
    shot(window, "leads")
    page.tabs.setCurrentIndex(BOARD)
    shot(window, "lead-board")
    page.tabs.setCurrentIndex(LEADS)

    def look(dialog: QWidget) -> bool:
        dialog.resize(900, 560)
        shot(dialog, "route-preview")
        return False  # the pictures change nothing

    flow = page.route()
    assert flow is not None
    flow.ask = look
    while flow.busy:
        settle(shot.app, 0.1)


def take_scorecard(window: MainWindow, shot: Shots) -> None:
    """A partner's Scorecard tab once its figures and charts have arrived."""
    window.show_page("partners")
    page = window.page("partners")
    assert isinstance(page, PartnersPage)
    settle(shot.app)
    model = page.model
    rows = [r for r in range(model.rowCount()) if model.row_at(r).partner_code == "P-1003"]
    page.table.selectRow(rows[0] if rows else 0)
    dialog = page.open_selected()
    assert dialog is not None and dialog.scorecard_page is not None
    dialog.resize(900, 640)
    dialog.tabs.setCurrentWidget(dialog.scorecard_page)
    end = time.monotonic() + 60
    while time.monotonic() < end:
        settle(shot.app, 0.2)
        tab = dialog.scorecard
        views = tab.views.values() if tab is not None and tab.card is not None else ()
        if views and all(view.current is not None for view in views):
            break
    shot(dialog, "scorecard")
    dialog.reject()


def take(window: MainWindow, shot: Shots) -> None:
    for key, name in PAGES:
        window.show_page(key)
        if key == "quotes":  # one selected, so its steps show which apply
            settle(shot.app)
            select_quote(window, "Q-2026-00004")
        shot(window, name)
    # A quote: the draft in the editor, an issued one as its PDF.
    quotes = window.page("quotes")
    assert isinstance(quotes, QuotesPage)
    window.show_page("quotes")
    select_quote(window, "Q-2026-00005")
    editor = quotes.open_selected()
    assert editor is not None
    editor.resize(1180, 760)
    shot(editor, "quote-editor")
    editor.reject()
    select_quote(window, "Q-2026-00001")
    preview = quotes.preview_selected()
    assert preview is not None
    preview.resize(900, 760)
    shot(preview, "quote-pdf")
    preview.reject()
    company = quotes.company_settings()
    assert company is not None
    company.resize(1000, company.sizeHint().height())
    shot(company, "company-and-documents")
    company.reject()
    # File › Import with a workbook from the field: the columns, then the check.
    window.commands.import_records(partner_workbook(_SCRATCH))
    wizard = window.commands.wizard
    wizard.next()  # → the sheet
    settle(shot.app)
    wizard.next()  # → the columns
    shot(wizard, "import-columns")
    wizard.next()  # → the check, which reads every row and writes nothing
    shot(wizard, "import-check")
    wizard.ask_to_discard = lambda _parent, _noun: True  # the pictures are taken: discard
    wizard.reject()
    take_leads(window, shot)
    take_scorecard(window, shot)
    # A small laptop screen: the list of areas gives up its names for icons.
    window.resize(SMALL)
    window.show_page("partners")
    shot(window, "window-small")
    window.resize(SIZE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder (default: docs/images)")
    args = parser.parse_args(argv)
    app = application()
    problems: list[ErrorReport] = []
    context = UiContext(
        settings=Settings.at(_SCRATCH / "settings" / "channel-desk.ini"),
        changes=Changes(),
        errors=ErrorHook(problems.append),
    )
    database = open_database(_SCRATCH / "channel-desk-demo.sqlite")
    with database.transaction() as session:
        summary = generate_demo(session)
    print(f"demo database: {summary}")
    window = MainWindow(context, database)
    window.resize(SIZE)
    window.show()
    settle(app)
    shot = Shots(app, args.out, print)
    try:
        take(window, shot)
    finally:
        window.close()
        database.dispose()
        shutil.rmtree(_SCRATCH, ignore_errors=True)
    for problem in problems:
        print(f"the window reported: {problem.title}: {problem.message}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
