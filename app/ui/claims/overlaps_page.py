"""The overlaps page: claims by different claimants on what is one company, largest commission
exposure first, so the costliest channel conflicts are decided first.

On top one row per group; below, the selected group explained: its claims and each match with
the reason (same domain, same name, similar name). The handle between them gives either more
room in a small window, and stays where the person leaves it. Resolve gives the account to one
claim and rejects the others with the reason; "Not the same company" dismisses a likely match
for good.

Keys: Ctrl+Shift+R (or Enter, or a double-click) resolves the selected group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.domain.columns import Column
from app.domain.errors import InputError
from app.domain.overlap_groups import OverlapGroup
from app.services.claims.group_matches import (
    DETAIL_CLAIM_COLUMNS,
    MATCH_COLUMNS,
    MatchRow,
    detail_claim_rows,
    explain,
    match_rows,
    resolve_advice,
)
from app.services.claims.overlap_rows import (
    CLAIM_COLUMNS,
    GROUP_COLUMNS,
    OverlapGroupRow,
    claim_rows,
    group_rows,
)
from app.services.claims.overlaps import dismiss_match, overlap_groups, resolve_group
from app.services.gc_pause import gc_paused
from app.services.store import Session
from app.ui.changes import RecordKind
from app.ui.claims.engagement_dialog import EngagementDialog, open_engagement
from app.ui.claims.kept_groups import KeptGroups
from app.ui.claims.resolve_dialog import OverlapResolveDialog
from app.ui.context import UiContext
from app.ui.figures import unbroken_figures
from app.ui.operations import IsCancelled, Progress
from app.ui.page_base import Page, Reader, plural, table_count
from app.ui.record_table import RecordTable
from app.ui.rows_later import RowsMadeLater
from app.ui.sections import button, section, splitter
from app.ui.shortcuts import bind

GROUP_ROWS_SHOWN = 2  # the list to choose from keeps this many rows in a small window
DETAIL_ROWS = 6  # a group rarely has more claims; the tables scroll beyond
NOTHING_SELECTED = "Select an overlap above to see why its claims were put together."


def _run(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _confirm_dismissal(parent: QWidget, match: MatchRow) -> bool:
    answer = QMessageBox.question(
        parent,
        "Not the same company",
        f"{match.first}\nand\n{match.second}\n\nare not the same company. "
        "This match will not be reported again. Continue?",
    )
    return answer == QMessageBox.StandardButton.Yes


class OverlapsPage(Page):
    key = "overlaps"
    title = "Overlaps"
    icon_name = "overlaps"
    loading_text = "Finding overlaps…"
    kinds = frozenset(
        {RecordKind.CLAIM, RecordKind.ACCOUNT, RecordKind.PARTNER, RecordKind.SETTING}
    )

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.groups: Mapping[str, OverlapGroup] = KeptGroups()
        self._placing = False  # new rows are being put in: the detail waits for the selection
        # Each button sits on the title of the table it acts on, so the page fits a small window.
        self.resolve_button = button(
            "&Resolve…", "resolveOverlap", "Choose which claim owns the account (Ctrl+Shift+R)"
        )
        self.rules_button = button(
            "Rules of &engagement…", "rulesOfEngagement",
            "What decides the suggested owner: named accounts, protection, cooling-off",
        )  # fmt: skip
        self.dismiss_button = button(
            "&Not the same company",
            "dismissMatch",
            "The selected likely match is two companies: never report it",
        )

        self.group_table = RecordTable("overlap_groups", GROUP_COLUMNS)
        self.group_table.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        self.group_table.setMinimumHeight(self.group_table.rows_height(GROUP_ROWS_SHOWN, bar=True))
        self.explanation = QLabel(NOTHING_SELECTED)
        self.explanation.setObjectName("overlapExplanation")
        self.explanation.setWordWrap(True)
        self.claim_table = RecordTable("overlap_claims", DETAIL_CLAIM_COLUMNS)
        self.match_table = RecordTable("overlap_matches", MATCH_COLUMNS)
        self.group_table.empty_text = (
            "No overlaps: no end customer is claimed by more than one party right now."
        )
        self.claim_table.empty_text = self.match_table.empty_text = "Select an overlap."
        self.match_table.setSelectionMode(RecordTable.SelectionMode.SingleSelection)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.setSpacing(8)
        detail_layout.addWidget(self.explanation)
        detail_layout.addWidget(section("&Claims in this overlap", self.claim_table, [])[0])
        detail_layout.addWidget(
            section("&Why they match", self.match_table, [self.dismiss_button])[0]
        )
        groups, _ = section(
            "&Overlapping live claims, most money at stake first",
            self.group_table,
            [self.rules_button, self.resolve_button],
        )
        # The detail starts as tall as its rows and the groups take the rest of the page; in a
        # short window the person drags the handle to see more of either, and it stays there.
        self.splitter = splitter(
            Qt.Orientation.Vertical, "overlapsSplitter", [(groups, 1), (detail, 0)]
        )
        self.remember_splitter(self.splitter)
        self.body.addWidget(self.splitter)
        self.groups_box, self.detail = groups, detail

        # Tests replace these to answer the dialogs the way a person would.
        self.ask_resolution: Callable[[QDialog], bool] = _run
        self.confirm_dismissal: Callable[[QWidget, MatchRow], bool] = _confirm_dismissal

        self.group_table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.group_table.records.modelReset.connect(self.show_detail)
        self.match_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.rules_button.clicked.connect(self.rules_of_engagement)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.group_table.activated.connect(lambda _index: self.resolve_selected())
        self.group_table.menu.add("&Resolve…", self.resolve_selected, default=True)
        self.match_table.menu.add("&Not the same company", self.dismiss_selected)
        bind(self, "Ctrl+Shift+R", self.resolve_selected, "Resolve the selected overlap")
        self._enable()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_detail()

    def _fit_detail(self) -> None:
        """Give the detail the height of its rows and the groups the rest, as the detail and
        the window change, until the person drags the handle: from then on it stays where
        they leave it (and is remembered)."""
        if self.splitter_placed():
            return
        space = self.splitter.height() - self.splitter.handleWidth()
        groups = self.groups_box.minimumSizeHint().height()
        if space <= groups:
            return
        wanted = min(self.detail.sizeHint().height(), space - groups)
        self.splitter.setSizes([space - wanted, wanted])

    # --- loading -------------------------------------------------------------------------

    def reader(self) -> Reader:
        """The scan reads every live claim and matches their accounts: in the background,
        with everything the page needs made from it there too (the rows, the groups by key),
        so the window's own share is to put rows in the table."""
        today = self.context.today()

        @gc_paused()  # the groups become plain tuples before the collector looks at them
        def read(
            session: Session, progress: Progress, cancelled: IsCancelled
        ) -> tuple[KeptGroups, list[OverlapGroupRow]]:
            found = overlap_groups(session, today, progress=progress, cancelled=cancelled)
            return KeptGroups(found), group_rows(found)

        return read

    def show_read(self, result: tuple[KeptGroups, list[OverlapGroupRow]]) -> None:
        groups, rows = result
        kept = self.selected_group()
        self.groups = groups
        # The table's reset and the new selection would each redraw the detail: it is drawn
        # once, for the group selected at the end.
        self._placing = True
        try:
            self.group_table.records.set_rows(rows)
            self._select_group(kept.key if kept is not None and kept.key in groups else None)
        finally:
            self._placing = False
        self.show_detail()

    def loading_changed(self) -> None:
        """While the groups are being replaced, no decision on one."""
        self._enable()

    def _select_group(self, key: str | None) -> None:
        """Select the group ``key`` (the first one if it is gone or None) and show it."""
        model = self.group_table.records
        if model.rowCount():
            rows: list[OverlapGroupRow] = model.rows() if key is not None else []
            self.group_table.selectRow(next((n for n, r in enumerate(rows) if r.key == key), 0))
        self.show_detail()

    def count_text(self) -> str:
        return table_count(self.group_table, "overlap", "overlaps")

    def apply_filter(self, text: str) -> None:
        """The filter picks groups; the detail always shows the whole of the chosen one."""
        self.group_table.records.set_filter(text)
        self.update_count()

    def export_source(self) -> tuple[str, Sequence[Any], Sequence[Column[Any]]] | None:
        """The claims of the groups shown, made on the export's worker: rebuilding thousands
        of kept groups is whole-table work (see ``kept_groups``)."""
        shown = self.group_table.records.rows()
        kept, keys = self.groups, [r.key for r in shown]
        rows = RowsMadeLater(
            sum(r.claims for r in shown), lambda: claim_rows([kept[k] for k in keys])
        )
        return ("Overlaps", rows, CLAIM_COLUMNS)

    # --- selection and detail ------------------------------------------------------------

    def selected_group(self) -> OverlapGroup | None:
        rows = self.group_table.selectionModel().selectedRows()
        if not rows:
            return None
        row: OverlapGroupRow = self.group_table.records.row_at(rows[0].row())
        return self.groups.get(row.key)

    def selected_match(self) -> MatchRow | None:
        rows = self.match_table.selectionModel().selectedRows()
        return self.match_table.records.row_at(rows[0].row()) if rows else None

    def show_detail(self) -> None:
        if self._placing:
            return
        group = self.selected_group()
        if group is None:
            self.explanation.setText(NOTHING_SELECTED if self.groups else self._empty_text())
            self.claim_table.records.set_rows([])
            self.match_table.records.set_rows([])
        else:
            self.explanation.setText(unbroken_figures(explain(group)))
            self.claim_table.records.set_rows(detail_claim_rows(group))
            matches = match_rows(group)
            self.match_table.records.set_rows(matches)
            likely = [n for n, m in enumerate(matches) if m.confidence == "likely"]
            if likely:
                self.match_table.selectRow(likely[0])
        for table in (self.claim_table, self.match_table):
            sideways = table.horizontalScrollBar()
            bar = sideways.sizeHint().height() if sideways.maximum() > 0 else 0  # narrow window
            # A small window shrinks the detail to two rows each before the groups above.
            table.fit_height_to_rows(DETAIL_ROWS, fewest=1, extra=bar)
        # The tables' new heights reach the detail's layout on the event loop: fitted now, the
        # detail kept the height of the group shown before (the list of groups squeezed to two
        # rows under a short group, a long one cut to two claims).
        QTimer.singleShot(0, self, self._fit_detail)
        self._enable()

    def _empty_text(self) -> str:
        return "No live claims overlap today: every account has one claimant."

    def _enable(self) -> None:
        current = not self.loading  # a group being scanned again may be decided already
        self.resolve_button.setEnabled(current and self.selected_group() is not None)
        match = self.selected_match()
        likely = match is not None and match.confidence == "likely" and not match.same_account
        self.dismiss_button.setEnabled(current and likely)

    # --- decisions -----------------------------------------------------------------------

    def resolve_selected(self) -> None:
        group = self.selected_group()
        if self.loading:  # the shortcut and a double-click too wait for the new scan
            return
        if group is None or self._db is None:
            self.context.errors.show_now(InputError("Select the overlap to resolve first."))
            return
        dialog = OverlapResolveDialog(
            detail_claim_rows(group), explain(group), self.window(), resolve_advice(group)
        )
        if not self.ask_resolution(dialog):
            return
        owner, reason = dialog.owner_claim_id(), dialog.reason()
        try:
            with self._db.transaction() as session:
                resolve_group(
                    session, [c.id for c in group.claims], owner, reason, self.context.today(),
                    suggestion=group.suggestion,
                )  # fmt: skip
        except Exception as exc:  # the refusal (or a bug) is shown through the error hook
            self.context.errors.show_now(exc)
            return
        winner = next((c for c in group.claims if c.id == owner), None)
        others = len(group.claims) - (1 if winner is not None else 0)
        who = winner.claimant_name if winner is not None else "Direct"
        account = (winner or group.claims[0]).account.name
        self.context.changes.announce({RecordKind.CLAIM})
        self.say(f"{who} owns {account}; {plural(others, 'other claim', 'other claims')} rejected.")

    def rules_of_engagement(self) -> EngagementDialog | None:
        if self._db is None:
            return None
        return open_engagement(self._db, self.context, self.window())

    def dismiss_selected(self) -> None:
        match = self.selected_match()
        if self.loading:
            return
        if match is None or self._db is None:
            self.context.errors.show_now(
                InputError("Select the likely match below that is two different companies.")
            )
            return
        if not self.confirm_dismissal(self.window(), match):
            return
        try:
            with self._db.transaction() as session:
                dismiss_match(session, match.account_a, match.account_b)
        except Exception as exc:  # a certain match is refused with what to do instead
            self.context.errors.show_now(exc)
            return
        self.context.changes.announce({RecordKind.ACCOUNT})
        self.say("Not the same company: that match will not be reported again.")
