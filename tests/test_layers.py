"""The layer contracts of DESIGN §3 are honest: they catch what they promise.

``lint-imports`` runs on a copy of the package with one forbidden import added
(lazily, inside a function, where a quick reading would not see it): the
contracts must break and name it. The untouched package keeps them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter missing")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
        timeout=300,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "mixplan", tree / "mixplan", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # A lazy import of the GUI inside the store: up the layers, and to Qt.
        ("store/probe.py", "from mixplan.ui import app", "mixplan.store"),
        # The engine reaching into the store (siblings that must stay apart).
        ("engine/probe.py", "from mixplan.store import gpkg", "mixplan.engine"),
        # The command line opening another window module than the one named.
        ("cli_probe.py", "from mixplan.ui import main_window", "mixplan.cli_probe"),
    ],
)
def test_a_forbidden_lazy_import_breaks_the_contracts(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    tree = _copy(tmp_path)
    if module == "cli_probe.py":
        # Inside the command line module itself, as a second upward import.
        target = tree / "mixplan" / "cli.py"
        target.write_text(
            target.read_text() + f"\n\ndef _probe() -> None:\n    {line}  # noqa\n"
        )
        broken = "mixplan.cli"
    else:
        (tree / "mixplan" / module).write_text(
            f"def probe() -> None:\n    {line}  # noqa\n"
        )
    result = _lint(tree)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout and broken in result.stdout


def test_the_package_keeps_its_contracts(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout
