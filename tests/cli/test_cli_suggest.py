"""``mixplan suggest`` (DESIGN §8, §15): JSON shape, re-check, bad input."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from clitools import call_cli, digest, run_cli
from shapely.geometry import box

from mixplan.model import GroundCover
from mixplan.store import open_project, save_project
from tests.engine.conftest import make_site_project


@pytest.fixture
def lot_file(tmp_path: Path) -> Path:
    project = make_site_project()
    project.rulebook.set("C07", "min_cbs", 0.2)
    project.baseline.cover["lot"] = GroundCover("lot", "sealed", box(35, 22, 75, 38))
    path = tmp_path / "lot.mixplan.gpkg"
    save_project(project, path)
    return path


def test_suggest_json_then_check_passes(lot_file: Path):
    result = run_cli(
        "suggest", lot_file, "--from", "Existing", "--name", "Max", "--json"
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert {
        "scenario",
        "objective",
        "value",
        "status",
        "gap",
        "binding",
        "changes",
    } <= set(doc)
    assert doc["scenario"] == "Max" and doc["objective"] == "housing"
    assert doc["status"] == "optimal" and doc["gap"] == 0
    assert all({"rule", "targets", "message"} <= set(b) for b in doc["binding"])
    assert {c["target"] for c in doc["changes"]} >= {"A", "lot"}
    check = run_cli("check", lot_file, "--scenario", "Max", "--json")
    assert check.code == 0, check.out
    scenario = json.loads(check.out)["scenarios"][0]
    assert not [f for f in scenario["findings"] if f["severity"] == "error"]
    housing = scenario["indicators"]["sdp_by_family_m2"]["housing"]
    assert housing == pytest.approx(doc["value"], abs=1e-3)
    assert open_project(lot_file).scenario("Max").description.startswith("Suggested by")


def test_suggest_text_and_objectives(lot_file: Path):
    result = call_cli(
        "suggest",
        lot_file,
        "--from",
        "Existing",
        "--name",
        "Jobs",
        "--objective",
        "jobs",
    )
    assert result.code == 0, result.err
    assert "wrote scenario 'Jobs'" in result.out and "(optimal)" in result.out


@pytest.mark.parametrize(
    "args, names",
    [
        (("--from", "Nope", "--name", "X"), ["Nope"]),
        (("--from", "Existing", "--name", "Existing"), ["already exists"]),
        (("--from", "Existing", "--name", "X", "--objective", "floors"), ["floors"]),
        (("--from", "Existing", "--name", "X", "--allow", "teleport"), ["teleport"]),
        (("--from", "Existing", "--name", "X", "--time-limit", "0"), ["time-limit"]),
    ],
)
def test_bad_input_one_line_nothing_written(lot_file: Path, args, names):
    before = digest(lot_file)
    result = call_cli("suggest", lot_file, *args)
    result.assert_one_line_error(*names)
    assert digest(lot_file) == before


def test_infeasible_says_why_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "site.mixplan.gpkg"
    project = make_site_project()
    # A density target out of reach (an existing CBS shortfall may be kept:
    # DESIGN §9, so it no longer makes the site infeasible).
    project.rulebook.set("D01", "min_far_increase", 20.0)
    save_project(project, path)
    before = digest(path)
    result = call_cli("suggest", path, "--from", "Existing", "--name", "X")
    result.assert_one_line_error(path, "D01")
    assert digest(path) == before


def test_suggest_on_the_demo(demo_file: Path, tmp_path: Path):
    path = tmp_path / "demo.mixplan.gpkg"
    shutil.copy(demo_file, path)
    result = call_cli("suggest", path, "--from", "Existing", "--name", "Max", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["status"] == "optimal"
    assert call_cli("check", path, "--scenario", "Max").code == 0


def test_pareto_prints_and_writes_nothing(lot_file: Path):
    before = digest(lot_file)
    result = call_cli(
        "suggest", lot_file, "--from", "Existing", "--pareto", "open_soil", "--json"
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["versus"] == "open_soil" and len(doc["points"]) == 2
    assert doc["points"][0]["value"] > doc["points"][1]["value"]
    assert digest(lot_file) == before
    call_cli("suggest", lot_file, "--from", "Existing").assert_one_line_error("--name")
    call_cli(
        "suggest", lot_file, "--from", "Existing", "--pareto", "parking"
    ).assert_one_line_error("parking")
    assert digest(lot_file) == before


@pytest.fixture
def half_named_file(tmp_path: Path) -> Path:
    """The lot project with A left unnamed (its name is its id), B and C named."""
    project = make_site_project()
    project.rulebook.set("C07", "min_cbs", 0.2)
    project.baseline.cover["lot"] = GroundCover("lot", "sealed", box(35, 22, 75, 38))
    project.baseline.buildings["A"] = replace(project.baseline.buildings["A"], name="A")
    project.baseline.buildings["C"] = replace(
        project.baseline.buildings["C"], name="Halle Nord"
    )
    path = tmp_path / "named.mixplan.gpkg"
    save_project(project, path)
    return path


def test_suggest_text_names_buildings_in_english(half_named_file: Path):
    result = run_cli("suggest", half_named_file, "--from", "Existing", "--name", "M")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert (
        "  limited by C05: setback between “Offices” (B) and lot (6.0 m apart)" in lines
    )
    assert "  limited by C05: setback between A and lot (9.0 m apart)" in lines
    assert "  limited by suggest: storeys added on “Halle Nord” (C): at most 2" in lines
    assert "  limited by suggest: storeys added on A: at most 2" in lines
    assert "  A: add 2 storey(s) of housing" in lines
    assert "  “Halle Nord” (C): add 2 storey(s) of housing" in lines


def test_suggest_text_names_buildings_in_french(half_named_file: Path):
    result = run_cli(
        "suggest",
        half_named_file,
        "--from",
        "Existing",
        "--name",
        "M",
        locale="fr_FR.UTF-8",
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    nord = "«\u202fHalle Nord\u202f» (C)"
    assert (
        "  limité par C05 : prospect entre «\u202fOffices\u202f» (B) et lot (6.0 m)"
        in lines
    )
    assert "  limité par C05 : prospect entre A et lot (9.0 m)" in lines
    assert f"  limité par suggest : étages ajoutés sur {nord} : au plus 2" in lines
    assert "  limité par suggest : étages ajoutés sur A : au plus 2" in lines
    assert "  A : ajouter 2 étage(s) de logement" in lines
    assert f"  {nord} : ajouter 2 étage(s) de logement" in lines


def test_suggest_json_keeps_ids_in_targets_and_names_in_messages(
    half_named_file: Path,
):
    result = run_cli(
        "suggest", half_named_file, "--from", "Existing", "--name", "M", "--json"
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    change = {c["target"]: c["message"] for c in doc["changes"]}
    assert change["C"] == "“Halle Nord” (C): add 2 storey(s) of housing"
    assert change["A"] == "A: add 2 storey(s) of housing"
    setback = [b for b in doc["binding"] if b["targets"] == ["B", "lot"]]
    assert [b["message"] for b in setback] == [
        "setback between “Offices” (B) and lot (6.0 m apart)"
    ]
