"""Ground cover as changes in the project file: a scenario's rows are its whole
state (GIS filtering by scenario), kept rows follow the baseline, saves rewrite
only the scenarios an edit reached."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_projects import rich_project

from mixplan.model import Project
from mixplan.model.commands import AddScenario, RemoveCover, RestoreCover, SetCover
from mixplan.store import open_project, save_project
from mixplan.store.geojson import write_geojson
from mixplan.store.importing import ImportOptions, import_source


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Project, Path]:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    return open_project(path), path


def _cover_rows(path: Path) -> dict[tuple[str, str], tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT scenario, cover_id, fid, cover, kept, changed_from IS NOT NULL "
            "FROM ground_cover"
        ).fetchall()
    db.close()
    return {(r[0], r[1]): r[2:] for r in rows}


def test_a_scenario_rows_are_its_whole_cover_state(
    saved: tuple[Project, Path],
) -> None:
    project, path = saved
    socle = project.scenario("Socle productif")
    # Socle keeps C1 and C2, removes C3 and adds C4 (store_projects).
    assert socle.cover_kept == {"C1", "C2"} and socle.cover_removed == {"C3"}
    rows = _cover_rows(path)
    assert {k[1]: v[1:] for k, v in rows.items() if k[0] == "Socle productif"} == {
        "C1": ("yard", 1, 0),
        "C2": ("open_soil", 1, 0),
        "C4": ("permeable_paving", 0, 0),
    }
    assert not [k for k in rows if k[0] == "Vide"]
    with sqlite3.connect(path) as db:
        removals = db.execute(
            "SELECT scenario, cover_id FROM cover_removals"
        ).fetchall()
    db.close()
    assert sorted(removals) == [
        ("Socle productif", "C3"),
        ("Vide", "C1"),
        ("Vide", "C2"),
        ("Vide", "C3"),
    ]


def test_gdal_filtered_by_scenario_shows_the_whole_state(
    saved: tuple[Project, Path],
) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    _, path = saved
    _, _, _, values = pyogrio.raw.read(
        path,
        layer="ground_cover",
        where="scenario = 'Socle productif'",
        columns=["cover_id", "cover", "area_m2"],
    )
    rows = sorted(zip(*(list(v) for v in values), strict=True))
    # C1 is a 60 × 30 m yard, kept: the GIS user sees the baseline's area.
    assert rows == [
        ("C1", "yard", 1800.0),
        ("C2", "open_soil", 2400.0),
        ("C4", "permeable_paving", 2400.0),
    ]


def test_a_baseline_cover_edit_is_saved_in_the_scenarios_keeping_it_only(
    saved: tuple[Project, Path], tmp_path: Path
) -> None:
    project, path = saved
    SetCover("Socle productif", "C2", cover="lawn").apply(project)
    # A variant that changed C1 itself: the baseline's edit does not reach it.
    AddScenario("Variante", source="Socle productif").apply(project)
    SetCover("Variante", "C1", cover="open_soil").apply(project)
    save_project(project, path)
    before = _cover_rows(path)
    changes = [SetCover("Existing", "C1", cover="sealed").apply(project)]
    assert changes[0].reached == {"Socle productif"}
    inode = path.stat().st_ino
    save_project(project, path, changes)
    assert path.stat().st_ino == inode  # in place: an incremental save
    after = _cover_rows(path)
    assert after[("Socle productif", "C1")][1:] == ("sealed", 1, 0)
    # C2 of Socle was changed to lawn; the edit of C1 leaves it as it is.
    assert after[("Socle productif", "C2")][1:] == ("lawn", 0, 1)
    assert open_project(path) == project
    # Rows of the scenarios the edit did not reach were not rewritten (same fid).
    reached = {n for c in changes for n in c.scenario_names}
    untouched = {k: v for k, v in before.items() if k[0] not in reached}
    assert untouched and untouched == {k: after[k] for k in untouched}
    full = tmp_path / "full.mixplan.gpkg"
    save_project(project, full)
    assert open_project(full) == project


def test_remove_and_restore_a_cover_saved_in_place(
    saved: tuple[Project, Path],
) -> None:
    project, path = saved
    remove = RemoveCover("Socle productif", "C1")
    save_project(project, path, [remove.apply(project)])
    assert open_project(path).scenario("Socle productif").cover_removed == {
        "C1",
        "C3",
    }
    save_project(project, path, [RestoreCover("Socle productif", "C1").apply(project)])
    again = open_project(path)
    assert again == project
    assert again.scenario("Socle productif").cover_kept == {"C1", "C2"}


def test_a_scenario_export_imported_as_a_new_scenario_keeps_the_same_records(
    saved: tuple[Project, Path], tmp_path: Path
) -> None:
    """A cover the scenario removes is absent from its export (DESIGN §7 has no
    removal record for covers): imported into a new scenario, which starts with
    nothing of the existing state, the export gives back the same kept, changed,
    added and removed covers."""
    project, _ = saved
    SetCover("Socle productif", "C2", cover="lawn").apply(project)
    path = tmp_path / "socle.geojson"
    write_geojson(project, "Socle productif", path)
    import_source(project, path, ImportOptions(scenario="Retour"))
    socle, back = project.scenario("Socle productif"), project.scenario("Retour")
    assert back.cover == socle.cover
    assert back.cover_kept == socle.cover_kept == {"C1"}
    assert back.cover_changed_from == socle.cover_changed_from
    assert set(back.cover_changed_from) == {"C2"}
    assert back.cover_removed == socle.cover_removed == {"C3"}


def test_a_version_2_file_with_covers_as_whole_copies_opens_settled(
    saved: tuple[Project, Path],
) -> None:
    """A file of a version-2 development build (ground cover as whole copies, no
    ``kept`` column nor ``cover_removals``) opens with its covers settled, the
    file untouched; the first save rewrites it whole in the current schema."""
    project, path = saved
    with sqlite3.connect(path) as db:
        db.execute("UPDATE ground_cover SET kept = 0, changed_from = NULL")
        db.execute("ALTER TABLE ground_cover DROP COLUMN kept")
        db.execute("ALTER TABLE ground_cover DROP COLUMN changed_from")
        db.execute("DROP TABLE cover_removals")
        db.execute("DELETE FROM gpkg_contents WHERE table_name = 'cover_removals'")
    db.close()
    before = path.read_bytes()
    opened = open_project(path)
    assert path.read_bytes() == before
    assert opened == project  # Socle keeps C1, C2, removes C3, adds C4
    socle = opened.scenario("Socle productif")
    assert socle.cover["C1"] is opened.baseline.cover["C1"]
    assert opened.saved_file is None  # no row-by-row save into the old tables
    change = SetCover("Existing", "C1", cover="sealed").apply(opened)
    save_project(opened, path, [change])
    assert _cover_rows(path)[("Socle productif", "C1")][1:] == ("sealed", 1, 0)
    assert open_project(path) == opened
