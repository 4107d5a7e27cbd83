"""``mixplan import`` and ``mixplan export -o x.dxf`` through the real command.

Every fixture case runs through :func:`mixplan.cli.main` in ONE subprocess (a fresh
interpreter, as a user gets, without paying its start-up per case): the batch
records each case's exit code, stdout, stderr and the project file's digest after
it. The tests then check: bad input → exit 2, one line naming the file, project
untouched; good input → exit 0, the summary, the ``--report`` JSON; and that no
source file changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "store"))

from import_fixtures import X0, Y0, build_all  # noqa: E402

DRIVER = r"""
import hashlib, io, json, sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from mixplan.cli import main

results = []
for case in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(case["argv"])
        except SystemExit as exc:
            code = int(exc.code or 0)
    project = Path(case["project"])
    digest = (hashlib.sha256(project.read_bytes()).hexdigest()
              if project.exists() else None)
    results.append({"name": case["name"], "code": code, "out": out.getvalue(),
                    "err": err.getvalue(), "digest": digest})
json.dump(results, sys.stdout)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sources(fx: dict[str, Path]) -> dict[str, str]:
    files = {}
    for path in fx.values():
        folder = path.parent
        for sibling in folder.glob(path.stem + ".*"):
            files[str(sibling)] = _digest(sibling)
    return files


BAD = [
    ("no_crs", [], "no coordinate reference system"),
    ("plain_projected", [], "not longitude/latitude"),
    ("empty", [], "holds no feature"),
    ("truncated", [], "truncated"),
    ("truncated_gpkg", [], "malformed"),
    ("garbage", [], "cannot read this file as GIS data"),
    ("garbage_shp", [], "cannot read this file as GIS data"),
    ("zip_slip", [], "points outside the archive"),
    ("nested", [], "nested too deeply"),
    (
        "dxf_open",
        ["--layer-map", "Offices=office", "--origin", "0,0"],
        "no closed outline",
    ),
    ("gpkg", [], "choose one with --layer: buildings (MultiPolygon), parcels"),
    ("gpkg", ["--layer", "buildings", "--where", "nope = 1"], "--where"),
    ("gpkg", ["--layer", "roads"], "no layer 'roads'"),
    (
        "fgb",
        ["--use-field", "usage", "--use-map", "Entrepôt=factory"],
        "unknown code 'factory'",
    ),
    ("fgb", ["--default-use", "factory"], "unknown use 'factory'"),
    (
        "dxf_plan",
        ["--layer-map", "Floor=outline", "--origin", "east"],
        "--origin 'east' is not X,Y",
    ),
    ("dxf_plan", ["--layer-map", "Floor=outline"], "--origin X,Y"),
    ("fgb", ["--clip-to-site"], "no site yet"),
    ("fgb", ["--as", "cover"], "say which surface"),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("import-cli")
    fx = build_all(folder / "fixtures")
    sources_before = _sources(fx)
    bad = folder / "bad.mixplan.gpkg"
    good = folder / "good.mixplan.gpkg"
    ny = folder / "ny.mixplan.gpkg"
    cases: list[dict] = [
        {"name": "new bad", "argv": ["new", str(bad)], "project": str(bad)},
        {"name": "new good", "argv": ["new", str(good)], "project": str(good)},
        {
            "name": "new ny",
            "argv": ["new", str(ny), "--crs", "EPSG:32618"],
            "project": str(ny),
        },
    ]
    for n, (name, extra, _) in enumerate(BAD):
        cases.append(
            {
                "name": f"bad {n}",
                "project": str(bad),
                "argv": ["import", str(bad), str(fx[name]), *extra],
            }
        )
    report = folder / "report.json"
    good_cases = {
        "gpkg": [
            str(fx["gpkg"]),
            "--layer",
            "buildings",
            "--use-field",
            "usage",
            "--use-map",
            "Entrepôt=warehouse,Résidentiel=housing,Bureaux=office",
            "--height-field",
            "hauteur",
            "--levels-field",
            "etages",
            "--scenario",
            "GPKG",
            "--report",
            str(report),
        ],
        "zip": [str(fx["zip"]), "--scenario", "Zip"],
        "shp": [str(fx["shp"]), "--scenario", "Shp"],
        "fgb": [str(fx["fgb"]), "--scenario", "Fgb"],
        "clash": [str(fx["fgb"]), "--scenario", "Fgb"],
        "bowtie": [str(fx["bowtie"]), "--scenario", "Repairs"],
        "hole": [str(fx["hole_outside"]), "--scenario", "Repairs"],
        "zero": [str(fx["zero_area"]), "--scenario", "Repairs"],
        "repairs": [
            str(fx["repairs"]),
            "--scenario",
            "Repairs",
            "--report",
            str(folder / "repairs.json"),
        ],
        "swapped": [str(fx["swapped_axes"]), "--scenario", "Lyon"],
        "crs": [str(fx["no_crs"]), "--crs", "EPSG:2154", "--scenario", "NoCrs"],
        "site": [str(fx["gpkg"]), "--layer", "parcels", "--as", "site"],
        "dxf": [
            str(fx["dxf_plan"]),
            "--scenario",
            "Plan",
            "--layer-map",
            "Floor=outline,Offices=office,Shop=retail,Store=warehouse",
        ],
        "profile": [
            str(fx["mixplan_profile"]),
            "--scenario",
            "Profile",
            "--as",
            "buildings",
        ],
    }
    for name, argv in good_cases.items():
        cases.append(
            {"name": name, "project": str(good), "argv": ["import", str(good), *argv]}
        )
    cases.append(
        {
            "name": "feet",
            "project": str(ny),
            "argv": ["import", str(ny), str(fx["feet"]), "--levels-field", "floors"],
        }
    )
    out_dxf = folder / "plan.dxf"
    cases.append(
        {
            "name": "export dxf",
            "project": str(good),
            "argv": ["export", str(good), "--scenario", "Plan", "-o", str(out_dxf)],
        }
    )
    cases.append(
        {"name": "info", "project": str(good), "argv": ["info", str(good), "--json"]}
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env=env,
        cwd=folder,
    )
    assert proc.returncode == 0, proc.stderr
    results = {r["name"]: r for r in json.loads(proc.stdout)}
    return {
        "results": results,
        "fx": fx,
        "sources_before": sources_before,
        "folder": folder,
        "report": report,
        "out_dxf": out_dxf,
    }


def test_bad_inputs_exit_2_with_one_line_and_leave_the_project_untouched(batch):
    results = batch["results"]
    created = results["new bad"]
    assert created["code"] == 0
    for n, (name, _, message) in enumerate(BAD):
        r = results[f"bad {n}"]
        assert r["code"] == 2, (name, r)
        assert r["out"] == "" and r["err"].count("\n") == 1, (name, r["err"])
        assert r["err"].startswith("mixplan: ") and "Traceback" not in r["err"]
        assert message in r["err"], (name, r["err"])
        assert r["digest"] == created["digest"], f"{name} changed the project"


def test_no_source_file_is_changed(batch):
    assert _sources(batch["fx"]) == batch["sources_before"]


def test_good_imports_print_the_summary_and_save(batch):
    results = batch["results"]
    for name in (
        "gpkg",
        "zip",
        "shp",
        "fgb",
        "bowtie",
        "hole",
        "zero",
        "repairs",
        "swapped",
        "crs",
        "site",
        "dxf",
        "profile",
        "feet",
    ):
        r = results[name]
        assert r["code"] == 0 and r["err"] == "", (name, r)
        assert r["out"].startswith("Imported "), (name, r["out"])
    assert "(created)" in results["gpkg"]["out"]
    assert "axes swapped" in results["swapped"]["out"]
    assert "from EPSG:2263, US survey foot → metre" in results["feet"]["out"]
    assert "not georeferenced" in results["dxf"]["out"]
    info = json.loads(results["info"]["out"])
    counts = {s["name"]: s["buildings"] for s in info["scenarios"]}
    assert counts == {
        "Existing": 0,
        "GPKG": 4,
        "Zip": 4,
        "Shp": 4,
        "Fgb": 4,
        "Repairs": 2 + 1 + 1 + 2,
        "Lyon": 1,
        "NoCrs": 1,
        "Plan": 1,
        "Profile": 1,
    }
    assert info["site_area_m2"] == pytest.approx(4900.0)  # the 70 × 70 m parcel


def test_an_id_clash_is_an_error_not_an_overwrite(batch):
    r = batch["results"]["clash"]
    assert r["code"] == 2 and "already in scenario 'Fgb'" in r["err"]
    assert r["digest"] == batch["results"]["fgb"]["digest"]


def test_report_json(batch):
    report = json.loads(batch["report"].read_text("utf-8"))
    assert report["features_read"] == 3 and report["imported"] == 4
    assert report["levels_inferred_from_height"] == 3
    assert report["scenario_created"] is True
    assert report["uses"] == {"warehouse": 1, "housing": 1, "office": 2}
    repairs = json.loads((batch["folder"] / "repairs.json").read_text("utf-8"))
    assert repairs["repaired"]["by_repair"] == {
        "ring closed": 1,
        "duplicate vertices removed": 1,
    }
    assert repairs["skipped"]["total"] == 3


def test_export_dxf_reads_back_with_ezdxf(batch):
    import ezdxf

    r = batch["results"]["export dxf"]
    assert r["code"] == 0, r
    doc = ezdxf.readfile(batch["out_dxf"])
    (insert,) = doc.modelspace().query("INSERT")
    values = {a.dxf.tag: a.dxf.text for a in insert.attribs}
    # The plan: 200 m², one 3.5 m storey (office is the largest assigned use).
    assert values["GFA_M2"] == "200.0" and values["STOREYS"] == "R+0"
    assert insert.dxf.layer == "MIXPLAN_TERTIARY"
    (outline,) = doc.modelspace().query("LWPOLYLINE[layer=='MIXPLAN_TERTIARY']")
    # Placed with its centre on the parcel's centre (X0 + 25, Y0 + 25).
    xs = sorted(x for x, *_ in outline.get_points())
    ys = sorted(y for _, y, *_ in outline.get_points())
    assert (xs[0], xs[-1]) == pytest.approx((X0 + 15, X0 + 35))
    assert (ys[0], ys[-1]) == pytest.approx((Y0 + 20, Y0 + 30))
