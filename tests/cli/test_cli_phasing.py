"""``mixplan phasing`` and C12 in ``mixplan check`` on GeoJSON written by hand.

Baseline: A box(0, 0, 20, 50) and B box(100, 0, 120, 50), 6 m craft ground floors
(SDP 1,000 × 0.92 = 920 m² each, productive-grade on assumptions); firms
Menuiserie (400 m²) and Serrurerie (300 m²) in A, Imprimerie (500 m²) in B.
Scenario "Tiroir", 3 phases: N box(200, 0, 230, 50) (1,380 m²) delivered in 1,
hosting A's firms from 2; A removed in 2; H housing on A's footprint in 3; B kept.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from clitools import call_cli, run_cli

CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}
X0, Y0 = 652_000.0, 6_862_000.0


def ring(x0: float, y0: float, x1: float, y1: float) -> dict:
    pts = [
        [X0 + x0, Y0 + y0],
        [X0 + x1, Y0 + y0],
        [X0 + x1, Y0 + y1],
        [X0 + x0, Y0 + y1],
        [X0 + x0, Y0 + y0],
    ]
    return {"type": "Polygon", "coordinates": [pts]}


def building(
    ident: str,
    geometry: dict,
    uses: str = "craft",
    storeys: int = 1,
    height: float = 6.0,
    **extra,
) -> dict:
    levels = [{"height_m": height, "uses": {uses: 1.0}} for _ in range(storeys)]
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "kind": "building",
            "id": ident,
            "name": ident,
            "levels": levels,
            **extra,
        },
    }


def collection(features: list, **header) -> dict:
    return {
        "type": "FeatureCollection",
        "mixplan": {"version": 1, **header},
        "crs": CRS,
        "features": features,
    }


BASELINE = collection(
    [
        building(
            "A",
            ring(0, 0, 20, 50),
            occupants=[
                {"name": "Menuiserie", "m2": 400, "jobs": 6},
                {"name": "Serrurerie", "m2": 300},
            ],
        ),
        building(
            "B", ring(100, 0, 120, 50), occupants=[{"name": "Imprimerie", "m2": 500}]
        ),
    ]
)

TIROIR = collection(
    [
        building(
            "N",
            ring(200, 0, 230, 50),
            delivered_in=1,
            hosts=[
                {"name": "Menuiserie", "from_phase": 2},
                {"name": "Serrurerie", "from_phase": 2},
            ],
        ),
        building(
            "H",
            ring(0, 0, 20, 50),
            uses="housing",
            storeys=3,
            height=3.0,
            delivered_in=3,
        ),
        building("B", ring(100, 0, 120, 50), origin="B"),
        {
            "type": "Feature",
            "geometry": ring(0, 0, 20, 50),
            "properties": {
                "kind": "building",
                "id": "A",
                "origin": "A",
                "removed": True,
                "demolished_in": 2,
            },
        },
    ],
    phases=[
        {"phase": 1, "name": "Hôtel"},
        {"phase": 2, "name": "Démolition"},
        {"phase": 3, "name": "Logements"},
    ],
)


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "tiroir.mixplan.gpkg"
    assert call_cli("new", path).code == 0
    result = call_cli("import", path, write(tmp_path / "base.geojson", BASELINE))
    assert result.code == 0, result.err
    return path


def test_phasing_json_by_hand(project: Path, tmp_path: Path) -> None:
    result = call_cli(
        "import", project, write(tmp_path / "t.geojson", TIROIR), "--scenario", "Tiroir"
    )
    assert result.code == 0, result.err
    run = run_cli("phasing", project, "--scenario", "Tiroir", "--json")
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    assert doc["scenario"] == "Tiroir"
    phases = [
        (
            p["phase"],
            p["name"],
            p["productive_in_use_during_m2"],
            p["productive_in_use_end_m2"],
            p["firms_without_premises"],
        )
        for p in doc["phases"]
    ]
    assert phases == [
        (1, "Hôtel", pytest.approx(1840), pytest.approx(3220), []),
        (2, "Démolition", pytest.approx(2300), pytest.approx(2300), []),
        (3, "Logements", pytest.approx(2300), pytest.approx(2300), []),
    ]
    housing = [p["housing_delivered_m2"] for p in doc["phases"]]
    assert housing[:2] == [0, 0] and housing[2] > 0
    assert [f for f in doc["findings"] if f["severity"] == "error"] == []
    check = json.loads(call_cli("check", project, "--scenario", "Tiroir", "--json").out)
    c12 = [f for f in check["scenarios"][0]["findings"] if f["rule"] == "C12"]
    assert [f["severity"] for f in c12] == ["info"]
    assert c12[0]["message"].startswith("Phased in 3 phases")


def test_a_firm_left_without_premises_fails_check(project, tmp_path) -> None:
    doc = copy.deepcopy(TIROIR)
    doc["features"][0]["properties"]["hosts"][1]["from_phase"] = 3
    assert (
        call_cli(
            "import",
            project,
            write(tmp_path / "t.geojson", doc),
            "--scenario",
            "Tiroir",
        ).code
        == 0
    )
    out = json.loads(call_cli("phasing", project, "--scenario", "Tiroir", "--json").out)
    assert [p["firms_without_premises"] for p in out["phases"]] == [
        [],
        ["Serrurerie"],
        [],
    ]
    check = call_cli("check", project, "--scenario", "Tiroir", "--json")
    assert check.code == 1
    errors = [
        f
        for f in json.loads(check.out)["scenarios"][0]["findings"]
        if f["rule"] == "C12" and f["severity"] == "error"
    ]
    assert len(errors) == 1 and "Serrurerie" in errors[0]["message"]


def test_housing_before_the_productive_capacity(project, tmp_path) -> None:
    doc = copy.deepcopy(TIROIR)
    doc["features"][1]["properties"]["delivered_in"] = 2  # H before N comes back
    doc["features"][0]["properties"]["delivered_in"] = 2  # N in phase 2
    doc["features"][0]["properties"]["hosts"] = [
        {"name": "Menuiserie", "from_phase": 3},
        {"name": "Serrurerie", "from_phase": 3},
    ]
    doc["features"][3]["properties"]["demolished_in"] = 1
    # H stands on A's footprint, delivered in 2 after A goes in 1: consistent.
    assert (
        call_cli(
            "import",
            project,
            write(tmp_path / "t.geojson", doc),
            "--scenario",
            "Tiroir",
        ).code
        == 0
    )
    out = json.loads(call_cli("phasing", project, "--scenario", "Tiroir", "--json").out)
    # End of phase 2: B 920 + N 1,380 = 2,300 ≥ 1,840: homes allowed there.
    assert out["phases"][1]["productive_in_use_end_m2"] == pytest.approx(2300)
    assert not [f for f in out["findings"] if "housing delivered" in f["message"]]
    doc["features"][0]["properties"]["delivered_in"] = 3
    assert (
        call_cli(
            "import", project, write(tmp_path / "u.geojson", doc), "--scenario", "Late"
        ).code
        == 0
    )
    out = json.loads(call_cli("phasing", project, "--scenario", "Late", "--json").out)
    # End of phase 2 now holds B alone: 920 < 1,840 with homes delivered.
    assert out["phases"][1]["productive_in_use_end_m2"] == pytest.approx(920)
    (homes,) = [f for f in out["findings"] if "housing delivered" in f["message"]]
    assert homes["targets"] == ["H"] and homes["severity"] == "error"


@pytest.mark.parametrize(
    ("change", "names"),
    [
        (
            lambda d: d["features"][0]["properties"].update(delivered_in=0),
            ["N", "delivered_in"],
        ),
        (
            lambda d: d["features"][0]["properties"].update(delivered_in=4),
            ["N", "delivered_in 4 is beyond"],
        ),
        (
            lambda d: d["features"][0]["properties"]["hosts"].append(
                {"name": "Menuiserie", "from_phase": 2}
            ),
            ["Menuiserie", "hosted twice in phase 2"],
        ),
        (
            lambda d: d["features"][0]["properties"]["hosts"].append(
                {"name": "Inconnue", "from_phase": 2}
            ),
            ["Inconnue", "no occupant"],
        ),
        (
            lambda d: d["features"][1]["properties"].update(delivered_in=1),
            ["building H", "before building A"],
        ),
    ],
)
def test_bad_phase_data_is_refused_in_one_line(
    project, tmp_path, change, names
) -> None:
    # The project gets its three phases from a first, correct scenario.
    assert (
        call_cli(
            "import",
            project,
            write(tmp_path / "ok.geojson", TIROIR),
            "--scenario",
            "Tiroir",
        ).code
        == 0
    )
    before = project.read_bytes()
    doc = copy.deepcopy(TIROIR)
    change(doc)
    result = call_cli(
        "import", project, write(tmp_path / "bad.geojson", doc), "--scenario", "Bad"
    )
    result.assert_one_line_error(*names)
    assert project.read_bytes() == before


def test_phasing_of_an_unknown_scenario(project) -> None:
    call_cli("phasing", project, "--scenario", "Nope").assert_one_line_error(
        "Nope", project.name
    )


def test_text_output_names_phases_and_moves(project, tmp_path) -> None:
    call_cli(
        "import", project, write(tmp_path / "t.geojson", TIROIR), "--scenario", "Tiroir"
    )
    out = call_cli("phasing", project, "--scenario", "Tiroir").out
    assert "phase 2: Menuiserie moves from A to N" in out


def test_text_output_names_the_buildings_of_a_move(project, tmp_path) -> None:
    doc = copy.deepcopy(TIROIR)
    assert doc["features"][0]["properties"]["id"] == "N"
    doc["features"][0]["properties"]["name"] = "Halle Nord"
    call_cli(
        "import", project, write(tmp_path / "t.geojson", doc), "--scenario", "Tiroir"
    )
    out = call_cli("phasing", project, "--scenario", "Tiroir").out
    # A has no name of its own (its id): it reads its id.
    assert "phase 2: Menuiserie moves from A to “Halle Nord” (N)\n" in out
    moves = json.loads(
        call_cli("phasing", project, "--scenario", "Tiroir", "--json").out
    )["moves"]
    assert {(m["firm"], m["from"], m["to"]) for m in moves} == {
        ("Menuiserie", "A", "N"),
        ("Serrurerie", "A", "N"),
    }
    assert "2 Démolition" in out


def _unphased(doc: dict) -> dict:
    doc = copy.deepcopy(doc)
    del doc["mixplan"]["phases"]
    for feature in doc["features"]:
        for key in ("delivered_in", "demolished_in", "hosts"):
            feature["properties"].pop(key, None)
    return doc


def test_suggest_saves_a_phasing_that_passes(project, tmp_path) -> None:
    assert (
        call_cli(
            "import",
            project,
            write(tmp_path / "u.geojson", _unphased(TIROIR)),
            "--scenario",
            "U",
        ).code
        == 0
    )
    result = call_cli("phasing", project, "--scenario", "U", "--suggest", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["suggestion"]["feasible"] and doc["suggestion"]["phases"] == 2
    assert doc["suggestion"]["moves"] == 2
    assert [f["severity"] for f in doc["findings"]] == ["info"]
    again = json.loads(call_cli("phasing", project, "--scenario", "U", "--json").out)
    assert again["phased"] and again["phases"] == doc["phases"]  # saved


def test_suggest_without_room_for_the_firms_is_one_line(project, tmp_path) -> None:
    doc = _unphased(TIROIR)
    doc["features"] = doc["features"][1:]  # no tiroir N
    assert (
        call_cli(
            "import", project, write(tmp_path / "u.geojson", doc), "--scenario", "U"
        ).code
        == 0
    )
    before = project.read_bytes()
    call_cli("phasing", project, "--scenario", "U", "--suggest").assert_one_line_error(
        "no phasing of 'U' keeps C12 true", "A"
    )
    assert project.read_bytes() == before
