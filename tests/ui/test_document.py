"""ProjectDocument: one undo step per push, merging of scrubbing, modified state."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, MixplanError
from mixplan.model.commands import AddBuilding, SetLevelHeight
from mixplan.ui.document import ProjectDocument
from tests.ui.conftest import small_project


@pytest.fixture
def document(qapp) -> ProjectDocument:
    return ProjectDocument(small_project())


def height(document, scenario="S1"):
    return document.project.scenario(scenario).buildings["b1"].levels[0].height_m


def test_scrubbing_merges_into_one_step_until_sealed(document):
    merge = document.merge_id("height:b1:0")
    assert document.merge_id("height:b1:0") == merge
    assert document.merge_id("height:b2:0") != merge
    for value in (5.5, 6.0, 6.5):
        document.push(SetLevelHeight("S1", "b1", 0, value), merge)
    assert document.undo_stack.count() == 1
    assert height(document) == 6.5
    document.undo_stack.undo()
    assert height(document) == 5.0  # before the whole scrub
    document.undo_stack.redo()
    assert height(document) == 6.5
    document.seal_merge()
    document.push(SetLevelHeight("S1", "b1", 0, 7.0), merge)
    assert document.undo_stack.count() == 2


def test_saving_seals_so_a_later_scrub_marks_the_project_modified(document):
    merge = document.merge_id("height:b1:0")
    document.push(SetLevelHeight("S1", "b1", 0, 5.5), merge)
    document.mark_saved()
    assert not document.modified
    document.push(SetLevelHeight("S1", "b1", 0, 6.0), merge)
    assert document.modified
    assert document.undo_stack.count() == 2


def test_a_refused_command_leaves_no_undo_step(document):
    clash = Building("b1", "Clash", box(0, 0, 5, 5), (Level.of(3, "office"),))
    with pytest.raises(MixplanError):
        document.push(AddBuilding("S1", clash))
    assert document.undo_stack.count() == 0
    assert not document.modified


def test_changes_since_save_are_kept_for_the_incremental_save(document):
    document.push(SetLevelHeight("S1", "b1", 0, 5.5))
    document.undo_stack.undo()
    assert [c.buildings for c in document.changes_since_save] == [
        frozenset({"b1"}),
        frozenset({"b1"}),
    ]
    document.mark_saved()
    assert document.changes_since_save == []


def test_a_recovered_project_is_modified_until_saved(document, qtbot):
    with qtbot.waitSignal(document.modified_changed) as signal:
        document.replace_project(small_project(), None, recovered=True)
    assert signal.args == [True]
    assert document.modified
    document.mark_saved()
    assert not document.modified


def test_edits_pause_the_collector_and_leave_it_as_it_was(document):
    # Applied, undone, redone and told to the views with the cyclic collector
    # paused; after each (a refused edit too), it runs as before, and what the
    # edit made is out of its reach (frozen).
    import gc

    seen: list[bool] = []
    document.changed.connect(lambda _change: seen.append(gc.isenabled()))
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    document.push(SetLevelHeight("S1", "b1", 0, 5.5))
    assert gc.get_freeze_count() > frozen
    document.undo()
    document.redo()
    with pytest.raises(MixplanError):
        document.push(SetLevelHeight("S1", "b1", 9, 5.5))
    assert seen == [False, False, False] and gc.isenabled()


def test_a_reserved_place_keeps_the_edits_behind_it_in_order(document):
    """Heights 5.5 (reserved first, filled last), 6.0 then an undo behind it:
    nothing applies until the place is filled, then all in that order (5.5,
    6.0, 6.0 undone: 5.5; filled in the order they came, 6.0 would stay)."""
    place = document.reserve_edit()
    assert document.edits_held
    document.push(SetLevelHeight("S1", "b1", 0, 6.0))
    document.undo()
    assert document.undo_stack.count() == 0 and height(document) == 5.0
    assert document.fill_reserved(place, SetLevelHeight("S1", "b1", 0, 5.5)) == []
    assert document.undo_stack.count() == 2 and document.undo_stack.index() == 1
    assert height(document) == 5.5
    assert not document.edits_held
    document.push(SetLevelHeight("S1", "b1", 0, 7.0))
    assert height(document) == 7.0  # (nothing held any more)


def test_a_save_and_a_reserved_place_each_hold_the_edits(document):
    """A save holds 6.0 (before the place) and 8.0 (after it): the save's end
    applies 6.0 only; the place filled with nothing, 8.0. Filled during a save,
    the place waits for its end."""
    document.hold_edits()
    document.push(SetLevelHeight("S1", "b1", 0, 6.0))
    place = document.reserve_edit()
    document.push(SetLevelHeight("S1", "b1", 0, 8.0))
    assert document.release_edits() == []
    assert height(document) == 6.0 and document.undo_stack.count() == 1
    assert document.edits_held
    assert document.fill_reserved(place, None) == []
    assert height(document) == 8.0 and document.undo_stack.count() == 2
    assert not document.edits_held
    place = document.reserve_edit()
    document.hold_edits()
    clash = Building("b1", "Clash", box(0, 0, 5, 5), (Level.of(3, "office"),))
    assert document.fill_reserved(place, AddBuilding("S1", clash)) == []
    assert document.undo_stack.count() == 2  # the save still holds it
    (refusal,) = document.release_edits()
    assert isinstance(refusal, MixplanError)  # b1 is there already
    assert document.undo_stack.count() == 2 and not document.edits_held
    assert height(document) == 8.0


def test_whether_edits_wait_is_told_when_it_changes(document):
    """A save's hold and a reserved place: told True once when the first
    begins, False once when the last ends (not at each edit that waits)."""
    told: list[bool] = []
    document.edits_held_changed.connect(told.append)
    document.hold_edits()
    place = document.reserve_edit()
    document.push(SetLevelHeight("S1", "b1", 0, 6.0))
    assert told == [True]
    document.release_edits()
    assert told == [True]  # (the place still holds the edit behind it)
    document.fill_reserved(place, None)
    assert told == [True, False] and height(document) == 6.0


def test_a_save_that_held_nothing_lets_the_edits_go(document):
    """Nothing edited during the save: its end tells edits no longer wait."""
    told: list[bool] = []
    document.edits_held_changed.connect(told.append)
    document.hold_edits()
    assert document.release_edits() == []
    assert told == [True, False] and not document.edits_held


def test_edits_waiting_behind_a_place_are_not_applied_to_the_next_project(document):
    """A place reserved (a move being prepared), a height waiting behind it,
    then another project: its b1 (the same id) keeps its height when the place
    is filled, and edits no longer wait."""
    told: list[bool] = []
    document.edits_held_changed.connect(told.append)
    place = document.reserve_edit()
    document.push(SetLevelHeight("S1", "b1", 0, 6.0))
    document.replace_project(small_project(), None)
    assert not document.edits_held and told == [True, False]
    assert document.fill_reserved(place, SetLevelHeight("S1", "b1", 0, 7.5)) == []
    assert height(document) == 5.0  # (its own)
    assert document.undo_stack.count() == 0 and not document.edits_held
    document.push(SetLevelHeight("S1", "b1", 0, 6.5))  # (applied at once)
    assert height(document) == 6.5
