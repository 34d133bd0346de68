"""Refilling a choice list while keeping what the user picked.

Filter rows and pickers offer what the database holds now, so they are refilled after every
change; a person who picked "Acme" expects "Acme" to stay picked as long as it is offered. Every
such list refills the same way through ``refill``: its first entries ("All partners", "(no deal)")
stay, the rest are replaced, the pick is kept by its data, and no change signal fires for the
refill itself, since nothing the user chose has changed unless the pick has gone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

_KEEP_CURRENT = object()
#: How many characters a filter of long names (people, countries, campaigns) is wide at least:
#: as wide as a short one, so a row of filters does not jump as they are refilled.
LONG_NAMES_WIDTH = 12


def filter_combo(
    name: str, accessible: str, everyone: str, tip: str, long_names: bool
) -> QComboBox:
    """A filter's list: ``everyone`` ("All tiers", data None) first, then what ``refill``
    offers; a list of ``long_names`` keeps a fixed width, others fit their entries."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.addItem(everyone, None)
    if long_names:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(LONG_NAMES_WIDTH)
    else:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setToolTip(tip)
    return combo


def refill(
    combo: QComboBox,
    items: Sequence[tuple[str, object]],
    *,
    fixed: int = 1,
    choose: object = _KEEP_CURRENT,
) -> bool:
    """Replace every entry after the first ``fixed`` ones by ``items`` (text, data).

    The entry whose data is ``choose`` (by default the one chosen now) stays chosen, or the first
    entry when it is no longer offered. Nothing is rebuilt when the entries are already those.
    Returns True when a real pick (data not None) was lost, so the caller can say the filter
    changed.
    """
    chosen = combo.currentData() if choose is _KEEP_CURRENT else choose
    if not _same_entries(combo, items, fixed):
        blocked = combo.blockSignals(True)
        try:
            while combo.count() > fixed:
                combo.removeItem(combo.count() - 1)
            for text, data in items:
                combo.addItem(text, data)
        finally:
            combo.blockSignals(blocked)
    found = combo.findData(chosen) if chosen is not None else -1
    if combo.currentIndex() != max(found, 0):
        blocked = combo.blockSignals(True)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(blocked)
    return found < 0 and chosen is not None


def _same_entries(combo: QComboBox, items: Sequence[tuple[str, object]], fixed: int) -> bool:
    if combo.count() - fixed != len(items):
        return False
    return all(
        combo.itemText(fixed + n) == text and combo.itemData(fixed + n) == data
        for n, (text, data) in enumerate(items)
    )
