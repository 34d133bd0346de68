"""The training page: who completed which course, and whether it still counts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.services.training import TRAINING_COLUMNS, TrainingRow, list_training
from app.ui.changes import RecordKind
from app.ui.pages.base import TablePage


class TrainingPage(TablePage):
    key = "training"
    title = "Training"
    icon_name = "training"
    kinds = frozenset(
        {RecordKind.TRAINING, RecordKind.COURSE, RecordKind.CONTACT, RecordKind.PARTNER}
    )
    columns = TRAINING_COLUMNS
    one, many = "training record", "training records"

    def load_rows(self, session: Session) -> Sequence[TrainingRow]:
        return list_training(session, today=self.context.today())
