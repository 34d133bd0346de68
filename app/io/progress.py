"""Progress and cancellation for long file work: the callables live in ``app.domain.progress``.

They moved there so that services (the import's upserts) can honour the same ``progress`` and
``cancelled`` callables as the readers and writers here without importing ``app.io``, which the
layer contract forbids. This module keeps the names the writers already use.
"""

from __future__ import annotations

from app.domain.progress import Cancelled, CancelledByUser, Progress, Ticker

__all__ = ["Cancelled", "CancelledByUser", "Progress", "Ticker"]
