"""Saving edits row by row, in place, gives the same file content as a full save."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from shapely.geometry import box
from store_projects import X0, Y0, lambert_box, rich_project

from mixplan.model import Building, GroundCover, Level, Project
from mixplan.model.commands import (
    AddBuilding,
    AddCover,
    AddLevel,
    AddScenario,
    Change,
    Command,
    CompoundCommand,
    DeleteScenario,
    RemoveBuilding,
    RemoveCover,
    RemoveLevel,
    RenameScenario,
    RestoreBuilding,
    SetCover,
    SetLevelHeight,
    SetLevelUses,
    SetRulebookValue,
    SetSiteBoundary,
    TakeExistingVersion,
)
from mixplan.store import open_project, save_project


@pytest.fixture
def opened(tmp_path: Path) -> tuple[Project, Path]:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    return open_project(path), path


def _save_in_place(project: Project, path: Path, changes: list[Change]) -> None:
    inode = path.stat().st_ino
    save_project(project, path, changes)
    assert path.stat().st_ino == inode, "expected an in-place incremental save"


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Project rows without fids and timestamps, for comparing two files."""
    queries = {
        "buildings": "SELECT scenario, building_id, name, origin, levels, basements, "
        "storeys, height_m, footprint_m2, gross_floor_area_m2, dominant_use, "
        "freight_lift_kg, ramp, loading_bays, parking_spaces, roof, shared, geom, "
        "kept, changed_from FROM buildings",
        "removals": "SELECT scenario, building_id FROM removals",
        "levels": "SELECT scenario, building_id, position, level_index, height_m, "
        "load_kn_m2, access, area_m2, polygon FROM levels",
        "allocations": "SELECT scenario, building_id, level_position, position, "
        "use_code, family, share, nuisance, area_m2 FROM allocations",
        "ground_cover": "SELECT scenario, cover_id, cover, area_m2, single_polygon, "
        "geom, kept, changed_from FROM ground_cover",
        "cover_removals": "SELECT scenario, cover_id FROM cover_removals",
        "scenarios": "SELECT name, position, baseline, description, buildings "
        "FROM scenarios",
        "site": "SELECT name, area_m2, single_polygon, geom FROM site",
        "rulebook": "SELECT section, name, value FROM mixplan_rulebook",
    }
    with sqlite3.connect(path) as db:
        return {
            k: sorted(db.execute(q).fetchall(), key=repr) for k, q in queries.items()
        }


def test_one_level_edit_is_saved_in_place(
    opened: tuple[Project, Path], tmp_path: Path
) -> None:
    project, path = opened
    change = SetLevelHeight("Existing", "B2", 1, 3.4).apply(project)
    _save_in_place(project, path, [change])
    assert open_project(path) == project
    full = tmp_path / "full.mixplan.gpkg"
    save_project(project, full)
    assert _rows(path) == _rows(full)


def test_a_session_of_edits_and_undos(
    opened: tuple[Project, Path], tmp_path: Path
) -> None:
    project, path = opened
    new = Building(
        "N9",
        "Atelier neuf",
        lambert_box(20, 120, 30, 20),
        (Level.of(5.0, "craft"), Level.of(3.0, "housing")),
        origin=None,
    )
    steps: list[Command] = [
        AddBuilding("Socle productif", new),
        RemoveBuilding("Existing", "B2"),  # in the middle of the scenario
        AddLevel("Existing", "B1", Level.of(3.0, "office")),
        RemoveLevel("Socle productif", "N1", 3),
        SetLevelUses(
            "Existing", "B1", 1, {"craft": 0.5, "wholesale": 0.5}, {"wholesale": "DC"}
        ),
        AddCover("Vide", GroundCover("V1", "open_soil", lambert_box(0, 0, 50, 50))),
        SetCover("Existing", "C2", cover="semi_open"),
        RemoveCover("Existing", "C3"),
        SetSiteBoundary(box(X0, Y0, X0 + 400, Y0 + 220), "ZA agrandie"),
        SetRulebookValue("C02", "max_coverage", 0.45),
        RenameScenario("Socle productif", "Socle"),
        AddScenario("Variante", source="Socle"),
        DeleteScenario("Vide"),
        CompoundCommand(
            [
                SetLevelHeight("Variante", "N9", 0, 5.5),
                SetLevelHeight("Variante", "N9", 1, 3.2),
            ]
        ),
    ]
    done: list[Command] = []
    for command in steps:
        _save_in_place(project, path, [command.apply(project)])
        done.append(command)
        assert open_project(path) == project, command.label
    # Undo everything, two at a time, saving after each pair.
    while done:
        changes = [done.pop().revert(project) for _ in range(min(2, len(done)))]
        _save_in_place(project, path, changes)
        assert open_project(path) == project
    assert project == rich_project()
    full = tmp_path / "full.mixplan.gpkg"
    save_project(project, full)
    assert _rows(path) == _rows(full)


def test_undo_of_a_removal_puts_the_building_back_in_order(
    opened: tuple[Project, Path],
) -> None:
    project, path = opened
    remove = RemoveBuilding("Existing", "B2")
    _save_in_place(project, path, [remove.apply(project)])
    _save_in_place(project, path, [remove.revert(project)])
    assert list(open_project(path).baseline.buildings) == ["B1", "B2", "B3"]
    # again and again: the order key halves its gap each time
    for _ in range(5):
        _save_in_place(project, path, [remove.apply(project)])
        _save_in_place(project, path, [remove.revert(project)])
    assert list(open_project(path).baseline.buildings) == ["B1", "B2", "B3"]


def test_random_edit_sessions_match_a_full_save(
    opened: tuple[Project, Path], tmp_path: Path
) -> None:
    project, path = opened
    rng = random.Random(20260526)
    reached_any: list[bool] = []
    history: list[Command] = [AddScenario("Copie")]
    _save_in_place(project, path, [history[0].apply(project)])
    for step in range(80):
        scenario = rng.choice([s.name for s in project.scenarios])
        state = project.scenario(scenario)
        buildings = list(state.buildings)
        roll = rng.random()
        if history and roll < 0.2:
            changes = [history.pop().revert(project)]
        else:
            if state.removed and roll < 0.3:
                command: Command = RestoreBuilding(
                    scenario, rng.choice(list(state.removed))
                )
            elif state.changed_from and roll < 0.35:
                command = TakeExistingVersion(
                    scenario, rng.choice(sorted(state.changed_from))
                )
            elif roll < 0.45 or not buildings:
                x, y = rng.uniform(0, 250), rng.uniform(0, 150)
                command = AddBuilding(
                    scenario,
                    Building(
                        f"R{step}",
                        f"Bâtiment {step}",
                        lambert_box(x, y, 12, 9),
                        (Level.of(rng.choice([3.0, 4.5, 6.0]), "craft"),),
                    ),
                )
            elif roll < 0.6:
                command = RemoveBuilding(scenario, rng.choice(buildings))
            elif roll < 0.8:
                command = SetLevelHeight(
                    scenario, rng.choice(buildings), 0, rng.choice([2.8, 3.0, 5.0])
                )
            else:
                command = AddLevel(
                    scenario,
                    rng.choice(buildings),
                    Level.of(3.0, {"housing": 0.75, "office": 0.25}),
                )
            changes = [command.apply(project)]
            reached_any.append(bool(changes[0].reached))
            history.append(command)
        _save_in_place(project, path, changes)
    assert sum(reached_any) >= 5  # baseline edits reached the copy
    assert open_project(path) == project
    full = tmp_path / "full.mixplan.gpkg"
    save_project(project, full)
    assert _rows(path) == _rows(full)


def test_file_changed_behind_our_back_gets_a_full_save(
    opened: tuple[Project, Path],
) -> None:
    project, path = opened
    with sqlite3.connect(path) as db:  # someone else edits the file
        db.execute("DELETE FROM buildings WHERE building_id = 'B3'")
    change = SetLevelHeight("Existing", "B1", 1, 7.0).apply(project)
    inode = path.stat().st_ino
    save_project(project, path, [change])
    assert path.stat().st_ino != inode  # rewritten whole, through a temp file
    assert open_project(path) == project


def test_changes_for_another_file_are_a_full_save(
    opened: tuple[Project, Path], tmp_path: Path
) -> None:
    project, _ = opened
    change = SetLevelHeight("Existing", "B1", 1, 7.0).apply(project)
    other = tmp_path / "other.mixplan.gpkg"
    save_project(rich_project(), other)
    save_project(project, other, [change])
    assert open_project(other) == project


def test_a_change_naming_no_rows_gets_a_full_save(opened: tuple[Project, Path]) -> None:
    project, path = opened
    project.scenarios[0].description = "edited without a command"
    inode = path.stat().st_ino
    save_project(project, path, [Change(everything=True)])
    assert path.stat().st_ino != inode
    assert open_project(path) == project


def test_scenario_added_then_renamed_before_saving(
    opened: tuple[Project, Path],
) -> None:
    project, path = opened
    changes = [
        AddScenario("C").apply(project),
        SetLevelHeight("C", "B1", 1, 6.0).apply(project),
        RenameScenario("C", "D").apply(project),
        RenameScenario("Vide", "Vide 2").apply(project),
    ]
    _save_in_place(project, path, changes)
    loaded = open_project(path)
    assert loaded == project
    assert [s.name for s in loaded.scenarios][-2:] == ["Vide 2", "D"]
    assert loaded.scenario("D").buildings["B1"].levels[1].height_m == 6.0
