"""``mixplan demo``, ``new``, ``info`` and ``scenario`` through the real command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from clitools import call_cli, digest, run_cli

from mixplan.store.demo import build_demo

INFO_KEYS = ["project", "crs", "schema_version", "site_area_m2", "scenarios"]


def test_demo_writes_the_bundled_project_and_info_describes_it(demo_file: Path) -> None:
    expected = build_demo()
    result = run_cli("info", demo_file, "--json")
    assert result.code == 0 and result.err == ""
    doc = json.loads(result.out)  # one JSON document and nothing else
    assert list(doc) == INFO_KEYS
    assert doc["project"] == "Parc d'activités des Glaisières"
    assert doc["crs"] == "EPSG:2154"
    assert isinstance(doc["schema_version"], int) and doc["schema_version"] >= 1
    assert abs(doc["site_area_m2"] - expected.site_area_m2) < 0.01
    assert doc["scenarios"] == [
        {"name": "Existing", "baseline": True, "buildings": 30},
        {"name": "Socle productif", "baseline": False, "buildings": 33},
        {"name": "Hôtel d'activités", "baseline": False, "buildings": 30},
        {"name": "Résidentialisation", "baseline": False, "buildings": 27},
    ]
    assert [s["buildings"] for s in doc["scenarios"]] == [
        len(s.buildings) for s in expected.scenarios
    ]
    text = run_cli("info", demo_file)
    assert text.code == 0 and text.err == ""
    assert "Parc d'activités des Glaisières" in text.out
    assert "EPSG:2154" in text.out
    assert "scenario  Existing: 30 buildings  (baseline)" in text.out
    assert "scenario  Résidentialisation: 27 buildings\n" in text.out


def test_demo_file_is_a_geopackage_gis_can_read(demo_file: Path) -> None:
    import pyogrio

    layers = {name: kind for name, kind in pyogrio.list_layers(demo_file)}
    assert {"site", "buildings", "ground_cover"} <= set(layers)
    demo = build_demo()
    info = pyogrio.read_info(demo_file, layer="buildings")
    assert info["crs"] == "EPSG:2154"
    assert info["features"] == sum(len(s.buildings) for s in demo.scenarios)
    info = pyogrio.read_info(demo_file, layer="ground_cover")
    assert info["features"] == sum(len(s.cover) for s in demo.scenarios)


def test_demo_refuses_to_overwrite_unless_forced(
    demo_file: Path, tmp_path: Path
) -> None:
    before = digest(demo_file)
    result = run_cli("demo", demo_file)
    result.assert_one_line_error(demo_file, "already exists")
    assert digest(demo_file) == before
    other = tmp_path / "other.mixplan.gpkg"
    other.write_text("not a project", "utf-8")
    result = call_cli("demo", other, "--force")
    assert result.code == 0, result.err
    assert call_cli("info", other, "--json").code == 0


def test_new_project_with_crs_and_name(tmp_path: Path) -> None:
    path = tmp_path / "zae.mixplan.gpkg"
    result = run_cli("new", path, "--crs", "EPSG:2154", "--name", "ZAE des Tilleuls")
    assert result.code == 0, result.err
    assert path.is_file()
    doc = json.loads(call_cli("info", path, "--json").out)
    assert doc == {
        "project": "ZAE des Tilleuls",
        "crs": "EPSG:2154",
        "schema_version": doc["schema_version"],
        "site_area_m2": 0,
        "scenarios": [{"name": "Existing", "baseline": True, "buildings": 0}],
    }
    before = digest(path)
    result = run_cli("new", path, "--name", "Autre")
    result.assert_one_line_error(path, "already exists")
    assert digest(path) == before
    result = call_cli("new", path, "--name", "Autre", "--force")
    assert result.code == 0, result.err
    assert json.loads(call_cli("info", path, "--json").out)["project"] == "Autre"
    # Degrees are refused: a project CRS is projected and metric.
    geographic = tmp_path / "wgs84.mixplan.gpkg"
    result = run_cli("new", geographic, "--crs", "EPSG:4326")
    result.assert_one_line_error("EPSG:4326")
    assert not geographic.exists()
    # Without --name the project is named after the file.
    named = tmp_path / "quartier-gare.mixplan.gpkg"
    assert call_cli("new", named).code == 0
    assert json.loads(call_cli("info", named, "--json").out)["project"] == (
        "quartier-gare"
    )


def _scenarios(path: Path) -> list[tuple[str, int]]:
    doc = json.loads(call_cli("info", path, "--json").out)
    return [(s["name"], s["buildings"]) for s in doc["scenarios"]]


def test_scenario_add_list_rename_delete(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "work.mixplan.gpkg"
    shutil.copyfile(demo_file, path)
    assert call_cli("scenario", path, "add", "Variante A").code == 0
    result = run_cli("scenario", path, "add", "Variante B", "--from", "Socle productif")
    assert result.code == 0, result.err
    assert result.out == (
        "added scenario 'Variante B', a copy of 'Socle productif' (33 buildings)\n"
    )
    result = run_cli("scenario", path, "list")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0].startswith("Existing (baseline)")
    assert [line.split("\t")[0] for line in lines[1:]] == [
        "Socle productif",
        "Hôtel d'activités",
        "Résidentialisation",
        "Variante A",
        "Variante B",
    ]
    assert lines[4] == "Variante A\t30 buildings"  # a copy of the baseline
    assert lines[5] == "Variante B\t33 buildings"  # a copy of Socle productif
    result = run_cli("scenario", path, "rename", "Variante B", "Variante C")
    assert result.out == "renamed scenario 'Variante B' to 'Variante C'\n"
    result = run_cli("scenario", path, "delete", "Variante A")
    assert result.out == "deleted scenario 'Variante A'\n"
    assert _scenarios(path)[-1] == ("Variante C", 33)
    assert [n for n, _ in _scenarios(path)].count("Variante A") == 0

    before = digest(path)
    refused = {
        "baseline": (("delete", "Existing"), "baseline"),
        "duplicate": (("add", "Socle productif"), "Socle productif"),
    }
    for call, (args, words) in zip((run_cli, call_cli), refused.values(), strict=True):
        call("scenario", path, *args).assert_one_line_error(path, words)
        assert digest(path) == before
    in_process = [
        ("add", "Variante D", "--from", "Nulle part"),
        ("rename", "Variante C", "Existing"),
        ("rename", "Inconnue", "Variante E"),
        ("delete", "Inconnue"),
    ]
    for args in in_process:
        call_cli("scenario", path, *args).assert_one_line_error(path)
        assert digest(path) == before
    from mixplan.store import open_project

    project = open_project(path)
    copied = project.scenario("Variante C")
    assert copied.buildings == project.scenario("Socle productif").buildings


def test_scenario_counts_have_thousands_separators(tmp_path: Path) -> None:
    from mixplan.store import save_project
    from tests.report.test_report_cases import _grid_project

    path = tmp_path / "grid.mixplan.gpkg"
    save_project(_grid_project(1000), path)
    result = run_cli("scenario", path, "add", "Copy")
    assert result.out.endswith("(1,000 buildings)\n"), result.out
    listing = run_cli("scenario", path, "list").out.splitlines()
    assert listing[-1] == "Copy\t1,000 buildings"


def test_import_warns_about_implausible_storeys_in_one_line(tmp_path: Path) -> None:
    from shapely.geometry import box

    from mixplan.model import Building, Level, Project
    from mixplan.store import save_project
    from mixplan.store.geojson import write_geojson

    houses = Project.new("Houses")
    houses.baseline.buildings["h1"] = Building(
        "h1", "House", box(0, 0, 10, 8), (Level.of(2.05, "housing"),) * 2
    )
    source = tmp_path / "houses.geojson"
    write_geojson(houses, houses.baseline.name, source)
    path = tmp_path / "p.mixplan.gpkg"
    save_project(Project.new("P"), path)
    result = run_cli("import", path, source)
    assert result.code == 0, result.err
    warnings = [line for line in result.out.splitlines() if "warning" in line]
    assert warnings == [
        "  warning         1 building(s) with storeys under 2.2 m (lowest 2.05 m): "
        "check the height and storey fields"
    ]
