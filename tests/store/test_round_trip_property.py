"""Any valid building survives GeoJSON and the project file exactly (Hypothesis)."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from mixplan.model import Allocation, Building, Level, Project
from mixplan.model.uses import ACCESS_CODES, NUISANCE_CLASSES, USES
from mixplan.store import open_project, save_project
from mixplan.store.geojson import geojson_to_content, scenario_to_geojson

coordinate = st.floats(min_value=-1e6, max_value=7e6, allow_nan=False)
size = st.floats(min_value=0.5, max_value=500.0, allow_nan=False)


@st.composite
def levels(draw: st.DrawFn) -> Level:
    codes = draw(
        st.lists(st.sampled_from(sorted(USES)), min_size=1, max_size=4, unique=True)
    )
    weights = draw(
        st.lists(st.floats(0.01, 1.0), min_size=len(codes), max_size=len(codes))
    )
    total = math.fsum(weights)
    shares = [w / total for w in weights]
    shares[-1] = 1.0 - math.fsum(shares[:-1])  # exact sum within 1e-9
    if shares[-1] <= 0:
        shares = [1.0 / len(codes)] * len(codes)
        shares[-1] = 1.0 - math.fsum(shares[:-1])
    uses = tuple(
        Allocation(code, share, draw(st.none() | st.sampled_from(NUISANCE_CLASSES)))
        for code, share in zip(codes, shares, strict=True)
    )
    return Level(
        draw(st.floats(0.5, 30.0)),
        uses,
        draw(st.none() | st.floats(0.5, 50.0)),
        draw(st.none() | st.sampled_from(ACCESS_CODES)),
    )


@st.composite
def buildings(draw: st.DrawFn) -> Building:
    x, y, w, h = draw(coordinate), draw(coordinate), draw(size), draw(size)
    stack = tuple(draw(st.lists(levels(), min_size=1, max_size=4)))
    basements = draw(st.integers(0, len(stack) - 1))
    return Building(
        draw(st.text(min_size=1, max_size=8).filter(str.strip)),
        draw(st.text(max_size=20)),
        box(x, y, x + w, y + h),
        stack,
        basements=basements,
        freight_lift_kg=draw(st.floats(0, 1e4)),
        ramp=draw(st.booleans()),
        loading_bays=draw(st.integers(0, 50)),
        parking_spaces=draw(st.integers(0, 500)),
        roof=draw(st.sampled_from(["plain", "green"])),
        shared=draw(st.booleans()),
    )


def _project(building: Building) -> Project:
    project = Project.new("Propriété")
    project.baseline.buildings[building.id] = building
    return project


@settings(max_examples=40, deadline=None)
@given(buildings())
def test_geojson_round_trip_is_exact(building: Building) -> None:
    doc = scenario_to_geojson(_project(building), "Existing")
    assert geojson_to_content(doc).buildings == [building]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(buildings())
def test_project_file_round_trip_is_exact(building: Building) -> None:
    project = _project(building)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.mixplan.gpkg"
        save_project(project, path)
        assert open_project(path) == project
