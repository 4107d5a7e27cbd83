"""The collector paused around bulk work, and what was made frozen after it."""

from __future__ import annotations

import gc

from mixplan.gc_pause import collector_paused


def test_what_a_pause_made_is_frozen_when_the_last_pause_ends():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
            made = [[k] for k in range(1000)]  # lists are tracked by the collector
        # The inner pause ended: nothing frozen yet, still paused.
        assert not gc.isenabled()
        assert gc.get_freeze_count() == before
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)
    assert made[999] == [999]


def test_a_collector_disabled_before_stays_disabled():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
