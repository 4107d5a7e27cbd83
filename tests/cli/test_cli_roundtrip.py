"""Every demo scenario exported as mixplan GeoJSON and imported back is identical."""

from __future__ import annotations

import json
from pathlib import Path

from clitools import call_cli, run_cli

from mixplan.store.demo import build_demo


def _features(path: Path) -> tuple[object, list]:
    doc = json.loads(path.read_text("utf-8"))
    assert doc["mixplan"]["version"] == 1
    return doc["crs"], doc["features"]


def test_export_import_round_trip_of_every_scenario(
    demo_file: Path, tmp_path: Path
) -> None:
    names = [s.name for s in build_demo().scenarios]
    first = {}
    for i, name in enumerate(names):
        first[name] = tmp_path / f"first-{i}.geojson"
        # The first through a subprocess, the others through the same main().
        call = run_cli if i == 0 else call_cli
        result = call("export", demo_file, "--scenario", name, "-o", first[name])
        assert result.code == 0, result.err
        assert name in result.out

    copy = tmp_path / "copy.mixplan.gpkg"
    assert call_cli("new", copy, "--name", "Copie").code == 0
    for i, name in enumerate(names):
        call = run_cli if i == 1 else call_cli
        # The baseline goes into the empty "Existing"; the others make new
        # scenarios whose buildings continue it through origin.
        result = call("import", copy, first[name], "--scenario", name)
        assert result.code == 0, result.err

    doc = json.loads(call_cli("info", copy, "--json").out)
    assert [s["name"] for s in doc["scenarios"]] == names
    for i, name in enumerate(names):
        again = tmp_path / f"again-{i}.geojson"
        assert call_cli("export", copy, "--scenario", name, "-o", again).code == 0
        assert _features(again) == _features(first[name]), name


def test_export_geojson_is_the_profile_and_defaults_to_the_baseline(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "baseline.json"
    result = call_cli("export", demo_file, "--format", "geojson", "-o", out)
    assert result.code == 0, result.err
    doc = json.loads(out.read_text("utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert doc["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::2154"
    assert doc["mixplan"]["scenario"] == "Existing"
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds.count("site") == 1 and kinds.count("building") == 30
