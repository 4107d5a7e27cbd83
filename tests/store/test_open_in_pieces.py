"""Opening a project in pieces: progress reported, geometries parsed a slice at a time.

A project opens in a thread while the editor's window runs: the reader tells how
far it has come (the window's bar) and never holds the GIL for one call over a
whole table of geometries. The project read is the same either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Scenario
from mixplan.store import open_project, save_project
from mixplan.store.gpkg_blob import BLOBS_PER_CALL, BlobError, decode_blobs, encode_blob
from mixplan.store.progress import ROWS_PER_REPORT


def _boxes(count: int) -> list:
    return [box(i * 10.0, 0.0, i * 10.0 + 7.0, 5.0 + i % 3) for i in range(count)]


@pytest.mark.parametrize(
    "count", [0, 1, BLOBS_PER_CALL - 1, BLOBS_PER_CALL, BLOBS_PER_CALL + 1]
)
def test_blobs_across_the_pieces_of_a_parse_give_every_geometry_in_order(
    count: int,
) -> None:
    geometries = _boxes(count)
    decoded = decode_blobs([encode_blob(g, 2154) for g in geometries])
    assert len(decoded) == count
    assert all(a.equals_exact(b, 0.0) for a, b in zip(decoded, geometries, strict=True))


def test_a_bad_blob_in_a_later_piece_is_refused() -> None:
    blobs = [encode_blob(g, 2154) for g in _boxes(BLOBS_PER_CALL + 1)]
    blobs[-1] = blobs[-1][:40] + b"\x01\x03\x00"  # WKB cut short
    with pytest.raises(BlobError, match="malformed"):
        decode_blobs(blobs)


def _park(buildings: int) -> Project:
    project = Project.new("Parc", "EPSG:2154")
    baseline = project.scenarios[0]
    for number in range(buildings):
        x = (number % 100) * 30.0
        y = (number // 100) * 30.0
        levels = (
            Level.of(4.0, "craft"),
            Level.of(3.0, {"office": 0.5, "housing": 0.5}),
        )
        building = Building(f"b{number}", "", box(x, y, x + 20, y + 15), levels)
        baseline.buildings[building.id] = building
    project.scenarios.append(Scenario(name="Variante"))
    return project


def test_the_open_reports_a_rising_fraction_from_start_to_end(tmp_path: Path) -> None:
    # More buildings than one report's rows: the loops report on the way.
    project = _park(ROWS_PER_REPORT + 10)
    path = tmp_path / "parc.mixplan.gpkg"
    save_project(project, path)
    seen: list[float] = []
    opened = open_project(path, seen.append)
    assert opened == project
    assert seen[0] == pytest.approx(0.05)  # the file checked
    assert seen[-1] == 1.0
    assert all(b >= a for a, b in zip(seen, seen[1:], strict=False))
    assert all(0.0 <= f <= 1.0 for f in seen)
    # Reports inside the levels' and the buildings' loops, not only at steps.
    inside = [f for f in seen if 0.05 < f < 1.0]
    assert len(inside) >= 6


def test_an_open_without_a_listener_reads_the_same_project(tmp_path: Path) -> None:
    project = _park(3)
    path = tmp_path / "small.mixplan.gpkg"
    save_project(project, path)
    seen: list[float] = []
    assert open_project(path, seen.append) == open_project(path) == project
    assert seen[-1] == 1.0


def test_a_save_reports_a_rising_fraction_from_start_to_end(tmp_path: Path) -> None:
    project = _park(ROWS_PER_REPORT + 10)
    project.scenarios.append(Scenario(name="Other"))
    path = tmp_path / "parc.mixplan.gpkg"
    seen: list[float] = []
    save_project(project, path, progress=seen.append)
    assert open_project(path) == project
    assert seen[-1] == 1.0
    assert all(b >= a for a, b in zip(seen, seen[1:], strict=False))
    # The baseline holds every building: its rows are all but the commit's share.
    assert max(f for f in seen if f < 1.0) == pytest.approx(0.9)
    assert len([f for f in seen if 0.0 < f < 0.9]) >= 4  # inside the rows' loop


def test_a_save_of_one_edit_in_place_ends_at_one(tmp_path: Path) -> None:
    from mixplan.model.commands import RemoveBuilding

    project = _park(3)
    path = tmp_path / "small.mixplan.gpkg"
    save_project(project, path)
    change = RemoveBuilding("Existing", "b1").apply(project)
    seen: list[float] = []
    save_project(project, path, changes=[change], progress=seen.append)
    assert seen == [1.0]
    assert set(open_project(path).baseline.buildings) == {"b0", "b2"}
