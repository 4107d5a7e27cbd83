"""``mixplan report FILE -o OUT.pdf [--lang] [--scenario …]``, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mixplan.cli import main
from tests.report.conftest import outline_titles, pdf_text


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.mixplan.gpkg"
    assert main(["demo", str(path)]) == 0
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "mixplan", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_writes_the_english_report_of_one_scenario(demo_file: Path,
                                                       tmp_path: Path) -> None:
    from mixplan.store import open_project

    project = open_project(demo_file)
    chosen = project.scenarios[1].name
    out = tmp_path / "council.pdf"
    result = _run("report", str(demo_file), "-o", str(out), "--lang", "en",
                  "--scenario", chosen)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(out) in result.stdout
    top = [t for level, t, _ in outline_titles(out) if level == 0]
    assert top[1] == "Summary" and f"Scenario: {chosen}" in top
    assert len([t for t in top if t.startswith("Scenario:")]) == 1
    assert project.name in pdf_text(out)[0]


def test_cli_bad_scenario_is_one_line_and_exit_2(demo_file: Path,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    before = demo_file.read_bytes()
    result = _run("report", str(demo_file), "-o", str(out), "--scenario", "Nope")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(demo_file) in lines[0] and "Nope" in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert demo_file.read_bytes() == before


def test_cli_unwritable_output_is_one_line(demo_file: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    out = tmp_path / "missing" / "r.pdf"
    assert main(["report", str(demo_file), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "does not exist" in err
