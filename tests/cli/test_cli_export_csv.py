"""``mixplan export -o OUT.csv``: one row per building × level × use, with its m²."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from clitools import call_cli, digest, run_cli
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.store import save_project


def _small_project(path: Path) -> None:
    project = Project.new("Petit site")
    project.site = Site(box(0, 0, 100, 50), "Îlot test")
    workshop = Building(
        "b1",
        "Atelier Martin",
        box(0, 0, 20, 10),  # 200 m²
        (
            Level.of(3.0, "parking"),
            Level.of(
                5.5,
                {"craft": 0.6, "office": 0.4},
                load_kn_m2=15,
                access="street",
                nuisance="D",
            ),
            # A set-back storey: its own 10 × 10 m polygon.
            Level.of(2.9, "housing", polygon=box(0, 0, 10, 10)),
        ),
        basements=1,
    )
    shed = Building(
        "b2",
        "Hangar",
        box(30, 0, 50, 20),  # 400 m²
        (Level.of(7.0, "warehouse", load_kn_m2=20, access="yard"),),
    )
    project.baseline.buildings = {"b1": workshop, "b2": shed}
    save_project(project, path)


def test_export_csv_rows_and_areas(tmp_path: Path) -> None:
    project = tmp_path / "petit.mixplan.gpkg"
    _small_project(project)
    before = digest(project)
    out = tmp_path / "surfaces.csv"
    result = run_cli("export", project, "-o", out)
    assert result.code == 0, result.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the accents
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = [
        (
            r["building_id"],
            int(r["level_index"]),
            r["use"],
            float(r["share"]),
            float(r["gross_m2"]),
            float(r["sdp_m2"]),
        )
        for r in rows
    ]
    # Hand-computed: gross = level area × share; SDP = gross × 0.92, 0 for parking,
    # and housing (common parts by default) × 0.92 × 0.90 (R111-22 8°).
    assert got == [
        ("b1", -1, "parking", 1.0, 200.0, 0.0),
        ("b1", 0, "craft", 0.6, 120.0, 110.4),
        ("b1", 0, "office", 0.4, 80.0, 73.6),
        ("b1", 1, "housing", 1.0, 100.0, 82.8),
        ("b2", 0, "warehouse", 1.0, 400.0, 368.0),
    ]
    assert {r["scenario"] for r in rows} == {"Existing"}
    assert rows[1]["building_name"] == "Atelier Martin"
    assert rows[1]["family"] == "productive" and rows[2]["family"] == "tertiary"
    assert rows[3]["level_height_m"] == "2.9"
    assert sum(float(r["sdp_m2"]) for r in rows) == pytest.approx(634.8)
    assert digest(project) == before


def test_export_csv_of_a_demo_scenario(demo_file: Path, tmp_path: Path) -> None:
    from mixplan.store.demo import build_demo

    demo = build_demo()
    out = tmp_path / "hotel.csv"
    result = call_cli("export", demo_file, "--scenario", "Hôtel d'activités", "-o", out)
    assert result.code == 0, result.err
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    scenario = demo.scenario("Hôtel d'activités")
    assert len(rows) == sum(
        len(lv.uses) for b in scenario.buildings.values() for lv in b.levels
    )
    gross = sum(
        b.level_area(lv) for b in scenario.buildings.values() for lv in b.levels
    )
    assert abs(sum(float(r["gross_m2"]) for r in rows) - gross) < 0.01 * len(rows)
