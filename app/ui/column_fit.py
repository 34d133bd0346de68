"""Columns that give way in a narrow window: the words give up width before the figures.

A list of items (a figure's drill-down, say) is read for its amounts; in a window narrower than
its columns, a sideways scroll bar hides the last of them (the converted amount) out of sight.
So text columns that are wider than they need to be (a name, a description) narrow first, each
down to a floor (its header, whole, or a few words), in proportion to what it can spare; only
when that is not enough does the table scroll sideways. A cut text shows whole in its tool tip
(``app.ui.cell_tips``).
"""

from __future__ import annotations

from collections.abc import Sequence


def give_way(widths: Sequence[int], floors: Sequence[int | None], room: int) -> list[int]:
    """``widths`` narrowed to fit ``room`` where they can: a column with a floor (None: it
    keeps its width) gives up to ``width - floor``, all of them in proportion to that."""
    excess = sum(widths) - room
    spare = [max(0, w - f) if f is not None else 0 for w, f in zip(widths, floors, strict=True)]
    total = sum(spare)
    if excess <= 0 or total == 0:
        return list(widths)
    take = min(excess, total)
    cut = [s * take // total for s in spare]
    short = take - sum(cut)  # rounding: the rest from the columns with the most to spare
    for n in sorted(range(len(widths)), key=lambda i: -spare[i]):
        if short <= 0:
            break
        if spare[n] > cut[n]:
            cut[n] += 1
            short -= 1
    return [w - c for w, c in zip(widths, cut, strict=True)]
