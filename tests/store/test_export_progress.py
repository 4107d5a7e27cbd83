"""Exports tell how far they have come (the editor's bar follows them)."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.store import progress as progress_module
from mixplan.store.csv_export import write_csv
from mixplan.store.dxf_export import write_dxf
from mixplan.store.geojson import read_geojson, write_geojson


def _park(n: int) -> Project:
    project = Project.new("park")
    for k in range(n):
        project.baseline.buildings[f"b{k}"] = Building(
            f"b{k}",
            f"Hall {k}",
            box(30 * k, 0, 30 * k + 20, 10),
            (Level.of(5, "craft"),),
        )
    return project


@pytest.mark.parametrize(
    ("writer", "suffix"),
    [(write_geojson, ".geojson"), (write_csv, ".csv"), (write_dxf, ".dxf")],
)
def test_fractions_rise_to_one_through_the_buildings(
    writer, suffix, tmp_path, monkeypatch
):
    """Reported every 4 buildings here (4,096 in use): 10 buildings give
    fractions at 4, 8 and 10 within the buildings' span, then the end."""
    monkeypatch.setattr(progress_module, "ROWS_PER_REPORT", 4)
    seen: list[float] = []
    writer(_park(10), "Existing", tmp_path / f"park{suffix}", seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert len(seen) >= 4
    assert 0.0 < seen[0] < 1.0


def test_the_geojson_written_with_progress_is_the_same_file(tmp_path):
    project = _park(3)
    write_geojson(project, "Existing", tmp_path / "a.geojson")
    write_geojson(project, "Existing", tmp_path / "b.geojson", lambda _f: None)
    assert (tmp_path / "a.geojson").read_bytes() == (
        tmp_path / "b.geojson"
    ).read_bytes()
    assert [b.id for b in read_geojson(tmp_path / "a.geojson").buildings] == [
        "b0",
        "b1",
        "b2",
    ]
