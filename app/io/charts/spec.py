"""A chart as data: what it shows, not how it is drawn.

Values stay exact (``Decimal`` or ``int``) up to the moment of drawing, so the labels printed on a
chart are the same digits the tables show; ``None`` is a value that does not exist (no rate, no
expectation), drawn as a gap, never as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

Number = Decimal | int

#: bar: grouped bars per category; stacked: the series stacked; hbar: a ranking, largest on top;
#: line: one line per series over the categories (quarters, months).
ChartKind = Literal["bar", "stacked", "hbar", "line"]


class ValueKind(StrEnum):
    """What the numbers are, which decides how they are written."""

    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    RATIO = "ratio"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Number | None, ...]


@dataclass(frozen=True)
class ChartSpec:
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_kind: ValueKind = ValueKind.COUNT
    #: The currency of every value of a MONEY chart (one chart, one currency).
    currency: str | None = None
    empty_text: str = "Nothing to show for this choice."
    #: Words under the title: the period, the filter, what was left out.
    note: str = ""
    #: Bars carry their value written out when there are at most this many categories.
    label_limit: int = 12
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"series {series.name!r} has {len(series.values)} values "
                    f"for {len(self.categories)} categories"
                )
        if self.value_kind is ValueKind.MONEY and not self.currency:
            raise ValueError("a money chart names its currency")

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to draw: no category, or every value missing or zero."""
        return not self.categories or all(
            value is None or value == 0 for series in self.series for value in series.values
        )
