"""Suggest a phasing (DESIGN §16) on the hand-computed tiroir site.

Unphased, the "Tiroir" scenario removes A (920 m², firms Menuiserie 400 m² and
Serrurerie 300 m²), adds the hall N (1,380 m²) on free ground and housing H on A's
footprint. The fewest phases: 1 — deliver N (nothing can go before it: A's firms
have nowhere else); 2 — demolish A, its firms move into N, H follows on the freed
footprint (the end of phase 2 holds B + N = 2,300 ≥ 1,840 m²).
"""

from __future__ import annotations

from dataclasses import replace

from shapely.geometry import box
from test_phasing_engine import c12, craft, tiroir_project

from mixplan.engine.phasing import phasing
from mixplan.engine.phasing_suggest import suggest_phasing
from mixplan.model import Project
from mixplan.model.commands import AddScenario, RemoveBuilding
from mixplan.model.phasing import Hosting, Occupant


def unphased(project: Project, name: str = "U") -> Project:
    AddScenario(name, source="Tiroir").apply(project)
    s = project.scenario(name)
    for bid, b in list(s.buildings.items()):
        s.buildings[bid] = replace(b, delivered_in=None, demolished_in=None, hosts=())
    for bid, removal in list(s.removed.items()):
        s.removed[bid] = replace(removal, demolished_in=None)
    return project


def test_the_tiroir_sequence_is_found() -> None:
    p = unphased(tiroir_project())
    suggestion = suggest_phasing(p, "U")
    assert suggestion.feasible
    assert (suggestion.phase_count, suggestion.moves) == (2, 2)
    assert suggestion.explanation[1:] == [
        "Phase 1: deliver N (tiroir, 1,380 m²)",
        "Phase 2: demolish A (Menuiserie → N, Serrurerie → N); deliver H (housing)",
    ]
    assert suggestion.explanation[0].startswith("Greedy phasing in 2 phase(s)")
    assert suggestion.explanation_fr[1] == "Phase 1 : livrer N (tiroir, 1\u202f380 m²)"
    command = suggestion.command()
    command.apply(p)
    s = p.scenario("U")
    assert s.buildings["N"].delivered_in == 1 and s.demolitions == {"A": 2}
    assert s.buildings["N"].hosts == (
        Hosting("Menuiserie", 2),
        Hosting("Serrurerie", 2),
    )
    assert [f.severity for f in c12(p, "U")] == ["info"]
    figures = phasing(p, "U").phases
    assert [f.firms_without_premises for f in figures] == [(), (), ()]
    command.revert(p)  # one undo step
    assert s.demolitions == {} and s.buildings["N"].delivered_in is None


def test_the_explanation_names_buildings_by_their_names() -> None:
    # A (existing) and N (new) named by the user; H keeps its id as its name.
    p = tiroir_project()
    p.baseline.buildings["A"] = replace(p.baseline.buildings["A"], name="Atelier")
    tiroir = p.scenario("Tiroir")
    tiroir.buildings["N"] = replace(tiroir.buildings["N"], name="Halle Nord")
    suggestion = suggest_phasing(unphased(p), "U")
    nord, nord_fr = "“Halle Nord” (N)", "«\u202fHalle Nord\u202f» (N)"
    assert suggestion.explanation[1:] == [
        f"Phase 1: deliver {nord} (tiroir, 1,380 m²)",
        f"Phase 2: demolish “Atelier” (A) (Menuiserie → {nord}, Serrurerie → {nord});"
        " deliver H (housing)",
    ]
    assert suggestion.explanation_fr[1:] == [
        f"Phase 1 : livrer {nord_fr} (tiroir, 1\u202f380 m²)",
        "Phase 2 : démolir «\u202fAtelier\u202f» (A) "
        f"(Menuiserie → {nord_fr}, Serrurerie → {nord_fr}); livrer H (logement)",
    ]
    # The scenario it writes still refers to the buildings by id.
    suggestion.command().apply(p)
    assert p.scenario("U").demolitions == {"A": 2}


def test_no_room_for_the_firms_is_said() -> None:
    p = Project.new("p")
    p.baseline.buildings["A"] = craft(
        "A", box(0, 0, 20, 50), [Occupant("Menuiserie", 400)]
    )
    p.baseline.buildings["B"] = craft("B", box(100, 0, 140, 50))
    AddScenario("S").apply(p)
    RemoveBuilding("S", "A").apply(p)
    suggestion = suggest_phasing(p, "S")
    assert not suggestion.feasible
    assert suggestion.explanation[-1].startswith("No phasing keeps C12 true for: A")
