"""Bad input never gives a traceback: exit 2, one line naming the file, nothing touched.

Each kind of bad project file goes once through the real command in a subprocess;
then every command that opens a project is swept over every kind in this process
(the same ``main``), which a subprocess per case would make slow.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from clitools import call_cli, digest, run_cli

#: Each kind of bad project file, with words its one-line error must contain.
PROBLEMS = {
    "missing": "no such file",
    "directory": "directory",
    "text": "not a mixplan project",
    "random_sqlite": "not a GeoPackage",
    "foreign_gpkg": "not a mixplan project",
    "truncated": "truncated",
    "empty": "empty",
}
KINDS = list(PROBLEMS)


def _state(path: Path) -> str | None:
    return digest(path) if path.exists() else None


def test_info_on_each_bad_file_exits_2_with_one_line(bad_inputs: dict) -> None:
    before = {kind: _state(bad_inputs[kind]) for kind in KINDS}
    # One real process per kind, run side by side to save wall time.
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = pool.map(lambda k: run_cli("info", bad_inputs[k], "--json"), KINDS)
        results = dict(zip(KINDS, runs, strict=True))
    for kind in KINDS:
        results[kind].assert_one_line_error(bad_inputs[kind], PROBLEMS[kind])
        assert _state(bad_inputs[kind]) == before[kind]


def _commands(out: Path, source: Path) -> list[tuple[object, ...]]:
    """Every command that opens a project, with ``{}`` where the project goes."""
    return [
        ("info", "{}"),
        ("info", "{}", "--json"),
        ("scenario", "{}", "list"),
        ("scenario", "{}", "add", "Variante"),
        ("scenario", "{}", "rename", "Existing", "Base"),
        ("scenario", "{}", "delete", "Variante"),
        ("export", "{}", "-o", out / "out.geojson"),
        ("export", "{}", "--scenario", "Existing", "-o", out / "out.csv"),
        ("import", "{}", source),
        ("check", "{}"),
        ("check", "{}", "--json"),
        ("rules", "{}"),
        ("rules", "{}", "--export", out / "rules.toml"),
        ("report", "{}", "-o", out / "report.pdf"),
    ]


def test_every_command_refuses_every_bad_file(
    bad_inputs: dict, demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    source = tmp_path / "existing.geojson"
    assert call_cli("export", demo_file, "-o", source).code == 0
    failures = []
    for kind in KINDS:
        path = bad_inputs[kind]
        before = _state(path)
        for command in _commands(out, source):
            args = [path if a == "{}" else a for a in command]
            result = call_cli(*args)
            try:
                result.assert_one_line_error(path)
            except AssertionError:
                failures.append((kind, command[0], result.code, result.err))
            assert _state(path) == before, (kind, command)
            assert list(out.iterdir()) == [], (kind, command)
    assert not failures, "\n".join(map(str, failures))


def test_unknown_scenario_is_refused(demo_file: Path, tmp_path: Path) -> None:
    before = digest(demo_file)
    out = tmp_path / "out.geojson"
    result = run_cli("export", demo_file, "--scenario", "Nulle part", "-o", out)
    result.assert_one_line_error(demo_file, "Nulle part")
    assert not out.exists()
    for args in (
        ("check", demo_file, "--scenario", "Nulle part", "--json"),
        ("report", demo_file, "--scenario", "Nulle part", "-o", tmp_path / "r.pdf"),
        ("export", demo_file, "--scenario", "Nulle part", "-o", tmp_path / "o.csv"),
    ):
        call_cli(*args).assert_one_line_error(demo_file, "Nulle part")
    assert digest(demo_file) == before
    assert list(tmp_path.iterdir()) == []


def test_bad_usage_exits_2_with_one_line(demo_file: Path, tmp_path: Path) -> None:
    for args in (("info",), ("frobnicate", demo_file), ("export", demo_file)):
        result = run_cli(*args)
        assert result.code == 2, result
        assert result.out == "" and result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err and "usage" not in result.err.lower()
    for args in (
        ("scenario", demo_file),
        ("scenario", demo_file, "add"),
        ("new", tmp_path / "x.mixplan.gpkg", "--crs"),
        ("import", demo_file, tmp_path / "a.geojson", "--as", "roads"),
        ("report", demo_file, "-o", tmp_path / "r.pdf", "--lang", "de"),
        ("info", demo_file, "--jsn"),
    ):
        result = call_cli(*args)
        assert result.code == 2 and result.out == "", (args, result)
        assert result.err.count("\n") == 1, (args, result.err)
    assert list(tmp_path.iterdir()) == []


def test_bad_outputs_and_sources_are_refused(demo_file: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.mixplan.gpkg"
    shutil.copyfile(demo_file, project)
    before = digest(project)
    (tmp_path / "a folder.geojson").mkdir()
    cases = [
        (("export", project, "-o", tmp_path / "nowhere" / "o.geojson"), "o.geojson"),
        (("export", project, "-o", tmp_path / "a folder.geojson"), "a folder"),
        (("export", project, "-o", tmp_path / "o.txt"), "o.txt"),
        (("export", project, "--format", "geojson", "-o", project), "itself"),
        (("rules", project, "--export", project), "itself"),
        (("report", project, "-o", tmp_path / "." / "p.mixplan.gpkg"), "itself"),
        (("import", project, tmp_path / "absent.geojson"), "absent.geojson"),
        (("import", project, tmp_path / "a folder.geojson"), "a folder"),
    ]
    for args, name in cases:
        call_cli(*args).assert_one_line_error(name)
        assert digest(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a folder.geojson",
        "p.mixplan.gpkg",
    ]
    # A scenario file that is not JSON at all, through the real command.
    junk = tmp_path / "junk.geojson"
    junk.write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    run_cli("import", project, junk).assert_one_line_error(junk)
    assert digest(project) == before
    json.loads(call_cli("info", project, "--json").out)
