"""The Qt boundary of DESIGN §3: only mixplan.ui may import PySide6."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mixplan"


def test_lower_packages_load_without_qt_in_a_fresh_interpreter():
    code = (
        "import sys, pkgutil, importlib, mixplan\n"
        "for m in pkgutil.walk_packages(mixplan.__path__, 'mixplan.'):\n"
        "    if m.name.startswith('mixplan.ui') or m.name == 'mixplan.__main__':\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in "
        "('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stdout.strip() == "", f"Qt loaded by a non-ui module: {out.stdout}"


def test_no_module_outside_ui_imports_qt_even_lazily():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("mixplan/ui/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []


def test_import_linter_contracts_hold():
    # The console script sits beside the interpreter (lint-imports.exe on Windows).
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is not installed"
    out = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_pyplot_in_library_code():
    hits = [
        p for p in PACKAGE.rglob("*.py") if "pyplot" in p.read_text(encoding="utf-8")
    ]
    assert hits == []


def test_heavy_modules_are_not_imported_by_the_cli_module():
    code = (
        "import sys, mixplan.cli, mixplan.model, mixplan.store\n"
        "heavy = ('matplotlib', 'reportlab', 'pyogrio', 'ezdxf', 'scipy', 'PySide6')\n"
        "print(','.join(sorted(k for k in sys.modules if k.split('.')[0] in heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stdout.strip() == ""
