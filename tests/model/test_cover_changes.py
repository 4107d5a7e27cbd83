"""Ground cover as changes over the baseline (DESIGN §14): kept, changed, added,
removed, with baseline edits reaching the scenarios that keep a cover."""

from __future__ import annotations

import copy

import pytest
from shapely.geometry import box

from mixplan.model import GroundCover, ModelError, Project, Scenario
from mixplan.model.commands import (
    AddCover,
    AddScenario,
    CompoundCommand,
    RemoveCover,
    RestoreCover,
    SetCover,
    TakeExistingCover,
)
from mixplan.model.cover_edits import cover_status, outdated_cover_changes
from mixplan.model.project import Site
from mixplan.model.sameness import cover_digest


def project_with_covers() -> Project:
    """Baseline: soil (open soil 20 × 10), yard (30 × 10), paving (10 × 10).

    "Copy" keeps all three; "Paved" retypes the soil to sealed (changed).
    """
    p = Project.new("p")
    p.site = Site(box(0, 0, 100, 50))
    for c in (
        GroundCover("soil", "open_soil", box(0, 0, 20, 10)),
        GroundCover("yard", "yard", box(20, 0, 50, 10)),
        GroundCover("paving", "permeable_paving", box(50, 0, 60, 10)),
    ):
        p.baseline.cover[c.id] = c
    AddScenario("Copy").apply(p)
    AddScenario("Paved").apply(p)
    SetCover("Paved", "soil", cover="sealed").apply(p)
    return p


def test_a_copy_of_the_baseline_keeps_every_cover_as_the_same_value() -> None:
    p = project_with_covers()
    copy_ = p.scenario("Copy")
    assert copy_.cover_kept == {"soil", "yard", "paving"}
    assert all(copy_.cover[c] is p.baseline.cover[c] for c in copy_.cover)
    paved = p.scenario("Paved")
    assert paved.cover_kept == {"yard", "paving"}
    assert paved.cover["soil"].cover == "sealed"
    assert paved.cover_changed_from == {"soil": cover_digest(p.baseline.cover["soil"])}
    assert cover_status(p, paved, "soil") == "changed"
    assert cover_status(p, paved, "yard") == "kept"
    assert cover_status(p, p.baseline, "yard") == "baseline"


def test_a_baseline_cover_edit_reaches_the_scenarios_that_keep_it() -> None:
    p = project_with_covers()
    before = copy.deepcopy(p)
    # A survey: the soil is 25 m long, not 20.
    command = SetCover("Existing", "soil", geometry=box(0, 0, 25, 10))
    change = command.apply(p)
    assert change.scenario == "Existing" and change.cover
    assert change.reached == {"Copy"}  # "Paved" changed it: it keeps its own
    assert p.scenario("Copy").cover["soil"] is p.baseline.cover["soil"]
    assert p.scenario("Copy").cover["soil"].geometry.area == 250.0
    assert p.scenario("Paved").cover["soil"].geometry.area == 200.0
    assert outdated_cover_changes(p, p.scenario("Paved")) == ("soil",)
    assert outdated_cover_changes(p, p.scenario("Copy")) == ()
    after = copy.deepcopy(p)
    assert command.revert(p).reached == {"Copy"}
    assert p == before
    command.apply(p)
    assert p == after


def test_a_type_and_spaces_edit_of_the_baseline_reaches_too() -> None:
    p = project_with_covers()
    change = SetCover("Existing", "yard", cover="parking", spaces=12).apply(p)
    assert change.reached == {"Copy", "Paved"}
    for name in ("Copy", "Paved"):
        assert p.scenario(name).cover["yard"].spaces == 12
        assert "yard" in p.scenario(name).cover_kept


def test_a_scenario_edit_makes_a_kept_cover_changed_and_back() -> None:
    p = project_with_covers()
    change = SetCover("Copy", "yard", cover="lawn").apply(p)
    assert change.reached == frozenset()
    copy_ = p.scenario("Copy")
    assert "yard" not in copy_.cover_kept and "yard" in copy_.cover_changed_from
    # Set back to what the baseline has: kept again, sharing the value.
    SetCover("Copy", "yard", cover="yard").apply(p)
    assert "yard" in copy_.cover_kept and "yard" not in copy_.cover_changed_from
    assert copy_.cover["yard"] is p.baseline.cover["yard"]


def test_removing_and_restoring_a_cover_are_single_undoable_steps() -> None:
    p = project_with_covers()
    before = copy.deepcopy(p)
    remove = RemoveCover("Copy", "yard")
    remove.apply(p)
    copy_ = p.scenario("Copy")
    assert "yard" not in copy_.cover and copy_.cover_removed == {"yard"}
    removed = copy.deepcopy(p)
    restore = RestoreCover("Copy", "yard")
    restore.apply(p)
    assert copy_.cover["yard"] is p.baseline.cover["yard"]
    assert "yard" in copy_.cover_kept and not copy_.cover_removed
    restore.revert(p)
    assert p == removed
    remove.revert(p)
    assert p == before
    assert list(p.scenario("Copy").cover) == ["soil", "yard", "paving"]
    # A removed cover is not kept: a baseline edit of it reaches nobody.
    remove.apply(p)
    assert SetCover("Existing", "yard", cover="lawn").apply(p).reached == {"Paved"}
    assert "yard" not in p.scenario("Copy").cover


def test_restoring_what_is_not_removed_is_refused() -> None:
    p = project_with_covers()
    with pytest.raises(ModelError, match="does not remove"):
        RestoreCover("Copy", "yard").apply(p)
    with pytest.raises(ModelError, match="removes nothing"):
        RestoreCover("Existing", "yard").apply(p)


def test_take_the_existing_cover_is_one_undoable_step() -> None:
    p = project_with_covers()
    SetCover("Existing", "soil", geometry=box(0, 0, 25, 10)).apply(p)
    before = copy.deepcopy(p)
    command = TakeExistingCover("Paved", "soil")
    change = command.apply(p)
    assert change.scenario == "Paved" and change.cover
    paved = p.scenario("Paved")
    assert paved.cover["soil"] is p.baseline.cover["soil"]
    assert "soil" in paved.cover_kept and not paved.cover_changed_from
    assert outdated_cover_changes(p, paved) == ()
    command.revert(p)
    assert p == before


def test_a_cover_added_to_the_baseline_is_kept_everywhere() -> None:
    p = project_with_covers()
    RemoveCover("Copy", "paving").apply(p)
    lawn = GroundCover("lawn", "lawn", box(60, 0, 70, 10))
    change = AddCover("Existing", lawn).apply(p)
    assert change.reached == {"Copy", "Paved"}
    assert all(p.scenario(n).cover["lawn"] is lawn for n in ("Copy", "Paved"))
    # Its id cannot be one a scenario adds of its own.
    AddCover("Copy", GroundCover("pond", "open_soil", box(70, 0, 80, 10))).apply(p)
    with pytest.raises(ModelError, match="already used in scenario 'Copy'"):
        AddCover("Existing", GroundCover("pond", "sealed", box(0, 0, 1, 1))).apply(p)


def test_a_cover_removed_from_the_baseline_leaves_the_scenarios() -> None:
    p = project_with_covers()
    RemoveCover("Copy", "yard").apply(p)
    before = copy.deepcopy(p)
    command = RemoveCover("Existing", "soil")
    change = command.apply(p)
    assert change.reached == {"Copy", "Paved"}
    assert "soil" not in p.scenario("Copy").cover
    # Paved's own version stays, now a cover it adds.
    paved = p.scenario("Paved")
    assert paved.cover["soil"].cover == "sealed"
    assert cover_status(p, paved, "soil") == "added"
    assert not paved.cover_changed_from
    assert command.revert(p).reached == {"Copy", "Paved"}
    assert p == before
    # Removed from the baseline, a cover a scenario removed is no longer recorded.
    both = CompoundCommand([RemoveCover("Existing", "yard")])
    both.apply(p)
    assert not p.scenario("Copy").cover_removed
    both.revert(p)
    assert p == before


def test_an_empty_scenario_removes_every_baseline_cover() -> None:
    p = project_with_covers()
    AddScenario("Blank", empty=True).apply(p)
    blank = p.scenario("Blank")
    assert not blank.cover and blank.cover_removed == {"soil", "yard", "paving"}
    # Drawing the baseline's cover back makes it kept.
    AddCover("Blank", GroundCover("yard", "yard", box(20, 0, 50, 10))).apply(p)
    assert blank.cover_kept == {"yard"} and blank.cover_removed == {"soil", "paving"}
    assert blank.cover["yard"] is p.baseline.cover["yard"]


def test_settle_finds_kept_changed_and_removed_covers_in_whole_states() -> None:
    base = [
        GroundCover("soil", "open_soil", box(0, 0, 20, 10)),
        GroundCover("yard", "yard", box(20, 0, 50, 10)),
        GroundCover("paving", "permeable_paving", box(50, 0, 60, 10)),
    ]
    whole = Scenario.of(
        "Whole",
        cover=[
            GroundCover("soil", "open_soil", box(0, 0, 20, 10)),  # equal: kept
            GroundCover("yard", "sealed", box(20, 0, 50, 10)),  # changed
            GroundCover("pond", "open_soil", box(70, 0, 80, 10)),  # added
        ],
    )
    p = Project("p", scenarios=[Scenario.of("Existing", cover=base), whole])
    p.settle()
    assert whole.cover_kept == {"soil"}
    assert whole.cover["soil"] is p.baseline.cover["soil"]
    assert whole.cover_changed_from == {"yard": cover_digest(base[1])}
    assert whole.cover_removed == {"paving"}
    assert list(whole.cover) == ["soil", "yard", "pond"]


def test_snapshot_and_copy_carry_the_cover_records() -> None:
    p = project_with_covers()
    RemoveCover("Copy", "paving").apply(p)
    s = p.snapshot()
    assert s == p
    copy_ = s.scenario("Copy")
    assert copy_.cover_removed is not p.scenario("Copy").cover_removed
    assert copy_.cover_kept is not p.scenario("Copy").cover_kept
    AddScenario("Copy 2", source="Copy").apply(p)
    assert p.scenario("Copy 2").cover_removed == {"paving"}
    assert p.scenario("Copy 2").cover_kept == {"soil", "yard"}


def test_cover_refusals_read_in_french() -> None:
    p = project_with_covers()
    AddCover("Copy", GroundCover("pond", "open_soil", box(70, 0, 80, 10))).apply(p)
    cases = [
        (
            lambda: RestoreCover("Copy", "yard").apply(p),
            "Le scénario «\u202fCopy\u202f» ne supprime pas le revêtement "
            "«\u202fyard\u202f»",
        ),
        (
            lambda: AddCover(
                "Existing", GroundCover("pond", "sealed", box(0, 0, 1, 1))
            ).apply(p),
            "L'identifiant de revêtement «\u202fpond\u202f» est déjà utilisé dans "
            "le scénario «\u202fCopy\u202f»",
        ),
        (
            lambda: TakeExistingCover("Copy", "pond").apply(p),
            "Le revêtement «\u202fpond\u202f» ne prolonge aucun revêtement de "
            "l'existant",
        ),
    ]
    for action, french in cases:
        with pytest.raises(ModelError) as caught:
            action()
        assert caught.value.text("fr") == french
