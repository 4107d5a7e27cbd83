"""Findings name buildings by the name the user gave, with the id, in both languages.

On the engine site (conftest.py): baseline ``C`` is the warehouse named "Shed",
box(80, 30, 90, 40). A new building of three 4.0 m office storeys is 12.0 m high,
above a maximum height set to 10 m (C03). Expected texts are written out by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import box

from mixplan.cli import main
from mixplan.engine import evaluate
from mixplan.engine.evaluator import Evaluator
from mixplan.engine.reference import reference_evaluate
from mixplan.model import Building, Level, Project
from mixplan.model.commands import (
    AddBuilding,
    AddScenario,
    RemoveBuilding,
    SetBuildingAttributes,
    SetRulebookValue,
)
from mixplan.store import save_project

NNBSP = "\u202f"


def _tower(bid: str, name: str, x0: float, y0: float) -> Building:
    return Building(
        bid, name, box(x0, y0, x0 + 6, y0 + 6), (Level.of(4.0, "office"),) * 3
    )


def _plan_with_towers(project: Project) -> Project:
    AddScenario("Plan").apply(project)
    SetRulebookValue("C03", "max_height_m", 10.0).apply(project)
    AddBuilding("Plan", _tower("N", "Halle Nord", 40, 25)).apply(project)
    AddBuilding("Plan", _tower("M", "", 32, 32)).apply(project)
    AddBuilding("Plan", _tower("P", "P", 72, 2)).apply(project)
    return project


def _c03(project: Project) -> dict[str, tuple[str, str]]:
    found = [f for f in evaluate(project, "Plan").findings if f.rule == "C03"]
    oracle = reference_evaluate(project, "Plan").findings
    assert found == [f for f in oracle if f.rule == "C03"]
    return {f.targets[0]: (f.message, f.message_fr) for f in found}


def test_a_named_building_reads_its_name_an_unnamed_one_its_id(site_project) -> None:
    c03 = _c03(_plan_with_towers(site_project))
    assert c03["N"] == (
        "Building “Halle Nord” (N) is 12.0 m high, above the maximum 10 m",
        f"Le bâtiment «{NNBSP}Halle Nord{NNBSP}» (N) mesure 12,0 m, au-dessus du "
        "maximum de 10 m",
    )
    assert c03["M"] == (
        "Building M is 12.0 m high, above the maximum 10 m",
        "Le bâtiment M mesure 12,0 m, au-dessus du maximum de 10 m",
    )
    # a name that is the id itself: the id once
    assert c03["P"][0] == "Building P is 12.0 m high, above the maximum 10 m"


def test_a_rename_rewords_the_findings_even_with_facts_shared(site_project) -> None:
    """C kept as existing shares the baseline's facts; its new name still shows."""
    AddScenario("Plan").apply(site_project)
    # N1 overlaps C by 1 m × 2 m = 2 m² (C22)
    AddBuilding(
        "Plan", Building("N1", "", box(89, 38, 95, 45), (Level.of(4.0, "office"),))
    ).apply(site_project)
    evaluator = Evaluator(site_project)

    def c22() -> tuple[str, str]:
        (f,) = [f for f in evaluator.evaluate("Plan").findings if f.rule == "C22"]
        assert f.targets == ("C", "N1")
        return f.message, f.message_fr

    assert c22() == (
        "Buildings “Shed” (C) and N1 overlap by 2.0 m² (their floor area would "
        "count twice)",
        f"Les bâtiments «{NNBSP}Shed{NNBSP}» (C) et N1 se chevauchent sur 2,0 m² "
        "(surface comptée deux fois)",
    )
    # no invalidate(): the evaluator's own checks must see the new name
    SetBuildingAttributes("Plan", "C", name="Hangar 7").apply(site_project)
    assert c22()[0].startswith("Buildings “Hangar 7” (C) and N1 overlap")
    SetBuildingAttributes("Plan", "N1", name="Atelier").apply(site_project)
    assert c22()[1].startswith(
        f"Les bâtiments «{NNBSP}Hangar 7{NNBSP}» (C) et «{NNBSP}Atelier{NNBSP}» (N1)"
    )


def test_a_demolished_building_is_named_as_the_existing_state_named_it(
    site_project,
) -> None:
    AddScenario("Plan").apply(site_project)
    RemoveBuilding("Plan", "C").apply(site_project)
    flats = Building(
        "H", "Les Lilas", box(82, 30, 95, 40), (Level.of(3.0, "housing"),) * 3
    )
    AddBuilding("Plan", flats).apply(site_project)
    (f,) = [f for f in evaluate(site_project, "Plan").findings if f.rule == "C21"]
    assert f.targets == ("H", "C")
    assert f.message.startswith(
        "Building “Les Lilas” (H) puts housing on the land of former ICPE "
        "building “Shed” (C) (class D, demolished; 80 m² of its footprint)"
    )
    assert f.message_fr.startswith(
        f"Le bâtiment «{NNBSP}Les Lilas{NNBSP}» (H) place du logement sur le "
        f"terrain de l'ancienne ICPE «{NNBSP}Shed{NNBSP}» (C) (régime D, démoli ; "
        "80 m² de son emprise)"
    )


def test_check_prints_names_and_keeps_ids_as_targets(
    site_project, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "towers.mixplan.gpkg"
    save_project(_plan_with_towers(site_project), path)
    assert main(["check", str(path), "--scenario", "Plan"]) == 1
    text = capsys.readouterr().out
    assert "C03  Building “Halle Nord” (N) is 12.0 m high, above the maximum 10 m" in (
        text
    )
    assert main(["check", str(path), "--scenario", "Plan", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    (c03,) = [
        f
        for f in doc["scenarios"][0]["findings"]
        if f["rule"] == "C03" and "Halle" in f["message"]
    ]
    assert c03["targets"] == ["N"]
