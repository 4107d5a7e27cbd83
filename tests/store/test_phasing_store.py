"""Phases and firms in the project file and the mixplan GeoJSON (DESIGN §6, §7, §16)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.commands import AddScenario, RemoveBuilding
from mixplan.model.phasing import Hosting, Occupant, Phase
from mixplan.model.phasing_commands import SetBuildingPhases, SetDemolition, SetHosts
from mixplan.model.project import Removal
from mixplan.store import open_project, save_project
from mixplan.store.geojson import read_geojson, scenario_to_geojson, write_geojson

FIXTURES = Path(__file__).parent / "fixtures"


def phased_project() -> Project:
    p = Project.new("phased")
    p.phases = [Phase("Hôtel", "2027-01-01", "2028-06-30"), Phase("Logements")]
    p.baseline.buildings["A"] = Building(
        "A",
        "Ateliers",
        box(0, 0, 20, 50),
        (Level.of(6.0, "craft"),),
        occupants=(Occupant("Menuiserie Martin", 400, 6), Occupant("Serrurerie", 300)),
    )
    p.baseline.buildings["B"] = Building(
        "B", "Halle", box(100, 0, 120, 50), (Level.of(6.0, "craft"),)
    )
    AddScenario("Tiroir").apply(p)
    RemoveBuilding("Tiroir", "A").apply(p)
    s = p.scenario("Tiroir")
    s.buildings["N"] = Building(
        "N",
        "Hôtel d'activités",
        box(200, 0, 230, 50),
        (Level.of(6.0, "craft"),),
        delivered_in=1,
        hosts=(Hosting("Menuiserie Martin", 2), Hosting("Serrurerie", 2)),
    )
    s.removed["A"] = Removal("A", 2)
    return p


def test_project_file_round_trip(tmp_path: Path) -> None:
    p = phased_project()
    path = tmp_path / "p.mixplan.gpkg"
    save_project(p, path)
    assert open_project(path) == p
    db = sqlite3.connect(path)
    assert db.execute("SELECT phase, name, start_date FROM phases").fetchall() == [
        (1, "Hôtel", "2027-01-01"),
        (2, "Logements", None),
    ]
    (hosts,) = db.execute(
        "SELECT hosts FROM buildings WHERE building_id = 'N'"
    ).fetchone()
    assert json.loads(hosts) == [
        {"name": "Menuiserie Martin", "from_phase": 2},
        {"name": "Serrurerie", "from_phase": 2},
    ]
    db.close()


def test_incremental_saves_of_phase_edits(tmp_path: Path) -> None:
    p = phased_project()
    path = tmp_path / "p.mixplan.gpkg"
    save_project(p, path)
    changes = [
        SetBuildingPhases("Tiroir", "N", delivered_in=2).apply(p),
        SetHosts("Tiroir", "N", [Hosting("Serrurerie", 2)]).apply(p),
    ]
    save_project(p, path, changes)
    assert open_project(path) == p
    changes = [SetDemolition("Tiroir", "A", 1).apply(p)]
    save_project(p, path, changes)
    assert open_project(path).scenario("Tiroir").demolitions == {"A": 1}


def test_version_1_file_opens_unphased() -> None:
    project = open_project(FIXTURES / "schema_v1.mixplan.gpkg")
    assert project.phases == []
    assert all(not s.demolitions for s in project.scenarios)


def test_geojson_round_trip_with_removal_records(tmp_path: Path) -> None:
    p = phased_project()
    doc = scenario_to_geojson(p, "Tiroir")
    assert doc["mixplan"]["phases"] == [
        {"phase": 1, "name": "Hôtel", "start": "2027-01-01", "end": "2028-06-30"},
        {"phase": 2, "name": "Logements"},
    ]
    by_id = {
        f["properties"]["id"]: f["properties"]
        for f in doc["features"]
        if f["properties"]["kind"] == "building"
    }
    assert by_id["A"] == {
        "kind": "building",
        "id": "A",
        "name": "Ateliers",
        "origin": "A",
        "removed": True,
        "demolished_in": 2,
    }
    assert by_id["N"]["delivered_in"] == 1
    assert by_id["N"]["hosts"][0] == {"name": "Menuiserie Martin", "from_phase": 2}
    base = scenario_to_geojson(p, "Existing")
    occupants = [
        f["properties"].get("occupants")
        for f in base["features"]
        if f["properties"]["kind"] == "building"
    ]
    assert occupants[0] == [
        {"name": "Menuiserie Martin", "m2": 400.0, "jobs": 6.0},
        {"name": "Serrurerie", "m2": 300.0},
    ]
    out = tmp_path / "tiroir.geojson"
    write_geojson(p, "Tiroir", out)
    content = read_geojson(out)
    assert content.phases == p.phases
    assert content.removed == ["A"] and content.demolitions == {"A": 2}
    assert [b.id for b in content.buildings] == ["B", "N"]
    assert content.buildings[1] == p.scenario("Tiroir").buildings["N"]


@pytest.mark.parametrize(
    ("properties", "message"),
    [
        ({"delivered_in": 0}, "delivered_in must be a phase number from 1"),
        ({"delivered_in": "2"}, "delivered_in must be a phase number"),
        ({"hosts": [{"name": "X"}]}, "hosts #1: has no from_phase"),
        ({"occupants": [{"name": "X", "m2": -5}]}, "occupants #1: firm X: m2"),
        ({"hosts": "X"}, "hosts must be a list"),
    ],
)
def test_geojson_refuses_bad_phase_data(tmp_path, properties, message) -> None:
    from mixplan.model.errors import MixplanError

    doc = scenario_to_geojson(phased_project(), "Tiroir")
    feature = next(f for f in doc["features"] if f["properties"].get("id") == "N")
    feature["properties"].update(properties)
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(MixplanError, match=message) as caught:
        read_geojson(path)
    assert "feature 'N'" in str(caught.value)
