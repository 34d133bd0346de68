"""The overlap scan's pause of the cycle collector always ends, and ends as it began."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.services.gc_pause import freeze_start_up, gc_paused, thaw_start_up


@pytest.fixture(autouse=True)
def _collector_running() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # as it was found, whatever a test did to it
        gc.enable()
    else:
        gc.disable()


def test_the_collector_resumes_after_the_last_of_overlapping_pauses() -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer scan is still building
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # what the scan made was aged, not frozen for good


def test_the_collector_resumes_after_an_error() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("the scan failed")
    assert gc.isenabled()


def test_a_collector_someone_else_stopped_stays_stopped() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_a_pause_after_the_start_up_freeze_keeps_it_frozen_and_never_counts_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counting the frozen objects walks them one by one while holding the interpreter (the
    window waited 300 ms for it in a large process): the pause knows of the freeze instead."""

    def counted() -> int:
        raise AssertionError("the frozen heap was counted")

    freeze_start_up()
    try:
        frozen = gc.get_freeze_count()
        monkeypatch.setattr(gc, "get_freeze_count", counted)
        with gc_paused():
            pass
        monkeypatch.undo()
        assert gc.isenabled() and gc.get_freeze_count() >= frozen
    finally:
        thaw_start_up()
    assert gc.get_freeze_count() == 0
