"""``mixplan import … --update``: a corrected survey of the existing state comes
in as one step and reaches every scenario that keeps the buildings (DESIGN §8,
§14); a scenario that changed a building keeps its version and says so (U02)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from clitools import call_cli, digest
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddScenario, SetLevelHeight
from mixplan.store import open_project, save_project
from mixplan.store.geojson import scenario_to_geojson
from mixplan.store.import_command import ImportData


def _survey_project() -> Project:
    project = Project.new("Survey")
    project.site = Site(box(0, 0, 200, 100))
    for n in range(3):
        x = 10.0 + 50 * n
        project.baseline.buildings[f"B{n}"] = Building(
            f"B{n}", f"Hall {n}", box(x, 10, x + 30, 40),
            (Level.of(6.0, "craft", load_kn_m2=12, access="street"),),
        )  # fmt: skip
    AddScenario("Plan").apply(project)
    AddScenario("Raised").apply(project)
    SetLevelHeight("Raised", "B1", 0, 7.0).apply(project)
    return project


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "survey.mixplan.gpkg"
    save_project(_survey_project(), path)
    return path


def _corrected_survey(tmp_path: Path) -> Path:
    """B1 surveyed again (5.0 m, not 6.0 m) and a shed B9 that was missed."""
    corrected = _survey_project()
    base = corrected.baseline.buildings
    base["B1"] = Building(
        "B1", "Hall 1", box(60, 10, 90, 40),
        (Level.of(5.0, "craft", load_kn_m2=12, access="street"),),
    )  # fmt: skip
    base["B9"] = Building(
        "B9", "Shed", box(170, 60, 190, 80), (Level.of(4, "warehouse"),)
    )
    del base["B0"], base["B2"]
    corrected.scenarios = corrected.scenarios[:1]
    path = tmp_path / "survey.geojson"
    path.write_text(json.dumps(scenario_to_geojson(corrected, "Existing")))
    return path


def test_a_corrected_survey_reaches_every_scenario_that_keeps_the_building(
    project_file: Path, tmp_path: Path
) -> None:
    survey = _corrected_survey(tmp_path)
    result = call_cli("import", project_file, survey, "--update")
    assert result.code == 0, result.err
    assert "replaced" in result.out
    project = open_project(project_file)
    assert project.baseline.buildings["B1"].levels[0].height_m == 5.0
    assert "B9" in project.baseline.buildings and "B0" in project.baseline.buildings
    plan = project.scenario("Plan")
    assert plan.buildings["B1"].levels[0].height_m == 5.0
    assert {"B1", "B9"} <= plan.kept
    # Raised changed B1: it keeps its own version and says so.
    assert project.scenario("Raised").buildings["B1"].levels[0].height_m == 7.0
    out = tmp_path / "plan.geojson"
    assert call_cli("export", project_file, "--scenario", "Plan", "-o", out).code == 0
    heights = {
        f["properties"]["id"]: f["properties"]["levels"][0]["height_m"]
        for f in json.loads(out.read_text())["features"]
        if f["properties"]["kind"] == "building"
    }
    assert heights == {"B0": 6.0, "B1": 5.0, "B2": 6.0, "B9": 4.0}
    check = json.loads(call_cli("check", project_file, "--json").out)
    u02 = {
        s["name"]: [f["targets"] for f in s["findings"] if f["rule"] == "U02"]
        for s in check["scenarios"]
    }
    assert u02 == {"Existing": [], "Plan": [], "Raised": [["B1"]]}


def test_update_whose_ids_match_nothing_is_refused(
    project_file: Path, tmp_path: Path
) -> None:
    other = _survey_project()
    other.baseline.buildings = {
        "X1": Building("X1", "", box(0, 0, 5, 5), (Level.of(3, "office"),))
    }
    other.scenarios = other.scenarios[:1]
    source = tmp_path / "other.geojson"
    source.write_text(json.dumps(scenario_to_geojson(other, "Existing")))
    before = digest(project_file)
    result = call_cli("import", project_file, source, "--update")
    result.assert_one_line_error(source, "--update", "no building id")
    assert digest(project_file) == before


def test_from_naming_no_scenario_is_refused(project_file: Path, tmp_path: Path) -> None:
    survey = _corrected_survey(tmp_path)
    before = digest(project_file)
    result = call_cli(
        "import", project_file, survey, "--scenario", "New", "--from", "Nowhere"
    )
    result.assert_one_line_error("--from", "Nowhere")
    assert digest(project_file) == before


def test_an_update_is_one_undoable_step() -> None:
    project = _survey_project()
    before = copy.deepcopy(project)
    b1 = project.baseline.buildings["B1"]
    corrected = Building(
        "B1", b1.name, b1.footprint,
        (Level.of(5.0, "craft", load_kn_m2=12, access="street"),),
    )  # fmt: skip
    command = ImportData("Existing", [corrected], update=True)
    change = command.apply(project)
    assert change.reached == {"Plan"}  # Raised changed B1
    assert project.scenario("Plan").buildings["B1"].levels[0].height_m == 5.0
    command.revert(project)
    assert project == before


def test_a_corrected_ground_survey_reaches_the_scenarios_keeping_the_cover(
    tmp_path: Path,
) -> None:
    """Open soil box(0, 50, 200, 100) = 10,000 m² surveyed again as box(0, 60,
    200, 100) = 8,000 m²: Plan, which keeps it, loses exactly 2,000 m² of open
    soil; Paved, which sealed it, keeps its version and says so (U02)."""
    from mixplan.model import GroundCover
    from mixplan.model.commands import AddCover, SetCover

    project = _survey_project()
    soil = GroundCover("G1", "open_soil", box(0, 50, 200, 100))
    AddCover("Existing", soil).apply(project)  # kept by Plan and Raised
    AddScenario("Paved").apply(project)
    SetCover("Paved", "G1", cover="sealed").apply(project)
    path = tmp_path / "ground.mixplan.gpkg"
    save_project(project, path)
    corrected = Project.new("Ground survey")
    corrected.baseline.cover["G1"] = GroundCover(
        "G1", "open_soil", box(0, 60, 200, 100)
    )
    survey = tmp_path / "ground.geojson"
    survey.write_text(json.dumps(scenario_to_geojson(corrected, "Existing")))
    before = json.loads(call_cli("check", path, "--json").out)
    result = call_cli("import", path, survey, "--update")
    assert result.code == 0, result.err
    assert "1 ground cover(s) of scenario 'Existing' replaced" in result.out
    after = json.loads(call_cli("check", path, "--json").out)

    def open_soil(doc, name):  # type: ignore[no-untyped-def]
        (s,) = [s for s in doc["scenarios"] if s["name"] == name]
        return s["indicators"]["open_soil_m2"]

    assert open_soil(before, "Plan") == pytest.approx(10_000.0)
    assert open_soil(after, "Plan") == pytest.approx(8_000.0)
    assert open_soil(after, "Existing") == pytest.approx(8_000.0)
    assert open_soil(after, "Paved") == open_soil(before, "Paved") == 0.0
    (paved,) = [s for s in after["scenarios"] if s["name"] == "Paved"]
    assert any(
        f["rule"] == "U02" and "Ground cover G1" in f["message"]
        for f in paved["findings"]
    )
    # An --update of covers whose ids match nothing: one line, exit 2, untouched.
    other = Project.new("Other")
    other.baseline.cover["Z9"] = GroundCover("Z9", "lawn", box(0, 0, 5, 5))
    stray = tmp_path / "stray.geojson"
    stray.write_text(json.dumps(scenario_to_geojson(other, "Existing")))
    untouched = digest(path)
    refused = call_cli("import", path, stray, "--update")
    assert refused.code == 2
    assert "no ground cover id of the source" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert digest(path) == untouched
