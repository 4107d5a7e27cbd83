"""Phasing refusals name buildings as every message does: “name” (id), in
English and in French (the expectations written by hand)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, ModelError, Project
from mixplan.model.commands import AddScenario
from mixplan.model.phasing import (
    Hosting,
    Occupant,
    Phase,
    phasing_problems,
    phasing_problems_worded,
)
from mixplan.model.phasing_commands import SetBuildingPhases, SetHosts, SetPhases

NNBSP = "\u202f"


def shed(ident: str, name: str, footprint, **extra) -> Building:
    return Building(ident, name, footprint, (Level.of(6.0, "craft"),), **extra)


@pytest.fixture
def project() -> Project:
    p = Project.new("p")
    p.baseline.buildings["A"] = shed(
        "A", "Halle Nord", box(0, 0, 20, 20), occupants=(Occupant("Martin", 300),)
    )
    p.baseline.buildings["B"] = shed("B", "Atelier Sud", box(50, 0, 70, 20))
    AddScenario("S").apply(p)
    SetPhases([Phase("Un"), Phase("Deux"), Phase("Trois")]).apply(p)
    s = p.scenario("S")
    s.buildings["A"] = shed("A", "Halle Nord", box(0, 0, 20, 20), origin="A")
    s.buildings["N"] = shed("N", "Logements Est", box(100, 0, 120, 20))
    return p


def refusal(project: Project, command) -> tuple[str, str]:
    with pytest.raises(ModelError) as refused:
        command.apply(project)
    return refused.value.text("en"), refused.value.text("fr")


def test_a_phase_beyond_the_projects_names_the_building(project: Project) -> None:
    assert refusal(project, SetBuildingPhases("S", "N", delivered_in=4)) == (
        "scenario 'S': building “Logements Est” (N): delivered_in 4 is beyond the "
        "project has 3 phases",
        f"Scénario «{NNBSP}S{NNBSP}» : bâtiment «{NNBSP}Logements Est{NNBSP}» (N) : "
        "delivered_in 4 est au-delà des phases (le projet a 3 phases)",
    )
    assert project.scenario("S").buildings["N"].delivered_in is None


def test_delivered_before_its_origin_is_demolished_names_both(project: Project) -> None:
    SetBuildingPhases("S", "A", demolished_in=2).apply(project)
    assert refusal(project, SetBuildingPhases("S", "A", delivered_in=1)) == (
        "scenario 'S': building “Halle Nord” (A) is delivered in phase 1, before its "
        "origin “Halle Nord” (A) is demolished (phase 2) on the same footprint",
        f"Scénario «{NNBSP}S{NNBSP}» : le bâtiment «{NNBSP}Halle Nord{NNBSP}» (A) est "
        f"livré en phase 1, avant la démolition de son origine «{NNBSP}Halle Nord"
        f"{NNBSP}» (A) (phase 2) sur la même emprise",
    )


def test_a_firm_hosted_twice_names_both_buildings(project: Project) -> None:
    SetHosts("S", "N", [Hosting("Martin", 2)]).apply(project)
    project.scenario("S").buildings["B"] = shed(
        "B", "Atelier Sud", box(50, 0, 70, 20), origin="B"
    )
    # in the scenario's order: B (kept from the baseline) comes before N
    assert refusal(project, SetHosts("S", "B", [Hosting("Martin", 2)])) == (
        "scenario 'S': firm 'Martin' is hosted twice in phase 2 (buildings "
        "“Atelier Sud” (B) and “Logements Est” (N))",
        f"Scénario «{NNBSP}S{NNBSP}» : l'entreprise «{NNBSP}Martin{NNBSP}» est "
        f"accueillie deux fois en phase 2 (bâtiments «{NNBSP}Atelier Sud{NNBSP}» "
        f"(B) et «{NNBSP}Logements Est{NNBSP}» (N))",
    )


def test_a_building_named_by_its_id_is_its_id_alone(project: Project) -> None:
    s = project.scenario("S")
    s.buildings["N"] = replace(s.buildings["N"], name="N")
    with pytest.raises(ModelError, match=r"^scenario 'S': building N: delivered_in"):
        SetBuildingPhases("S", "N", delivered_in=4).apply(project)


def test_problems_of_a_file_made_elsewhere_in_both_languages(project: Project) -> None:
    # phase data a command would refuse, as an imported file might hold it
    s = project.scenario("S")
    s.buildings["N"] = replace(s.buildings["N"], demolished_in=2, hosts=(
        Hosting("Inconnu", 1),))  # fmt: skip
    project.baseline.buildings["B"] = replace(
        project.baseline.buildings["B"], occupants=(Occupant("Martin", 10),)
    )
    worded = phasing_problems_worded(project)
    assert [english for english, _ in worded] == phasing_problems(project)
    assert worded == [
        (
            "firm 'Martin' is an occupant of two buildings (“Halle Nord” (A) and "
            "“Atelier Sud” (B))",
            f"L'entreprise «{NNBSP}Martin{NNBSP}» occupe deux bâtiments "
            f"(«{NNBSP}Halle Nord{NNBSP}» (A) et «{NNBSP}Atelier Sud{NNBSP}» (B))",
        ),
        (
            "scenario 'S': building “Logements Est” (N) is new: it has no origin to "
            "demolish (demolished_in)",
            f"Scénario «{NNBSP}S{NNBSP}» : le bâtiment «{NNBSP}Logements Est{NNBSP}» "
            "(N) est neuf : il n'a pas d'origine à démolir (demolished_in)",
        ),
        (
            "scenario 'S': building “Logements Est” (N) hosts 'Inconnu', who is no "
            "occupant of the existing buildings",
            f"Scénario «{NNBSP}S{NNBSP}» : le bâtiment «{NNBSP}Logements Est{NNBSP}» "
            f"(N) accueille «{NNBSP}Inconnu{NNBSP}», qui n'occupe aucun bâtiment "
            "existant",
        ),
    ]


def test_the_engine_reports_them_in_both_languages(project: Project) -> None:
    from mixplan.engine import evaluate

    s = project.scenario("S")
    s.buildings["N"] = replace(s.buildings["N"], demolished_in=2)
    (c12,) = [
        f
        for f in evaluate(project, "S").findings
        if f.rule == "C12" and "no origin" in f.message
    ]
    assert c12.message_fr == (
        f"Scénario «{NNBSP}S{NNBSP}» : le bâtiment «{NNBSP}Logements Est{NNBSP}» "
        "(N) est neuf : il n'a pas d'origine à démolir (demolished_in)"
    )
