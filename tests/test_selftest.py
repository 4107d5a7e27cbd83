"""``mixplan --self-test`` (DESIGN §13): the real run, and how failures read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mixplan import selftest
from mixplan.selftest import STEPS, StepFailed, _Context, _run_step

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_and_prints_one_line_per_step(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MIXPLAN_SETTINGS_DIR=str(tmp_path / "user-settings"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "mixplan", "--self-test"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
        check=False,
    )
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stdout + run.stderr
    names = [name for name, _, _ in STEPS]
    steps = [
        line.split()
        for line in lines
        if line.split()[1:2][0:1] and line.split()[1] in names
    ]
    assert [words[1] for words in steps] == names
    assert all(words[2] == "ok" for words in steps), run.stdout
    assert lines[-1].startswith(f"self-test: all {len(STEPS)} steps ok")
    # The window step used the self-test's own settings folder, not the user's.
    assert not (tmp_path / "user-settings" / "mixplan.ini").exists()


def test_a_step_failing_on_a_bad_file_reports_the_file_and_the_reason(tmp_path):
    not_a_project = tmp_path / "notes.mixplan.gpkg"
    not_a_project.write_text("meeting notes, not a GeoPackage\n", encoding="utf-8")
    ctx = _Context(tmp_path, {"path": not_a_project, "project": None})
    reopen = {name: function for name, function, _ in STEPS}["reopen"]
    result = _run_step("reopen", reopen, ctx, failed=set(), needs=())
    assert not result.ok
    assert "notes.mixplan.gpkg" in result.detail
    assert result.line().split()[:3] == ["self-test:", "reopen", "FAILED"]
    assert "\n" not in result.line()


def test_a_step_whose_input_failed_is_not_run_and_fails(tmp_path):
    ran = []
    result = _run_step(
        "engine",
        lambda ctx: ran.append(ctx) or "",
        _Context(tmp_path),
        failed={"save", "reopen"},
        needs=("reopen",),
    )
    assert ran == []
    assert not result.ok
    assert result.detail == "not run: needs reopen"


def test_a_wrong_result_is_a_failure_with_its_message(tmp_path):
    def wrong(ctx):
        raise StepFailed("imported footprint is 999.00 m2, expected 1000.00 m2")

    result = _run_step("import", wrong, _Context(tmp_path), failed=set(), needs=())
    assert not result.ok
    assert result.detail == "imported footprint is 999.00 m2, expected 1000.00 m2"


def test_the_import_source_is_the_stated_rectangle_in_wgs84(tmp_path):
    import json

    from pyproj import Transformer
    from shapely.geometry import Polygon

    path = tmp_path / "hall.geojson"
    area = selftest._write_wgs84_geojson(path)
    assert area == pytest.approx(40.0 * 25.0)
    doc = json.loads(path.read_text(encoding="utf-8"))
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    lon, lat = ring[0]
    assert 4.0 < lon < 6.0 and 45.0 < lat < 46.5  # Lyon, in degrees
    back = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    polygon = Polygon([back.transform(x, y) for x, y in ring])
    assert polygon.area == pytest.approx(1000.0, abs=0.01)
