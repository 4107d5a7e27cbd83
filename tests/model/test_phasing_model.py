"""Phases, firms and their edit commands (DESIGN §16)."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, ModelError, Project
from mixplan.model.commands import AddScenario, RemoveBuilding
from mixplan.model.phasing import Hosting, Occupant, Phase, phasing_problems
from mixplan.model.phasing_commands import (
    ApplyPhasing,
    BuildingPhases,
    SetBuildingPhases,
    SetDemolition,
    SetHosts,
    SetOccupants,
    SetPhases,
)


def shed(ident: str, footprint, **extra) -> Building:
    return Building(ident, ident, footprint, (Level.of(6.0, "craft"),), **extra)


@pytest.fixture
def project() -> Project:
    p = Project.new("p")
    p.baseline.buildings["A"] = shed(
        "A", box(0, 0, 20, 20), occupants=(Occupant("Martin", 300, 5),)
    )
    p.baseline.buildings["B"] = shed(
        "B", box(50, 0, 70, 20), occupants=(Occupant("Dupont", 200),)
    )
    AddScenario("S").apply(p)
    SetPhases([Phase("Un"), Phase("Deux"), Phase("Trois")]).apply(p)
    p.scenario("S").buildings["N"] = shed("N", box(100, 0, 120, 20))
    return p


def test_values_refuse_bad_input() -> None:
    with pytest.raises(ModelError, match="phase number from 1"):
        Hosting("Martin", 0)
    with pytest.raises(ModelError, match="firm needs a name"):
        Occupant(" ", 10)
    with pytest.raises(ModelError, match="m2 must be a number"):
        Occupant("Martin", -1)
    with pytest.raises(ModelError, match="ends .* before it starts"):
        Phase("P", "2027-06-01", "2027-01-01")
    with pytest.raises(ModelError, match="date YYYY-MM-DD"):
        Phase("P", "juin 2027")
    with pytest.raises(ModelError, match="building X: delivered_in must be"):
        shed("X", box(0, 0, 1, 1), delivered_in=0)
    with pytest.raises(ModelError, match="'Martin' is hosted twice in phase 2"):
        shed("X", box(0, 0, 1, 1), hosts=(Hosting("Martin", 2), Hosting("Martin", 2)))


def test_phase_beyond_the_projects_is_refused_and_nothing_changes(project) -> None:
    before = project.scenario("S").buildings["N"]
    with pytest.raises(ModelError, match="building N: delivered_in 4 is beyond"):
        SetBuildingPhases("S", "N", delivered_in=4).apply(project)
    assert project.scenario("S").buildings["N"] is before


def test_delivered_before_its_origin_is_demolished_on_the_same_footprint(
    project,
) -> None:
    s = project.scenario("S")
    s.buildings["A"] = shed("A", box(0, 0, 20, 20), origin="A")
    SetBuildingPhases("S", "A", demolished_in=2).apply(project)
    with pytest.raises(
        ModelError,
        match="building A is delivered in phase 1, before its origin A is demolished",
    ):
        SetBuildingPhases("S", "A", delivered_in=1).apply(project)
    SetBuildingPhases("S", "A", delivered_in=2).apply(project)  # same phase: fine


def test_a_new_building_on_a_removed_ones_footprint(project) -> None:
    RemoveBuilding("S", "A").apply(project)
    SetDemolition("S", "A", 2).apply(project)
    project.scenario("S").buildings["H"] = shed("H", box(5, 5, 15, 15))
    with pytest.raises(
        ModelError,
        match="building H is delivered in phase 1, before building A on its footprint",
    ):
        SetBuildingPhases("S", "H", delivered_in=1).apply(project)


def test_a_firm_hosted_twice_in_one_phase(project) -> None:
    s = project.scenario("S")
    SetHosts("S", "N", [Hosting("Martin", 2)]).apply(project)
    with pytest.raises(
        ModelError,
        match="firm 'Martin' is hosted twice in phase 2 "
        r"\(buildings B and N\)",
    ):
        SetHosts("S", "B", [Hosting("Martin", 2)]).apply(project)
    assert s.buildings["B"].hosts == ()
    SetHosts("S", "B", [Hosting("Martin", 3)]).apply(project)  # a later move: fine


def test_hosts_must_name_an_occupant(project) -> None:
    with pytest.raises(
        ModelError, match="building N hosts 'Inconnu', who is no occupant"
    ):
        SetHosts("S", "N", [Hosting("Inconnu", 1)]).apply(project)


def test_removing_an_occupant_that_a_scenario_hosts_is_refused(project) -> None:
    SetHosts("S", "N", [Hosting("Martin", 2)]).apply(project)
    with pytest.raises(ModelError, match="'Martin', who is no occupant"):
        SetOccupants("A", []).apply(project)
    assert project.baseline.buildings["A"].occupants[0].name == "Martin"


def test_one_undo_step_each(project) -> None:
    s = project.scenario("S")
    commands = [
        SetBuildingPhases("S", "N", delivered_in=1),
        SetHosts("S", "N", [Hosting("Martin", 2)]),
        SetOccupants("B", [Occupant("Dupont", 250, 3)]),
        SetDemolition("S", "A", 2),
    ]
    RemoveBuilding("S", "A").apply(project)
    snapshots = []
    for command in commands:
        snapshots.append(
            (dict(s.buildings), dict(s.demolitions), dict(project.baseline.buildings))
        )
        command.apply(project)
    assert s.buildings["N"].delivered_in == 1 and s.demolitions == {"A": 2}
    for command, (buildings, demolitions, base) in zip(
        reversed(commands), reversed(snapshots), strict=True
    ):
        command.revert(project)
        assert s.buildings == buildings and s.demolitions == demolitions
        assert project.baseline.buildings == base
    for command in commands:  # redo
        command.apply(project)
    assert s.buildings["N"].hosts == (Hosting("Martin", 2),)


def test_fewer_phases_than_in_use_is_refused(project) -> None:
    SetBuildingPhases("S", "N", delivered_in=3).apply(project)
    with pytest.raises(ModelError, match="delivered_in 3 is beyond the project has 2"):
        SetPhases([Phase(), Phase()]).apply(project)
    assert len(project.phases) == 3
    command = SetPhases([Phase("A"), Phase("B"), Phase("C"), Phase("D")])
    command.apply(project)
    assert [p.name for p in project.phases] == ["A", "B", "C", "D"]
    command.revert(project)
    assert [p.name for p in project.phases] == ["Un", "Deux", "Trois"]


def test_apply_phasing_is_one_step(project) -> None:
    RemoveBuilding("S", "A").apply(project)
    s = project.scenario("S")
    before = (dict(s.buildings), dict(s.demolitions), list(project.phases))
    command = ApplyPhasing(
        "S",
        [Phase("1"), Phase("2")],
        {"N": BuildingPhases(delivered_in=1, hosts=(Hosting("Martin", 2),))},
        {"A": 2},
    )
    command.apply(project)
    assert s.buildings["N"].delivered_in == 1 and s.demolitions == {"A": 2}
    assert phasing_problems(project) == []
    command.revert(project)
    assert (dict(s.buildings), dict(s.demolitions), list(project.phases)) == before


def test_scenario_copy_keeps_demolitions(project) -> None:
    RemoveBuilding("S", "A").apply(project)
    SetDemolition("S", "A", 1).apply(project)
    AddScenario("T", source="S").apply(project)
    assert project.scenario("T").demolitions == {"A": 1}
    SetDemolition("T", "A", 3).apply(project)
    assert project.scenario("S").demolitions == {"A": 1}
