"""Scenarios as changes over the baseline (DESIGN §14), the model's snapshot and
its one definition of "same building"."""

from __future__ import annotations

import copy
from dataclasses import fields, replace

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, ModelError, Project, Scenario
from mixplan.model.commands import (
    AddBuilding,
    AddScenario,
    RemoveBuilding,
    RestoreBuilding,
    SetBuildingAttributes,
    SetLevelHeight,
    TakeExistingVersion,
)
from mixplan.model.phasing import Hosting, Occupant
from mixplan.model.project import Removal, Site
from mixplan.model.sameness import (
    alters,
    building_differences,
    building_digest,
    is_kept_version,
    kept_version,
)
from mixplan.model.scenario_edits import outdated_changes


def shed(bid: str = "a", x: float = 0.0) -> Building:
    return Building(
        bid,
        f"Halle {bid}",
        box(x, 0, x + 40, 20),
        (
            Level.of(7.0, "warehouse", load_kn_m2=20, access="yard"),
            Level.of(3.0, "office"),
        ),
    )


def project_with_copies() -> Project:
    p = Project.new("p")
    p.site = Site(box(-10, -10, 300, 100))
    for b in (shed("a"), shed("b", 60), shed("c", 120)):
        p.baseline.buildings[b.id] = b
    AddScenario("Copy").apply(p)
    AddScenario("Raised").apply(p)
    SetLevelHeight("Raised", "b", 1, 4.0).apply(p)
    return p


def test_a_copy_of_the_baseline_keeps_every_building() -> None:
    p = project_with_copies()
    copy_ = p.scenario("Copy")
    assert copy_.kept == {"a", "b", "c"}
    assert copy_.buildings["a"] == replace(shed("a"), origin="a")
    raised = p.scenario("Raised")
    assert raised.kept == {"a", "c"}
    assert raised.changed_from == {"b": building_digest(shed("b", 60))}


def test_a_new_copy_of_the_baseline_shares_the_versions_kept_elsewhere() -> None:
    """The kept versions another scenario holds are taken, not copied again;
    the others made; an edit of the baseline then reaches every keeper."""
    p = project_with_copies()
    kept_by_copy = dict(p.scenario("Copy").buildings)
    command = AddScenario("New")
    command.apply(p)
    new = p.scenario("New")
    assert new.kept == {"a", "b", "c"}
    for bid in "abc":
        assert new.buildings[bid] is kept_by_copy[bid]
        assert is_kept_version(new.buildings[bid], p.baseline.buildings[bid])
    # Only Raised keeps a and c, and changed b: b is made.
    p.scenarios.remove(p.scenario("Copy"))
    p.scenarios.remove(new)
    AddScenario("Newer").apply(p)
    newer, raised = p.scenario("Newer"), p.scenario("Raised")
    assert newer.buildings["a"] is raised.buildings["a"]
    assert newer.buildings["b"] == kept_version(p.baseline.buildings["b"])
    assert newer.buildings["b"] != raised.buildings["b"]
    edit = SetLevelHeight("Existing", "a", 0, 6.0)
    change = edit.apply(p)
    assert change.reached == {"Newer", "Raised"}
    for scenario in (newer, raised):
        assert scenario.buildings["a"] == kept_version(p.baseline.buildings["a"])
    edit.revert(p)
    kept_a = replace(shed("a"), origin="a")
    assert newer.buildings["a"] == raised.buildings["a"] == kept_a


def test_a_baseline_edit_reaches_the_scenarios_that_keep_the_building() -> None:
    p = project_with_copies()
    before = copy.deepcopy(p)
    command = SetLevelHeight("Existing", "b", 0, 6.0)
    change = command.apply(p)
    assert change.scenario == "Existing" and change.buildings == {"b"}
    assert change.reached == {"Copy"}  # "Raised" changed b: it keeps its version
    assert p.scenario("Copy").buildings["b"].levels[0].height_m == 6.0
    assert p.scenario("Copy").buildings["b"].origin == "b"
    assert p.scenario("Raised").buildings["b"].levels[0].height_m == 7.0
    assert p.scenario("Raised").buildings["b"].levels[1].height_m == 4.0
    # The scenario that changed b now holds a version changed from an older one.
    assert p.scenario("Raised").changed_from["b"] != building_digest(
        p.baseline.buildings["b"]
    )
    command.revert(p)
    assert p == before
    command.apply(p)
    assert p.scenario("Copy").buildings["b"].levels[0].height_m == 6.0


def test_a_scenario_edit_makes_a_kept_building_changed_and_back() -> None:
    p = project_with_copies()
    s = p.scenario("Copy")
    change = SetBuildingAttributes("Copy", "a", roof="green").apply(p)
    assert change.reached == frozenset()
    assert "a" not in s.kept and s.changed_from["a"] == building_digest(shed("a"))
    SetBuildingAttributes("Copy", "a", roof="plain").apply(p)
    assert "a" in s.kept and "a" not in s.changed_from  # equal again: kept


def test_removing_and_restoring_in_a_scenario_are_single_undoable_steps() -> None:
    p = project_with_copies()
    before = copy.deepcopy(p)
    remove = RemoveBuilding("Raised", "b")
    remove.apply(p)
    raised = p.scenario("Raised")
    assert "b" not in raised.buildings and raised.removed == {"b": Removal("b")}
    assert "b" not in raised.changed_from
    after_remove = copy.deepcopy(p)
    restore = RestoreBuilding("Raised", "b")
    restore.apply(p)
    assert raised.buildings["b"] == kept_version(p.baseline.buildings["b"])
    assert "b" in raised.kept and not raised.removed
    restore.revert(p)
    assert p == after_remove
    remove.revert(p)
    assert p == before
    assert list(p.scenario("Raised").buildings) == ["a", "b", "c"]  # in place


def test_restoring_what_is_not_removed_is_refused() -> None:
    p = project_with_copies()
    with pytest.raises(ModelError, match="does not remove"):
        RestoreBuilding("Copy", "a").apply(p)


def test_take_the_existing_version_is_one_undoable_step() -> None:
    p = project_with_copies()
    SetLevelHeight("Existing", "b", 0, 6.0).apply(p)
    before = copy.deepcopy(p)
    command = TakeExistingVersion("Raised", "b")
    change = command.apply(p)
    raised = p.scenario("Raised")
    assert raised.buildings["b"] == kept_version(p.baseline.buildings["b"])
    assert "b" in raised.kept and "b" not in raised.changed_from
    assert change.scenario == "Raised" and "b" in change.buildings
    command.revert(p)
    assert p == before
    with pytest.raises(ModelError, match="continues no building"):
        TakeExistingVersion("Existing", "a").apply(p)


def test_a_building_added_to_the_baseline_is_kept_everywhere() -> None:
    p = project_with_copies()
    RemoveBuilding("Copy", "a").apply(p)
    change = AddBuilding("Existing", shed("d", 180)).apply(p)
    assert change.reached == {"Copy", "Raised"}
    for name in ("Copy", "Raised"):
        assert "d" in p.scenario(name).kept
    # A clash with a new building of a scenario is refused, nothing changed.
    AddBuilding("Copy", shed("e", 240)).apply(p)
    before = copy.deepcopy(p)
    with pytest.raises(ModelError, match="already used in scenario 'Copy'"):
        AddBuilding("Existing", shed("e", 240)).apply(p)
    assert p == before


def test_a_building_removed_from_the_baseline_leaves_the_scenarios() -> None:
    p = project_with_copies()
    RemoveBuilding("Copy", "c").apply(p)
    before = copy.deepcopy(p)
    command = RemoveBuilding("Existing", "b")
    change = command.apply(p)
    assert change.reached == {"Copy", "Raised"}
    assert "b" not in p.scenario("Copy").buildings
    # A scenario that changed b keeps its building, now a new one of its own.
    assert p.scenario("Raised").buildings["b"].origin is None
    command.revert(p)
    assert p == before
    RemoveBuilding("Existing", "c").apply(p)
    assert "c" not in p.scenario("Copy").removed


def test_an_empty_scenario_removes_every_baseline_building() -> None:
    p = project_with_copies()
    AddScenario("Blank", empty=True).apply(p)
    blank = p.scenario("Blank")
    assert not blank.buildings and list(blank.removed) == ["a", "b", "c"]


def test_settle_finds_kept_and_removed_in_whole_states() -> None:
    p = Project.new("p")
    for b in (shed("a"), shed("b", 60), shed("c", 120)):
        p.baseline.buildings[b.id] = b
    whole = Scenario.of(
        "Whole",
        [
            replace(shed("a"), origin="a"),
            replace(shed("b", 60), origin="b", name="Renamed"),
            shed("n", 200),
        ],
    )
    p.scenarios.append(whole)
    p.settle()
    assert whole.kept == {"a"}
    assert whole.changed_from == {"b": building_digest(shed("b", 60))}
    assert whole.removed == {"c": Removal("c")}
    assert [b.id for b in whole.buildings.values()] == ["a", "b", "n"]


def test_settle_records_each_changed_building_in_the_order_of_the_buildings() -> None:
    # Fingerprinted together: each record is its origin's own digest, the
    # records in the order of the scenario's buildings, a record already
    # there left as it is.
    p = Project.new("p")
    for k in range(4):
        p.baseline.buildings[f"b{k}"] = shed(f"b{k}", 60.0 * k)
    whole = Scenario.of(
        "Whole",
        [
            replace(shed("b3", 180.0), origin="b3", roof="green"),
            replace(shed("b0"), origin="b0"),
            replace(shed("b2", 120.0), origin="b2", ramp=True),
            replace(shed("b1", 60.0), origin="b1", name="Renamed"),
        ],
    )
    whole.changed_from["b1"] = "recorded before"
    p.scenarios.append(whole)
    p.settle()
    assert list(whole.changed_from.items()) == [
        ("b1", "recorded before"),
        ("b3", building_digest(shed("b3", 180.0))),
        ("b2", building_digest(shed("b2", 120.0))),
    ]
    assert whole.kept == {"b0"}


# --- snapshot -----------------------------------------------------------------------


def test_snapshot_copies_every_field_and_no_container_is_shared() -> None:
    p = project_with_copies()
    p.author = "Agence Urbaine"
    RemoveBuilding("Raised", "c").apply(p)
    snap = p.snapshot()
    for f in fields(Project):
        if f.compare:
            assert getattr(snap, f.name) == getattr(p, f.name), f.name
    assert snap.author == "Agence Urbaine"
    for mine, theirs in zip(p.scenarios, snap.scenarios, strict=True):
        for f in fields(Scenario):
            value = getattr(mine, f.name)
            if isinstance(value, dict | set | list):
                assert getattr(theirs, f.name) is not value, f.name
    SetLevelHeight("Existing", "a", 0, 5.0).apply(p)
    RestoreBuilding("Raised", "c").apply(p)
    p.rulebook.set("C02", "max_coverage", 0.5)
    assert snap.scenario("Copy").buildings["a"].levels[0].height_m == 7.0
    assert "c" in snap.scenario("Raised").removed
    assert snap.rulebook.values == {}


# --- sameness ---------------------------------------------------------------------


VARIANTS = {
    "id": "z",
    "name": "Other",
    "footprint": box(0, 0, 40, 21),
    "levels": (Level.of(7.0, "warehouse"),),
    "origin": "q",
    "basements": 1,
    "freight_lift_kg": 2000.0,
    "ramp": True,
    "loading_bays": 2,
    "parking_spaces": 3,
    "roof": "green",
    "shared": True,
    "demolished_in": 2,
    "delivered_in": 3,
    "occupants": (Occupant("Menuiserie", 400.0),),
    "hosts": (Hosting("Menuiserie", 2),),
    "common_parts": False,
}


def test_every_field_counts_in_sameness() -> None:
    """A field added to Building must be added here, and then counts everywhere."""
    base = shed("a")
    assert set(VARIANTS) == {f.name for f in fields(Building)}
    for name, value in VARIANTS.items():
        if name == "basements":
            other = replace(base, basements=1)
        else:
            other = replace(base, **{name: value})
        assert building_differences(base, other) == {name}
        assert building_differences(base, copy.deepcopy(base)) == frozenset()
        digest_differs = building_digest(other) != building_digest(base)
        assert digest_differs == (name != "origin"), name
        assert alters(other, base) == (
            name in {"footprint", "levels", "basements", "freight_lift_kg", "ramp"}
        ), name


def test_kept_version_is_the_baseline_building_as_it_is() -> None:
    base = shed("a")
    assert is_kept_version(kept_version(base), base)
    assert not is_kept_version(replace(kept_version(base), name="x"), base)
    assert not is_kept_version(base, base)  # a scenario building names its origin


def test_kept_version_copies_every_field_as_replace_would() -> None:
    """Made without checking again, the kept version equals ``replace``'s, for a
    building differing from the default in any field (a field added to Building
    is in VARIANTS, see above), and is a Building a weak reference can follow."""
    import weakref

    for name, value in VARIANTS.items():
        if name in ("id", "origin"):
            continue
        base = replace(shed("a"), **{name: value})
        kept = kept_version(base)
        assert type(kept) is Building
        assert kept == replace(base, origin=base.id), name
        assert getattr(kept, name) == value and kept.origin == "a"
        assert weakref.ref(kept)() is kept
    assert base.origin is None  # the baseline building itself unchanged


def test_outdated_changes_are_the_records_whose_origin_has_another_digest() -> None:
    # Records in their order: b0's origin edited since (outdated), b1's not,
    # b2 gone from the scenario, b3 continuing a building the baseline lost,
    # n4 a new building (no origin): only b0 and b1 are fingerprinted.
    p = Project.new("p")
    for k in range(4):
        p.baseline.buildings[f"b{k}"] = shed(f"b{k}", 60.0 * k)
    plan = Scenario.of(
        "Plan",
        [
            replace(shed("b0"), origin="b0", roof="green"),
            replace(shed("b1", 60.0), origin="b1", ramp=True),
            replace(shed("b3", 180.0), origin="b3", roof="green"),
            shed("n4", 240.0),
        ],
    )
    p.scenarios.append(plan)
    plan.changed_from.update(
        {
            "b0": "digest of an older version",
            "b1": building_digest(shed("b1", 60.0)),
            "b2": "digest of a building the plan no longer holds",
            "b3": "digest of a building the baseline lost",
            "n4": "digest of nothing",
        }
    )
    del p.baseline.buildings["b3"]
    asked: list[list[str]] = []

    def fingerprints(buildings: list[Building]) -> list[str]:
        asked.append([b.id for b in buildings])
        return [building_digest(b) for b in buildings]

    assert outdated_changes(p, plan, fingerprints) == ("b0",)
    assert asked == [["b0", "b1"]]
    assert outdated_changes(p, p.baseline) == ()
    # Each building fingerprinted, one digest a building: a fingerprint
    # missing is an error, not a record passed over.
    with pytest.raises(ValueError):
        outdated_changes(p, plan, lambda buildings: [])
    # The origin ids given by a caller who has them (the evaluator) are the
    # records' buildings' in order: b0, b1, none (b2 gone), b3, none (n4 new).
    # Given wrong, the answer follows them: b1's record read as b0's.
    asked.clear()
    given = ["b0", "b1", None, "b3", None]
    assert outdated_changes(p, plan, fingerprints, given) == ("b0",)
    assert asked == [["b0", "b1"]]
    assert outdated_changes(p, plan, fingerprints, ["b0", "b0", None, "b3", None]) == (
        "b0",
        "b1",
    )
    # One id a record, or an error.
    with pytest.raises(ValueError):
        outdated_changes(p, plan, fingerprints, given[:4])
