"""What every dialog of the app does alike, walked dialog by dialog as a person meets them.

Closing a dialog with edits (Escape, Cancel/Close, the window's close button) asks "Discard
changes?", Keep editing being the default; a dialog nobody changed closes without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.db.engine import Database
from app.domain.enums import ClaimStatus
from app.domain.pricebook import PriceState
from app.services.claims.accounts import ClaimRow
from app.services.claims.overlap_rows import OverlapClaimRow
from app.services.pricebook.read import PriceRow, SettingsRow, TierRow
from app.services.quotes.mail import QuoteMail
from app.services.training.courses import CourseRow
from app.ui.claims.account_dialog import AccountDialog
from app.ui.claims.claim_dialog import ClaimDialog
from app.ui.claims.decision_dialog import ClaimDecisionDialog
from app.ui.claims.engagement_dialog import EngagementDialog
from app.ui.claims.resolve_dialog import OverlapResolveDialog
from app.ui.context import UiContext
from app.ui.deals.dialog import DealDialog
from app.ui.field_box import ProblemLine
from app.ui.partners.contact_dialog import ContactDialog
from app.ui.partners.dialog import PartnerDialog
from app.ui.pricebook.breaks_dialog import BreaksDialog
from app.ui.pricebook.dialogs import (
    CorrectPriceDialog,
    PriceDialog,
    ProductDialog,
    SettingsDialog,
    TierDialog,
)
from app.ui.program.rates_dialog import RateDialog
from app.ui.program.rules_dialog import RebateDialog, SpifDialog
from app.ui.program.spend_dialog import SpendDialog
from app.ui.quotes.company_dialog import CompanyDialog
from app.ui.quotes.editor.dialog import QuoteEditor
from app.ui.quotes.mail_dialog import QuoteMailDialog
from app.ui.quotes.mail_settings_dialog import MailSettingsDialog
from app.ui.training.course_dialog import CourseDialog
from app.ui.training.log_dialog import TrainingLogDialog
from app.ui.unsaved import NOT_AN_EDIT, AsksBeforeDiscarding, ask_discard
from tests.support.sample_records import TODAY, add_sample_records

Make = Callable[[UiContext, Database], QDialog]

CLAIM = ClaimRow(
    1, "Northwind Traders", 1, 1, "Fabrikam Inc", "US", None, TODAY, TODAY, ClaimStatus.PENDING,
    True, Decimal(1000), "USD", Decimal(10), 1,
)  # fmt: skip
OVERLAP = [
    OverlapClaimRow(
        1, "Certain", n, who, "Fabrikam Inc", None, "US", TODAY, TODAY, None, None,
        Decimal(10), None, "same website",
    )
    for n, who in ((1, "Northwind Traders"), (2, "Contoso Partners"))
]  # fmt: skip
PRICE = PriceRow(
    1, 1, 1, "CB-100", "Backup", None, "EUR", Decimal(100), date(2020, 1, 1),
    PriceState.CURRENT, False,
)  # fmt: skip
COURSE = CourseRow(1, "CD-101", "Core Sales", None, True, 24, None, None, 0, 1)
MAIL = QuoteMail("Q-1", 1, "me@example.com", "you@example.com", "Quote", "Hello", "q.pdf", b"%")

#: Every dialog in which a person edits something, opened as its screen opens it.
DIALOGS: dict[str, Make] = {
    "partner": lambda c, db: PartnerDialog(c, db, None),
    "account": lambda c, db: AccountDialog(c, db, None, None),
    "claim": lambda c, db: ClaimDialog(c, db),
    "deal": lambda c, db: DealDialog(c, db, None, None),
    "contact": lambda c, db: ContactDialog(None),
    "resolve": lambda c, db: OverlapResolveDialog(OVERLAP, "Both name Fabrikam"),
    "reject claim": lambda c, db: ClaimDecisionDialog(CLAIM, approve=False),
    "product": lambda c, db: ProductDialog(c, db, None, ["Core Platform"]),
    "price": lambda c, db: PriceDialog(c, db, 1, "CB-100", ["EUR", "USD"]),
    "correct price": lambda c, db: CorrectPriceDialog(c, db, PRICE),
    "tier": lambda c, db: TierDialog(c, db, TierRow(1, 1, "Gold", Decimal(10))),
    "pricing settings": lambda c, db: SettingsDialog(
        c, db, SettingsRow(Decimal(5), Decimal(30), Decimal(19), 30)
    ),
    "volume breaks": lambda c, db: BreaksDialog(c, db, 1, "CB-100", ""),
    "course": lambda c, db: CourseDialog(c, db, None, ["Core Platform"]),
    "log training": lambda c, db: TrainingLogDialog(c, db, [COURSE]),
    "quote": lambda c, db: QuoteEditor(db, TODAY),
    "quote e-mail": lambda c, db: QuoteMailDialog(db, c, MAIL),
    "mail setup": lambda c, db: MailSettingsDialog(db, c),
    "letterhead": lambda c, db: CompanyDialog(db, c),
    "rules of engagement": lambda c, db: EngagementDialog(db, c),
    "exchange rate": lambda c, db: RateDialog(c, db, "EUR", None),
    "SPIF rule": lambda c, db: SpifDialog(c, db, ["Core Platform"], None),
    "rebate threshold": lambda c, db: RebateDialog(c, db, "EUR", ["Growth"], None),
    "spend item": lambda c, db: SpendDialog(c, db, None, None),
}


def first_field(dialog: QDialog) -> QWidget:
    """The first field a person can type in (not a search box)."""
    for widget in dialog.findChildren(QWidget):
        typable = isinstance(widget, (QLineEdit, QPlainTextEdit)) and not widget.isReadOnly()
        inner = isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))
        usable = widget.isVisible() and widget.isEnabled() and not widget.property(NOT_AN_EDIT)
        if typable and not inner and usable:
            return widget
    raise AssertionError(f"{dialog.objectName()} has no field to type in")


def make_an_edit(qtbot: QtBot, dialog: QDialog) -> None:
    """What a person does first: type in a field (for the class of a training log, put
    someone in it)."""
    if isinstance(dialog, TrainingLogDialog):
        dialog.found.setFocus()
        dialog.found.selectRow(0)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.people()
        return
    if isinstance(dialog, BreaksDialog):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        editor = QApplication.focusWidget()  # the cell being edited
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, "10")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.lines()[-1][0] == "10")  # committed after the key
        return
    field = first_field(dialog)
    field.setFocus()
    qtbot.keyClicks(field, "7")


def reject_button(dialog: QDialog) -> QPushButton:
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) == QDialogButtonBox.ButtonRole.RejectRole:
                assert isinstance(button, QPushButton)
                return button
    raise AssertionError(f"{dialog.objectName()} has no Cancel or Close")


def escape(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


def opened(qtbot: QtBot, context: UiContext, db: Database, make: Make) -> QDialog:
    dialog = make(context, db)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    add_sample_records(sqlite_db)
    return sqlite_db


def answering(answers: list[bool], asked: list[str]) -> Callable[[QWidget, str], bool]:
    """A user who answers "Discard changes?" with ``answers`` in turn (True: Discard)."""

    def answer(_parent: QWidget, noun: str) -> bool:
        asked.append(noun)
        return answers.pop(0)

    return answer


def test_every_editing_dialog_asks_before_dropping_edits_and_only_then(
    qtbot: QtBot, context: UiContext, db: Database
) -> None:
    for name, make in DIALOGS.items():
        # untouched: Escape closes at once, without a question
        asked: list[str] = []
        dialog = opened(qtbot, context, db, make)
        assert isinstance(dialog, AsksBeforeDiscarding), name
        dialog.ask_to_discard = answering([], asked)
        escape(qtbot, dialog)
        assert not dialog.isVisible() and asked == [], name

        # edited: Escape, Cancel/Close and the close button each ask; Keep editing keeps it
        dialog = opened(qtbot, context, db, make)
        assert isinstance(dialog, AsksBeforeDiscarding), name
        dialog.ask_to_discard = answering([False, False, False, True], asked)
        make_an_edit(qtbot, dialog)
        escape(qtbot, dialog)
        assert dialog.isVisible() and len(asked) == 1, name
        qtbot.mouseClick(reject_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and len(asked) == 2, name
        dialog.close()  # the window's close button
        assert dialog.isVisible() and len(asked) == 3, name
        escape(qtbot, dialog)  # and this time the user discards
        assert not dialog.isVisible() and len(asked) == 4, name
        assert dialog.result() == QDialog.DialogCode.Rejected, name


def test_the_question_keeps_editing_unless_discard_is_chosen(
    qtbot: QtBot, context: UiContext, db: Database
) -> None:
    dialog = opened(qtbot, context, db, DIALOGS["contact"])
    assert isinstance(dialog, ContactDialog)
    dialog.ask_to_discard = ask_discard  # the real question, answered by keys and clicks
    qtbot.keyClicks(dialog.name, "Dana")
    seen: list[str] = []

    def answer(key: Qt.Key | None) -> Callable[[], None]:
        def poll() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, poll)
                return
            seen.append(f"{box.windowTitle()} | {box.text()} | {box.informativeText()}")
            assert box.defaultButton().objectName() == "keepEditingButton"
            if key is None:
                qtbot.mouseClick(
                    box.findChild(QPushButton, "discardButton"), Qt.MouseButton.LeftButton
                )
            else:
                qtbot.keyClick(box, key)

        return poll

    QTimer.singleShot(0, answer(Qt.Key.Key_Return))  # Enter answers Keep editing
    escape(qtbot, dialog)
    assert dialog.isVisible() and dialog.name.text() == "Dana"
    QTimer.singleShot(0, answer(Qt.Key.Key_Escape))  # and so does Escape
    escape(qtbot, dialog)
    assert dialog.isVisible()
    QTimer.singleShot(0, answer(None))
    escape(qtbot, dialog)
    assert not dialog.isVisible()
    assert (
        seen
        == [
            "Discard changes? | Your changes to this contact are not saved. | "
            "Close it and lose them?"
        ]
        * 3
    )

    # typing and taking it back again leaves nothing to lose
    dialog = opened(qtbot, context, db, DIALOGS["contact"])
    assert isinstance(dialog, ContactDialog)
    qtbot.keyClicks(dialog.name, "D")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
    escape(qtbot, dialog)
    assert not dialog.isVisible()


def places(dialog: QDialog) -> dict[str, tuple[int, int, int, int]]:
    """Where each field and button of ``dialog`` is drawn, as the layout has settled."""
    QApplication.processEvents()  # the layout runs on the event loop
    found = {}
    for n, widget in enumerate(dialog.findChildren(QWidget)):
        kind = isinstance(widget, (QLineEdit, QPlainTextEdit, QComboBox, QPushButton))
        if kind and widget.isVisibleTo(dialog) and widget.window() is dialog:
            corner = widget.mapTo(dialog, widget.rect().topLeft())
            key = f"{n}:{widget.objectName()}"
            found[key] = (corner.x(), corner.y(), widget.width(), widget.height())
    return found


def shown_problems(dialog: QDialog) -> list[str]:
    return [
        label.text()
        for label in dialog.findChildren(ProblemLine)
        if label.isVisibleTo(dialog) and label.text()
    ]


def test_no_dialog_scolds_before_typing_or_moves_a_field_when_a_problem_shows(
    qtbot: QtBot, context: UiContext, db: Database
) -> None:
    for name, make in DIALOGS.items():
        dialog = opened(qtbot, context, db, make)
        assert isinstance(dialog, AsksBeforeDiscarding)
        dialog.ask_to_discard = answering([True], [])
        assert shown_problems(dialog) == [], name  # nothing typed yet: nothing said
        before = places(dialog)
        fields = [
            w
            for w in dialog.findChildren(QLineEdit)
            if not isinstance(w.parent(), QAbstractSpinBox)
            and w.isVisibleTo(dialog)
            and w.isEnabled()
            and not w.isReadOnly()
            and w.window() is dialog
        ]
        for field in fields:  # type, then take it back: a required field now says so
            field.setFocus()
            qtbot.keyClicks(field, "x@")
            field.selectAll()
            qtbot.keyClick(field, Qt.Key.Key_Delete)
            assert places(dialog) == before, f"{name}: {field.objectName()} moved the form"
        dialog.reject()


def test_every_dialog_keeps_its_fields_whole_on_a_600_pixel_screen(
    qtbot: QtBot, context: UiContext, db: Database
) -> None:
    """The room kept for problems must not cost a small screen its fields: each dialog fits
    540 pixels (600 less the title bar and a panel) with every field at its full height."""
    for name, make in DIALOGS.items():
        dialog = opened(qtbot, context, db, make)
        assert isinstance(dialog, AsksBeforeDiscarding)
        dialog.ask_to_discard = answering([True], [])
        assert dialog.minimumSizeHint().height() <= 540, name
        dialog.resize(dialog.width(), 540)
        QApplication.processEvents()
        squeezed = [
            w.objectName()
            for w in dialog.findChildren(QLineEdit)
            if w.isVisibleTo(dialog)
            and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
            and w.height() < w.sizeHint().height()
        ]
        assert squeezed == [], name
        dialog.reject()


def label_misses_its_field(label: QLabel, dialog: QDialog) -> int:
    """How far (pixels) the middle of ``label``'s text is from the middle of its one-line
    field: what the eye sees when a label sits a line lower than what it names."""
    field = label.buddy()
    assert field is not None
    room = label.contentsRect()
    text_height = label.fontMetrics().height()
    if label.alignment() & Qt.AlignmentFlag.AlignTop:
        text_middle = room.top() + text_height / 2
    elif label.alignment() & Qt.AlignmentFlag.AlignBottom:
        text_middle = room.bottom() - text_height / 2
    else:
        text_middle = room.center().y()
    label_middle = label.mapTo(dialog, label.rect().topLeft()).y() + text_middle
    field_middle = field.mapTo(dialog, field.rect().topLeft()).y() + field.height() / 2
    return round(abs(label_middle - field_middle))


def beside(label: QLabel, dialog: QDialog) -> bool:
    """Whether ``label`` is on the left of its field (not a heading above it)."""
    field = label.buddy()
    assert field is not None
    label_right = label.mapTo(dialog, label.rect().topRight()).x()
    return label_right <= field.mapTo(dialog, field.rect().topLeft()).x()


def test_every_label_is_level_with_the_field_it_names(
    qtbot: QtBot, context: UiContext, db: Database
) -> None:
    """A label drawn half a line below its field reads as the label of the next one."""
    one_line = (QLineEdit, QComboBox, QAbstractSpinBox)
    for name, make in DIALOGS.items():
        dialog = opened(qtbot, context, db, make)
        assert isinstance(dialog, AsksBeforeDiscarding)
        dialog.ask_to_discard = answering([True], [])
        QApplication.processEvents()
        askew = {
            label.text(): label_misses_its_field(label, dialog)
            for label in dialog.findChildren(QLabel)
            if isinstance(label.buddy(), one_line)
            and label.isVisibleTo(dialog)
            and label.buddy().isVisibleTo(dialog)
            and beside(label, dialog)
            and label_misses_its_field(label, dialog) > 3
        }
        assert askew == {}, name
        dialog.reject()
