"""Route: first the preview of what a run on the chosen day would do (the dry run), then, on
the person's word, the run itself.

Both are worked out in the background with a progress dialog and Cancel, so the window keeps
answering however many leads there are. A cancelled run writes nothing (its transaction rolls
back). The run routes the data as it is when it runs: if something changed since the preview,
the message after the run says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.services.leads.route_rows import (
    ROUTE_COLUMNS,
    RoutePlan,
    preview_route,
    run_route,
)
from app.services.store import WAITING_TEXT, Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.operations import IsCancelled, Operation, Progress
from app.ui.record_table import RecordTable


class RoutePreviewDialog(QDialog):
    """The dry run's lines and counts; "Route" runs it for real, Cancel leaves all as it is."""

    def __init__(self, plan: RoutePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routePreviewDialog")
        self.setWindowTitle(f"Route leads on {plan.on.isoformat()}")
        self.plan = plan
        heading = QLabel(
            f"<b>A run on {plan.on.isoformat()} would do this</b> (nothing is written yet):<br>"
            + escape(plan.summary())
        )
        heading.setObjectName("routeSummary")
        heading.setWordWrap(True)
        self.table = RecordTable("route_preview", ROUTE_COLUMNS, self)
        self.table.empty_text = "Nothing to route: no lead is waiting, and no deadline passed."
        self.table.records.set_rows(list(plan.lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.route_button = buttons.addButton("&Route", QDialogButtonBox.ButtonRole.AcceptRole)
        self.route_button.setObjectName("routeButton")
        self.route_button.setEnabled(bool(plan.lines))
        self.route_button.setDefault(bool(plan.lines))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 520)


def _run(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class RouteFlow:
    """Preview, ask, run: each step in the background; ``done`` gets the message to show."""

    def __init__(
        self,
        parent: QWidget,
        context: UiContext,
        db: Database,
        on: date,
        done: Callable[[str], None],
    ) -> None:
        self.parent = parent
        self.context = context
        self.db = db
        self.on = on
        self.done = done
        #: Tests answer the preview the way a person would (look, then Route or Cancel).
        self.ask: Callable[[RoutePreviewDialog], bool] = _run
        self.operation: Operation[RoutePlan] | None = None
        self.preview: RoutePlan | None = None
        self.dialog: RoutePreviewDialog | None = None
        self.busy = False  # from the preview until the run ended (a second Route waits)

    def _finish(self, said: str) -> None:
        self.busy = False
        self.done(said)

    def start(self) -> Operation[RoutePlan]:
        self.busy = True
        db, on = self.db, self.on

        def work(_progress: Progress, _cancelled: IsCancelled) -> RoutePlan:
            with db.reading() as session:
                return preview_route(session, on)

        self.operation = (
            Operation(self.parent, self.context.errors, work)
            .success(self._previewed)
            .failure(self._failed)
            .when_cancelled(lambda: self._finish("Routing cancelled: nothing was changed."))
            .with_progress(f"Working out the routing on {on.isoformat()}…")
            .run_in_background()
        )
        return self.operation

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.context.errors.show_now(exc)

    def _previewed(self, plan: RoutePlan) -> None:
        self.preview = plan
        self.dialog = RoutePreviewDialog(plan, self.parent)
        try:
            go = self.ask(self.dialog)
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        if not go:
            self._finish("Routing not run: nothing was changed.")
            return
        self._route()

    def _route(self) -> None:
        db, on = self.db, self.on

        def work(_progress: Progress, cancelled: IsCancelled) -> RoutePlan:
            # Another program writing first: said in the progress dialog, and Cancel still works.
            waiting = lambda on: operation.note(WAITING_TEXT if on else "")  # noqa: E731
            with db.transaction(waiting=waiting, cancelled=cancelled) as session:
                return run_route(session, on, cancelled)

        operation: Operation[RoutePlan] = Operation(self.parent, self.context.errors, work)
        self.operation = (
            operation.success(self._routed)
            .failure(self._failed)
            .when_cancelled(lambda: self._finish("Routing cancelled: nothing was changed."))
            .with_progress(f"Routing the leads on {on.isoformat()}…")
            .ending_says_what_happened()
            .run_in_background()
        )

    def _routed(self, plan: RoutePlan) -> None:
        self.context.changes.announce({RecordKind.LEAD})
        said = f"Routed on {plan.on.isoformat()}: {plan.summary()}."
        if self.preview is not None and not plan.same_as(self.preview):
            said += " The leads changed since the preview: this is what the run did."
        self._finish(said)
