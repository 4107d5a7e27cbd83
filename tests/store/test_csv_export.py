"""CSV export: one row per building × level × use, areas computed by hand."""

from __future__ import annotations

import csv
import gc
from pathlib import Path

import pytest
from shapely.geometry import box

from mixplan.model import Building, Level, MixplanError, Project
from mixplan.store.csv_export import COLUMNS, write_csv


def _read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_rows_and_areas_by_hand(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "existing.csv"
    write_csv(project, "Existing", path)
    rows = _read(path)
    assert list(rows[0]) == list(COLUMNS)
    # B1: basement parking, ground craft/office, set-back storey 3 uses;
    # B2: 3 levels (2 uses + 1 + 1); B3: 1 level → 1 + 2 + 3 + 2 + 1 + 1 + 1 rows
    assert len(rows) == 11
    b1 = [r for r in rows if r["building_id"] == "B1"]
    assert [(r["level_index"], r["use"]) for r in b1] == [
        ("-1", "parking"),
        ("0", "craft"),
        ("0", "office"),
        ("1", "industry"),
        ("1", "craft"),
        ("1", "retail"),
    ]
    # Footprint 60 × 30 = 1800 m²; the set-back storey is 40 × 20 = 800 m².
    # The rulebook's sdp_factor is edited to 0.9 in this project.
    parking, craft, office, industry = b1[0], b1[1], b1[2], b1[3]
    assert (float(parking["gross_m2"]), float(parking["sdp_m2"])) == (1800.0, 0.0)
    assert (float(craft["gross_m2"]), float(craft["sdp_m2"])) == (1260.0, 1134.0)
    assert float(office["share"]) == 0.3 and float(office["gross_m2"]) == 540.0
    assert (float(industry["gross_m2"]), float(industry["sdp_m2"])) == (400.0, 360.0)
    assert craft["family"] == "productive" and parking["family"] == "non_floor_area"
    assert craft["use_label_fr"] == "Artisanat de production"
    assert craft["level_height_m"] == "6.5"
    # Accents and guillemets survive (Îlot « Cour »).
    assert {r["building_name"] for r in rows} >= {"Îlot « Cour »", "Halle Nord"}


def test_one_third_shares_sum_back_to_the_level_area(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "existing.csv"
    write_csv(project, "Existing", path)
    ground = [
        r for r in _read(path) if r["building_id"] == "B2" and r["level_index"] == "0"
    ]
    footprint = project.baseline.buildings["B2"].footprint.area  # 60×40 − 20×20
    assert footprint == 2000.0
    assert sum(float(r["gross_m2"]) for r in ground) == pytest.approx(2000.0, abs=0.01)


def test_empty_scenario_has_only_the_header(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    write_csv(project, "Vide", path)
    assert path.read_bytes().decode("utf-8-sig") == ",".join(COLUMNS) + "\r\n"


def test_unknown_scenario(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with pytest.raises(MixplanError, match="no scenario 'Nope'") as info:
        write_csv(project, "Nope", path)
    assert info.value.path == str(path) and not path.exists()


def test_rows_are_written_a_batch_at_a_time_with_the_collector_paused(
    project: Project, tmp_path: Path
) -> None:
    # 1,300 buildings of one level and one use: 1,300 rows, written as 512 +
    # 512 + 276 (writerows of every row at once held the GIL 0.2 s at 10,000
    # buildings); the collector paused meanwhile (its passes did too).
    scenario = project.scenario("Vide")
    for n in range(1300):
        scenario.buildings[f"n{n}"] = Building(
            f"n{n}", "Shed", box(0, 0, 10, 10), (Level.of(4.0, "craft"),)
        )
    seen: list[tuple[float, bool]] = []
    gc.enable()
    write_csv(
        project,
        "Vide",
        tmp_path / "v.csv",
        progress=lambda f: seen.append((round(f, 4), gc.isenabled())),
    )
    assert gc.isenabled()
    written = [(f, enabled) for f, enabled in seen if f > 0.8]
    assert written == [
        (round(0.8 + 0.2 * 512 / 1300, 4), False),
        (round(0.8 + 0.2 * 1024 / 1300, 4), False),
        (1.0, False),
        (1.0, False),
    ]
    with (tmp_path / "v.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 1 + 1300
    assert rows[1][1] == "n0" and rows[-1][1] == "n1299"
