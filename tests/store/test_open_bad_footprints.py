"""A footprint or level polygon the model refuses, in a project file, is named.

The reader checks a file's polygons in bulk, a slice at a time; one that fails
is checked again by the model for its own error, so the message is the model's,
naming the scenario and the building (and the level), and nothing is opened.
Each file is a real project whose row is rewritten with a bad geometry.
"""

from __future__ import annotations

import math
import sqlite3
import warnings
from pathlib import Path

import pytest
from shapely.geometry import LineString, Polygon, box

from mixplan.model import Building, Level, Project, Scenario
from mixplan.model import geometry as geometry_module
from mixplan.model.geometry import MAX_COORDINATE
from mixplan.store import ProjectFileError, open_project, save_project
from mixplan.store.gpkg_blob import encode_blob

BOWTIE = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
PAST_EDGE = math.nextafter(MAX_COORDINATE, math.inf)


def _park(buildings: int) -> Project:
    project = Project.new("Parc", "EPSG:2154")
    baseline = project.scenarios[0]
    for number in range(buildings):
        x = number * 30.0
        levels = (Level.of(4.0, "craft"), Level.of(3.0, "office"))
        baseline.buildings[f"b{number}"] = Building(
            f"b{number}", "", box(x, 0, x + 20, 15), levels
        )
    variant = Scenario(name="Variante")
    project.scenarios.append(variant)
    # A scenario building with a set-back top level (its own polygon).
    top = Level(3.0, (Level.of(3.0, "housing").uses[0],), polygon=box(0, 100, 5, 105))
    variant.buildings["n1"] = Building(
        "n1", "", box(0, 100, 10, 110), (Level.of(4.0, "office"), top)
    )
    return project


def _with_footprint(tmp_path: Path, building: str, geometry: object) -> Path:
    path = tmp_path / "parc.mixplan.gpkg"
    save_project(_park(5), path)
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE buildings SET geom = ? WHERE building_id = ?",
            (encode_blob(geometry, 2154), building),  # type: ignore[arg-type]
        )
    return path


def _infinite() -> Polygon:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return Polygon([(0, 0), (10, 0), (math.inf, 5)])


@pytest.mark.parametrize(
    ("geometry", "error"),
    [
        (BOWTIE, "footprint is not a valid polygon (Self-intersection[5 5])"),
        (box(0, 0, PAST_EDGE, 5), "footprint has coordinates beyond ±1e+08 m"),
        (_infinite(), "footprint has NaN or infinite coordinates"),
        (LineString([(0, 0), (5, 5)]), "footprint must be a polygon, not LineString"),
    ],
)
def test_a_bad_footprint_is_refused_with_the_models_error(
    tmp_path: Path, geometry: object, error: str
) -> None:
    path = _with_footprint(tmp_path, "b3", geometry)
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as caught:
        open_project(path)
    message = str(caught.value)
    assert message == f"damaged project: scenario 'Existing': building b3: {error}"
    assert caught.value.path == str(path)
    assert path.read_bytes() == before


def test_a_footprint_at_the_coordinate_limit_opens(tmp_path: Path) -> None:
    edge = box(MAX_COORDINATE - 20, 0, MAX_COORDINATE, 15)
    path = _with_footprint(tmp_path, "b3", edge)
    project = open_project(path)
    assert project.scenarios[0].buildings["b3"].footprint.equals_exact(edge, 0.0)


@pytest.mark.parametrize("bad", ["b0", "b1", "b2", "b3", "b4"])
def test_the_bad_footprint_is_found_in_any_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    # Slices of 2 polygons: the bad one first, last or alone in its slice.
    monkeypatch.setattr(geometry_module, "POLYGONS_PER_CHECK", 2)
    path = _with_footprint(tmp_path, bad, BOWTIE)
    with pytest.raises(ProjectFileError, match=f"building {bad}: footprint is not"):
        open_project(path)


def test_a_bad_level_polygon_is_refused_naming_its_level(tmp_path: Path) -> None:
    path = tmp_path / "parc.mixplan.gpkg"
    save_project(_park(2), path)
    with sqlite3.connect(path) as db:
        changed = db.execute(
            "UPDATE levels SET polygon = ? WHERE building_id = 'n1' AND position = 1",
            (encode_blob(BOWTIE, 2154),),
        ).rowcount
    assert changed == 1
    with pytest.raises(ProjectFileError) as caught:
        open_project(path)
    assert (
        "damaged project: scenario 'Variante', building 'n1', level 1: level polygon "
        "is not a valid polygon (Self-intersection[5 5])" in str(caught.value)
    )


def test_a_good_file_opens_as_it_was_saved_and_its_kept_buildings_too(
    tmp_path: Path,
) -> None:
    project = _park(5)
    variant = project.scenarios[1]
    from mixplan.model.sameness import kept_version

    variant.buildings["b2"] = kept_version(project.scenarios[0].buildings["b2"])
    variant.kept = {"b2"}
    path = tmp_path / "parc.mixplan.gpkg"
    save_project(project, path)
    opened = open_project(path)
    assert opened == project
    assert opened.scenarios[1].buildings["b2"].origin == "b2"


CUT_SHORT = encode_blob(box(0, 0, 1, 1), 2154)[:45]  # WKB cut short


def test_a_malformed_blob_is_named_by_its_row_in_each_table(tmp_path: Path) -> None:
    from mixplan.model import GroundCover, Site

    project = _park(2)
    project.site = Site(box(-100, -100, 1000, 1000), "ZAE")
    project.scenarios[0].cover["c1"] = GroundCover("c1", "lawn", box(0, 50, 10, 60))
    path = tmp_path / "parc.mixplan.gpkg"
    save_project(project, path)
    cases = [
        ("UPDATE site SET geom = ?", "damaged project: boundary of the site: "),
        (
            "UPDATE levels SET polygon = ? WHERE building_id = 'n1' AND position = 1",
            "damaged project: polygon of scenario 'Variante', building 'n1', level 1: ",
        ),
        (
            "UPDATE ground_cover SET geom = ? WHERE cover_id = 'c1'",
            "damaged project: polygon of scenario 'Existing', cover 'c1': ",
        ),
        (
            "UPDATE buildings SET geom = ? WHERE building_id = 'b1'",
            "damaged project: footprint of scenario 'Existing', building 'b1': ",
        ),
    ]
    for statement, start in cases:
        damaged = tmp_path / "damaged.mixplan.gpkg"
        damaged.write_bytes(path.read_bytes())
        with sqlite3.connect(damaged) as db:
            assert db.execute(statement, (CUT_SHORT,)).rowcount == 1
        with pytest.raises(ProjectFileError) as caught:
            open_project(damaged)
        assert str(caught.value).startswith(start), str(caught.value)
        assert "malformed" in str(caught.value)
