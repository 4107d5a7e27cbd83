"""Opening anything as a project: one clear error, the file untouched; atomic saves;
schema versions and migrations."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from store_projects import rich_project

import mixplan.store.gpkg_open as gpkg_open
import mixplan.store.gpkg_save as gpkg_save
from mixplan.model import MixplanError, Project
from mixplan.store import (
    NewerSchemaError,
    NotAProjectError,
    ProjectFileError,
    open_project,
    read_schema_version,
    save_project,
)
from mixplan.store.gpkg import opening_notes
from mixplan.store.gpkg_schema import MIGRATIONS, SCHEMA_VERSION
from mixplan.store.sqlite_guard import RECOVERED_NOTE

FIXTURES = Path(__file__).parent / "fixtures"


def _text(path: Path) -> Path:
    path.write_text("name;height\nHalle;6.5\n", encoding="utf-8")
    return path


def _random_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO clients (name) VALUES ('Dupont')")
    return path


def _foreign_geopackage(path: Path) -> Path:
    pyogrio = pytest.importorskip("pyogrio")
    import numpy as np
    import shapely
    from shapely.geometry import box

    geometry = np.array([shapely.to_wkb(box(0, 0, 10, 10))], dtype=object)
    pyogrio.raw.write(
        path,
        geometry,
        [np.array(["Halle"], dtype=object)],
        ["nom"],
        layer="batiments",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:2154",
    )
    return path


def _truncated(path: Path) -> Path:
    save_project(rich_project(), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged(path: Path) -> Path:
    save_project(rich_project(), path)
    data = bytearray(path.read_bytes())
    # Scribble over the pages after the schema page: the b-tree pages of tables.
    for offset in range(8192, len(data) - 4096, 4096):
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return path


def _newer(path: Path) -> Path:
    save_project(rich_project(), path)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO mixplan_schema VALUES (99, '2031-01-01')")
    return path


def _binary(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _bad_row(path: Path) -> Path:
    save_project(rich_project(), path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE allocations SET share = 0.5 WHERE building_id = 'B3'")
    return path


def _bad_geometry(path: Path) -> Path:
    save_project(rich_project(), path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE buildings SET geom = x'47500003' WHERE building_id = 'B3'")
    return path


def _bad_crs(path: Path) -> Path:
    save_project(rich_project(), path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE mixplan_meta SET value = 'Lambert' WHERE key = 'crs'")
    return path


CASES: list[tuple[str, Callable[[Path], Path], str, type[Exception]]] = [
    ("text", _text, "is a text file, not a mixplan project", ProjectFileError),
    ("binary", _binary, "not an SQLite database", ProjectFileError),
    ("empty", _empty, "the file is empty", ProjectFileError),
    (
        "sqlite",
        _random_sqlite,
        "an SQLite database, but not a GeoPackage",
        ProjectFileError,
    ),
    (
        "geopackage",
        _foreign_geopackage,
        "a GeoPackage, but not a mixplan project (layers: batiments)",
        NotAProjectError,
    ),
    ("truncated", _truncated, "truncated file", ProjectFileError),
    ("damaged", _damaged, "damaged", ProjectFileError),
    (
        "newer",
        _newer,
        "written by a newer mixplan (project schema 99",
        NewerSchemaError,
    ),
    (
        "bad row",
        _bad_row,
        "damaged project: scenario 'Existing', building 'B3', "
        "level 0: shares on a level must sum to 1",
        ProjectFileError,
    ),
    (
        "bad geometry",
        _bad_geometry,
        "damaged project: footprint of scenario 'Existing', building 'B3': "
        "geometry blob shorter than its header",
        ProjectFileError,
    ),
    (
        "bad crs",
        _bad_crs,
        "damaged project: the project CRS 'Lambert' is not of the form EPSG:N",
        ProjectFileError,
    ),
]


@pytest.mark.parametrize(
    ("kind", "make", "message", "error"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_file_gives_one_clear_line_and_is_untouched(
    kind: str,
    make: Callable[[Path], Path],
    message: str,
    error: type[Exception],
    tmp_path: Path,
) -> None:
    path = make(tmp_path / f"{kind.replace(' ', '_')}.mixplan.gpkg")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(error) as info:
        open_project(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert info.value.path == str(path)  # type: ignore[attr-defined]
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="no such file") as info:
        open_project(tmp_path / "nope.mixplan.gpkg")
    assert info.value.path == str(tmp_path / "nope.mixplan.gpkg")
    with pytest.raises(ProjectFileError, match="is a directory"):
        open_project(tmp_path)


def test_foreign_geopackage_lists_its_layers(tmp_path: Path) -> None:
    path = _foreign_geopackage(tmp_path / "cadastre.gpkg")
    with pytest.raises(NotAProjectError) as info:
        open_project(path)
    assert info.value.layers == ["batiments"]


def test_saving_over_a_directory_or_into_a_missing_folder(
    project: Project, tmp_path: Path
) -> None:
    with pytest.raises(MixplanError, match="is a directory") as info:
        save_project(project, tmp_path)
    assert info.value.path == str(tmp_path)
    with pytest.raises(MixplanError, match="does not exist"):
        save_project(project, tmp_path / "no" / "such.mixplan.gpkg")


# --- atomic saves -------------------------------------------------------------------


def test_failing_full_save_leaves_the_old_file_byte_identical(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    before = path.read_bytes()
    real = gpkg_save.write_full

    def write_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gpkg_save, "write_full", write_then_fail)
    project.scenarios[0].description = "changed"
    with pytest.raises(MixplanError, match="cannot write: No space left") as info:
        save_project(project, path)
    assert info.value.path == str(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left


def test_failing_incremental_save_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mixplan.model.commands import RemoveBuilding

    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    project = open_project(path)
    before = path.read_bytes()
    change = RemoveBuilding("Existing", "B2").apply(project)
    real = gpkg_save.write_changes

    def write_then_fail(connection, project, changes, srs_id):  # type: ignore[no-untyped-def]
        real(connection, project, changes, srs_id)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(gpkg_save, "write_changes", write_then_fail)
    with pytest.raises(MixplanError, match="cannot save"):
        save_project(project, path, [change])
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()
    assert "B2" in open_project(path).baseline.buildings


def test_saved_file_keeps_its_permissions(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    os.chmod(path, 0o640)
    save_project(project, path)
    assert path.stat().st_mode & 0o777 == 0o640


# --- schema versions ------------------------------------------------------------------


def test_schema_version_is_stored(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    assert read_schema_version(path) == SCHEMA_VERSION == 2


def test_version_1_fixture_opens() -> None:
    fixture = FIXTURES / "schema_v1.mixplan.gpkg"
    before = fixture.read_bytes()
    assert read_schema_version(fixture) == 1
    assert open_project(fixture) == rich_project()
    assert fixture.read_bytes() == before


def test_older_schema_migrates_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pretend this mixplan writes schema 3: the v1 fixture migrates on open,
    through the real 1 -> 2 step, then the pretend 2 -> 3."""
    fixture = tmp_path / "v1.mixplan.gpkg"
    fixture.write_bytes((FIXTURES / "schema_v1.mixplan.gpkg").read_bytes())
    before = fixture.read_bytes()
    seen: list[int] = []

    def one_to_two(connection: sqlite3.Connection) -> None:
        (version,) = connection.execute(
            "SELECT max(version) FROM mixplan_schema"
        ).fetchone()
        seen.append(version)
        connection.execute(
            "UPDATE scenarios SET description = description || ' (migré)' "
            "WHERE position = 0"
        )

    monkeypatch.setattr(gpkg_open, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 2, one_to_two)
    project = open_project(fixture)
    assert seen == [2]
    assert project.baseline.description == "État existant, relevé 2024 (migré)"
    assert fixture.read_bytes() == before  # migrated a copy, not the file


def test_version_1_buildings_get_common_parts_and_save_as_version_2(
    tmp_path: Path,
) -> None:
    """Schema 2 adds buildings.common_parts; a v1 building has common parts."""
    from dataclasses import replace

    path = tmp_path / "v1.mixplan.gpkg"
    path.write_bytes((FIXTURES / "schema_v1.mixplan.gpkg").read_bytes())
    project = open_project(path)
    buildings = [b for s in project.scenarios for b in s.buildings.values()]
    assert buildings and all(b.common_parts for b in buildings)
    baseline = project.baseline
    first = next(iter(baseline.buildings))
    baseline.buildings[first] = replace(baseline.buildings[first], common_parts=False)
    save_project(project, path)
    assert read_schema_version(path) == 2
    reopened = open_project(path)
    assert reopened.baseline.buildings[first].common_parts is False
    assert reopened == project


def test_missing_migration_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gpkg_open, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 1, lambda connection: None)
    with pytest.raises(ProjectFileError, match="no migration from project schema 2"):
        open_project(FIXTURES / "schema_v1.mixplan.gpkg")


def test_odd_file_names(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "Projet #2 ? été %20 & co.mixplan.gpkg"
    save_project(project, path)
    assert open_project(path) == project
    assert read_schema_version(path) == SCHEMA_VERSION


def test_crash_during_an_incremental_save_recovers_a_copy_on_open(
    tmp_path: Path,
) -> None:
    """A copy of the file and its journal taken mid-transaction is what a power
    cut leaves behind; opening it gives the project as last saved, read from a
    recovered private copy: the file and its journal stay as they are until the
    project is saved."""
    import shutil

    path = tmp_path / "p.mixplan.gpkg"
    save_project(rich_project(), path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA cache_size = 1")  # spill changed pages into the file
    writer.execute("BEGIN")
    writer.execute("UPDATE buildings SET name = 'à moitié écrit'")
    writer.execute("DELETE FROM allocations")
    writer.execute("DELETE FROM levels")
    crashed = tmp_path / "crashed.mixplan.gpkg"
    shutil.copyfile(path, crashed)
    shutil.copyfile(f"{path}-journal", f"{crashed}-journal")
    writer.execute("ROLLBACK")
    writer.close()
    assert crashed.read_bytes() != path.read_bytes()  # really half-written
    journal = Path(f"{crashed}-journal")
    before = (crashed.read_bytes(), journal.read_bytes())
    recovered = open_project(crashed)
    assert recovered == rich_project()
    assert opening_notes(recovered) == [RECOVERED_NOTE]
    assert (crashed.read_bytes(), journal.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "crashed.mixplan.gpkg",
        "crashed.mixplan.gpkg-journal",
        "p.mixplan.gpkg",
    ]
    save_project(recovered, crashed)  # "save to keep it"
    assert not journal.exists()
    again = open_project(crashed)
    assert again == rich_project() and opening_notes(again) == []


def test_migrated_project_is_saved_whole_in_the_new_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mixplan.model.commands import SetLevelHeight

    path = tmp_path / "v1.mixplan.gpkg"
    path.write_bytes((FIXTURES / "schema_v1.mixplan.gpkg").read_bytes())
    project = open_project(path)
    change = SetLevelHeight("Existing", "B3", 0, 3.0).apply(project)
    inode = path.stat().st_ino
    save_project(project, path, [change])
    assert path.stat().st_ino != inode  # a full save, not rows patched into v1


def test_failing_migration_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE nowhere ADD COLUMN x")

    monkeypatch.setattr(gpkg_open, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(MIGRATIONS, 1, broken)
    with pytest.raises(
        ProjectFileError, match=r"cannot upgrade from project schema 1 \(no such table"
    ):
        open_project(FIXTURES / "schema_v1.mixplan.gpkg")


def test_size_caps(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.mixplan.gpkg"
    save_project(project, path)
    monkeypatch.setitem(gpkg_open.MAX_ROWS, "levels", 10)
    with pytest.raises(ProjectFileError, match="14 rows in 'levels'; the limit is 10"):
        open_project(path)
    monkeypatch.setattr(gpkg_open, "MAX_FILE_BYTES", 50_000)
    with pytest.raises(ProjectFileError, match="the limit is 0 MB"):
        open_project(path)
