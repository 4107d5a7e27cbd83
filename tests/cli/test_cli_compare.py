"""``mixplan compare``: indicators and rule verdicts, scenarios as columns (DESIGN §8).

The project is small enough to compute by hand. Site 100 m × 50 m = 5,000 m².
Baseline: ``A`` box(0, 0, 20, 10) = 200 m², one craft level of 5 m, 12 kN/m²,
street access: productive-grade, SDP = 200 × 0.92 = 184 m², FAR 0.0368.
``Plus`` adds ``N`` box(40, 0, 60, 10), the same craft level: SDP 368 m²
(+184), FAR 0.0736, retention 2.0, C09 passes. ``Minus`` removes ``A``: SDP 0,
retention 0, C09 fails with one error.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from clitools import call_cli, digest
from shapely.geometry import box

from mixplan.model import Building, Level, Project, Site
from mixplan.model.commands import AddBuilding, AddScenario, RemoveBuilding
from mixplan.store import save_project


def _craft(bid: str, x: float) -> Building:
    return Building(
        bid,
        f"Atelier {bid}",
        box(x, 0, x + 20, 10),
        (Level.of(5.0, "craft", load_kn_m2=12.0, access="street"),),
    )


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    project = Project.new("Compare test")
    project.site = Site(box(0, 0, 100, 50))
    project.baseline.buildings["A"] = _craft("A", 0)
    AddScenario("Plus").apply(project)
    AddBuilding("Plus", _craft("N", 40)).apply(project)
    AddScenario("Minus").apply(project)
    RemoveBuilding("Minus", "A").apply(project)
    path = tmp_path / "compare.mixplan.gpkg"
    save_project(project, path)
    return path


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel shows accents"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_holds_hand_computed_indicators_and_verdicts(project_file: Path) -> None:
    out = project_file.parent / "comparison.csv"
    before = digest(project_file)
    result = call_cli("compare", project_file, "-o", out)
    assert result.code == 0, result.err
    assert "3 scenarios" in result.out
    assert digest(project_file) == before
    rows = _csv_rows(out)
    assert rows[0] == [
        "table",
        "key",
        "label",
        "unit",
        "Existing (baseline)",
        "Plus",
        "Minus",
    ]
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    sdp = by_key[("indicators", "sdp_m2")]
    assert sdp[3] == "m²"
    assert [float(v) for v in sdp[4:]] == pytest.approx([184.0, 368.0, 0.0])
    far = by_key[("indicators", "far")]
    assert [float(v) for v in far[4:]] == pytest.approx([0.0368, 0.0736, 0.0])
    retention = by_key[("indicators", "productive_retention")]
    assert [float(v) for v in retention[5:]] == pytest.approx([2.0, 0.0])
    delta = by_key[("delta", "sdp_m2")]
    assert delta[4] == ""  # the baseline has no change from itself
    assert [float(v) for v in delta[5:]] == pytest.approx([184.0, -184.0])
    use = by_key[("indicators", "sdp_by_use_m2.craft")]
    assert [float(v) for v in use[4:]] == pytest.approx([184.0, 368.0, 0.0])
    c09 = by_key[("rules", "C09")]
    assert c09[3] == ""
    assert c09[5] == "pass"
    assert c09[6] == "fail (1)"


def test_xlsx_has_one_sheet_per_table_with_numbers(project_file: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = project_file.parent / "comparaison.xlsx"
    result = call_cli(
        "compare", project_file, "-o", out, "--lang", "fr", "--scenario", "Minus"
    )
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Indicateurs",
        "Écart à l'existant",
        "Règles",
        "Constats",
    ]
    sheet = book["Indicateurs"]
    header = [c.value for c in sheet[1]]
    # The baseline is always the first scenario column, even when not asked for.
    assert header == ["clé", "libellé", "unité", "Existing (existant)", "Minus"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["sdp_m2"][1] == "Surface de plancher (SDP)"
    assert rows["sdp_m2"][3] == pytest.approx(184.0)
    assert rows["productive_retention"][4] == pytest.approx(0.0)
    rules = {r[0]: r for r in book["Règles"].iter_rows(min_row=2, values_only=True)}
    assert rules["C09"][2:] == ("conforme", "non conforme (1)")
    findings = list(book["Constats"].iter_rows(min_row=2, values_only=True))
    c09 = [f for f in findings if f[0] == "Minus" and f[1] == "C09"]
    assert len(c09) == 1 and c09[0][2] == "erreur"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("-o", "{dir}/out.pdf"), ["out.pdf", "unknown comparison format"]),
        (("-o", "{dir}/out.csv", "--scenario", "Nowhere"), ["Nowhere"]),
        (("-o", "{dir}/missing/out.csv"), ["missing"]),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    project_file: Path, args: tuple[str, ...], names: list[str]
) -> None:
    before = digest(project_file)
    folder = project_file.parent
    result = call_cli("compare", project_file, *(a.format(dir=folder) for a in args))
    result.assert_one_line_error(*names)
    assert digest(project_file) == before
    assert not (folder / "out.csv").exists() and not (folder / "out.pdf").exists()
