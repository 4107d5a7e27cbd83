"""The collector paused around bulk work, and what a kept pause made frozen after it."""

from __future__ import annotations

import gc

from mixplan.gc_pause import collector_paused


def test_what_a_kept_pause_made_is_frozen_when_the_last_pause_ends():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with collector_paused():
        with collector_paused(keep=True):
            assert not gc.isenabled()
            made = [[k] for k in range(1000)]  # lists are tracked by the collector
        # The inner pause ended: nothing frozen yet, still paused.
        assert not gc.isenabled()
        assert gc.get_freeze_count() == before
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)
    assert made[999] == [999]


def test_a_pause_not_kept_freezes_nothing_and_its_cycles_are_collected():
    before = gc.get_freeze_count()
    with collector_paused():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
    assert gc.get_freeze_count() == before
    assert gc.collect() >= 1  # the cycle made inside is still the collector's
    with collector_paused(keep=True):
        pass
    frozen = gc.get_freeze_count()
    with collector_paused():  # a kept pause before does not make this one kept
        made = [[k] for k in range(100)]
    assert gc.get_freeze_count() == frozen and len(made) == 100


def test_a_collector_disabled_before_stays_disabled():
    gc.disable()
    try:
        with collector_paused(keep=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
