"""Converting amounts into the reporting currency with dated exchange rates (SPEC.md, "Program
spend and return").

A rate is the number of units of the reporting currency for one unit of its currency. An amount
dated T uses the latest rate effective on or before T; the converted amount is
round(amount × rate) to the reporting currency's minor unit, half up (``round_money``, as every
amount of the product), each item converted and rounded once before any sum. The reporting
currency converts at 1 (still rounded once, like any item); an amount with no rate is *not
converted* (``None``), never taken at 1. Rates into another currency are ignored: after a change
of reporting currency, amounts stay not converted until rates into the new one exist.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal

from app.domain.money import normalize_currency, round_money

#: Enough digits for any stored amount times any stored rate: the product is exact, and only
#: ``quantize`` rounds (Decimal's default 28 digits could round a large amount × rate first).
_EXACT = Context(prec=80)


@dataclass(frozen=True, slots=True)
class FxRate:
    """One dated rate: ``rate`` units of ``into_currency`` for one unit of ``currency``."""

    currency: str
    into_currency: str
    rate: Decimal
    effective_from: date


class Converter:
    """Every rate into ``reporting``, by currency and date, asked once per item."""

    def __init__(self, reporting: str, rates: Iterable[FxRate]) -> None:
        self.reporting = normalize_currency(reporting)
        dated: dict[str, list[tuple[date, Decimal]]] = {}
        for fx in rates:
            if fx.into_currency.upper() != self.reporting:
                continue
            dated.setdefault(fx.currency.upper(), []).append((fx.effective_from, fx.rate))
        self._days: dict[str, list[date]] = {}
        self._rates: dict[str, list[Decimal]] = {}
        for currency, points in dated.items():
            points.sort(key=lambda point: point[0])
            self._days[currency] = [day for day, _rate in points]
            self._rates[currency] = [rate for _day, rate in points]
        # A report converts many items of few currencies and days: each pair is looked up once.
        self._memo: dict[tuple[str, date], Decimal | None] = {}

    def rate_on(self, currency: str, on: date) -> Decimal | None:
        """The rate of ``currency`` in force on ``on`` (1 for the reporting currency), or None."""
        code = currency.upper()
        if code == self.reporting:
            return Decimal(1)
        days = self._days.get(code)
        if days is None:
            return None
        index = bisect.bisect_right(days, on) - 1
        return self._rates[code][index] if index >= 0 else None

    def convert(self, amount: Decimal, currency: str, on: date) -> Decimal | None:
        """``amount`` of ``currency`` dated ``on`` in the reporting currency, rounded once half
        up to its minor unit; None when no rate is in force on that date."""
        key = (currency, on)
        if key in self._memo:
            rate = self._memo[key]
        else:
            rate = self._memo[key] = self.rate_on(currency, on)
        if rate is None:
            return None
        return round_money(_EXACT.multiply(amount, rate), self.reporting)
