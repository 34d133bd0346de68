"""SPIF rules and rebate thresholds: the rules the Program page accrues spend from.

A SPIF rule pays an amount per unit of a product family sold on accepted quotes within its
dates; a rebate rule is a set of thresholds on a partner's sourced won revenue per quarter
(in the reporting currency), the highest reached giving its percentage. Both are listed on a
tab each, added, corrected or deleted here, or imported from a workbook (kind *programs*,
sheets SPIF and Rebate).
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QTabWidget, QWidget

from app.domain.money import COMMON_CURRENCIES, amount_text, percent_number
from app.domain.program.forms import REBATE_LABELS, SPIF_LABELS, check_rebate, check_spif
from app.services.business_settings import load_business_settings
from app.services.program.rules import (
    REBATE_COLUMNS,
    SPIF_COLUMNS,
    RebateRow,
    SpifRow,
    add_rebate_threshold,
    add_spif_rule,
    delete_rebate_threshold,
    delete_spif_rule,
    list_rebate_thresholds,
    list_spif_rules,
    update_rebate_threshold,
    update_spif_rule,
)
from app.services.store import Database, Session
from app.services.training.courses import family_names
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.labelled_form import date_edit
from app.ui.pricebook.form_dialog import FormDialog
from app.ui.program.list_dialog import ListWords, RecordListDialog
from app.ui.record_table import RecordTable

WORDS = ListWords(
    name="rulesDialog",
    title="SPIF and rebate rules",
    one="rule",
    many="rules",
    buttons="Rule",
    import_name="importRules",
    import_kind="programs",
    import_tip="Import a workbook with sheets SPIF and Rebate",
)


class RulesDialog(RecordListDialog):
    """SPIF rules and rebate thresholds on two tabs; Add, Edit and Delete act on the tab in
    view; Import… reads both sheets of a programs workbook."""

    reload_on = frozenset({RecordKind.PROGRAM, RecordKind.SETTING, RecordKind.PRICE_BOOK})

    def __init__(self, context: UiContext, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(context, db, WORDS, parent)
        self.reporting = "EUR"
        self.families: list[str] = []
        self.spifs = self.list_table(
            "spif_rules",
            SPIF_COLUMNS,
            "SPIF rules",
            "No SPIF rules. Add one, or import a programs workbook.",
        )
        self.rebates = self.list_table(
            "rebate_thresholds",
            REBATE_COLUMNS,
            "Rebate thresholds",
            "No rebate rules. Add a threshold, or import a programs workbook.",
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ruleTabs")
        self.tabs.addTab(self.spifs, "&SPIF rules")
        self.tabs.addTab(self.rebates, "Re&bate thresholds")
        self.gate.follow(self.tabs.currentChanged)
        self.lay_out([], self.tabs, (720, 460))

    def reload(self) -> None:
        with self.db.reading() as session:
            self.reporting = load_business_settings(session).reporting_currency
            self.families = family_names(session)
            spifs = list_spif_rules(session)
            rebates = list_rebate_thresholds(session)
        self.spifs.records.set_rows(spifs)
        self.rebates.records.set_rows(rebates)

    def current_table(self) -> RecordTable:
        return self.spifs if self.tabs.currentIndex() == 0 else self.rebates

    def editor_for(self, row: SpifRow | RebateRow | None) -> FormDialog:
        if isinstance(row, SpifRow) or (row is None and self.tabs.currentIndex() == 0):
            return SpifDialog(self.context, self.db, self.families, row, self)
        rules = sorted({r.rule for r in self.rebates.records.rows()})
        return RebateDialog(self.context, self.db, self.reporting, rules, row, self)

    def delete_question(self, rows: Sequence[Any]) -> str:
        return f"Delete {_described(rows)}? The spend it accrued goes with it."

    def delete_row(self, session: Session, row: SpifRow | RebateRow) -> None:
        if isinstance(row, SpifRow):
            delete_spif_rule(session, row)
        else:
            delete_rebate_threshold(session, row)


def _described(rows: Sequence[Any]) -> str:
    if len(rows) > 1:
        return f"{len(rows)} rules"
    row = rows[0]
    if isinstance(row, SpifRow):
        return f"the SPIF rule {row.name}"
    return f"the {row.rule} threshold of {amount_text(row.threshold, row.currency)}"


def _currency_combo(chosen: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(COMMON_CURRENCIES))
    combo.setCurrentText(chosen)
    return combo


class SpifDialog(FormDialog):
    """A new SPIF rule, or the rule ``opened`` changed."""

    noun = "SPIF rule"
    labels = MappingProxyType(SPIF_LABELS)
    kinds = frozenset({RecordKind.PROGRAM})

    def __init__(
        self,
        context: UiContext,
        db: Database,
        families: Sequence[str],
        opened: SpifRow | None,
        parent: QWidget | None = None,
    ) -> None:
        title = "New SPIF rule" if opened is None else f"SPIF rule {opened.name}"
        heading = "An amount per unit of a product family sold on accepted quotes"
        super().__init__(context, db, title, heading, parent)
        self.setObjectName("spifDialog")
        self.opened = opened
        today = context.today()
        family = QComboBox()
        family.addItems(list(families))
        name = QLineEdit("" if opened is None else opened.name)
        name.setMaxLength(120)
        name.setPlaceholderText("e.g. Backup Q4 push")
        per_unit = QLineEdit(
            "" if opened is None else amount_text(opened.amount_per_unit, opened.currency)
        )
        per_unit.setPlaceholderText("e.g. 25.00")
        self.form.add("name", "&Name", name, 0)
        self.form.add("family", "Product fa&mily", family, 1)
        self.form.add("valid_from", "&From", date_edit(today), 2)
        self.form.add("valid_to", "&To", date_edit(today), 3)
        self.form.add("amount_per_unit", "Amount &per unit", per_unit, 4)
        currency = _currency_combo("EUR" if opened is None else opened.currency)
        self.form.add("currency", "&Currency", currency, 5)
        if opened is not None:
            if family.findText(opened.family) < 0:
                family.addItem(opened.family)
            family.setCurrentText(opened.family)
            self.form.set_date("valid_from", opened.valid_from)
            self.form.set_date("valid_to", opened.valid_to)
        name.setFocus()

    def raw(self) -> dict[str, object]:
        return {
            "name": self.form.text("name"),
            "family": self.form.text("family"),
            "valid_from": self.form.date("valid_from"),
            "valid_to": self.form.date("valid_to"),
            "amount_per_unit": self.form.text("amount_per_unit"),
            "currency": self.form.text("currency"),
        }

    def problems(self) -> dict[str, str]:
        return check_spif(self.raw())[1]

    def write(self, session: Session, overwrite: bool) -> None:
        if self.opened is None:
            add_spif_rule(session, self.raw())
        else:
            update_spif_rule(session, self.opened, self.raw(), overwrite)


class RebateDialog(FormDialog):
    """A new threshold of a rebate rule (a new rule, or one more step of one), or the
    threshold ``opened`` changed."""

    noun = "rebate threshold"
    labels = MappingProxyType(REBATE_LABELS)
    kinds = frozenset({RecordKind.PROGRAM})

    def __init__(
        self,
        context: UiContext,
        db: Database,
        reporting: str,
        rules: Sequence[str],
        opened: RebateRow | None,
        parent: QWidget | None = None,
    ) -> None:
        title = "New rebate threshold" if opened is None else f"Rebate rule {opened.rule}"
        heading = (
            f"From this sourced won revenue in a quarter ({reporting}), the partner earns this "
            "percentage of all of it"
        )
        super().__init__(context, db, title, heading, parent)
        self.setObjectName("rebateDialog")
        self.opened, self.reporting = opened, reporting
        rule = QComboBox()
        rule.setEditable(True)
        rule.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        rule.addItems(list(rules))
        rule.setCurrentText("" if opened is None else opened.rule)
        threshold = QLineEdit("" if opened is None else amount_text(opened.threshold, reporting))
        threshold.setPlaceholderText("e.g. 100000")
        percent = QLineEdit("" if opened is None else percent_number(opened.percent))
        percent.setPlaceholderText("e.g. 2.5")
        self.form.add("rule", "&Name", rule, 0)
        self.form.add("threshold", f"&Threshold ({reporting})", threshold, 1)
        self.form.add("percent", "&Percent", percent, 2)
        (threshold if opened is not None else rule).setFocus()

    def raw(self) -> dict[str, object]:
        return {
            "rule": self.form.text("rule"),
            "threshold": self.form.text("threshold"),
            "percent": self.form.text("percent"),
        }

    def problems(self) -> dict[str, str]:
        return check_rebate(self.raw(), self.reporting)[1]

    def write(self, session: Session, overwrite: bool) -> None:
        if self.opened is None:
            add_rebate_threshold(session, self.raw())
        else:
            update_rebate_threshold(session, self.opened, self.raw(), overwrite)
