"""Version-1 files (every scenario a full copy) migrate to version 2 on open.

``fixtures/schema_v1_copies.mixplan.gpkg`` was written by mixplan's version-1
code (before scenarios became changes over the baseline): the baseline of
:func:`store_projects.rich_project`, a scenario "Copie" made by copying the
baseline, and "Modifié" (a copy in which B1 is renamed, B2's level 1 set to
3.3 m, B3 demolished and N1 built). ``schema_v1_copies.exports.json`` holds the
GeoJSON export of each scenario written by that same code: the oracle that
migration changes nothing a scenario shows.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mixplan.model.commands import SetCover, SetLevelHeight
from mixplan.store import open_project, read_schema_version, save_project
from mixplan.store.geojson import scenario_to_geojson

FIXTURES = Path(__file__).parent / "fixtures"
V1 = FIXTURES / "schema_v1_copies.mixplan.gpkg"


def _standing(doc: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON export without its removal records (version 1 had none)."""
    return {
        **doc,
        "features": [f for f in doc["features"] if not f["properties"].get("removed")],
    }


@pytest.fixture
def v1_exports() -> dict[str, Any]:
    return json.loads((FIXTURES / "schema_v1_copies.exports.json").read_text())


def test_v1_copies_open_with_every_scenario_export_unchanged(
    v1_exports: dict[str, Any],
) -> None:
    before = V1.read_bytes()
    assert read_schema_version(V1) == 1
    project = open_project(V1)
    assert V1.read_bytes() == before  # opening never rewrites the file
    assert [s.name for s in project.scenarios] == ["Existing", "Copie", "Modifié"]
    for scenario in project.scenarios:
        exported = json.loads(json.dumps(scenario_to_geojson(project, scenario.name)))
        assert _standing(exported) == v1_exports[scenario.name], scenario.name


def test_v1_copies_migrate_to_kept_changed_and_removed() -> None:
    project = open_project(V1)
    copie, modifie = project.scenario("Copie"), project.scenario("Modifié")
    assert copie.kept == {"B1", "B2", "B3"} and not copie.removed
    # B1 was renamed: a change (the name is part of a building).
    assert modifie.kept == set()
    assert set(modifie.changed_from) == {"B1", "B2"}
    assert list(modifie.removed) == ["B3"]
    doc = scenario_to_geojson(project, "Modifié")
    removed = [
        f["properties"] for f in doc["features"] if f["properties"].get("removed")
    ]
    assert removed == [
        {
            "kind": "building",
            "id": "B3",
            "name": "Pavillon",
            "origin": "B3",
            "removed": True,
        }
    ]


def test_migrated_project_saved_in_v2_reads_back_the_same(
    tmp_path: Path, v1_exports: dict[str, Any]
) -> None:
    project = open_project(V1)
    path = tmp_path / "v2.mixplan.gpkg"
    save_project(project, path)
    assert read_schema_version(path) == 2
    again = open_project(path)
    assert again == project
    for scenario in again.scenarios:
        exported = json.loads(json.dumps(scenario_to_geojson(again, scenario.name)))
        assert _standing(exported) == v1_exports[scenario.name]


def test_a_baseline_correction_after_migration_reaches_the_copies(
    tmp_path: Path,
) -> None:
    project = open_project(V1)
    change = SetLevelHeight("Existing", "B2", 1, 3.6).apply(project)
    assert change.reached == {"Copie"}  # Modifié changed B2: it keeps its own
    assert project.scenario("Copie").buildings["B2"].levels[1].height_m == 3.6
    assert project.scenario("Modifié").buildings["B2"].levels[1].height_m == 3.3
    path = tmp_path / "edited.mixplan.gpkg"
    save_project(project, path)
    again = open_project(path)
    assert again.scenario("Copie").buildings["B2"].levels[1].height_m == 3.6
    assert again == project


def _v1_with_cover_changes(tmp_path: Path) -> Path:
    """The version-1 fixture in which "Modifié" turns C2 to lawn and loses C3.

    Edited with SQL in the version-1 tables (the file stays version 1), as the
    version-1 code stored a scenario's cover: whole copies.
    """
    path = tmp_path / "v1_covers.mixplan.gpkg"
    path.write_bytes(V1.read_bytes())
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE ground_cover SET cover = 'lawn' "
            "WHERE scenario = 'Modifié' AND cover_id = 'C2'"
        )
        db.execute(
            "DELETE FROM ground_cover WHERE scenario = 'Modifié' AND cover_id = 'C3'"
        )
    db.close()
    return path


def test_v1_covers_migrate_to_kept_changed_and_removed(
    tmp_path: Path, v1_exports: dict[str, Any]
) -> None:
    path = _v1_with_cover_changes(tmp_path)
    before = path.read_bytes()
    assert read_schema_version(path) == 1
    project = open_project(path)
    assert path.read_bytes() == before
    copie, modifie = project.scenario("Copie"), project.scenario("Modifié")
    assert copie.cover_kept == {"C1", "C2", "C3"} and not copie.cover_removed
    assert all(copie.cover[c] is project.baseline.cover[c] for c in copie.cover)
    assert modifie.cover_kept == {"C1"}
    assert set(modifie.cover_changed_from) == {"C2"}
    assert modifie.cover_removed == {"C3"}
    # Every scenario's export is what the version-1 file showed.
    expected = dict(v1_exports)
    expected["Modifié"] = {
        **v1_exports["Modifié"],
        "features": [
            {**f, "properties": {**f["properties"], "cover": "lawn"}}
            if f["properties"].get("id") == "C2" and f["properties"]["kind"] == "cover"
            else f
            for f in v1_exports["Modifié"]["features"]
            if not (
                f["properties"]["kind"] == "cover" and f["properties"]["id"] == "C3"
            )
        ],
    }
    for scenario in project.scenarios:
        exported = json.loads(json.dumps(scenario_to_geojson(project, scenario.name)))
        assert _standing(exported) == expected[scenario.name], scenario.name
    # Saved as version 2 and read back: the same records.
    saved = tmp_path / "v2.mixplan.gpkg"
    save_project(project, saved)
    assert open_project(saved) == project


def test_a_baseline_cover_correction_after_migration_reaches_the_copies(
    tmp_path: Path,
) -> None:
    project = open_project(_v1_with_cover_changes(tmp_path))
    # C2 (open soil, two boxes) surveyed again: retyped to semi-open.
    change = SetCover("Existing", "C2", cover="semi_open").apply(project)
    assert change.reached == {"Copie"}  # Modifié changed C2 to lawn: it keeps it
    assert project.scenario("Copie").cover["C2"].cover == "semi_open"
    assert project.scenario("Modifié").cover["C2"].cover == "lawn"
    path = tmp_path / "edited.mixplan.gpkg"
    save_project(project, path)
    again = open_project(path)
    assert again.scenario("Copie").cover["C2"].cover == "semi_open"
    assert again == project
