"""A mixplan GeoJSON import planned in a child process (``plan_import(apart=True)``).

The plan that comes back is the plan made here: buildings (every field, the
geometries to the byte), levels, uses, ground cover, site, phases, report;
refusals are the same one line naming the file, which stays untouched.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import box

from mixplan.model import Building, Level, Project
from mixplan.model.errors import MixplanError
from mixplan.model.phasing import Hosting, Occupant
from mixplan.store.demo import build_demo
from mixplan.store.geojson import write_geojson
from mixplan.store.importing import ImportOptions, ImportPlan, plan_import
from mixplan.store.sandbox import forks

APART = pytest.mark.skipif(not forks(), reason="planned apart where processes fork")
STATIC = Path(__file__).resolve().parent / "fixtures" / "import"


def _pid(_command: Any, _project: Project) -> int:
    """A ``draw`` saying where the plan was made."""
    return os.getpid()


def _shapes(plan: ImportPlan) -> list[bytes]:
    command = plan.command
    geometries = [b.footprint for b in command.buildings]
    geometries += [lv.polygon for b in command.buildings for lv in b.levels]
    geometries += [c.geometry for c in command.cover] + [command.site]
    return [b"" if g is None else shapely.to_wkb(g) for g in geometries]


def _both(project: Project, source: Path, options: ImportOptions) -> Any:
    """The plan (or the refusal) made here and made apart."""
    made = []
    for apart in (False, True):
        try:
            made.append(plan_import(project, source, options, apart=apart, draw=_pid))
        except MixplanError as exc:
            made.append((str(exc), exc.path, exc.message_fr))
    return made


def _assert_same(here: Any, apart: Any) -> None:
    if not isinstance(here, ImportPlan):  # a refusal: the same line
        assert apart == here
        return
    assert apart.command.buildings == here.command.buildings
    assert [vars_of(b) for b in apart.command.buildings] == [
        vars_of(b) for b in here.command.buildings
    ]
    assert _shapes(apart) == _shapes(here)
    assert apart.command.cover == here.command.cover
    for name in ("scenario", "site_name", "label", "update", "copy_from"):
        assert getattr(apart.command, name) == getattr(here.command, name)
    assert list(apart.command.phases) == list(here.command.phases)
    assert dict(apart.command.demolitions) == dict(here.command.demolitions)
    assert apart.report == here.report


def vars_of(building: Building) -> tuple[Any, ...]:
    from dataclasses import fields

    return tuple(repr(getattr(building, f.name)) for f in fields(building))


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[Path]]:
    """The demo project, and each of its scenarios exported as mixplan GeoJSON,
    plus a scenario of set-back storeys, firms and phases."""
    demo = build_demo()
    folder = tmp_path_factory.mktemp("apart")
    files = []
    for scenario in demo.scenarios:
        path = folder / f"{scenario.name}.geojson"
        write_geojson(demo, scenario.name, path)
        files.append(path)
    rich = Project.new("rich", demo.crs)
    x, y = 574_000.0, 6_280_000.0
    rich.baseline.buildings["R1"] = Building(
        "R1",
        "Terraces",
        box(x, y, x + 30, y + 20),
        (
            Level.of(4.0, {"parking": 1.0}),
            Level.of(5.5, {"craft": 0.6, "retail": 0.4}, nuisance="D", access="yard"),
            Level.of(3.1, "housing", polygon=box(x, y, x + 20, y + 20)),
        ),
        basements=1,
        freight_lift_kg=2000,
        loading_bays=2,
        roof="green",
        delivered_in=2,
        occupants=(Occupant("Atelier", 250.0, 4.0),),
        hosts=(Hosting("Atelier", 1),),
    )
    path = folder / "rich.geojson"
    write_geojson(rich, rich.baseline.name, path)
    files.append(path)
    return demo, files


@APART
def test_a_mixplan_geojson_planned_apart_is_the_plan_made_here(demo_files) -> None:
    demo, files = demo_files
    for source in files:
        for project, options in (
            (Project.new("empty", demo.crs), ImportOptions()),
            (demo, ImportOptions(scenario="Imported")),
            (demo, ImportOptions(kind="cover", scenario="Covers")),
            (demo, ImportOptions(kind="site")),
        ):
            here, apart = _both(project, source, options)
            _assert_same(here, apart)
            if isinstance(here, ImportPlan):
                assert here.drawn == os.getpid()
                assert apart.drawn != os.getpid()  # planned (and drawn) in a child
    # (the files hold buildings with levels of their own outline, firms, phases)
    here, apart = _both(Project.new("empty", demo.crs), files[-1], ImportOptions())
    (terraces,) = apart.command.buildings
    assert terraces.levels[2].polygon is not None and terraces.hosts
    assert terraces.levels[1].uses[0].nuisance == "D"


@APART
def test_a_plan_apart_replacing_buildings_is_the_plan_made_here(demo_files) -> None:
    demo, files = demo_files
    options = ImportOptions(scenario=demo.baseline.name, update=True)
    here, apart = _both(demo, files[0], options)
    _assert_same(here, apart)
    assert here.report.notes and apart.report.notes == here.report.notes


@APART
def test_a_gis_geojson_is_read_here_as_gis_data(tmp_path: Path) -> None:
    """A GeoJSON that is not the mixplan profile goes to the GIS reader, from
    this process (a child cannot start that reader's own child)."""
    project = Project.new("t", "EPSG:2154")
    plain = STATIC / "plain_projected.geojson"
    here, apart = _both(project, plain, ImportOptions(crs="EPSG:2154"))
    _assert_same(here, apart)
    assert apart.drawn == os.getpid() and apart.report.buildings == 1
    # Features with a "kind" the profile does not know: read as GIS data too,
    # the report saying why (as when planned here).
    doc = json.loads(plain.read_text())
    doc["features"][0]["properties"]["kind"] = "building"
    kinded = tmp_path / "kinded.geojson"
    kinded.write_text(json.dumps(doc))
    here, apart = _both(project, kinded, ImportOptions(crs="EPSG:2154"))
    _assert_same(here, apart)
    assert any("read as GIS data" in note for note in apart.report.notes)
    assert apart.drawn == os.getpid()


@APART
def test_refusals_come_back_as_the_same_line_naming_the_file(
    demo_files, tmp_path: Path
) -> None:
    demo, files = demo_files
    doc = json.loads(files[0].read_text())
    building = next(
        f for f in doc["features"] if f["properties"].get("kind") == "building"
    )
    building["properties"]["levels"][0]["uses"] = {"housing": 0.5, "office": 0.4}
    bad = tmp_path / "bad shares.geojson"
    bad.write_text(json.dumps(doc))
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "mixplan": {}, "features": [1,]}')
    newer = tmp_path / "newer.json"
    newer.write_text('{"type": "FeatureCollection", "mixplan": {"version": 9}}')
    cases = [
        (Project.new("t", demo.crs), bad, "shares sum to 0.9, not 1"),
        (Project.new("t", demo.crs), broken, "not JSON (line 1, column 61"),
        (Project.new("t", demo.crs), newer, "written by a newer mixplan"),
        (Project.new("t", demo.crs), tmp_path / "gone.geojson", "no such file"),
        (demo, files[0], "already in scenario 'Existing'"),  # the ids clash
    ]
    for project, source, words in cases:
        before = _digest(source)
        here, apart = _both(project, source, ImportOptions())
        assert apart == here
        message, path, _french = apart
        assert words in message and "\n" not in message
        assert path == str(source)
        assert _digest(source) == before


def _digest(source: Path) -> bytes:
    return hashlib.sha256(source.read_bytes()).digest() if source.exists() else b""


@APART
def test_a_plan_asked_to_stop_stops_its_child(demo_files) -> None:
    demo, files = demo_files
    with pytest.raises(MixplanError, match="^stopped before the end$") as stopped:
        plan_import(
            Project.new("t", demo.crs),
            files[0],
            ImportOptions(),
            apart=True,
            stop=lambda: True,
        )
    assert stopped.value.path == str(files[0])
    assert multiprocessing.active_children() == []


def test_where_processes_spawn_the_plan_is_made_here(
    demo_files, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(macOS, Windows: the project would be pickled to a child)"""
    import mixplan.store.sandbox as sandbox

    monkeypatch.setattr(sandbox, "forks", lambda: False)
    demo, files = demo_files
    plan = plan_import(
        Project.new("t", demo.crs), files[0], ImportOptions(), apart=True, draw=_pid
    )
    assert plan.drawn == os.getpid() and plan.report.buildings == 30


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
