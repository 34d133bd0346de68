"""Which records each part of the dashboard's charts is read from, apart from the charts' code
so that the page knows what it shows before it loads that code."""

from __future__ import annotations

from app.ui.changes import RETURN_KINDS, RecordKind

_K = RecordKind
#: The records each part of the charts is read from: the page behind it shows the same ones
#: (held together by a test), and every part names its partners. The pipeline and the
#: overlaps' exposure are converted by the program's rates into the reporting currency.
PART_KINDS: dict[str, frozenset[RecordKind]] = {
    "pipeline": frozenset({_K.DEAL, _K.PARTNER, _K.PROGRAM, _K.SETTING}),
    "returns": RETURN_KINDS,
    "coverage": frozenset({_K.TRAINING, _K.COURSE, _K.CONTACT, _K.PARTNER, _K.SETTING}),
    "leads": frozenset({_K.LEAD, _K.PARTNER, _K.TIER, _K.SETTING, _K.DEAL}),
    "overlaps": frozenset({_K.CLAIM, _K.ACCOUNT, _K.PARTNER, _K.SETTING, _K.PROGRAM}),
}
