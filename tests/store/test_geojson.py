"""The mixplan GeoJSON profile: exact round trip and one clear error per bad input."""

from __future__ import annotations

import copy
import gc
import json
import re
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, MixplanError, Project
from mixplan.store.geojson import (
    format_geojson,
    geojson_pieces,
    geojson_to_content,
    read_geojson,
    scenario_to_geojson,
    write_geojson,
)


@pytest.mark.parametrize("scenario", ["Existing", "Socle productif", "Vide"])
def test_round_trip_is_exact(project: Project, tmp_path: Path, scenario: str) -> None:
    path = tmp_path / "s.geojson"
    write_geojson(project, scenario, path)
    content = read_geojson(path)
    s = project.scenario(scenario)
    assert content.buildings == list(s.buildings.values())
    assert content.cover == list(s.cover.values())
    assert content.site == project.site
    assert content.crs == "EPSG:2154"
    assert content.scenario == scenario
    assert content.description == s.description


def test_document_follows_the_contract(project: Project) -> None:
    doc = scenario_to_geojson(project, "Existing")
    assert doc["type"] == "FeatureCollection"
    assert doc["mixplan"]["version"] == 1
    assert doc["crs"] == {
        "type": "name",
        "properties": {"name": "urn:ogc:def:crs:EPSG::2154"},
    }
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds == [
        "site",
        "building",
        "building",
        "building",
        "cover",
        "cover",
        "cover",
    ]
    b1 = doc["features"][1]["properties"]
    assert [lv["index"] for lv in b1["levels"]] == [-1, 0, 1]
    ground = b1["levels"][1]
    assert ground["uses"] == {"craft": 0.7, "office": 0.3}
    # Level.of(nuisance="D") put D on the productive use only: one member says it.
    assert ground["nuisance"] == "D" and "nuisance_by_use" not in ground
    upper = b1["levels"][2]
    assert upper["nuisance_by_use"] == {"industry": "A", "retail": "DC"}
    assert upper["nuisance"] == "A"  # the most constrained, for contract readers
    assert upper["polygon"]["type"] == "Polygon"
    assert (
        b1["freight_lift_kg"],
        b1["ramp"],
        b1["loading_bays"],
        b1["parking_spaces"],
        b1["roof"],
        b1["shared"],
    ) == (3000.0, True, 3, 12, "green", True)
    assert doc["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_written_text_is_readable(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "s.geojson"
    write_geojson(project, "Existing", path)
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert '"uses": {"craft": 0.7, "office": 0.3}' in text
    assert "Îlot « Cour »" in text  # not \u-escaped
    # one line per geometry, millimetre data written with at most 3 decimals
    lines = [ln.strip() for ln in text.splitlines() if '"coordinates"' in ln]
    assert lines[0].startswith('"coordinates": [[[[652300.0,6862000.0],')  # site
    assert lines[1].startswith('"coordinates": [[[652055.0,6862015.0],')  # storey
    assert lines[2].startswith('"coordinates": [[[652070.125,6862010.5],')  # B1


def test_gdal_reads_the_profile(project: Project, tmp_path: Path) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    path = tmp_path / "s.geojson"
    write_geojson(project, "Existing", path)
    info = pyogrio.read_info(path)
    assert info["features"] == 7
    assert info["crs"] == "EPSG:2154"


def test_levels_without_index_start_at_the_ground() -> None:
    doc = _doc(
        [
            _building(
                "b1",
                levels=[
                    {"height_m": 4, "uses": {"craft": 1}},
                    {"height_m": 3, "uses": {"housing": 1}},
                ],
            )
        ]
    )
    (b,) = geojson_to_content(doc, "x.geojson").buildings
    assert b.basements == 0 and len(b.levels) == 2
    assert b.levels[0].height_m == 4.0 and b.levels[0].uses[0].share == 1.0


def test_one_part_multipolygon_building_is_unwrapped() -> None:
    feature = _building("b1")
    ring = feature["geometry"]["coordinates"]
    feature["geometry"] = {"type": "MultiPolygon", "coordinates": [ring]}
    (b,) = geojson_to_content(_doc([feature]), "x.geojson").buildings
    assert b.footprint.geom_type == "Polygon" and b.footprint.area == 200.0


def test_utf8_bom_is_accepted(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bom.geojson"
    text = json.dumps(scenario_to_geojson(project, "Existing"))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert len(read_geojson(path).buildings) == 3


# --- malformed input -------------------------------------------------------------


def _square(x: float = 0, y: float = 0, w: float = 20, h: float = 10) -> list[Any]:
    return [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]


def _building(ident: str, **props: Any) -> dict[str, Any]:
    p = {
        "kind": "building",
        "id": ident,
        "name": "",
        "origin": None,
        "levels": [{"index": 0, "height_m": 4.0, "uses": {"craft": 1.0}}],
    }
    p.update(props)
    return {
        "type": "Feature",
        "properties": p,
        "geometry": {"type": "Polygon", "coordinates": _square()},
    }


def _doc(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "mixplan": {"version": 1},
        "features": features,
    }


def _error(doc: Any, tmp_path: Path) -> str:
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(MixplanError) as info:
        read_geojson(path)
    assert info.value.path == str(path)
    assert path.read_bytes() == before
    message = str(info.value)
    assert "\n" not in message
    return message


def _with_level(**level: Any) -> dict[str, Any]:
    base = {"index": 0, "height_m": 4.0, "uses": {"craft": 1.0}}
    base.update(level)
    return _doc(
        [_building("B7", levels=[{k: v for k, v in base.items() if v is not None}])]
    )


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([1, 2], "not a GeoJSON FeatureCollection"),
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection (found 'Feature')"),
        ({"type": "FeatureCollection"}, "no 'features' list"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"name": "x"}, "geometry": None}
                ],
            },
            "not a mixplan GeoJSON",
        ),
        (
            {"type": "FeatureCollection", "mixplan": {"version": 2}, "features": []},
            "newer mixplan (profile version 2",
        ),
        (
            _doc([{"type": "Feature", "properties": {"id": "x"}, "geometry": None}]),
            "feature 'x': has no properties.kind",
        ),
        (
            _doc(
                [
                    {
                        "type": "Feature",
                        "properties": {"kind": "tree", "id": "t1"},
                        "geometry": None,
                    }
                ]
            ),
            "unknown kind 'tree'; valid: site, building",
        ),
        (
            _with_level(uses={"craft": 0.6, "office": 0.3}),
            "feature 'B7' (building): level 1: shares sum to 0.9, not 1",
        ),
        (
            _with_level(uses={"workshop": 1.0}),
            "level 1: unknown use 'workshop'; valid uses: housing, residence, craft",
        ),
        (_with_level(uses={}), "level 1: uses must be an object"),
        (_with_level(height_m=None), "level 1: has no height_m"),
        (_with_level(height_m=-3), "level 1: level height must be positive"),
        (_with_level(access="helipad"), "unknown access 'helipad'"),
        (_with_level(nuisance="X"), "unknown nuisance class 'X'"),
        (
            _with_level(nuisance_by_use={"office": "D"}),
            "nuisance_by_use names uses not on the level: office",
        ),
        (_with_level(index=2), "index 2 is above its position"),
        (_doc([_building("B7", levels=[])]), "levels must be a non-empty list"),
        (
            _doc(
                [
                    _building(
                        "B7",
                        levels=[
                            {"index": -1, "height_m": 3, "uses": {"parking": 1}},
                            {"index": 1, "height_m": 3, "uses": {"craft": 1}},
                        ],
                    )
                ]
            ),
            "level 2: index 1 should be 0",
        ),
        (
            _doc(
                [
                    _building(
                        "B7",
                        levels=[{"index": -1, "height_m": 3, "uses": {"parking": 1}}],
                    )
                ]
            ),
            "at least one level above ground",
        ),
        (
            _doc([_building("B7"), _building("B7")]),
            "feature 'B7' (building): duplicate building id 'B7'",
        ),
        (
            _doc([_building("B7", loading_bays=1.5)]),
            "loading_bays must be a whole number",
        ),
        (_doc([_building("B7", ramp="yes")]), "ramp must be true or false"),
        (_doc([_building("B7", roof="tiles")]), "unknown roof 'tiles'"),
        (_doc([_building(None)]), "building id must be non-empty text"),
        (
            _doc(
                [
                    {
                        "type": "Feature",
                        "properties": {"kind": "cover", "id": "c1", "cover": "gravel"},
                        "geometry": {"type": "Polygon", "coordinates": _square()},
                    }
                ]
            ),
            "feature 'c1' (cover): unknown surface 'gravel'; valid: open_soil",
        ),
        (
            _doc(
                [
                    {
                        "type": "Feature",
                        "properties": {"kind": "site"},
                        "geometry": {"type": "Polygon", "coordinates": _square()},
                    }
                ]
                * 2
            ),
            "feature #2 (site): a second site feature",
        ),
    ],
)
def test_malformed_feature_is_named(doc: Any, expected: str, tmp_path: Path) -> None:
    assert expected in _error(doc, tmp_path)


def _with_geometry(geometry: Any) -> dict[str, Any]:
    feature = _building("B9")
    feature["geometry"] = geometry
    return _doc([feature])


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (None, "has no geometry"),
        (
            {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
            "geometry must be a Polygon, not 'LineString'",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10]]]},
            "a ring is not closed",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [0, 0]]]},
            "a ring needs at least 4 positions",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]],
            },
            "footprint is not a valid polygon (Self-intersection",
        ),
        (
            {"type": "Polygon", "coordinates": [[["a", 0], [1, 0], [1, 1], ["a", 0]]]},
            "a position must hold numbers",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[1e300, 0], [1e301, 0], [1e301, 1], [1e300, 0]]],
            },
            "coordinates beyond",
        ),
        (
            {"type": "MultiPolygon", "coordinates": [_square(), _square(30)]},
            "must be a single polygon, not a multipolygon of 2 parts",
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [0, 0], [0, 0], [0, 0]]]},
            "footprint",
        ),
    ],
)
def test_bad_geometry_is_named(geometry: Any, expected: str, tmp_path: Path) -> None:
    message = _error(_with_geometry(geometry), tmp_path)
    assert message.startswith("feature 'B9' (building): ")
    assert expected in message


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [}', encoding="utf-8")
    with pytest.raises(MixplanError, match=r"not JSON \(line 1, column 44"):
        read_geojson(path)


def test_nan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nan.geojson"
    text = json.dumps(_doc([_building("B1")])).replace("4.0", "NaN", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MixplanError, match="NaN is not a number JSON allows"):
        read_geojson(path)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.geojson"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(MixplanError, match="nested too deeply"):
        read_geojson(path)


def test_binary_and_empty_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.geojson"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(MixplanError, match="not UTF-8 text"):
        read_geojson(binary)
    empty = tmp_path / "e.geojson"
    empty.write_bytes(b"")
    with pytest.raises(MixplanError, match="the file is empty"):
        read_geojson(empty)
    with pytest.raises(MixplanError, match="no such file"):
        read_geojson(tmp_path / "missing.geojson")
    with pytest.raises(MixplanError, match="is a directory"):
        read_geojson(tmp_path)


def test_size_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mixplan.store.geojson_reader as module

    path = tmp_path / "s.geojson"
    doc = _doc([_building(f"B{i}") for i in range(5)])
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(module, "MAX_FEATURES", 4)
    with pytest.raises(MixplanError, match="5 features; the limit is 4"):
        read_geojson(path)
    monkeypatch.setattr(module, "MAX_FEATURES", 100)
    monkeypatch.setattr(module, "MAX_VERTICES", 12)
    with pytest.raises(MixplanError, match="more than 12 vertices"):
        read_geojson(path)
    monkeypatch.setattr(module, "MAX_FILE_BYTES", 100)
    with pytest.raises(MixplanError, match="the limit is 0 MB"):
        read_geojson(path)


def test_input_document_is_not_mutated(project: Project) -> None:
    doc = scenario_to_geojson(project, "Socle productif")
    before = copy.deepcopy(doc)
    geojson_to_content(doc)
    assert doc == before


def test_write_unknown_scenario_names_the_file(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "out.geojson"
    with pytest.raises(MixplanError, match="no scenario 'Nope'") as info:
        write_geojson(project, "Nope", path)
    assert info.value.path == str(path) and not path.exists()


def _in_one_string(doc: dict[str, Any]) -> str:
    """The formatting as it was, the whole document one string: the twin that
    the pieces are checked against."""
    one_line = {
        "coordinates": (",", ":"),
        "uses": (", ", ": "),
        "nuisance_by_use": (", ", ": "),
    }
    arrays: list[str] = []

    def compact(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in one_line:
                    arrays.append(
                        json.dumps(value, separators=one_line[key], ensure_ascii=False)
                    )
                    out[key] = f"\0mixplan-coordinates-{len(arrays) - 1}"
                else:
                    out[key] = compact(value)
            return out
        if isinstance(node, list):
            return [compact(v) for v in node]
        return node

    text = json.dumps(compact(doc), indent=2, ensure_ascii=False)
    return (
        re.sub(
            r'"\\u0000mixplan-coordinates-(\d+)"',
            lambda m: arrays[int(m.group(1))],
            text,
        )
        + "\n"
    )


def _many_buildings(project: Project, count: int) -> Project:
    scenario = project.scenario("Socle productif")
    for n in range(count):
        scenario.buildings[f"n{n}"] = Building(
            f"n{n}",
            f"Atelier « {n} »",
            box(n, 0, n + 0.5, 0.25),
            (Level.of(4.0, {"craft": 0.7, "office": 0.3}), Level.of(3.0, "housing")),
        )
    return project


def test_the_file_is_written_in_pieces_with_the_collector_paused(
    project: Project, tmp_path: Path
) -> None:
    # 1,500 more buildings: about 1 MB, written in pieces of about 128 kB (one
    # string of 16 MB at 10,000 buildings was joined, searched and encoded in
    # single calls that held the GIL 0.1 s), the collector paused meanwhile
    # (its passes over the whole heap held it too). The text is the same.
    _many_buildings(project, 1500)
    doc = scenario_to_geojson(project, "Socle productif")
    pieces = list(geojson_pieces(doc))
    assert len(pieces) >= 8
    assert all(len(piece) < 2 * 2**17 for piece in pieces)
    assert "".join(pieces) == _in_one_string(doc) == format_geojson(doc)
    seen: list[tuple[float, bool]] = []
    gc.enable()
    path = tmp_path / "s.geojson"
    write_geojson(
        project,
        "Socle productif",
        path,
        progress=lambda f: seen.append((f, gc.isenabled())),
    )
    assert gc.isenabled()
    assert len([f for f, _ in seen if f > 0.5]) >= 8
    assert not any(enabled for _, enabled in seen)
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    assert path.read_text(encoding="utf-8") == _in_one_string(doc)


@pytest.mark.parametrize("scenario", ["Existing", "Socle productif", "Vide"])
def test_pieces_equal_the_text_in_one_string(project: Project, scenario: str) -> None:
    doc = scenario_to_geojson(project, scenario)
    assert "".join(geojson_pieces(doc)) == _in_one_string(doc)


def test_a_document_without_features_in_pieces() -> None:
    doc = {"type": "FeatureCollection", "name": "x", "features": []}
    assert "".join(geojson_pieces(doc)) == _in_one_string(doc)
    assert format_geojson(doc).endswith('"features": []\n}\n')
