"""Every edit command: apply then revert restores the project; redo replays it."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from mixplan.model import Building, GroundCover, Level, ModelError, Project, Scenario
from mixplan.model.commands import (
    AddBuilding,
    AddCover,
    AddLevel,
    AddScenario,
    Change,
    CompoundCommand,
    DeleteScenario,
    DuplicateLevel,
    MoveLevel,
    RemoveBuilding,
    RemoveCover,
    RemoveLevel,
    RenameScenario,
    ReplaceBuilding,
    ReplaceBuildings,
    SetBuildingAttributes,
    SetCover,
    SetFootprint,
    SetLevelAccess,
    SetLevelHeight,
    SetLevelLoad,
    SetLevelUses,
    SetRulebookValue,
    SetSiteBoundary,
)
from mixplan.model.project import Site


def make_project() -> Project:
    base = Scenario.of(
        "Existing",
        [
            Building(
                "a",
                "Halle A",
                box(0, 0, 40, 20),
                (Level.of(7.0, "warehouse", load_kn_m2=20, access="yard"),),
            ),
            Building(
                "b",
                "Ateliers B",
                box(60, 0, 80, 15),
                (Level.of(5.0, "craft"), Level.of(3.0, "office")),
            ),
        ],
        [
            GroundCover("c1", "sealed", box(0, 30, 50, 50)),
            GroundCover("c2", "open_soil", box(60, 30, 90, 50)),
        ],
    )
    p = Project("Demo", "EPSG:2154", Site(box(-10, -10, 100, 60), "ZAE"), [base])
    AddScenario("Socle").apply(p)
    return p


NEW = Building("n", "Neuf", box(0, 100, 10, 110), (Level.of(3, "housing"),))
#: Both baseline buildings with other levels (a preset given to both).
_TWO_REPLACED = (
    Building("a", "Halle A", box(0, 0, 40, 20), (Level.of(6.0, "craft"),)),
    Building("b", "Ateliers B", box(60, 0, 80, 15), (Level.of(4.0, "housing"),)),
)

COMMANDS = {
    "AddBuilding": lambda: AddBuilding("Socle", NEW),
    "RemoveBuilding": lambda: RemoveBuilding("Existing", "a"),
    "ReplaceBuilding": lambda: ReplaceBuilding(
        "Socle",
        Building(
            "a", "Halle A'", box(0, 0, 30, 20), (Level.of(6, "craft"),), origin="a"
        ),
    ),
    "SetFootprint": lambda: SetFootprint("Existing", "b", box(60, 0, 85, 15)),
    "SetBuildingAttributes": lambda: SetBuildingAttributes(
        "Socle", "b", name="B2", freight_lift_kg=3000, ramp=True, roof="green"
    ),
    "AddLevel": lambda: AddLevel("Existing", "b", Level.of(3, "housing")),
    "AddLevel-basement": lambda: AddLevel(
        "Existing", "a", Level.of(3, "parking"), 0, below_ground=True
    ),
    "RemoveLevel": lambda: RemoveLevel("Existing", "b", 1),
    "DuplicateLevel": lambda: DuplicateLevel("Socle", "b", 1),
    "MoveLevel": lambda: MoveLevel("Socle", "b", 0, 1),
    "SetLevelHeight": lambda: SetLevelHeight("Existing", "a", 0, 8.0),
    "SetLevelUses": lambda: SetLevelUses(
        "Existing", "b", 0, {"craft": 0.5, "retail": 0.5}, {"craft": "D"}
    ),
    "SetLevelLoad": lambda: SetLevelLoad("Existing", "b", 0, 12.5),
    "SetLevelAccess": lambda: SetLevelAccess("Existing", "b", 0, "street"),
    "AddCover": lambda: AddCover("Socle", GroundCover("c3", "yard", box(0, 60, 5, 65))),
    "RemoveCover": lambda: RemoveCover("Existing", "c1"),
    "SetCover": lambda: SetCover("Socle", "c1", cover="open_soil"),
    "SetSiteBoundary": lambda: SetSiteBoundary(box(-20, -20, 120, 80), "ZAE 2"),
    "AddScenario": lambda: AddScenario("Hôtel", "Socle"),
    "AddScenario-empty": lambda: AddScenario("Vide", empty=True),
    "RenameScenario": lambda: RenameScenario("Socle", "Socle productif"),
    "DeleteScenario": lambda: DeleteScenario("Socle"),
    "SetRulebookValue": lambda: SetRulebookValue("C02", "max_coverage", 0.5),
    "CompoundCommand": lambda: CompoundCommand(
        [AddBuilding("Socle", NEW), SetLevelHeight("Socle", "n", 0, 3.2)], "Import"
    ),
    "ReplaceBuildings": lambda: ReplaceBuildings("Existing", _TWO_REPLACED),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_apply_then_revert_restores_the_project(name):
    project = make_project()
    before = copy.deepcopy(project)
    command = COMMANDS[name]()
    change = command.apply(project)
    assert isinstance(change, Change)
    assert project != before, "the command changed nothing"
    after = copy.deepcopy(project)
    assert isinstance(command.revert(project), Change)
    assert project == before
    command.apply(project)  # redo replays the same edit
    assert project == after
    command.revert(project)
    assert project == before


def test_change_describes_what_moved():
    p = make_project()
    c = SetLevelHeight("Socle", "a", 0, 8.0).apply(p)
    assert (c.scenario, c.buildings) == ("Socle", frozenset({"a"}))
    assert SetSiteBoundary(box(0, 0, 5, 5)).apply(p).site
    assert RenameScenario("Socle", "S").apply(p).renamed == ("Socle", "S")


def test_copy_of_baseline_links_origin():
    p = make_project()
    assert {b.origin for b in p.scenario("Socle").buildings.values()} == {"a", "b"}
    assert {b.origin for b in p.baseline.buildings.values()} == {None}


@pytest.mark.parametrize(
    "command, message",
    [
        (
            lambda: AddBuilding(
                "Socle", Building("a", "x", box(0, 0, 1, 1), (Level.of(3, "craft"),))
            ),
            "already has a building 'a'",
        ),
        (
            lambda: AddBuilding(
                "Socle",
                Building(
                    "z", "x", box(0, 0, 1, 1), (Level.of(3, "craft"),), origin="q"
                ),
            ),
            "not a building of the baseline",
        ),
        (lambda: DeleteScenario("Existing"), "baseline scenario cannot be deleted"),
        (lambda: AddScenario("Socle"), "already exists"),
        (lambda: RenameScenario("Socle", " x"), "spaces"),
        (lambda: SetLevelHeight("Socle", "a", 3, 4.0), "no level at position 3"),
        (lambda: SetLevelHeight("Socle", "a", 0, -4.0), "positive"),
        (lambda: SetLevelUses("Socle", "a", 0, {"craft": 0.4}), "sum to 1"),
        (lambda: RemoveLevel("Socle", "a", 0), "at least one level"),
        (lambda: RemoveBuilding("Socle", "zz"), "no building 'zz'"),
        (lambda: SetRulebookValue("C02", "max_coverage", "big"), "number"),
        (
            lambda: CompoundCommand(
                [AddBuilding("Socle", NEW), AddBuilding("Socle", NEW)]
            ),
            "already has",
        ),
    ],
)
def test_refused_commands_leave_the_project_unchanged(command, message):
    project = make_project()
    before = copy.deepcopy(project)
    with pytest.raises(ModelError, match=message):
        command().apply(project)
    assert project == before


def test_footprint_validated_when_command_is_made():
    with pytest.raises(ModelError, match="not a valid polygon"):
        SetFootprint("Socle", "a", Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]))


# --- random sequences with undo and redo ---------------------------------------

_SCEN = st.sampled_from(["Existing", "Socle"])
_BID = st.sampled_from(["a", "b", "n"])
_POS = st.integers(0, 2)
_USES = st.sampled_from(
    [
        {"craft": 1.0},
        {"housing": 0.7, "retail": 0.3},
        {"warehouse": 0.5, "office": 0.25, "parking": 0.25},
    ]
)

_COMMAND = st.one_of(
    st.builds(AddBuilding, _SCEN, st.just(NEW)),
    st.builds(RemoveBuilding, _SCEN, _BID),
    st.builds(SetLevelHeight, _SCEN, _BID, _POS, st.floats(2.5, 9.0)),
    st.builds(SetLevelUses, _SCEN, _BID, _POS, _USES),
    st.builds(AddLevel, _SCEN, _BID, st.just(Level.of(3, "housing"))),
    st.builds(RemoveLevel, _SCEN, _BID, _POS),
    st.builds(DuplicateLevel, _SCEN, _BID, _POS),
    st.builds(MoveLevel, _SCEN, _BID, _POS, _POS),
    st.builds(SetLevelLoad, _SCEN, _BID, _POS, st.sampled_from([None, 5.0, 20.0])),
    st.builds(
        SetCover,
        _SCEN,
        st.sampled_from(["c1", "c2"]),
        st.sampled_from(["yard", "open_soil"]),
    ),
    st.builds(
        SetRulebookValue,
        st.just("C03"),
        st.just("max_height_m"),
        st.sampled_from([None, 18.0, 30.0]),
    ),
    st.builds(AddScenario, st.sampled_from(["S2", "S3"])),
    st.builds(RenameScenario, st.just("Socle"), st.just("Socle 2")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_COMMAND, st.sampled_from(["do", "undo", "redo"])), max_size=25)
)
def test_random_sequences_with_undo_redo_match_snapshots(steps):
    """A tiny undo stack over the model: every state equals its recorded snapshot."""
    project = make_project()
    history = [copy.deepcopy(project)]  # history[i] = state after i done commands
    done: list = []
    undone: list = []
    for command, action in steps:
        if action == "do":
            try:
                command.apply(project)
            except ModelError:
                assert project == history[len(done)]
                continue
            done.append(command)
            undone.clear()
            del history[len(done) :]
            history.append(copy.deepcopy(project))
        elif action == "undo" and done:
            cmd = done.pop()
            cmd.revert(project)
            undone.append(cmd)
        elif action == "redo" and undone:
            cmd = undone.pop()
            cmd.apply(project)
            done.append(cmd)
        assert project == history[len(done)]
    while done:
        done.pop().revert(project)
    assert project == history[0]


_CHANGES = st.builds(
    Change,
    st.sampled_from([None, "", "A", "B"]),
    st.frozensets(st.sampled_from("abcdef")),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.one_of(st.none(), st.tuples(st.sampled_from("xy"), st.sampled_from("zw"))),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.frozensets(st.sampled_from(["A", "B", "C"])),
    st.booleans(),
)


@given(st.lists(_CHANGES, max_size=6))
def test_merged_is_merge_folded_pair_by_pair(changes: list[Change]) -> None:
    folded = Change()
    for change in changes:
        folded = folded.merge(change)
    assert Change.merged(changes) == folded


def test_merged_two_scenarios_then_a_third_names_the_third_and_everything() -> None:
    # (as merge does: two scenarios give none and everything; the next one
    # names its own, everything stays)
    a, b, c = Change("A"), Change("B"), Change("C", frozenset({"7"}))
    assert Change.merged([a, b]) == Change(None, everything=True)
    assert Change.merged([a, b, c]) == Change("C", frozenset({"7"}), everything=True)


@pytest.mark.parametrize("scenario", ["Existing", "Socle"])
def test_replace_buildings_is_a_compound_of_replace_building(scenario):
    # In the baseline the edit reaches the scenario that keeps both buildings;
    # in the scenario it changes both from their existing versions.
    new = [
        b
        if scenario == "Existing"
        else Building(b.id, b.name, b.footprint, b.levels, origin=b.id)
        for b in _TWO_REPLACED
    ]
    one, other = make_project(), make_project()
    before = copy.deepcopy(one)
    bulk = ReplaceBuildings(scenario, new, label="Apply preset")
    compound = CompoundCommand([ReplaceBuilding(scenario, b) for b in new])
    assert bulk.apply(one) == compound.apply(other)
    assert one == other and one != before
    assert bulk.label == "Apply preset"
    assert bulk.revert(one) == compound.revert(other)
    assert one == other == before


def test_replace_buildings_of_an_unknown_id_changes_nothing():
    project = make_project()
    before = copy.deepcopy(project)
    ghost = Building("zz", "Ghost", box(0, 0, 1, 1), (Level.of(3, "housing"),))
    with pytest.raises(ModelError):
        ReplaceBuildings("Socle", [_TWO_REPLACED[0], ghost]).apply(project)
    assert project == before
